"""ninjs in: an article in the JSON article format from a ninjs 1.x or 2.x document.

ninjs comes in two generations that share little but their name, told apart
by their own fields (``ninjs_generation``), never by another format's
checks failing:

- 1.0–1.5 (AAP's and other Superdesk users' feeds, the BBC's): one
  ``headline`` string, ``byline``, ``located``, ``description_text`` /
  ``description_html`` (the lead), ``body_html`` / ``body_text``, ``subject``,
  ``renditions`` and ``associations`` as objects keyed by name (a picture as
  ``featuremedia``), ``uri`` — or ``guid``, as Superdesk's feeds send it.
- 2.x (and Newsroom's own export): ``headlines[]``, ``descriptions[]``,
  ``bodies[]``, ``subjects[]``, ``authors[]`` or ``by``, associations as a list.

The 2.x reading is the inverse of ``export.ninjs`` (see there for where each
field lives) and a fair reading of other providers' ninjs. The body comes
from the Markdown body when there is one (exact), else the HTML body
(converted to Markdown), else the plain-text body.

The document is untrusted JSON: parts of the wrong shape are skipped, and
scalar values are passed on as they are, so the article format's checks
report them by field. A photo the import cannot read (on the web, or not
beside the file) is left out with a warning; the text imports.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from newsroom.article import Status
from newsroom.errors import NewsroomError
from newsroom.export.ninjs import (
    AFTER_PARAGRAPH,
    CONTENT_SOURCE_ROLE,
    DERIVED_FROM,
    QUOTE_PROFILES,
    WIRE_FORMAT,
    WIRE_ITEM_ID,
)
from newsroom.imports.html_to_markdown import escape_text, html_to_markdown, nodes_to_markdown
from newsroom.imports.json_input import whole_number
from newsroom.imports.newsml import guid_slug
from newsroom.imports.nitf import STATUS_FROM_MANAGEMENT, first_paragraph, photo_path
from newsroom.imports.wire_item import (
    WireItem,
    WireSource,
    html_text,
    local_photo,
    urgency_of,
)
from newsroom.render.dom import parse_html
from newsroom.slug import slug_problem

HTML_TYPES = ("text/html", "application/xhtml+xml", "body_xhtml", "html")
SUMMARY_ROLES = ("summary", "lead", "abstract")
TEXT_TYPES = ("text", "composite")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)

# Properties only ninjs 2.x has (1.x spells them in the singular, or as strings).
NINJS2_ONLY = ("headlines", "bodies", "descriptions", "subjects", "places", "infosources")
# Properties only ninjs 1.x has, besides its ``body_*``, ``description_*`` and ``headline_*``.
NINJS1_ONLY = ("subject", "place", "infosource", "person", "organisation", "event", "object")
# Properties both generations share that no Newsroom JSON article has.
NINJS_SHARED = ("versioncreated", "firstcreated", "located", "pubstatus", "urgency", "type")
NINJS1_PREFIXES = ("body_", "description_", "headline_")
# Where a 1.x picture association usually sits, most likely first.
PICTURE_KEYS = ("featuremedia", "featureimage", "featuredimage", "mainpicture", "picture")
RENDITION_KEYS = ("original", "baseImage", "viewImage", "large", "web")


def ninjs_generation(document: Any) -> int | None:
    """1 or 2 for a ninjs document of that generation, None for anything else.

    A ninjs object names itself (``uri``; Superdesk's 1.x feeds say ``guid``)
    and has properties of its own; Newsroom's JSON article has neither.
    """
    if not isinstance(document, dict):
        return None
    # 1.x says "$standard", 2.x "standard".
    standard = document.get("$standard") or document.get("standard")
    if isinstance(standard, dict) and isinstance(standard.get("version"), str):
        major = standard["version"].split(".", 1)[0]
        if major in ("1", "2") and _names_itself(document):
            return int(major)
    if not _names_itself(document):
        return None
    if any(key in document for key in NINJS2_ONLY) or _listed(document):
        return 2
    if _looks_1x(document):
        return 1
    shared = [key for key in NINJS_SHARED if key in document]
    if shared:
        return 2 if isinstance(document.get("uri"), str) else 1
    return None


def _names_itself(document: dict[str, Any]) -> bool:
    return isinstance(document.get("uri"), str) or isinstance(document.get("guid"), str)


def _listed(document: dict[str, Any]) -> bool:
    """2.x gives associations and renditions as lists; 1.x as objects keyed by name."""
    return any(isinstance(document.get(key), list) for key in ("associations", "renditions"))


def _looks_1x(document: dict[str, Any]) -> bool:
    if any(key in document for key in NINJS1_ONLY) or isinstance(document.get("headline"), str):
        return True
    if any(isinstance(document.get(key), dict) for key in ("associations", "renditions")):
        return True
    return any(str(key).startswith(NINJS1_PREFIXES) for key in document)


def is_ninjs(document: Any) -> bool:
    """A ninjs object of either generation (see ``ninjs_generation``)."""
    return ninjs_generation(document) is not None


def ninjs_item(document: Any, base_dir: Path | None = None) -> WireItem:
    """The article a parsed ninjs document describes, with its source and warnings.

    ``base_dir`` is the document's folder: a photo not there is left out with a warning.
    """
    generation = ninjs_generation(document)
    if generation is None:
        raise NewsroomError("not a ninjs document (a JSON object with uri and headlines)")
    kind = document.get("type", "text")
    if kind not in TEXT_TYPES:
        raise NewsroomError(f"a ninjs {kind} item, not a text article (type must be text)")
    if generation == 1:
        return _Ninjs1Reader(document, base_dir).item()
    return _NinjsReader(document, base_dir).item()


def _source(document: dict[str, Any], generation: int, agency: Any) -> WireSource:
    identity = document.get("uri") if isinstance(document.get("uri"), str) else None
    identity = identity or document.get("guid")
    version = document.get("version")
    return WireSource(
        agency=agency if isinstance(agency, str) else "",
        item_id=identity if isinstance(identity, str) else "",
        version=str(version) if isinstance(version, (str, int)) else "",
        urgency=urgency_of(document.get("urgency")),
        format=f"ninjs {generation}.x",
        pubstatus=pubstatus if isinstance(pubstatus := document.get("pubstatus"), str) else "",
    )


def _byline(value: Any, authors: Any) -> Any:
    """The byline as names: ``by``/``byline`` without its "By ", else the authors' names."""
    if isinstance(value, str) and value.strip():
        return _BY.sub("", " ".join(value.split()))
    if value not in (None, ""):
        return value  # not text: the article format reports it
    names = [
        author if isinstance(author, str) else author.get("name")
        for author in authors
        if isinstance(author, (str, dict))
    ] if isinstance(authors, list) else []  # fmt: skip
    return ", ".join(name.strip() for name in names if isinstance(name, str) and name.strip())


def _story_date(document: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = document.get(key)
        if isinstance(value, str) and _DATE.match(value):
            return value[:10]
    return None


class _Ninjs1Reader:
    """ninjs 1.0–1.5: flat properties, ``body_*``/``description_*``, objects keyed by name."""

    def __init__(self, document: dict[str, Any], base_dir: Path | None) -> None:
        self.doc = document
        self.base_dir = base_dir
        self.warnings: list[str] = []
        self.missing: list[str] = []

    def item(self) -> WireItem:
        agency = self.agency()
        return WireItem(
            self.article(agency), _source(self.doc, 1, agency), self.warnings, self.missing
        )

    def article(self, agency: str) -> dict[str, Any]:
        doc = self.doc
        article: dict[str, Any] = {}
        slug = _slug(doc.get("slugline"))
        if slug:
            article["slug"] = slug
        article["headline"] = doc.get("headline", "")
        article["subtitle"] = _first_of(doc, "headline_sub", "headline_subtitle") or ""
        article["byline"] = _byline(doc.get("byline"), doc.get("authors"))
        article["dateline"] = {
            "city": _place_name(doc.get("located", "")),
            "date": _story_date(doc, "contentcreated", "firstcreated", "versioncreated"),
            "agency": agency,
        }
        article["lead"] = self.lead()
        article["body"] = self.body(article["lead"])
        article["photo"] = self.photo()
        if isinstance(doc.get("language"), str) and doc["language"].strip():
            article["language"] = doc["language"]
        status = STATUS_FROM_MANAGEMENT.get(str(doc.get("pubstatus", "")), "")
        if status:
            article["status"] = status
        published = doc.get("embargoed") or doc.get("firstcreated")
        if published:
            article["published_at"] = published
        article["tags"] = self.tags()
        return article

    def agency(self) -> str:
        for source in _objects(self.doc.get("infosource")):
            if isinstance(source.get("name"), str) and source["name"]:
                return str(source["name"])
        holder = self.doc.get("copyrightholder")
        return holder if isinstance(holder, str) else ""

    def lead(self) -> Any:
        text = self.doc.get("description_text")
        if isinstance(text, str) and text.strip():
            return " ".join(text.split())
        html = self.doc.get("description_html")
        if isinstance(html, str) and html.strip():
            return html_text(html)
        return text or ""

    def body(self, lead: str) -> Any:
        doc = self.doc
        for key in ("body_html", "body_xhtml"):
            if isinstance(doc.get(key), str) and doc[key].strip():
                return _wire_body(doc[key], lead)
        if isinstance(doc.get("body_text"), str):
            return _plain_text_markdown(doc["body_text"], lead)
        return doc.get("body_html", "")

    def tags(self) -> list[Any]:
        names = [subject.get("name") for subject in _objects(self.doc.get("subject"))]
        keywords = self.doc.get("keywords")
        names += keywords if isinstance(keywords, list) else []
        unique: list[Any] = []
        for name in names:
            if isinstance(name, str) and name.strip() and name not in unique:
                unique.append(name)
        return unique

    def photo(self) -> dict[str, Any] | None:
        picture = self.picture()
        if picture is None:
            return None
        renditions = picture.get("renditions")
        renditions = renditions if isinstance(renditions, dict) else {}
        named = [renditions.get(key) for key in RENDITION_KEYS] + list(renditions.values())
        linked = next(
            (r for r in named if isinstance(r, dict) and isinstance(r.get("href"), str)), None
        )
        if linked is None:
            self.warnings.append("the photo has no rendition to read: imported without it")
            return None
        file = local_photo(linked["href"], self.base_dir, self.warnings, self.missing)
        if file is None:
            return None
        caption = picture.get("description_text") or picture.get("headline") or ""
        return {
            "file": file,
            "caption": " ".join(caption.split()) if isinstance(caption, str) else caption,
            "credit": picture.get("byline") or picture.get("copyrightholder") or "",
            "alt": picture.get("description_alt") or "",
        }

    def picture(self) -> dict[str, Any] | None:
        associations = self.doc.get("associations")
        if not isinstance(associations, dict):
            return None
        named = [associations.get(key) for key in PICTURE_KEYS] + list(associations.values())
        return next(
            (item for item in named if isinstance(item, dict) and item.get("type") == "picture"),
            None,
        )


def _place_name(city: Any) -> Any:
    """A wire's upper-case dateline city ("SYDNEY") as the place's name ("Sydney")."""
    return city.title() if isinstance(city, str) and city.isupper() else city


def _first_of(document: dict[str, Any], *keys: str) -> Any:
    return next((document[key] for key in keys if document.get(key)), None)


class _NinjsReader:
    """ninjs 2.x: Newsroom's own export and other providers'."""

    def __init__(self, document: dict[str, Any], base_dir: Path | None = None) -> None:
        self.doc = document
        self.base_dir = base_dir
        self.warnings: list[str] = []
        self.missing: list[str] = []
        # Newsroom's own ninjs says the exact status; what it leaves out was empty.
        self.ours = _by_role(_objects(document.get("descriptions")), "status") is not None
        self.associations = _objects(document.get("associations"))

    def item(self) -> WireItem:
        article = self.article()
        agency = article["dateline"]["agency"]
        # Ours is never a wire item, whatever its uri (the canonical URL with a base URL).
        source = WireSource(format="ninjs 2.x") if self.ours else _source(self.doc, 2, agency)
        return WireItem(article, source, self.warnings, self.missing)

    def article(self) -> dict[str, Any]:
        doc = self.doc
        article: dict[str, Any] = {}
        slug = _slug(doc.get("slugline")) or _slug(guid_slug(str(doc.get("uri"))))
        if slug:
            article["slug"] = slug
        headlines = _objects(doc.get("headlines"))
        article["headline"] = _by_role(headlines, "main") or _first_value(headlines)
        article["subtitle"] = _by_role(headlines, "sub", "subtitle") or ""
        article["section"] = self.section()
        article["byline"] = (
            doc.get("by", "") if self.ours else _byline(doc.get("by"), self.authors())
        )
        article["dateline"] = self.dateline()
        descriptions = _objects(doc.get("descriptions"))
        article["lead"] = _by_role(descriptions, *SUMMARY_ROLES) or ""
        article["body"] = self.body("" if self.ours else article["lead"])
        article["quotes"] = [self.quote(item) for item in self.quotes()]
        article["photo"] = self.photo()
        article["related"] = [self.related(item) for item in self.related_items()]
        article["mark"] = _by_role(headlines, "mark") or ""
        # Ours always say a language (the newsroom's when the article has none): not read back.
        if not self.ours and isinstance(doc.get("language"), str) and doc["language"].strip():
            article["language"] = doc["language"]
        status = self.status(descriptions)
        if status:
            article["status"] = status
        # Ours (with an exact status) say the publication time in a description, and
        # firstcreated is the creation; other systems' files often mean it by firstcreated.
        # An embargoed story goes out at the end of its embargo.
        published = (
            _by_role(descriptions, "published")
            or doc.get("embargoed")
            or (None if self.ours else doc.get("firstcreated"))
        )
        if published:
            article["published_at"] = published
        article["tags"] = [
            subject.get("name")
            for subject in _objects(doc.get("subjects"))
            if subject.get("rel") != "section" and subject.get("name")
        ]
        provenance = self.provenance() if self.ours else None
        if provenance is not None:
            article["source"] = provenance
        return article

    def provenance(self) -> dict[str, Any] | None:
        """Our own file's ``derived-from`` association: the wire item the story came from.

        It is the story's source, not the document's: the document is ours, so
        it imports as an article, never as a wire item.
        """
        item = next((a for a in self.associations if a.get("name") == DERIVED_FROM), None)
        if item is None:
            return None
        altids = _objects(item.get("altids"))
        ids = [altid.get("value") for altid in altids if altid.get("role") == WIRE_ITEM_ID]
        agencies = _objects(item.get("infosources"))
        return {
            "agency": agencies[0].get("name", "") if agencies else "",
            "item_id": ids[0] if ids else item.get("uri", ""),
            "version": item.get("version", ""),
            "urgency": self.doc.get("urgency"),
            "copyright": item.get("copyrightnotice", ""),
            "format": _by_role(_objects(item.get("descriptions")), WIRE_FORMAT) or "",
        }

    def authors(self) -> list[Any]:
        """Authors as 3.x and some 2.x feeds list them, else the people whose rel is author."""
        listed = self.doc.get("authors")
        if isinstance(listed, list) and listed:
            return listed
        people = _objects(self.doc.get("people"))
        return [person for person in people if person.get("rel") in ("author", "creator")]

    def section(self) -> Any:
        for subject in _objects(self.doc.get("subjects")):
            if subject.get("rel") == "section":
                return subject.get("name", "")
        return ""

    def dateline(self) -> dict[str, Any]:
        # Ours give the dateline's date as contentcreated, or none; others' story is dated
        # when it was first created.
        keys = ("contentcreated",) if self.ours else ("contentcreated", "firstcreated")
        sources = _objects(self.doc.get("infosources"))
        if self.ours:  # the wire item's agency has its role; the dateline's has none
            sources = [source for source in sources if source.get("role") != CONTENT_SOURCE_ROLE]
        agency = sources[0].get("name", "") if sources else ""
        if not agency and not self.ours and isinstance(self.doc.get("copyrightholder"), str):
            agency = self.doc["copyrightholder"]
        return {
            "city": self.doc.get("located", ""),
            "date": _story_date(self.doc, *keys),
            "agency": agency,
        }

    def body(self, lead: str) -> Any:
        """The Markdown body (ours: exact), else the HTML or the plain text; a wire body's
        first paragraph repeating ``lead`` is left out."""
        bodies = _objects(self.doc.get("bodies"))
        for wanted in ("text/markdown",):
            for body in bodies:
                if body.get("contenttype") == wanted:
                    return body.get("value", "")
        for body in bodies:
            if body.get("contenttype") in HTML_TYPES and isinstance(body.get("value"), str):
                if self.ours:
                    return html_to_markdown(body["value"])
                return _wire_body(body["value"], lead)
        for body in bodies:
            if isinstance(body.get("value"), str):
                return _plain_text_markdown(body["value"], lead)
        return ""

    def status(self, descriptions: list[dict[str, Any]]) -> str:
        exact = _by_role(descriptions, "status")
        if isinstance(exact, str) and exact in {status.value for status in Status}:
            return exact
        return STATUS_FROM_MANAGEMENT.get(str(self.doc.get("pubstatus", "")), "")

    # associations

    def quotes(self) -> list[dict[str, Any]]:
        profiles = set(QUOTE_PROFILES.values())
        return [item for item in self.associations if item.get("profile") in profiles]

    def quote(self, item: dict[str, Any]) -> dict[str, Any]:
        bodies = _objects(item.get("bodies"))
        descriptions = _objects(item.get("descriptions"))
        place = _by_role(descriptions, AFTER_PARAGRAPH)
        return {
            "text": _by_role(bodies, "quote") or _first_value(bodies),
            "speaker": item.get("by", ""),
            "role": _by_role(descriptions, "speaker-role") or "",
            "pull": item.get("profile") == QUOTE_PROFILES[True],
            "after_paragraph": _whole_number(place),
        }

    def related_items(self) -> list[dict[str, Any]]:
        profiles = set(QUOTE_PROFILES.values())
        return [
            item
            for item in self.associations
            if item.get("type", "text") == "text"
            and item.get("profile") not in profiles
            and _objects(item.get("headlines"))
        ]

    def related(self, item: dict[str, Any]) -> dict[str, Any]:
        if _slug(item.get("slugline")):
            return {"slug": item["slugline"]}
        headlines = _objects(item.get("headlines"))
        web = next((r for r in _objects(item.get("renditions")) if r.get("href")), {})
        return {
            "headline": _by_role(headlines, "main") or _first_value(headlines),
            "subtitle": _by_role(headlines, "sub", "subtitle") or "",
            "url": web.get("href") or item.get("uri", ""),
        }

    def photo(self) -> dict[str, Any] | None:
        picture = next((item for item in self.associations if item.get("type") == "picture"), None)
        if picture is None:
            return None
        warned = len(self.warnings)
        file = self.photo_file(_objects(picture.get("renditions")))
        if file is None:
            if not self.ours and len(self.warnings) == warned:
                self.warnings.append("the photo has no rendition to read: imported without it")
            return None
        descriptions = _objects(picture.get("descriptions"))
        return {
            "file": file,
            "caption": _by_role(descriptions, "caption") or "",
            "credit": _credit_of(picture, descriptions, self.ours),
            "alt": _by_role(descriptions, "alt") or "",
        }

    def photo_file(self, renditions: list[dict[str, Any]]) -> str | None:
        """The picture's file: its rendition's href, else (Newsroom's own export, whose ninjs
        may hold absolute URIs only) ``media/<slugline>.jpg`` beside the document."""
        linked = [r for r in renditions if r.get("href")]
        if linked:
            chosen = next((r for r in linked if r.get("name") == "web"), linked[0])
            if self.ours:
                return photo_path(str(chosen["href"]))
            return local_photo(str(chosen["href"]), self.base_dir, self.warnings, self.missing)
        slug = _slug(self.doc.get("slugline"))
        web = next((r for r in renditions if r.get("name") == "web"), None)
        if slug and web is not None and web.get("contenttype") == "image/jpeg":
            return f"media/{slug}.jpg"
        return None


def _credit_of(picture: dict[str, Any], descriptions: list[dict[str, Any]], ours: bool) -> Any:
    """Ours give the credit as typed (its holder is the photo's); others give the holder."""
    credit = _by_role(descriptions, "credit")
    if credit is not None or ours:
        return credit or ""
    return picture.get("copyrightholder") or picture.get("by") or ""


def _whole_number(value: Any) -> Any:
    """Digits become a number; anything else goes on for the format to report."""
    number = whole_number(value) if isinstance(value, str) else None
    return value if number is None else number


def _objects(value: Any) -> list[dict[str, Any]]:
    """The objects of a list (anything else in it, or a non-list, is skipped)."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _by_role(items: list[dict[str, Any]], *roles: str) -> Any:
    for item in items:
        if item.get("role") in roles:
            return item.get("value", "")
    return None


def _first_value(items: list[dict[str, Any]]) -> Any:
    """A value without a role (or the first one): how simple ninjs gives a headline."""
    for item in items:
        if "role" not in item:
            return item.get("value", "")
    return items[0].get("value", "") if items else ""


def _slug(value: Any) -> str:
    return value if isinstance(value, str) and value and slug_problem(value) is None else ""


def _plain_text_markdown(text: str, lead: str) -> str:
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text)]
    paragraphs = [part for part in paragraphs if part]
    if paragraphs and _repeats(paragraphs[0], lead):
        del paragraphs[0]
    return "\n\n".join(escape_text(part, typeset=True) for part in paragraphs) + "\n"


def _wire_body(html: str, lead: str) -> str:
    """Wire copy's HTML body as Markdown, without a first paragraph that repeats the lead.

    AAP repeats its ``description_text`` as the body's first paragraph: kept,
    the lead would show twice on the page.
    """
    nodes = parse_html(html)
    first = first_paragraph(nodes)
    if first is not None and _repeats(first.text(), lead):
        nodes.remove(first)
    return nodes_to_markdown(nodes, typeset=True)


def _repeats(paragraph: str, lead: str) -> bool:
    """The paragraph says the lead again (compared as a reader sees it: spaces aside)."""
    return bool(lead.strip()) and paragraph.split() == lead.split()
