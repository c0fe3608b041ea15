"""Grammar slips a checker can catch cheaply, in English text.

Two rules, each with a quick fix: a singular verb after ``those who`` /
``they who`` (``those who is`` → ``those who are``), and ``a`` before a
vowel sound or ``an`` before a consonant sound. The article rule goes by
sound, not letter: ``an hour``, ``an honest``, ``an MP``, ``an FBI``,
``an 18-year-old``; ``a university``, ``a European``, ``a one-time``,
``a U.S.``, ``a UN``. Where the sound is not certain (``historic``,
``hotel``, ``Uber``, an acronym read as a word such as ``NATO``) nothing is
said. Both rules are English-only: an article in another language (its own,
else the newsroom's) skips them, and Cyrillic words never match them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from newsroom.article import Article
from newsroom.checks.markup import prose_views
from newsroom.checks.model import PROSE_FIELDS, CheckContext, Finding, Rule, Severity, rule
from newsroom.language import primary


def _english(article: Article, context: CheckContext) -> bool:
    return primary(article.language or context.settings.language) == "en"


# --- those who is --------------------------------------------------------------------------

# "who is" and its kin, found by a fast scan; then "those" or "they" before it.
_WHO_VERB = re.compile(r"[wW][hH][oO][ \t]+(?i:(is|was|has|does)(n['’]t)?)(?![\w'’])")
_THOSE_BEFORE = re.compile(r"(?<![\w'’])(?i:those|they)[ \t]+\Z")
_PLURAL = {"is": "are", "was": "were", "has": "have", "does": "do"}


@rule(
    "grammar.those-who",
    Severity.WARNING,
    PROSE_FIELDS,
    "a singular verb after “those who” or “they who”: those who is",
)
def those_who(this: Rule, article: Article, context: CheckContext) -> Iterable[Finding]:
    if not _english(article, context):
        return
    for path, view in prose_views(article):
        text = view.text
        for match in _WHO_VERB.finditer(text):
            those = _THOSE_BEFORE.search(text, max(0, match.start() - 20), match.start())
            if those is None:
                continue
            verb, negation = match.group(1), match.group(2) or ""
            plural = _same_case(_PLURAL[verb.lower()], verb) + negation
            written = text[those.start() : match.end()]
            message = f"“{written}”: the verb agrees with “those”, write “{plural}”"
            yield this.finding(path, message, match.start(1), match.end(), plural)


def _same_case(word: str, model: str) -> str:
    if model.isupper():
        return word.upper()
    return word.capitalize() if model[0].isupper() else word


# --- a or an ------------------------------------------------------------------------------

# "a" or "an", then the next word (letters, digits, and the ' . - inside it); whether the
# a is a word of its own is asked after the fast scan (_NOT_BEFORE_ARTICLE).
_ARTICLE = re.compile(r"([aA][nN]?)[ \t]+(?=([^\W_][\w'’.\-]{0,40}))")
_NOT_BEFORE_ARTICLE = re.compile(r"[\w'’.\-]")
_VOWEL, _CONSONANT = "an", "a"


@rule(
    "grammar.a-an",
    Severity.WARNING,
    PROSE_FIELDS,
    "“a” before a vowel sound or “an” before a consonant sound: a hour, an university",
)
def a_or_an(this: Rule, article: Article, context: CheckContext) -> Iterable[Finding]:
    if not _english(article, context):
        return
    for path, view in prose_views(article):
        text = view.text
        for match in _ARTICLE.finditer(text):
            if match.start() and _NOT_BEFORE_ARTICLE.match(text, match.start() - 1):
                continue  # the end of a word (data, Hanna): not the article
            written, word = match.group(1), match.group(2).rstrip(".'’-")
            if written == "A" and _is_label(text, match.start()):
                continue  # Plan A, vitamin A, Group A or B: a letter, not the article
            in_capitals = _in_capitals(text, match.start(), match.end(2))
            wanted = sound_of(word, in_capitals=in_capitals)
            if wanted is None or wanted == written.lower():
                continue
            fix = _article_case(wanted, written, in_capitals)
            message = f"“{written} {word}”: write “{fix} {word}”"
            yield this.finding(path, message, match.start(1), match.end(1), fix)


def _is_label(text: str, start: int) -> bool:
    """A capital A after a word on the same line (Plan A): a letter, not a sentence's first word."""
    index = start - 1
    while index >= 0 and text[index] in " \t":
        index -= 1
    return index >= 0 and (text[index].isalnum() or text[index] == ",")


def _in_capitals(text: str, start: int, end: int) -> bool:
    """The words around are all in capitals (a headline set in capitals): read them as words."""
    around = text[max(0, start - 30) : start] + text[end : end + 30]
    return not any(char.islower() for char in around) and any(char.isupper() for char in around)


def _article_case(wanted: str, written: str, in_capitals: bool) -> str:
    if written.isupper() and (len(written) > 1 or in_capitals):
        return wanted.upper()
    return wanted.capitalize() if written[0].isupper() else wanted


