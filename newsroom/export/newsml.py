"""NewsML-G2 2.35: the article as a news message, valid against IPTC's schema.

A ``newsMessage`` carries a text ``newsItem`` and, when the article has a
photo, a picture ``newsItem`` for it, as agencies send them (Superdesk does
the same). The text item's metadata (status, headline, slugline, byline,
dateline, keywords, lead, links to related stories and to the picture) is
what G2 receivers route and list by; its content is the NITF document from
``export.nitf``, inline, so the story and everything Newsroom needs to bring
it back travel once. The picture item gives the caption, credit and the
rendition's file. A story scheduled after the export is embargoed until its
publication time (``itemMeta/embargoed`` on both items; the NITF says it too).

Output is deterministic: times come from the article (``updated_at`` for
``sent`` and ``versionCreated``), never from the clock.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlsplit

from lxml import etree

from newsroom.article import Article, Status
from newsroom.export.context import ExportContext, ExportPhoto
from newsroom.export.nitf import XML_LANG, child, indent, nitf_element

NAR_NS = "http://iptc.org/std/nar/2006-10-01/"
STANDARD_VERSION = "2.35"
IPTC_CATALOG = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_33.xml"
NITF_CONTENT_TYPE = "application/nitf+xml"

PUB_STATUS = {
    Status.DRAFT: "stat:withheld",
    Status.READY: "stat:withheld",
    Status.PUBLISHED: "stat:usable",
    Status.CORRECTED: "stat:usable",
    Status.KILLED: "stat:canceled",
}
# Elements with element-only content, indented for people.
ELEMENT_ONLY = frozenset(
    {"newsMessage", "header", "itemSet", "newsItem", "rightsInfo", "copyrightHolder",
     "itemMeta", "provider", "contentMeta", "located", "contentSet", "inlineXML"}
)  # fmt: skip
# G2's normalised strings (slugline, keyword, names) may not hold tabs or line breaks.
_NOT_NORMALIZED = re.compile(r"[\t\r\n]")
# What an IRI's path, query or fragment may hold as it is (non-ASCII letters included).
_NOT_IRI = re.compile(r"[^A-Za-z0-9\-._~!$&'()*+,;=:@/?%\u00a0-\U0010ffff]")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def g(tag: str) -> str:
    return f"{{{NAR_NS}}}{tag}"


def add(parent: Any, tag: str, text: str = "", attrs: dict[str, str] | None = None) -> Any:
    """A G2 child element; empty attributes are left out."""
    return child(parent, g(tag), text, attrs)


def normalized(text: str) -> str:
    return _NOT_NORMALIZED.sub(" ", text)


def iri(url: str) -> str:
    """A link as a valid IRI: characters URIs never hold (``<``, ``"``, ``]``, a second
    ``#``…) percent-escaped. The article format accepts any http(s) link that
    parses; G2's links (and ninjs's) must be IRIs, so an odd one is escaped here.
    """
    parts = urlsplit(url)
    head = f"{parts.scheme}:" if parts.scheme else ""
    if parts.netloc or url.startswith(f"{head}//"):
        head += f"//{parts.netloc}"
    before_fragment = url.split("#", 1)[0]
    text = head + _escaped(parts.path)
    if "?" in before_fragment:
        text += "?" + _escaped(parts.query)
    if "#" in url:
        text += "#" + _escaped(parts.fragment)
    return text


def _escaped(component: str) -> str:
    component = _BAD_ESCAPE.sub("%25", component)
    return _NOT_IRI.sub(lambda char: quote(char.group(), safe=""), component)


def write_newsml(context: ExportContext) -> bytes:
    """A NewsML-G2 news message holding the article (and its picture) as news items."""
    message = etree.Element(g("newsMessage"), nsmap={None: NAR_NS})
    header = add(message, "header")
    add(header, "sent", _when(context))
    add(header, "catalogRef", attrs={"href": IPTC_CATALOG})
    add(header, "sender", context.settings.name)
    items = add(message, "itemSet")
    text_item(items, context)
    if context.photo is not None:
        picture_item(items, context, context.photo)
    _indent(message)
    return bytes(etree.tostring(message, encoding="UTF-8", xml_declaration=True)) + b"\n"


def photo_guid(context: ExportContext) -> str:
    return f"{context.uri}#photo"


def text_item(items: Any, context: ExportContext) -> Any:
    item = _item(items, context, context.uri, "ninat:text")
    meta = item.find(g("itemMeta"))
    if context.photo is not None:
        attrs = {"rel": "irel:associatedWith", "residref": photo_guid(context)}
        add(meta, "link", attrs={**attrs, "contenttype": context.photo.media_type})
    for related in context.related:
        attrs = {"rel": "irel:seeAlso", "href": iri(related.url), "title": related.headline}
        add(meta, "link", attrs=attrs)
    _text_content_meta(add(item, "contentMeta"), context)
    attrs = {"contenttype": NITF_CONTENT_TYPE, XML_LANG: context.language}
    inline = add(add(item, "contentSet"), "inlineXML", attrs=attrs)
    inline.append(nitf_element(context))
    return item


def _text_content_meta(meta: Any, context: ExportContext) -> None:
    article = context.article
    if article.dateline.city:
        add(add(meta, "located"), "name", normalized(article.dateline.city))
    for tag in article.tags:
        add(meta, "keyword", normalized(tag))
    add(meta, "slugline", article.slug)
    add(meta, "headline", article.headline)
    if context.dateline:
        add(meta, "dateline", context.dateline)
    if article.byline:
        add(meta, "by", article.byline)
    if article.lead:
        add(meta, "description", article.lead, {"role": "drol:summary"})


def picture_item(items: Any, context: ExportContext, photo: ExportPhoto) -> Any:
    item = _item(items, context, photo_guid(context), "ninat:picture")
    meta = add(item, "contentMeta")
    if photo.credit:
        add(meta, "creditline", normalized(photo.credit))
    if photo.caption:
        add(meta, "description", photo.caption, {"role": "drol:caption"})
    content = {
        "rendition": "rnd:web",
        "href": iri(photo.href),
        "contenttype": photo.media_type,
        "width": str(photo.width),
        "height": str(photo.height),
    }
    add(add(item, "contentSet"), "remoteContent", attrs=content)
    return item


def _item(items: Any, context: ExportContext, guid: str, item_class: str) -> Any:
    """A newsItem with its catalog, rights and item metadata filled in."""
    article, settings = context.article, context.settings
    item = add(
        items,
        "newsItem",
        attrs={
            "guid": guid,
            "version": str(max(article.revision, 1)),
            "standard": "NewsML-G2",
            "standardversion": STANDARD_VERSION,
            "conformance": "power",
            XML_LANG: context.language,
        },
    )
    add(item, "catalogRef", attrs={"href": IPTC_CATALOG})
    holder = settings.agency or settings.name
    add(add(add(item, "rightsInfo"), "copyrightHolder"), "name", normalized(holder))
    meta = add(item, "itemMeta")
    add(meta, "itemClass", attrs={"qcode": item_class})
    provider = add(meta, "provider", attrs={"uri": settings.base_url})
    add(provider, "name", normalized(settings.name))
    add(meta, "versionCreated", _when(context))
    if article.created_at is not None:
        add(meta, "firstCreated", _iso(article.created_at, context))
    if context.embargoed_until is not None:
        add(meta, "embargoed", _iso(context.embargoed_until, context))
    add(meta, "pubStatus", attrs={"qcode": PUB_STATUS[article.status]})
    return item


def _when(context: ExportContext) -> str:
    """The version's time: the last save (or publication), never the clock."""
    article: Article = context.article
    moment = article.updated_at or article.published_at or article.created_at or _EPOCH
    return _iso(moment, context)


def _iso(moment: datetime, context: ExportContext) -> str:
    return moment.astimezone(context.settings.tzinfo).isoformat()


def _indent(element: Any, level: int = 0) -> None:
    """Indent G2's element-only parts; the inline NITF indents itself."""
    name = etree.QName(element).localname
    if etree.QName(element).namespace != NAR_NS or name not in ELEMENT_ONLY or not len(element):
        if etree.QName(element).localname == "nitf":
            indent(element, level)
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for nested in element:
        _indent(nested, level + 1)
        nested.tail = inner
    element[-1].tail = "\n" + "  " * level
