"""Markdown with YAML front matter in: the article a static-site file describes.

Reads what ``export.markdown`` writes, and the front matter people write by
hand for Hugo and Jekyll: ``title`` (or ``headline``), ``description`` (or
``lead``), ``author`` (a name or a list), ``date``, ``categories`` for the
section when there is no ``section``, ``draft: true`` for a draft. Keys
Newsroom has no use for (``layout``, ``weight``…) are ignored, as a static
site generator would. YAML's own dates and times become ISO text.

The body is everything after the closing ``---`` line, exactly.

The front matter is read with YAML's safe loader, without aliases (``*name``
repeats what ``&name`` marked: a kilobyte of them nested expands to
gigabytes), and at most ``FRONT_MATTER_MAX`` characters of it (PyYAML reads
about 250 KB a second of small keys; our own exports write a few KB).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import yaml

from newsroom.errors import NewsroomError
from newsroom.imports.json_input import DIGITS_MAX
from newsroom.imports.nitf import photo_path

FRONT_MATTER_MAX = 256_000

# ---, the YAML, then --- (or ...) on a line of its own.
_FRONT_MATTER = re.compile(
    r"\A---[ \t]*\r?\n(?P<yaml>.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE
)


def has_front_matter(text: str) -> bool:
    return text.startswith("---") and text[3:].lstrip(" \t")[:1] in ("\n", "\r")


def read_markdown(data: bytes) -> dict[str, Any]:
    """The article in a Markdown file with YAML front matter."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise NewsroomError(
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at position {error.start})"
        ) from None
    return markdown_article(text)


def markdown_article(text: str) -> dict[str, Any]:
    matter, body = split_front_matter(text)
    return _FrontMatter(matter).article(body)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The parsed front matter and the body after it."""
    found = _FRONT_MATTER.match(text)
    if not has_front_matter(text) or found is None:
        raise NewsroomError(
            "no front matter: the file must begin with a line '---', the YAML, "
            "and another line '---'"
        )
    source = found.groupdict().get("yaml") or ""
    if len(source) > FRONT_MATTER_MAX:
        raise NewsroomError(
            f"front matter of {len(source):,} characters: at most {FRONT_MATTER_MAX:,}; "
            "move long text into the body"
        )
    try:
        matter = yaml.load(source, Loader=_FrontMatterLoader)  # noqa: S506 (safe, no aliases)
    except yaml.YAMLError as error:
        raise NewsroomError(f"broken YAML front matter{_where(error)}") from None
    except RecursionError:
        raise NewsroomError("YAML front matter nested too deeply to read") from None
    if matter is None:
        matter = {}
    if not isinstance(matter, dict):
        raise NewsroomError("the front matter must be YAML keys and values (a mapping)")
    return matter, text[found.end() :]


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader, refusing aliases (the "billion laughs" of YAML), keys given
    twice (YAML would keep the last silently, as the JSON import refuses to) and whole
    numbers too long to be any field's value (Python converts at most 4,300 digits and
    raises a bare ValueError beyond; this is a YAML error with its line instead)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, str | int) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} appears twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed; write the value out", event.start_mark
            )
        return super().compose_node(parent, index)


def _whole_number(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    digits = sum(character.isdigit() for character in node.value)
    if digits > DIGITS_MAX:
        raise yaml.constructor.ConstructorError(
            None, None, f"a number {digits} digits long; no field takes one that long",
            node.start_mark,
        )  # fmt: skip
    return loader.construct_yaml_int(node)


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:int", _whole_number)


def _where(error: yaml.YAMLError) -> str:
    """Where YAML found the problem, as a line of the whole file (the YAML starts on line 2)."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error).split("\n", 1)[0]
    if mark is None:
        return f": {problem}"
    return f" (line {mark.line + 2}, column {mark.column + 1}): {problem}"


class _FrontMatter:
    def __init__(self, matter: dict[str, Any]) -> None:
        self.matter = matter

    def get(self, *keys: str, default: Any = "") -> Any:
        for key in keys:
            if key in self.matter and self.matter[key] is not None:
                return self.matter[key]
        return default

    def article(self, body: str) -> dict[str, Any]:
        article: dict[str, Any] = {}
        if self.get("slug"):
            article["slug"] = self.get("slug")
        article["headline"] = self.get("title", "headline")
        article["subtitle"] = self.get("subtitle")
        article["section"] = self.section()
        article["byline"] = _names(self.get("author", "byline"))
        article["dateline"] = self.dateline()
        article["lead"] = self.get("description", "lead", "summary")
        article["body"] = body
        article["quotes"] = self.get("quotes", default=[])
        article["photo"] = self.photo()
        article["related"] = [_related(entry) for entry in _list(self.get("related", default=[]))]
        article["mark"] = self.get("mark")
        if self.get("source", default=None) is not None:
            article["source"] = self.get("source")  # the article format checks it
        status = self.get("status") or ("draft" if self.get("draft") is True else "")
        if status:
            article["status"] = status
        published = self.get("date", "published_at")
        if published:
            article["published_at"] = _iso(published)
        article["tags"] = self.get("tags", default=[])
        return article

    def section(self) -> Any:
        section = self.get("section")
        if section:
            return section
        categories = self.get("categories", default=[])
        if isinstance(categories, list) and categories:
            return categories[0]
        return categories or ""

    def dateline(self) -> Any:
        dateline = self.get("dateline", default={})
        if not isinstance(dateline, dict):
            return dateline  # the article format reports it
        parts = {key: dateline.get(key) for key in ("city", "date", "agency")}
        if isinstance(parts["date"], date):
            parts["date"] = parts["date"].isoformat()
        return parts

    def photo(self) -> Any:
        photo = self.get("photo", "image", default=None)
        if isinstance(photo, str):
            photo = {"file": photo}
        if not isinstance(photo, dict):
            return photo
        result = {key: photo.get(key) for key in ("caption", "credit", "alt") if key in photo}
        file = photo.get("file") or photo.get("src")
        if isinstance(file, str):
            path = photo_path(file)
            if path is None:
                return None  # a photo on the web: imports never download
            result["file"] = path
        return result


def _related(entry: Any) -> Any:
    """A related entry: a slug is one of ours (its headline is looked up), else an outside link."""
    if isinstance(entry, str):
        return {"slug": entry}
    if not isinstance(entry, dict):
        return entry
    if entry.get("slug"):
        return {"slug": entry["slug"]}
    return {key: entry.get(key) for key in ("headline", "subtitle", "url") if key in entry}


def _names(value: Any) -> Any:
    if isinstance(value, list):
        return ", ".join(str(name) for name in value)
    return value


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _iso(value: Any) -> Any:
    """YAML reads unquoted dates and times itself; the article format wants ISO text."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day).isoformat()
    return value
