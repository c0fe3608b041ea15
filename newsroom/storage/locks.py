"""Article locks: one row per article being edited, kept alive by a heartbeat.

A lock names its holder (the editor), the machine and the Newsroom session
(a random token per open newsroom, so two windows of one process differ).
While the holder runs it refreshes ``heartbeat``; a lock whose heartbeat is
older than ``LOCK_EXPIRY_SECONDS`` counts as free, so a crashed app's locks
lapse without anyone clearing them.

Portable SQL only. Every moment is computed in Python and compared with the
stored UTC values, so the same statements work on SQLite and PostgreSQL.
Taking a lock and checking one before a write both first lock the article's
row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's ``BEGIN IMMEDIATE``
already lets one writer in at a time), so a check and the write after it
cannot be split by another session taking the lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    Row,
    Select,
    and_,
    bindparam,
    case,
    delete,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from newsroom.storage.reads import ARTICLES, FOUND_COLUMNS, Found, as_found, find_held
from newsroom.storage.schema import LOCKS

# The app refreshes its locks this often; a lock not refreshed for LOCK_EXPIRY_SECONDS is
# free. Four missed beats before a lock lapses: a busy machine does not lose its locks.
HEARTBEAT_SECONDS = 15
LOCK_EXPIRY_SECONDS = 60
HOLDER_LENGTH = 200  # the column's width: a longer name is cut, not refused


@dataclass(frozen=True)
class Lock:
    """Who holds an article: ``holder`` on ``machine`` since ``since`` (UTC)."""

    article_id: int
    slug: str
    holder: str
    machine: str
    session: str
    since: datetime
    heartbeat: datetime


@dataclass(frozen=True)
class Holder:
    """The session asking: its token, the editor's name and the machine."""

    session: str
    name: str
    machine: str


def cutoff(now: datetime, expiry: float = LOCK_EXPIRY_SECONDS) -> datetime:
    """The oldest heartbeat of a live lock at ``now``."""
    return now - timedelta(seconds=expiry)


# A lock refreshed since ``:cutoff`` (``cutoff(now, expiry)``). Bound, not a literal: the
# statements below are built once (building one costs more than running it).
_LIVE = LOCKS.c.heartbeat >= bindparam("cutoff")


def _with_slugs() -> Select[Any]:
    return select(*LOCKS.c, ARTICLES.c.slug).join(ARTICLES, ARTICLES.c.id == LOCKS.c.article_id)


def _lock(row: Row[Any]) -> Lock:
    return Lock(
        article_id=row.article_id, slug=row.slug, holder=row.holder, machine=row.machine,
        session=row.session, since=row.since, heartbeat=row.heartbeat,
    )  # fmt: skip


def lock_of(
    connection: Connection, article_id: int, now: datetime, expiry: float = LOCK_EXPIRY_SECONDS
) -> Lock | None:
    """The live lock on an article; None when it is free or its lock expired."""
    row = connection.execute(
        _LIVE_LOCK_OF, {"article_id": article_id, "cutoff": cutoff(now, expiry)}
    ).first()
    return None if row is None else _lock(row)


_LIVE_LOCK_OF = _with_slugs().where(LOCKS.c.article_id == bindparam("article_id"), _LIVE)


def held_with_lock(
    connection: Connection, article_id: int, now: datetime, expiry: float = LOCK_EXPIRY_SECONDS
) -> tuple[Found | None, Lock | None]:
    """The article by id with its row lock taken (as ``find_held``) and its live lock, if any.

    One round trip for what every save asks first.
    """
    row = connection.execute(
        _HELD_WITH_LOCK, {"article_id": article_id, "cutoff": cutoff(now, expiry)}
    ).first()
    if row is None:
        return None, None
    return as_found(row), None if row.holder is None else _lock(row)


_HELD_WITH_LOCK = (
    select(*FOUND_COLUMNS, *(column for column in LOCKS.c if column.name != "article_id"))
    .add_columns(ARTICLES.c.id.label("article_id"))
    .select_from(ARTICLES.outerjoin(LOCKS, and_(LOCKS.c.article_id == ARTICLES.c.id, _LIVE)))
    .where(ARTICLES.c.id == bindparam("article_id"))
    .with_for_update(of=ARTICLES)
)


def live_locks(
    connection: Connection, now: datetime, expiry: float = LOCK_EXPIRY_SECONDS
) -> dict[int, Lock]:
    """Every live lock, by article id (for lists: one query)."""
    rows = connection.execute(_LIVE_LOCKS, {"cutoff": cutoff(now, expiry)})
    return {row.article_id: _lock(row) for row in rows}


_LIVE_LOCKS = _with_slugs().where(_LIVE).order_by(LOCKS.c.since)


def hold_article_row(connection: Connection, article_id: int) -> None:
    """Lock the article's row until the transaction ends (PostgreSQL; a no-op on SQLite).

    Taking a lock and checking one before a write both start here, so they
    queue on the article instead of passing each other.
    """
    find_held(connection, article_id)


def other_holder(
    connection: Connection,
    article_id: int,
    session: str,
    now: datetime,
    expiry: float = LOCK_EXPIRY_SECONDS,
) -> Lock | None:
    """The live lock another session holds on the article, inside the caller's write
    (the article's row held first, in the same statement)."""
    _, found = held_with_lock(connection, article_id, now, expiry)
    return None if found is None or found.session == session else found


def take(
    connection: Connection,
    article_id: int,
    holder: Holder,
    now: datetime,
    *,
    expiry: float = LOCK_EXPIRY_SECONDS,
    force: bool = False,
) -> Lock | None:
    """Take the article's lock for ``holder``; None when taken, else the lock that refused it.

    Free, expired or already ``holder``'s (then refreshed, keeping its
    ``since``): taken. Held by another live session: refused, unless
    ``force``, which takes it over (the caller records that in the history).
    """
    hold_article_row(connection, article_id)
    mine = LOCKS.c.session == holder.session
    where = [LOCKS.c.article_id == article_id]
    if not force:
        where.append(or_(mine, LOCKS.c.heartbeat < cutoff(now, expiry)))
    taken = connection.execute(
        update(LOCKS)
        .where(*where)
        .values(
            holder=holder.name[:HOLDER_LENGTH], machine=holder.machine, session=holder.session,
            since=case((mine, LOCKS.c.since), else_=literal(now, LOCKS.c.since.type)),
            heartbeat=now,
        )
    ).rowcount  # fmt: skip
    if taken:
        return None
    existing = lock_of(connection, article_id, now, expiry)
    if existing is not None:
        return existing
    try:
        with connection.begin_nested():
            connection.execute(
                insert(LOCKS).values(
                    article_id=article_id, holder=holder.name[:HOLDER_LENGTH],
                    machine=holder.machine, session=holder.session, since=now, heartbeat=now,
                )
            )  # fmt: skip
    except IntegrityError:
        # Another session inserted it between our look and our insert (PostgreSQL only).
        return lock_of(connection, article_id, now, expiry)
    return None


def release(connection: Connection, session: str, article_id: int | None = None) -> int:
    """Drop the session's lock on one article (or all of them); returns how many went."""
    where = [LOCKS.c.session == session]
    if article_id is not None:
        where.append(LOCKS.c.article_id == article_id)
    return connection.execute(delete(LOCKS).where(*where)).rowcount


def beat(connection: Connection, session: str, now: datetime) -> set[int]:
    """Refresh every lock the session holds, in one statement; returns their article ids."""
    held = connection.execute(
        update(LOCKS)
        .where(LOCKS.c.session == session)
        .values(heartbeat=now)
        .returning(LOCKS.c.article_id)
    )
    return set(held.scalars())
