"""NewsML 1.2 in: the text items of a ``NewsML`` document (AFP's, ANA-MPA's) as articles.

NewsML 1 has no namespace. A ``NewsItem`` says who sent it
(``Identification/NewsIdentifier``: ProviderId, NewsItemId, RevisionId),
when and how urgently (``NewsManagement``), and holds a tree of
``NewsComponent``s: the story's ``NewsLines`` (HeadLine, SubHeadLine, ByLine,
DateLine, CopyrightLine, SlugLine, KeywordLine), its ``DescriptiveMetadata``
(Language, Location), a text ``ContentItem`` whose ``DataContent`` is NITF,
XHTML or plain paragraphs, and photo components whose ``ContentItem``s name
image files by ``Href``.

The dateline line (``PARIS, 15 mars 2024 (AFP) -``) becomes the structured
dateline (city, date, agency) and is taken off the first paragraph when the
text repeats it; with no abstract, the first paragraph becomes the lead. The
item's source is returned beside the article (``WireItem.source``), not yet
stored. The file's encoding is its XML declaration's (ISO-8859-1 included),
and it is parsed like every outside XML file (``xml_input.parse_xml``).
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

from newsroom.errors import NewsroomError
from newsroom.imports.html_to_markdown import escape_text, nodes_to_markdown
from newsroom.imports.newsml import html_nodes
from newsroom.imports.nitf import STATUS_FROM_MANAGEMENT, nitf_article
from newsroom.imports.wire_item import (
    WireItem,
    WireSource,
    local_photo,
    markdown_text,
    urgency_of,
)
from newsroom.imports.xml_input import child, children, local_name, namespace, text_of
from newsroom.slug import slug_problem

PHOTO_TYPES = ("photo", "picture", "graphic", "image")
# A photo component's renditions, the best first (AFP's roles, then common ones).
RENDITION_ROLES = ("highdef", "preview", "quicklook", "main", "thumbnail")
_BASIC_TIME = re.compile(
    r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{2}:?\d{2})?)?$"
)
# "PARIS, 15 mars 2024 (AFP) -": the city before the comma, the agency in brackets.
_DATELINE = re.compile(r"^\s*(?P<city>[^,(]+?)\s*,.*?(?:\((?P<agency>[^)]+)\))?\s*[-–—]*\s*$")
_BY = re.compile(r"^\s*(by|par|von|por|di|door)\s+", re.IGNORECASE)


def is_newsml1(root: Any) -> bool:
    """A NewsML 1.x document: a ``NewsML`` root in no namespace."""
    return local_name(root) == "NewsML" and namespace(root) == ""


def newsml1_items(root: Any, base_dir: Path | None = None) -> list[WireItem]:
    """Every text item of a NewsML 1 document; ``base_dir`` is where its photos are."""
    items = [
        _NewsItem(item, base_dir).item()
        for item in children(root, "NewsItem")
        if _text_content(child(item, "NewsComponent")) is not None
    ]
    if not items:
        raise NewsroomError(
            "the NewsML 1 file holds no text item (a ContentItem of MediaType Text)"
        )
    return items


class _NewsItem:
    def __init__(self, item: Any, base_dir: Path | None) -> None:
        self.news_item = item
        self.base_dir = base_dir
        self.component = child(item, "NewsComponent")
        self.lines = _first_below(self.component, "NewsLines")
        self.management = child(item, "NewsManagement")
        self.warnings: list[str] = []
        self.missing: list[str] = []

    def item(self) -> WireItem:
        return WireItem(self.article(), self.source(), self.warnings, self.missing)

    def line(self, name: str) -> str:
        return " ".join(text_of(child(self.lines, name)).split())

    def article(self) -> dict[str, Any]:
        text = _text_content(self.component)
        body, lead = self.text(text)
        article: dict[str, Any] = {}
        slug = self.line("SlugLine").lower().replace(" ", "-")
        if slug and slug_problem(slug) is None:
            article["slug"] = slug
        article["headline"] = self.line("HeadLine") or lead.split("\n", 1)[0][:120]
        article["subtitle"] = self.line("SubHeadLine")
        article["byline"] = _BY.sub("", self.line("ByLine"))
        article["dateline"] = self.dateline()
        article["lead"] = lead
        article["body"] = body
        article["photo"] = self.photo()
        language = _formal_name(_first_below(self.component, "Language"))
        if language:
            article["language"] = language
        status = STATUS_FROM_MANAGEMENT.get(_formal_name(child(self.management, "Status")).lower())
        if status:
            article["status"] = status
        published = _iso_time(text_of(child(self.management, "FirstCreated")))
        if published:
            article["published_at"] = published
        keywords = [" ".join(text_of(k).split()) for k in children(self.lines, "KeywordLine")]
        article["tags"] = [keyword for keyword in keywords if keyword]
        return article

    def text(self, item: Any) -> tuple[str, str]:
        """The body (Markdown) and lead of the text ContentItem's DataContent."""
        content = child(item, "DataContent")
        nitf = next((e for e in children(content) if local_name(e) == "nitf"), None)
        if nitf is not None:
            read = nitf_article(nitf)
            paragraphs = _paragraphs(str(read.get("body", "")))
            # The NITF reader may have made the first paragraph the lead: the DateLine
            # the text repeats comes off it there.
            lead = "".join(self.without_dateline([str(read.get("lead", ""))]))
        else:
            html = next((e for e in content.iter() if local_name(e) == "body"), None)
            if html is not None or any(local_name(e) == "p" for e in children(content)):
                markdown = nodes_to_markdown(
                    html_nodes(html if html is not None else content), typeset=True
                )
                paragraphs = _paragraphs(markdown)
            else:
                paragraphs = [
                    escape_text(p, typeset=True) for p in _plain_paragraphs(text_of(content))
                ]
            lead = ""
        paragraphs = self.without_dateline(paragraphs)
        if not lead and paragraphs:
            lead, paragraphs = markdown_text(paragraphs[0]), paragraphs[1:]
        return ("\n\n".join(paragraphs) + "\n" if paragraphs else ""), lead

    def without_dateline(self, paragraphs: list[str]) -> list[str]:
        """The paragraphs with the DateLine taken off the first, when it starts with it."""
        dateline = self.line("DateLine").rstrip(" -–—")
        if not (paragraphs and dateline):
            return paragraphs
        first = paragraphs[0]
        if not first.startswith(dateline):
            return paragraphs
        rest = first[len(dateline) :].lstrip(" -–—\\")
        return [rest, *paragraphs[1:]] if rest else paragraphs[1:]

    def dateline(self) -> dict[str, Any]:
        match = _DATELINE.match(self.line("DateLine"))
        said = match.groupdict() if match else {}
        city = _location_city(self.component) or said.get("city") or ""
        if city.isupper():
            city = city.title()  # "PARIS" is the agency's style, not the place's name
        agency = said.get("agency") or self.provider()
        created = _iso_time(text_of(child(self.management, "FirstCreated")))
        return {"city": city, "date": created[:10] if created else None, "agency": agency}

    def provider(self) -> str:
        admin = _first_below(self.component, "AdministrativeMetadata")
        party = child(child(admin, "Provider"), "Party")
        return _formal_name(party)

    def source(self) -> WireSource:
        identifier = child(child(self.news_item, "Identification"), "NewsIdentifier")
        public = " ".join(text_of(child(identifier, "PublicIdentifier")).split())
        item_id = " ".join(text_of(child(identifier, "NewsItemId")).split())
        provider_id = " ".join(text_of(child(identifier, "ProviderId")).split())
        return WireSource(
            agency=self.provider() or provider_id,
            item_id=public or ":".join(part for part in (provider_id, item_id) if part),
            version=" ".join(text_of(child(identifier, "RevisionId")).split()),
            urgency=urgency_of(_formal_name(child(self.management, "Urgency"))),
            copyright=self.line("CopyrightLine"),
            format="NewsML 1.2",
            pubstatus=_formal_name(child(self.management, "Status")).lower(),
        )

    def photo(self) -> dict[str, Any] | None:
        component = next(
            (
                c
                for c in self.component.iter()
                if _is_photo_component(c) and c is not self.component
            ),
            None,
        )
        if component is None:
            return None
        href = _best_rendition(component)
        if not href:
            self.warnings.append("the photo names no file (Href): imported without it")
            return None
        file = local_photo(href, self.base_dir, self.warnings, self.missing)
        if file is None:
            return None
        lines = _first_below(component, "NewsLines")
        caption = _caption(component) or text_of(child(lines, "HeadLine"))
        credit = text_of(child(lines, "CreditLine")) or text_of(child(lines, "CopyrightLine"))
        return {
            "file": file,
            "caption": " ".join(caption.split()),
            "credit": " ".join(credit.split()),
            "alt": "",
        }


