"""Snippets cut in Python from a page of hits: PostgreSQL's newest-first search.

``ts_headline`` parses and stems every word of the text it is given: about
0.2 ms for an 800-word body, ten times the rest of a search for a page of 50.
Here the server sends the page's texts with the query as it read it (the
tsquery's text: its words stemmed, accents taken off), and the snippet is cut
around the first place where the most of those words meet, found by a
regular expression. A word matches a lexeme when it starts with it: every
word an editor types is a prefix query, and a stem is the start of the words
it comes from ("negotiators" starts with "negoti"). Accents are taken off
the text letter by letter, as ``unaccent`` takes them off the index. The hit
itself is always the server's: a snippet can at worst miss a highlight
(a stem that is not the start of its word).

The snippet is ``SNIPPET_TOKENS`` words of the field with the most of the
query's words (headline first on a tie), "…" where it cuts, and the words
found between the highlight markers ``highlights`` reads.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import islice

from newsroom.storage.search import HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN, SNIPPET_TOKENS

WORDS_BEFORE = 3  # context kept before the first word found
_LEXEME = re.compile(r"(!?)\s*'((?:[^']|'')*)'")
_NEGATED_GROUP = re.compile(r"!\s*\(")
_WORDS = re.compile(rf"\S+(?:\s+\S+){{0,{SNIPPET_TOKENS - 1}}}")
_ONE_WORD = re.compile(r"\S+\s+")
_SPACE_AFTER = re.compile(r"\s*")
_SPACES = re.compile(r"\s+")
_LOOK_BEHIND = 80  # characters read before a match to find the words before it
_LOOK_AHEAD = 60 * SNIPPET_TOKENS  # generous: words in a snippet are far shorter
MATCHES_READ = 32  # a field's first matches: where the snippet goes is among them
_WINDOW_CHARACTERS = 8 * SNIPPET_TOKENS  # about a snippet's words, for choosing where it goes
_ELLIPSIS = "…"


@lru_cache(maxsize=256)
def lexemes_of(tsquery: str) -> tuple[str, ...]:
    """The words of a tsquery's text worth marking: none inside ``!`` (left out by the editor)."""
    found: list[str] = []
    for lexeme, negated in _lexemes_with_negation(tsquery):
        if not negated and lexeme and lexeme not in found:
            found.append(lexeme)
    return tuple(found)


def _lexemes_with_negation(tsquery: str) -> list[tuple[str, bool]]:
    """Each quoted lexeme of the text, and whether a ``!`` applies to it (itself or its group)."""
    negated_from = [match.end() for match in _NEGATED_GROUP.finditer(tsquery)]
    spans = [(start, _closing(tsquery, start)) for start in negated_from]
    found = []
    for match in _LEXEME.finditer(tsquery):
        inside = any(start <= match.start() < end for start, end in spans)
        found.append((match.group(2).replace("''", "'"), bool(match.group(1)) or inside))
    return found


def _closing(text: str, start: int) -> int:
    """The index of the parenthesis closing the group opened just before ``start``."""
    depth, quoted = 1, False
    for index in range(start, len(text)):
        character = text[index]
        if character == "'":
            quoted = not quoted
        elif not quoted and character in "()":
            depth += 1 if character == "(" else -1
            if depth == 0:
                return index
    return len(text)


@lru_cache(maxsize=256)
def _shortest(lexemes: tuple[str, ...]) -> tuple[str, ...]:
    """The lexemes folded and lower-cased, without those another is the start of.

    A word starting with "government" starts with "govern": looking for the
    shortest finds every word, with half the looking.
    """
    folded = {_folded(lexeme).lower() for lexeme in lexemes}
    kept = (word for word in folded if not any(word.startswith(o) for o in folded - {word}))
    return tuple(sorted(kept))


