"""The SQLite backend: one newsroom file on this machine.

Connections get: WAL (readers never wait for a writer), foreign keys on,
full fsync on commit (an editor's saved work survives power loss, not only a
crash), and a busy timeout instead of an instant "database is locked". We
issue BEGIN ourselves so that writes start with BEGIN IMMEDIATE: two writers
then queue on the lock instead of failing when a read turns into a write.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, create_engine, event, func, insert, select, text
from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import DBAPIError

from newsroom.errors import StorageError
from newsroom.storage import engine as locations
from newsroom.storage import health, search
from newsroom.storage.backend import Backend, ChangeWatcher, FullText
from newsroom.storage.schema import sqlite_text


def driver(connection: Connection) -> sqlite3.Connection:
    """The sqlite3 connection under an SQLAlchemy one, for the hot read paths."""
    raw = connection.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


class SQLiteBackend:
    name = "sqlite"
    no_limit: int | None = -1
    # "+status" keeps SQLite's planner off the status index (reads.summaries says why).
    status_unindexed = "+status"
    nulls_last = ""
    snapshot_isolation: str | None = None  # a read transaction on WAL is one moment already
    fulltext: FullText = search

    def create_engine(self, url: URL, *, read_only: bool) -> Engine:
        engine = create_engine(url, connect_args={"timeout": locations.BUSY_TIMEOUT_SECONDS})
        event.listen(engine, "connect", _configure_reader if read_only else _configure_writer)
        event.listen(engine, "begin", _begin)
        return engine

    def without_transaction(self, connection: Connection) -> AbstractContextManager[None]:
        return nullcontext()  # driver-level reads begin nothing (see _begin)

    @contextmanager
    def bulk_writes(self, connection: Connection) -> Iterator[None]:
        """Inside the write transaction: a bigger page cache while it lasts, which holds every
        page it changes until the commit (FTS5's merges read back what spilled from the
        default 2 MB: the index's insert alone took 13% longer), and the index's bigger
        buffer of new entries (``search.pending_limit``), back to its default before the
        commit (a failed transaction takes it back with everything else)."""
        raw = driver(connection)
        (before,) = raw.execute("PRAGMA cache_size").fetchone()
        raw.execute(f"PRAGMA cache_size = {BULK_CACHE_KIB}")
        try:
            search.pending_limit(raw, search.BULK_PENDING_BYTES)
            yield
            search.pending_limit(raw, search.DEFAULT_PENDING_BYTES)
        finally:
            raw.execute(f"PRAGMA cache_size = {int(before)}")

    def begin_write(self, connection: Connection, *, shared: bool = False) -> None:
        """Nothing more: the transaction began with BEGIN IMMEDIATE (``_begin``)."""

    def rows(self, connection: Connection, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        return driver(connection).execute(sql, tuple(params))

    def moment(self, value: datetime) -> str:
        return sqlite_text(value)

    def editor(self, engine: Engine) -> str | None:
        return None  # a file has no users: the login name says who saves

    def publish_right(self, connection: Connection, role: str) -> str | None:
        return None  # one machine, one editor's file: no roles to limit anyone by

    def check_integrity(
        self, connection: Connection, checked: list[str], problems: list[str]
    ) -> None:
        verdicts = [row[0] for row in connection.execute(text("PRAGMA integrity_check"))]
        if verdicts == ["ok"]:
            checked.append("file integrity: ok")
        else:
            problems.extend(f"file integrity: {verdict}" for verdict in verdicts[:20])
        broken = connection.execute(text("PRAGMA foreign_key_check")).all()
        if broken:
            problems.append(f"references: {len(broken)} rows point at rows that do not exist")
        else:
            checked.append("references: ok")

    def check_schema(
        self, connection: Connection, checked: list[str], problems: list[str], *, repair: bool
    ) -> None:
        """Compare the file's schema with what the migrations make; ``repair`` recreates."""
        raw = driver(connection)
        expected = health.expected_schema()
        actual = health.read_schema(raw)
        if repair:
            checked.extend(health.recreate_missing(raw, actual, expected))
            if "photo_search" not in actual:
                photos = connection.scalars(text("SELECT id FROM photos"))
                search.index_photos(connection, list(photos))
            actual = health.read_schema(raw)
        found = health.differences(actual, expected)
        problems.extend(found)
        if not found:
            checked.append("schema: as the migrations make it")

    def backup(self, source: URL, destination: Path) -> None:
        from newsroom.storage.backup import sqlite_backup

        sqlite_backup(source, destination)

    def continue_ids(self, connection: Connection, tables: Sequence[Table]) -> None:
        """Nothing to do: SQLite takes the next id from the table itself."""

    def insert_rows(
        self, connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]
    ) -> None:
        """One executemany at the driver, each value bound as SQLAlchemy binds it (its column
        type's processor): a statement's parameters built per row were a tenth of an import."""
        names = list(rows[0]) if rows else []
        if not rows or any(c.default is not None for c in table.c if c.name not in names):
            connection.execute(insert(table), list(rows))  # it fills in the defaults
            return
        dialect = connection.dialect
        binders = [
            table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names
        ]
        values = [
            tuple(
                value if bind is None else bind(value)
                for bind, value in zip(binders, map(row.__getitem__, names), strict=True)
            )
            for row in rows
        ]
        quote = dialect.identifier_preparer.quote  # the names are the table's (table.c above)
        sql = (
            f"INSERT INTO {quote(table.name)} ({', '.join(quote(name) for name in names)}) "  # noqa: S608
            f"VALUES ({', '.join('?' * len(names))})"
        )
        try:
            driver(connection).executemany(sql, values)
        except sqlite3.Error as error:  # as SQLAlchemy's own execute wraps it: callers catch that
            raise DBAPIError.instance(
                sql, None, error, sqlite3.Error, hide_parameters=True, dialect=dialect, ismulti=True
            ) from error

    def new_ids(self, connection: Connection, table: Table, count: int) -> list[int] | None:
        """The ids SQLite would give: after the largest (the write transaction holds the file,
        so nobody takes them meanwhile). Rows inserted with their ids go in one executemany;
        with RETURNING and its order kept, SQLAlchemy sends SQLite one statement per row."""
        (key,) = table.primary_key.columns
        largest = connection.execute(select(func.max(key))).scalar() or 0
        return list(range(largest + 1, largest + 1 + count))

    def watcher(self, url: URL) -> ChangeWatcher:
        return DataVersionWatcher(url)


