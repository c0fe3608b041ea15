"""NewsML-G2 in: the text items of a news message, package or lone news item as articles.

Qcodes are resolved through the item's catalogs (``newsml_catalogs``) and
compared as concepts, so ``icls:text``, ``ninat:text`` and any alias a
catalog binds to IPTC's Nature of News Item all mean text.

Text comes as NITF inside ``inlineXML`` (read by ``imports.nitf``, which
knows everything Newsroom's own export puts there), as XHTML, or as plain
``inlineData``; when the ``contentSet`` offers alternatives the richest is
read: structured (NITF, XHTML) before plain, the longest when equal. The
item's G2 metadata fills what the text leaves out: headline and subheadline,
slugline, byline (``by`` or the creators), dateline (``dateline``/``located``),
lead (the summary, else the first paragraph of a wire item's XHTML or plain
text), language, keywords and status.

A news message may carry several text items (each is an article), picture
items (each goes to the text item that links to it or shares its package
group) and other items (skipped, and said so). A ``packageItem`` is read
through its ``itemRef``s: items in the same message, or the files named
beside it (a plain file name only, never a path elsewhere); a text item's
``link`` to a picture item in a file beside it is followed the same way. A
file named but not there (a photo, a package's item) is left out with a
warning and listed in ``G2Reading.missing``: an ingest folder waits for it.
A file of picture items alone is no article: ``NoTextItemError`` says so.

Where each item came from (provider, guid, version, urgency, file) is in the
``G2Reading`` that ``read_g2`` returns, in step with the articles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsroom.errors import NewsroomError
from newsroom.export.newsml import ALT_TEXT_ROLE, NAR_NS
from newsroom.export.nitf import NEWSROOM_NS
from newsroom.imports.html_to_markdown import nodes_to_markdown
from newsroom.imports.newsml_catalogs import PICTURE, TEXT, Catalogs, Concept
from newsroom.imports.nitf import STATUS_FROM_MANAGEMENT, nitf_article, photo_path
from newsroom.imports.wire_item import WireSource, local_photo, missing_beside
from newsroom.imports.xml_input import (
    child,
    children,
    descendant,
    local_name,
    namespace,
    parse_xml,
    text_of,
)
from newsroom.render.dom import Element, Node
from newsroom.slug import slug_problem

ROOTS = ("newsItem", "newsMessage", "packageItem")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XHTML_TYPES = ("application/xhtml+xml", "text/html")
SUBHEADLINE_ROLES = frozenset({"subheadline", "sub", "subtitle", "subhead"})
# XHTML elements that only wrap a story's paragraphs (dpa's section, others' div).
_WRAPPERS = frozenset({"div", "section", "article", "main"})
_DASHES = " -–—"
# A package names at most this many items; more is not a news package.
MAX_PACKAGE_REFS = 500
# The content type of a NewsML-G2 item in a file of its own (a link or itemRef to it).
G2_ITEM_TYPE = "application/vnd.iptc.g2.newsitem+xml"


@dataclass
class G2Reading:
    """What a NewsML-G2 file gave: articles (with their sources, in step) and what was left."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    sources: list[WireSource] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what the articles came in without
    missing: list[str] = field(default_factory=list)  # files named, not beside the document
    picture_files: list[str] = field(default_factory=list)  # picture item files read beside it
    item_files: list[str] = field(default_factory=list)  # every item file read beside it


class NoTextItemError(NewsroomError):
    """A G2 file with no text item: ``pictures_only`` when it holds picture items alone (the
    picture of a package or a text item in another file); ``missing`` the item files it
    names that are not beside it (perhaps its text item, still to arrive)."""

    def __init__(self, message: str, *, pictures_only: bool, missing: tuple[str, ...]) -> None:
        super().__init__(message)
        self.pictures_only = pictures_only
        self.missing = missing


def is_newsml(root: Any) -> bool:
    return local_name(root) in ROOTS and namespace(root) == NAR_NS


