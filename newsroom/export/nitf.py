"""NITF 3.6: the article as agencies exchange text, valid against IPTC's schema.

The document uses the schema's namespace (the XSD declares one, so only the
namespaced form validates). The standard's own elements carry everything
they can: headline and subtitle, byline, dateline, lead (``abstract``), the
body, the photo (``media``), pull quotes (``bq`` with ``credit``), section
(``pubdata``), tags (``key-list``), slug (``du-key``), publication time and
status (``management-status``), and for a story started from a wire item its
provenance: the agency in the delivery trail (``del-list``), its urgency
(``urgency``) and rights (``doc.rights``), the item it came from exactly in
``nr:source`` (see ``_provenance``). A story scheduled after the export goes out
embargoed: ``management-status="embargoed"`` and the time in ``date.release``
(without ``date.issue``: issued on receipt). What NITF has no element for
travels in the extension points NITF 3.6 opened for foreign namespaces, in ours
(``NEWSROOM_NS``): the exact status, the mark, internal related articles'
slugs, footnote labels, a pull quote's place in the body. Receivers that
do not know it ignore it; Newsroom's own import reads it back, so an export
re-imports as the same article.

The body comes from the stored safe HTML, mapped element by element onto
what NITF allows: headings become ``hl2``, quotations ``bq``, inline
formatting without a NITF element (strong, code, sub…) ``em`` with a class
naming it, images XHTML ``img``. Every value is set through lxml, so no
text can break the markup, and characters XML cannot hold are replaced.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime

from lxml import etree

from newsroom import language
from newsroom.article import Quote, Status, WireSource
from newsroom.export.context import ExportContext, ExportPhoto, ExportRelated, holder_name
from newsroom.render.dom import (
    HEADINGS,
    Element,
    Node,
    footnote_label,
    is_blank,
    is_block,
    parse_html,
    trim_blank_ends,
    without_backrefs,
)
from newsroom.render.urls import is_absolute

NITF_NS = "http://iptc.org/std/NITF/2006-10-18/"
NEWSROOM_NS = "urn:newsroom:ns:1"
XHTML_NS = "http://www.w3.org/1999/xhtml"
NITF_VERSION = "-//IPTC//DTD NITF 3.6//EN"
NSMAP = {None: NITF_NS, "nr": NEWSROOM_NS, "xhtml": XHTML_NS}
# The article's language (BCP 47) on the root, as NITF's schema allows.
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# NITF's management-status: a receiver's view of whether it may publish.
MANAGEMENT_STATUS = {
    Status.DRAFT: "withheld",
    Status.READY: "withheld",
    Status.PUBLISHED: "usable",
    Status.CORRECTED: "usable",
    Status.KILLED: "canceled",
}
# A story scheduled after the export: receivers hold it until its date.release.
EMBARGOED = "embargoed"
QUOTE_CLASSES = {True: "pull-quote", False: "quote"}
# Inline HTML with no NITF element of its own: an em saying what it was.
EM_CLASSES = frozenset(
    {"strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "cite", "kbd",
     "code", "abbr"}
)  # fmt: skip
CELL_ALIGNMENTS = frozenset({"left", "center", "right", "justify"})
# Elements whose content is elements only: indenting them changes nothing.
ELEMENT_ONLY = frozenset(
    {"nitf", "head", "docdata", "del-list", "key-list", "body", "body.head", "hedline", "abstract",
     "body.content", "block", "bq", "ul", "ol", "dl", "dd", "table", "thead", "tbody", "tfoot",
     "tr", "media", "fn", "body.end"}
)  # fmt: skip

# What partners receive of a story's source (``article.WireSource``), urgency aside:
# everything but the file's name on our ingest folder (see ``_provenance``).
SHARED_SOURCE_TEXTS = ("agency", "item_id", "version", "copyright", "format")

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_DIGITS = re.compile(r"^\d+$")


def xml_safe(text: str) -> str:
    """Text XML 1.0 can hold: anything else becomes U+FFFD (the body may hold &#1;)."""
    return _NOT_XML.sub("\ufffd", text)


def q(tag: str) -> str:
    """A NITF element name in Clark notation."""
    return f"{{{NITF_NS}}}{tag}"


def nr(name: str) -> str:
    """A name in Newsroom's extension namespace."""
    return f"{{{NEWSROOM_NS}}}{name}"


def sub(
    parent: etree._Element, tag: str, text: str = "", attrs: Mapping[str, str] | None = None
) -> etree._Element:
    """A NITF child element with text and attributes (empty attributes left out)."""
    return child(parent, q(tag), text, attrs)


def child(
    parent: etree._Element, name: str, text: str = "", attrs: Mapping[str, str] | None = None
) -> etree._Element:
    """A child element (``name`` namespace-qualified) with XML-safe text and attributes."""
    element = etree.SubElement(parent, name)
    for name_, value in (attrs or {}).items():
        if value:
            element.set(name_, xml_safe(value))
    if text:
        element.text = xml_safe(text)
    return element


def append_text(parent: etree._Element, text: str) -> None:
    """Add text after whatever ``parent`` already holds (mixed content)."""
    text = xml_safe(text)
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def indent(element: etree._Element, level: int = 0) -> None:
    """Line up element-only content for people; mixed content is left exactly as it is."""
    if etree.QName(element).localname not in ELEMENT_ONLY or not len(element):
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + "  " * level


def norm_datetime(moment: datetime) -> str:
    """ISO 8601 basic format, as NITF's ``norm`` attributes use: 20210628T100500+0300."""
    fraction = f".{moment.microsecond:06d}" if moment.microsecond else ""
    return moment.strftime("%Y%m%dT%H%M%S") + fraction + moment.strftime("%z")


def norm_date(day: date) -> str:
    return day.strftime("%Y%m%d")


def text_paragraphs(parent: etree._Element, text: str) -> None:
    """Multi-line text as ``p`` elements: blank lines part them, single line breaks are ``br``.

    The split is exact, so ``imports.nitf`` reads back the very same string.
    """
    for paragraph in text.split("\n\n"):
        element = sub(parent, "p")
        lines = paragraph.split("\n")
        append_text(element, lines[0])
        for line in lines[1:]:
            etree.SubElement(element, q("br"))
            append_text(element, line)


# --- the document ---------------------------------------------------------------


def write_nitf(context: ExportContext) -> bytes:
    """The article as a NITF 3.6 document (UTF-8, with an XML declaration)."""
    root = nitf_element(context)
    return bytes(etree.tostring(root, encoding="UTF-8", xml_declaration=True)) + b"\n"


def nitf_element(context: ExportContext) -> etree._Element:
    """The ``nitf`` root element, indented; NewsML-G2 embeds it as inline XML."""
    root = etree.Element(q("nitf"), nsmap=NSMAP)
    root.set("version", NITF_VERSION)
    root.set(XML_LANG, context.language)
    _head(etree.SubElement(root, q("head")), context)
    body = etree.SubElement(root, q("body"))
    _body_head(etree.SubElement(body, q("body.head")), context)
    content = etree.SubElement(body, q("body.content"))
    if context.photo is not None:
        _media(content, context.photo)
    BodyWriter().blocks(content, parse_html(context.body_html))
    _quotes(content, context.article.quotes)
    _related(content, context.related)
    if not len(content):
        body.remove(content)
    etree.SubElement(body, q("body.end"))
    indent(root)
    return root


def _head(head: etree._Element, context: ExportContext) -> None:
    article, settings = context.article, context.settings
    embargoed = context.embargoed_until is not None
    status = EMBARGOED if embargoed else MANAGEMENT_STATUS[article.status]
    sub(head, "title", article.headline)
    docdata = sub(head, "docdata", attrs={"management-status": status})
    sub(
        docdata,
        "doc-id",
        attrs={"regsrc": settings.agency or settings.name, "id-string": context.uri},
    )
    if article.published_at is not None:
        published = article.published_at.astimezone(settings.tzinfo)
        if not embargoed:  # issued on receipt, to be released at its time
            sub(docdata, "date.issue", attrs={"norm": norm_datetime(published)})
        sub(docdata, "date.release", attrs={"norm": norm_datetime(published)})
        holder = settings.agency or settings.name
        sub(docdata, "doc.copyright", attrs={"holder": holder, "year": str(published.year)})
    sub(docdata, "du-key", attrs={"key": article.slug})
    if article.tags:
        keywords = sub(docdata, "key-list")
        for tag in article.tags:
            sub(keywords, "keyword", attrs={"key": tag})
    etree.SubElement(docdata, nr("status")).text = article.status.value
    if article.mark:
        etree.SubElement(docdata, nr("mark")).text = xml_safe(article.mark)
    if article.source is not None:
        _provenance(docdata, article.source, settings.agency or settings.name)
    publication = {
        "type": "web",
        "name": settings.name,
        "position.section": article.section,
        "ex-ref": context.canonical_url,
    }
    sub(head, "pubdata", attrs=publication)


def _provenance(docdata: etree._Element, source: WireSource, ours: str) -> None:
    """Where the story came from: the wire item it was started from.

    NITF's own elements say what partners' systems read: ``del-list`` is the
    delivery trail, the services that moved the text in order, so the agency
    is ``from-src`` level 1 and this newsroom level 2; ``urgency`` is the
    agency's (NITF: 1 most urgent); ``doc.rights`` names the agency as the
    owner of rights in the text, which NITF keeps for "a rights holder not the
    copyright holder" (the copyright of the story is ours, in doc.copyright).
    NITF has no element naming another document by id and version (doc-id is
    this document's own, management-doc-idref the earlier version of this
    same document), so the item itself is named exactly in ``nr:source``,
    which ``imports.nitf`` reads back. The file's name on our ingest folder
    is left out: it says nothing to a partner and tells them our folders.
    """
    if source.agency:
        trail = sub(docdata, "del-list")
        sub(trail, "from-src", attrs={"src-name": source.agency, "level-number": "1"})
        sub(trail, "from-src", attrs={"src-name": ours, "level-number": "2"})
    if source.urgency is not None:
        sub(docdata, "urgency", attrs={"ed-urg": str(source.urgency)})
    owner = holder_name(source.copyright) or source.agency
    if source.copyright and owner:
        sub(docdata, "doc.rights", attrs={"owner": owner})
    attrs = {name.replace("_", "-"): getattr(source, name) for name in SHARED_SOURCE_TEXTS}
    if source.urgency is not None:
        attrs["urgency"] = str(source.urgency)
    child(docdata, nr("source"), attrs=attrs)


def _body_head(head: etree._Element, context: ExportContext) -> None:
    article = context.article
    hedline = sub(head, "hedline")
    sub(hedline, "hl1", article.headline)
    if article.subtitle:
        sub(hedline, "hl2", article.subtitle)
    if article.byline:
        sub(head, "byline", article.byline)
    if article.dateline.agency:
        sub(head, "distributor", article.dateline.agency)
    _dateline(head, article.dateline.city, article.dateline.date, context.language)
    if article.lead:
        text_paragraphs(sub(head, "abstract"), article.lead)


def _dateline(head: etree._Element, city: str, day: date | None, lang: str) -> None:
    """``<dateline><location><city>Moscow</city></location>, <story.date …>``; readable as text."""
    if not city and day is None:
        return
    dateline = sub(head, "dateline")
    if city:
        sub(sub(dateline, "location"), "city", city)
    if day is not None:
        if city:
            append_text(dateline, ", ")
        shown = language.long_date(day, lang)
        if language.primary(lang) not in language.LOCALIZED or lang.startswith("en"):
            shown = f"{language.month_name(day.month, lang)} {day.day}, {day.year}"
        sub(dateline, "story.date", shown, {"norm": norm_date(day)})


def _media(content: etree._Element, photo: ExportPhoto) -> None:
    media = sub(content, "media", attrs={"media-type": "image"})
    reference = {
        "source": photo.href,
        "mime-type": photo.media_type,
        "width": str(photo.width),
        "height": str(photo.height),
        "alternate-text": photo.alt,
        "copyright": photo.credit_line,
    }
    sub(media, "media-reference", attrs=reference)
    if photo.caption:
        text_paragraphs(sub(media, "media-caption"), photo.caption)
    if photo.credit:
        sub(media, "media-producer", photo.credit)


def _quotes(content: etree._Element, quotes: tuple[Quote, ...]) -> None:
    if not quotes:
        return
    block = sub(content, "block", attrs={"class": "quotes"})
    for quote in quotes:
        bq = sub(block, "bq", attrs={"class": QUOTE_CLASSES[quote.pull]})
        if quote.after_paragraph is not None:  # NITF has no pull-quote element, nor a place
            bq.set(nr("after-paragraph"), str(quote.after_paragraph))
        text_paragraphs(sub(bq, "block"), quote.text)
        if quote.speaker or quote.role:
            credit = sub(bq, "credit")
            if quote.speaker:
                sub(credit, "person", quote.speaker)
            if quote.speaker and quote.role:
                append_text(credit, ", ")
            if quote.role:
                sub(credit, "function", quote.role)


def _related(content: etree._Element, related: tuple[ExportRelated, ...]) -> None:
    if not related:
        return
    listing = sub(sub(content, "block", attrs={"class": "related"}), "ul")
    for entry in related:
        item = sub(listing, "li", attrs={"class": "related"})
        if entry.slug:
            item.set(nr("slug"), entry.slug)
        if is_absolute(entry.url):
            sub(sub(item, "p"), "a", entry.headline, {"href": entry.url})
        else:  # a page name (no base URL): nothing a partner could open, so no link
            sub(item, "p", entry.headline)
        if entry.subtitle:
            sub(item, "p", entry.subtitle, attrs={"class": "subtitle"})


# --- the body -------------------------------------------------------------------


class BodyWriter:
    """Maps the renderer's HTML onto NITF's body elements."""

    def __init__(self) -> None:
        self.footnote_ids: dict[str, str] = {}

    def blocks(self, parent: etree._Element, nodes: list[Node]) -> None:
        """Block content for an element-only parent: loose inline runs become ``p``."""
        run: list[Node] = []
        for node in nodes:
            if isinstance(node, Element) and is_block(node):
                self._flush(parent, run)
                self.block(parent, node)
            else:
                run.append(node)
        self._flush(parent, run)

    def _flush(self, parent: etree._Element, run: list[Node]) -> None:
        if run and not all(is_blank(node) for node in run):
            self.inline(sub(parent, "p"), trim_blank_ends(run))
        run.clear()

    def flow(self, parent: etree._Element, nodes: list[Node]) -> None:
        """Content for a mixed parent (li, td): inline text as is, blocks without whitespace."""
        if not any(is_block(node) for node in nodes):
            self.inline(parent, nodes)
            return
        for node in nodes:
            if is_blank(node):
                continue
            if isinstance(node, Element) and is_block(node):
                self.block(parent, node)
            else:
                self.inline(parent, [node])

    def block(self, parent: etree._Element, element: Element) -> None:
        tag = element.tag
        if tag in ("p", "li", "dt", "caption", "th", "td"):
            self.inline(sub(parent, "p"), element.children)
        elif tag in HEADINGS:
            level = max(HEADINGS[tag], 2)
            css = "" if level == 2 else f"h{level}"
            self.inline(sub(parent, "hl2", attrs={"class": css}), element.children)
        elif tag == "blockquote":
            self.blocks(sub(sub(parent, "bq"), "block"), element.children)
        elif tag in ("ul", "ol"):
            self.listing(parent, element)
        elif tag == "dl":
            self.definitions(parent, element)
        elif tag == "pre":
            self.preformatted(parent, element)
        elif tag == "hr":
            sub(parent, "hr")
        elif tag == "table":
            TableWriter(self).write(parent, element)
        elif tag == "div" and element.attrs.get("class") == "footnote":
            self.footnotes(parent, element)
        else:
            self.blocks(parent, element.children)

    def listing(self, parent: etree._Element, element: Element) -> None:
        items = [child for child in element.children if isinstance(child, Element)]
        if not any(item.tag == "li" for item in items):
            self.blocks(parent, element.children)
            return
        start = element.attrs.get("start", "")
        listing = sub(parent, element.tag, attrs={"seqnum": start if _DIGITS.match(start) else ""})
        for item in items:
            self.flow(sub(listing, "li"), item.children if item.tag == "li" else [item])

    def definitions(self, parent: etree._Element, element: Element) -> None:
        terms = [child for child in element.children if isinstance(child, Element)]
        if not any(term.tag in ("dt", "dd") for term in terms):
            self.blocks(parent, element.children)
            return
        listing = sub(parent, "dl")
        for term in terms:
            if term.tag == "dt":
                self.inline(sub(listing, "dt"), term.children)
            else:
                self.blocks(sub(listing, "dd"), term.children)

    def preformatted(self, parent: etree._Element, element: Element) -> None:
        content = [child for child in element.children if not is_blank(child)]
        is_code = len(content) == 1 and isinstance(content[0], Element) and content[0].tag == "code"
        sub(parent, "pre", element.text(), attrs={"class": "code" if is_code else ""})

    def footnotes(self, parent: etree._Element, element: Element) -> None:
        """Markdown's footnote list as NITF ``fn`` elements, each with its label."""
        for listing in element.children:
            if not isinstance(listing, Element) or listing.tag != "ol":
                continue
            for item in listing.children:
                if not isinstance(item, Element) or item.tag != "li":
                    continue
                label = item.attrs.get("id", "").removeprefix("fn:")
                note = sub(parent, "fn", attrs={"id": self.footnote_id(label)})
                note.set(nr("label"), xml_safe(label))
                self.blocks(sub(note, "body.content"), without_backrefs(item.children))

    def footnote_id(self, label: str) -> str:
        """An XML ID for a footnote (Markdown labels need not be valid IDs)."""
        return self.footnote_ids.setdefault(label, f"fn-{len(self.footnote_ids) + 1}")

    def inline(self, parent: etree._Element, nodes: list[Node]) -> None:
        for node in nodes:
            if isinstance(node, str):
                append_text(parent, node)
            else:
                self.inline_element(parent, node)

    def inline_element(self, parent: etree._Element, element: Element) -> None:
        tag = element.tag
        label = footnote_label(element)
        if label is not None:
            ref = sub(parent, "a", element.text(), {"href": f"#{self.footnote_id(label)}"})
            ref.set("class", "footnote-ref")
        elif tag == "a" and element.attrs.get("class") == "footnote-backref":
            return
        elif tag == "a":
            attrs = element.attrs
            self.inline(
                sub(
                    parent,
                    "a",
                    attrs={"href": attrs.get("href", ""), "title": attrs.get("title", "")},
                ),
                element.children,
            )
        elif tag == "em":
            self.inline(sub(parent, "em"), element.children)
        elif tag in EM_CLASSES:
            emphasis = sub(parent, "em", attrs={"class": tag})
            if element.attrs.get("title"):
                emphasis.set(nr("title"), xml_safe(element.attrs["title"]))
            self.inline(emphasis, element.children)
        elif tag == "q":
            self.inline(sub(parent, "q"), element.children)
        elif tag == "br":
            sub(parent, "br")
        elif tag == "img":
            _image(parent, element)
        else:
            self.inline(parent, element.children)


class TableWriter:
    """An HTML table in NITF's order: caption, thead, tfoot, then one tbody."""

    def __init__(self, body: BodyWriter) -> None:
        self.body = body

    def write(self, parent: etree._Element, table: Element) -> None:
        sections: dict[str, list[Element]] = {"thead": [], "tfoot": [], "tbody": []}
        caption: Element | None = None
        for child in table.children:
            if not isinstance(child, Element):
                continue
            if child.tag == "caption":
                caption = child
            elif child.tag in sections:
                sections[child.tag] += _rows(child)
            elif child.tag == "tr":
                sections["tbody"].append(child)
        if not any(sections.values()):
            return
        element = sub(parent, "table")
        if caption is not None:
            self.body.flow(sub(element, "caption"), caption.children)
        for name in ("thead", "tfoot", "tbody"):
            rows = [row for row in sections[name] if _cells(row)]
            if rows:
                self.rows(sub(element, name), rows)

    def rows(self, section: etree._Element, rows: list[Element]) -> None:
        for row in rows:
            element = sub(section, "tr")
            for cell in _cells(row):
                self.cell(element, cell)

    def cell(self, row: etree._Element, cell: Element) -> None:
        attrs = cell.attrs
        align = attrs.get("style", "").replace(" ", "").rstrip(";").removeprefix("text-align:")
        spans = {name: attrs.get(name, "") for name in ("colspan", "rowspan")}
        element = sub(
            row,
            cell.tag,
            attrs={
                "align": align if align in CELL_ALIGNMENTS else "",
                **{name: value for name, value in spans.items() if _DIGITS.match(value)},
            },
        )
        self.body.flow(element, cell.children)


def _rows(section: Element) -> list[Element]:
    return [row for row in section.children if isinstance(row, Element) and row.tag == "tr"]


def _cells(row: Element) -> list[Element]:
    return [cell for cell in row.children if isinstance(cell, Element) and cell.tag in ("th", "td")]


def _image(parent: etree._Element, element: Element) -> None:
    """An image in the text: NITF has no inline element for one, so it goes as XHTML."""
    image = etree.SubElement(parent, f"{{{XHTML_NS}}}img")
    for name in ("src", "alt", "title", "width", "height"):
        if name in element.attrs:
            image.set(name, xml_safe(element.attrs[name]))
