"""Checks and clean-ups of typed text: the link's domain shown beside an outside story,
the characters that cannot be stored, single-line fields."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from newsroom.text import forbidden_character, link_domain, one_line

# The plain definitions the quick paths must agree with.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
LINE_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029\x85]+\s*")
# Near every edge: the controls kept and refused, the non-characters and their neighbours,
# surrogates, the line breaks one_line knows and the spaces around them.
EDGES = "\x00\x08\t\n\x0b\x0c\r\x0e\x1f \x7f\x85\xa0\u2028\u2029\ufffd\ufffe\uffff\ud800\udfff\U00010000é"
TEXTS = st.text(st.sampled_from(EDGES) | st.characters(), max_size=40)
# Long enough for forbidden_character's check of the bytes.
LONG_TEXTS = st.builds(lambda text: "x" * 600 + text + "y" * 10, TEXTS)


@given(TEXTS | LONG_TEXTS)
@example("\ufffe")
@example("ok \U0010ffff \ud83d")
def test_forbidden_characters_are_found_as_the_plain_scan_finds_them(text: str) -> None:
    found = FORBIDDEN.search(text)
    problem = forbidden_character(text)
    if found is None:
        assert problem is None
    else:
        assert problem is not None and f"at position {found.start()};" in problem


@given(TEXTS)
@example("  Grain deal \r\n expires  ")
def test_one_line_is_the_plain_clean_up(text: str) -> None:
    assert one_line(text) == LINE_BREAKS.sub(" ", text).strip()


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://tass.com/world/1234567", "tass.com"),
        ("https://www.tass.com/world/1234567", "tass.com"),
        ("http://WWW.Example.ORG:8080/a?b=c#d", "example.org"),
        ("https://news.bbc.co.uk/", "news.bbc.co.uk"),
        ("https://wwwtass.com/", "wwwtass.com"),
        ("https://www.example.org./", "example.org"),
        ("https://xn--e1afmkfd.com/", "пример.com"),
        ("https://[2001:db8::1]/", "2001:db8::1"),
        ("  https://tass.com/  ", "tass.com"),
        ("not a link", ""),
        ("https://[broken/", ""),
    ],
)
def test_the_domain_of_a_link_is_the_site_readers_know(url: str, domain: str) -> None:
    assert link_domain(url) == domain
