"""The site's article pages show the latest news (latest.html, framed) without being rewritten."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from lxml import html as lxml_html

from newsroom.article import Article, Status
from newsroom.export.site import LATEST_FILE, LATEST_SIZE, export_site
from newsroom.store import Newsroom

START = datetime(2021, 6, 1, 9, 0, tzinfo=UTC)


def publish(newsroom: Newsroom, slug: str, when: datetime) -> None:
    newsroom.create(
        Article(headline=f"Story {slug}", slug=slug, body="Text.", status=Status.PUBLISHED,
                published_at=when)
    )  # fmt: skip


def read(path: Path) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(path.read_text(encoding="utf-8"))


def test_an_old_page_shows_a_story_published_after_it_untouched(
    newsroom: Newsroom, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    publish(newsroom, "old-story", START)
    export_site(newsroom, site, now=START + timedelta(days=1))
    old_page = site / "old-story.html"
    before = (old_page.read_bytes(), old_page.stat().st_mtime_ns)

    # The same year: a new year renders every page again (the footer's year, dates).
    publish(newsroom, "new-story", START + timedelta(days=100))
    report = export_site(newsroom, site, now=START + timedelta(days=101))

    assert (old_page.read_bytes(), old_page.stat().st_mtime_ns) == before  # not rewritten
    written = {str(path.relative_to(site)) for path in report.written}
    assert LATEST_FILE in written and "new-story.html" in written
    assert "old-story.html" not in written
    # The old page frames latest.html, which lists the new story, linked for the whole window.
    [frame] = read(old_page).xpath("//aside//section[@class='feed']/iframe")
    assert frame.get("src") == LATEST_FILE and frame.get("title")
    latest = read(site / frame.get("src"))
    links = {a.text: a.get("href") for a in latest.xpath("//a[@class='feed-headline']")}
    assert links["Story new-story"] == "new-story.html"
    assert links["Story old-story"] == "old-story.html"
    assert latest.xpath("//base/@target") == ["_top"]
    assert latest.xpath("//link[@rel='stylesheet']/@href") == ["newsroom.css"]


def test_latest_news_holds_the_newest_stories_and_leads_to_the_rest(
    newsroom: Newsroom, tmp_path: Path
) -> None:
    for number in range(LATEST_SIZE + 3):
        publish(newsroom, f"s{number:02d}", START + timedelta(hours=number))
    site = tmp_path / "site"
    export_site(newsroom, site, now=START + timedelta(days=30))
    latest = read(site / LATEST_FILE)
    headlines = [a.text for a in latest.xpath("//a[@class='feed-headline']")]
    assert headlines == [f"Story s{n:02d}" for n in range(LATEST_SIZE + 2, 2, -1)]
    assert latest.xpath("//p[@class='feed-more']/a/@href") == ["index.html"]
    # Nothing changed: not written again.
    again = export_site(newsroom, site, now=START + timedelta(days=30))
    assert again.written == []


def test_a_single_page_export_lists_the_feed_itself(newsroom: Newsroom) -> None:
    """Outside the site there is no latest.html to frame: the sidebar lists the feed."""
    from newsroom.render.page import render_page

    publish(newsroom, "only-story", START)
    page = lxml_html.document_fromstring(render_page(newsroom.get("only-story"), newsroom))
    assert page.xpath("//iframe") == []
    assert page.xpath("//section[@class='feed']//li")
