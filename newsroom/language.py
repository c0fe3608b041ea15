"""Languages: the BCP 47 tag of a newsroom or an article, its text direction, its dates.

A newsroom has a language (setting ``language``, default ``en``) and an
article may have its own (``Article.language``, empty: the newsroom's). The
tag goes wherever a reader or partner learns the language: ``<html lang>``,
ninjs ``language``, ``xml:lang`` in NITF, NewsML-G2 and Atom.

Table-driven on purpose: Newsroom needs month names in a few languages and
the direction of a script, not a locale library (Babel costs a data set of
many megabytes and a slower start for what these few tables say). Russian
has its own month names; every other language falls back to English ones
(the user guide says so).
"""

from __future__ import annotations

import re
from datetime import date

DEFAULT_LANGUAGE = "en"

# RFC 5646 "langtag", well-formed: language (2–3 letters, up to three extlangs),
# script, region, variants, extensions, private use. The reserved 4–8 letter
# languages and grandfathered tags (i-klingon…) are refused: "english" or
# "russian" typed for a tag should be told, not taken.
_LANGTAG = re.compile(
    r"""
    (?P<language>[a-z]{2,3}(?:-[a-z]{3}){0,3})
    (?:-(?P<script>[a-z]{4}))?
    (?:-(?P<region>[a-z]{2}|[0-9]{3}))?
    (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*
    (?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*
    (?:-x(?:-[a-z0-9]{1,8})+)?
    """,
    re.VERBOSE,
)
_PRIVATE = re.compile(r"x(?:-[a-z0-9]{1,8})+")

# Scripts written right to left (ISO 15924 codes). Direction belongs to the
# script, not the language: Azerbaijani in Arabic letters (az-Arab) is
# right-to-left, Kurdish in Latin letters (ku-Latn) is not.
RTL_SCRIPTS = frozenset({
    "Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg", "Mand", "Samr", "Yezi",
})  # fmt: skip

# The script a language is written in when its tag names none (CLDR's likely
# subtags), for the right-to-left languages news is filed in. Any language not
# here is taken as left to right unless its tag names a right-to-left script.
USUAL_SCRIPT: dict[str, str] = {
    "ar": "Arab", "fa": "Arab", "ur": "Arab", "ps": "Arab", "sd": "Arab", "ug": "Arab",
    "ckb": "Arab", "ks": "Arab", "prs": "Arab", "arz": "Arab", "ary": "Arab", "apc": "Arab",
    "he": "Hebr", "iw": "Hebr", "yi": "Hebr", "lad": "Hebr",
    "syr": "Syrc", "dv": "Thaa", "nqo": "Nkoo",
}  # fmt: skip

# Month names as they read after a day number ("28 June", "28 июня": Russian
# puts the month in the genitive), short forms, and weekdays. Languages not
# here use English ones.
MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    "ru": (
        "января", "февраля", "марта", "апреля", "мая", "июня",
        "июля", "августа", "сентября", "октября", "ноября", "декабря",
    ),
}  # fmt: skip
SHORT_MONTHS: dict[str, tuple[str, ...]] = {
    "en": tuple(month[:3] for month in MONTHS["en"]),
    "ru": (
        "янв.", "фев.", "мар.", "апр.", "мая", "июн.",
        "июл.", "авг.", "сен.", "окт.", "ноя.", "дек.",
    ),
}  # fmt: skip
WEEKDAYS: dict[str, tuple[str, ...]] = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "ru": ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"),
}
# Languages whose dates, datelines and page words Newsroom writes in that language.
LOCALIZED = tuple(MONTHS)

# The words of a page around its dates.
_WORDS: dict[str, dict[str, str]] = {
    "en": {"updated": "Updated", "at": "at", "embargoed": "Embargoed until"},
    "ru": {"updated": "Обновлено", "at": "в", "embargoed": "Эмбарго до"},
}

# What the language pickers offer (any other well-formed tag may still be typed).
COMMON: dict[str, str] = {
    "en": "English", "en-GB": "English (UK)", "en-US": "English (US)", "ru": "Русский",
    "uk": "Українська", "de": "Deutsch", "fr": "Français", "es": "Español",
    "ar": "العربية", "he": "עברית", "fa": "فارسی", "ur": "اردو", "zh": "中文",
}  # fmt: skip


def language_problem(tag: str) -> str:
    """What is wrong with ``tag`` as a BCP 47 language tag, or "" when it is well formed."""
    text = tag.strip()
    if not text:
        return "give a language tag such as en, ru, ar or en-GB"
    lowered = text.replace("_", "-").lower()
    if not _LANGTAG.fullmatch(lowered) or _PRIVATE.fullmatch(lowered):
        return (
            f"{text!r} is not a BCP 47 language tag: give one such as en, ru, ar, he, fa or en-GB"
        )
    return ""


def normalize(tag: str) -> str:
    """``tag`` in the case BCP 47 recommends: ``en-GB``, ``az-Arab``, ``ru``.

    Assumes a well-formed tag (see ``language_problem``); ``_`` becomes ``-``.
    """
    parts = tag.strip().replace("_", "-").split("-")
    out = [parts[0].lower()]
    for index, part in enumerate(parts[1:], start=1):
        if any(len(earlier) == 1 for earlier in parts[1:index]):
            out.append(part.lower())  # after a singleton (extension, private use): lower case
        elif len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def primary(tag: str) -> str:
    """The language subtag: ``en`` of ``en-GB``."""
    return tag.split("-", 1)[0].lower()


def script(tag: str) -> str:
    """The script the text is written in: named by the tag, else the language's usual one."""
    match = _LANGTAG.fullmatch(tag.strip().lower())
    if match and match["script"]:
        return match["script"].title()
    return USUAL_SCRIPT.get(primary(tag), "")


def direction(tag: str) -> str:
    """``rtl`` for a language written right to left (by its script), else ``ltr``."""
    return "rtl" if script(tag) in RTL_SCRIPTS else "ltr"


def is_rtl(tag: str) -> bool:
    return direction(tag) == "rtl"


def _table(table: dict[str, tuple[str, ...]], tag: str) -> tuple[str, ...]:
    return table.get(primary(tag), table[DEFAULT_LANGUAGE])


def month_name(month: int, tag: str) -> str:
    """The month as it reads after a day: ``June``; Russian ``июня``."""
    return _table(MONTHS, tag)[month - 1]


def short_month(month: int, tag: str) -> str:
    return _table(SHORT_MONTHS, tag)[month - 1]


def weekday_name(day: date, tag: str) -> str:
    return _table(WEEKDAYS, tag)[day.weekday()]


def day_month(day: date, tag: str) -> str:
    """``28 June``; ``28 июня``."""
    return f"{day.day} {month_name(day.month, tag)}"


def long_date(day: date, tag: str) -> str:
    """``28 June 2021``; ``28 июня 2021``."""
    return f"{day_month(day, tag)} {day.year}"


def word(key: str, tag: str) -> str:
    """A page's word around dates (``updated``, ``at``, ``embargoed``) in the language."""
    return _WORDS.get(primary(tag), _WORDS[DEFAULT_LANGUAGE])[key]
