"""What of a field's text is prose, for the rules that read punctuation and words.

Markdown code (fenced, indented and inline), link targets, reference
definitions, HTML tags and comments, URLs and e-mail addresses are not
prose: ``a  b`` in a code span is not a double space, nor ``?d=e,f`` in a
link a clash of punctuation. ``prose_view(text, markdown=...)`` gives the
text with those parts blanked (each character but a line break replaced by
``BLANK``, which is neither a word character, a space nor punctuation), so a
rule's regular expressions see only prose and its offsets stay those of the
field. The view also splits the body into paragraphs (blocks between blank
lines; a heading, list item or table row is a paragraph of its own).

Every step is one pass with bounded look-ahead, so time grows with the
length and nothing else: a 10,000-word body takes half a millisecond, and
the worst shapes found (100 KB of `` ` `` pairs, of ``@`` or of fence lines)
20 to 60 ms. Views are cached by text, since every text rule reads the same
fields of the same article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from newsroom.article import Article
from newsroom.checks.model import prose_fields

BLANK = "\ue000"  # a private-use character: not \w, not white space, not punctuation


# The fields of running text (``model.prose_fields``), as rules declare them.
@dataclass(frozen=True)
class ProseView:
    """A field's text with everything that is not prose blanked; same length, same offsets."""

    original: str  # the field's text as written
    text: str  # the same, not-prose blanked
    paragraphs: tuple[tuple[int, int], ...]  # (start, end) of each paragraph


def prose_view(text: str, *, markdown: bool) -> ProseView:
    """The view of ``text``; ``markdown``: the body (code blocks and paragraphs are read)."""
    return _view(text, markdown)


@lru_cache(maxsize=64)
def _view(text: str, markdown: bool) -> ProseView:
    if markdown:
        blanked, paragraphs = _blocks(text)
    else:
        blanked, paragraphs = text, ((0, len(text)),)
    blanked = _blank_spans(blanked, _code_spans(blanked, paragraphs))
    blanked = _blank_spans(blanked, _not_prose(blanked))
    return ProseView(text, blanked, paragraphs)


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each of the (sorted, separate) ``spans`` blanked, line breaks kept."""
    if not spans:
        return text
    pieces: list[str] = []
    last = 0
    for start, end in spans:
        pieces.append(text[last:start])
        part = text[start:end]
        pieces.append(_NOT_NEWLINE.sub(BLANK, part) if "\n" in part else BLANK * len(part))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


_NOT_NEWLINE = re.compile(r"[^\n]")


def _span_matches(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


# --- blocks: code blocks blanked, paragraphs found ----------------------------------------

_FENCE = re.compile(r"[ ]{0,3}(`{3,}|~{3,})")
_INDENTED = re.compile(r"(?: {4}|[ ]{0,3}\t)")
# A line that begins a block of its own: heading, list item, table row.
_OWN_BLOCK = re.compile(r"[ ]{0,3}(?:#{1,6}(?:[ \t]|$)|[-*+][ \t]|\d{1,9}[.)][ \t]|\|)")
_HEADING = re.compile(r"[ ]{0,3}#{1,6}(?:[ \t]|$)")
_QUOTE_LINE = re.compile(r"[ ]{0,3}>")
_EMPTY_QUOTE_LINE = re.compile(r"[ \t>]*\Z")
_REFERENCE = re.compile(r"[ ]{0,3}\[[^\]\n]{1,999}\]:[ \t]")


def _blocks(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The body with code blocks and reference definitions blanked, and its paragraphs."""
    blanked: list[tuple[int, int]] = []
    paragraphs: list[tuple[int, int]] = []
    opened: int | None = None  # where the current paragraph began
    last_end = 0  # where the current paragraph's last line ended
    fence = ""  # the open code fence, if any
    code = False  # in an indented code block
    quoted = False  # the current paragraph is a block quote
    after_blank = True
    position = 0

    def close() -> None:
        nonlocal opened
        if opened is not None:
            paragraphs.append((opened, last_end))
            opened = None

    for line in text.split("\n"):
        start, end = position, position + len(line)
        position = end + 1
        if fence:
            blanked.append((start, end))
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = ""
            continue
        if not line.strip() or _EMPTY_QUOTE_LINE.match(line):
            close()
            after_blank = True
            continue
        opening = _FENCE.match(line)
        if opening or ((after_blank or code) and _INDENTED.match(line)):
            close()
            blanked.append((start, end))
            fence = opening.group(1) if opening else ""
            code, after_blank = not opening, False
            continue
        code = False
        if _REFERENCE.match(line):
            close()
            blanked.append((start, end))
            after_blank = False
            continue
        quote_line = bool(_QUOTE_LINE.match(line))
        if opened is not None and (_OWN_BLOCK.match(line) or (quote_line and not quoted)):
            close()
        if opened is None:
            opened, quoted = start, quote_line
        last_end = end
        after_blank = False
        if _HEADING.match(line):
            close()  # a heading is one line: what follows is another paragraph
    close()
    return _blank_spans(text, blanked), tuple(paragraphs)


