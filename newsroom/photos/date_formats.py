"""The three ways photo metadata writes a date, turned into ISO 8601.

XMP writes ``2017-07-13T17:01:00+00:00`` (or any prefix of it: ``2017``,
``2017-07``…), IIM ``20170713`` and ``170100+0000`` in two datasets, EXIF
``2017:07:13 17:01:00`` with the offset in another tag. Each becomes the
same ISO text, exactly as precise as the file says: a bare date stays a
date, a time without a zone stays without one, ``Z`` becomes ``+00:00``.
Text that is not a date raises ValueError; the reader skips it.
"""

from __future__ import annotations

import re

# Lenient in the separators only: some tools write EXIF-style dates into XMP.
_XMP = re.compile(
    r"(?P<year>\d{4})(?:[-:](?P<month>\d\d)(?:[-:](?P<day>\d\d)"
    r"(?:[T ](?P<hour>\d\d):(?P<minute>\d\d)(?::(?P<second>\d\d)(?P<fraction>\.\d+)?)?"
    r"(?P<zone>Z|[+-]\d\d:?\d\d)?)?)?)?"
)
_IIM_DATE = re.compile(r"(?P<year>\d{4})(?P<month>\d\d)(?P<day>\d\d)")
_IIM_TIME = re.compile(r"(?P<hour>\d\d)(?P<minute>\d\d)(?P<second>\d\d)(?P<zone>[+-]\d{4})?")
_EXIF = re.compile(
    r"(?P<year>\d{4}):(?P<month>\d\d):(?P<day>\d\d)"
    r"(?: (?P<hour>\d\d):(?P<minute>\d\d)(?::(?P<second>\d\d))?)?"
)
_EXIF_ZONE = re.compile(r"[+-]\d\d:\d\d")
_RANGES = {"month": (1, 12), "day": (1, 31), "hour": (0, 24), "minute": (0, 59), "second": (0, 60)}


def from_xmp(text: str) -> str:
    match = _XMP.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not an XMP date")
    parts = match.groupdict()
    return _iso(parts, parts["zone"])


def from_iim(date: str, time: str) -> str:
    """Dates 2:55 (CCYYMMDD; 00 for an unknown month or day) and 2:60 (HHMMSS±HHMM).

    A time that cannot be read leaves the date on its own.
    """
    match = _IIM_DATE.fullmatch(date.strip())
    if match is None:
        raise ValueError(f"{date!r} is not an IIM date")
    parts: dict[str, str | None] = dict(match.groupdict())
    if parts["month"] == "00":
        parts["month"] = None
    if parts["month"] is None or parts["day"] == "00":
        parts["day"] = None
    time_match = _IIM_TIME.fullmatch(time.strip())
    if time_match is None or parts["day"] is None:
        return _iso(parts, None)
    parts.update(time_match.groupdict())
    return _iso(parts, time_match["zone"])


def from_exif(date_time: str, offset: str) -> str:
    """DateTimeOriginal (``YYYY:MM:DD HH:MM:SS``) with OffsetTimeOriginal (``+HH:MM``)."""
    match = _EXIF.fullmatch(date_time.strip())
    if match is None:
        raise ValueError(f"{date_time!r} is not an EXIF date")
    zone = offset.strip() if _EXIF_ZONE.fullmatch(offset.strip()) and match["hour"] else None
    return _iso(match.groupdict(), zone)


def is_blank_exif_date(date_time: str) -> bool:
    """Cameras without a clock write zeros or spaces: no date, not a damaged one."""
    return not date_time.strip(" :0")


def _iso(parts: dict[str, str | None], zone: str | None) -> str:
    _check_ranges(parts)
    text = parts["year"] or ""
    for name in ("month", "day"):
        if parts.get(name) is None:
            return text
        text += f"-{parts[name]}"
    if parts.get("hour") is None:
        return text
    text += f"T{parts['hour']}:{parts['minute']}"
    if parts.get("second") is not None:
        text += f":{parts['second']}{parts.get('fraction') or ''}"
    return text + _zone(zone)


def _check_ranges(parts: dict[str, str | None]) -> None:
    for name, (low, high) in _RANGES.items():
        value = parts.get(name)
        if value is not None and not low <= int(value) <= high:
            raise ValueError(f"{name} {value} is out of range")


def _zone(zone: str | None) -> str:
    if not zone:
        return ""
    if zone == "Z":
        return "+00:00"
    digits = zone[1:].replace(":", "")
    return f"{zone[0]}{digits[:2]}:{digits[2:]}"
