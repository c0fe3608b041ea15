"""XMP packets: the top-level properties we need, read safely; packets written.

Reading takes a packet from an untrusted file, so the parser loads no DTD,
expands no entity, touches no network and keeps libxml2's depth and size
limits; a packet that declares a DTD at all is refused. Only the top-level
properties of ``rdf:Description`` elements are read, in the forms RDF/XML
allows for them: an attribute, an element with text, or an element holding
an ``rdf:Alt``, ``rdf:Seq`` or ``rdf:Bag`` of ``rdf:li`` items.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from lxml import etree

from newsroom.safe_xml import untrusted_parser

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XML = "http://www.w3.org/XML/1998/namespace"
ADOBE_META = "adobe:ns:meta/"
# The schemas we read and write, by the prefix the table in metadata.py uses.
NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xmpNote": "http://ns.adobe.com/xmp/note/",
}
_PREFIXES = {uri: prefix for prefix, uri in NAMESPACES.items()}
_CONTAINERS = {f"{{{RDF}}}{kind}" for kind in ("Alt", "Seq", "Bag")}
_DEFAULT_LANGUAGE = "x-default"
# The packet id every XMP packet carries (XMP specification part 1, 7.3.2).
_PACKET_ID = "W5M0MpCehiHzreSzNTczkc9d"


class XmpError(ValueError):
    """The packet cannot be read; the message says why."""


def read_properties(packet: bytes) -> dict[str, tuple[str, ...]]:
    """The top-level properties of the schemas in NAMESPACES, as "prefix:Name" → items.

    A language alternative lists its x-default item first; a simple value is
    one item. The first occurrence of a property wins.
    """
    root = _parse(packet)
    found: dict[str, tuple[str, ...]] = {}
    for description in _top_level_descriptions(root):
        for name, items in _properties(description):
            found.setdefault(name, items)
    return found


def _parse(packet: bytes) -> Any:
    body = packet.strip(b"\0 \t\r\n")
    if b"<!DOCTYPE" in body or b"<!ENTITY" in body:
        raise XmpError("declares a DTD, which XMP never needs")
    try:
        root = etree.fromstring(body, untrusted_parser())
    except (etree.LxmlError, ValueError) as error:
        raise XmpError(f"not well-formed XML ({_one_line(error)})") from None
    if root is None:
        raise XmpError("empty packet")
    if root.getroottree().docinfo.doctype:
        raise XmpError("declares a DTD, which XMP never needs")
    return root


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())[:200]


def _top_level_descriptions(root: Any) -> Iterator[Any]:
    """``rdf:Description`` children of the (first) ``rdf:RDF``, wherever that sits."""
    rdf = root if root.tag == f"{{{RDF}}}RDF" else next(root.iter(f"{{{RDF}}}RDF"), None)
    if rdf is None:
        return
    yield from rdf.iterchildren(f"{{{RDF}}}Description")


def _properties(description: Any) -> Iterator[tuple[str, tuple[str, ...]]]:
    for attribute, value in description.attrib.items():
        name = _known_name(attribute)
        if name:
            yield name, (value,)
    for element in description.iterchildren(tag=etree.Element):
        name = _known_name(element.tag)
        if name:
            yield name, _items(element)


def _known_name(tag: str) -> str:
    """ "prefix:Name" for a property of a schema we read, else ""."""
    if not tag.startswith("{"):
        return ""
    uri, _, local = tag[1:].partition("}")
    prefix = _PREFIXES.get(uri)
    return f"{prefix}:{local}" if prefix else ""


def _items(element: Any) -> tuple[str, ...]:
    container = next((child for child in element if child.tag in _CONTAINERS), None)
    if container is None:
        return (_simple_value(element),)
    items = list(container.iterchildren(f"{{{RDF}}}li"))
    if container.tag == f"{{{RDF}}}Alt":
        items.sort(key=lambda item: item.get(f"{{{XML}}}lang") != _DEFAULT_LANGUAGE)
    return tuple(_simple_value(item) for item in items)


def _simple_value(element: Any) -> str:
    """The text of a property or item; for a qualified value, its ``rdf:value``."""
    resource = element.get(f"{{{RDF}}}resource")
    if resource is not None:
        return str(resource)
    value = element.get(f"{{{RDF}}}value")
    if value is not None:
        return str(value)
    qualified = element.find(f"{{{RDF}}}value")
    if qualified is None:
        qualified = element.find(f"{{{RDF}}}Description/{{{RDF}}}value")
    return str((qualified if qualified is not None else element).text or "")


# --- writing ---------------------------------------------------------------------------

Kind = Literal["text", "lang-alt", "seq", "bag"]


@dataclass(frozen=True)
class Property:
    name: str  # "prefix:Name", prefix from NAMESPACES
    kind: Kind
    values: tuple[str, ...]


def packet(properties: Sequence[Property], *, wrapped: bool = True) -> bytes:
    """An XMP packet in UTF-8 holding ``properties``.

    The XML is built by lxml, so markup-like text is escaped; a carriage
    return is written as ``&#13;`` and survives. The text must be XML
    characters (no C0 controls but tab and line breaks). ``wrapped=False``
    leaves out the ``<?xpacket?>`` wrapper, as extended XMP requires.
    """
    used = {prop.name.split(":", 1)[0] for prop in properties}
    nsmap = {prefix: uri for prefix, uri in NAMESPACES.items() if prefix in used}
    meta = etree.Element(f"{{{ADOBE_META}}}xmpmeta", nsmap={"x": ADOBE_META})
    rdf = etree.SubElement(meta, f"{{{RDF}}}RDF", nsmap={"rdf": RDF})
    description = etree.SubElement(rdf, f"{{{RDF}}}Description", nsmap=nsmap)
    description.set(f"{{{RDF}}}about", "")
    for prop in properties:
        _add_property(description, prop)
    body: bytes = etree.tostring(meta, encoding="utf-8")
    if not wrapped:
        return body
    begin = f'<?xpacket begin="\ufeff" id="{_PACKET_ID}"?>\n'.encode()
    return begin + body + b'\n<?xpacket end="w"?>'


def _add_property(description: Any, prop: Property) -> None:
    prefix, local = prop.name.split(":", 1)
    element = etree.SubElement(description, f"{{{NAMESPACES[prefix]}}}{local}")
    if prop.kind == "text":
        element.text = prop.values[0]
        return
    container = {"lang-alt": "Alt", "seq": "Seq", "bag": "Bag"}[prop.kind]
    holder = etree.SubElement(element, f"{{{RDF}}}{container}")
    for value in prop.values:
        item = etree.SubElement(holder, f"{{{RDF}}}li")
        if prop.kind == "lang-alt":
            item.set(f"{{{XML}}}lang", _DEFAULT_LANGUAGE)
        item.text = value
