"""Spelling: each word of the running text against the dictionary of its alphabet.

Latin-script words are checked against English and Cyrillic ones against
Russian, whatever the newsroom's language: a Russian newsroom writes English
names and terms in Latin letters, an English one quotes Russian in Cyrillic.
Words in other alphabets are not checked (no dictionary ships for them).
Case does not matter (the word lists are lower-case): a name is a finding
until the newsroom knows it.

Accepted: the newsroom's dictionary and the names it knows
(``CheckContext.dictionary`` and ``names``), a hyphenated word whole
(``по-русски``) or part by part (``well-known``, ``Ростов-на-Дону``), a
possessive by its stem (``Putin's``, ``Putin’s``). Not checked: words in
capitals (``NATO``, ``МЧС``, ``MPs``), words with digits, single letters,
URLs, e-mail addresses and @handles, Markdown link targets and reference
definitions, code spans and fenced or indented code blocks, HTML tags and
entities. A word that mixes Latin and Cyrillic letters (``Москвa`` typed
with a Latin ``a``) is a finding whose fix retypes the odd letters.

Cost: one regular-expression match and one set lookup per word once the
process has seen it known (``_FINE``); the newsroom's names are asked (an
indexed lookup each) only about words no word list knows, once per check;
each skipped kind of text is searched for only when its tell-tale
characters occur. Suggestions are made for at most
``SUGGESTIONS_PER_CHECK`` different words per check (a capitalised word's
words one edit away asked of the names together); words are judged as they
are yielded, so a text in another language costs only the findings
``check_article`` lists (``FINDINGS_PER_RULE``).
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace

from newsroom.article import Article
from newsroom.checks.dictionaries import SUGGEST_MAX_LENGTH, edits, lexicon, suggest
from newsroom.checks.model import (
    PROSE_FIELDS,
    CheckContext,
    Finding,
    Rule,
    Severity,
    prose_fields,
    rule,
)
from newsroom.words import HYPHEN, WORD, fold, has_hyphen, name_words, parts, plain

SUGGESTIONS_PER_CHECK = 30  # each costs 0.3–0.8 ms the first time (then remembered)
_FINE_MAX = 300_000

# Words, exactly as written, that never make a finding whatever the newsroom: known to
# a word list, in capitals, single letters, with digits. Shared by every check in the
# process (set operations are atomic: threads need no lock); cleared past _FINE_MAX.
_FINE: set[str] = set()

# What is not prose, each with the strings without which it cannot occur.
_SKIPPED = [
    (("```", "~~~"), r"^ {0,3}(?P<fence>`{3,}|~{3,})(?s:.*?)(?:^ {0,3}(?P=fence)[`~]*[ \t]*$|\Z)"),
    (("    ", "\t"), r"(?:\A|(?<=\n\n))(?: {4}|\t)[^\n]*(?:\n(?: {4}|\t)[^\n]*)*"),
    (("`",), r"``(?s:.{1,1000}?)``|`[^`]{1,1000}`"),
    (("<",), r"<!--(?s:.{0,10000}?)-->|<[A-Za-z/!?][^<>\n]{0,1000}>"),
    (("&",), r"&#?\w{1,32};"),
    (("](", "]["), r"\]\([^)\n]{0,2000}\)?|\]\[[^\]\n]{0,1000}\]"),
    (("]:",), r"^ {0,3}\[[^\]\n]{1,1000}\]:[^\n]*"),
    (("://", "www.", "WWW.", "mailto:"), r"\b(?:https?://|ftps?://|mailto:|www\.)[^\s<>\"]*"),
    (("@",), r"(?<![\w.+-])[\w.+-]{0,64}@[\w.-]*"),
]
_SKIPPED_PATTERNS = [
    (clues, re.compile(pattern, re.MULTILINE | re.IGNORECASE)) for clues, pattern in _SKIPPED
]

_LATIN = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f'’ʼ]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff'’ʼ]+")
_HAS_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_HAS_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_POSSESSIVE = re.compile(r"(?:'s|’s|ʼs)$", re.IGNORECASE)

# Letters that look alike in both alphabets: what a wrong keyboard layout leaves behind.
_LATIN_LOOKALIKES = "aceopxyABCEHKMOPTX"
_CYRILLIC_LOOKALIKES = "асеорхуАВСЕНКМОРТХ"
_TO_CYRILLIC = str.maketrans(_LATIN_LOOKALIKES, _CYRILLIC_LOOKALIKES)
_TO_LATIN = str.maketrans(_CYRILLIC_LOOKALIKES, _LATIN_LOOKALIKES)


@rule(
    "spelling.unknown",
    Severity.WARNING,
    PROSE_FIELDS,
    "a word in neither the dictionary of its language nor the newsroom's",
)
def unknown_words(this: Rule, article: Article, context: CheckContext) -> Iterable[Finding]:
    speller = _Speller(this, context, own_names(article))
    for path, text in prose_fields(article):
        yield from speller.check(path, text)


def own_names(article: Article) -> frozenset[str]:
    """The names the article itself gives (tags, byline, dateline city, quote speakers):
    known before it is saved, as the newsroom's names are once it is."""
    speakers = [quote.speaker for quote in article.quotes]
    texts = [*article.tags, article.byline, article.dateline.city, *speakers]
    return frozenset(name_words(texts)) if any(texts) else frozenset()