def _first_below(element: Any, name: str) -> Any:
    """The first element of this name in ``element`` or below it, or None."""
    if element is None:
        return None
    return next((found for found in element.iter() if local_name(found) == name), None)


def _formal_name(element: Any) -> str:
    return "" if element is None else str(element.get("FormalName") or "").strip()


def _media_type(content_item: Any) -> str:
    return _formal_name(child(content_item, "MediaType")).lower()


def _role(component: Any) -> str:
    return _formal_name(child(component, "Role")).lower()


def _is_photo_component(component: Any) -> bool:
    return local_name(component) == "NewsComponent" and any(
        _media_type(item) in PHOTO_TYPES
        for item in component.iter()
        if local_name(item) == "ContentItem"
    )


def _text_content(component: Any) -> Any:
    """The story's text ContentItem: MediaType Text with DataContent, not a photo's caption."""
    if component is None:
        return None
    for item in component.iter():
        if local_name(item) != "ContentItem" or _media_type(item) != "text":
            continue
        if child(item, "DataContent") is None:
            continue
        owner = item.getparent()
        if _role(owner) == "caption" or (owner is not component and _is_photo_component(owner)):
            continue
        return item
    return None


def _best_rendition(component: Any) -> str:
    found: dict[str, str] = {}
    for part in component.iter():
        if local_name(part) != "ContentItem" or _media_type(part) not in PHOTO_TYPES:
            continue
        href = str(part.get("Href") or "")
        if href:
            found.setdefault(_role(part.getparent()), href)
    for role in RENDITION_ROLES:
        if role in found:
            return found[role]
    return next(iter(found.values()), "")


