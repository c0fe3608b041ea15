"""storage/locks.py on both engines: an SQLite file and a throwaway PostgreSQL database."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, delete, insert
from sqlalchemy.engine import URL, Connection

from newsroom.storage import locks
from newsroom.storage.engine import WRITE_OPTION, create_newsroom_engine, resolve_url
from newsroom.storage.locks import LOCK_EXPIRY_SECONDS, Holder, Lock
from newsroom.storage.migrate import SCHEMA_HEAD, upgrade
from newsroom.storage.reads import ARTICLES

ANNA = Holder("a" * 32, "Anna Ivanova", "desk-3")
BORIS = Holder("b" * 32, "Boris Petrov", "desk-7")
MORNING = datetime(2026, 3, 1, 7, 42, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated newsroom holding one article (id 1) on each engine."""
    if request.param == "sqlite":
        made = create_newsroom_engine(resolve_url(tmp_path / "newsroom.sqlite"))
    else:
        url: URL = request.getfixturevalue("postgres_url")
        made = create_engine(url)
    upgrade(made, SCHEMA_HEAD)
    with _Writing(made) as connection:
        connection.execute(
            insert(ARTICLES),
            {"id": 1, "slug": "walruses", "headline": "Walruses", "status": "draft",
             "created_at": MORNING, "updated_at": MORNING},
        )  # fmt: skip
    yield made
    made.dispose()


class _Writing:
    """A write transaction as Newsroom opens one (BEGIN IMMEDIATE on SQLite)."""

    def __init__(self, engine: Engine) -> None:
        self.connection = engine.connect()
        self.connection.execution_options(**{WRITE_OPTION: True})

    def __enter__(self) -> Connection:
        self.transaction = self.connection.begin()
        return self.connection

    def __exit__(self, kind: object, *_: object) -> None:
        if kind is None:
            self.transaction.commit()
        else:
            self.transaction.rollback()
        self.connection.close()


def _take(engine: Engine, holder: Holder, now: datetime, *, force: bool = False) -> Lock | None:
    with _Writing(engine) as connection:
        return locks.take(connection, 1, holder, now, force=force)


def _lock(engine: Engine, now: datetime) -> Lock | None:
    with engine.connect() as connection:
        return locks.lock_of(connection, 1, now)


def test_a_free_article_is_taken_and_another_holder_refused(engine: Engine) -> None:
    assert _take(engine, ANNA, MORNING) is None
    refused = _take(engine, BORIS, MORNING + timedelta(seconds=5))
    assert refused is not None
    assert (refused.holder, refused.machine, refused.slug) == ("Anna Ivanova", "desk-3", "walruses")
    assert refused.since == MORNING and refused.since.tzinfo is not None


def test_the_holder_refreshes_keeping_since(engine: Engine) -> None:
    _take(engine, ANNA, MORNING)
    assert _take(engine, ANNA, MORNING + timedelta(seconds=20)) is None
    held = _lock(engine, MORNING + timedelta(seconds=20))
    assert held is not None
    assert (held.since, held.heartbeat) == (MORNING, MORNING + timedelta(seconds=20))


def test_a_lock_expires_and_a_heartbeat_keeps_it(engine: Engine) -> None:
    _take(engine, ANNA, MORNING)
    limit = MORNING + timedelta(seconds=LOCK_EXPIRY_SECONDS)
    assert _lock(engine, limit) is not None
    assert _lock(engine, limit + timedelta(microseconds=1)) is None
    with _Writing(engine) as connection:
        assert locks.beat(connection, ANNA.session, MORNING + timedelta(seconds=50)) == {1}
        assert locks.beat(connection, BORIS.session, MORNING) == set()
    assert _lock(engine, limit + timedelta(seconds=30)) is not None
    later = MORNING + timedelta(seconds=50 + LOCK_EXPIRY_SECONDS + 1)
    with engine.connect() as connection:
        assert locks.live_locks(connection, later) == {}
    assert _take(engine, BORIS, later) is None
    taken = _lock(engine, later)
    assert taken is not None and (taken.holder, taken.since) == ("Boris Petrov", later)


def test_force_takes_a_live_lock(engine: Engine) -> None:
    _take(engine, ANNA, MORNING)
    assert _take(engine, BORIS, MORNING, force=True) is None
    taken = _lock(engine, MORNING)
    assert taken is not None and (taken.session, taken.since) == (BORIS.session, MORNING)


def test_release_drops_only_the_session_s_locks(engine: Engine) -> None:
    _take(engine, ANNA, MORNING)
    with _Writing(engine) as connection:
        assert locks.release(connection, BORIS.session) == 0
        assert locks.release(connection, ANNA.session, 1) == 1
    assert _lock(engine, MORNING) is None


def test_an_article_removed_takes_its_lock_with_it(engine: Engine) -> None:
    _take(engine, ANNA, MORNING)
    with _Writing(engine) as connection:
        connection.execute(delete(ARTICLES).where(ARTICLES.c.id == 1))
    with engine.connect() as connection:
        assert locks.live_locks(connection, MORNING) == {}


def test_two_sessions_taking_a_free_lock_at_once_get_one_winner(engine: Engine) -> None:
    # Anna's transaction takes the lock and stays open; Boris's waits on the article, then
    # finds her lock: refused, never an error from the primary key.
    answers: list[Lock | None] = []
    with _Writing(engine) as connection:
        assert locks.take(connection, 1, ANNA, MORNING) is None
        boris = threading.Thread(target=lambda: answers.append(_take(engine, BORIS, MORNING)))
        boris.start()
        boris.join(timeout=0.5)  # he is waiting for Anna's transaction to end
        assert answers == []
    boris.join(timeout=30)
    assert len(answers) == 1 and answers[0] is not None
    assert answers[0].holder == "Anna Ivanova"
