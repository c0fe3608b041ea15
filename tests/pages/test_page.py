"""The article page: reading order, metadata, links, house style, themes."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PIL import Image

from newsroom.article import Article, Quote, Status
from newsroom.export.files import Output
from newsroom.export.html import export_pages
from newsroom.render.page import credit_line, render_page
from newsroom.render.theme import Theme
from newsroom.store import Newsroom
from tests.pages.conftest import parse


def classes(element: object) -> str:
    return element.get("class") or ""  # type: ignore[attr-defined]


def test_reading_order(stories: Newsroom) -> None:
    page = parse(render_page(stories.get("russia-offers-talks"), stories))
    order = [
        "//h1[@class='headline']", "//p[@class='subtitle']", "//figure[@class='photo']//img",
        "//span[@class='caption']", "//span[@class='credit']", "//p[@class='lead']",
        "//div[@class='body']", "//section[@class='related']", "//section[@class='feed']",
    ]  # fmt: skip
    elements = list(page.iter())
    positions = [elements.index(page.xpath(path)[0]) for path in order]
    assert positions == sorted(positions)
    assert page.xpath("//h1")[0].text_content() == "Russia offers talks on grain corridor"
    assert len(page.xpath("//h1")) == 1


def test_the_dateline_opens_the_lead(stories: Newsroom) -> None:
    lead = parse(render_page(stories.get("russia-offers-talks"), stories)).xpath(
        "//p[@class='lead']"
    )[0]
    assert lead.text_content().startswith(
        "MOSCOW, June 28. /TASS/. Russia is offering talks on the grain corridor"
    )


def test_photo_caption_and_credit(stories: Newsroom) -> None:
    page = parse(render_page(stories.get("russia-offers-talks"), stories))
    image = page.xpath("//figure[@class='photo']//img")[0]
    assert image.get("alt") == "Red brick towers"
    assert page.xpath("//span[@class='credit']")[0].text == "© TASS"
    assert credit_line("© Reuters") == "© Reuters"
    assert credit_line("(c) AP") == "(c) AP"
    assert credit_line("  ") == ""


def test_body_subheads_quotes_and_pull_quotes(stories: Newsroom) -> None:
    page = parse(render_page(stories.get("russia-offers-talks"), stories))
    body = page.xpath("//div[@class='body']")[0]
    assert [h.text for h in body.xpath(".//h2")] == ["What was said"]
    assert body.xpath("./blockquote/p")[0].text == "A quotation in the body."
    [pull] = body.xpath(".//figure[@class='pull-quote']")
    assert pull.xpath(".//blockquote/p")[0].text == "We are ready"
    assert pull.xpath(".//span[@class='speaker']")[0].text == "Dmitry Peskov"
    assert pull.xpath(".//span[@class='role']")[0].text == "Kremlin spokesman"
    # Set between paragraphs, after the second one.
    siblings = [child.tag for child in body]
    assert siblings.index("figure") == 2


def body_sequence(stories: Newsroom, body: str, *quotes: Quote) -> list[str]:
    """The body's top-level elements as rendered: paragraph text, ``[quote]`` for pull quotes."""
    page = parse(render_page(Article(headline="H", body=body, quotes=quotes), stories))
    [container] = page.xpath("//div[@class='body']")
    return [
        f"[{child.xpath('.//blockquote/p')[0].text}]"
        if child.get("class") == "pull-quote"
        else f"{child.tag}:{child.text_content().strip()}"
        for child in container
    ]


def test_each_pull_quote_goes_after_its_paragraph(stories: Newsroom) -> None:
    quotes = (
        Quote("A", pull=True, after_paragraph=1),
        Quote("B", pull=True),  # the default place: after the second paragraph
        Quote("C", pull=True, after_paragraph=0),  # at the top
        Quote("D", pull=True, after_paragraph=9),  # beyond the end: after the last
        Quote("E", after_paragraph=1),  # not a pull quote: not set
        Quote("F", pull=True, after_paragraph=1),  # the same place: after A
    )
    assert body_sequence(stories, "One.\n\nTwo.\n\nThree.\n\nFour.", *quotes) == [
        "[C]", "p:One.", "[A]", "[F]", "p:Two.", "[B]", "p:Three.", "p:Four.", "[D]",
    ]  # fmt: skip


