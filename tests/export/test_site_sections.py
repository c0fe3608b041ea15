"""Section pages: one per section, every story on its section's page, even where names collide.

Names that differ only in case or accents are one section (folded when an
article is saved); different names that make the same slug (``C`` and
``C++``) get numbered pages. Newsrooms saved before the folding may hold
both ``Politics`` and ``politics``: their export still puts every story on a
page of its own section.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from lxml import html as lxml_html

from newsroom.article import Status
from newsroom.export.site import MANIFEST, export_site
from newsroom.store import Newsroom
from tests.conftest import Cli

NAMES = [
    "Politics", "politics", "POLITICS", "Économie", "Economie", "economie", "C", "C++", "C#",
    "c", "Sport & Leisure", "Sport Leisure", "sport-leisure", "Россия", "Rossiia", "World",
    "world ", "Zürich", "Zurich", "ZÜRICH", "Art", "Art!", "art?", "Ünïcödé", "unicode",
]  # fmt: skip


def story(number: int, section: str) -> dict[str, object]:
    return {
        "slug": f"story-{number}",
        "headline": f"Story {number}",
        "section": section,
        "status": "published",
        "published_at": f"2021-06-01T{number % 24:02d}:{number % 60:02d}:00+00:00",
    }


def section_pages(site: Path) -> dict[str, set[str]]:
    """Each first section page (section/<slug>.html): its title → the stories it links to.

    Older pages are section/<slug>/<n>.html, so a numbered slug never meets a page number.
    """
    pages: dict[str, set[str]] = {}
    for page in (site / "section").glob("*.html"):
        tree = lxml_html.document_fromstring(page.read_text(encoding="utf-8"))
        title = tree.findtext(".//h1")
        links = {href.rsplit("/", 1)[-1] for href in tree.xpath("//main//a/@href")}
        pages.setdefault(str(page.name), set()).update(links)
        pages[str(page.name)].add(f"title:{title}")
    return pages


def assert_every_story_on_its_section_page(newsroom: Newsroom, site: Path) -> int:
    sections = {summary.section for summary in newsroom.news_feed()}
    pages = section_pages(site)
    assert len(pages) == len(sections), (sorted(pages), sorted(sections))
    by_title = {
        next(item[6:] for item in links if item.startswith("title:")): links
        for links in pages.values()
    }
    assert set(by_title) == sections
    for summary in newsroom.news_feed():
        assert f"{summary.slug}.html" in by_title[summary.section], summary
    return len(pages)


def test_many_names_give_one_page_per_distinct_section(newsroom: Newsroom, tmp_path: Path) -> None:
    results = newsroom.import_json(
        [story(number, name) for number, name in enumerate(NAMES, start=1)], base_dir=None
    )
    stored = sorted({result.article.section for result in results})
    assert stored == sorted([
        "Politics", "Économie", "C", "C++", "C#", "Sport & Leisure", "Sport Leisure",
        "sport-leisure", "Россия", "Rossiia", "World", "Zürich", "Art", "Art!", "art?", "Ünïcödé",
    ])  # fmt: skip
    export_site(newsroom, tmp_path / "site")
    assert assert_every_story_on_its_section_page(newsroom, tmp_path / "site") == len(stored)


def test_an_old_newsroom_with_colliding_sections_exports_every_story(
    newsroom: Newsroom, db_path: Path, tmp_path: Path
) -> None:
    newsroom.import_json([story(1, "Politics"), story(2, "Other"), story(3, "C")], base_dir=None)
    # Saved before sections were folded: written as such into the file.
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE articles SET section = 'politics' WHERE slug = 'story-2'")
    newsroom.import_json([story(4, "C++")], base_dir=None)
    export_site(newsroom, tmp_path / "site")
    assert assert_every_story_on_its_section_page(newsroom, tmp_path / "site") == 4
    assert (tmp_path / "site" / "section" / "politics-2.html").is_file()
    assert (tmp_path / "site" / "section" / "c-2.html").is_file()
    # The same slugs on every export: a section's address does not move.
    first = sorted(p.name for p in (tmp_path / "site" / "section").iterdir())
    export_site(newsroom, tmp_path / "again")
    assert sorted(p.name for p in (tmp_path / "again" / "section").iterdir()) == first


def test_a_section_spelled_differently_is_saved_as_the_existing_one_and_said_once(
    cli: Cli, tmp_path: Path
) -> None:
    first = tmp_path / "first.json"
    first.write_text('{"headline": "One", "section": "Politics"}')
    cli.ok("import", str(first))
    second = tmp_path / "second.json"
    second.write_text('[{"headline": "Two", "section": "politics"},'
                      ' {"headline": "Three", "section": "politics"}]')  # fmt: skip
    result = cli.ok("import", str(second))
    assert result.err.count("saved as 'Politics'") == 1, result.err
    assert "'politics'" in result.err
    shown = cli.ok("list", "--section", "Politics").out
    assert "Two" in shown and "Three" in shown
    third = tmp_path / "third.json"
    third.write_text('{"headline": "Four", "section": "Politics"}')
    assert cli.ok("import", str(third)).err == ""


# --- the newsroom's section list -----------------------------------------------------------


def masthead(page: Path) -> list[tuple[str, str]]:
    tree = lxml_html.document_fromstring(page.read_text(encoding="utf-8"))
    return [(a.text_content(), a.get("href")) for a in tree.xpath("//nav[@class='sections']/a")]


def kicker(page: Path) -> tuple[str, str]:
    tree = lxml_html.document_fromstring(page.read_text(encoding="utf-8"))
    [link] = tree.xpath("//p[@class='kicker']/a")
    return link.text_content(), link.get("href")


def manifest_files(site: Path) -> dict[str, str]:
    return json.loads((site / MANIFEST).read_text(encoding="utf-8"))["files"]


def test_a_renamed_sections_old_page_sends_readers_to_the_new_one(
    newsroom: Newsroom, tmp_path: Path
) -> None:
    newsroom.set_setting("base_url", "https://news.example.org/")
    newsroom.import_json(
        [story(1, "Sport"), story(2, "Politics"), story(3, "Sport")], base_dir=None
    )
    newsroom.add_sections_from_articles()
    site = tmp_path / "site"
    export_site(newsroom, site)
    assert masthead(site / "story-1.html") == [
        ("Sport", "section/sport.html"), ("Politics", "section/politics.html"),
    ]  # fmt: skip

    newsroom.rename_section("Sport", "Sports")
    report = export_site(newsroom, site)
    old = site / "section" / "sport.html"
    assert old in report.written
    tree = lxml_html.document_fromstring(old.read_text(encoding="utf-8"))
    assert tree.xpath("//meta[@http-equiv='refresh']/@content") == ["0; url=sports.html"]
    assert tree.xpath("//link[@rel='canonical']/@href") == [
        "https://news.example.org/section/sports.html"
    ]
    assert tree.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert tree.xpath("//a/@href") == ["sports.html"]
    new_page = site / "section" / "sports.html"
    assert lxml_html.document_fromstring(new_page.read_text()).findtext(".//h1") == "Sports"
    # Every page links to the section's new page, under its new name.
    assert kicker(site / "story-1.html") == ("Sports", "section/sports.html")
    assert masthead(site / "index.html")[0] == ("Sports", "section/sports.html")
    sitemap = (site / "sitemap.xml").read_text()
    assert "section/sports.html" in sitemap and "section/sport.html" not in sitemap
    assert manifest_files(site)["section/sport.html"]

    # A re-export keeps it, unchanged; after the section is removed, it goes.
    again = export_site(newsroom, site)
    assert old.is_file() and old not in again.written
    newsroom.remove_section("Sports", to="Politics")
    last = export_site(newsroom, site)
    # Both earlier pages now lead where the stories went.
    for page in (old, new_page):
        assert page in last.written
        assert '"0; url=politics.html"' in page.read_text(encoding="utf-8")
    assert last.warnings == [] and last.kept == []


def test_an_alias_page_goes_when_its_section_has_no_page(
    newsroom: Newsroom, tmp_path: Path
) -> None:
    newsroom.import_json([story(1, "Sport"), story(2, "Politics")], base_dir=None)
    newsroom.add_sections_from_articles()
    newsroom.rename_section("Sport", "Sports")
    site = tmp_path / "site"
    export_site(newsroom, site)
    assert (site / "section" / "sport.html").is_file()
    newsroom.set_status("story-1", Status.KILLED)  # no story left in Sports: no page to lead to
    report = export_site(newsroom, site)
    assert site / "section" / "sport.html" in report.removed
    assert "section/sport.html" not in manifest_files(site)


def test_the_masthead_follows_the_lists_order(newsroom: Newsroom, tmp_path: Path) -> None:
    newsroom.import_json(
        [story(1, "Arts"), story(2, "Politics"), story(3, "World"), story(4, "Unlisted")],
        base_dir=None,
    )
    for name in ("World", "Empty", "Politics", "Arts"):
        newsroom.add_section(name)
    export_site(newsroom, tmp_path / "site")
    assert [name for name, _ in masthead(tmp_path / "site" / "index.html")] == [
        "World", "Politics", "Arts",
    ]  # fmt: skip
    # A section not on the list still has its page (the check rule flags its stories).
    assert (tmp_path / "site" / "section" / "unlisted.html").is_file()
