"""Each name of a byline, as feeds name authors."""

from __future__ import annotations

import pytest

from newsroom.bylines import byline_names


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Anna Ivanova and Oleg Petrov", ["Anna Ivanova", "Oleg Petrov"]),
        ("A, B and C", ["A", "B", "C"]),
        ("A, B, and C", ["A", "B", "C"]),  # the serial comma
        ("Anna Ivanova & Oleg Petrov", ["Anna Ivanova", "Oleg Petrov"]),
        ("By Ivan Petrov", ["Ivan Petrov"]),
        ("  Ivan   Petrov ", ["Ivan Petrov"]),
        ("Анна Иванова и Олег Петров", ["Анна Иванова", "Олег Петров"]),
        ("", []),
    ],
)
def test_names_of_a_shared_byline(byline: str, names: list[str]) -> None:
    assert byline_names(byline) == names


@pytest.mark.parametrize(
    "byline",
    ["Anna Ivanova, Moscow correspondent", "Alexandra Andersen", "Sandra Landers", "Иван Ильин"],
)
def test_one_name_stays_one(byline: str) -> None:
    """A comma without "and", and "and" inside a word, split nothing."""
    assert byline_names(byline) == [byline]