def test_only_top_level_paragraphs_count(stories: Newsroom) -> None:
    body = "One.\n\n## A subhead\n\n> Quoted.\n\n- listed\n\n- items\n\nTwo.\n\nThree."
    placed = body_sequence(stories, body, Quote("Q", pull=True, after_paragraph=2))
    assert placed[placed.index("[Q]") - 1] == "p:Two."
    assert body_sequence(stories, "Only one.", Quote("Q", pull=True)) == ["p:Only one.", "[Q]"]
    assert body_sequence(stories, "", Quote("Q", pull=True, after_paragraph=3)) == ["[Q]"]
    assert body_sequence(stories, "## Just a subhead", Quote("Q", pull=True)) == [
        "h2:Just a subhead", "[Q]",
    ]  # fmt: skip


def test_a_pull_quote_never_lands_inside_markup(stories: Newsroom) -> None:
    """Text that looks like a closing tag, in an attribute, is not a paragraph end."""
    body = '![a</p><b>bold</b>](https://example.org/x.png "t</p>") One.\n\nTwo.'
    assert body_sequence(stories, body, Quote("Q", pull=True, after_paragraph=1)) == [
        "p:One.", "[Q]", "p:Two.",
    ]  # fmt: skip
    page = parse(render_page(Article(headline="H", body=body, quotes=(Quote("Q", pull=True),)),
                             stories))  # fmt: skip
    [image] = page.xpath("//div[@class='body']/p/img")
    assert (image.get("alt"), image.get("title")) == ("a</p><b>bold</b>", "t</p>")
    assert page.xpath("//div[@class='body']//b") == []


def test_typographic_quotes_and_dashes(stories: Newsroom) -> None:
    article = stories.get("russia-offers-talks").with_changes(
        body='He said "yes" -- twice --- and left...'
    )
    body = parse(render_page(article, stories)).xpath("//div[@class='body']")[0].text_content()
    assert "“yes” – twice — and left…" in body


def test_related_headlines_in_the_editors_order(stories: Newsroom) -> None:
    page = parse(render_page(stories.get("russia-offers-talks"), stories))
    items = page.xpath("//section[@class='related']//li")
    headlines = [item.xpath(".//a[@class='related-headline']")[0].text for item in items]
    assert headlines == ["Grain deal expires", "UN welcomes the offer"]
    # One link per item, its headline; "Read more" is shown, not read out.
    internal, external = (item.xpath(".//a") for item in items)
    assert [link.get("href") for link in internal] == ["grain-deal-expires.html"]
    assert [link.get("href") for link in external] == ["https://example.org/un-offer"]
    for item in items:
        [more] = item.xpath(".//span[@class='read-more']")
        assert (more.text, more.get("aria-hidden")) == ("Read more", "true")
    assert items[0].xpath(".//p[@class='related-subtitle']")[0].text == "Ships wait at anchor"


def test_related_follows_the_targets_current_headline(stories: Newsroom) -> None:
    target = stories.get("grain-deal-expires")
    stories.save(target.with_changes(headline="Grain deal expires at midnight"))
    page = parse(render_page(stories.get("russia-offers-talks"), stories))
    assert page.xpath("//a[@class='related-headline']")[0].text == "Grain deal expires at midnight"


def test_the_news_feed_grouped_by_day(stories: Newsroom) -> None:
    page = parse(render_page(stories.get("russia-offers-talks"), stories))
    feed = page.xpath("//section[@class='feed']")[0]
    days = [h.text for h in feed.xpath(".//h3[@class='feed-day']")]
    assert days == ["28 June 2021", "27 June 2021", "20 June 2021"]
    first = feed.xpath(".//li")[0]
    assert first.xpath(".//time")[0].text == "10:05"  # Moscow time
    assert first.xpath(".//span[@class='mark']")[0].text == "Updated"
    breaking = feed.xpath(".//li")[1]
    assert breaking.xpath(".//span[@class='mark']")[0].text == "Breaking"
    assert breaking.xpath(".//a")[0].get("href") == "grain-deal-expires.html"
    assert "A draft" not in feed.text_content()


GOES_LIVE = datetime(2099, 6, 28, 10, 5, tzinfo=timezone(timedelta(hours=3)))


