"""Article addresses: one builder for every export, and the short form printed on paper."""

from __future__ import annotations

import pytest

from newsroom.render.urls import article_url, short_url
from newsroom.settings import Settings


@pytest.mark.parametrize(
    ("url", "short"),
    [
        ("https://www.tass.com/politics/1234/", "tass.com/politics/1234"),
        ("http://example.org", "example.org"),
        ("https://news.example.org:8443/a/?b=1#top", "news.example.org:8443/a?b=1"),
        ("HTTPS://WWW.Example.org/x", "Example.org/x"),
        ("https://wwwhat.example/x", "wwwhat.example/x"),
        ("grain-deal-expires.html", ""),
        ("mailto:desk@example.org", ""),
    ],
)
def test_the_short_address_printed_on_paper(url: str, short: str) -> None:
    assert short_url(url) == short


def test_an_article_has_a_public_url_only_with_a_base_url() -> None:
    assert article_url(Settings(base_url="https://news.example.org/"), "a-b") == (
        "https://news.example.org/a-b.html"
    )
    assert article_url(Settings(), "a-b") == ""
