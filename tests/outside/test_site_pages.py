"""The exported site as readers' tools see it: the Nu HTML checker, axe-core and Chromium itself.

Every page of a realistic site goes through the Nu checker (no error, no warning); the article,
the front and a section page through axe-core at a desktop and a phone width, light and dark
(no violation of any impact); every page through Chromium's console (nothing logged: a missing
favicon shows there as a 404). What Lighthouse would say about links and search engines is read
from Chromium's accessibility tree and the page's own DOM.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsroom.export.files import Output
from newsroom.export.html import export_pages
from newsroom.store import Newsroom
from tests.outside.conftest import (
    OLD_STORY,
    SITE_NOW,
    Browser,
    NuChecker,
    SiteServer,
    describe_violations,
    serve,
)

ARTICLE = f"{OLD_STORY}.html"
SECTION = "section/travel.html"
AXE_PAGES = [ARTICLE, "index.html", SECTION]
WIDTHS = [1280, 375]
SCHEMES = ["light", "dark"]
# Link texts that say nothing out of context (Lighthouse's link-text audit lists these).
GENERIC_LINK_TEXTS = {"read more", "more", "click here", "here", "learn more", "continue"}


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# --- the Nu HTML checker ------------------------------------------------------------------


def test_every_page_and_the_style_sheet_pass_the_nu_checker(
    exported_site: Path, nu_checker: NuChecker
) -> None:
    pages = html_pages(exported_site)
    assert len(pages) >= 10, pages  # articles, the feed, sections: the site is all there
    messages = nu_checker([*pages, exported_site / "newsroom.css"])
    faults = [str(m) for m in messages if m.kind in ("error", "warning")]
    assert faults == [], "\n".join(faults)


# --- axe-core ---------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", AXE_PAGES)
def test_axe_finds_no_violation(
    browser: Browser, site_url: str, page: str, width: int, scheme: str
) -> None:
    violations = browser.axe(site_url + page, width=width, scheme=scheme)
    assert violations == [], describe_violations(violations)


# --- the console --------------------------------------------------------------------------


def test_no_page_logs_anything_to_the_console_or_asks_for_a_missing_file(
    browser: Browser, site_server: SiteServer, exported_site: Path
) -> None:
    browser.console()  # what earlier tests left
    for path in html_pages(exported_site):
        browser.open(site_server.url + path.relative_to(exported_site).as_posix())
    # Chromium asks for /favicon.ico after the load event when a page names no icon.
    logged = [entry["message"] for entry in browser.console(settle=2.0)]
    assert logged == []
    assert site_server.missing == []


def test_every_page_links_a_favicon_that_loads(
    browser: Browser, site_url: str, exported_site: Path
) -> None:
    for page in (ARTICLE, "index.html", SECTION, "news/2.html"):
        if not (exported_site / page).exists():
            continue
        browser.open(site_url + page)
        status = browser.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "const icon = document.querySelector('link[rel~=icon]');"
            "if (!icon) { done('no <link rel=icon>'); return; }"
            "fetch(icon.href).then(r => done(r.status), e => done(String(e)));"
        )
        assert status == 200, (page, status)


def test_the_single_page_export_has_its_favicon_inside(
    browser: Browser, tmp_path: Path, exported_site: Path
) -> None:
    with Newsroom.open(exported_site.parent / "newsroom.sqlite") as newsroom:
        article = newsroom.get(OLD_STORY)
        export_pages(newsroom, [article], Output(tmp_path), self_contained=True, now=SITE_NOW)
    browser.console()  # what earlier tests left
    with serve(tmp_path) as server:
        browser.open(server.url + ARTICLE)
        icon = browser.driver.execute_script(
            "const icon = document.querySelector('link[rel~=icon]'); return icon && icon.href;"
        )
        assert icon is not None and icon.startswith("data:image/svg+xml"), icon
        assert [entry["message"] for entry in browser.console(settle=2.0)] == []
        assert server.missing == []
    assert sorted(path.name for path in tmp_path.iterdir()) == [ARTICLE]


# --- links, as a screen reader lists them ---------------------------------------------------


def accessible_links(browser: Browser) -> list[dict[str, Any]]:
    """Every link in Chromium's accessibility tree: its name and the node it is."""
    tree = browser.driver.execute_cdp_cmd("Accessibility.getFullAXTree", {})
    links = []
    for node in tree["nodes"]:
        if node.get("ignored") or node.get("role", {}).get("value") != "link":
            continue
        links.append({"name": node.get("name", {}).get("value", ""), "node": node})
    return links


