"""New articles indexed from their values (``search.index_new``): the index and its vocabulary
exactly as reading the rows back makes them, a batch small or large, accents and all."""

from __future__ import annotations

import sqlite3
from datetime import UTC
from pathlib import Path

import pytest

from newsroom.article_json import read_articles
from newsroom.storage import search
from newsroom.storage.search import THREADED_TERMS
from newsroom.store import Newsroom

WORDS = ("Café", "naïve", "Zürich", "ÉCOLE", "straße", "東京", "emoji🙂word", "x-ray", "o'neill")


def documents(count: int) -> list[dict[str, object]]:
    return [
        {
            "headline": f"{WORDS[n % len(WORDS)]} harbour {n}",
            "subtitle": f"sub{n} {WORDS[(n + 3) % len(WORDS)]}",
            "lead": f"Lead of {n}: quay{n % 17}",
            "body": f"Body {WORDS[(n + 5) % len(WORDS)]} word{n}\n\nMore text {n * 7}.",
            "tags": [f"tag{n % 5}", WORDS[(n + 1) % len(WORDS)]],
        }
        for n in range(count)
    ]


def index_and_vocabulary(db: Path) -> tuple[list[tuple[str, int]], set[str]]:
    with sqlite3.connect(db) as raw:
        raw.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, article_search, 'row')")
        index = raw.execute("SELECT term, doc FROM temp.v ORDER BY term").fetchall()
        vocabulary = {row[0] for row in raw.execute("SELECT term FROM article_search_terms")}
    return index, vocabulary


@pytest.mark.parametrize("count", [THREADED_TERMS - 1, THREADED_TERMS + 150])
def test_an_import_indexes_and_learns_every_word_as_a_rebuild_would(
    tmp_path: Path, count: int
) -> None:
    db = tmp_path / "n.sqlite"
    with Newsroom.open(db, create=True, author="t") as newsroom:
        newsroom.import_articles(read_articles(documents(count), base_dir=None, tz=UTC))
        assert newsroom.check().problems == []  # FTS5's own check: index = content
    index, vocabulary = index_and_vocabulary(db)
    assert vocabulary == {term for term, _ in index}
    terms = dict(index)
    assert terms["cafe"] > count // 3 and "café" not in terms  # accents folded, as FTS5 reads
    with Newsroom.open(db, author="t") as newsroom, newsroom.db.transaction(write=True) as c:
        search.rebuild(c)  # the index and vocabulary made again from the rows
    assert index_and_vocabulary(db) == (index, vocabulary)