def read_newsml(data: bytes, base_dir: Path | None = None) -> dict[str, Any] | list[dict[str, Any]]:
    """The articles of a NewsML-G2 document, in the JSON article format."""
    root = parse_xml(data)
    if not is_newsml(root):
        raise NewsroomError(
            f"not a NewsML-G2 document (its root element is <{local_name(root)}>, "
            "not a newsItem, packageItem or newsMessage in the IPTC namespace)"
        )
    articles = read_g2(root, base_dir).articles
    return articles[0] if len(articles) == 1 else articles  # one alone, several as a list


def read_g2(root: Any, base_dir: Path | None = None, file: str = "") -> G2Reading:
    """Every text item of a G2 document as an article, with its source and what was skipped."""
    items = _Items(root, base_dir)
    texts = [item for item in items.news if item.is_(TEXT)]
    if not texts:
        raise _no_text(items)
    photos = _attach_pictures(items, texts)
    reading = G2Reading(
        skipped=items.skipped,
        warnings=items.warnings,
        missing=items.missing,
        picture_files=items.picture_files,
        item_files=sorted(items.read),
    )
    for item in texts:
        text = _TextItem(item, photos.get(item.guid), items)
        reading.articles.append(text.article())
        # Ours is never a wire item, whatever its guid (the canonical URL with a base URL).
        reading.sources.append(WireSource(format="NewsML-G2") if text.own else item.source(file))
    attached = set(photos.values())
    for item in items.news:
        if item.is_(PICTURE) and item not in attached:
            reading.skipped.append(f"picture item {item.guid}: no text item links to it")
        elif not item.is_(TEXT) and not item.is_(PICTURE):
            reading.skipped.append(f"item {item.guid} ({item.class_code}): not text or a picture")
    return reading


def _no_text(items: _Items) -> NoTextItemError:
    pictures_only = bool(items.news) and not items.packages
    pictures_only = pictures_only and all(item.is_(PICTURE) for item in items.news)
    if pictures_only:
        message = (
            "the NewsML-G2 file holds no text item, only pictures: import the package "
            "or text item that names it, with this file beside it"
        )
    else:
        message = "the NewsML-G2 file holds no text item (an itemClass meaning IPTC's "
        message += "ninature:text)"
        if items.missing:
            message += f"; the items it names are not beside it ({', '.join(items.missing)})"
    return NoTextItemError(message, pictures_only=pictures_only, missing=tuple(items.missing))


# --- the items of a document ---------------------------------------------------------


class _Item:
    """A newsItem or packageItem with the catalogs that resolve its qcodes."""

    def __init__(self, element: Any, header: Any = None) -> None:
        self.element = element
        self.guid = str(element.get("guid") or "")
        self.catalogs = Catalogs([header, element])
        self.meta = child(element, "itemMeta")
        self.content_meta = child(element, "contentMeta")
        item_class = child(self.meta, "itemClass")
        self.item_class = self.catalogs.concept(item_class)
        self.class_code = "" if item_class is None else str(item_class.get("qcode") or "")

    def is_(self, concept: tuple[str, str]) -> bool:
        return self.item_class.same(concept)

    def source(self, file: str) -> WireSource:
        urgency = _line(child(self.content_meta, "urgency"))
        return WireSource(
            agency=_provider(child(self.meta, "provider")),
            item_id=self.guid,
            version=str(self.element.get("version") or ""),
            urgency=int(urgency) if urgency.isdigit() else None,
            file_name=file,
            format="NewsML-G2",
            pubstatus=self.pubstatus(),
        )

    def pubstatus(self) -> str:
        """``pubStatus``'s code in IPTC's scheme ("usable", "canceled"…), whatever the alias."""
        qcode = _attribute(child(self.meta, "pubStatus"), "qcode")
        return self.catalogs.lenient(qcode).code.strip().lower() if qcode else ""