class _Speller:
    """One check's state: its newsroom's words, and the suggestions and findings it has made."""

    def __init__(self, rule_: Rule, context: CheckContext, own: frozenset[str]) -> None:
        self.rule = rule_
        self.ours = (context.dictionary, context.names, own)
        self.named: dict[str, bool] = {}  # what the newsroom's names said of each word asked
        self.knows_any: bool | None = None  # whether any of the three holds a word (asked once)
        self.suggestions: dict[tuple[str, str], str | None] = {}
        # What each word not in _FINE gave in this check (spans from the word's start, no
        # field yet): a word repeated in a story is judged once.
        self.judged: dict[str, list[Finding]] = {}

    def check(self, path: str, text: str) -> Iterator[Finding]:
        skipped = _skipped_spans(text)
        for match in WORD.finditer(text):
            word = match.group()
            if word in _FINE:
                continue
            start = match.start()
            if skipped and _inside(skipped, start):
                continue
            judged = self.judged.get(word)
            if judged is None:
                judged = self.judged[word] = list(self._judge(word))
            for each in judged:
                yield replace(each, field=path, start=each.start + start, end=each.end + start)

    def _ours(self, word: str) -> bool:
        """Whether the newsroom knows ``word``: its dictionary, or a name it has used."""
        forms = {fold(word), word.casefold()}
        dictionary, names, own = self.ours
        if not forms.isdisjoint(dictionary) or not forms.isdisjoint(own):
            return True
        unasked = forms - self.named.keys()
        if unasked:
            found = names & unasked  # one query for a newsroom's names, for both forms
            self.named.update((form, form in found) for form in unasked)
        return any(self.named[form] for form in forms)

    def _judge(self, word: str) -> Iterator[Finding]:
        if not has_hyphen(word):
            yield from self._judge_part(word, 0)
            return
        if _known_whole(word):
            _remember(word)
            return
        if self._ours(word):  # Ростов-на-Дону, added whole
            return
        for offset, part in parts(word):
            yield from self._judge_part(part, offset)
        if all(part in _FINE for _, part in parts(word)):
            _remember(word)

    def _judge_part(self, part: str, start: int) -> Iterator[Finding]:
        stem = _POSSESSIVE.sub("", part)
        letters = plain(stem)
        language = _language(letters)  # None for digits, underscores, other alphabets
        if language is None or len(letters) < 2 or _acronym(letters):
            _remember(part)
            return
        if language == "mixed":
            if not self._ours(part):
                yield self._mixed(stem, start)
            return
        words, folded = lexicon(language), fold(letters)
        if words.knows(folded) or (stem != part and words.knows(fold(part))):
            _remember(part)
        elif not (self._ours(part) or self._ours(stem)):
            yield self._unknown(stem, start, language, folded)

    def _unknown(self, word: str, start: int, language: str, folded: str) -> Finding:
        fix = self._suggestion(language, folded, capitalised=word[0].isupper())
        if fix is not None:
            fix = fix[0].upper() + fix[1:] if word[0].isupper() else fix
            message = f'"{word}": not in the dictionary (did you mean "{fix}"?)'
        else:
            kind = "the name" if word[0].isupper() else "it"
            message = (
                f'"{word}": not in the dictionary; if {kind} is right, '
                "add it to the newsroom's dictionary"
            )
        return self.rule.finding("", message, start, start + len(word), fix)

    def _suggestion(self, language: str, folded: str, *, capitalised: bool) -> str | None:
        """A name the newsroom knows one edit away (for a capitalised word), else a word."""
        key = (language, folded)
        if key in self.suggestions:
            return self.suggestions[key]
        found = None
        if len(self.suggestions) < SUGGESTIONS_PER_CHECK and len(folded) <= SUGGEST_MAX_LENGTH:
            if capitalised and self._knows_any():
                found = self._known_name_near(folded, lexicon(language).letters)
            found = found or suggest(language, folded)
        self.suggestions[key] = found
        return found

    def _knows_any(self) -> bool:
        if self.knows_any is None:
            self.knows_any = any(self.ours)
        return self.knows_any

    def _known_name_near(self, folded: str, letters: str) -> str | None:
        candidates = set(edits(folded, letters))
        near = set().union(*(words & candidates for words in self.ours))
        return min(near) if near else None

    def _mixed(self, word: str, start: int) -> Finding:
        latin = len(_HAS_LATIN.findall(word))
        cyrillic = len(_HAS_CYRILLIC.findall(word))
        retyped = word.translate(_TO_CYRILLIC if cyrillic >= latin else _TO_LATIN)
        fix = retyped if _language(retyped) in ("en", "ru") else None
        advice = f' (did you mean "{fix}"?)' if fix else "; retype it in one alphabet"
        message = f'"{word}": mixes Latin and Cyrillic letters{advice}'
        return self.rule.finding("", message, start, start + len(word), fix)


