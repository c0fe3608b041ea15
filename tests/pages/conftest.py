"""Fixtures for page tests: a newsroom with stories, and an HTML parser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import html as lxml_html

from newsroom.store import Newsroom
from tests.helpers import full_article, jpeg_bytes


@pytest.fixture
def stories(tmp_path: Path, made_db_target: Path | str) -> Iterator[Newsroom]:
    """A newsroom with a full story (photo, quotes, related) and a few others, published."""
    (tmp_path / "photo.jpg").write_bytes(jpeg_bytes(1600, 1000))
    with Newsroom.open(made_db_target, create=True, author="tester") as newsroom:
        newsroom.set_setting("name", "Northern Wire")
        newsroom.set_setting("agency", "TASS")
        newsroom.set_setting("timezone", "Europe/Moscow")
        newsroom.set_setting("base_url", "https://news.example.org")
        newsroom.import_json(
            [
                {
                    "slug": "grain-deal-expires",
                    "headline": "Grain deal expires",
                    "subtitle": "Ships wait at anchor",
                    "section": "Economy",
                    "status": "published",
                    "published_at": "2021-06-27T18:30:00+03:00",
                    "mark": "Breaking",
                },
                full_article(
                    body="First paragraph.\n\nSecond paragraph.\n\n## What was said\n\n"
                    "> A quotation in the body.\n\nThird paragraph.\n\nFourth paragraph.",
                    photo={
                        "file": "photo.jpg",
                        "caption": "The Kremlin at dawn",
                        "credit": "TASS",
                        "alt": "Red brick towers",
                    },
                ),
                {
                    "slug": "older-story",
                    "headline": "An older story",
                    "status": "published",
                    "published_at": "2021-06-20T09:00:00+03:00",
                },
                {"slug": "a-draft", "headline": "A draft", "status": "draft"},
            ],
            base_dir=tmp_path,
        )
        yield newsroom


def parse(page: str) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(page)
