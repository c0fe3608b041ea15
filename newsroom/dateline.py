"""Datelines in the house style.

The dateline is stored structured (city, date, agency) and its text is
computed here, never typed: change the newsroom's style and every article
follows. A style is a pattern:

* ``{city}`` as typed, ``{CITY}`` upper-cased; ``{month}`` (June), ``{mon}``
  (Jun), ``{month_ap}`` (AP's abbreviations: Jan., Sept., but June),
  ``{day}`` (no leading zero), ``{year}``, ``{weekday}``; ``{agency}``,
  ``{AGENCY}``.
* ``[...]`` is an optional part, left out when a placeholder in it is empty,
  so a dateline without a date or agency still reads well.
* ``{{ }} [[ ]]`` are literal braces and brackets.

A dateline without a city has no text: the city is what makes it a dateline.

Datelines follow the article's language. Month and weekday names come from
``newsroom.language`` (Russian genitive months: ``28 июня``; languages without
a table fall back to English names), and a built-in style has a pattern per
language where the order differs: the tass style in Russian reads
``МОСКВА, 28 июня. /ТАСС/.`` (day before month). The agency's name in that
language is the caller's (the newsroom's ``agency_names`` setting).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from newsroom import language
from newsroom.article import Dateline

BUILT_IN_STYLES: dict[str, str] = {
    "tass": "{CITY}[, {month} {day}].[ /{agency}/.]",
    "ap": "{CITY}[ ({agency})] —",
    "reuters": "{CITY}[, {month} {day}][ ({agency})] -",
    "plain": "{CITY}[, {month} {day}] —",
}
DEFAULT_STYLE = "tass"
# The built-in styles in languages that write them differently from English.
LOCALIZED_STYLES: dict[str, dict[str, str]] = {
    "ru": {
        "tass": "{CITY}[, {day} {month}].[ /{agency}/.]",
        "ap": "{CITY}[ ({agency})] —",
        "reuters": "{CITY}[, {day} {month}][ ({agency})] -",
        "plain": "{CITY}[, {day} {month}] —",
    },
}

# English month names, kept here for callers that want them by number.
MONTHS = language.MONTHS["en"]
# AP style spells out March to July and abbreviates the rest.
_MONTHS_AP = (
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)

PLACEHOLDERS: tuple[str, ...] = (
    "city",
    "CITY",
    "month",
    "mon",
    "month_ap",
    "day",
    "year",
    "weekday",
    "agency",
    "AGENCY",
)

_TOKEN = re.compile(r"\{\{|\}\}|\[\[|\]\]|\{[^{}]*\}|[\[\]{}]|[^\[\]{}]+")


class PatternError(ValueError):
    """A dateline pattern that cannot be used; the message says why."""


@dataclass(frozen=True)
class _Part:
    """A run of literal text, or a placeholder when ``name`` is set."""

    text: str = ""
    name: str = ""


@dataclass(frozen=True)
class _Group:
    parts: tuple[_Part, ...]
    optional: bool


def style_pattern(style: str, tag: str = language.DEFAULT_LANGUAGE) -> str:
    """The pattern for a built-in style name in language ``tag``, or the style itself
    when it is a pattern."""
    localized = LOCALIZED_STYLES.get(language.primary(tag), BUILT_IN_STYLES)
    return localized.get(style) or BUILT_IN_STYLES.get(style, style)


def is_pattern(style: str) -> bool:
    return "{" in style


def check_style(style: str) -> None:
    """Raise PatternError unless ``style`` is a built-in name or a usable pattern."""
    if style in BUILT_IN_STYLES:
        return
    if not is_pattern(style):
        names = ", ".join(BUILT_IN_STYLES)
        raise PatternError(
            f"unknown style {style!r}: use one of {names}, or a pattern such as "
            "'{CITY}, {month} {day} ({agency}) —'"
        )
    groups = _parse(style)
    if not any(part.name in ("city", "CITY") for group in groups for part in group.parts):
        raise PatternError("a dateline pattern needs {city} or {CITY}")


def dateline_text(
    dateline: Dateline,
    style: str,
    *,
    default_agency: str = "",
    fallback_date: date | None = None,
    lang: str = language.DEFAULT_LANGUAGE,
) -> str:
    """The dateline as it is printed, e.g. ``MOSCOW, June 28. /TASS/.``.

    ``default_agency`` (the newsroom's, in the article's language) stands in
    for an empty agency and ``fallback_date`` (usually the publication date)
    for an empty date; ``lang`` (a BCP 47 tag) picks month names and the
    style's pattern in that language.
    """
    if not dateline.city.strip():
        return ""
    values = _values(
        dateline.city.strip(),
        dateline.date or fallback_date,
        (dateline.agency or default_agency).strip(),
        lang,
    )
    out: list[str] = []
    for group in _parse(style_pattern(style, lang)):
        rendered = [part.text if not part.name else values[part.name] for part in group.parts]
        missing = any(part.name and not values[part.name] for part in group.parts)
        if group.optional and missing:
            continue
        out.extend(rendered)
    return "".join(out).strip()


def _values(city: str, when: date | None, agency: str, lang: str) -> dict[str, str]:
    values = {"city": city, "CITY": city.upper(), "agency": agency, "AGENCY": agency.upper()}
    if when is None:
        values.update(month="", mon="", month_ap="", day="", year="", weekday="")
    else:
        # AP's abbreviations are English; a language with its own names writes the month out.
        own_names = language.primary(lang) in language.LOCALIZED and not lang.startswith("en")
        month = language.month_name(when.month, lang)
        values.update(
            month=month,
            mon=language.short_month(when.month, lang),
            month_ap=month if own_names else _MONTHS_AP[when.month - 1],
            day=str(when.day),
            year=str(when.year),
            weekday=language.weekday_name(when, lang),
        )
    return values


@lru_cache(maxsize=64)
def _parse(pattern: str) -> tuple[_Group, ...]:
    groups: list[_Group] = []
    current: list[_Part] = []
    in_optional = False
    for piece in _TOKEN.findall(pattern):
        if piece in ("{{", "}}", "[[", "]]"):
            current.append(_Part(text=piece[0]))
        elif piece == "[":
            if in_optional:
                raise PatternError("optional parts [...] cannot be nested")
            groups.append(_Group(tuple(current), optional=False))
            current, in_optional = [], True
        elif piece == "]":
            if not in_optional:
                raise PatternError("']' without a matching '[' (write ']]' for a bracket)")
            groups.append(_Group(tuple(current), optional=True))
            current, in_optional = [], False
        elif piece.startswith("{") and piece.endswith("}") and len(piece) > 1:
            current.append(_Part(name=_placeholder(piece[1:-1])))
        elif piece in ("{", "}"):
            raise PatternError(f"unmatched '{piece}' (write '{piece * 2}' for a brace)")
        else:
            current.append(_Part(text=piece))
    if in_optional:
        raise PatternError("'[' without a matching ']'")
    groups.append(_Group(tuple(current), optional=False))
    return tuple(groups)


def _placeholder(name: str) -> str:
    if name not in PLACEHOLDERS:
        known = ", ".join("{" + known + "}" for known in PLACEHOLDERS)
        raise PatternError(f"unknown placeholder {{{name}}}: use {known}")
    return name
