"""ninjs 2.2 (IPTC's News in JSON): the article for web and API consumers.

Valid against ``ninjs-schema_2.2.json``, which allows no properties of its
own, so everything goes where the standard has room for it:

- headlines: ``main``, ``sub`` (subtitle) and ``mark`` (the feed label);
- descriptions: ``summary`` (the lead), ``dateline`` (the house-style text),
  ``status`` (Newsroom's exact status; ``pubstatus`` only has three values);
- bodies: the safe HTML (``text/html``) and the Markdown it was made from
  (``text/markdown``), so an import gets the body back exactly;
- the dateline as ``located`` (city), ``contentcreated`` (its date) and
  ``infosources`` (its agency);
- for a story started from a wire item, the agency as an ``infosources``
  entry with the role "content source", its ``urgency``, and the item as an
  association named ``derived-from`` (id, version, copyright notice);
- times as ninjs defines them (nar:firstCreated, nar:versionCreated):
  ``firstcreated`` is when the article was created, ``versioncreated`` its
  last saved revision; ninjs has no publication time, so it is a description
  (role ``published``), and ``embargoed`` too while that time is still ahead;
- subjects: the section (``rel: section``) and the tags;
- associations: the photo (``picture`` with caption, alt text and credit as
  descriptions, the photo's copyright holder — a name, no "©" — and notice,
  and the rendition: its file is ``media/<slugline>.jpg`` beside the document,
  named by no ``href``, which must be an absolute URI), related stories that
  readers can open (``text`` items with headlines and a link when it is
  absolute; Newsroom's own carry their slug as ``slugline``) and
  quotes (``text`` items, profile ``quote`` or ``pull-quote``, the speaker as
  ``by``, the speaker's role and a pull quote's place as descriptions).

Output is deterministic: keys in a fixed order, times from the article.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, time
from typing import Any

from newsroom.article import Quote, WireSource
from newsroom.export.context import ExportContext, ExportPhoto, ExportRelated
from newsroom.export.newsml import PUB_STATUS as G2_PUB_STATUS
from newsroom.export.newsml import iri
from newsroom.render.urls import is_absolute
from newsroom.slug import slugify

NINJS_VERSION = "2.2"
NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json#"
# The same publishing statuses as NewsML-G2, without its "stat:" scheme prefix.
PUB_STATUS = {status: code.removeprefix("stat:") for status, code in G2_PUB_STATUS.items()}
QUOTE_PROFILES = {True: "pull-quote", False: "quote"}
# A quote's description role giving its place: after that paragraph of the body.
AFTER_PARAGRAPH = "after-paragraph"
PLAIN = "text/plain"
# The description roles for what ninjs has no property for: the publication time, a credit.
PUBLISHED = "published"
CREDIT = "credit"
# A story started from a wire item: the agency is an infosource in the role IPTC's Content
# Production Party Role NewsCodes call "content source" (ninjs wants the role as a URI),
# and the item an association by this name (its exact id an altid, its format a description).
CONTENT_SOURCE_ROLE = "http://cv.iptc.org/newscodes/contentprodpartyrole/contentSource"
DERIVED_FROM = "derived-from"
WIRE_ITEM_ID = "wire-item-id"
WIRE_FORMAT = "format"
# An absolute URI starts with its scheme (RFC 3986).
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")


def write_ninjs(context: ExportContext) -> bytes:
    """The article as a ninjs 2.2 JSON document (UTF-8, indented)."""
    document = ninjs_document(context)
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def ninjs_document(context: ExportContext) -> dict[str, Any]:
    article = context.article
    tz = context.settings.tzinfo
    document: dict[str, Any] = {
        "uri": context.uri,
        "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA},
        "type": "text",
        "representationtype": "full",
        "version": str(article.revision),
    }
    _put(document, "firstcreated", _iso(article.created_at, context))
    _put(document, "versioncreated", _iso(article.updated_at, context))
    _put(document, "embargoed", _iso(context.embargoed_until, context))
    if article.dateline.date is not None:
        midnight = datetime.combine(article.dateline.date, time(0), tz)
        document["contentcreated"] = midnight.isoformat()
    document["pubstatus"] = PUB_STATUS[article.status]
    document["language"] = context.language
    document["slugline"] = article.slug
    document["headlines"] = _texts(
        ("main", article.headline), ("sub", article.subtitle), ("mark", article.mark)
    )
    _put(document, "by", article.byline)
    _put(document, "located", article.dateline.city)
    document["infosources"] = _infosources(context)
    if article.source is not None and article.source.urgency is not None:
        document["urgency"] = article.source.urgency
    document["descriptions"] = _texts(
        ("summary", article.lead),
        ("dateline", context.dateline),
        ("status", article.status.value),
        (PUBLISHED, _iso(article.published_at, context)),
    )
    if article.body:
        document["bodies"] = [
            {"role": "main", "contenttype": "text/html", "value": context.body_html},
            {"role": "source", "contenttype": "text/markdown", "value": article.body},
        ]
    subjects = [{"name": article.section, "rel": "section"}] if article.section else []
    document["subjects"] = subjects + [{"name": tag} for tag in article.tags]
    document["copyrightholder"] = context.settings.agency or context.settings.name
    document["associations"] = _associations(context)
    return {key: value for key, value in document.items() if value != []}


def _associations(context: ExportContext) -> list[dict[str, Any]]:
    associations = []
    if context.photo is not None:
        associations.append(_photo(context, context.photo))
    for number, related in enumerate(context.related, 1):
        associations.append(_related(context, related, number))
    for number, quote in enumerate(context.article.quotes, 1):
        associations.append(_quote(context, quote, number))
    source = context.article.source
    if source is not None and source.item_id:
        associations.append(_derived_from(context, source))
    return associations


def _infosources(context: ExportContext) -> list[dict[str, str]]:
    """The dateline's agency (no role), then the agency whose item the story came from."""
    article = context.article
    sources = [{"name": article.dateline.agency}] if article.dateline.agency else []
    if article.source is not None and article.source.agency:
        sources.append({"name": article.source.agency, "role": CONTENT_SOURCE_ROLE})
    return sources


