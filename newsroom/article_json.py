"""The JSON article format: reading it with field-by-field checks, and writing it.

The format is documented in docs/formats.md. Reading never trusts its input:
every problem is reported with the path of the field (``related[3].url``),
all of them at once. Text is kept exactly as typed, markup included; making
it safe to show is the renderer's job. Single-line fields (headline, section,
tags…) are trimmed and their line breaks become spaces.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from functools import partial
from pathlib import Path
from typing import Any

from newsroom.article import (
    CONTENT_FIELDS,
    Article,
    Dateline,
    PhotoUse,
    Quote,
    RelatedHeadline,
    Status,
    WireSource,
)
from newsroom.checks.integrity import (
    BODY_MAX,
    LEAD_MAX,
    LINE_MAX,
    MARK_MAX,
    PARAGRAPH_MAX,
    QUOTE_MAX,
    length_problem,
    related_entry_problems,
    same_story_as,
    unique_tags,
)
from newsroom.errors import FieldProblem, NewsroomError, ValidationError
from newsroom.language import language_problem
from newsroom.language import normalize as normalize_language
from newsroom.outside_files import read_named
from newsroom.photos import MAX_BYTES, ImageError, ImageInfo, inspect_image
from newsroom.slug import slug_problem
from newsroom.text import forbidden_character, one_line

# The limits are the integrity rules' (newsroom.checks.integrity), named here for readers.
__all__ = ["BODY_MAX", "LEAD_MAX", "LINE_MAX", "MARK_MAX", "PARAGRAPH_MAX", "QUOTE_MAX"]

FIELDS = CONTENT_FIELDS
# Written by ``show --json`` for people and scripts; not changed by an import.
# ``revision`` says which revision the file was read at: an update checks it.
READ_ONLY_FIELDS = ("id", "revision", "created_at", "updated_at")
_DATELINE_KEYS = ("city", "date", "agency")
_QUOTE_KEYS = ("text", "speaker", "role", "pull", "after_paragraph")
_PHOTO_KEYS = ("file", "data", "sha256", "caption", "credit", "alt")
_PHOTO_READ_ONLY = ("media_type", "width", "height")
_RELATED_KEYS = ("slug", "headline", "subtitle", "url")
_SOURCE_TEXT_KEYS = (
    "agency", "item_id", "version", "file_name", "copyright", "format", "pubstatus", "byline_title",
)  # fmt: skip
SOURCE_KEYS = (*_SOURCE_TEXT_KEYS, "urgency")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class PhotoFile:
    """A photo that came with the article (a file or inline data), to be stored."""

    data: bytes
    info: ImageInfo
    source: str


@dataclass
class ArticleInput:
    """A parsed article: the fields it gives, checked and typed.

    Only the keys present in the input are in ``fields``, so an update can
    change just those; ``photo_file`` holds new photo bytes to store.
    """

    fields: dict[str, Any]
    photo_file: PhotoFile | None = None
    problems_at: str = ""
    # The revision the file was read at (``show --json`` writes it), None when not given:
    # an update of an article saved again since then is a conflict.
    revision: int | None = None
    # Photo fields the input left out: prefilled from the photo's own metadata.
    photo_prefill: tuple[str, ...] = ()
    # Read by a wire reader (``imports.detect.incoming_inputs``): a newer version of an
    # item already imported updates its article, an older one is refused.
    from_wire: bool = False

    def get(self, key: str, default: Any = None) -> Any:
        return self.fields.get(key, default)


@dataclass
class _Reader:
    """Walks untrusted JSON, collecting every problem with its field path."""

    base_dir: Path | None
    tz: tzinfo
    allow_outside_photos: bool = False
    file_kind: str = "JSON"  # what the imported file is, for messages
    problems: list[FieldProblem] = field(default_factory=list)

    def problem(self, path: str, message: str) -> None:
        self.problems.append(FieldProblem(path, message))

    def mapping(
        self, value: Any, path: str, known: tuple[str, ...], ignored: tuple[str, ...] = ()
    ) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.problem(path, f"expected an object {{…}}, got {_kind(value)}")
            return None
        for key in value:
            if key not in known and key not in ignored:
                where = f"{path}.{key}" if path else str(key)
                self.problem(where, f"unknown field; expected one of {', '.join(known)}")
        return value

    def text(
        self, value: Any, path: str, *, limit: int = LINE_MAX, multiline: bool = False
    ) -> str | None:
        if value is None:
            return ""
        if not isinstance(value, str):
            self.problem(path, f"expected text, got {_kind(value)}")
            return None
        bad = forbidden_character(value)
        if bad:
            self.problem(path, bad)
            return None
        text = value if multiline else one_line(value)
        problem = length_problem(text, limit)  # its characters were checked just above
        if problem:
            self.problem(path, problem)
            return None
        return text

    def boolean(self, value: Any, path: str) -> bool | None:
        if value is None:
            return False
        if not isinstance(value, bool):
            self.problem(path, f"expected true or false, got {_kind(value)}")
            return None
        return value

    def count(self, value: Any, path: str, *, limit: int) -> int | None:
        """A whole number from 0 to ``limit``; None (null or absent) stays None."""
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= limit:
            number = isinstance(value, int | float) and not isinstance(value, bool)
            shown = repr(value) if number else _kind(value)
            self.problem(path, f"expected a whole number from 0 to {limit}, got {shown}")
            return None
        return value

    def items(self, value: Any, path: str) -> Iterator[tuple[str, Any]]:
        if value is None:
            return
        if not isinstance(value, list):
            self.problem(path, f"expected a list […], got {_kind(value)}")
            return
        for index, item in enumerate(value):
            yield f"{path}[{index}]", item


def read_articles(
    document: Any,
    *,
    base_dir: Path | None,
    tz: tzinfo,
    allow_outside_photos: bool = False,
    file_kind: str = "JSON",
) -> list[ArticleInput]:
    """Parse a whole file: one article object or a list of them.

    Photo files are read from ``base_dir`` (None: the current folder) and
    below, unless ``allow_outside_photos`` (``outside_files.read_named``).
    Raises ValidationError listing every problem; in a list, paths start with
    the article's index (``[2].related[0].url``).
    """
    read_one = partial(
        read_article,
        base_dir=base_dir,
        tz=tz,
        allow_outside_photos=allow_outside_photos,
        file_kind=file_kind,
    )
    if isinstance(document, list):
        if not document:
            raise ValidationError.single("", "the file holds an empty list: no articles to import")
        inputs: list[ArticleInput] = []
        problems: list[FieldProblem] = []
        for index, item in enumerate(document):
            try:
                parsed = read_one(item)
            except ValidationError as error:
                problems.extend(error.within(f"[{index}]").problems)
                continue
            parsed.problems_at = f"[{index}]"
            inputs.append(parsed)
        if problems:
            raise ValidationError(problems)
        return inputs
    return [read_one(document)]


def read_article(
    obj: Any,
    *,
    base_dir: Path | None,
    tz: tzinfo,
    allow_outside_photos: bool = False,
    file_kind: str = "JSON",
) -> ArticleInput:
    """Parse one article object; raises ValidationError listing every problem.

    ``file_kind`` names the file the article was read from in messages ("NITF").
    """
    reader = _Reader(base_dir, tz, allow_outside_photos, file_kind)
    source = reader.mapping(obj, "", FIELDS, READ_ONLY_FIELDS)
    if source is None:
        raise ValidationError(reader.problems)
    result = ArticleInput(fields={}, revision=_read_revision(reader, source.get("revision")))
    for key in FIELDS:
        if key in source:
            value = _FIELD_READERS[key](reader, source[key], key, result)
            if value is not _INVALID:
                result.fields[key] = value
    if reader.problems:
        raise ValidationError(reader.problems)
    return result


_INVALID: Any = object()


def _read_revision(reader: _Reader, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        number = isinstance(value, int | float) and not isinstance(value, bool)
        shown = repr(value) if number else _show(value)
        reader.problem("revision", f"expected a whole number from 1 up, got {shown}")
        return None
    return value


def _or_invalid(value: Any) -> Any:
    return _INVALID if value is None else value


def _read_slug(reader: _Reader, value: Any, path: str, _: ArticleInput) -> Any:
    text = reader.text(value, path)
    if text is None:
        return _INVALID
    if text:
        problem = slug_problem(text)
        if problem:
            reader.problem(path, problem)
            return _INVALID
    return text


def _read_headline(reader: _Reader, value: Any, path: str, _: ArticleInput) -> Any:
    text = reader.text(value, path)
    if text == "":
        reader.problem(path, "a headline cannot be empty")
        return _INVALID
    return _or_invalid(text)


def _read_line(reader: _Reader, value: Any, path: str, _: ArticleInput) -> Any:
    return _or_invalid(reader.text(value, path))


def _read_language(reader: _Reader, value: Any, path: str, _: ArticleInput) -> Any:
    text = reader.text(value, path)
    if not text:
        return _or_invalid(text)
    problem = language_problem(text)
    if problem:
        reader.problem(path, problem)
        return _INVALID
    return normalize_language(text)


def _read_mark(reader: _Reader, value: Any, path: str, _: ArticleInput) -> Any:
    return _or_invalid(reader.text(value, path, limit=MARK_MAX))


def _read_lead(reader: _Reader, value: Any, path: str, _: ArticleInput) -> Any:
    return _or_invalid(reader.text(value, path, limit=LEAD_MAX, multiline=True))


def _read_body(reader: _Reader, value: Any, path: str, _: ArticleInput) -> Any:
    return _or_invalid(reader.text(value, path, limit=BODY_MAX, multiline=True))


def _read_tags(reader: _Reader, value: Any, path: str, _: ArticleInput) -> Any:
    tags: list[str] = []
    before = len(reader.problems)
    for item_path, item in reader.items(value, path):
        if item is None or not isinstance(item, str):
            reader.problem(item_path, f"expected text, got {_kind(item)}")
            continue
        tag = reader.text(item, item_path)
        if tag:
            tags.append(tag)
    return _INVALID if len(reader.problems) > before else unique_tags(tags)


def _read_dateline(reader: _Reader, value: Any, path: str, _: ArticleInput) -> Any:
    if value is None:
        return Dateline()
    source = reader.mapping(value, path, _DATELINE_KEYS, ("text",))
    if source is None:
        return _INVALID
    before = len(reader.problems)
    city = reader.text(source.get("city"), f"{path}.city")
    agency = reader.text(source.get("agency"), f"{path}.agency")
    when = _read_date(reader, source.get("date"), f"{path}.date")
    if len(reader.problems) > before:
        return _INVALID
    return Dateline(city=city or "", date=when, agency=agency or "")


def _read_source(reader: _Reader, value: Any, path: str, _: ArticleInput) -> Any:
    """Where a wire item came from; null (or every part empty): written here."""
    if value is None:
        return None
    given = reader.mapping(value, path, SOURCE_KEYS)
    if given is None:
        return _INVALID
    before = len(reader.problems)
    texts = {key: reader.text(given.get(key), f"{path}.{key}") or "" for key in _SOURCE_TEXT_KEYS}
    urgency = given.get("urgency")
    if urgency is not None and (
        not isinstance(urgency, int) or isinstance(urgency, bool) or not 1 <= urgency <= 9
    ):
        reader.problem(f"{path}.urgency", f"expected a whole number 1 to 9, got {_show(urgency)}")
    if len(reader.problems) > before:
        return _INVALID
    source = WireSource(**texts, urgency=urgency)
    return None if source.is_empty else source


def _read_date(reader: _Reader, value: Any, path: str) -> date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _DATE.match(value):
        reader.problem(path, f"expected a date as YYYY-MM-DD, got {_show(value)}")
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        reader.problem(path, f"{value} is not a real calendar date (YYYY-MM-DD)")
        return None


def _read_quotes(reader: _Reader, value: Any, path: str, _: ArticleInput) -> Any:
    quotes: list[Quote] = []
    before = len(reader.problems)
    for item_path, item in reader.items(value, path):
        source = reader.mapping(item, item_path, _QUOTE_KEYS)
        if source is None:
            continue
        text = reader.text(source.get("text"), f"{item_path}.text", limit=QUOTE_MAX, multiline=True)
        speaker = reader.text(source.get("speaker"), f"{item_path}.speaker")
        role = reader.text(source.get("role"), f"{item_path}.role")
        pull = reader.boolean(source.get("pull"), f"{item_path}.pull")
        place = reader.count(
            source.get("after_paragraph"), f"{item_path}.after_paragraph", limit=PARAGRAPH_MAX
        )
        if text == "":
            reader.problem(f"{item_path}.text", "a quote needs its text")
        if text and speaker is not None and role is not None and pull is not None:
            quotes.append(
                Quote(text=text, speaker=speaker, role=role, pull=pull, after_paragraph=place)
            )
    return _INVALID if len(reader.problems) > before else tuple(quotes)


def _read_related(reader: _Reader, value: Any, path: str, _: ArticleInput) -> Any:
    related: list[RelatedHeadline] = []
    paths: list[str] = []
    before = len(reader.problems)
    for item_path, item in reader.items(value, path):
        entry = _read_related_entry(reader, item, item_path)
        if entry is not None:
            related.append(entry)
            paths.append(item_path)
    for index, first in same_story_as(related):
        reader.problem(paths[index], f"the same story as {paths[first]}; list it once")
    return _INVALID if len(reader.problems) > before else tuple(related)


def _read_related_entry(reader: _Reader, item: Any, path: str) -> RelatedHeadline | None:
    source = reader.mapping(item, path, _RELATED_KEYS)
    if source is None:
        return None
    if "slug" in source:
        extra = [key for key in ("headline", "subtitle", "url") if key in source]
        if extra:
            reader.problem(
                path,
                f"give either slug (an article of this newsroom) or headline and url "
                f"(an outside story), not both (remove {', '.join(extra)})",
            )
            return None
        slug = _read_slug(reader, source["slug"], f"{path}.slug", ArticleInput(fields={}))
        if slug is _INVALID:
            return None
        if not slug:
            reader.problem(f"{path}.slug", "give the slug of an article of this newsroom")
            return None
        return RelatedHeadline.internal(slug)
    if "url" not in source and "headline" not in source:
        reader.problem(path, "give slug (an article of this newsroom) or headline and url")
        return None
    headline = reader.text(source.get("headline"), f"{path}.headline")
    subtitle = reader.text(source.get("subtitle"), f"{path}.subtitle")
    url = reader.text(source.get("url"), f"{path}.url")
    if headline is None or subtitle is None or url is None:
        return None
    entry = RelatedHeadline.external(headline=headline, url=url, subtitle=subtitle)
    problems = related_entry_problems(entry)
    for name, message in problems:
        reader.problem(f"{path}.{name}", message)
    return None if problems else entry


def _read_status(reader: _Reader, value: Any, path: str, _: ArticleInput) -> Any:
    try:
        return Status(value)
    except ValueError:
        known = ", ".join(status.value for status in Status)
        reader.problem(path, f"{_show(value)} is not a status; use one of {known}")
        return _INVALID


def _read_published_at(reader: _Reader, value: Any, path: str, _: ArticleInput) -> Any:
    if value is None or value == "":
        return None
    parsed = parse_datetime(value, reader.tz)
    if parsed is None:
        reader.problem(
            path, f"expected a date and time such as 2021-06-28T10:05:00+03:00, got {_show(value)}"
        )
        return _INVALID
    return parsed


def parse_datetime(value: Any, tz: tzinfo) -> datetime | None:
    """An ISO 8601 date-time; one without an offset is in ``tz``. None when unreadable."""
    if not isinstance(value, str) or "T" not in value.upper() or not _DATE.match(value[:10]):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.replace(tzinfo=tz) if parsed.tzinfo is None else parsed


def _read_photo(reader: _Reader, value: Any, path: str, result: ArticleInput) -> Any:
    if value is None:
        return None
    source = reader.mapping(value, path, _PHOTO_KEYS, _PHOTO_READ_ONLY)
    if source is None:
        return _INVALID
    before = len(reader.problems)
    caption = reader.text(source.get("caption"), f"{path}.caption", limit=LEAD_MAX, multiline=True)
    credit = reader.text(source.get("credit"), f"{path}.credit")
    alt = reader.text(source.get("alt"), f"{path}.alt", limit=LEAD_MAX)
    sha256 = _read_photo_source(reader, source, path, result)
    if len(reader.problems) > before or sha256 is None:
        return _INVALID
    result.photo_prefill = tuple(key for key in ("caption", "credit", "alt") if key not in source)
    return PhotoUse(sha256=sha256, caption=caption or "", credit=credit or "", alt=alt or "")


def _read_photo_source(
    reader: _Reader, source: dict[str, Any], path: str, result: ArticleInput
) -> str | None:
    given = [key for key in ("file", "data") if key in source]
    claimed = source.get("sha256")
    if claimed is not None and (not isinstance(claimed, str) or not _SHA256.match(claimed)):
        reader.problem(f"{path}.sha256", "expected 64 lowercase hexadecimal digits")
        return None
    if len(given) > 1:
        reader.problem(path, "give the photo as file or as data, not both")
        return None
    if not given:
        if claimed is None:
            reader.problem(path, "give the photo's file (a path), data (base64) or sha256")
        return claimed
    key = given[0]
    loaded = _load_photo_bytes(reader, source[key], f"{path}.{key}", key)
    if loaded is None:
        return None
    data, label = loaded
    try:
        info = inspect_image(data)
    except ImageError as problem:
        reader.problem(f"{path}.{key}", f"{label}: {problem}")
        return None
    if claimed is not None and claimed != info.sha256:
        reader.problem(f"{path}.sha256", f"does not match the photo's bytes ({info.sha256})")
        return None
    result.photo_file = PhotoFile(data=data, info=info, source=label)
    return info.sha256


def _load_photo_bytes(reader: _Reader, value: Any, path: str, key: str) -> tuple[bytes, str] | None:
    if not isinstance(value, str) or not value:
        reader.problem(
            path,
            f"expected {'a file path' if key == 'file' else 'base64 text'}, got {_show(value)}",
        )
        return None
    if key == "data":
        return _decode_photo_data(reader, value, path)
    unusable = forbidden_character(value)  # a NUL would fail deep in the file system calls
    if unusable or len(value) > LINE_MAX:
        reader.problem(path, unusable or f"at most {LINE_MAX} characters (this has {len(value)})")
        return None
    base_dir = reader.base_dir or Path.cwd()
    file = base_dir / Path(value).expanduser()  # how messages name it
    try:
        data = read_named(
            value, base_dir, limit=MAX_BYTES, allow_outside=reader.allow_outside_photos
        )
    except NewsroomError as refused:
        reader.problem(path, str(refused))
    except FileNotFoundError:
        relative = f"paths are relative to the {reader.file_kind} file"
        reader.problem(path, f"{file}: no such file ({relative})")
    except IsADirectoryError:
        reader.problem(path, f"{file}: is a folder, not a photo file")
    except OSError as error:
        reader.problem(path, f"{file}: cannot read it ({error.strerror or error})")
    else:
        return data, str(file)
    return None


def _decode_photo_data(reader: _Reader, value: str, path: str) -> tuple[bytes, str] | None:
    if len(value) // 4 * 3 > MAX_BYTES:  # base64: 4 characters for 3 bytes
        reader.problem(
            path, f"larger than {MAX_BYTES // (1024 * 1024)} MB, the most a photo may be"
        )
        return None
    try:
        return base64.b64decode(value, validate=True), "data"
    except (binascii.Error, ValueError):
        reader.problem(path, "not valid base64")
        return None


_FieldReader = Callable[[_Reader, Any, str, ArticleInput], Any]
_FIELD_READERS: dict[str, _FieldReader] = {
    "slug": _read_slug,
    "headline": _read_headline,
    "subtitle": _read_line,
    "section": _read_line,
    "language": _read_language,
    "byline": _read_line,
    "dateline": _read_dateline,
    "lead": _read_lead,
    "body": _read_body,
    "quotes": _read_quotes,
    "photo": _read_photo,
    "related": _read_related,
    "mark": _read_mark,
    "status": _read_status,
    "published_at": _read_published_at,
    "tags": _read_tags,
    "source": _read_source,
}


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else _kind(value)
    return text if len(text) <= 60 else text[:57] + "…"


# --- writing -----------------------------------------------------------------


def iso(moment: datetime | None, tz: tzinfo) -> str | None:
    """A moment as ISO 8601 in the newsroom's time zone, or None."""
    return None if moment is None else moment.astimezone(tz).isoformat()


