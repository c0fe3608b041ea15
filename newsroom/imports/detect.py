"""Which interchange format a file is, told by its content, and the article(s) in it.

File names lie (``story.xml`` may be NewsML-G2, NewsML 1 or NITF,
``feed.json`` ninjs 1.x, 2.x or Newsroom's own format), so only the bytes
decide: JSON starts with ``{`` or ``[`` (ninjs then tells itself apart by its
own fields), XML with ``<`` (its root element then says NITF, NewsML-G2 or
NewsML 1), front matter with ``---``. The result is what
``Newsroom.import_json`` takes: a JSON article object or a list of them, to
be checked there. ``read_incoming`` also gives what wire readers found beside
the articles: each item's source and their warnings; ``incoming_inputs``
turns that into the articles an import stores (wire items as Incoming, each
with its source).

Every error names the file (``label``) and fits on one line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import Any

from newsroom.article import Status
from newsroom.article_json import ArticleInput, read_articles
from newsroom.errors import NewsroomError
from newsroom.imports.json_input import parse_json
from newsroom.imports.markdown import has_front_matter, markdown_article
from newsroom.imports.newsml import is_newsml, read_g2
from newsroom.imports.newsml1 import is_newsml1, newsml1_items
from newsroom.imports.ninjs import is_ninjs, ninjs_item
from newsroom.imports.nitf import read_nitf_item
from newsroom.imports.wire_item import WireItem, WireSource
from newsroom.imports.xml_input import local_name, parse_xml

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


@dataclass
class Incoming:
    """A file's articles as a JSON article document, and what wire readers found beside it:
    where each item came from (in step with the articles) and one-line warnings
    (what was left out, the file's name not included)."""

    document: Any
    sources: list[WireSource] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Files named beside the document that are not there (a photo, a package's item), and
    # the picture item files read from beside it (they go with it): paths relative to it.
    missing: list[str] = field(default_factory=list)
    picture_files: list[str] = field(default_factory=list)
    item_files: list[str] = field(default_factory=list)  # every item file read beside it
    kind: str = "JSON"  # what the file is, for messages ("the NITF file")


def read_document(data: bytes, label: str, base_dir: Path | None = None) -> Any:
    """The JSON article document in ``data`` (JSON, ninjs, NITF, NewsML-G2, NewsML 1 or
    Markdown).

    ``base_dir`` is the file's folder: a NewsML-G2 package's items are read from there.
    """
    return read_incoming(data, label, base_dir).document


def read_incoming(data: bytes, label: str, base_dir: Path | None = None) -> Incoming:
    """``read_document``'s document, with the wire items' sources and warnings."""
    try:
        found = _read(data, label, base_dir)
    except RecursionError:
        # Untrusted JSON or HTML nested thousands deep: refuse it rather than crash.
        raise NewsroomError(f"{label}: nested too deeply to read") from None
    except NewsroomError as error:
        message = str(error)
        prefixed = message if message.startswith(f"{label}: ") else f"{label}: {message}"
        error.args = (prefixed,)  # the same error (NoTextItemError says more), naming the file
        raise error from None
    if not isinstance(found, _Wire):
        kind = "Markdown" if isinstance(found, _Markdown) else "JSON"
        return Incoming(found.document if isinstance(found, _Markdown) else found, kind=kind)
    items = [item.named(label) for item in found.items]
    articles = [item.article for item in items]
    return Incoming(
        _as_given(articles[0] if found.single else articles),
        [item.source for item in items],
        [warning for item in items for warning in item.warnings] + found.warnings,
        list(dict.fromkeys([name for item in items for name in item.missing] + found.missing)),
        found.picture_files,
        found.item_files,
        found.kind,
    )


def incoming_inputs(
    read: Incoming, *, base_dir: Path | None, tz: tzinfo, allow_outside_photos: bool = False
) -> list[ArticleInput]:
    """The file's articles checked for import, each wire item Incoming with its source.

    A wire item (its source names an agency's item, not one of our own
    exports) comes in as Incoming whatever status its file gives: it is
    not a draft of anybody's yet, and never public as it stands.
    """
    inputs = read_articles(
        read.document,
        base_dir=base_dir,
        tz=tz,
        allow_outside_photos=allow_outside_photos,
        file_kind=read.kind,
    )
    if not read.sources:
        return inputs
    for item, source in zip(inputs, read.sources, strict=True):
        if source.is_wire_item:
            # Its slug is made here (``wire-`` and the headline): an agency's key is
            # the agency's, and the headline's own slug stays free for the story.
            item.fields.update(source=source, status=Status.INCOMING, slug="")
            item.from_wire = True
    return inputs


@dataclass
class _Wire:
    """Articles read by a wire reader (ninjs, NewsML 1), before they become the document."""

    items: list[WireItem]
    single: bool
    kind: str
    warnings: list[str] = field(default_factory=list)  # the file's, not one item's
    missing: list[str] = field(default_factory=list)
    picture_files: list[str] = field(default_factory=list)
    item_files: list[str] = field(default_factory=list)


@dataclass
class _Markdown:
    document: Any


def _read(data: bytes, label: str, base_dir: Path | None) -> Any:
    start = _sniff(data)
    if start in ("{", "["):
        return _json(data, label, base_dir)
    if start == "<":
        return _xml(data, label, base_dir)
    if start == "-":
        text = _text(data)
        if has_front_matter(text):
            return _Markdown(_as_given(markdown_article(text)))
    raise NewsroomError(_unknown(label))


def _as_given(document: Any) -> Any:
    """A photo described in the file is described fully; a bare image gets prefilled.

    When the file gives any of caption, credit or alt for its photo (our own
    exports always do when there is one), the others are taken as empty, not
    prefilled from the photo's metadata: an export read back must be the
    same article. A bare ``image:`` (hand-written front matter) is prefilled.
    """
    keys = ("caption", "credit", "alt")
    for article in document if isinstance(document, list) else [document]:
        photo = article.get("photo") if isinstance(article, dict) else None
        if isinstance(photo, dict) and any(key in photo for key in keys):
            for key in keys:
                photo.setdefault(key, "")
    return document


def _sniff(data: bytes) -> str:
    """The first character that is not white space (after any byte-order mark)."""
    head = data[:64]
    for bom in _BOMS:
        if head.startswith(bom):
            encoding = "utf-8" if bom == _BOMS[0] else "utf-16"
            return head.decode(encoding, errors="ignore").lstrip("\ufeff \t\r\n")[:1]
    return head.decode("latin-1").lstrip(" \t\r\n")[:1]


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise NewsroomError(
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at position {error.start})"
        ) from None


def _json(data: bytes, label: str, base_dir: Path | None) -> Any:
    try:
        document = parse_json(_text(data))
    except json.JSONDecodeError as error:
        raise NewsroomError(
            f"{label}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    if is_ninjs(document):
        return _Wire([ninjs_item(document, base_dir)], single=True, kind="ninjs")
    if isinstance(document, list) and document and all(is_ninjs(item) for item in document):
        items = [ninjs_item(item, base_dir) for item in document]
        return _Wire(items, single=False, kind="ninjs")
    return document


def _xml(data: bytes, label: str, base_dir: Path | None) -> Any:
    root = parse_xml(data)
    if local_name(root) == "nitf":
        return _Wire([read_nitf_item(root, base_dir)], single=True, kind="NITF")
    if is_newsml(root):
        reading = read_g2(root, base_dir)
        items = [WireItem(a, s) for a, s in zip(reading.articles, reading.sources, strict=True)]
        return _Wire(
            items,
            len(items) == 1,
            "NewsML-G2",
            reading.warnings,
            reading.missing,
            reading.picture_files,
            reading.item_files,
        )
    if is_newsml1(root):
        items = newsml1_items(root, base_dir)
        return _Wire(items, single=len(items) == 1, kind="NewsML 1")
    raise NewsroomError(f"{_unknown(label)} (it is XML with the root element <{local_name(root)}>)")


def _unknown(label: str) -> str:
    return (
        f"{label}: not a Newsroom JSON, ninjs, NITF, NewsML-G2, NewsML 1 or "
        "Markdown-with-front-matter file"
    )