class _Items:
    """The news items and packages of a document, read from it and the files beside it."""

    def __init__(self, root: Any, base_dir: Path | None) -> None:
        self.base_dir = base_dir
        self.news: list[_Item] = []
        self.packages: list[_Item] = []
        self.skipped: list[str] = []
        self.warnings: list[str] = []
        self.missing: list[str] = []  # files named that are not beside the document
        self.read: set[str] = set()  # item files read from beside it
        self.picture_files: list[str] = []  # those holding a picture item
        message = local_name(root) == "newsMessage"
        header = child(root, "header") if message else None
        for element in list(children(child(root, "itemSet"))) if message else [root]:
            self.add(element, header)
        for package in list(self.packages):
            self.read_package_files(package.element)
        for text in [item for item in self.news if item.is_(TEXT)]:
            self.read_linked_files(text)

    def add(self, element: Any, header: Any = None) -> None:
        if namespace(element) != NAR_NS:
            return
        if local_name(element) == "newsItem":
            self.news.append(_Item(element, header))
        elif local_name(element) == "packageItem":
            self.packages.append(_Item(element, header))
        elif local_name(element):
            self.skipped.append(f"<{local_name(element)}>: not a news item or package")

    def by_guid(self) -> dict[str, _Item]:
        return {item.guid: item for item in self.news}

    def read_package_files(self, package: Any) -> None:
        """The items a package refers to that the document does not hold, from files beside it."""
        known = self.by_guid()
        refs = list(package.iter(f"{{{NAR_NS}}}itemRef"))[:MAX_PACKAGE_REFS]
        missing = [ref for ref in refs if ref.get("residref") not in known]
        names = list(dict.fromkeys(str(ref.get("href")) for ref in missing if ref.get("href")))
        if names and self.base_dir is None:
            listed = ", ".join(names)
            raise NewsroomError(
                f"a NewsML-G2 package: import it from its file, beside its items ({listed})"
            )
        for name in names:
            if not _plain_name(name):
                self.skipped.append(f"package item {name}: not a file beside the package, not read")
                continue
            self.read_beside(name, "package item")

    def read_linked_files(self, text: _Item) -> None:
        """The picture items a text item links to in files beside it (``link href``)."""
        known = self.by_guid()
        for link in children(text.meta, "link"):
            name = str(link.get("href") or "")
            is_item = str(link.get("contenttype") or "").startswith(G2_ITEM_TYPE)
            if link.get("residref") not in known and _plain_name(name) and is_item:
                self.read_beside(name, "linked item")

    def read_beside(self, name: str, kind: str) -> None:
        """The news item in the file ``name`` beside the document; missing, a warning."""
        if self.base_dir is None or name in self.read or name in self.missing:
            return
        if missing_beside(name, self.base_dir):
            self.missing.append(name)
            self.warnings.append(f"{kind} {name} is not beside the file: read without it")
            return
        element = parse_xml(_read_beside(self.base_dir, name))
        self.read.add(name)
        if local_name(element) == "newsItem" and namespace(element) == NAR_NS:
            item = _Item(element)
            self.news.append(item)
            if item.is_(PICTURE):
                self.picture_files.append(name)


def _plain_name(name: str) -> bool:
    """A file name alone: no folder, not hidden, no scheme (never read from elsewhere)."""
    return bool(name) and Path(name).name == name and not name.startswith(".") and ":" not in name


def _read_beside(base_dir: Path | None, name: str) -> bytes:
    path = (base_dir or Path()) / name
    try:
        return path.read_bytes()
    except OSError as error:
        raise NewsroomError(
            f"{name}: the package's item cannot be read ({error.strerror}); "
            "keep the package's files together"
        ) from None


def _attach_pictures(items: _Items, texts: list[_Item]) -> dict[str, _Item]:
    """Each text item's picture: the one it links to, else the one sharing its package group."""
    by_guid = items.by_guid()
    photos: dict[str, _Item] = {}
    for text in texts:
        for link in children(text.meta, "link"):
            picture = by_guid.get(str(link.get("residref") or ""))
            if picture is not None and picture.is_(PICTURE):
                photos[text.guid] = picture
                break
    for package in items.packages:
        for group in package.element.iter(f"{{{NAR_NS}}}group"):
            members = [by_guid.get(str(ref.get("residref") or "")) for ref in children(group)]
            found = [item for item in members if item is not None]
            pictures = [item for item in found if item.is_(PICTURE)]
            waiting = [item for item in found if item.is_(TEXT) and item.guid not in photos]
            if pictures and waiting:
                photos[waiting[0].guid] = pictures[0]
    return photos