def sound_of(word: str, *, in_capitals: bool = False) -> str | None:
    """The article ``word`` takes: "an" before a vowel sound, "a" before a consonant; None: unsure.

    ``in_capitals``: the text around is set in capitals, so FBI and NEW look alike; a
    word is judged only when both readings (letters, word) agree.
    """
    if word[0].isdigit():
        return _number_sound(word)
    head = _WORD_PARTS.split(word, maxsplit=1)[0].rstrip(".")  # NGO-led, FBI's, U.S.-led
    letters = re.sub(r"[^A-Za-z]", "", _ascii(head))
    if not head or not letters or not _ascii(head[0]).isalpha():
        return None  # not an English word (Cyrillic, Greek…)
    if len(head) == 1:
        return _letter_sound(head) if head != word else None  # an X-ray, a U-turn, an e-mail
    if head[1].isdigit() or (head[0].islower() and head[1].isupper()):
        return _letter_sound(head[0])  # an M16, an iPhone, an mRNA vaccine
    as_word = _word_sound(letters.lower())
    if _read_as_letters(head, letters):  # an FBI agent, a UN envoy, a U.S. official
        as_letters = _letter_sound(letters[0])
        return None if in_capitals and as_letters != as_word else as_letters
    if head.isupper() and not in_capitals:
        return None  # an acronym read as a word (NATO, NASA, SUV?) or a word in capitals
    return as_word


_WORD_PARTS = re.compile("[-'’]")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode()


# Letters whose names begin with a vowel sound: an F, an H, an L, an M, an N, an R, an S, an X.
_VOWEL_NAMES = frozenset("AEFHILMNORSX")
_VOWELS = frozenset("AEIOU")


def _letter_sound(letter: str) -> str:
    return _VOWEL if letter.upper() in _VOWEL_NAMES else _CONSONANT


def _read_as_letters(word: str, letters: str) -> bool:
    """An initialism read letter by letter: U.S., F.B.I., FBI, NGO, MP, LGBT (not NATO, SUV)."""
    if "." in word and len(letters) > 1:
        return letters.isupper() and word.replace(".", "").isalpha()
    if len(letters) < 2 or not word.isupper():
        return False
    if len(letters) == 2:
        return True
    vowels = [char in _VOWELS for char in letters]
    if len(letters) == 3:
        return vowels != [False, True, False]  # CVC (SUV, HIV, RAM, SAT): perhaps a word
    return not any(vowels)


# Words that begin with a silent h (an hour); those said both ways (an historic, a historic).
_SILENT_H = ("hour", "honest", "honor", "honour", "heir")
_EITHER_H = (
    "histori", "hotel", "herb", "homage", "hypothe", "habitual", "heroic", "hilarious",
    "horrendous", "horrific", "humble", "hysteric",
)  # fmt: skip
# A u that sounds "you" (a university, a Ukrainian, a unanimous vote, a usual, a Uruguayan)…
_U_AS_YOU = re.compile(r"u(?:ni(?![dmnr])|nanim|s[aeiu]|t[aeiou]|r[aeiou]|bi|kr|ku|ga)")
# …and one that is a vowel: un- (an unusual, an unidentified), or before two consonants.
_U_AS_VOWEL = re.compile(r"u(?:n|[b-df-hj-np-tv-z]{2})")


def _word_sound(word: str) -> str | None:
    first = word[0]
    if first == "h":
        if word.startswith(_SILENT_H):
            return _VOWEL
        return None if word.startswith(_EITHER_H) else _CONSONANT
    if first == "u":
        if _U_AS_YOU.match(word):
            return _CONSONANT
        return _VOWEL if _U_AS_VOWEL.match(word) else None
    if first == "e":
        return _CONSONANT if word.startswith(("eu", "ewe")) else _VOWEL
    if first == "o":
        one = word == "one" or word.startswith(("one-", "one'", "one’")) or word in _ONE_WORDS
        return _CONSONANT if one else _VOWEL
    if first in "ai":
        return _VOWEL
    if first == "x":
        return None  # a xylophone, an Xbox? (the letters are handled above: an X-ray)
    if first == "y":
        return _CONSONANT if word[1:2] in ("a", "e", "i", "o", "u") else None  # a year; Yves
    return _CONSONANT


_ONE_WORDS = frozenset({"once", "oneself", "onetime", "ones"})


def _number_sound(word: str) -> str:
    """A number said aloud: an 8, an 11, an 18-year-old, an 80, an 800, an 1848 rising."""
    digits = re.match(r"\d[\d,]*", word)
    number = digits.group().rstrip(",") if digits else word[0]
    groups = number.split(",")
    lead = groups[0] if len(groups) > 1 else number
    if len(groups) == 1 and len(lead) == 4 and lead[:2] in ("11", "18"):
        return _VOWEL  # eighteen forty-eight, eleven hundred
    spoken = lead[:2] if len(lead) % 3 == 2 else lead[:1]  # eighty-…, eleven…, eight hundred
    return _VOWEL if spoken in ("11", "18") or spoken.startswith("8") else _CONSONANT
