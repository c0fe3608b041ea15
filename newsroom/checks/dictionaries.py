"""The word lists spelling checks against: loaded on first use, once per process.

- **English**: pyspellchecker's word-frequency list (160,000 words, American
  spelling). British spellings (``criticised``, ``colour``, ``centre``,
  ``travelled``, ``defence``) are accepted through their American forms.
- **Russian**: OpenCorpora's dictionary of 5 million word forms, through
  pymorphy3 (a DAWG: 0.7 µs a lookup with its compiled reader, 6 µs
  without). pyspellchecker's Russian list (20,000 frequent forms) only ranks
  suggestions: as a dictionary it missed a third of the words of an ordinary
  news paragraph (``в``, ``заявил``, ``Кремле``).

Loading reads gzip JSON and a DAWG (English about 120 ms, Russian about
90 ms) and the app checks on a pool of threads, so each list is loaded
behind a lock by whichever thread needs it first, and kept. Lookups take
lower-case words; ``suggest`` gives the likeliest known word one edit away
(a letter deleted, added, changed or two swapped), remembered per word.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any, Protocol

# A suggestion costs one lookup per edit: ~50 edits per letter. Longer words get none.
SUGGEST_MAX_LENGTH = 25
_VERDICTS_MAX = 200_000  # Russian words remembered as known or not, per process


class Lexicon(Protocol):
    letters: str  # the alphabet edits are made from

    def knows(self, word: str) -> bool:
        """Whether ``word`` (lower case) is a word of the language."""
        ...

    def listed(self, word: str) -> bool:
        """Whether ``word`` is in the list as it is (no variants): the test of an edit."""
        ...

    def frequency(self, word: str) -> int:
        """How common ``word`` is (0: rare or unknown), to rank suggestions."""
        ...


class English:
    letters = "abcdefghijklmnopqrstuvwxyz"

    def __init__(self, frequencies: dict[str, int]) -> None:
        self._frequencies = frequencies

    def knows(self, word: str) -> bool:
        if word in self._frequencies:
            return True
        return any(form in self._frequencies for form in american_forms(word))

    def listed(self, word: str) -> bool:
        return word in self._frequencies

    def frequency(self, word: str) -> int:
        return self._frequencies.get(word, 0)


class Russian:
    letters = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"

    def __init__(self, is_known: Callable[[str], bool], frequencies: dict[str, int]) -> None:
        self._is_known = is_known
        self._frequencies = frequencies
        # Dict reads and writes are atomic: threads share it without a lock.
        self._verdicts: dict[str, bool] = {}

    def knows(self, word: str) -> bool:
        verdict = self._verdicts.get(word)
        if verdict is None:
            if len(self._verdicts) >= _VERDICTS_MAX:
                self._verdicts.clear()
            verdict = self._verdicts[word] = self._is_known(word)
        return verdict

    def listed(self, word: str) -> bool:
        return self._is_known(word)  # edits are mostly not words: not worth remembering

    def frequency(self, word: str) -> int:
        return self._frequencies.get(word, 0)


# --- British spellings through their American forms ------------------------------------

_BRITISH = (
    # organise, organised, organisation, analyse → organize, …, analyze
    (re.compile(r"(?<=[a-z]{2})is(e|es|ed|ing|er|ers|ation|ations|able)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z])ys(e|es|ed|ing|er|ers)$"), r"yz\1"),
    (re.compile(r"our"), "or"),  # colour, favourite, behaviour
    (re.compile(r"(?<=[a-z]{2})([tbv])re(s?)$"), r"\1er\2"),  # centre, fibres, manoeuvre
    (re.compile(r"(?<=[a-z]{2})([tbv])red$"), r"\1ered"),  # centred
    (re.compile(r"(?<=[a-z])ogue(s)?$"), r"og\1"),  # catalogue
    (re.compile(r"(?<=[a-z]{2})ence(s)?$"), r"ense\1"),  # defence, licence
    (re.compile(r"(?<=[aeiou][a-z])ll(ed|ing|er|ers|or|ors)$"), r"l\1"),  # travelled
    (re.compile(r"(?<=[a-z])mme(s)?$"), r"m\1"),  # programme
    (re.compile(r"ae|oe"), "e"),  # paediatric, manoeuvre (with "our")
)


def american_forms(word: str) -> Iterator[str]:
    """The American spellings a British ``word`` may have: each change alone, then all."""
    together = word
    for pattern, replacement in _BRITISH:
        changed = pattern.sub(replacement, word)
        if changed != word:
            yield changed
            together = pattern.sub(replacement, together)
    if together != word:
        yield together


# --- loading, once per process ---------------------------------------------------------


def _load_english() -> English:
    from spellchecker import SpellChecker

    return English(SpellChecker(language="en", distance=1).word_frequency.dictionary)


def _load_russian() -> Russian:
    import pymorphy3
    import pymorphy3_dicts_ru
    from spellchecker import SpellChecker

    # The path given, not looked up: the lookup goes through installed packages'
    # entry points, which a frozen bundle does not have.
    analyzer: Any = pymorphy3.MorphAnalyzer(path=pymorphy3_dicts_ru.get_path(), lang="ru")
    frequencies = SpellChecker(language="ru", distance=1).word_frequency.dictionary
    return Russian(analyzer.word_is_known, frequencies)


_LOADERS: dict[str, Callable[[], Lexicon]] = {"en": _load_english, "ru": _load_russian}
_loaded: dict[str, Lexicon] = {}
_loading = threading.Lock()


def lexicon(language: str) -> Lexicon:
    """The word list of ``language`` ("en" or "ru"), loaded by the first caller."""
    found = _loaded.get(language)
    if found is None:
        with _loading:
            found = _loaded.get(language)
            if found is None:
                found = _loaded[language] = _LOADERS[language]()
    return found


# --- suggestions -----------------------------------------------------------------------


def edits(word: str, letters: str) -> Iterator[str]:
    """Every string one edit from ``word``: a letter deleted, swapped, changed or added."""
    splits = [(word[:cut], word[cut:]) for cut in range(len(word) + 1)]
    for head, tail in splits:
        if tail:
            yield head + tail[1:]
            if len(tail) > 1:
                yield head + tail[1] + tail[0] + tail[2:]
            for letter in letters:
                yield head + letter + tail[1:]
        for letter in letters:
            yield head + letter + tail


@lru_cache(maxsize=8192)
def suggest(language: str, word: str) -> str | None:
    """The most common known word one edit from ``word`` (lower case), or None."""
    if len(word) > SUGGEST_MAX_LENGTH:
        return None
    words = lexicon(language)
    candidates = set(edits(word, words.letters))
    candidates.discard(word)
    # Common words first: a dict lookup each, where the Russian DAWG costs ten times more.
    known = [candidate for candidate in candidates if words.frequency(candidate)]
    if not known:
        known = [candidate for candidate in candidates if words.listed(candidate)]
    if not known:
        return None
    return min(known, key=lambda candidate: (-words.frequency(candidate), candidate))