def test_a_scheduled_story_is_embargoed_and_kept_off_other_pages(stories: Newsroom) -> None:
    """Until its time, a scheduled story's page says so and no other page shows it."""
    held = stories.set_status("grain-deal-expires", Status.PUBLISHED, published_at=GOES_LIVE)
    before, after = GOES_LIVE - timedelta(minutes=1), GOES_LIVE
    page = parse(render_page(held, stories, now=before))
    [notice] = page.xpath("//header[@class='article-head']/p[@class='embargo']")
    assert notice.text == "Embargoed until 28 June 2099, 10:05 MSK"
    assert page.xpath("//time[@class='published']")[0].text == "28 June 2099, 10:05"
    other = parse(render_page(stories.get("russia-offers-talks"), stories, now=before))
    assert "Grain deal expires" not in other.xpath("//section[@class='feed']")[0].text_content()
    assert [a.text for a in other.xpath("//a[@class='related-headline']")] == [
        "UN welcomes the offer"
    ]
    # Its time has come: no notice, and the others show it.
    assert parse(render_page(held, stories, now=after)).xpath("//p[@class='embargo']") == []
    other = parse(render_page(stories.get("russia-offers-talks"), stories, now=after))
    assert other.xpath("//section[@class='feed']//li//a")[0].text == "Grain deal expires"
    assert [a.text for a in other.xpath("//a[@class='related-headline']")] == [
        "Grain deal expires", "UN welcomes the offer",
    ]  # fmt: skip


def test_the_embargo_is_told_in_the_newsrooms_time_zone(stories: Newsroom) -> None:
    held = stories.set_status("a-draft", Status.PUBLISHED, published_at=GOES_LIVE)
    stories.set_setting("timezone", "America/New_York")
    page = parse(render_page(held, stories, now=GOES_LIVE - timedelta(days=1)))
    assert page.xpath("//p[@class='embargo']")[0].text == "Embargoed until 28 June 2099, 03:05 EDT"
    # A draft with a time ahead is not scheduled: it carries none.
    draft = Article(headline="Not yet", published_at=GOES_LIVE)
    assert parse(render_page(draft, stories)).xpath("//p[@class='embargo']") == []


def test_updated_at_on_corrected_articles(stories: Newsroom) -> None:
    article = stories.set_status(
        "russia-offers-talks",
        __import__("newsroom.article").article.Status.CORRECTED,
        override="the page, not the checks, is under test here",
    )
    page = parse(render_page(article, stories))
    label = page.xpath("//span[@class='updated']")[0].text
    local = article.updated_at.astimezone(stories.settings().tzinfo)  # type: ignore[union-attr]
    assert label.endswith(f"at {local:%H:%M}") and label.startswith("Updated")


def test_top_bar_and_tags(stories: Newsroom) -> None:
    page = parse(render_page(stories.get("russia-offers-talks"), stories))
    assert page.xpath("//span[@class='topbar-date']")[0].text == "28 June 2021"
    assert page.xpath("//span[@class='topbar-section']")[0].text == "Politics"
    assert page.xpath("//*[@class='brand']")[0].text == "Northern Wire"
    assert [li.text_content() for li in page.xpath("//ul[@class='tags']/li")] == [
        "Russia",
        "grain",
        "diplomacy",
    ]


def test_json_ld_names_each_author_of_a_shared_byline(stories: Newsroom) -> None:
    article = stories.get("russia-offers-talks")
    stories.save(replace(article, byline="Anna Ivanova and Oleg Petrov"))
    page = parse(render_page(stories.get("russia-offers-talks"), stories))
    data = json.loads(page.xpath("//script[@type='application/ld+json']")[0].text)
    assert data["author"] == [
        {"@type": "Person", "name": "Anna Ivanova"},
        {"@type": "Person", "name": "Oleg Petrov"},
    ]


def test_json_ld_opengraph_twitter_and_canonical(stories: Newsroom) -> None:
    page = parse(render_page(stories.get("russia-offers-talks"), stories))
    [script] = page.xpath("//script")
    assert script.get("type") == "application/ld+json"
    data = json.loads(script.text)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Russia offers talks on grain corridor"
    assert data["alternativeHeadline"].startswith("The Kremlin says")
    assert data["dateline"] == "MOSCOW, June 28. /TASS/."
    assert data["datePublished"] == "2021-06-28T10:05:00+03:00"
    assert data["author"] == [{"@type": "Person", "name": "Ivan Petrov"}]
    assert data["articleSection"] == "Politics"
    assert data["keywords"] == "Russia, grain, diplomacy"
    assert data["image"]["caption"] == "The Kremlin at dawn"
    assert data["image"]["creditText"] == "© TASS"
    assert data["image"]["url"].startswith("https://news.example.org/media/")
    assert data["publisher"] == {"@type": "Organization", "name": "Northern Wire"}
    canonical = "https://news.example.org/russia-offers-talks.html"
    assert page.xpath("//link[@rel='canonical']")[0].get("href") == canonical
    assert data["url"] == canonical
    meta = {m.get("property") or m.get("name"): m.get("content") for m in page.xpath("//meta")}
    assert meta["og:title"] == "Russia offers talks on grain corridor"
    assert meta["og:url"] == canonical
    assert meta["og:type"] == "article"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["viewport"].startswith("width=device-width")


