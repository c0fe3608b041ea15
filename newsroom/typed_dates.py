"""Dates and times as editors type them: ``28.06.2021``, ``2021-06-28``, ``28 June 2021``.

``parse_date(text, today=…)`` and ``parse_moment(text, now=…)`` read what a
person types into a date field and raise ``TypedDateError`` with a one-line
message naming what is wrong (``31.06.2021: June 2021 has 30 days``) rather
than guessing. Numbers are day first (``05.06.2021`` is 5 June), as datelines
are written outside the United States; a year left out is the one that puts
the date nearest ``today`` (``June 28`` typed in January is last June).
A time is 24-hour (``10:05``) or with ``am``/``pm``, in the newsroom's time
zone (``now``'s); a time alone is today's.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time, timedelta

MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    MONTHS[calendar.month_name[_number].lower()] = _number
    MONTHS[calendar.month_abbr[_number].lower()] = _number
MONTHS["sept"] = 9

RELATIVE_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1}
EXAMPLES = "e.g. 28.06.2021, 2021-06-28, 28 June 2021 or June 28"

_ISO = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")
_NUMERIC = re.compile(r"(?P<day>\d{1,2})[./](?P<month>\d{1,2})(?:[./](?P<year>\d{2}|\d{4}))?\.?")
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:\s+(?P<year>\d{4}))?"
_DAY_MONTH = re.compile(rf"(?P<day>\d{{1,2}}){_ORDINAL}\.?\s+(?P<month>[a-z]+)\.?,?{_YEAR}")
_MONTH_DAY = re.compile(rf"(?P<month>[a-z]+)\.?\s+(?P<day>\d{{1,2}}){_ORDINAL},?{_YEAR}")
_TIME = re.compile(r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})\s*(?P<half>am|pm|a\.m\.|p\.m\.)?")
_TIME_AT_END = re.compile(r"(?:^|[\st,]+)(?:at\s+)?(" + _TIME.pattern + r")$")


class TypedDateError(ValueError):
    """What was typed is not a date (or time); the message is one line for the editor."""


def parse_date(text: str, *, today: date) -> date:
    """The date ``text`` names; ``TypedDateError`` when it names none or an impossible one."""
    typed = " ".join(text.strip().lower().split())
    if not typed:
        raise TypedDateError(f"no date typed ({EXAMPLES})")
    if typed in RELATIVE_DAYS:
        return today + timedelta(days=RELATIVE_DAYS[typed])
    for pattern in (_ISO, _NUMERIC, _DAY_MONTH, _MONTH_DAY):
        found = pattern.fullmatch(typed)
        if found is not None:
            return _make_date(text.strip(), found.groupdict(), today)
    raise TypedDateError(f"{text.strip()!r} is not a date ({EXAMPLES})")


def parse_moment(text: str, *, now: datetime) -> datetime:
    """The moment ``text`` names, in ``now``'s time zone: ``now``, a date and a time, or a time.

    A date without a time is refused (a publication time needs its hour).
    """
    if now.tzinfo is None:
        raise ValueError("now must carry its time zone")
    typed = " ".join(text.strip().lower().split())
    if typed in ("now", ""):
        return now.replace(second=0, microsecond=0) if typed else _no_time(text)
    found = _TIME_AT_END.search(typed)
    if found is None:
        return _no_time(text)
    clock = _make_time(text.strip(), found.group(1))
    day_text = typed[: found.start()].strip(" ,")
    day = parse_date(day_text, today=now.date()) if day_text else now.date()
    return datetime.combine(day, clock, tzinfo=now.tzinfo)


def _no_time(text: str) -> datetime:
    raise TypedDateError(
        f"{text.strip()!r} is not a date and time (e.g. 28.06.2021 10:05, 2021-06-28 10:05, "
        "10:05 for today, or now)"
    )


def _make_date(typed: str, parts: dict[str, str | None], today: date) -> date:
    day = int(parts["day"] or 0)
    month = _month(typed, parts["month"] or "")
    year_text = parts.get("year")
    if not 1 <= month <= 12:
        raise TypedDateError(f"{typed}: there is no month {month}")
    if year_text is None:
        return _nearest(typed, day, month, today)
    year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    return _checked(typed, year, month, day)


def _month(typed: str, value: str) -> int:
    if value.isdigit():
        return int(value)
    if value in MONTHS:
        return MONTHS[value]
    raise TypedDateError(f"{typed}: {value!r} is not a month")


def _checked(typed: str, year: int, month: int, day: int) -> date:
    if not 1 <= year <= 9999:
        raise TypedDateError(f"{typed}: the year {year} is out of range")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise TypedDateError(f"{typed}: {calendar.month_name[month]} {year} has {days} days")
    return date(year, month, day)


def _nearest(typed: str, day: int, month: int, today: date) -> date:
    """The date with this day and month nearest ``today`` (29 February: in a leap year)."""
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        if day <= calendar.monthrange(year, month)[1]:
            candidates.append(date(year, month, day))
    if not candidates:
        days = calendar.monthrange(today.year, month)[1]
        raise TypedDateError(f"{typed}: {calendar.month_name[month]} has {days} days")
    return min(candidates, key=lambda candidate: abs(candidate - today))


def _make_time(typed: str, text: str) -> time:
    found = _TIME.fullmatch(text)
    if found is None:
        raise TypedDateError(f"{typed}: {text!r} is not a time (e.g. 10:05)")
    hour, minute = int(found["hour"]), int(found["minute"])
    half = (found["half"] or "").replace(".", "")
    if half:
        if not 1 <= hour <= 12:
            raise TypedDateError(f"{typed}: {hour} {half} is not an hour")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise TypedDateError(f"{typed}: {hour:02d}:{minute:02d} is not a time of day")
    return time(hour, minute)
