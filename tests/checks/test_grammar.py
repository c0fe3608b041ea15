"""Grammar: those who is, a or an by sound; English only."""

from __future__ import annotations

import pytest

from newsroom.checks.grammar import sound_of
from tests.checks.helpers import findings, fixed, slips, with_settings

# --- those who is ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "slip", "fix"),
    [
        ("Those who is late will pay.", "is", "are"),
        ("Help for those who was hurt.", "was", "were"),
        ("They who has the key.", "has", "have"),
        ("For those who does not vote.", "does", "do"),
        ("Those who isn't ready.", "isn't", "aren't"),
        ("Those who doesn’t know.", "doesn’t", "don’t"),
        ("THOSE WHO IS LATE", "IS", "ARE"),
    ],
)
def test_a_singular_verb_after_those_who_is_found(body: str, slip: str, fix: str) -> None:
    assert slips("grammar.those-who", body) == [(slip, fix)]
    assert fixed("grammar.those-who", body) == body.replace(slip, fix, 1)


@pytest.mark.parametrize(
    "body",
    [
        "Those who are late will pay.",
        "Those who were hurt, those who have keys, those who do vote.",
        "The man who is late.",
        "Those whose house is gone.",
        "Those who, he said, is…",
    ],
)
def test_those_who_leaves_alone(body: str) -> None:
    assert slips("grammar.those-who", body) == []


# --- a or an ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "slip", "fix"),
    [
        ("He waited a hour.", "a", "an"),
        ("She is a honest judge.", "a", "an"),
        ("An university opened.", "An", "A"),
        ("He met an European official.", "an", "a"),
        ("It was an one-time offer.", "an", "a"),
        ("He is a MP.", "a", "an"),
        ("It was a FBI raid.", "a", "an"),
        ("He joined an U.S. team.", "an", "a"),
        ("It is an UN agency.", "an", "a"),
        ("She ate a apple.", "a", "an"),
        ("He bought an house.", "an", "a"),
        ("A 18-year-old won.", "A", "An"),
        ("He ran an 10-kilometer race.", "an", "a"),
        ("It took a 8-hour shift.", "a", "an"),
        ("He had a X-ray.", "a", "an"),
        ("She made an U-turn.", "an", "a"),
        ("He used a iPhone.", "a", "an"),
        ("A unusual case.", "A", "An"),
        ("AN HOUSE IN ROME", "AN", "A"),
    ],
)
def test_a_or_an_by_sound_is_found(body: str, slip: str, fix: str) -> None:
    assert slips("grammar.a-an", body) == [(slip, fix)]
    [finding] = findings("grammar.a-an", body)
    assert fixed("grammar.a-an", body) == body[: finding.start] + fix + body[finding.end :]


@pytest.mark.parametrize(
    "body",
    [
        "An hour, an honest man, an heir, an honorary degree.",
        "An MP, an FBI agent, an NGO, an NHS nurse, an LGBT group, an MRI scan.",
        "A university, a European, a one-time deal, a once-great club, a U.S. envoy, a UN body.",
        "A unique, a union, a Ukrainian, a usual day, a unanimous vote, a eulogy.",
        "An unusual, an unidentified, an uninformed, an urgent, an ugly, an umbrella.",
        "An 8, an 11, an 18-year-old, an 80-page report, an 800, an 1848 rising, an 11,000 crowd.",
        "A 1,800-strong crowd, a 100, a 1990s hit, a 2024 poll, a 7.5% rise.",
        "An X-ray, a U-turn, an e-mail, an M16, an iPhone, an mRNA vaccine, an eBay seller.",
        "A NATO summit, an NATO summit, a historic day, an historic day, a hotel, an hotel.",
        "A SUV or an SUV, a Uber or an Uber.",
        "Plan A is dead; vitamin A helps; Group A, B and C; Class A shares; Exhibit A.",
        "A NEW ERA FOR EUROPE",
        "AN FBI RAID ON A HOUSE",
        "It starts at 6 a.m. and ends at 8 p.m.",
        "A “unique” case and a *honest* man are not judged.",
        "Он купил a Москву.",
        "A Ypres memorial, a xylophone, an Xbox.",
        "An NGO-led effort, an FBI’s agent, a U.S.-led coalition.",
        "",
    ],
)
def test_a_or_an_leaves_alone(body: str) -> None:
    assert slips("grammar.a-an", body) == []


def test_grammar_is_english_only() -> None:
    russian = with_settings(language="ru")
    assert slips("grammar.a-an", "a hour", settings=russian) == []
    assert slips("grammar.those-who", "those who is", settings=russian) == []
    # Cyrillic а and ан are other letters than Latin a and an.
    assert slips("grammar.a-an", "Это была а ошибка, ан нет.") == []


@pytest.mark.parametrize(
    ("word", "sound"),
    [
        ("hour", "an"), ("honest", "an"), ("heir", "an"), ("house", "a"), ("historic", None),
        ("university", "a"), ("unusual", "an"), ("Uber", None), ("European", "a"),
        ("one", "a"), ("onerous", "an"), ("MP", "an"), ("FBI", "an"), ("U.S.", "a"),
        ("NATO", None), ("SUV", None), ("18", "an"), ("1,800", "a"), ("Москва", None),
        ("émigré", "an"), ("year", "a"), ("Yves", None),
    ],
)  # fmt: skip
def test_sound_of(word: str, sound: str | None) -> None:
    assert sound_of(word) == sound


def test_in_capitals_a_word_is_judged_only_when_both_readings_agree() -> None:
    assert sound_of("FBI", in_capitals=True) is None  # F-B-I or "fibby"?
    assert sound_of("HOUR", in_capitals=True) == "an"
    assert sound_of("NEW", in_capitals=True) == "a"
