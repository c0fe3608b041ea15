"""Checks and clean-ups of typed text: the link's domain shown beside an outside story."""

from __future__ import annotations

import pytest

from newsroom.text import link_domain


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