def _derived_from(context: ExportContext, source: WireSource) -> dict[str, Any]:
    """The agency's item the story was started from: ninjs has no link, so an association.

    Its ``uri`` is the item's id when that is a URI; agencies' ids often are
    not (AP's hex ids, AAP's ``AAP.312874510.7204113``), and then it is a part
    of this document, as the photo's is. The exact id is always an altid.
    The file's name on our ingest folder is left out (``export.nitf._provenance``).
    """
    item_id = source.item_id
    uri = iri(item_id) if _SCHEME.match(item_id) else f"{context.uri}#{DERIVED_FROM}"
    association: dict[str, Any] = {"name": DERIVED_FROM, "uri": uri, "type": "text"}
    _put(association, "version", source.version)
    association["altids"] = [{"role": WIRE_ITEM_ID, "value": item_id}]
    _put(association, "copyrightnotice", source.copyright)
    if source.agency:
        association["infosources"] = [{"name": source.agency, "role": CONTENT_SOURCE_ROLE}]
    _put(association, "descriptions", _texts((WIRE_FORMAT, source.format)))
    return association


def _photo(context: ExportContext, photo: ExportPhoto) -> dict[str, Any]:
    association: dict[str, Any] = {
        "name": "photo",
        "uri": f"{context.uri}#photo",
        "type": "picture",
    }
    _put(
        association,
        "descriptions",
        _texts(("caption", photo.caption), ("alt", photo.alt), (CREDIT, photo.credit)),
    )
    settings = context.settings
    association["copyrightholder"] = photo.copyright_holder or settings.agency or settings.name
    _put(association, "copyrightnotice", photo.copyright_notice or photo.credit_line)
    # No href: ninjs wants an absolute URI, and the file is beside the document, under
    # the name the import looks for (media/<slugline>.jpg), not at an address of its own.
    association["renditions"] = [
        {
            "name": "web",
            "contenttype": photo.media_type,
            "width": photo.width,
            "height": photo.height,
        }
    ]
    return association


def _related(context: ExportContext, related: ExportRelated, number: int) -> dict[str, Any]:
    """A related story; its web page only at an absolute address (none without a base URL)."""
    href = iri(related.url) if is_absolute(related.url) else ""
    uri = href
    if related.slug and not uri:
        uri = f"urn:newsroom:{slugify(context.settings.name)}:{related.slug}"
    association: dict[str, Any] = {"name": f"related-{number}", "uri": uri, "type": "text"}
    _put(association, "slugline", related.slug)
    association["headlines"] = _texts(("main", related.headline), ("sub", related.subtitle))
    if href:
        association["renditions"] = [{"name": "web", "href": href, "contenttype": "text/html"}]
    return association


def _quote(context: ExportContext, quote: Quote, number: int) -> dict[str, Any]:
    association: dict[str, Any] = {
        "name": f"quote-{number}",
        "uri": f"{context.uri}#quote-{number}",
        "type": "text",
        "profile": QUOTE_PROFILES[quote.pull],
    }
    _put(association, "by", quote.speaker)
    place = "" if quote.after_paragraph is None else str(quote.after_paragraph)
    _put(
        association, "descriptions", _texts(("speaker-role", quote.role), (AFTER_PARAGRAPH, place))
    )
    association["bodies"] = [{"role": "quote", "contenttype": PLAIN, "value": quote.text}]
    return association


def _texts(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    """ninjs text objects (role, content type, value) for the non-empty values."""
    return [{"role": role, "contenttype": PLAIN, "value": value} for role, value in pairs if value]


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    if value:
        target[key] = value


def _iso(moment: datetime | None, context: ExportContext) -> str:
    return "" if moment is None else moment.astimezone(context.settings.tzinfo).isoformat()
