"""Newsroom settings: declared once, typed, with defaults and checks.

They live in the newsroom file itself (table ``settings``), so a newsroom
copied to another machine keeps its name, agency and house style.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsroom import dateline, language
from newsroom.errors import ValidationError
from newsroom.settings_help import SETTINGS_HELP
from newsroom.text import forbidden_character, http_url_problem, one_line


@dataclass(frozen=True)
class Settings:
    name: str = "Newsroom"
    agency: str = ""
    dateline_style: str = dateline.DEFAULT_STYLE
    timezone: str = "UTC"
    base_url: str = ""
    headline_limit: int = 64
    subtitle_limit: int = 160
    lead_word_limit: int = 40
    body_min_words: int = 0
    dateline_stale_days: int = 2
    caption_full_stop: bool = True
    related_limit: int = 6
    typographic_quotes: bool = True
    language: str = "en"
    agency_names: str = ""
    jpeg_quality: int = 84
    webp_quality: int = 80
    theme: str = ""
    publish_role: str = ""
    ingest_folder: str = ""

    @property
    def theme_folder(self) -> Path | None:
        """The theme folder pages and exports use; None for the default theme."""
        return Path(self.theme) if self.theme else None

    def agency_in(self, tag: str) -> str:
        """The agency's name for an article in language ``tag``: its own name there, else
        the one of its primary language (ru for ru-RU), else ``agency``."""
        names = parse_agency_names(self.agency_names) if self.agency_names else {}
        return names.get(tag) or names.get(language.primary(tag)) or self.agency

    @property
    def tzinfo(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def rendition_quality(self) -> dict[str, int]:
        return {"jpeg": self.jpeg_quality, "webp": self.webp_quality}

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def with_values(self, values: Mapping[str, Any]) -> Settings:
        """These settings with ``values`` applied; unknown keys are ignored.

        Used when reading the file, so a setting written by a newer Newsroom
        does not stop an older one from opening it.
        """
        known = {key: value for key, value in values.items() if key in SETTINGS_HELP}
        return dataclasses.replace(self, **known)


def _text(value: str) -> str:
    problem = forbidden_character(value)
    if problem:
        raise ValueError(problem)
    return one_line(value)


def _name(value: str) -> str:
    text = _text(value)
    if not text:
        raise ValueError("the newsroom needs a name")
    return text


def _style(value: str) -> str:
    text = _text(value)
    try:
        dateline.check_style(text)
    except dateline.PatternError as error:
        raise ValueError(str(error)) from None
    return text


def _timezone(value: str) -> str:
    text = value.strip()
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"{text!r} is not a known time zone: use an IANA name such as Europe/Moscow or UTC"
        ) from None
    return text


def _base_url(value: str) -> str:
    text = value.strip()
    if not text:
        return ""
    problem = http_url_problem(text)
    if problem:
        raise ValueError(problem)
    return text if text.endswith("/") else text + "/"


def _whole_number(low: int, high: int, what: str) -> Callable[[str], int]:
    """The parser of a whole number from ``low`` to ``high``; ``what`` names it in errors."""

    def parse(value: str) -> int:
        try:
            number = int(value.strip())
        except ValueError:
            raise ValueError(f"{value!r} is not a whole number") from None
        if not low <= number <= high:
            raise ValueError(f"give {what} from {low} to {high}")
        return number

    return parse


_CHARACTERS = _whole_number(1, 100_000, "a number of characters")
_QUALITY = _whole_number(30, 100, "a quality")

_YES = ("yes", "true", "on", "1")
_NO = ("no", "false", "off", "0")


def _flag(value: str) -> bool:
    text = value.strip().lower()
    if text in _YES or text in _NO:
        return text in _YES
    raise ValueError(f"{value!r}: give yes or no")


def _language(value: str) -> str:
    problem = language.language_problem(value)
    if problem:
        raise ValueError(problem)
    return language.normalize(value)


def _agency_names(value: str) -> str:
    """``ru=ТАСС; uk=ТАРС``: tags checked and normalised, names one line each."""
    return format_agency_names(parse_agency_names(value))


def parse_agency_names(value: str) -> dict[str, str]:
    """The agency's name per language from ``ru=ТАСС; ar=تاس``; ValueError when malformed."""
    names: dict[str, str] = {}
    for item in _text(value).split(";"):
        if not item.strip():
            continue
        tag, equals, name = item.partition("=")
        problem = language.language_problem(tag)
        if not equals or not name.strip():
            problem = f"{item.strip()!r}: write language=name, e.g. ru=ТАСС; ar=تاس"
        if problem:
            raise ValueError(problem)
        names[language.normalize(tag)] = name.strip()
    return names


def format_agency_names(names: Mapping[str, str]) -> str:
    return "; ".join(f"{tag}={name}" for tag, name in names.items())


def _folder(value: str, advice: str) -> str:
    """An existing folder, stored resolved; "" for none. ``advice`` ends the refusal."""
    text = value.strip()
    if not text:
        return ""
    folder = Path(text).expanduser()
    if not folder.is_dir():
        raise ValueError(f"{text}: no such folder ({advice})")
    return str(folder.resolve())


def _theme(value: str) -> str:
    return _folder(value, "give a theme folder, or nothing for the default")


def _ingest_folder(value: str) -> str:
    return _folder(value, "give the folder wire files arrive in, or nothing")


_ROLE = re.compile(r"[A-Za-z_][A-Za-z0-9_$]{0,62}")


def _role(value: str) -> str:
    role = value.strip()
    if role and not _ROLE.fullmatch(role):
        raise ValueError(
            f"{role!r} is not a database role name: letters, digits and _, "
            "starting with a letter (empty: everyone may publish)"
        )
    return role


_PARSERS: dict[str, Callable[[str], Any]] = {
    "name": _name,
    "agency": _text,
    "dateline_style": _style,
    "timezone": _timezone,
    "base_url": _base_url,
    "headline_limit": _CHARACTERS,
    "subtitle_limit": _CHARACTERS,
    "lead_word_limit": _whole_number(1, 100_000, "a number of words"),
    "body_min_words": _whole_number(0, 100_000, "a number of words"),
    "dateline_stale_days": _whole_number(0, 100_000, "a number of days"),
    "caption_full_stop": _flag,
    "related_limit": _whole_number(1, 100_000, "a number of related headlines"),
    "typographic_quotes": _flag,
    "language": _language,
    "agency_names": _agency_names,
    "jpeg_quality": _QUALITY,
    "webp_quality": _QUALITY,
    "theme": _theme,
    "publish_role": _role,
    "ingest_folder": _ingest_folder,
}


def parse_setting(key: str, value: str) -> Any:
    """The typed value of setting ``key`` given as text, or ValidationError naming the key."""
    parser = _PARSERS.get(key)
    if parser is None:
        known = ", ".join(SETTINGS_HELP)
        raise ValidationError.single(key, f"unknown setting; the settings are {known}")
    try:
        return parser(value)
    except ValueError as error:
        raise ValidationError.single(key, str(error)) from None


def format_setting(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
