"""NewsML-G2 2.35: the article as partners' tools read it, valid against IPTC's schema.

An article with a photo goes out as three G2 documents, each in its own file:
a ``packageItem`` (``<slug>.newsml.xml``) whose one group refers, by guid and
version, to a text ``newsItem`` (``<slug>.text.newsml.xml``) and a picture
``newsItem`` (``<slug>.picture.newsml.xml``); the picture's file goes under
``media/``. An article without a photo is its text ``newsItem`` alone, as
``<slug>.newsml.xml``. Item readers (IPTC's own NewsMLG2 library among them)
take a ``newsItem`` or a ``packageItem`` as the root; they do not read the
items out of a ``newsMessage``'s ``itemSet``. The ``newsMessage`` holding both
items in one file is still written on request (``write_newsml_message``), for
transmission to receivers that take messages. The file names use a dot,
which slugs never hold, so no article's files can be another's.

The text item's metadata (status, headline, slugline, byline, dateline,
keywords, lead, links to related stories and to the picture, and for a story
started from a wire item the agency as ``infoSource``, its urgency and a
``link`` to the agency's item it derives from) is what G2
receivers route and list by; its content is the NITF document from
``export.nitf``, inline, so the story and everything Newsroom needs to bring
it back travel once. The picture item gives the caption, alt text, credit,
the photo's copyright holder and the rendition's file. A story scheduled
after the export is embargoed until its publication time (``itemMeta/embargoed``
on every item; the NITF says it too).

Times: ``firstCreated`` is when the article was created, ``versionCreated``
and ``contentModified`` its last saved revision. Output is deterministic:
times come from the article, never from the clock.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlsplit

from lxml import etree

from newsroom.article import Article, Status
from newsroom.export.context import ExportContext, ExportPhoto, ExportRelated
from newsroom.export.nitf import XML_LANG, child, indent, nitf_element
from newsroom.render.urls import is_absolute

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
    {"newsMessage", "header", "itemSet", "newsItem", "packageItem", "rightsInfo",
     "copyrightHolder", "itemMeta", "provider", "contentMeta", "located", "infoSource",
     "contentSet",
     "inlineXML", "groupSet", "group", "itemRef"}
)  # fmt: skip
# G2's normalised strings (slugline, keyword, names) may not hold tabs or line breaks.
_NOT_NORMALIZED = re.compile(r"[\t\r\n]")
# What an IRI's path, query or fragment may hold as it is (non-ASCII letters included).
_NOT_IRI = re.compile(r"[^A-Za-z0-9\-._~!$&'()*+,;=:@/?%\u00a0-\U0010ffff]")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_POSITIVE = re.compile(r"^0*[1-9][0-9]{0,17}$")
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


SUFFIX = ".newsml.xml"
# The content type of a G2 item a package or a link refers to (NewsML-G2 specification, 2.35).
ITEM_CONTENT_TYPE = "application/vnd.iptc.g2.newsitem+xml"
# IPTC Description Role NewsCodes: "Alternative text" (drol:altText), the accessibility text
# IPTC Photo Metadata calls "Alt Text (Accessibility)"; its NewsML-G2 mapping is
# contentMeta/description with this role (as Superdesk's NewsML-G2 formatter writes it).
ALT_TEXT_ROLE = "drol:altText"
# A story started from a wire item links to it with IPTC's Item Relation "derived from"
# (G2's own derivedFrom element is about metadata derived from a concept, not items), and
# names the agency as an infoSource in the role IPTC's Content Production Party Role
# NewsCodes (which replaced the retired infosourcerole in 2021) call "content source": a
# party which contributed to the content as a source. Our ingest folder's file name
# stays out (see ``export.nitf._provenance``).
DERIVED_FROM = "irel:derivedFrom"
CONTENT_SOURCE = "cpprole:contentSource"


def newsml_files(context: ExportContext) -> dict[str, bytes]:
    """The article's G2 files by name: the package and its two items, or the text item alone."""
    slug = context.article.slug
    photo = context.photo
    if photo is None:
        return {f"{slug}{SUFFIX}": _document(text_item(None, context))}
    text_name, picture_name = f"{slug}.text{SUFFIX}", f"{slug}.picture{SUFFIX}"
    return {
        f"{slug}{SUFFIX}": _document(package_item(context, text_name, picture_name)),
        text_name: _document(text_item(None, context)),
        picture_name: _document(picture_item(None, context, photo)),
    }


def write_newsml(context: ExportContext) -> bytes:
    """The file a partner opens: the package (with a photo) or the lone text item."""
    return newsml_files(context)[f"{context.article.slug}{SUFFIX}"]


def write_newsml_message(context: ExportContext) -> bytes:
    """A NewsML-G2 news message holding the text item (and the picture item), for transmission."""
    message = etree.Element(g("newsMessage"), nsmap={None: NAR_NS})
    header = add(message, "header")
    add(header, "sent", _when(context))
    add(header, "catalogRef", attrs={"href": IPTC_CATALOG})
    add(header, "sender", context.settings.name)
    items = add(message, "itemSet")
    text_item(items, context)
    if context.photo is not None:
        picture_item(items, context, context.photo)
    return _document(message)


def _document(root: Any) -> bytes:
    _indent(root)
    return bytes(etree.tostring(root, encoding="UTF-8", xml_declaration=True)) + b"\n"


def photo_guid(context: ExportContext) -> str:
    return f"{context.uri}#photo"


def package_guid(context: ExportContext) -> str:
    return f"{context.uri}#package"