def article_to_json(
    article: Article,
    *,
    tz: tzinfo,
    dateline_text: str = "",
    photo: tuple[ImageInfo, bytes | None] | None = None,
) -> dict[str, Any]:
    """The article in the JSON article format, with its read-only fields.

    ``photo`` gives the stored photo's facts and, to make the output
    self-contained (so it imports into an empty newsroom), its bytes.
    """
    out = content_to_json(article, tz=tz)
    out["dateline"]["text"] = dateline_text
    if article.photo is not None and photo is not None:
        info, data = photo
        out["photo"].update(media_type=info.media_type, width=info.width, height=info.height)
        if data is not None:
            out["photo"]["data"] = base64.b64encode(data).decode("ascii")
    return {
        "id": article.id,
        **out,
        "revision": article.revision,
        "created_at": iso(article.created_at, tz),
        "updated_at": iso(article.updated_at, tz),
    }


def content_to_json(article: Article, *, tz: tzinfo = UTC) -> dict[str, Any]:
    """Only what an editor wrote (no id, no timestamps): what a revision keeps."""
    dateline = article.dateline
    photo = article.photo
    return {
        "slug": article.slug,
        "headline": article.headline,
        "subtitle": article.subtitle,
        "section": article.section,
        "language": article.language,
        "byline": article.byline,
        "dateline": {
            "city": dateline.city,
            "date": dateline.date.isoformat() if dateline.date else None,
            "agency": dateline.agency,
        },
        "lead": article.lead,
        "body": article.body,
        "quotes": [_quote_to_json(quote) for quote in article.quotes],
        "photo": None
        if photo is None
        else {
            "sha256": photo.sha256,
            "caption": photo.caption,
            "credit": photo.credit,
            "alt": photo.alt,
        },
        "related": [_related_to_json(entry) for entry in article.related],
        "mark": article.mark,
        "status": article.status.value,
        "published_at": iso(article.published_at, tz),
        "tags": list(article.tags),
        "source": _source_to_json(article.source),
    }


def _source_to_json(source: WireSource | None) -> dict[str, Any] | None:
    if source is None:
        return None
    return {
        "agency": source.agency, "item_id": source.item_id, "version": source.version,
        "urgency": source.urgency, "file_name": source.file_name,
        "copyright": source.copyright, "format": source.format, "pubstatus": source.pubstatus,
        "byline_title": source.byline_title,
    }  # fmt: skip


def _quote_to_json(quote: Quote) -> dict[str, Any]:
    out: dict[str, Any] = {
        "text": quote.text, "speaker": quote.speaker, "role": quote.role, "pull": quote.pull,
    }  # fmt: skip
    if quote.after_paragraph is not None:  # absent: the default place
        out["after_paragraph"] = quote.after_paragraph
    return out


def _related_to_json(entry: RelatedHeadline) -> dict[str, str]:
    if entry.is_internal:
        return {"slug": entry.slug}
    return {"headline": entry.headline, "subtitle": entry.subtitle, "url": entry.url}
