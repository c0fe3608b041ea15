"""The one seam between the newsroom and its database engine.

Almost all of storage is portable SQLAlchemy. What differs between SQLite
and PostgreSQL lives behind ``Backend``, one implementation per engine
(``storage/sqlite.py``, ``storage/postgres.py``): connecting, the driver-level
reads the hot paths use, the full-text index, integrity checks, backup and
change notification (``ChangeWatcher``).
Storage code asks ``backend_of(connection)`` and never tests the engine's
name itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Engine, Table
from sqlalchemy.engine import URL, Connection

from newsroom.errors import StorageError
from newsroom.storage.search import RawHit, SearchOrder


class Rows(Protocol):
    """What a driver-level read returns: rows as tuples, iterable or fetched."""

    def __iter__(self) -> Any: ...
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...


class FullText(Protocol):
    """The full-text index of articles and photos: one query language, two engines."""

    # True: ``index`` replaces an article's entry, so a change needs no ``unindex`` first
    # (only a deletion does); False: ``unindex`` must run before the row changes.
    updates_in_place: bool

    def search(
        self,
        connection: Connection,
        query: str,
        columns: tuple[str, ...],
        *,
        limit: int = 50,
        offset: int = 0,
        order: SearchOrder = "newest",
        snippets: bool = True,
    ) -> list[RawHit]: ...

    def search_photos(
        self, connection: Connection, query: str, *, limit: int = 50, offset: int = 0
    ) -> list[tuple[int, float]]: ...

    def index(self, connection: Connection, article_id: int) -> None: ...
    def unindex(self, connection: Connection, article_id: int) -> None: ...
    def index_many(self, connection: Connection, article_ids: Sequence[int]) -> None: ...
    def index_new(
        self, connection: Connection, article_ids: Sequence[int], rows: Sequence[Mapping[str, Any]]
    ) -> None:
        """Articles just inserted, from their rows' values (article columns), ids in order."""

    def index_photos(self, connection: Connection, photo_ids: Sequence[int]) -> None: ...
    def rebuild(self, connection: Connection) -> None: ...
    def problems(self, connection: Connection, *, read_only: bool = False) -> list[str]: ...


class ChangeWatcher(Protocol):
    """Tells whether anyone (another process, another machine, this one) changed the newsroom.

    Made by ``Backend.watcher`` on a connection of its own. ``poll`` and
    ``wait`` answer "something was committed since I last answered" without
    saying what: a watcher re-reads what it shows. Use one from one thread at
    a time (a UI's watcher thread); ``close`` from that thread when done.
    """

    def poll(self) -> bool:
        """Changed since the last answer? Returns at once."""

    def wait(self, timeout: float) -> bool:
        """Block until a change is committed (True) or ``timeout`` seconds pass (False)."""

    def close(self) -> None: ...


class Backend(Protocol):
    """What one database engine does its own way."""

    name: str
    # The LIMIT that means "no limit" in driver-level SQL.
    no_limit: int | None
    # The status column where the planner must not use its index (see reads.summaries).
    status_unindexed: str
    # What ORDER BY adds after "DESC" to sort NULL last (SQLite's default already).
    nulls_last: str
    fulltext: FullText
    # The isolation level that makes a read transaction one moment (None: it is already).
    snapshot_isolation: str | None

    def create_engine(self, url: URL, *, read_only: bool) -> Engine: ...

    def without_transaction(self, connection: Connection) -> AbstractContextManager[None]:
        """``Database.reading``'s connection, each statement on its own: a read that is one
        statement needs no transaction around it, and on a server BEGIN and ROLLBACK are
        two round trips more than the statement, most of a quick read's time."""
        ...

    def bulk_writes(self, connection: Connection) -> AbstractContextManager[None]:
        """Entered inside a write transaction that will write a great deal (an import):
        what the engine needs for that, until the transaction ends."""
        ...

    def begin_write(self, connection: Connection, *, shared: bool = False) -> None:
        """Called first in every write transaction: writers queue here, one at a time.

        ``shared``: a write to one article that holds its row lock; such writes
        may run beside each other (never beside an exclusive one) where the
        engine can.
        """

    def rows(self, connection: Connection, sql: str, params: Iterable[Any] = ()) -> Rows:
        """Run a driver-level read; ``sql`` marks its parameters with ``?``."""

    def moment(self, value: datetime) -> Any:
        """An aware moment as plain SQL compares it with a stored UTCDateTime."""

    def editor(self, engine: Engine) -> str | None:
        """Who this engine connects as (a server's role); None: no such notion (asks nothing)."""

    def publish_right(self, connection: Connection, role: str) -> str | None:
        """None when this connection's user may publish (is in ``role``); else why not."""

    def check_integrity(
        self, connection: Connection, checked: list[str], problems: list[str]
    ) -> None: ...

    def check_schema(
        self, connection: Connection, checked: list[str], problems: list[str], *, repair: bool
    ) -> None:
        """Is the schema the one the migrations make? ``repair`` mends what it can."""

    def backup(self, source: URL, destination: Path) -> None:
        """A consistent copy of the whole newsroom as one SQLite file at ``destination``."""

    def continue_ids(self, connection: Connection, tables: Sequence[Table]) -> None:
        """After rows were inserted with their ids: the next new row gets a free one."""

    def insert_rows(
        self, connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]
    ) -> None:
        """Insert ``rows`` (dicts of column values, the same columns each) into ``table``."""

    def new_ids(self, connection: Connection, table: Table, count: int) -> list[int] | None:
        """Ids for ``count`` new rows of ``table`` in this write transaction, chosen as the
        engine would; None when the engine must choose them as it inserts (RETURNING)."""

    def watcher(self, url: URL) -> ChangeWatcher:
        """A watcher of every committed change to the newsroom at ``url``, from now on."""


def backend_named(name: str) -> Backend:
    """The backend of a dialect (``sqlite``, ``postgresql``); StorageError for any other."""
    if name == "sqlite":
        from newsroom.storage.sqlite import SQLITE

        return SQLITE
    if name == "postgresql":
        from newsroom.storage.postgres import POSTGRES

        return POSTGRES
    raise StorageError(
        f"{name} databases are not supported: give an SQLite file or a postgresql:// URL"
    )


def backend_of(connection: Connection) -> Backend:
    return backend_named(connection.dialect.name)
