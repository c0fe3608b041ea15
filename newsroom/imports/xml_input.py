"""Reading XML that came from outside: safely, with errors people can act on.

Imported NITF and NewsML-G2 files are untrusted. The parser never touches
the network, never loads a DTD, never expands entities, and refuses huge
trees; a document that declares entities of its own (the "billion laughs"
shape) is refused outright. Syntax errors become one-line NewsroomErrors
with the line and column libxml2 reports.

Elements are matched by local name: NITF arrives both with the IPTC
namespace and without one, and readers should not care which.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.entities import html5
from typing import Any

from lxml import etree

from newsroom.errors import NewsroomError
from newsroom.safe_xml import untrusted_parser

_WHERE = re.compile(r",? line \d+, column \d+\s*$")


def parse_xml(data: bytes) -> Any:
    """The root element of an XML document; NewsroomError when it is not well-formed."""
    try:
        root = etree.fromstring(data, untrusted_parser())
    except etree.XMLSyntaxError as error:
        line, column = error.position
        message = _WHERE.sub("", str(error.msg or error)).strip()
        raise NewsroomError(
            f"not well-formed XML (line {line}, column {column}): {message}"
        ) from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise NewsroomError("the XML declares entities of its own; such files are not accepted")
    return root


def local_name(element: Any) -> str:
    """The element's name without its namespace ('' for comments and the like)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def namespace(element: Any) -> str:
    tag = element.tag
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def children(element: Any, name: str | None = None) -> Iterator[Any]:
    """Child elements (optionally only those with this local name)."""
    if element is None:
        return
    for child in element:
        if isinstance(child.tag, str) and (name is None or local_name(child) == name):
            yield child


def child(element: Any, name: str) -> Any:
    """The first child element with this local name, or None."""
    return next(children(element, name), None)


def descendant(element: Any, name: str) -> Any:
    """The first element below ``element`` with this local name, or None."""
    if element is None:
        return None
    for found in element.iter():
        if found is not element and local_name(found) == name:
            return found
    return None


def text_of(element: Any) -> str:
    """All text inside an element, HTML entity references (``&nbsp;``) as their characters."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for node in element:
        parts.append(text_of(node) if isinstance(node.tag, str) else entity_text(node))
        parts.append(node.tail or "")
    return "".join(parts)


def entity_text(node: Any) -> str:
    """The character of an entity reference the parser left unexpanded (NITF's DTD
    declares HTML's entities; the DTD is never loaded), '' for anything else."""
    if not isinstance(node, etree._Entity):
        return ""
    return html5.get(f"{node.name};", "")
