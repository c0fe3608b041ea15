"""A finding's span in Qt's positions.

The core counts in code points (Python ``str`` offsets); Qt's text positions
count UTF-16 units, in which a character beyond the Basic Multilingual Plane
(an emoji, 𝄞) takes two. A position is moved on by the number of such
characters before it: found once per text, then looked up by bisection, so
converting every finding of a long body costs one pass over it.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Positions:
    """Code-point offsets into ``text`` → UTF-16 positions."""

    def __init__(self, text: str) -> None:
        self._astral = [found.start() for found in _ASTRAL.finditer(text)]

    def __call__(self, offset: int) -> int:
        return offset + bisect_left(self._astral, offset)


def utf16_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` as Qt's (start, end) positions."""
    positions = Utf16Positions(text)
    return positions(start), positions(end)


def shown_span(start: int, end: int, length: int) -> tuple[int, int]:
    """Where an underline goes: the span, or for an empty one (a missing full stop at the
    end) the character before it, so the place can be seen. (start, start) when the text
    is empty: nothing to underline."""
    start, end = max(0, min(start, length)), max(0, min(end, length))
    if start < end or length == 0:
        return start, max(start, end)
    return (start - 1, start) if start > 0 else (0, 1)
