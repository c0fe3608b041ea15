"""The PostgreSQL backend: one newsroom on a server, shared by a desk.

psycopg 3 connects with whatever libpq understands: the URL's host, port,
user and database, ``sslmode`` and the other libpq parameters in its query,
a ``~/.pgpass`` file for the password, or ``?service=desk`` naming an entry
of ``pg_service.conf``. The password itself is never part of what we store.

Transactions are READ COMMITTED, as PostgreSQL's default. A write
transaction first takes one transaction-scoped advisory lock, so writers
queue one at a time exactly as SQLite's BEGIN IMMEDIATE makes them: each
one then reads the latest committed state, and the revision check that
keeps two editors from overwriting each other holds across machines.
Saving one article takes that lock shared, and the article's row lock
before it reads what it checks: saves of different articles (a desk's
usual traffic) then run side by side, saves of one article queue on its
row, and every other write still runs alone.
"""

from __future__ import annotations

import select
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import Engine, Table, create_engine, event, exc, insert, text
from sqlalchemy.engine import URL, Connection
from sqlalchemy.pool import ConnectionPoolEntry

from newsroom.errors import StorageError
from newsroom.storage import postgres_search
from newsroom.storage.backend import Backend, ChangeWatcher, FullText
from newsroom.storage.engine import describe

# Keys of the advisory locks the newsroom takes (any 64-bit number, ours alone).
WRITE_LOCK = 0x6E657773_77726974  # "newswrit"
CONNECT_TIMEOUT_SECONDS = 10
APPLICATION_NAME = "newsroom"
# Where the triggers of migration 0009 announce every committed change.
CHANGES_CHANNEL = "newsroom_changes"
# How long a watcher that lost the server waits between attempts to reconnect.
RECONNECT_SECONDS = 1.0
# A pooled connection idle this long is pinged before use: a firewall or NAT may
# have dropped it without a word. A younger one is only looked at (its socket).
PING_AFTER_IDLE_SECONDS = 30.0
_RETURNED = "newsroom_returned"


def driver(connection: Connection) -> psycopg.Connection[Any]:
    """The psycopg connection under an SQLAlchemy one, for the hot read paths."""
    raw = connection.connection.driver_connection
    assert isinstance(raw, psycopg.Connection)
    return raw


@lru_cache(maxsize=512)
def _psycopg_sql(sql: str) -> str:
    """Driver-level SQL as storage writes it (``?`` marks) in psycopg's spelling (``%s``)."""
    return sql.replace("%", "%%").replace("?", "%s")


def _replace_dropped_connections(engine: Engine) -> None:
    """A pooled connection the server dropped (a restart) is replaced, not failed on.

    SQLAlchemy's ``pool_pre_ping`` asks the server on every checkout: a round
    trip that is most of a search with no hits (0.05 of 0.16 ms). A server that
    ends a connection says so on its socket (an error message, then the end of
    the stream), so a connection used in the last ``PING_AFTER_IDLE_SECONDS``
    whose socket has nothing to read is alive as far as anyone can tell without
    asking; anything readable, or a longer silence, gets the ping.
    """

    @event.listens_for(engine.pool, "connect")
    def _made(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        record.info[_RETURNED] = time.monotonic()

    @event.listens_for(engine.pool, "checkin")
    def _returned(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        record.info[_RETURNED] = time.monotonic()

    @event.listens_for(engine.pool, "checkout")
    def _alive(dbapi_connection: Any, record: ConnectionPoolEntry, proxy: Any) -> None:
        idle = time.monotonic() - record.info.get(_RETURNED, 0.0)
        if idle < PING_AFTER_IDLE_SECONDS and not _has_something_to_read(dbapi_connection):
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except psycopg.Error as error:
            raise exc.InvalidatePoolError(f"the server dropped the connection: {error}") from error


def _has_something_to_read(dbapi_connection: psycopg.Connection[Any]) -> bool:
    """Whether an idle connection's socket holds anything: the server's goodbye, or its end."""
    if dbapi_connection.closed:
        return True
    try:
        readable, _, _ = select.select([dbapi_connection.pgconn.socket], [], [], 0)
    except (OSError, ValueError, psycopg.Error):
        return True
    return bool(readable)


class PostgresBackend:
    name = "postgresql"
    no_limit: int | None = None  # LIMIT NULL: no limit
    status_unindexed = "status"  # the planner weighs the indexes well enough here
    nulls_last = " NULLS LAST"
    # READ COMMITTED would let each statement of a long read see its own moment.
    snapshot_isolation: str | None = "REPEATABLE READ"
    fulltext: FullText = postgres_search

    def create_engine(self, url: URL, *, read_only: bool) -> Engine:
        arguments: dict[str, Any] = {"application_name": APPLICATION_NAME}
        if "connect_timeout" not in url.query:
            arguments["connect_timeout"] = CONNECT_TIMEOUT_SECONDS
        engine = create_engine(url, connect_args=arguments)
        _replace_dropped_connections(engine)
        return engine

    def bulk_writes(self, connection: Connection) -> AbstractContextManager[None]:
        """Nothing: the server's own buffers serve every session."""
        return nullcontext()

    @contextmanager
    def without_transaction(self, connection: Connection) -> Iterator[None]:
        # psycopg's own switch: SQLAlchemy's isolation_level option costs a quarter of a
        # search with no hits, setting it at checkout and back at checkin. (SQLAlchemy
        # sends no BEGIN of its own on psycopg; its ROLLBACK finds none to end.)
        raw = driver(connection)
        raw.autocommit = True
        try:
            yield
        finally:
            try:
                raw.autocommit = False
            except psycopg.Error:
                connection.invalidate()  # never back to the pool without transactions

    def begin_write(self, connection: Connection, *, shared: bool = False) -> None:
        function = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
        connection.execute(text(f"SELECT {function}(:key)"), {"key": WRITE_LOCK})

    def rows(self, connection: Connection, sql: str, params: Iterable[Any] = ()) -> Any:
        return driver(connection).execute(_psycopg_sql(sql), tuple(params))

    def moment(self, value: datetime) -> datetime:
        return value

    def editor(self, engine: Engine) -> str | None:
        with engine.connect() as connection:
            return str(connection.execute(text("SELECT current_user")).scalar())

    def publish_right(self, connection: Connection, role: str) -> str | None:
        member = connection.execute(
            text(
                "SELECT pg_has_role(current_user, oid, 'MEMBER'), current_user "
                "FROM pg_roles WHERE rolname = :role"
            ),
            {"role": role},
        ).first()
        if member is None:
            return (
                f"publishing is limited to the role {role!r}, which the server does not have; "
                "an administrator creates it (docs/team.md)"
            )
        if not member[0]:
            return f"publishing is limited to members of {role!r}, and {member[1]} is not one"
        return None

    def check_integrity(
        self, connection: Connection, checked: list[str], problems: list[str]
    ) -> None:
        # The server checks references on every write and keeps its own pages whole.
        version = str(connection.execute(text("SHOW server_version")).scalar()).split()[0]
        checked.append(f"database integrity: kept by the PostgreSQL {version} server")
        checked.append("references: enforced by the server")

    def check_schema(
        self, connection: Connection, checked: list[str], problems: list[str], *, repair: bool
    ) -> None:
        from newsroom.storage.health import server_schema_differences

        found = server_schema_differences(connection)
        problems.extend(found)
        if not found:
            checked.append("schema: as the migrations make it")

    def backup(self, source: URL, destination: Path) -> None:
        from newsroom.storage.backup import copy_backup

        copy_backup(source, destination)

    def insert_rows(
        self, connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]
    ) -> None:
        connection.execute(insert(table), list(rows))

    def new_ids(self, connection: Connection, table: Table, count: int) -> list[int] | None:
        """None: the id sequence gives them, and RETURNING reads them (one statement per
        thousand rows on a server)."""
        return None

    def continue_ids(self, connection: Connection, tables: Sequence[Table]) -> None:
        """Set the id sequences past the copied ids.

        Rows inserted with their ids leave a serial column's sequence where it
        was (at 1), and the next new row would collide.
        """
        for table in tables:
            key = list(table.primary_key.columns)
            if len(key) != 1 or key[0].type.python_type is not int:
                continue
            column = key[0].name
            connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence(:table, :column), "  # noqa: S608
                    f'coalesce(max("{column}"), 0) + 1, false) FROM "{table.name}"'
                ),
                {"table": table.name, "column": column},
            )

    def watcher(self, url: URL) -> ChangeWatcher:
        return NotifyWatcher(url)