@lru_cache(maxsize=256)
def _pattern(lexemes: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the lexemes at the start of a word, the rest of the word with it, any case."""
    alternatives = "|".join(re.escape(lexeme) for lexeme in _shortest(lexemes))
    return re.compile(rf"(?<!\w)(?:{alternatives})\w*", re.IGNORECASE)


_REST_OF_WORD = re.compile(r"\w*")


def _matches(text: str, lexemes: tuple[str, ...]) -> tuple[list[tuple[int, int]], str]:
    """The first ``MATCHES_READ`` words of ``text`` found, and ``text`` folded and lower-cased.

    Each lexeme is looked for with ``str.find`` in the lower-cased text: a
    regular expression of several words tries every position, ten times slower.
    """
    folded = _folded(text)
    lowered = folded.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer: the slower way
        found = islice(_pattern(lexemes).finditer(folded), MATCHES_READ)
        return [match.span() for match in found], lowered
    spans: list[tuple[int, int]] = []
    for lexeme in _shortest(lexemes):
        spans += islice(_words_starting(lowered, lexeme), MATCHES_READ)
    return sorted(spans)[:MATCHES_READ], lowered


def _words_starting(lowered: str, lexeme: str) -> Iterator[tuple[int, int]]:
    """The spans of the words of ``lowered`` that start with ``lexeme``, in order."""
    at = lowered.find(lexeme)
    while at != -1:
        if at == 0 or not _in_word(lowered[at - 1]):
            rest = _REST_OF_WORD.match(lowered, at + len(lexeme))
            yield at, rest.end() if rest else at + len(lexeme)
        at = lowered.find(lexeme, at + 1)


def _in_word(character: str) -> bool:
    return character.isalnum() or character == "_"


def snippet(fields: Sequence[str | None], lexemes: tuple[str, ...]) -> str:
    """A snippet of the best field with the words found between the highlight markers.

    The best field holds the most of the query's lexemes; the first such wins.
    """
    texts = [_without_markers(field or "") for field in fields]
    wanted = {_folded(lexeme).lower() for lexeme in lexemes}
    best_text, best_words, best_score = "", [], 0
    for text in texts if wanted else ():
        matches, lowered = _matches(text, lexemes)
        words = [(span, lowered[span[0] : span[1]]) for span in matches]
        distinct = {word for _span, word in words}
        score = sum(any(word.startswith(lexeme) for word in distinct) for lexeme in wanted)
        if score > best_score:
            best_text, best_words, best_score = text, words, score
            if score == len(wanted):
                break
    if not best_words:
        return _cut(_fallback(texts), 0, ())
    return _cut(best_text, _densest_start(best_words), [span for span, _word in best_words])


def _without_markers(text: str) -> str:
    """``text`` without the highlight markers' characters: a text cannot fake a highlight."""
    if HIGHLIGHT_OPEN in text or HIGHLIGHT_CLOSE in text:
        return text.replace(HIGHLIGHT_OPEN, "").replace(HIGHLIGHT_CLOSE, "")
    return text


def _fallback(texts: Sequence[str]) -> str:
    """The text a snippet with no word found shows: the lead, else the body, else any."""
    return next((text for text in (*texts[2:], *texts[:2]) if text), "")


def _densest_start(words: list[tuple[tuple[int, int], str]]) -> int:
    """Where the window starts that holds the most different words found (the first such)."""
    first_at = words[0][0][0]
    if len({word for _span, word in words}) == 1:
        return first_at
    best_at, best_count = first_at, 0
    for index, ((start, _end), _word) in enumerate(words):
        near = {word for (at, _e), word in words[index:] if at - start < _WINDOW_CHARACTERS}
        if len(near) > best_count:
            best_at, best_count = start, len(near)
    return best_at


def _cut(text: str, at: int, matches: Sequence[tuple[int, int]]) -> str:
    """``SNIPPET_TOKENS`` words of ``text`` from a few before ``at``, the matches marked."""
    start = _start_before(text, at, WORDS_BEFORE)
    words = _WORDS.match(text, start)
    if words is None:
        return ""
    end = words.end()
    missing = SNIPPET_TOKENS - len(words.group().split())
    if missing > 0 and start > 0:  # the text ends soon: words from before it instead
        start = _start_before(text, start, missing)
    marked = _marked(text, start, end, matches)
    before = _ELLIPSIS if start > 0 else ""
    after = _ELLIPSIS if end < len(text.rstrip()) else ""
    return before + _SPACES.sub(" ", marked).strip() + after


def _start_before(text: str, at: int, count: int) -> int:
    """Where the word holding ``at`` starts, ``count`` words earlier where there are.

    Read backwards (the text before ``at``, reversed), with one regular expression.
    """
    low = max(0, at - _LOOK_BEHIND * count // WORDS_BEFORE)
    taken = _words_before(count).match(text[low:at][::-1])
    start = at - (taken.end() if taken else 0)
    if start == low and low > 0 and not text[low - 1].isspace():  # the look-behind cut a word
        whole = _ONE_WORD.match(text, start)
        start = whole.end() if whole and whole.end() <= at else at
    spaces = _SPACE_AFTER.match(text, start)
    return spaces.end() if spaces else start


@lru_cache(maxsize=SNIPPET_TOKENS + 1)
def _words_before(count: int) -> re.Pattern[str]:
    """The rest of a word and up to ``count`` words before it, in text read backwards."""
    return re.compile(rf"\S*(?:\s+\S+){{0,{count}}}")


def _marked(text: str, start: int, end: int, matches: Sequence[tuple[int, int]]) -> str:
    pieces, last = [], start
    for a, b in matches:
        if a >= start and b <= end:
            pieces += [text[last:a], HIGHLIGHT_OPEN, text[a:b], HIGHLIGHT_CLOSE]
            last = b
    pieces.append(text[last:end])
    return "".join(pieces)


def _folded(text: str) -> str:
    """``text`` with accents taken off letter by letter: the same length, the same places."""
    return text if text.isascii() else text.translate(_UNACCENTED)


def _unaccented_table() -> dict[int, str]:
    """Each accented letter of the Latin and Cyrillic blocks to its letter without the accent."""
    table: dict[int, str] = {}
    for code in (*range(0xC0, 0x250), *range(0x400, 0x500), *range(0x1E00, 0x1F00)):
        letter = chr(code)
        parts = unicodedata.normalize("NFD", letter)
        base = "".join(part for part in parts if not unicodedata.combining(part))
        if len(base) == 1 and base != letter:
            table[code] = base
    return table


_UNACCENTED = _unaccented_table()
