"""ninjs in: an article in the JSON article format from a ninjs 2.x document.

The inverse of ``export.ninjs`` (see there for where each field lives), and
a fair reading of other providers' ninjs: the main headline, ``by``,
``located``, the summary description, subjects as tags, a picture
association as the photo. The body comes from the Markdown body when there
is one (exact), else the HTML body (converted back to Markdown), else the
plain-text body.

The document is untrusted JSON: parts of the wrong shape are skipped, and
scalar values are passed on as they are, so the article format's checks
report them by field.
"""

from __future__ import annotations

import re
from typing import Any

from newsroom.article import Status
from newsroom.errors import NewsroomError
from newsroom.export.ninjs import AFTER_PARAGRAPH, QUOTE_PROFILES
from newsroom.imports.html_to_markdown import escape_text, html_to_markdown
from newsroom.imports.json_input import whole_number
from newsroom.imports.newsml import guid_slug
from newsroom.imports.nitf import STATUS_FROM_MANAGEMENT, photo_path
from newsroom.slug import slug_problem

HTML_TYPES = ("text/html", "application/xhtml+xml", "body_xhtml", "html")
SUMMARY_ROLES = ("summary", "lead", "abstract")
TEXT_TYPES = ("text", "composite")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def is_ninjs(document: Any) -> bool:
    """A ninjs object: a ``uri`` plus at least one of ninjs's own properties."""
    if not isinstance(document, dict) or not isinstance(document.get("uri"), str):
        return False
    return any(key in document for key in ("headlines", "type", "bodies", "versioncreated"))


def read_ninjs(document: Any) -> dict[str, Any]:
    """The article a parsed ninjs document describes."""
    if not is_ninjs(document):
        raise NewsroomError("not a ninjs document (a JSON object with uri and headlines)")
    kind = document.get("type", "text")
    if kind not in TEXT_TYPES:
        raise NewsroomError(f"a ninjs {kind} item, not a text article (type must be text)")
    return _NinjsReader(document).article()


class _NinjsReader:
    def __init__(self, document: dict[str, Any]) -> None:
        self.doc = document
        # Newsroom's own ninjs says the exact status; what it leaves out was empty.
        self.ours = _by_role(_objects(document.get("descriptions")), "status") is not None
        self.associations = _objects(document.get("associations"))

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
        article["byline"] = doc.get("by", "")
        article["dateline"] = self.dateline()
        descriptions = _objects(doc.get("descriptions"))
        article["lead"] = _by_role(descriptions, *SUMMARY_ROLES) or ""
        article["body"] = self.body()
        article["quotes"] = [self.quote(item) for item in self.quotes()]
        article["photo"] = self.photo()
        article["related"] = [self.related(item) for item in self.related_items()]
        article["mark"] = _by_role(headlines, "mark") or ""
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
        return article

    def section(self) -> Any:
        for subject in _objects(self.doc.get("subjects")):
            if subject.get("rel") == "section":
                return subject.get("name", "")
        return ""

    def dateline(self) -> dict[str, Any]:
        created = self.doc.get("contentcreated")
        sources = _objects(self.doc.get("infosources"))
        return {
            "city": self.doc.get("located", ""),
            "date": created[:10] if isinstance(created, str) and _DATE.match(created) else None,
            "agency": sources[0].get("name", "") if sources else "",
        }

    def body(self) -> Any:
        bodies = _objects(self.doc.get("bodies"))
        for wanted in ("text/markdown",):
            for body in bodies:
                if body.get("contenttype") == wanted:
                    return body.get("value", "")
        for body in bodies:
            if body.get("contenttype") in HTML_TYPES and isinstance(body.get("value"), str):
                return html_to_markdown(body["value"])
        for body in bodies:
            if isinstance(body.get("value"), str):
                return _plain_text_markdown(body["value"])
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
        file = self.photo_file(_objects(picture.get("renditions")))
        if file is None:
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
            return photo_path(str(chosen["href"]))
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


def _plain_text_markdown(text: str) -> str:
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text)]
    return "\n\n".join(escape_text(part) for part in paragraphs if part) + "\n"