def package_item(context: ExportContext, text_file: str, picture_file: str) -> Any:
    """A packageItem whose main group refers to the text and the picture items (and their files)."""
    article = context.article
    package = _item(None, context, package_guid(context), "ninat:composite", "packageItem")
    content = add(package, "contentMeta")
    add(content, "slugline", article.slug)
    add(content, "headline", article.headline)
    root = add(add(package, "groupSet", attrs={"root": "main"}), "group",
               attrs={"id": "main", "role": "group:main"})  # fmt: skip
    text = _item_ref(root, context, context.uri, text_file, "ninat:text")
    add(text, "title", article.headline)
    photo = context.photo
    picture = _item_ref(root, context, photo_guid(context), picture_file, "ninat:picture")
    if photo is not None and photo.caption:
        add(picture, "description", photo.caption, {"role": "drol:caption"})
    return package


def _item_ref(group: Any, context: ExportContext, guid: str, file: str, item_class: str) -> Any:
    """A reference to one of the package's items: its guid and version, and its file beside."""
    attrs = {"residref": guid, "version": _version(context), "href": file,
             "contenttype": ITEM_CONTENT_TYPE}  # fmt: skip
    ref = add(group, "itemRef", attrs=attrs)
    add(ref, "itemClass", attrs={"qcode": item_class})
    add(ref, "pubStatus", attrs={"qcode": PUB_STATUS[context.article.status]})
    return ref


def text_item(items: Any, context: ExportContext) -> Any:
    item = _item(items, context, context.uri, "ninat:text")
    meta = item.find(g("itemMeta"))
    source = context.article.source
    if source is not None and source.item_id:
        # The agency's item the story was started from (IPTC Item Relation NewsCodes).
        # G2 versions are positive whole numbers; another text stays in the inline NITF.
        version = source.version if _POSITIVE.match(source.version) else ""
        attrs = {"rel": DERIVED_FROM, "residref": source.item_id, "version": version}
        add(meta, "link", attrs={**attrs, "title": source.agency})
    if context.photo is not None:
        attrs = {"rel": "irel:associatedWith", "residref": photo_guid(context)}
        add(meta, "link", attrs={**attrs, "version": _version(context),
                                 "contenttype": ITEM_CONTENT_TYPE})  # fmt: skip
    for related in context.related:
        add(meta, "link", attrs={"rel": "irel:seeAlso", **_see_also(context, related)})
    _text_content_meta(add(item, "contentMeta"), context)
    attrs = {"contenttype": NITF_CONTENT_TYPE, XML_LANG: context.language}
    inline = add(add(item, "contentSet"), "inlineXML", attrs=attrs)
    inline.append(nitf_element(context))
    return item


def _see_also(context: ExportContext, related: ExportRelated) -> dict[str, str]:
    """Where a related story is: its web page, else (no base URL) its item's guid.

    A page name alone (``slug.html``) is nothing a partner could open.
    """
    if is_absolute(related.url):
        return {"href": iri(related.url), "title": related.headline}
    if related.slug:
        return {"residref": context.guid_of(related.slug), "title": related.headline}
    return {"title": related.headline}


def _text_content_meta(meta: Any, context: ExportContext) -> None:
    article = context.article
    source = article.source
    if source is not None and source.urgency is not None:
        add(meta, "urgency", str(source.urgency))
    if article.updated_at is not None:
        add(meta, "contentModified", _iso(article.updated_at, context))
    if article.dateline.city:
        add(add(meta, "located"), "name", normalized(article.dateline.city))
    if source is not None and source.agency:
        add(add(meta, "infoSource", attrs={"role": CONTENT_SOURCE}), "name",
            normalized(source.agency))  # fmt: skip
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
    holder = photo.copyright_holder or context.settings.agency or context.settings.name
    item = _item(items, context, photo_guid(context), "ninat:picture", holder=holder,
                 notice=photo.copyright_notice)  # fmt: skip
    meta = add(item, "contentMeta")
    if photo.credit:
        add(meta, "creditline", normalized(photo.credit))
    if photo.caption:
        add(meta, "description", photo.caption, {"role": "drol:caption"})
    if photo.alt:
        add(meta, "description", photo.alt, {"role": ALT_TEXT_ROLE})
    content = {
        "rendition": "rnd:web",
        "href": iri(photo.href),
        "contenttype": photo.media_type,
        "width": str(photo.width),
        "height": str(photo.height),
    }
    add(add(item, "contentSet"), "remoteContent", attrs=content)
    return item


def _item(
    parent: Any,
    context: ExportContext,
    guid: str,
    item_class: str,
    root: str = "newsItem",
    *,
    holder: str = "",
    notice: str = "",
) -> Any:
    """An item (a document's root when ``parent`` is None) with catalog, rights and item meta."""
    article, settings = context.article, context.settings
    attrs = {
        "guid": guid,
        "version": _version(context),
        "standard": "NewsML-G2",
        "standardversion": STANDARD_VERSION,
        "conformance": "power",
        XML_LANG: context.language,
    }
    if parent is None:
        item = etree.Element(g(root), attrs, nsmap={None: NAR_NS})
    else:
        item = add(parent, root, attrs=attrs)
    add(item, "catalogRef", attrs={"href": IPTC_CATALOG})
    rights = add(item, "rightsInfo")
    holder = holder or settings.agency or settings.name
    add(add(rights, "copyrightHolder"), "name", normalized(holder))
    if notice:
        add(rights, "copyrightNotice", notice)
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


def _version(context: ExportContext) -> str:
    """Every item of one export has the article's revision as its version."""
    return str(max(context.article.revision, 1))


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
