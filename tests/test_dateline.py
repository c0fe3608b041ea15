import re
from datetime import date

import pytest

from newsroom.article import Dateline
from newsroom.dateline import PatternError, check_style, dateline_text

JUNE_28 = Dateline(city="Moscow", date=date(2021, 6, 28), agency="TASS")


@pytest.mark.parametrize(
    ("style", "agency", "expected"),
    [
        ("tass", "TASS", "MOSCOW, June 28. /TASS/."),
        ("ap", "AP", "MOSCOW (AP) —"),
        ("reuters", "Reuters", "MOSCOW, June 28 (Reuters) -"),
        ("plain", "TASS", "MOSCOW, June 28 —"),
        ("{city}, {mon} {day}, {year} ({AGENCY})", "Tass", "Moscow, Jun 28, 2021 (TASS)"),
        ("{CITY}, {weekday} — {month_ap} {day}", "", "MOSCOW, Monday — June 28"),
    ],
)
def test_house_styles(style: str, agency: str, expected: str) -> None:
    dateline = Dateline(city="Moscow", date=date(2021, 6, 28), agency=agency)
    assert dateline_text(dateline, style) == expected


def test_day_has_no_leading_zero_and_months_are_english() -> None:
    dateline = Dateline(city="Kazan", date=date(2022, 1, 5), agency="TASS")
    assert dateline_text(dateline, "tass") == "KAZAN, January 5. /TASS/."
    assert dateline_text(dateline, "{CITY}, {month_ap} {day}") == "KAZAN, Jan. 5"
    september = Dateline(city="Omsk", date=date(2022, 9, 1))
    assert dateline_text(september, "{month_ap}/{mon} {CITY}") == "Sept./Sep OMSK"


def test_agency_defaults_to_the_newsroom_and_date_to_the_fallback() -> None:
    dateline = Dateline(city="Minsk")
    text = dateline_text(dateline, "tass", default_agency="BelTA", fallback_date=date(2023, 3, 9))
    assert text == "MINSK, March 9. /BelTA/."


def test_optional_parts_disappear_when_empty() -> None:
    dateline = Dateline(city="Minsk")
    assert dateline_text(dateline, "tass") == "MINSK."
    assert dateline_text(dateline, "ap") == "MINSK —"
    assert dateline_text(dateline, "reuters") == "MINSK -"
    assert dateline_text(Dateline(city="Minsk", date=date(2023, 3, 9)), "tass") == "MINSK, March 9."


def test_no_city_means_no_dateline() -> None:
    assert dateline_text(Dateline(date=date(2021, 6, 28), agency="TASS"), "tass") == ""
    assert dateline_text(Dateline(city="   "), "tass") == ""


def test_unicode_cities_are_upper_cased() -> None:
    assert dateline_text(Dateline(city="Zürich"), "plain") == "ZÜRICH —"
    assert dateline_text(Dateline(city="Москва"), "plain") == "МОСКВА —"


def test_literal_braces_and_brackets() -> None:
    style = "[[{CITY}]] {{x}}"
    check_style(style)
    assert dateline_text(Dateline(city="Riga"), style) == "[RIGA] {x}"


@pytest.mark.parametrize(
    ("style", "message"),
    [
        ("tass2", "unknown style"),
        ("{CITY} {town}", "unknown placeholder {town}"),
        ("{month} {day}", "needs {city}"),
        ("{CITY} [({agency})", "'[' without a matching ']'"),
        ("{CITY} ({agency})]", "']' without"),
        ("{CITY} [a [b] c]", "cannot be nested"),
        ("{CITY} {", "unmatched '{'"),
        ("{CITY} }", "unmatched '}'"),
    ],
)
def test_bad_patterns_are_explained(style: str, message: str) -> None:
    with pytest.raises(PatternError, match=re.escape(message)):
        check_style(style)
