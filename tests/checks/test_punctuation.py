"""Punctuation and typing: what each rule finds, its fix, and what it leaves alone."""

from __future__ import annotations

import pytest

from newsroom.article import PhotoUse, Quote
from newsroom.checks import Severity
from tests.checks.helpers import findings, fixed, slips, with_settings

# --- doubled or clashing punctuation -----------------------------------------------------


@pytest.mark.parametrize(
    ("body", "slip", "fix"),
    [
        ('He said "no.". Then he left.', '.".', '."'),
        ("He said “no.”. Then he left.", ".”.", ".”"),
        ("who runs the barrier.”.”\n\nThose", ".”.”", ".”"),  # the mark typed twice too
        ('He said "no."." Then', '."."', '."'),
        ("He asked “why?”. Nobody knew.", "?”.", "?”"),
        ("«Нет.». Так и сказал.", ".».", ".»"),
        ("First,, second.", ",,", ","),
        ("Wait;; no.", ";;", ";"),
        ("It ended.. Then silence.", "..", "."),
        ("Really?. Yes.", "?.", "?"),
        ("Stop!. Now.", "!.", "!"),
        ("The list ended,.", ",.", "."),
        ("The end;.", ";.", "."),
    ],
)
def test_doubled_punctuation_is_found_with_its_fix(body: str, slip: str, fix: str) -> None:
    assert slips("punctuation.doubled", body) == [(slip, fix)]
    assert slip not in fixed("punctuation.doubled", body)


def test_clashing_marks_are_found_without_a_fix() -> None:
    assert slips("punctuation.doubled", "First,; second.") == [(",;", None)]
    assert slips("punctuation.doubled", "Note:, this.") == [(":,", None)]


@pytest.mark.parametrize(
    "body",
    [
        "He paused... and went on.",
        "He paused…. Then he went on.",
        "Four dots end it....",
        "The U.S., Canada and Mr. Smith, e.g., agreed.",
        "It grew 3.5% to 1,000,000.",
        "“Кто там?». Russian puts the stop after the closing mark.".replace("“", "«"),
        "“Wait...”. He stopped.",
        "Really?! Yes!! Why??",
        "In std::vector terms.",
        "See https://a.b/c?d=e,,f..g, then go.",
        "Write to first..last@example.org.",
        "Code `a,, b..` here.",
    ],
)
def test_doubled_punctuation_leaves_alone(body: str) -> None:
    assert slips("punctuation.doubled", body) == []


# --- a space before punctuation ----------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "slip", "fix"),
    [
        ("One word , then another.", " ,", ","),
        ("It ended .", " .", "."),
        ("Why ?", " ?", "?"),
        ("Stop !", " !", "!"),
        ("Three things : a, b.", " :", ":"),
        ("Он сказал , что нет.", " ,", ","),
        ("Tabs\t\t; too.", "\t\t;", ";"),
    ],
)
def test_a_space_before_punctuation_is_found(body: str, slip: str, fix: str) -> None:
    assert slips("punctuation.space-before", body) == [(slip, fix)]
    assert fixed("punctuation.space-before", body) == body.replace(slip, fix)


@pytest.mark.parametrize(
    "body",
    [
        "He paused ... and went on.",
        "He paused . . . and went on.",
        "It fell by .5 points.",
        "The score was 3 : 1 at half time.",
        "Visit the .com era.",
        "Smile :) and wink ;-)",
        "Look ![a photo](p.jpg) here.",
        "- item\n1. item\n* item",
        "A word (in brackets) , is flagged only after a word.",
        "Say “hi” , then go.",
        "Code `a , b` here.",
        "Mail me@example.org , or call.",
        "1. First\n2. Second",
        "Prices rose. 5 shops closed.",
    ],
)
def test_a_space_before_punctuation_leaves_alone(body: str) -> None:
    assert slips("punctuation.space-before", body) == []


# --- double spaces -------------------------------------------------------------------------


def test_double_spaces_between_words_are_found() -> None:
    assert slips("punctuation.double-space", "One  two.   Three.") == [("  ", " "), ("   ", " ")]
    assert fixed("punctuation.double-space", "One  two.   Three.") == "One two. Three."
    assert slips("punctuation.double-space", "- item  one") == [("  ", " ")]


