"""Change watchers on both engines: PRAGMA data_version on SQLite, LISTEN/NOTIFY on PostgreSQL.

A watcher answers "was anything committed since I last answered?". Each test
writes through a real second Newsroom (or a second process) and asks.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsroom.article import Article, Status
from newsroom.errors import StorageError
from newsroom.storage.backend import ChangeWatcher
from newsroom.storage.engine import resolve_url
from newsroom.storage.sqlite import SQLITE
from newsroom.store import Newsroom
from tests.helpers import ROOT, outside_edit

# Long enough for any commit to reach a watcher here; a pass never waits for it.
PATIENCE = 5.0
# How long "nothing changed" is watched: a false alarm would come within a poll or two.
QUIET = 0.4


@pytest.fixture
def other(db_target: Path | str, newsroom: Newsroom) -> Iterator[Newsroom]:
    """A second Newsroom on the same database: another window, another editor."""
    with Newsroom.open(db_target, author="Anna Ivanova") as opened:
        yield opened


@pytest.fixture
def watcher(newsroom: Newsroom) -> Iterator[ChangeWatcher]:
    made = newsroom.watch_changes()
    yield made
    made.close()


def test_nothing_changed_nothing_reported(newsroom: Newsroom, watcher: ChangeWatcher) -> None:
    newsroom.create(Article(headline="Walruses came ashore"))
    assert watcher.wait(PATIENCE)
    # Reads are not changes.
    newsroom.articles()
    newsroom.locks()
    assert not watcher.poll()
    assert not watcher.wait(QUIET)


def test_another_newsrooms_save_is_seen_once(
    newsroom: Newsroom, other: Newsroom, watcher: ChangeWatcher
) -> None:
    article = other.create(Article(headline="Walruses came ashore"))
    assert watcher.wait(PATIENCE)
    assert not watcher.poll()
    other.save(article.with_changes(headline="Walruses stayed ashore"))
    assert watcher.wait(PATIENCE)


def test_this_newsrooms_own_writes_are_seen(newsroom: Newsroom, watcher: ChangeWatcher) -> None:
    article = newsroom.create(Article(headline="Walruses came ashore"))
    assert watcher.wait(PATIENCE)
    newsroom.set_status(article.id or 0, Status.READY)
    assert watcher.wait(PATIENCE)


def test_a_save_in_another_process_is_seen(
    db_target: Path | str, newsroom: Newsroom, watcher: ChangeWatcher
) -> None:
    script = (
        "import sys\n"
        "from newsroom.article import Article\n"
        "from newsroom.store import Newsroom\n"
        "with Newsroom.open(sys.argv[1], author='Boris') as n:\n"
        "    n.create(Article(headline='Seals stayed at sea'))\n"
    )
    subprocess.run([sys.executable, "-c", script, str(db_target)], cwd=ROOT, check=True,
                   timeout=60)  # fmt: skip
    assert watcher.poll() or watcher.wait(PATIENCE)


def test_lock_taken_and_released_are_seen(
    newsroom: Newsroom, other: Newsroom, watcher: ChangeWatcher
) -> None:
    article = newsroom.create(Article(headline="Walruses came ashore"))
    assert watcher.wait(PATIENCE)
    other.lock(article.id or 0)
    assert watcher.wait(PATIENCE)
    assert not watcher.wait(QUIET)
    other.unlock(article.id or 0)
    assert watcher.wait(PATIENCE)


def test_deletion_and_settings_are_seen(
    newsroom: Newsroom, other: Newsroom, watcher: ChangeWatcher
) -> None:
    article = newsroom.create(Article(headline="Walruses came ashore"))
    assert watcher.wait(PATIENCE)
    other.delete(article.id or 0)
    assert watcher.wait(PATIENCE)
    other.set_setting("name", "The Coast")
    assert watcher.wait(PATIENCE)


def test_an_edit_behind_newsrooms_back_is_seen(
    db_target: Path | str, newsroom: Newsroom, watcher: ChangeWatcher
) -> None:
    """Another program's SQL (psql, a script): triggers on PostgreSQL, data_version on SQLite."""
    newsroom.create(Article(headline="Walruses came ashore"))
    assert watcher.wait(PATIENCE)
    outside_edit(db_target, "UPDATE articles SET headline = 'Walruses left'")
    assert watcher.wait(PATIENCE)


def test_a_rolled_back_write_is_not_reported(
    db_target: Path | str, newsroom: Newsroom, watcher: ChangeWatcher
) -> None:
    newsroom.create(Article(headline="Walruses came ashore"))
    assert watcher.wait(PATIENCE)
    with pytest.raises(Exception, match="no_such_column"):
        outside_edit(
            db_target,
            "UPDATE articles SET headline = 'Gone'",
            "UPDATE articles SET no_such_column = 1",
        )
    assert not watcher.wait(QUIET)


def test_a_closed_watcher_reports_nothing(newsroom: Newsroom) -> None:
    watcher = newsroom.watch_changes()
    watcher.close()
    newsroom.create(Article(headline="Walruses came ashore"))
    assert not watcher.wait(QUIET)


def test_a_missing_folder_cannot_be_watched(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="cannot watch for changes"):
        SQLITE.watcher(resolve_url(tmp_path / "gone" / "newsroom.sqlite"))


def test_the_server_dropping_the_watcher_is_survived(
    engine: str, db_target: Path | str, newsroom: Newsroom, other: Newsroom,
    watcher: ChangeWatcher,
) -> None:  # fmt: skip
    """As after a server restart: the watcher reconnects, says "changed", and hears again."""
    if engine != "postgresql":
        pytest.skip("an SQLite file has no server to lose")
    outside_edit(
        db_target,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE query LIKE 'LISTEN newsroom_changes%' AND datname = current_database()",
    )
    assert watcher.wait(PATIENCE)  # back, and whatever happened meanwhile is unknown
    assert not watcher.wait(QUIET)
    other.create(Article(headline="Seals stayed at sea"))
    assert watcher.wait(PATIENCE)
