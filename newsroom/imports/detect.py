"""Which interchange format a file is, told by its content, and the article(s) in it.

File names lie (``story.xml`` may be NewsML-G2 or NITF, ``feed.json`` ninjs
or Newsroom's own format), so only the bytes decide: JSON starts with ``{``
or ``[``, XML with ``<`` (its root element then says NITF or NewsML-G2),
front matter with ``---``. The result is what ``Newsroom.import_json``
takes: a JSON article object or a list of them, to be checked there.

Every error names the file (``label``) and fits on one line.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsroom.errors import NewsroomError
from newsroom.imports.json_input import parse_json
from newsroom.imports.markdown import has_front_matter, markdown_article
from newsroom.imports.newsml import is_newsml, newsml_articles
from newsroom.imports.ninjs import is_ninjs, read_ninjs
from newsroom.imports.nitf import read_nitf_item
from newsroom.imports.wire_item import WireSource
from newsroom.imports.xml_input import local_name, parse_xml

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class ReadDocument:
    """A file's JSON article document, and what its reader found beside the articles.

    ``warnings`` are one line each (a photo left out); ``sources`` say where
    wire items came from (not stored in the articles yet, see ``wire_item``).
    """

    document: Any
    warnings: tuple[str, ...] = ()
    sources: tuple[WireSource, ...] = ()


def read_document(data: bytes, label: str, base_dir: Path | None = None) -> Any:
    """The JSON article document in ``data`` (JSON, ninjs, NITF, NewsML-G2 or Markdown).

    ``base_dir`` is the file's folder: a NewsML-G2 package's items are read from there.
    """
    return read_with_notes(data, label, base_dir).document


def read_with_notes(data: bytes, label: str, base_dir: Path | None = None) -> ReadDocument:
    """``read_document``, with the reader's warnings and the wire items' sources."""
    try:
        read = _read(data, label, base_dir)
        return read if isinstance(read, ReadDocument) else ReadDocument(read)
    except RecursionError:
        # Untrusted JSON or HTML nested thousands deep: refuse it rather than crash.
        raise NewsroomError(f"{label}: nested too deeply to read") from None
    except NewsroomError as error:
        message = str(error)
        prefixed = message if message.startswith(f"{label}: ") else f"{label}: {message}"
        raise NewsroomError(prefixed) from None


def _read(data: bytes, label: str, base_dir: Path | None) -> Any:
    start = _sniff(data)
    if start in ("{", "["):
        return _json(data, label)
    if start == "<":
        return _xml(data, label, base_dir)
    if start == "-":
        text = _text(data)
        if has_front_matter(text):
            return _as_given(markdown_article(text))
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


def _json(data: bytes, label: str) -> Any:
    try:
        document = parse_json(_text(data))
    except json.JSONDecodeError as error:
        raise NewsroomError(
            f"{label}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    if is_ninjs(document):
        return _as_given(read_ninjs(document))
    if isinstance(document, list) and document and all(is_ninjs(item) for item in document):
        return _as_given([read_ninjs(item) for item in document])
    return document


def _xml(data: bytes, label: str, base_dir: Path | None) -> Any:
    root = parse_xml(data)
    if local_name(root) == "nitf":
        wire = read_nitf_item(root, base_dir)
        source = dataclasses.replace(wire.source, file=label)
        return ReadDocument(_as_given(wire.article), wire.warnings, (source,))
    if is_newsml(root):
        return _as_given(newsml_articles(root, base_dir))
    raise NewsroomError(f"{_unknown(label)} (it is XML with the root element <{local_name(root)}>)")


def _unknown(label: str) -> str:
    return (
        f"{label}: not a Newsroom JSON, ninjs, NITF, NewsML-G2 or Markdown-with-front-matter file"
    )
