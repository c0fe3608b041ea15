"""Punctuation and typing slips: what fast fingers leave in copy.

Doubled or clashing punctuation (``.".``, ``,,``, ``..``, ``?.``), a space
before punctuation, double spaces, a word typed twice, straight quotes where
the house sets typographic ones, and a hyphen typed for a dash. Each rule
reads the prose view of a field (``markup``: no code, URLs, link targets or
e-mail addresses) with one precompiled expression, and what the rules leave
alone is as deliberate as what they find: ellipses, decimals (``3.5``,
``1,000``), abbreviations (``U.S.``, ``e.g.,``), Markdown list markers,
indentation and hard line breaks, table padding, hyphenated words, ranges.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from newsroom.article import Article
from newsroom.checks.markup import matches_where, prose_views
from newsroom.checks.model import PROSE_FIELDS, CheckContext, Finding, Rule, Severity, rule
from newsroom.editorial import typographic_replacement

# --- doubled or clashing punctuation ---------------------------------------------------------

_DOUBLED = re.compile(
    # A full stop after a quotation closed on its own stop, question or exclamation: ." . → ."
    # (not after an ellipsis: …".); a closing mark typed again with it goes too: ."." → ."
    r"(?P<quoted>(?<!\.\.)[.?!](?P<mark>[\"”»’'])\.(?P=mark)?)(?![.…])"
    r"|(?P<commas>,{2,})"
    r"|(?P<semicolons>;{2,})"
    # Two full stops that are not part of an ellipsis (... or ….).
    r"|(?P<stops>(?<![.…])\.\.)(?![.…])"
    r"|(?P<question>[?!]\.)(?![.…\w])"
    r"|(?P<stop>[,;:]\.)(?![.…])"
    # A comma, semicolon or colon against another (the writer changed their mind): no fix.
    r"|(?P<clash>[,;:][,;:])"
)
# Where each of those begins: found by a fast scan, the alternatives tried only there.
_DOUBLED_START = re.compile(r"[.?!,;:][.,;:\"”»’']")
# In Russian, «Кто там?». is correct: the full stop after » ends the sentence.
_RUSSIAN_CLOSE = ("?».", "!».")


def _doubled_fix(match: re.Match[str]) -> str | None:
    kind, found = match.lastgroup, match.group()
    if kind == "quoted":
        return None if found in _RUSSIAN_CLOSE else found[:2]
    if kind == "commas":
        return ","
    if kind == "semicolons":
        return ";"
    if kind == "question":
        return found[0]
    if kind in ("stops", "stop"):
        return "."
    return ""  # a clash: flagged, but which mark was meant is the writer's call


@rule(
    "punctuation.doubled",
    Severity.WARNING,
    PROSE_FIELDS,
    'doubled or clashing punctuation: .". ,, .. ?. !. ,.',
)
def doubled_punctuation(this: Rule, article: Article, _: CheckContext) -> Iterable[Finding]:
    for path, view in prose_views(article):
        for match in matches_where(_DOUBLED_START, _DOUBLED, view.text):
            fix = _doubled_fix(match)
            if fix is None:
                continue
            found = match.group()
            if fix:
                message = f"doubled punctuation “{found}”: write “{fix}”"
                yield this.finding(path, message, match.start(), match.end(), fix)
            elif found != "::":
                message = f"clashing punctuation “{found}”: keep one mark"
                yield this.finding(path, message, match.start(), match.end())


# --- a space before punctuation ------------------------------------------------------------

# A space between a word and , . ; : ! ? that ends a clause. Not before an ellipsis (" ...",
# the spaced " . . ."), a number (" .5", "3 : 1"), a file name (" .com"), an emoticon (" :)"),
# an image ("![").
_SPACE_BEFORE = re.compile(
    r"(?<=\w)([ \t]+)([,.;:!?])(?![\w.…()\[\]/\\|*<>~=+\-'\"]|[ \t]\d|[ \t]\.)"
)
# The mark after a space: where to look back for the space's first character.
_MARK_AFTER_SPACE = re.compile(r"[,.;:!?](?<=[ \t][,.;:!?])")


@rule(
    "punctuation.space-before",
    Severity.WARNING,
    PROSE_FIELDS,
    "a space before a comma, full stop, colon, semicolon, question or exclamation mark",
)
def space_before_punctuation(this: Rule, article: Article, _: CheckContext) -> Iterable[Finding]:
    for path, view in prose_views(article):
        for match in _spaces_before_marks(view.text):
            mark = match.group(2)
            message = f"a space before “{mark}”: remove it"
            yield this.finding(path, message, match.start(), match.end(), mark)


def _spaces_before_marks(text: str) -> Iterator[re.Match[str]]:
    for mark in _MARK_AFTER_SPACE.finditer(text):
        start = mark.start()
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        found = _SPACE_BEFORE.match(text, start)
        if found is not None:
            yield found


# --- double spaces ---------------------------------------------------------------------------

_DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
# What may stand before aligned text at the start of a line: a list marker, a heading's
# hashes, a block quote's >, each perhaps indented.
_LINE_MARKER = re.compile(r"[ \t>]*(?:[-*+]|\d{1,9}[.)]|#{1,6}|>)")


@rule(
    "punctuation.double-space",
    Severity.WARNING,
    PROSE_FIELDS,
    "two or more spaces between words",
)
def double_spaces(this: Rule, article: Article, _: CheckContext) -> Iterable[Finding]:
    for path, view in prose_views(article):
        for start, line in _lines_with(view.text, "  "):
            if "|" in line:  # a table row: padding aligns its columns
                continue
            marker = _LINE_MARKER.match(line)
            for match in _DOUBLE_SPACE.finditer(line):
                if marker and match.start() == marker.end():
                    continue
                message = "a double space: one is enough"
                yield this.finding(path, message, start + match.start(), start + match.end(), " ")


def _lines_with(text: str, needle: str) -> Iterator[tuple[int, str]]:
    """``(offset, line)`` of each line of ``text`` that contains ``needle``."""
    if needle not in text:
        return
    position = 0
    for line in text.split("\n"):
        if needle in line:
            yield position, line
        position += len(line) + 1


# --- a word typed twice ----------------------------------------------------------------------

# The same word twice with only spaces between (on one line), case aside.
_REPEATED = re.compile(r"(?<![\w'’\-])([^\W\d_][\w'’\-]{0,60})([ \t]+)(\1)(?![\w'’\-])", re.I)
# Repeats that English and Russian use on purpose: "what he had had", "that that is", "is is",
# "very very", "bye bye", "knock knock"; "да да", "так так".
_MEANT_TWICE = frozenset({
    "had", "that", "is", "do", "bye", "very", "so", "no", "ha", "knock", "really", "far", "tut",
    "chop", "wait", "yeah", "yes", "now", "there", "well", "blah", "bla", "night", "go", "boo",
    "tsk", "hush", "aye", "mm", "hmm", "да", "нет", "так", "ну", "ой",
})  # fmt: skip


@rule(
    "punctuation.repeated-word",
    Severity.WARNING,
    PROSE_FIELDS,
    "a word typed twice: the the",
)
def repeated_words(this: Rule, article: Article, _: CheckContext) -> Iterable[Finding]:
    for path, view in prose_views(article):
        for match in _REPEATED.finditer(view.text):
            first, second = match.group(1), match.group(3)
            if first.casefold() in _MEANT_TWICE or _is_doubled_name(first, second):
                continue
            message = f"“{first}” twice: remove one"
            yield this.finding(path, message, match.start(), match.end(), first)


def _is_doubled_name(first: str, second: str) -> bool:
    """Names made of one word twice: Walla Walla, Bora Bora, Sirhan Sirhan, Duran Duran."""
    return first == second and first[0].isupper() and not first.isupper()


# --- straight quotes ---------------------------------------------------------------------------

_STRAIGHT = re.compile("[\"']")


@rule(
    "punctuation.straight-quotes",
    Severity.INFO,
    PROSE_FIELDS,
    "a straight quote or apostrophe where the house sets typographic ones (setting)",
)
def straight_quotes(this: Rule, article: Article, context: CheckContext) -> Iterable[Finding]:
    if not context.settings.typographic_quotes:
        return
    for path, view in prose_views(article):
        for match in _STRAIGHT.finditer(view.text):
            fix = _typographic(view.original, match.start())
            if fix is not None:
                message = f"a straight {_NAMES[match.group()]}: typographic {fix}"
                yield this.finding(path, message, match.start(), match.end(), fix)


_NAMES = {'"': "quotation mark", "'": "quote or apostrophe"}


def _typographic(text: str, index: int) -> str | None:
    """What typing the quote at ``index`` gives with typographic quotes on (``editorial``).

    ``typographic_replacement`` looks at the character before the quote and, for
    code, at the line; code is blanked in the view already, so it is given just
    the quote and the character before it, which keeps each call O(1) on long lines.
    """
    after = text[index + 1 : index + 2]
    if text[index] == "'" and after.isdigit():
        return "’"  # the apostrophe of ’90s, which typing cannot know before the digit is typed
    before = "\n" if index == 0 or text[index - 1] == "\n" else text[index - 1]
    probe = ("x" if before == "`" else before) + text[index]
    replacement = typographic_replacement(probe, 2)
    return replacement.text if replacement is not None else None


# --- a hyphen for a dash -----------------------------------------------------------------------

# " - " or " -- " between words (or a quotation): a dash was meant. List markers begin a line,
# so they never follow a word; ranges between numbers are left alone.
_SPACED_HYPHEN = re.compile(r" (--?) (?=[\w“«\"‘(])")
_BEFORE_DASH = re.compile(r"[\w”»\"’).!?]")


@rule(
    "punctuation.hyphen-dash",
    Severity.WARNING,
    PROSE_FIELDS,
    "a hyphen between spaces where a dash is meant: word - word",
)
def hyphen_for_dash(this: Rule, article: Article, _: CheckContext) -> Iterable[Finding]:
    for path, view in prose_views(article):
        text = view.text
        for match in _SPACED_HYPHEN.finditer(text):
            before = match.start() - 1
            if before < 0 or not _BEFORE_DASH.match(text, before):
                continue
            if text[before].isdigit() and text[match.end()].isdigit():
                continue  # 10 - 12: a range (an en dash), not a break in the sentence
            message = f"“{match.group(1)}” between words: use a dash (—)"
            yield this.finding(path, message, match.start(1), match.end(1), "—")
