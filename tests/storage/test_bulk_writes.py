"""A bulk write (an import) gets a bigger SQLite page cache, and a bigger buffer of new
index entries, for its transaction only."""

from __future__ import annotations

import sqlite3
from datetime import UTC
from pathlib import Path

import pytest

from newsroom.article_json import read_article
from newsroom.storage import search
from newsroom.storage.sqlite import BULK_CACHE_KIB, driver
from newsroom.store import Newsroom


def cache_size(raw: sqlite3.Connection) -> int:
    return int(raw.execute("PRAGMA cache_size").fetchone()[0])


def test_the_cache_is_bigger_while_the_transaction_lasts_and_as_before_after(
    db_path: Path,
) -> None:
    with Newsroom.open(db_path, create=True, author="tester") as newsroom:
        with newsroom.db.transaction(write=True) as connection:
            raw = driver(connection)
            default = cache_size(raw)
        with newsroom.db.transaction(write=True, bulk=True) as connection:
            raw = driver(connection)
            assert cache_size(raw) == BULK_CACHE_KIB != default
        assert cache_size(raw) == default  # the pooled connection goes back as it was


def pending_limit(raw: sqlite3.Connection) -> int | None:
    """The index's buffer of new entries as its configuration holds it (None: FTS5's default)."""
    row = raw.execute("SELECT v FROM article_search_config WHERE k = 'hashsize'").fetchone()
    return None if row is None else int(row[0])


def test_the_index_buffer_is_bigger_while_the_transaction_lasts_and_the_default_after(
    db_path: Path,
) -> None:
    with Newsroom.open(db_path, create=True, author="tester") as newsroom:
        with newsroom.db.transaction(write=True) as connection:
            assert pending_limit(driver(connection)) is None
        with newsroom.db.transaction(write=True, bulk=True) as connection:
            assert pending_limit(driver(connection)) == search.BULK_PENDING_BYTES
        with newsroom.db.transaction(write=True) as connection:
            assert pending_limit(driver(connection)) == search.DEFAULT_PENDING_BYTES
        with pytest.raises(RuntimeError), newsroom.db.transaction(write=True, bulk=True):
            raise RuntimeError("refused midway")
        with newsroom.db.transaction(write=True) as connection:
            assert pending_limit(driver(connection)) == search.DEFAULT_PENDING_BYTES
        assert newsroom.check().ok


def test_a_refused_bulk_write_leaves_the_cache_as_before(db_path: Path) -> None:
    with Newsroom.open(db_path, create=True, author="tester") as newsroom:
        with newsroom.db.transaction(write=True) as connection:
            raw = driver(connection)
            default = cache_size(raw)
        with pytest.raises(RuntimeError), newsroom.db.transaction(write=True, bulk=True):
            raise RuntimeError("refused midway")
        assert cache_size(raw) == default


def test_an_import_leaves_the_newsroom_s_connections_as_they_were(
    db_path: Path, tmp_path: Path
) -> None:
    articles = [{"headline": f"Ferry timetable {n}", "body": "Boats run."} for n in range(30)]
    with Newsroom.open(db_path, create=True, author="tester") as newsroom:
        with newsroom.db.transaction(write=True) as connection:
            default = cache_size(driver(connection))
        inputs = [read_article(article, base_dir=tmp_path, tz=UTC) for article in articles]
        assert newsroom.import_stream([inputs[:10], inputs[10:]], lambda *_: None) == 30
        with newsroom.db.transaction(write=True) as connection:
            assert cache_size(driver(connection)) == default
        assert newsroom.count() == 30
        assert [hit.article.slug for hit in newsroom.search("timetable 29")] == [
            "ferry-timetable-29"
        ]
        assert newsroom.check().ok  # the index holds every article as its row reads
