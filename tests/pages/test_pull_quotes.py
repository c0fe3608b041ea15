"""Where an unplaced pull quote stands: never just after the words it repeats."""

from __future__ import annotations

import pytest

from newsroom.article import Article, Quote
from newsroom.render.page import render_page
from newsroom.render.pull_quotes import default_place, quotes_from, source_paragraph
from newsroom.store import Newsroom
from tests.pages.conftest import parse

EIGHT = [f"Paragraph {number} of the story." for number in range(1, 9)]


def with_quote(paragraphs: list[str], number: int, said: str) -> list[str]:
    """``paragraphs`` with paragraph ``number`` (1-based) quoting ``said``."""
    changed = list(paragraphs)
    changed[number - 1] = f"“{said},” the minister told reporters on Monday."
    return changed


@pytest.mark.parametrize(
    ("source", "place"),
    [
        (1, 4),  # three paragraphs between the words and the quote
        (2, 5),
        (3, 2),  # later than the house default: it stays there, ahead of them (a teaser)
        (5, 2),
    ],
)
def test_a_quote_from_the_body_is_set_apart_from_its_words(source: int, place: int) -> None:
    paragraphs = with_quote(EIGHT, source, "We will not sign")
    assert default_place("We will not sign", paragraphs) == place


def test_a_quote_not_in_the_body_keeps_the_house_place() -> None:
    assert default_place("Nothing of the kind", EIGHT) == 2
    assert default_place("Nothing of the kind", EIGHT[:1]) == 1  # after the only paragraph
    assert default_place("Nothing of the kind", []) == 0


def test_a_short_body_sets_the_quote_ahead_of_its_words() -> None:
    three = with_quote(EIGHT[:3], 2, "We will not sign")
    assert default_place("We will not sign", three) == 1  # before paragraph 2, not after it
    one = with_quote(EIGHT[:1], 1, "We will not sign")
    assert default_place("We will not sign", one) == 0  # at the top of the body


def test_a_quote_from_the_lead_goes_as_far_down_as_it_can() -> None:
    lead = "The minister said: “We will not sign.”"
    assert default_place("We will not sign", EIGHT, lead=lead) == 3
    assert default_place("We will not sign", EIGHT[:2], lead=lead) == 2


def test_words_match_across_typography_case_and_a_shortened_quote() -> None:
    paragraph = "“We are READY — at any level,” said Mr Peskov, “and today.”"
    assert quotes_from('"We are ready -- at any level"', paragraph)
    assert quotes_from("We are ready … and today", paragraph)
    assert not quotes_from("We are ready today", paragraph)  # not these words in this order
    assert not quotes_from("ready at", "already attended")  # whole words only
    assert not quotes_from("…", paragraph)
    assert source_paragraph("at any level", ["Nothing.", paragraph]) == 2


# --- on the page --------------------------------------------------------------


def pull_quote_follows(stories: Newsroom, body: str, quote: Quote, lead: str = "") -> list[str]:
    article = Article(headline="H", lead=lead, body=body, quotes=(quote,))
    [container] = parse(render_page(article, stories)).xpath("//div[@class='body']")
    return [
        "[quote]" if child.get("class") == "pull-quote" else child.text_content().strip()
        for child in container
    ]


def test_the_page_no_longer_repeats_a_sentence_two_lines_later(stories: Newsroom) -> None:
    body = "\n\n".join(with_quote(EIGHT, 2, "We will not sign"))
    placed = pull_quote_follows(stories, body, Quote("We will not sign", pull=True))
    assert placed.index("[quote]") == 5  # after paragraph 5: three between it and its words
    assert "We will not sign" in placed[1]


def test_an_editors_place_is_kept_as_chosen(stories: Newsroom) -> None:
    body = "\n\n".join(with_quote(EIGHT, 2, "We will not sign"))
    placed = pull_quote_follows(
        stories, body, Quote("We will not sign", pull=True, after_paragraph=2)
    )
    assert placed.index("[quote]") == 2