def test_markup_in_plain_fields_is_text(stories: Newsroom) -> None:
    article = Article(
        headline="<b>Bold</b> & <script>alert(1)</script>",
        subtitle="<i>x</i>",
        lead="<img src=x onerror=alert(1)>",
        quotes=(Quote("<em>quoted</em>", "<u>who</u>", pull=True),),
        body="One.\n\nTwo.\n\nThree.",
    )
    page = parse(render_page(article, stories))
    assert page.xpath("//h1")[0].text_content() == "<b>Bold</b> & <script>alert(1)</script>"
    assert page.xpath("//h1/*") == []
    assert page.xpath("//p[@class='subtitle']")[0].text == "<i>x</i>"
    assert page.xpath("//p[@class='lead']/img") == []
    assert page.xpath("//figure[@class='pull-quote']//p")[0].text == "<em>quoted</em>"


def test_right_to_left_text_gets_its_direction(stories: Newsroom) -> None:
    article = Article(headline="مرحبا بالعالم", lead="שלום עולם", body="نص عربي")
    page = parse(render_page(article, stories))
    assert page.xpath("//h1")[0].get("dir") == "auto"
    assert page.xpath("//p[@class='lead']")[0].get("dir") == "auto"
    assert page.xpath("//div[@class='body']")[0].get("dir") == "auto"


def test_drafts_say_so_and_have_no_publication_time(stories: Newsroom) -> None:
    page = parse(render_page(stories.get("a-draft"), stories))
    assert page.xpath("//span[@class='status-note']")[0].text == "Draft"


def test_the_style_sheet_is_responsive_dark_and_printable() -> None:
    css = Theme().css
    assert "@media (prefers-color-scheme: dark)" in css
    assert "@media print" in css and "@page" in css
    assert "@media (max-width: 600px)" in css


def test_a_user_theme_overrides_templates_and_css(stories: Newsroom, tmp_path: Path) -> None:
    theme_dir = tmp_path / "theme"
    (theme_dir / "templates").mkdir(parents=True)
    (theme_dir / "templates" / "blocks.html").write_text(
        '{% macro related(entries) %}<div id="mine">{{ entries|length }} related</div>{% endmacro %}'
        "{% macro feed(days) %}{% endmacro %}"
    )
    (theme_dir / "custom.css").write_text(".headline { color: rebeccapurple; }")
    theme = Theme(theme_dir)
    page = parse(render_page(stories.get("russia-offers-talks"), stories, theme=theme))
    assert page.xpath("//div[@id='mine']")[0].text == "2 related"
    assert page.xpath("//section[@class='feed']") == []
    assert theme.css.endswith(".headline { color: rebeccapurple; }")
    assert "prefers-color-scheme" in theme.css  # custom.css adds to the default


def test_a_broken_user_template_is_a_clear_error(stories: Newsroom, tmp_path: Path) -> None:
    theme_dir = tmp_path / "broken"
    (theme_dir / "templates").mkdir(parents=True)
    (theme_dir / "templates" / "article.html").write_text("{% if %}")
    with pytest.raises(Exception, match=r"template article\.html"):
        render_page(stories.get("russia-offers-talks"), stories, theme=Theme(theme_dir))


def test_the_main_photo_loads_first_and_json_ld_gives_the_linked_renditions_size(
    stories: Newsroom, tmp_path: Path
) -> None:
    article = stories.get("russia-offers-talks")
    export_pages(stories, [article], Output(tmp_path))
    page = parse((tmp_path / "russia-offers-talks.html").read_text(encoding="utf-8"))
    [image] = page.xpath("//figure[@class='photo']//img")
    assert image.get("fetchpriority") == "high" and image.get("loading") is None
    [script] = page.xpath("//script[@type='application/ld+json']")
    shown = json.loads(script.text)["image"]
    with Image.open(tmp_path / image.get("src")) as linked:
        assert (shown["width"], shown["height"]) == linked.size == (1200, 750)
    # Where the page does not know the rendition's size, JSON-LD does not guess one.
    unsized = parse(render_page(article, stories)).xpath("//script[@type='application/ld+json']")
    assert "width" not in json.loads(unsized[0].text)["image"]
