"""Database trouble — locked, full, read-only — is one clear line, and nothing saved is lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event

from newsroom.article import Article
from newsroom.errors import StorageError
from newsroom.storage import engine as engine_module
from newsroom.store import Newsroom
from tests.conftest import Cli


def test_a_locked_newsroom_says_busy_and_keeps_its_data(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Newsroom.open(db_path, create=True) as newsroom:
        newsroom.create(Article(headline="Safe story"))
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_SECONDS", 0.2)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        with Newsroom.open(db_path) as newsroom:
            with pytest.raises(
                StorageError,
                match="the newsroom is busy \\(another program is writing to it\\); try again",
            ):
                newsroom.create(Article(headline="Blocked"))
            assert [s.headline for s in newsroom.articles()] == [
                "Safe story"
            ]  # reading still works
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_full_disk_saves_nothing_and_loses_nothing(db_path: Path) -> None:
    with Newsroom.open(db_path, create=True) as newsroom:
        story = newsroom.create(Article(headline="Kept", body="original body"))
        pages = sqlite3.connect(db_path).execute("PRAGMA page_count").fetchone()[0]

        # Let the file grow by only a few pages: SQLite then reports the disk full.
        @event.listens_for(newsroom.db.engine, "connect")
        def _small_disk(dbapi_connection: sqlite3.Connection, _record: object) -> None:
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 3}")

        newsroom.db.engine.dispose()
        with pytest.raises(StorageError, match="the disk is full; nothing was saved"):
            newsroom.save(story.with_changes(body="x" * 900_000))
        event.remove(newsroom.db.engine, "connect", _small_disk)
        newsroom.db.engine.dispose()
        assert newsroom.get(story.slug).body == "original body"
        assert newsroom.check().ok


def test_a_read_only_newsroom_refuses_writes_clearly(cli: Cli, db_path: Path) -> None:
    cli.ok("import", "-", stdin='{"headline": "Already here"}')
    read_only = Cli(Path(f"file:{db_path}?mode=ro"), cli._capsys, cli._monkeypatch)
    read_only.db = f"sqlite:///file:{db_path}?mode=ro&uri=true"  # type: ignore[assignment]
    assert read_only.ok("list").lines[0].endswith("Already here")
    failed = read_only("import", "-", stdin='{"headline": "New"}')
    assert failed.code == 1
    assert "the newsroom is read-only here" in failed.err and "nothing was saved" in failed.err
    assert len(cli.ok("list").lines) == 1


def test_a_url_works_like_a_path(cli: Cli, db_path: Path) -> None:
    cli.ok("import", "-", stdin='{"headline": "By path"}')
    by_url = Cli(db_path, cli._capsys, cli._monkeypatch)
    by_url.db = f"sqlite:///{db_path}"  # type: ignore[assignment]
    assert by_url.ok("list").lines[0].endswith("By path")
