"""Words as spelling sees them: where a word begins and ends, its parts, its folded form.

One definition serves the spelling rule (``checks/spelling.py``), which
checks each word of the text, and the newsroom's known names
(``storage/names.py``), which collects the words of tags, bylines
and headlines: a name is accepted only if both cut it into the same words.

A word is letters and digits, joined inside by apostrophes (``don't``,
``Putin’s``), hyphens (``well-known``, ``Ростов-на-Дону``) or underscores
(``snake_case``, which is skipped as code); soft hyphens, zero-width joiners
and combining accents (a stress mark over a Russian vowel) stay inside it.
Markdown's ``_emphasis_`` underscores are outside.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from newsroom.text import forbidden_character

# Invisible or combining characters that may sit inside a word: soft hyphen, zero-width
# space, non-joiner, joiner, word joiner, and the combining diacritical marks.
_INSIDE = "\u00ad\u200b-\u200d\u2060\u0300-\u036f"
_HYPHENS = "\u2010\u2011-"  # keep "-" last: it ends every character class it is in
_APOSTROPHES = "'\u2019\u02bc"
_CORE = rf"[^\W_]+(?:[{_INSIDE}]+[^\W_]*)*"  # letters and digits, with what may sit inside
WORD = re.compile(rf"{_CORE}(?:[_{_APOSTROPHES}{_HYPHENS}]{_CORE})*")
HYPHEN = re.compile(f"[{_HYPHENS}]")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060]")
_STRESS = re.compile("[\u0300\u0301]")  # left over after NFC: stress marks, not letters
_ODD = re.compile(f"[{_INSIDE}]")
_FIRST_WORD = re.compile(rf"^[^\w\n]*(?:{WORD.pattern})", re.MULTILINE)


def parts(word: str) -> Iterator[tuple[int, str]]:
    """The parts of a hyphenated word with their offsets: ``well-known`` → well, known."""
    start = 0
    for hyphen in HYPHEN.finditer(word):
        yield start, word[start : hyphen.start()]
        start = hyphen.end()
    yield start, word[start:]


def has_hyphen(word: str) -> bool:
    return HYPHEN.search(word) is not None


def plain(word: str) -> str:
    """``word`` without soft hyphens, zero-width characters and stress marks, composed (NFC)."""
    if _ODD.search(word) is None:
        return word
    composed = unicodedata.normalize("NFC", _INVISIBLE.sub("", word))
    return _STRESS.sub("", composed)


def fold(word: str) -> str:
    """The form newsroom words and names are compared in: plain, casefolded, ``’`` as ``'``."""
    return plain(word).casefold().replace("\u2019", "'").replace("\u02bc", "'")


def name_words(texts: Iterable[str], *, skip_first: bool = False) -> set[str]:
    """Every word of ``texts`` folded, and each part of a hyphenated one.

    With ``skip_first``, only capitalised words after the first of each text:
    what a headline tells about names (its first word is capitalised anyway).
    Built for 20,000 headlines: the texts are joined and cut at spaces in C,
    and only the distinct pieces are searched for words.
    """
    joined = "\n".join(texts)
    if skip_first:
        joined = _FIRST_WORD.sub("", joined)
    found = set(WORD.findall("\n".join(set(joined.split()))))
    if skip_first:
        found = {word for word in found if word[0].isupper()}
    folded = {fold(word) for word in found}
    for word in [word for word in folded if has_hyphen(word)]:
        folded.update(part for _, part in parts(word) if part)
    return folded


DICTIONARY_WORD_MAX = 200  # characters: the column's size


def dictionary_word_problem(word: str) -> str | None:
    """Why ``word`` cannot go into the newsroom's dictionary, or None when it can."""
    if not word:
        return "an empty word; give a word"
    shown = repr(word[:60] + ("…" if len(word) > 60 else ""))
    bad = forbidden_character(word) or _invisible_character(word)
    if bad:
        return f"{shown} {bad}"
    if len(word) > DICTIONARY_WORD_MAX:
        return f"{shown} is too long: at most {DICTIONARY_WORD_MAX} characters"
    if any(char.isspace() for char in word):
        return f"{shown} is more than one word; add each word on its own"
    if not WORD.fullmatch(word):
        return (
            f"{shown} is not a word as spelling reads it: letters and digits, "
            "joined inside by ' or -"
        )
    return None


def _invisible_character(word: str) -> str | None:
    for position, char in enumerate(word):
        if unicodedata.category(char) == "Cc":
            code = f"U+{ord(char):04X}"
            return f"contains a control character ({code}) at position {position}; remove it"
    return None