def _remember(word: str) -> None:
    if len(_FINE) >= _FINE_MAX:
        _FINE.clear()
    _FINE.add(word)


def _acronym(letters: str) -> bool:
    """Capitals (NATO, МЧС), or capitals with a plural s (MPs, NGOs)."""
    return letters.isupper() or (len(letters) > 2 and letters[-1] == "s" and letters[:-1].isupper())


def _language(letters: str) -> str | None:
    """ "en" for Latin letters, "ru" for Cyrillic, "mixed" for both, None for others."""
    if _LATIN.fullmatch(letters):
        return "en"
    if _CYRILLIC.fullmatch(letters):
        return "ru"
    if _HAS_LATIN.search(letters) and _HAS_CYRILLIC.search(letters):
        return "mixed"
    return None


def _known_whole(word: str) -> bool:
    """A hyphenated word the word list has whole (``по-русски``, ``e-mail``)."""
    letters = plain(word)
    language = _language(HYPHEN.sub("", letters))
    if language not in ("en", "ru"):
        return False
    return lexicon(language).knows(HYPHEN.sub("-", fold(letters)))


def _skipped_spans(text: str) -> list[tuple[int, int]]:
    """Where the text is not prose (code, links, addresses), merged and in order."""
    spans: list[tuple[int, int]] = []
    for clues, pattern in _SKIPPED_PATTERNS:
        if any(clue in text for clue in clues):
            spans.extend(match.span() for match in pattern.finditer(text))
    if len(spans) < 2:
        return spans
    spans.sort()
    merged = [spans[0]]
    for start, end in spans[1:]:
        if start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    index = bisect.bisect_right(spans, (position, sys.maxsize)) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]