def _picture_href(picture: _Item) -> str:
    """A picture item's largest local rendition, else its largest on the web ("": none)."""
    remotes = list(children(child(picture.element, "contentSet"), "remoteContent"))
    remotes.sort(key=lambda remote: -_number(remote.get("width")))
    hrefs = [str(remote.get("href") or "") for remote in remotes if remote.get("href")]
    return next((href for href in hrefs if not _on_the_web(href)), hrefs[0] if hrefs else "")


def _on_the_web(href: str) -> bool:
    try:
        return photo_path(href) is None
    except NewsroomError:
        return False  # not a usable reference: local_photo says so


# --- one text item -------------------------------------------------------------------


class _TextItem:
    def __init__(self, item: _Item, picture: _Item | None, items: _Items) -> None:
        self.item = item
        self.items = items
        self.meta = item.meta
        self.content_meta = item.content_meta
        self.picture = picture
        self.nitf = _richest_nitf(child(item.element, "contentSet"))
        # Newsroom's own NITF carries its namespace: its fields are exact and complete.
        docdata = descendant(self.nitf, "docdata")
        self.own = docdata is not None and docdata.find(f"{{{NEWSROOM_NS}}}status") is not None

    def article(self) -> dict[str, Any]:
        article = nitf_article(self.nitf) if self.nitf is not None else self.from_metadata()
        self.fill_gaps(article)
        if not self.own:
            self.fill_wire_gaps(article)
        # The item's version is not taken as the revision it was read at: it counts
        # the sender's saves, not this newsroom's, so it cannot tell what changed here.
        return article

    def from_metadata(self) -> dict[str, Any]:
        """An item without NITF: its metadata and its XHTML or plain text."""
        paragraphs = _richest_text(child(self.item.element, "contentSet"))
        if paragraphs is None:
            return {"body": ""}
        nodes = paragraphs
        lead = ""
        if not _description(self.item, "summary"):
            lead, nodes = _take_lead(nodes, _line(child(self.content_meta, "dateline")))
        return {"lead": lead, "body": nodes_to_markdown(nodes, typeset=True) if nodes else ""}

    def fill_gaps(self, article: dict[str, Any]) -> None:
        """What the text did not say, from the item's G2 metadata."""
        meta = self.content_meta
        defaults = {
            "headline": self.headline(main=True),
            "subtitle": self.headline(main=False),
            "byline": self.byline(),
            "lead": _description(self.item, "summary"),
            "tags": [_line(keyword) for keyword in children(meta, "keyword") if _line(keyword)],
        }
        for key, value in defaults.items():
            if not article.get(key) and value:
                article[key] = value
        if "slug" not in article:
            slug = _line(child(meta, "slugline")) or guid_slug(self.item.guid)
            if slug and slug_problem(slug) is None:
                article["slug"] = slug
        embargoed = _line(child(self.meta, "embargoed"))
        if embargoed and not article.get("published_at"):
            article["published_at"] = embargoed  # it goes out when the embargo ends
        if "status" not in article:
            status = self.item.pubstatus()
            if status in STATUS_FROM_MANAGEMENT:
                article["status"] = STATUS_FROM_MANAGEMENT[status]
        if not article.get("photo") and self.picture is not None:
            photo = self.photo(self.picture)
            if photo is not None:
                article["photo"] = photo

    def photo(self, picture: _Item) -> dict[str, Any] | None:
        """The picture item's photo; left out, with a warning, when its file cannot be read."""
        href = _picture_href(picture)
        if not href:
            self.items.warnings.append(
                f"picture item {picture.guid} names no photo file: imported without it"
            )
            return None
        items = self.items
        file = local_photo(href, items.base_dir, items.warnings, items.missing)
        if file is None:
            return None
        return {
            "file": file,
            "caption": _description(picture, "caption"),
            "credit": _line(child(picture.content_meta, "creditline")),
            "alt": _description(picture, ALT_TEXT_ROLE.partition(":")[2]),
        }

    def fill_wire_gaps(self, article: dict[str, Any]) -> None:
        """What only another system's item needs: its language and the dateline's parts."""
        language = self.language()
        if language and not article.get("language"):
            article["language"] = language
        dateline = dict(article.get("dateline") or {})
        for key, value in self.dateline().items():
            if value and not dateline.get(key):
                dateline[key] = value
        if dateline:
            article["dateline"] = dateline

    def headline(self, *, main: bool) -> str:
        for headline in children(self.content_meta, "headline"):
            role = self.item.catalogs.lenient(_attribute(headline, "role")).code
            is_sub = role in SUBHEADLINE_ROLES
            if (main and not is_sub and role in ("", "main")) or (not main and is_sub):
                return _line(headline)
        return ""

    def byline(self) -> str:
        by = _line(child(self.content_meta, "by"))
        if not by:
            creators = children(self.content_meta, "creator")
            by = ", ".join(filter(None, (_line(child(c, "name")) for c in creators)))
        return by[3:].lstrip() if by[:3].lower() == "by " else by

    def language(self) -> str:
        tag = _attribute(child(self.content_meta, "language"), "tag")
        inline = next(iter(children(child(self.item.element, "contentSet"))), None)
        return tag or _attribute(inline, XML_LANG) or _attribute(self.item.element, XML_LANG)

    def dateline(self) -> dict[str, Any]:
        """The dateline's city, date and agency from ``located``, ``dateline`` and the dates."""
        text = _line(child(self.content_meta, "dateline"))
        located = child(self.content_meta, "located")
        if not text and located is None:
            return {}
        city = _line(child(located, "name")) or _city(text.split(",", 1)[0].strip(_DASHES))
        created = next(
            filter(None, (_line(child(meta, name)) for meta, name in self._creation_times())), ""
        )
        agency = text.partition("(")[2].partition(")")[0].strip() if "(" in text else ""
        # IPTC's newsprovider codes are the agencies' short names (nprov:STT).
        provider = _attribute(child(self.meta, "provider"), "qcode").partition(":")[2]
        return {"city": city, "date": _iso_date(created), "agency": agency or provider}

    def _creation_times(self) -> list[tuple[Any, str]]:
        """Where the story's date is, best first: when written, first sent, this version."""
        return [
            (self.content_meta, "contentCreated"),
            (self.meta, "firstCreated"),
            (self.meta, "versionCreated"),
        ]


