"""Where a pull quote stands when the editor has not placed it.

A pull quote set just after the paragraph it was taken from makes the reader
read the same words twice in a few lines. The house default (after the
second paragraph, ``DEFAULT_PULL_QUOTE_PLACE``) is kept when the quote's
words come later in the story or not at all; when they come earlier, the
quote moves at least ``MIN_PARAGRAPHS_BETWEEN`` paragraphs past them, or —
in a body too short for that — ahead of them, as a teaser.

Pure functions on plain text, so the rule can be tested without a page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsroom.article import DEFAULT_PULL_QUOTE_PLACE

# Paragraphs a reader goes through between a quote's source and the quote itself.
MIN_PARAGRAPHS_BETWEEN = 3

_WORD = re.compile(r"\w+")
# An editor may shorten a quotation: each part around an ellipsis must be there.
_ELLIPSIS = re.compile(r"…|\.\.\.|\[\s*(?:…|\.\.\.)\s*\]")


def words(text: str) -> tuple[str, ...]:
    """The words of ``text``, case-folded: what stays when quotes, dashes and case differ."""
    return tuple(word.casefold() for word in _WORD.findall(text))


def quotes_from(quote: str, text: str) -> bool:
    """Whether ``text`` holds the words of ``quote`` in order (each part, when shortened)."""
    said = words(text)
    parts = [words(part) for part in _ELLIPSIS.split(quote)]
    parts = [part for part in parts if part]
    return bool(parts) and all(_contains(said, part) for part in parts)


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    width = len(needle)
    starts = range(len(haystack) - width + 1)
    return any(haystack[start : start + width] == needle for start in starts)


def source_paragraph(quote: str, paragraphs: Sequence[str], *, lead: str = "") -> int | None:
    """The paragraph the quote was taken from: 1 for the body's first, 0 for the lead."""
    if lead and quotes_from(quote, lead):
        return 0
    for number, paragraph in enumerate(paragraphs, start=1):
        if quotes_from(quote, paragraph):
            return number
    return None


def default_place(quote: str, paragraphs: Sequence[str], *, lead: str = "") -> int:
    """After which paragraph (0: before the first) a pull quote of ``quote`` goes.

    ``paragraphs``: the text of the body's top-level paragraphs, in order.
    The house default when the quote's words are not before it; else at
    least ``MIN_PARAGRAPHS_BETWEEN`` paragraphs after them; else, in a short
    body, just ahead of them (after the last paragraph when they are in the lead).
    """
    count = len(paragraphs)
    default = min(DEFAULT_PULL_QUOTE_PLACE, count)
    source = source_paragraph(quote, paragraphs, lead=lead)
    if source is None or source > default:
        return default
    later = source + MIN_PARAGRAPHS_BETWEEN
    if later <= count:
        return later
    if source == 0:
        return count  # the lead is above the body: as far from it as the body allows
    return source - 1
