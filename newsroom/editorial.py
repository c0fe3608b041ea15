"""The editor's rules of thumb: counts, reading time, typographic quotes, quote checks.

Pure functions on plain text, so the app's editor stays thin and every rule
is tested without Qt: what a word is, how long a story takes to read, what
typing a straight quote turns into, whether a quote is in the body, and when
a code such as ``=lav=`` typed in a caption is replaced.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from newsroom.article import Dateline
from newsroom.dateline import dateline_text
from newsroom.photos.codes import CODE
from newsroom.settings import Settings

WORDS_PER_MINUTE = 230

_WORD = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*")
# A Markdown link's target (and title) is not read: ``[text](https://…)``.
_LINK_TARGET = re.compile(r"\]\([^)]*\)")


@dataclass(frozen=True)
class Replacement:
    """Replace ``text[start:end]`` with ``text``; offsets are in the text that was given."""

    start: int
    end: int
    text: str


# --- counts -------------------------------------------------------------------------


def count_words(text: str) -> int:
    """Words as a reader counts them: runs of letters or digits.

    ``don't``, ``well-known`` and ``3.5`` are one word each; Markdown marks
    (``##``, ``*``, ``>``), link targets, dashes and punctuation are not words.
    """
    if "](" in text:
        text = _LINK_TARGET.sub("]", text)
    return len(_WORD.findall(text))


def word_spans(text: str) -> list[tuple[int, int]]:
    """Where each word ``count_words`` counts is: ``(start, end)`` in ``text``."""
    targets = [found.span() for found in _LINK_TARGET.finditer(text)] if "](" in text else []
    spans = []
    target = 0  # both lists are in text order: one walk
    for found in _WORD.finditer(text):
        start = found.start()
        while target < len(targets) and targets[target][1] <= start:
            target += 1
        if target == len(targets) or start < targets[target][0]:
            spans.append(found.span())
    return spans


def reading_minutes(words: int, words_per_minute: int = WORDS_PER_MINUTE) -> int:
    """Whole minutes to read ``words`` words, rounded up; 0 only for no words."""
    if words <= 0:
        return 0
    return max(1, math.ceil(words / words_per_minute))


# --- the dateline as the editor shows it --------------------------------------------


def live_dateline(
    dateline: Dateline,
    settings: Settings,
    *,
    published_at: datetime | None = None,
    updated_at: datetime | None = None,
    now: datetime | None = None,
    language: str = "",
) -> str:
    """The dateline text as pages and exports will print it.

    An empty date falls back to the publication date, else the last update,
    else ``now``, in the newsroom's time zone (as ``render_page`` does).
    ``language`` is the article's (empty: the newsroom's).
    """
    tz = _zone(settings.timezone)
    when = published_at or updated_at or now or datetime.now(tz)
    fallback: date = when.astimezone(tz).date()
    lang = language or settings.language
    return dateline_text(
        dateline,
        settings.dateline_style,
        default_agency=settings.agency_in(lang),
        fallback_date=fallback,
        lang=lang,
    )


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError):  # pragma: no cover - settings are checked when stored
        return ZoneInfo("UTC")


# --- typographic quotes as you type -------------------------------------------------

_OPENING_CONTEXT = frozenset(" \t\n([{<“‘—–-/\u00a0")


def typographic_replacement(text: str, position: int) -> Replacement | None:
    """What to replace after a character was typed just before ``position``.

    ``text`` is the line (or the whole text) and ``position`` the cursor in
    it. The rules:

    * ``"`` becomes “ at the start, after a space or an opening bracket or
      dash, and ” elsewhere;
    * ``'`` becomes ‘ in the same places and ’ (also the apostrophe) elsewhere;
    * ``--`` becomes — (an em dash), except in a line made only of dashes or
      after ``|`` or ``:`` (Markdown rules and table separators).

    Nothing changes inside inline code (an odd number of backticks before the
    cursor on the line) or in an indented or fenced code line. ``None`` means
    leave the text alone.
    """
    if position <= 0 or position > len(text):
        return None
    typed = text[position - 1]
    if typed not in "\"'-":
        return None
    line_start = text.rfind("\n", 0, position - 1) + 1
    line = text[line_start:position]
    if line.count("`") % 2 == 1 or line.startswith(("    ", "\t", "```", "~~~")):
        return None
    before = text[position - 2] if position >= 2 else "\n"
    if position - 1 == line_start:
        before = "\n"
    if typed == '"':
        return Replacement(position - 1, position, "“" if before in _OPENING_CONTEXT else "”")
    if typed == "'":
        return Replacement(position - 1, position, "‘" if before in _OPENING_CONTEXT else "’")
    # A second hyphen: "--" becomes an em dash.
    if before != "-" or position - 2 < line_start:
        return None
    ahead = line[:-2]
    if not ahead.strip("- ") or ahead.rstrip().endswith(("|", ":", "-")):
        return None
    return Replacement(position - 2, position, "—")


# --- quotes and the body ------------------------------------------------------------

_STRAIGHT = str.maketrans(dict.fromkeys("“”„‟«»″", '"') | dict.fromkeys("‘’‚‛′", "'"))


def verbatim_form(text: str) -> str:
    """``text`` as the verbatim check compares it (see ``quote_in_body``)."""
    # split() and join: one pass in C, several times faster than a regex on a long body.
    return " ".join(text.translate(_STRAIGHT).split())


QUOTATION_MARKS = "\"'“”„‟«»‹›‘’‚"
# What a quotation carries with it in running text but is not part of the words quoted.
_QUOTE_EDGES = QUOTATION_MARKS + ",;:—–- "


def quote_from_selection(selected: str) -> str:
    """The words of a quote taken from text selected in the body.

    Line and paragraph breaks become single spaces, and the quotation marks and
    the punctuation that tie the words into the sentence around them are left
    behind: ``“We are ready to work,`` gives ``We are ready to work``. A full
    stop, question or exclamation mark ending the quote stays.
    """
    words = " ".join(selected.replace("\u2029", " ").replace("\u2028", " ").split())
    return words.strip(_QUOTE_EDGES)


def quote_in_body(quote: str, body: str) -> bool:
    """Whether the body contains the quote verbatim.

    Verbatim means the same characters in the same order, with exactly three
    allowances: straight and typographic quotation marks count as the same
    (“ ” „ « » ″ as ``"``; ‘ ’ ‚ ‛ ′ as ``'``); any run of white space
    (spaces, tabs, line breaks) counts as one space, and white space at either
    end of the quote is ignored; a comma, full stop, colon or semicolon ending
    the quote need not be in the body (“We are ready,” he said: the body
    goes on where the quote stopped). Case, other punctuation, dashes and
    Markdown marks all count. An empty quote is never in the body.
    """
    return quotes_in_body([quote], body)[0]


def quotes_in_body(quotes: Sequence[str], body: str) -> list[bool]:
    """``quote_in_body`` for many quotes, reading the body once."""
    form = verbatim_form(body)
    return [bool(wanted) and wanted in form for wanted in map(_quoted_words, quotes)]


# A quote's own sentence end is not part of what the body must hold word for word.
_QUOTE_END = ",.;: "


def _quoted_words(quote: str) -> str:
    return verbatim_form(quote).rstrip(_QUOTE_END)


# --- code replacements as you type --------------------------------------------------

_CODE_CHAR = re.compile(r"[A-Za-z0-9_.\-=]")
_CODE_AT_END = re.compile(CODE.pattern + r"\Z")


def code_replacement(text: str, position: int, table: Mapping[str, str]) -> Replacement | None:
    """The code just finished before ``position``, replaced by its text.

    A code (``=lav=``) is replaced once the character typed after it
    (the one before ``position``) cannot be part of a code, such as a space
    or a comma. Unknown codes are left as typed (``newsroom.photos.codes.unknown``
    lists them).
    """
    if position < 2 or position > len(text) or _CODE_CHAR.match(text[position - 1]):
        return None
    found = _CODE_AT_END.search(text, 0, position - 1)
    if found is None:
        return None
    replacement = table.get(found.group(1).lower())
    if replacement is None:
        return None
    return Replacement(found.start(), found.end(), replacement)


def tags_from_text(text: str) -> tuple[str, ...]:
    """Tags typed as a comma-separated list, in order, without blanks or repeats."""
    seen: list[str] = []
    for part in text.split(","):
        tag = " ".join(part.split())
        if tag and tag not in seen:
            seen.append(tag)
    return tuple(seen)


def tags_as_text(tags: tuple[str, ...]) -> str:
    return ", ".join(tags)
