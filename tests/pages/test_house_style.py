"""The page's own dates and the photo's credit line, as the house spells them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from newsroom.article import Article, PhotoUse, Status
from newsroom.render.page import credit_line, day_label, render_page
from newsroom.store import Newsroom
from tests.pages.conftest import parse

PUBLISHED = datetime(2021, 11, 29, 9, 0, tzinfo=UTC)
UPDATED = datetime(2021, 11, 30, 11, 5, tzinfo=UTC)  # 14:05 in Moscow


def corrected(**changes: object) -> Article:
    article = Article(
        headline="Grain talks", status=Status.CORRECTED, published_at=PUBLISHED,
        updated_at=UPDATED,
    )  # fmt: skip
    return article.with_changes(**changes)


def updated_label(stories: Newsroom, article: Article, now: datetime) -> str:
    page = parse(render_page(article, stories, now=now))
    return str(page.xpath("//span[@class='updated']")[0].text_content())


def test_an_update_in_another_year_carries_its_year(stories: Newsroom) -> None:
    later = datetime(2024, 3, 1, tzinfo=UTC)
    assert updated_label(stories, corrected(), later) == "Updated 30 November 2021 at 14:05"


def test_an_update_this_year_needs_no_year(stories: Newsroom) -> None:
    same_year = datetime(2021, 12, 24, tzinfo=UTC)
    assert updated_label(stories, corrected(), same_year) == "Updated 30 November at 14:05"
    # The year is the newsroom's (Moscow): 21:30 UTC on 31 December is already next year there.
    new_year_in_moscow = datetime(2021, 12, 31, 21, 30, tzinfo=UTC)
    assert updated_label(stories, corrected(), new_year_in_moscow).endswith("2021 at 14:05")


def test_an_update_on_the_day_of_publication_gives_the_time_only(stories: Newsroom) -> None:
    article = corrected(published_at=datetime(2021, 11, 30, 6, 0, tzinfo=UTC))
    assert updated_label(stories, article, datetime(2024, 1, 1, tzinfo=UTC)) == "Updated at 14:05"


def test_every_other_date_on_the_page_carries_its_year(stories: Newsroom) -> None:
    page = parse(render_page(corrected(), stories, now=datetime(2021, 12, 1, tzinfo=UTC)))
    assert page.xpath("//time[@class='published']")[0].text == "29 November 2021, 12:00"
    assert page.xpath("//span[@class='topbar-date']")[0].text == "29 November 2021"
    days = [label.text for label in page.xpath("//h3[@class='feed-day']")]
    assert days and all(label.split()[-1].isdigit() for label in days)


def test_one_function_spells_a_day() -> None:
    assert day_label(date(2021, 11, 30)) == "30 November 2021"
    assert day_label(date(2021, 11, 30), current_year=2021) == "30 November"
    assert day_label(date(2021, 11, 30), current_year=2022) == "30 November 2021"


# --- the credit line ------------------------------------------------------------


def test_the_credit_line_has_no_stray_spaces(stories: Newsroom) -> None:
    article = stories.get("russia-offers-talks")
    assert article.photo is not None
    for credit in ("TASS", "  Ivan  Petrov /\n TASS  ", "© Reuters ", "\tAP"):
        use = PhotoUse(article.photo.sha256, caption="", credit=credit, alt="Towers")
        page = parse(render_page(article.with_changes(photo=use), stories))
        [span] = page.xpath("//figure[@class='photo']//span[@class='credit']")
        text = span.text_content()
        assert text == text.strip() and "  " not in text and "\n" not in text, repr(text)
        [caption] = page.xpath("//figure[@class='photo']/figcaption")
        assert caption.text_content() == text  # nothing before it when there is no caption


def test_credit_and_caption_are_one_space_apart(stories: Newsroom) -> None:
    page = parse(render_page(stories.get("russia-offers-talks"), stories))
    [caption] = page.xpath("//figure[@class='photo']/figcaption")
    assert caption.text_content() == "The Kremlin at dawn © TASS"
    assert credit_line("  Ivan  Petrov\n/ TASS ") == "© Ivan Petrov / TASS"