# --- inline code: a run of backticks up to the next run of the same length ----------------

_BACKTICKS = re.compile(r"`+")


def _code_spans(text: str, paragraphs: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if "`" not in text:
        return spans
    for start, end in paragraphs:
        runs = [match.span() for match in _BACKTICKS.finditer(text, start, end)]
        following = _next_same_length(runs)
        index = 0
        while index < len(runs):
            closer = following[index]
            if closer is None:  # no closing run: the backticks are literal
                index += 1
                continue
            spans.append((runs[index][0], runs[closer][1]))
            index = closer + 1
    return spans


def _next_same_length(runs: list[tuple[int, int]]) -> list[int | None]:
    """For each run, the index of the next run of the same length (None: there is none)."""
    following: list[int | None] = [None] * len(runs)
    last_seen: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        following[index] = last_seen.get(length)
        last_seen[length] = index
    return following


def _comments(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = text.find("<!--")
    while start != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break
        spans.append((start, end + 3))
        start = text.find("<!--", end + 3)
    return spans


# --- link targets, tags, URLs, e-mail addresses --------------------------------------------

# A Markdown link's or image's target and title, after its ]: [text](target "title"); one
# level of parentheses inside (Wikipedia links), bounded so that unclosed ones cost nothing.
_LINK_TARGET = re.compile(r"\]\([^()\n]{0,1000}(?:\([^()\n]{0,200}\)[^()\n]{0,1000})?\)")
# An HTML tag or autolink: <a href="…">, </p>, <https://…>, <name@example.org>.
_TAG = re.compile(r"<[A-Za-z/!?][^<>\n]{0,1000}>")
# A URL's rest after its scheme or www., without the punctuation that ends a sentence.
_URL_REST = re.compile(r"[^\s<>\[\]()\"“”«»]*[^\s<>\[\]()\"“”«».,;:!?'’]")
_MAIL_DOMAIN = re.compile(r"@[\w-]{1,63}(?:\.[\w-]{1,63})+")


def _not_prose(text: str) -> list[tuple[int, int]]:
    """Spans of link targets, tags, comments, URLs and e-mail addresses, merged."""
    spans = _comments(text) + _urls(text) + _emails(text)
    if "](" in text:
        spans += [(match.start() + 1, match.end()) for match in _LINK_TARGET.finditer(text)]
    if "<" in text:
        spans += _span_matches(_TAG, text)
    return _merged(spans)


def _urls(text: str) -> list[tuple[int, int]]:
    """Each ``scheme://…`` and ``www.…``; found from the marker, so prose costs nothing."""
    spans: list[tuple[int, int]] = []
    for marker in ("://", "www.", "WWW."):
        at = text.find(marker)
        while at != -1:
            start = _scheme_start(text, at) if marker == "://" else at
            begins = start < at if marker == "://" else _begins_word(text, at)
            rest = _URL_REST.match(text, at + len(marker))
            if begins and rest is not None:
                spans.append((start, rest.end()))
            at = text.find(marker, rest.end() if rest is not None else at + len(marker))
    return spans


def _scheme_start(text: str, colon: int) -> int:
    """Where the letters of the scheme before ``://`` begin (``colon`` when there are none)."""
    start = colon
    while start > 0 and colon - start < 12 and _is_ascii_letter(text[start - 1]):
        start -= 1
    return start


def _begins_word(text: str, at: int) -> bool:
    """Nothing of a word or of a URL (a path, a subdomain) stands just before ``at``."""
    return at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "_/.")


def _is_ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _emails(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    at = text.find("@")
    while at != -1:
        start = at
        while (
            start > 0
            and at - start < 64
            and (text[start - 1].isalnum() or text[start - 1] in "_.+-")
        ):
            start -= 1
        domain = _MAIL_DOMAIN.match(text, at)
        if start < at and domain is not None:
            spans.append((start, domain.end()))
        at = text.find("@", at + 1)
    return spans


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` sorted, overlapping ones made one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# --- helpers for the rules ---------------------------------------------------------------


def prose_views(article: Article) -> Iterator[tuple[str, ProseView]]:
    """``(path, view)`` of each non-empty prose field of ``article``."""
    for path, text in prose_fields(article):
        if text:
            yield path, prose_view(text, markdown=path == "body")


def matches_where(
    candidate: re.Pattern[str], pattern: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, tried only where the cheap ``candidate`` finds a start.

    For a pattern whose every match begins where ``candidate`` matches: a plain
    character class or literal is found by a fast scan, while a pattern that
    begins with a look-behind or alternatives is tried at every character.
    """
    position = 0
    while (hit := candidate.search(text, position)) is not None:
        found = pattern.match(text, hit.start())
        if found is None:
            position = hit.start() + 1
        else:
            yield found
            position = max(found.end(), hit.start() + 1)