# --- the text: the richest of the content set's alternatives -----------------------------


def _richest_nitf(content: Any) -> Any:
    """The content set's NITF, when it is the richest text the set offers."""
    best = _best_alternative(content)
    return best if best is not None and local_name(best) == "nitf" else None


def _richest_text(content: Any) -> list[Node] | None:
    """The richest non-NITF text (XHTML or plain) as HTML nodes."""
    best = _best_alternative(content)
    if best is None:
        return None
    if local_name(best) == "inlineData":
        paragraphs = [" ".join(p.split()) for p in text_of(best).split("\n\n")]
        return [Element("p", {}, [p]) for p in paragraphs if p]
    return _unwrapped(html_nodes(best))


def _best_alternative(content: Any) -> Any:
    """The ``nitf`` element, the XHTML ``body`` or the ``inlineData`` worth reading.

    Structured text (NITF, XHTML) is richer than plain text; between equals
    the longer wins (agencies send a short version beside the full one).
    """
    candidates: list[tuple[int, int, Any]] = []
    for inline in children(content):
        name = local_name(inline)
        if name == "inlineXML":
            found = _structured(inline)
            if found is not None:
                candidates.append((1, len(text_of(found)), found))
        elif name == "inlineData":
            candidates.append((0, len(text_of(inline)), inline))
    if not candidates:
        return None
    return max(candidates, key=lambda candidate: candidate[:2])[2]


