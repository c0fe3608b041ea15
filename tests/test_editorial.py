"""The editor's rules: counts, reading time, typographic quotes, verbatim quotes, codes."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsroom.article import Dateline
from newsroom.editorial import (
    Replacement,
    code_replacement,
    count_words,
    live_dateline,
    quote_from_selection,
    quote_in_body,
    quotes_in_body,
    reading_minutes,
    tags_as_text,
    tags_from_text,
    typographic_replacement,
    word_spans,
)
from newsroom.settings import Settings


def apply(text: str, replacement: Replacement | None) -> str:
    if replacement is None:
        return text
    return text[: replacement.start] + replacement.text + text[replacement.end :]


def typed(text: str) -> str:
    """``text`` typed one character at a time with typographic quotes on."""
    out = ""
    for char in text:
        out += char
        out = apply(out, typographic_replacement(out, len(out)))
    return out


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("   \n ", 0),
        ("One two three", 3),
        ("## A heading\n\n* don't *stop* — well-known 3.5 points", 7),
        ("> “Quoted,” she said.", 3),
        ('See [a link](https://example.com/x "t").', 3),
    ],
)
def test_count_words(text: str, words: int) -> None:
    assert count_words(text) == words


@pytest.mark.parametrize(("words", "minutes"), [(0, 0), (1, 1), (230, 1), (231, 2), (800, 4)])
def test_reading_minutes_round_up_at_230_words_a_minute(words: int, minutes: int) -> None:
    assert reading_minutes(words) == minutes


def test_typographic_quotes_open_and_close() -> None:
    assert typed('He said "yes" and left') == "He said “yes” and left"
    assert typed("'Tis the editor's 'pick'") == "‘Tis the editor’s ‘pick’"
    assert typed('("quoted")') == "(“quoted”)"
    assert typed('"') == "“"


def test_double_hyphen_becomes_an_em_dash_but_not_in_markdown_rules() -> None:
    assert typed("wait -- what") == "wait — what"
    assert typed("---") == "---"
    assert typed("| --- |") == "| --- |"
    assert typed("|:--") == "|:--"


def test_no_typographic_quotes_in_code() -> None:
    assert typed('use `print("x")` here') == 'use `print("x")` here'
    assert typed('    indented "code"') == '    indented "code"'
    assert typed('```\n"x"') == "```\n“x”"  # only the fence line itself is skipped


def test_typographic_replacement_looks_only_at_the_typed_character() -> None:
    assert typographic_replacement("abc", 3) is None
    assert typographic_replacement('a"', 0) is None
    assert typographic_replacement('x "', 3) == Replacement(2, 3, "“")
    assert typographic_replacement('line\n"', 6) == Replacement(5, 6, "“")


def test_quote_in_body_ignores_quote_marks_and_white_space_only() -> None:
    body = "The minister said: “We will\n  not   sign  ‘this’ treaty,” and left."
    assert quote_in_body("\"We will not sign 'this' treaty,\"", body)
    assert quote_in_body("  We will not sign ‘this’ treaty ", body)
    assert not quote_in_body("we will not sign", body)  # case counts
    assert not quote_in_body("We will not sign this treaty", body)  # the marks count
    assert not quote_in_body("We will not sign - this", body)
    assert not quote_in_body("", body)
    assert not quote_in_body("   ", body)
    assert quotes_in_body(["We will", "nope", ""], body) == [True, False, False]


def test_code_replacement_after_a_non_code_character() -> None:
    table = {"lav": "Sergey Lavrov"}
    assert code_replacement("Minister =lav= ", 15, table) == Replacement(9, 14, "Sergey Lavrov")
    assert code_replacement("=LAV=,", 6, table) == Replacement(0, 5, "Sergey Lavrov")
    assert code_replacement("=lav=", 5, table) is None  # still typing
    assert code_replacement("=lav=x", 6, table) is None  # x could still be a code
    assert code_replacement("=xyz= ", 6, table) is None  # unknown: left as typed
    assert code_replacement("a=lav ", 6, table) is None
    assert code_replacement("", 0, table) is None


def test_live_dateline_follows_the_style_and_falls_back_to_publication() -> None:
    line = Dateline(city="Moscow", date=date(2024, 6, 28))
    assert live_dateline(line, Settings(agency="TASS")) == "MOSCOW, June 28. /TASS/."
    assert live_dateline(line, Settings(dateline_style="ap", agency="AP")) == "MOSCOW (AP) —"
    undated = Dateline(city="Moscow")
    published = datetime(2024, 1, 31, 22, 30, tzinfo=UTC)
    settings = Settings(dateline_style="plain", timezone="Europe/Moscow")
    assert live_dateline(undated, settings, published_at=published) == "MOSCOW, February 1 —"
    assert live_dateline(Dateline(), settings) == ""


def test_tags_text_round_trip() -> None:
    assert tags_from_text(" politics,  world  news ,,politics, ") == ("politics", "world news")
    assert tags_as_text(("a", "b c")) == "a, b c"
    assert tags_from_text(tags_as_text(("a", "b c"))) == ("a", "b c")


@pytest.mark.parametrize(
    ("selected", "quote"),
    [
        ("“We are ready to work on every question that keeps gas flowing to Europe,",
         "We are ready to work on every question that keeps gas flowing to Europe"),
        ('"It is done." ', "It is done."),
        ("«Мы готовы»,", "Мы готовы"),
        ("first line\u2029second line", "first line second line"),
        ("Will they come?”", "Will they come?"),
        ("  ", ""),
    ],
)  # fmt: skip
def test_a_quote_taken_from_a_selection_leaves_its_marks_behind(selected: str, quote: str) -> None:
    assert quote_from_selection(selected) == quote


def test_a_quotes_own_sentence_end_need_not_be_in_the_body() -> None:
    body = "“We are ready to work,” said the mayor. “Not yet”, he added."
    assert quote_in_body("We are ready to work.", body)  # the panel and the check agree
    assert quote_in_body("Not yet,", body)
    assert not quote_in_body("We are ready to work!", body)
    assert not quote_in_body(".", body)


@given(st.text(alphabet=st.sampled_from(list("ab -'.3](h)[x\n—é"))))
def test_word_spans_are_the_words_count_words_counts(text: str) -> None:
    """Two readings of one rule (count_words for speed, word_spans for places): they agree."""
    spans = word_spans(text)
    assert len(spans) == count_words(text)
    assert all(0 <= start < end <= len(text) for start, end in spans)
