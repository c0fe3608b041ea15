"""Dates and times typed the ways editors type them; impossible ones are one-line errors."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsroom.typed_dates import TypedDateError, parse_date, parse_moment

TODAY = date(2026, 11, 30)
MOSCOW = ZoneInfo("Europe/Moscow")
NOW = datetime(2026, 11, 30, 17, 42, 31, tzinfo=MOSCOW)


@pytest.mark.parametrize(
    "typed",
    ["28.06.2021", "28.6.2021", "28/06/2021", "28.06.21", "2021-06-28", "28 June 2021",
     "28 Jun 2021", "June 28, 2021", "june 28 2021", "28th June 2021", "  28   JUNE 2021 "],
)  # fmt: skip
def test_the_same_day_typed_many_ways(typed: str) -> None:
    assert parse_date(typed, today=TODAY) == date(2021, 6, 28)


def test_a_date_without_a_year_is_the_nearest_one() -> None:
    assert parse_date("June 28", today=TODAY) == date(2026, 6, 28)
    assert parse_date("28.06", today=TODAY) == date(2026, 6, 28)
    assert parse_date("2 January", today=TODAY) == date(2027, 1, 2)  # a month ahead
    assert parse_date("Dec 30", today=date(2027, 1, 3)) == date(2026, 12, 30)
    assert parse_date("29 Feb", today=date(2027, 11, 30)) == date(2028, 2, 29)


def test_words_for_nearby_days() -> None:
    assert parse_date("today", today=TODAY) == TODAY
    assert parse_date("Yesterday", today=TODAY) == date(2026, 11, 29)
    assert parse_date("tomorrow", today=TODAY) == date(2026, 12, 1)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31.06.2021", "31.06.2021: June 2021 has 30 days"),
        ("29.02.2021", "29.02.2021: February 2021 has 28 days"),
        ("13.13.2021", "13.13.2021: there is no month 13"),
        ("2021-02-30", "2021-02-30: February 2021 has 28 days"),
        ("32 June", "32 June: June has 30 days"),
        ("28 Juno 2021", "28 Juno 2021: 'juno' is not a month"),
        ("next week", "'next week' is not a date (e.g. 28.06.2021"),
        ("", "no date typed"),
    ],
)
def test_an_impossible_date_says_why_in_one_line(typed: str, message: str) -> None:
    with pytest.raises(TypedDateError) as raised:
        parse_date(typed, today=TODAY)
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("28.06.2021 10:05", datetime(2021, 6, 28, 10, 5, tzinfo=MOSCOW)),
        ("2021-06-28T10:05", datetime(2021, 6, 28, 10, 5, tzinfo=MOSCOW)),
        ("28 June 2021 at 10:05", datetime(2021, 6, 28, 10, 5, tzinfo=MOSCOW)),
        ("June 28, 2021, 10.05 am", datetime(2021, 6, 28, 10, 5, tzinfo=MOSCOW)),
        ("28.06.2021 12:30 pm", datetime(2021, 6, 28, 12, 30, tzinfo=MOSCOW)),
        ("28.06.2021 12:30 am", datetime(2021, 6, 28, 0, 30, tzinfo=MOSCOW)),
        ("18:00", datetime(2026, 11, 30, 18, 0, tzinfo=MOSCOW)),
        ("tomorrow 09:00", datetime(2026, 12, 1, 9, 0, tzinfo=MOSCOW)),
        ("now", datetime(2026, 11, 30, 17, 42, tzinfo=MOSCOW)),
    ],
)
def test_moments_in_the_newsroom_time_zone(typed: str, expected: datetime) -> None:
    assert parse_moment(typed, now=NOW) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("28.06.2021", "'28.06.2021' is not a date and time"),
        ("28.06.2021 25:00", "28.06.2021 25:00: 25:00 is not a time of day"),
        ("31.06.2021 10:00", "31.06.2021: June 2021 has 30 days"),
        ("13:00 pm", "13:00 pm: 13 pm is not an hour"),
    ],
)
def test_an_impossible_moment_says_why(typed: str, message: str) -> None:
    with pytest.raises(TypedDateError) as raised:
        parse_moment(typed, now=NOW)
    assert str(raised.value).startswith(message)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_every_date_reads_back_from_each_way_of_writing_it(day: date) -> None:
    for typed in (
        f"{day:%d.%m.%Y}",
        day.isoformat(),
        f"{day.day} {day:%B %Y}",
        f"{day:%b} {day.day}, {day.year}",
    ):
        assert parse_date(typed, today=TODAY) == day


@given(st.text(max_size=40))
def test_anything_typed_is_a_date_or_a_one_line_error(typed: str) -> None:
    try:
        parse_moment(typed, now=NOW)
    except TypedDateError as error:
        assert "\n" not in str(error).strip("\n") or "\n" in typed
