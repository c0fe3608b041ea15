"""Quotation marks: unmatched ones are found at the mark; apostrophes and nesting are not."""

from __future__ import annotations

import pytest

from newsroom.checks import Severity
from newsroom.checks.markup import prose_view
from newsroom.checks.quotation_marks import unmatched
from tests.checks.helpers import findings, slips

RULE = "quotation-marks.unmatched"


def marks(body: str, **fields: str) -> list[str]:
    return [text for text, _ in slips(RULE, body, **fields)]


@pytest.mark.parametrize(
    ("body", "unmatched"),
    [
        ("He said “no and left.", ["“"]),
        ("He said no” and left.", ["”"]),
        ('He said "no and left.', ['"']),
        ("He said ‘no and left.", ["‘"]),
        ("Он сказал «нет и ушёл.", ["«"]),
        ("Он сказал нет» и ушёл.", ["»"]),
        ("«Он сказал „нет и ушёл».", ["„"]),
        ("“He said ‘no” and left.", ["‘"]),
        ("“One.” “Two.", ["“"]),
    ],
)
def test_unmatched_marks_are_found_at_the_mark(body: str, unmatched: list[str]) -> None:
    assert marks(body) == unmatched
    [finding] = findings(RULE, body)
    assert finding.severity is Severity.WARNING and finding.fix is None
    assert finding.end == finding.start + 1


def test_each_paragraph_is_read_on_its_own() -> None:
    body = "First “quote.\n\nSecond quote” here."
    found = findings(RULE, body)
    assert [(body[each.start], each.message) for each in found] == [
        ("“", "the quotation mark “ never closes in this paragraph"),
        ("”", "the quotation mark ” closes a quotation that never opened"),
    ]


def test_every_prose_field_is_one_paragraph() -> None:
    found = findings(RULE, "", headline="Putin says “no", lead="A lead”.\n\nStill the lead")
    assert [(each.field, each.start) for each in found] == [("headline", 11), ("lead", 6)]


def test_a_heading_and_a_list_item_are_paragraphs_of_their_own() -> None:
    assert marks("## A “heading\nText” after it.") == ["“", "”"]
    assert marks("- “one\n- two”") == ["“", "”"]


@pytest.mark.parametrize(
    "body",
    [
        "“He said ‘no’,” she said.",
        "“He said 'no',” she said.",
        "«Он сказал: „нет“», — сообщил источник.",
        "„Nein“, sagte er.",
        "“Mixed „style” here,” he said.",
        "The West's view, the West’s view, the boys’ team, the boys' team.",
        "The '90s and the ’90s and the ‘90s.",
        "Rock 'n' roll and rock ’n’ roll, 'em and ’em, 'til dawn.",
        "“The boys’ team won,” he said.",
        "‘The West’s view,’ he said.",
        "«Д’Артаньян» и «Жанна д’Арк».",
        "\"He said 'it's fine',\" she said.",
        "A quote “spans\na line break” in one paragraph.",
        'The 6\'2" forward and a 12" pipe.',
        '"I scored 2" he said.',
        "Code `say “hi` here and `'` too.",
        '[link](https://example.org "a “title") and <a title="x">tag</a>',
        "```\n“unclosed in code\n```",
        "    “unclosed in indented code",
        "",
    ],
)
def test_matched_marks_and_apostrophes_are_not_flagged(body: str) -> None:
    assert marks(body) == []


@pytest.mark.parametrize(
    "body",
    [
        "“The first paragraph of a long quotation.\n\n“The second, which closes it.”",
        "“One.\n\n“Two.\n\n“Three,” he said.",
        "«Первый абзац.\n\n«Второй абзац».",
        '"First.\n\n"Second."',
        "> “Quoted first paragraph.\n>\n> “And the second.”",
        "“First.\n\n*“Second,”* he said.",
    ],
)
def test_a_quotation_continued_over_paragraphs_is_correct(body: str) -> None:
    assert marks(body) == []


def test_a_continued_quotation_needs_the_next_paragraph_to_open_with_a_mark() -> None:
    assert marks("“First paragraph.\n\nThe second does not reopen.”") == ["“", "”"]
    assert marks("Ends open “here.\n\n“Next.”") == []  # reopened: read as a continuation
    assert marks("“The last paragraph never closes.") == ["“"]


@pytest.mark.parametrize(
    ("body", "reported"),
    [
        ("“" * 9_000 + "’" * 9_000, 9_000),
        ("«" * 9_000 + "”" * 9_000, 18_000),
        ("“ " * 9_000 + "x' " * 9_000, 9_000),
        ("‘" * 9_000 + "“" * 9_000, 18_000),
    ],
)
def test_a_paragraph_of_many_marks_is_read_in_one_pass(body: str, reported: int) -> None:
    """A closing mark with nothing of its kind open is refused without searching the stack.

    Read through the rule's own reader: ``check_article`` lists the first findings only.
    """
    assert len(list(unmatched(prose_view(body, markdown=True)))) == reported