def plain(name: str) -> str:
    """A link's name as words: "Read more →" reads "read more"."""
    return " ".join("".join(c if c.isalnum() else " " for c in name.lower()).split())


def test_no_link_a_screen_reader_lists_says_only_read_more(browser: Browser, site_url: str) -> None:
    browser.open(site_url + ARTICLE)
    names = [plain(link["name"]) for link in accessible_links(browser)]
    assert names, "Chromium's accessibility tree has no links"
    assert [name for name in names if name in GENERIC_LINK_TEXTS] == []
    assert all(names), names  # and none without a name


def test_each_related_item_has_one_link_its_headline(browser: Browser, site_url: str) -> None:
    browser.open(site_url + ARTICLE)
    items = browser.driver.execute_script(
        "return [...document.querySelectorAll('.related li')].map(li => ({"
        "  links: [...li.querySelectorAll('a')].filter(a => a.getClientRects().length)"
        "    .map(a => a.textContent.trim()),"
        "  headline: li.querySelector('.related-headline').textContent.trim()}));"
    )
    assert len(items) == 3
    for item in items:
        assert item["links"] == [item["headline"]], item


# --- what search engines read ----------------------------------------------------------------


def page_facts(browser: Browser) -> dict[str, Any]:
    facts: dict[str, Any] = browser.driver.execute_script(
        "const description = document.querySelector('meta[name=description]');"
        "return {"
        "  description: description && description.content,"
        "  jsonld: [...document.querySelectorAll('script[type=\"application/ld+json\"]')]"
        "    .map(s => s.textContent),"
        "  current: [...document.querySelectorAll('nav.sections [aria-current=page]')]"
        "    .map(a => a.textContent.trim())};"
    )
    facts["jsonld"] = [json.loads(text) for text in facts["jsonld"]]
    return facts


@pytest.mark.parametrize("page", ["index.html", SECTION])
def test_front_and_section_pages_have_a_description_and_json_ld(
    browser: Browser, site_url: str, page: str
) -> None:
    browser.open(site_url + page)
    facts = page_facts(browser)
    assert facts["description"] and len(facts["description"]) >= 20, facts
    [data] = facts["jsonld"]
    assert data["@context"] == "https://schema.org"
    graph = data["@graph"]
    types = {node["@type"] for node in graph}
    assert {"WebSite", "Organization"} <= types or "CollectionPage" in types, types
    listed = [node for node in graph if node["@type"] == "CollectionPage"]
    if page == SECTION:
        [collection] = listed
        items = collection["mainEntity"]["itemListElement"]
        urls = [item["url"] for item in items]
        assert "https://news.example.org/ferry-timetable-2021.html" in urls
        assert [item["position"] for item in items] == list(range(1, len(items) + 1))


def test_a_section_page_marks_its_section_in_the_nav(browser: Browser, site_url: str) -> None:
    browser.open(site_url + SECTION)
    assert page_facts(browser)["current"] == ["Travel"]
    browser.open(site_url + "index.html")
    assert page_facts(browser)["current"] == []
    browser.open(site_url + ARTICLE)
    assert page_facts(browser)["current"] == ["Travel"]


def test_the_main_photo_loads_first_and_json_ld_gives_its_size(
    browser: Browser, site_url: str
) -> None:
    browser.open(site_url + ARTICLE)
    photo = browser.driver.execute_script(
        "const img = document.querySelector('figure.photo img');"
        "return {priority: img.fetchPriority, loading: img.loading, src: img.currentSrc,"
        "        width: img.naturalWidth, height: img.naturalHeight};"
    )
    assert photo["priority"] == "high" and photo["loading"] != "lazy", photo
    [data] = page_facts(browser)["jsonld"]
    image = data["image"]
    assert image["url"].rsplit("/", 1)[-1] == photo["src"].rsplit("/", 1)[-1].replace(
        ".webp", ".jpg"
    )
    assert (image["width"], image["height"]) == (1200, 800), image