SQLITE: Backend = SQLiteBackend()

# A bulk write's page cache, in KiB as PRAGMA cache_size takes it (negative: KiB, not pages).
BULK_CACHE_KIB = -64 * 1024
# How often a waiting watcher asks SQLite; a question costs about 2 µs of CPU.
POLL_SECONDS = 0.1
# A watcher never waits long for a lock: a busy moment is "no news yet", asked again soon.
WATCH_BUSY_TIMEOUT_SECONDS = 0.05


class DataVersionWatcher:
    """Watches ``PRAGMA data_version`` on a connection of its own, which never writes.

    SQLite changes that number for a connection whenever any *other*
    connection commits to the file: another process, another machine's app on
    the same file, and this process's own writes too (they go through the
    Newsroom's connections, never this one). Nothing is sent: the watcher
    asks, every ``POLL_SECONDS`` while it waits.
    """

    def __init__(self, url: URL) -> None:
        # The app makes a watcher on its UI thread and asks it on a thread of its own.
        try:
            self._connection = locations.connect_raw(
                url, timeout=WATCH_BUSY_TIMEOUT_SECONDS, check_same_thread=False
            )
        except sqlite3.Error as error:
            where = locations.describe(url)
            raise StorageError(f"{where}: cannot watch for changes ({error})") from error
        self._connection.isolation_level = None  # no transaction held open between questions
        self._closed = threading.Event()
        self._last = self._version()

    def _version(self) -> int | None:
        try:
            return int(self._connection.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:  # busy, or the file gone for a moment: no answer this time
            return None

    def poll(self) -> bool:
        if self._closed.is_set():
            return False
        version = self._version()
        if version is None or version == self._last:
            return False
        self._last = version
        return True

    def wait(self, timeout: float) -> bool:
        remaining = timeout
        while not self.poll():
            if remaining <= 0 or self._closed.wait(min(POLL_SECONDS, remaining)):
                return False
            remaining -= POLL_SECONDS
        return True

    def close(self) -> None:
        self._closed.set()
        self._connection.close()


def _configure_writer(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Autocommit at the driver level: transactions are begun in _begin.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


def _configure_reader(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # A read-only file keeps its journal mode: setting WAL would be a write.
    dbapi_connection.isolation_level = None


def _begin(connection: Connection) -> None:
    write = connection.get_execution_options().get(locations.WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
