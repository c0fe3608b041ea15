"""The names in a byline: "Anna Ivanova and Oleg Petrov" is two authors, "A, B and C" three
(in Russian bylines "и" joins the last two: "Анна Иванова и Олег Петров").

Feeds and structured data name each author of a shared byline on its own.
Commas split names only in a list that ends with "and" (or "&"), so a
byline such as "Anna Ivanova, Moscow correspondent" stays one name.
"""

from __future__ import annotations

import re

# " and ", " & " or Russian " и " between the last two names (serial comma or not).
_LAST = re.compile(r",?\s+(?:and|&|и)\s+", re.IGNORECASE)
_BY = re.compile(r"^by\s+", re.IGNORECASE)


def byline_names(byline: str) -> list[str]:
    """Each name of ``byline`` in its order; ``[]`` for an empty one."""
    text = _BY.sub("", " ".join(byline.split()))
    if not text:
        return []
    parts = _LAST.split(text)
    if len(parts) == 1:
        return [text]
    *first, last = parts
    names = [name.strip() for part in first for name in part.split(",")]
    return [name for name in (*names, last.strip()) if name]