@pytest.mark.parametrize(
    "body",
    [
        "    indented code  with  spaces\n\nText.",
        "Text.\n\n    code  block",
        "A hard break  \nnext line.",
        "Trailing spaces  ",
        "  Leading spaces.",
        "-  item after a marker\n1.  item\n##  Heading\n>  quoted",
        "| a   | b |\n|-----|---|\n| 1   | 2 |",
        "Code `a  b` here.",
        "```\nfenced  code\n```",
        "Non-breaking\u00a0\u00a0spaces are the editor's choice.",
    ],
)
def test_double_spaces_leave_alone(body: str) -> None:
    assert slips("punctuation.double-space", body) == []


# --- repeated words --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "slip", "fix"),
    [
        ("He saw the the dog.", "the the", "the"),
        ("The the dog barked.", "The the", "The"),
        ("It was a well-known well-known fact.", "well-known well-known", "well-known"),
        ("Он сказал, что что-то было.", None, None),
        ("Он пошёл в в магазин.", "в в", "в"),
    ],
)
def test_repeated_words_are_found(body: str, slip: str | None, fix: str | None) -> None:
    assert slips("punctuation.repeated-word", body) == ([(slip, fix)] if slip else [])


@pytest.mark.parametrize(
    "body",
    [
        "What he had had was enough.",
        "He said that that was wrong.",
        "What it is is a mess.",
        "The town of Walla Walla and Bora Bora.",
        "In 2020 2021 was better.",
        "The word\nthe next line.",
        "Paragraph ends the\n\nthe next one.",
        "Code `the the` here.",
        "Mr. Smith's smith.",
        "the theme",
    ],
)
def test_repeated_words_leave_alone(body: str) -> None:
    assert slips("punctuation.repeated-word", body) == []


# --- straight quotes ------------------------------------------------------------------------


def test_straight_quotes_get_their_typographic_form() -> None:
    assert slips("punctuation.straight-quotes", 'He said "no" and it\'s done.') == [
        ('"', "“"), ('"', "”"), ("'", "’"),
    ]  # fmt: skip
    assert fixed("punctuation.straight-quotes", '"Yes," the \'90s said.') == "“Yes,” the ’90s said."
    [finding] = findings("punctuation.straight-quotes", "a 'b")
    assert finding.severity is Severity.INFO


def test_straight_quotes_are_house_style_when_typographic_quotes_are_off() -> None:
    assert (
        slips(
            "punctuation.straight-quotes", '"no"', settings=with_settings(typographic_quotes=False)
        )
        == []
    )


@pytest.mark.parametrize(
    "body",
    [
        'Code `say "hi"` here.',
        '```\nprint("hi")\n```',
        '    print("indented")',
        '[a link](https://example.org/?q="x" "Its title")',
        '<a href="https://example.org">a tag</a>',
        "“Typographic” and ‘typographic’ and the West’s.",
    ],
)
def test_straight_quotes_leave_alone(body: str) -> None:
    assert slips("punctuation.straight-quotes", body) == []


def test_straight_quotes_are_looked_for_in_every_prose_field() -> None:
    found = findings(
        "punctuation.straight-quotes", "",
        headline='"A"', subtitle="'b", lead="c'd",
        quotes=(Quote("e'f"),), photo=PhotoUse("0" * 64, caption="g'h", alt="i'j", credit="k'l"),
    )  # fmt: skip
    fields = {each.field for each in found}
    assert fields == {
        "headline",
        "subtitle",
        "lead",
        "quotes[0].text",
        "photo.caption",
        "photo.alt",
    }


# --- a hyphen for a dash --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "slip"),
    [
        ("Moscow - the capital - is cold.", "-"),
        ("It was late -- too late.", "--"),
        ("He said “no” - and left.", "-"),
        ("Москва - столица России.", "-"),
    ],
)
def test_a_hyphen_between_words_is_a_dash(body: str, slip: str) -> None:
    found = slips("punctuation.hyphen-dash", body)
    assert found and all(each == (slip, "—") for each in found)
    assert " — " in fixed("punctuation.hyphen-dash", body)


@pytest.mark.parametrize(
    "body",
    [
        "A well-known, Nizhny-Novgorod-based firm.",
        "Moscow — the capital — and Kyiv – the other.",
        "Pages 10-12 and 10 - 12 and 2010–2012.",
        "- a list item\n- another\n  - nested",
        "| a | b |\n|---|---|\n| - | 1 |",
        "---",
        "A minus -5 degrees.",
    ],
)
def test_a_hyphen_for_a_dash_leaves_alone(body: str) -> None:
    assert slips("punctuation.hyphen-dash", body) == []
