"""What search engines read on the site's listing pages (the news feed and the sections).

A meta description naming the page's newest headlines, and schema.org JSON-LD: the
newsroom as an ``Organization``, its site as a ``WebSite``, and the page as a
``CollectionPage`` whose ``ItemList`` names each story on it in order. Addresses are
absolute or left out: without a base URL there is nothing a search engine could follow.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from newsroom.article import ArticleSummary
from newsroom.render.page import DESCRIPTION_LENGTH, escape_json_for_script, trusted
from newsroom.render.urls import article_url, public_url
from newsroom.settings import Settings

HEADLINES_IN_DESCRIPTION = 3


def listing_description(
    settings: Settings, section: str, items: Sequence[ArticleSummary], page: int = 1
) -> str:
    """``Travel: the latest news from Northern Wire. Night train…; Ferries…`` (≤ 200 characters).

    Each page names its own stories, so no two pages share a description.
    """
    where = f"{section}: the latest news" if section else "The latest news"
    text = f"{where} from {settings.name}"
    if page > 1:
        text += f", page {page}"
    headlines = [item.headline for item in items[:HEADLINES_IN_DESCRIPTION]]
    if headlines:
        text += ". " + "; ".join(headlines)
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    return text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def listing_json_ld(
    settings: Settings,
    *,
    title: str,
    page_file: str,
    items: Sequence[ArticleSummary],
    description: str,
) -> Markup:
    """The page's schema.org graph (Organization, WebSite, CollectionPage with its ItemList)."""
    home = public_url(settings, "")
    organization: dict[str, Any] = {"@type": "Organization", "name": settings.name}
    website: dict[str, Any] = {"@type": "WebSite", "name": settings.name}
    page: dict[str, Any] = {
        "@type": "CollectionPage",
        "name": f"{title} — {settings.name}",
        "description": description,
        "mainEntity": {"@type": "ItemList", "itemListElement": _list_items(settings, items)},
    }
    if home:
        organization.update({"@id": f"{home}#organization", "url": home})
        website.update({"@id": f"{home}#website", "url": home})
        website["publisher"] = {"@id": organization["@id"]}
        address = public_url(settings, page_file)
        page.update({"@id": address, "url": address})
        page["isPartOf"] = {"@id": website["@id"]}
    graph = {"@context": "https://schema.org", "@graph": [organization, website, page]}
    return trusted(escape_json_for_script(graph))


def _list_items(settings: Settings, items: Sequence[ArticleSummary]) -> list[dict[str, Any]]:
    listed = []
    for position, item in enumerate(items, start=1):
        entry: dict[str, Any] = {"@type": "ListItem", "position": position, "name": item.headline}
        url = article_url(settings, item.slug)
        if url:
            entry["url"] = url
        listed.append(entry)
    return listed
