"""What search engines read on listing pages: the description and the schema.org graph.

Built from real values (Settings, ArticleSummary) and read back with ``json.loads``;
the site-wide checks (every page, in Chromium) are in tests/outside/test_site_pages.py.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from lxml import html as lxml_html

from newsroom.article import ArticleSummary, Status
from newsroom.export.site import export_site
from newsroom.render.listing_meta import listing_description, listing_json_ld
from newsroom.render.theme import load_theme
from newsroom.settings import Settings
from newsroom.store import Newsroom

WHEN = datetime(2021, 6, 28, 9, 0, tzinfo=UTC)


def summary(number: int, headline: str = "") -> ArticleSummary:
    return ArticleSummary(
        id=number, slug=f"story-{number}", headline=headline or f"Story number {number}",
        subtitle="", section="World", status=Status.PUBLISHED, mark="", published_at=WHEN,
        updated_at=WHEN, revision=1,
    )  # fmt: skip


def test_the_description_names_the_section_the_newsroom_and_the_newest_headlines() -> None:
    settings = Settings(name="Northern Wire")
    items = [summary(n) for n in range(1, 6)]
    assert listing_description(settings, "World", items) == (
        "World: the latest news from Northern Wire. Story number 1; Story number 2; Story number 3"
    )
    assert listing_description(settings, "", items[:1]) == (
        "The latest news from Northern Wire. Story number 1"
    )
    assert listing_description(settings, "", [], page=3) == (
        "The latest news from Northern Wire, page 3"
    )


def test_a_long_description_is_cut_at_a_word_within_200_characters() -> None:
    items = [summary(n, "Grain corridor talks resume " * 4) for n in range(1, 4)]
    text = listing_description(Settings(name="Northern Wire"), "World", items)
    assert len(text) <= 200 and text.endswith("…")
    assert not text[:-1].endswith((" ", ";", "."))


def test_the_graph_names_each_story_in_order_with_absolute_addresses() -> None:
    settings = Settings(name="Northern Wire", base_url="https://news.example.org/")
    items = [summary(2), summary(1)]
    data = json.loads(
        listing_json_ld(
            settings, title="World", page_file="section/world.html", items=items, description="d"
        )
    )
    organization, website, page = data["@graph"]
    assert (organization["@type"], organization["url"]) == (
        "Organization",
        "https://news.example.org/",
    )
    assert website["publisher"] == {"@id": organization["@id"]}
    assert page["url"] == "https://news.example.org/section/world.html"
    assert page["isPartOf"] == {"@id": website["@id"]}
    assert page["mainEntity"]["itemListElement"] == [
        {"@type": "ListItem", "position": 1, "name": "Story number 2",
         "url": "https://news.example.org/story-2.html"},
        {"@type": "ListItem", "position": 2, "name": "Story number 1",
         "url": "https://news.example.org/story-1.html"},
    ]  # fmt: skip


def test_without_a_base_url_the_graph_has_no_address_at_all() -> None:
    graph = listing_json_ld(
        Settings(name="Northern Wire"), title="All news", page_file="index.html",
        items=[summary(1)], description="d",
    )  # fmt: skip
    assert '"url"' not in graph and '"@id"' not in graph
    assert json.loads(graph)["@graph"][2]["mainEntity"]["itemListElement"][0]["name"]


def test_a_headline_cannot_end_the_script_element() -> None:
    graph = listing_json_ld(
        Settings(), title="x", page_file="index.html",
        items=[summary(1, "</script><script>alert(1)</script>")], description="d",
    )  # fmt: skip
    assert "<" not in graph and ">" not in graph
    assert json.loads(graph)["@graph"][2]["mainEntity"]["itemListElement"][0]["name"].startswith(
        "</script>"
    )


def test_a_user_themes_favicon_is_the_sites(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    icon = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1"/></svg>'
    (theme / "favicon.svg").write_text(icon)
    with Newsroom.open(tmp_path / "n.sqlite", create=True) as newsroom:
        newsroom.set_setting("theme", str(theme))
        newsroom.import_json(
            [{"slug": "one", "headline": "One", "section": "World", "status": "published",
              "published_at": "2021-06-28T09:00:00+00:00"}],
            base_dir=tmp_path,
        )  # fmt: skip
        export_site(newsroom, tmp_path / "site", theme=load_theme(theme))
    site = tmp_path / "site"
    assert (site / "favicon.svg").read_text() == icon
    for page, href in [("one.html", "favicon.svg"), ("section/world.html", "../favicon.svg")]:
        tree = lxml_html.document_fromstring((site / page).read_text(encoding="utf-8"))
        assert tree.xpath("//link[@rel='icon']/@href") == [href]


def test_a_section_page_marks_its_own_section_in_the_masthead(tmp_path: Path) -> None:
    with Newsroom.open(tmp_path / "n.sqlite", create=True) as newsroom:
        newsroom.import_json(
            [{"slug": f"story-{section.lower()}", "headline": section, "section": section,
              "status": "published", "published_at": "2021-06-28T09:00:00+00:00"}
             for section in ("World", "Sport")],
            base_dir=tmp_path,
        )  # fmt: skip
        export_site(newsroom, tmp_path / "site")

    def marked(page: str) -> list[str]:
        text = (tmp_path / "site" / page).read_text(encoding="utf-8")
        tree = lxml_html.document_fromstring(text)
        return [a.text for a in tree.xpath("//nav[@class='sections']//a[@aria-current='page']")]

    assert marked("section/world.html") == ["World"]
    assert marked("section/sport.html") == ["Sport"]
    assert marked("index.html") == []