def _caption(component: Any) -> str:
    for part in component.iter():
        if local_name(part) == "NewsComponent" and _role(part) == "caption":
            return text_of(_first_below(part, "DataContent"))
    return ""


def _location_city(component: Any) -> str:
    """The city of the DescriptiveMetadata's Location (its properly written name)."""
    metadata = _first_below(component, "DescriptiveMetadata")
    for location in children(metadata, "Location"):
        for prop in children(location, "Property"):
            if (prop.get("FormalName") or "").lower() == "city" and prop.get("Value"):
                return str(prop.get("Value")).strip()
    return ""


def _paragraphs(markdown: str) -> list[str]:
    return [part.strip() for part in markdown.split("\n\n") if part.strip()]


def _plain_paragraphs(text: str) -> list[str]:
    """Plain text's paragraphs: blank-line separated, else one per line."""
    blocks = [block for block in re.split(r"\n\s*\n", text) if block.strip()]
    if len(blocks) == 1:
        blocks = blocks[0].splitlines()
    return [" ".join(block.split()) for block in blocks if block.strip()]


def _iso_time(text: str) -> str:
    """A NewsML 1 time (ISO 8601 basic, ``20240315T093000Z``) as extended ISO 8601, else ''."""
    match = _BASIC_TIME.match(text.strip())
    if match is None:
        return ""
    year, month, day, hour, minute, second, zone = match.groups()
    stamp = f"{year}-{month}-{day}T{hour or '00'}:{minute or '00'}:{second or '00'}"
    if zone:
        stamp += "+00:00" if zone == "Z" else f"{zone[:3]}:{zone[-2:]}"
    try:
        return datetime.fromisoformat(stamp).isoformat()
    except ValueError:
        return ""
