"""The clean article: real-news-style English copy with no slip, for every rule's tests.

``tests/checks/clean_article.md`` holds it: ``key: value`` lines (headline,
subtitle, lead, section, byline, dateline ``city, YYYY-MM-DD, agency``,
tags), a ``---`` line, then the Markdown body. Every registered rule must
find nothing in it (``test_clean_article.py``), so a rule that flags good
copy fails there first.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import pytest

from newsroom.article import Article, Dateline

CLEAN_ARTICLE = Path(__file__).with_name("clean_article.md")


@cache
def clean_article() -> Article:
    """The clean article as an Article (headline, subtitle, lead, body, dateline, tags…)."""
    head, _, body = CLEAN_ARTICLE.read_text(encoding="utf-8").partition("\n---\n")
    fields = dict(line.split(": ", 1) for line in head.splitlines())
    city, day, agency = (part.strip() for part in fields["dateline"].split(","))
    return Article(
        headline=fields["headline"],
        subtitle=fields["subtitle"],
        lead=fields["lead"],
        section=fields["section"],
        byline=fields["byline"],
        dateline=Dateline(city, date.fromisoformat(day), agency),
        tags=tuple(tag.strip() for tag in fields["tags"].split(",")),
        body=body.strip(),
    )


@pytest.fixture
def clean() -> Article:
    return clean_article()