def _structured(inline: Any) -> Any:
    nitf = next((element for element in children(inline) if local_name(element) == "nitf"), None)
    if nitf is not None:
        return nitf
    body = descendant(inline, "body")
    content_type = (inline.get("contenttype") or "").split(";")[0].strip().lower()
    if body is None and content_type in XHTML_TYPES:
        return inline  # XHTML fragments without html/body
    return body


def _unwrapped(nodes: list[Node]) -> list[Node]:
    """Paragraphs out of the sections and divs that only hold them; header repeats dropped."""
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, Element) and node.tag in _WRAPPERS:
            out += _unwrapped(node.children)
        elif isinstance(node, Element) and node.tag == "header":
            continue  # the headline again, as dpa's XHTML repeats it
        elif not (isinstance(node, str) and not node.strip()):
            out.append(node)
    return out


def _take_lead(nodes: list[Node], dateline: str) -> tuple[str, list[Node]]:
    """The first paragraph as the lead (without a repeated dateline), and the rest."""
    index = next((i for i, node in enumerate(nodes) if isinstance(node, Element)), None)
    node = None if index is None else nodes[index]
    if index is None or not isinstance(node, Element) or node.tag != "p":
        return "", nodes  # a story opening with a heading or a list has no lead paragraph
    lead = " ".join(node.text().split())
    opening = dateline.rstrip(_DASHES)
    if opening and lead.startswith(opening):
        lead = lead[len(opening) :].lstrip(_DASHES)
    return lead, nodes[:index] + nodes[index + 1 :]


def html_nodes(parent: Any) -> list[Node]:
    """XHTML elements as the HTML nodes html_to_markdown reads (namespaces dropped)."""
    out: list[Node] = [parent.text or ""]
    for element in parent:
        if isinstance(element.tag, str):
            attrs = {str(key): str(value) for key, value in element.attrib.items()}
            out.append(Element(local_name(element), attrs, html_nodes(element)))
        out.append(element.tail or "")
    return [node for node in out if node != ""]


# --- small readers -------------------------------------------------------------------


def _provider(provider: Any) -> str:
    """The provider's name, else its literal, else its qcode's code (nprov:REUTERS)."""
    if provider is None:
        return ""
    qcode = str(provider.get("qcode") or "")
    return (
        _line(child(provider, "name"))
        or str(provider.get("literal") or "").strip()
        or qcode.partition(":")[2]
        or str(provider.get("uri") or "")
    )


def _description(item: _Item, role: str) -> str:
    """The text of the item's description with this IPTC description role (drol)."""
    for description in children(item.content_meta, "description"):
        for value in (description.get("role") or "").split():
            concept = item.catalogs.lenient(value)
            if concept.code == role and (not concept.scheme or _is_drol(concept)):
                return text_of(description).strip()
    return ""


def _is_drol(concept: Concept) -> bool:
    return concept.same(("http://cv.iptc.org/newscodes/descriptionrole/", concept.code))


def _attribute(element: Any, name: str) -> str:
    return "" if element is None else str(element.get(name) or "").strip()


def _line(element: Any) -> str:
    return " ".join(text_of(element).split())


def _number(text: str | None) -> int:
    return int(text) if text and text.isdigit() else 0


def _city(text: str) -> str:
    """A dateline's city as agencies' all-capitals datelines spell it, in ordinary case."""
    return text.title() if text.isupper() else text


def _iso_date(moment: str) -> str | None:
    """The date part of an ISO 8601 date-time (the date where the story was written)."""
    head = moment[:10]
    return head if len(head) == 10 and head[4] == "-" and head[7] == "-" else None


def guid_slug(guid: str) -> str:
    """The slug in a guid Newsroom made: ``urn:newsroom:<name>:<slug>`` or ``…/<slug>.html``."""
    if guid.startswith("urn:newsroom:"):
        return guid.rsplit(":", 1)[-1]
    if guid.endswith(".html"):
        return guid.rsplit("/", 1)[-1].removesuffix(".html")
    return ""
