"""Quotation marks that never close, or close without opening, paragraph by paragraph.

The marks: "…", “…”, ‘…’ and «…», with „…“ (the German and Russian nested
style: „ opens, “ closes it) and nesting of any of them (“He said ‘no’”,
«…„…“…»). A paragraph is a block of the body between blank lines (a
heading, list item or table row on its own); every other field is one.

Apostrophes are not quotation marks: ’ or ' between letters (the West’s,
don't), before a digit (’90s) or after a word with no ‘ open (the boys’
team, rock ’n’ roll); a straight single quote is taken as a quotation mark
only when it pairs up, so an elision ('em, 'n') is never reported.

A quotation continued over paragraphs is correct: its opening mark is not
closed at the end of a paragraph, and the next paragraph opens with a
quotation mark again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from newsroom.article import Article
from newsroom.checks.markup import ProseView, prose_views
from newsroom.checks.model import PROSE_FIELDS, CheckContext, Finding, Rule, Severity, rule

_MARKS = re.compile("[\"'“”‘’«»„]")
_OPENING = frozenset("\"'“‘«„")
# What may stand at the start of a paragraph before its first word: a block quote's >,
# emphasis, white space.
_LEAD_IN = " \t>*_"
_DOUBLE_OPENERS = ("“", "„", "«", '"')
# Where a straight ' opens a quotation rather than ends a word.
_OPENING_CONTEXT = '([{“‘«„"—–-'


@dataclass
class _Open:
    mark: str
    at: int
    soft: bool = False  # a straight ' that may be an apostrophe: never reported


@rule(
    "quotation-marks.unmatched",
    Severity.WARNING,
    PROSE_FIELDS,
    "a quotation mark that never closes, or closes without opening, in its paragraph",
)
def unmatched_marks(this: Rule, article: Article, _: CheckContext) -> Iterable[Finding]:
    for path, view in prose_views(article):
        for at, message in unmatched(view):
            yield this.finding(path, message, at, at + 1)


def unmatched(view: ProseView) -> Iterator[tuple[int, str]]:
    """``(offset, message)`` of each unmatched quotation mark in the view."""
    text = view.text
    paragraphs = view.paragraphs
    budget = MARKS_READ_MAX
    for index, (start, end) in enumerate(paragraphs):
        still_open, strays, budget = _read_paragraph(text, start, end, budget)
        if budget < 0:  # not prose: a pasted wall of marks; what was read is reported
            yield (
                start,
                (
                    f"more than {MARKS_READ_MAX:,} quotation marks: "
                    "from this paragraph on they are not checked"
                ),
            )
            return
        for at in strays:
            yield at, f"the quotation mark {text[at]} closes a quotation that never opened"
        if not still_open:
            continue
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if following is not None and _opens_quotation(text, *following):
            continue  # a quotation continued in the next paragraph
        for each in still_open:
            yield each.at, f"the quotation mark {each.mark} never closes in this paragraph"


def _opens_quotation(text: str, start: int, end: int) -> bool:
    first = text[start:end].lstrip(_LEAD_IN)[:1]
    return first in _OPENING


# Quotation marks read in one field at most: a long story holds a few hundred; the bound
# keeps time and memory small for a field made of nothing else (a million “ opened).
MARKS_READ_MAX = 20_000


def _read_paragraph(
    text: str, start: int, end: int, budget: int
) -> tuple[list[_Open], list[int], int]:
    """The marks a paragraph leaves open (reported ones only), its stray closing marks,
    and what is left of ``budget`` (below 0: the paragraph was not read to its end)."""
    marks = _Marks()
    for match in _MARKS.finditer(text, start, end):
        budget -= 1
        if budget < 0:
            return [], [], budget
        at, mark = match.start(), match.group()
        before = text[at - 1] if at > start else " "
        after = text[at + 1] if at + 1 < end else " "
        marks.read(mark, at, before, after)
    still_open = marks.never_closed + [each for each in marks.stack if not each.soft]
    return still_open, marks.strays, budget


class _Marks:
    """The quotation marks open so far in a paragraph, innermost last.

    ``counts`` holds how many of each mark are open, so a closing mark with
    nothing of its kind open costs nothing to refuse: a paragraph of 20,000
    “ then 20,000 ’ is read in one pass, not 20,000 searches of the stack.
    """

    def __init__(self) -> None:
        self.stack: list[_Open] = []
        self.counts: dict[str, int] = dict.fromkeys(_OPENING, 0)
        self.strays: list[int] = []  # closing marks with nothing to close
        self.never_closed: list[_Open] = []  # left open inside a quotation that closed

    def read(self, mark: str, at: int, before: str, after: str) -> None:
        if mark in "«„":
            self._open(mark, at)
        elif mark in "»”":
            self._close_or_stray("«" if mark == "»" else "“„", at)
        elif mark == "“":  # opens, or closes „ (the German and Russian nested style)
            if self._innermost_double() == "„":
                self._close("„")
            else:
                self._open(mark, at)
        elif mark == '"':
            if not self._close('"') and not before.isdigit():  # after a digit: inches (6'2")
                self._open(mark, at)
        elif _is_apostrophe(before, after):
            return
        elif mark == "‘":
            self._open(mark, at)
        elif mark == "’":
            self._close("‘")  # with no ‘ open: an apostrophe after a word (the boys’)
        else:
            self._straight_single(at, before, after)

    def _straight_single(self, at: int, before: str, after: str) -> None:
        if not before.isspace() and self._close("'"):
            return
        if (before.isspace() or before in _OPENING_CONTEXT) and not after.isspace():
            self._open("'", at, soft=True)

    def _open(self, mark: str, at: int, *, soft: bool = False) -> None:
        self.stack.append(_Open(mark, at, soft))
        self.counts[mark] += 1

    def _close_or_stray(self, kinds: str, at: int) -> None:
        if not self._close(kinds):
            self.strays.append(at)

    def _close(self, kinds: str) -> bool:
        """Close the innermost mark of ``kinds``; marks opened inside it never closed."""
        if not any(self.counts[kind] for kind in kinds):
            return False
        depth = len(self.stack) - 1
        while self.stack[depth].mark not in kinds:
            depth -= 1
        for each in self.stack[depth:]:
            self.counts[each.mark] -= 1
            if each is not self.stack[depth] and not each.soft:
                self.never_closed.append(each)
        del self.stack[depth:]
        return True

    def _innermost_double(self) -> str:
        """The innermost open double mark (singles may be open inside it), or ""."""
        if not any(self.counts[kind] for kind in _DOUBLE_OPENERS):
            return ""
        for each in reversed(self.stack):
            if each.mark in _DOUBLE_OPENERS:
                return each.mark
        return ""


def _is_apostrophe(before: str, after: str) -> bool:
    """’ or ' inside a word (the West’s, don't) or before a number (’90s)."""
    return after.isdigit() or (before.isalpha() and after.isalpha())