POSTGRES: Backend = PostgresBackend()


def connect_direct(url: URL, **options: Any) -> psycopg.Connection[Any]:
    """A psycopg connection of our own (outside the engine's pool), with the engine's parameters."""
    parameters: dict[str, Any] = url.translate_connect_args(username="user", database="dbname")
    parameters.update(url.query)  # sslmode, host=/socket/folder, service and the rest of libpq's
    parameters.setdefault("application_name", APPLICATION_NAME)
    parameters.setdefault("connect_timeout", CONNECT_TIMEOUT_SECONDS)
    return psycopg.connect(**parameters, **options)


class NotifyWatcher:
    """Listens on ``newsroom_changes`` on a connection of its own.

    Triggers (migration 0009) send a notification from every statement that
    changes articles, locks, settings, photos or sections, whoever runs it
    (the app, the CLI, another program); PostgreSQL delivers it only when the
    transaction commits, and merges repeats within one. When the server goes
    away the watcher reconnects, at most every ``RECONNECT_SECONDS``, and then
    reports a change: whatever happened meanwhile was not announced to it.
    """

    def __init__(self, url: URL) -> None:
        self._url = url
        self._next_attempt = 0.0
        self._closed = False
        try:
            self._connection: psycopg.Connection[Any] | None = self._listen()
        except psycopg.Error as error:
            raise StorageError(f"{describe(url)}: cannot watch for changes ({error})") from error

    def _listen(self) -> psycopg.Connection[Any]:
        connection = connect_direct(self._url, autocommit=True)
        connection.execute(f"LISTEN {CHANGES_CHANNEL}")
        return connection

    def poll(self) -> bool:
        return self.wait(0.0)

    def wait(self, timeout: float) -> bool:
        if self._closed:
            return False
        if self._connection is None:
            return self._reconnect(timeout)
        try:
            heard = any(True for _ in self._connection.notifies(timeout=timeout, stop_after=1))
            if heard:  # the rest that arrived together, without waiting
                for _ in self._connection.notifies(timeout=0.0):
                    pass
            return heard
        except psycopg.Error:
            self._drop()
            return self._reconnect(timeout)

    def _reconnect(self, timeout: float) -> bool:
        """Try to listen again (not more often than every RECONNECT_SECONDS); True once back."""
        delay = max(0.0, self._next_attempt - time.monotonic())
        if delay > timeout:
            time.sleep(timeout)
            return False
        time.sleep(delay)
        self._next_attempt = time.monotonic() + RECONNECT_SECONDS
        try:
            self._connection = self._listen()
        except psycopg.Error:
            return False
        return True

    def _drop(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def close(self) -> None:
        self._closed = True
        self._drop()
