"""Copying a whole newsroom into an empty one: a file to a server, a server to a file.

Every table of ``storage/schema.py`` travels, parents before children, with
its ids: articles with every revision, the trash, photos and renditions,
settings, codes, slug aliases, sections and their aliases, the dictionary.
SQLAlchemy Core only, so the same code reads and writes SQLite and
PostgreSQL.

- The source is only read, inside one read transaction (a snapshot: others
  may keep writing meanwhile), and may be read-only. It must be a newsroom at
  the current schema: copying never upgrades it behind the editor's back.
- The destination must be missing or empty (a new file, an empty database,
  or a newsroom with no rows at all): a copy never merges into a newsroom or
  overwrites one. It is made by the migrations, as any new newsroom, and
  filled in ONE transaction: a failure leaves it empty (a file the copy made
  is removed again).
- Rows are streamed in batches bounded in count and in bytes, so a library
  of large photos never sits in memory whole.
- PostgreSQL's id sequences are set past the copied ids, and the search
  indexes are rebuilt from the copied rows.

The newsroom's identity (a setting) travels too: the copy is the same
newsroom, moved or taken on the road, and a site it exported still knows it
as its own. Copying is how a desk moves from a laptop to a server.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, LargeBinary, Table, func, select
from sqlalchemy.engine import URL, Connection, Result
from sqlalchemy.exc import DBAPIError

from newsroom.errors import StorageError
from newsroom.storage import reads
from newsroom.storage.backend import backend_of
from newsroom.storage.engine import (
    WRITE_OPTION,
    access,
    create_newsroom_engine,
    describe,
    resolve_url,
    sqlite_path,
)
from newsroom.storage.errors import explain
from newsroom.storage.migrate import SCHEMA_HEAD, SCHEMA_REVISIONS, prepare, schema_state
from newsroom.storage.schema import METADATA

# Parents before children: every foreign key points at rows already copied.
# Locks are who is editing what in this newsroom now, not content: a copy starts with
# none (a lock carried to another database would hold its article for a session
# that is not there, until it expired).
NOT_COPIED = frozenset({"locks"})
TABLES: tuple[Table, ...] = tuple(
    table for table in METADATA.sorted_tables if table.name not in NOT_COPIED
)
BATCH_ROWS = 500
# Photos and renditions are megabytes each: a batch also ends at this many bytes,
# and tables with binary columns are fetched this many rows at a time.
BATCH_BYTES = 16 * 1024 * 1024
BINARY_FETCH_ROWS = 8
# The step after the tables, as progress names it.
SEARCH_STEP = "search index"

Target = str | os.PathLike[str] | URL
# Told after each batch: (table, rows copied so far, rows in the table).
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class CopyReport:
    """What was copied: where from, where to, and the rows of each table in copy order."""

    source: str
    destination: str
    rows: dict[str, int]

    def count(self, table: str) -> int:
        return self.rows.get(table, 0)


def copy_newsroom(
    source_target: Target, destination_target: Target, *, progress: Progress | None = None
) -> CopyReport:
    """Copy the newsroom at ``source_target`` into the new or empty ``destination_target``.

    Either is a path or a database URL. StorageError, in one line naming the
    newsroom concerned, when the source is not a current newsroom, the
    destination holds anything, both are the same, or the copy fails (the
    destination is then left as it was).
    """
    source_url, destination_url = _url(source_target), _url(destination_target)
    _refuse_same(source_url, destination_url)
    source = _open_source(source_url)
    try:
        return _copy_into(source, destination_url, progress or _silent)
    finally:
        source.dispose()


def _url(target: Target) -> URL:
    return target if isinstance(target, URL) else resolve_url(target)


def _silent(_table: str, _done: int, _total: int) -> None:
    pass


def _refuse_same(source: URL, destination: URL) -> None:
    source_path, destination_path = sqlite_path(source), sqlite_path(destination)
    if source_path is not None and destination_path is not None:
        same = source_path.resolve() == destination_path.resolve()
    else:
        same = _server_database(source) == _server_database(destination)
    if same:
        raise StorageError(f"{describe(destination)}: that is the newsroom being copied itself")


def _server_database(url: URL) -> tuple[object, ...]:
    # A Unix socket's folder comes as ``?host=`` in the query.
    return (url.get_backend_name(), url.host, url.port, url.query.get("host"), url.database)


# --- the two ends -----------------------------------------------------------------------


def _open_source(url: URL) -> Engine:
    """The source, read through a reader's connection: nothing here writes to it."""
    where = describe(url)
    path = sqlite_path(url)
    if path is not None and path.is_dir():
        raise StorageError(f"{where}: is a folder; give the newsroom's file name")
    if path is not None and not path.is_file():
        raise StorageError(f"{where}: no newsroom here to copy")
    engine = create_newsroom_engine(access(url).url, read_only=True)
    try:
        _check_source_schema(engine, where)
    except BaseException:
        engine.dispose()
        raise
    return engine


def _check_source_schema(engine: Engine, where: str) -> None:
    state = schema_state(engine)
    if state.is_empty:
        raise StorageError(f"{where}: no newsroom here to copy")
    if state.revision is None:
        raise StorageError(f"{where}: this database is not a newsroom; nothing to copy")
    if state.revision not in SCHEMA_REVISIONS:
        raise StorageError(
            f"{where}: written by a newer version of Newsroom (schema {state.revision}); "
            "update Newsroom to copy it"
        )
    if state.revision != SCHEMA_HEAD:
        raise StorageError(
            f"{where}: a newsroom of an older schema ({state.revision}); upgrade it first "
            f"with 'newsroom --db {where} init', then copy it"
        )


def _copy_into(source: Engine, url: URL, progress: Progress) -> CopyReport:
    where = describe(url)
    path = sqlite_path(url)
    made_file = path is not None and not path.exists()
    destination = _open_destination(url, where)
    try:
        rows = copy_rows(source, destination, progress=progress)
    except BaseException:
        destination.dispose()
        if made_file and path is not None:
            _remove_file(path)
        raise
    destination.dispose()
    return CopyReport(describe(source.url), where, rows)


def _open_destination(url: URL, where: str) -> Engine:
    """The destination, made a newsroom if it is not one yet; refused unless it holds nothing."""
    path = sqlite_path(url)
    if path is not None and path.is_dir():
        raise StorageError(f"{where}: is a folder; give a file name for the copy")
    if path is not None and not path.parent.is_dir():
        raise StorageError(f"{where}: cannot create it, the folder {path.parent} does not exist")
    how = access(url)
    if how.read_only is not None:
        raise StorageError(f"{where}: cannot be written here ({how.read_only})")
    engine = create_newsroom_engine(how.url)
    try:
        _refuse_unless_empty(engine, where)
        prepare(engine, create=True)
    except BaseException:
        engine.dispose()
        raise
    return engine


def _refuse_unless_empty(engine: Engine, where: str) -> None:
    state = schema_state(engine)
    if state.is_empty:
        return
    never = "copy only into a new file or an empty database, never over a newsroom"
    if state.revision is None:
        raise StorageError(f"{where}: holds other tables and is not a newsroom; {never}")
    if state.revision != SCHEMA_HEAD:
        raise StorageError(f"{where}: already holds a newsroom (schema {state.revision}); {never}")
    with engine.connect() as connection:
        held = {table.name: _count(connection, table) for table in TABLES}
    if any(held.values()):
        articles = held.get("articles", 0)
        raise StorageError(f"{where}: already holds a newsroom ({articles} articles); {never}")


def _remove_file(path: Path) -> None:
    """Take away the file a failed copy made, and SQLite's files beside it."""
    for leftover in (path, *(Path(f"{path}{end}") for end in ("-wal", "-shm", "-journal"))):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


# --- the copy itself --------------------------------------------------------------------


def copy_rows(
    source: Engine, destination: Engine, *, progress: Progress | None = None
) -> dict[str, int]:
    """Every table's rows, read in one transaction on the source, written in one on the destination.

    Both are newsrooms at the current schema and the destination is empty
    (``copy_newsroom`` sees to that). Returns the rows copied per table.
    """
    where = describe(destination.url)
    progress = progress or _silent
    step = "the start"
    try:
        with source.connect() as reading, destination.connect() as writing:
            writing.execution_options(**{WRITE_OPTION: True})
            with _snapshot(reading), writing.begin():
                totals = {table.name: _count(reading, table) for table in TABLES}
                copied: dict[str, int] = {}
                for table in TABLES:
                    step = table.name
                    copied[table.name] = _copy_table(
                        reading, writing, table, totals[table.name], progress
                    )
                step = SEARCH_STEP
                backend_of(writing).continue_ids(writing, TABLES)
                progress(SEARCH_STEP, 0, 1)
                _rebuild_search(writing)
            progress(SEARCH_STEP, 1, 1)
            return copied
    except DBAPIError as error:
        raise StorageError(
            f"{where}: the copy stopped at {step} ({explain(error)}); "
            "nothing was copied, the destination is as it was"
        ) from None


@contextlib.contextmanager
def _snapshot(reading: Connection) -> Iterator[None]:
    """One consistent state of the source, however long the copy takes.

    SQLite's read transaction is a snapshot already (WAL); PostgreSQL's
    default READ COMMITTED would see each statement's own moment.
    """
    isolation = backend_of(reading).snapshot_isolation
    if isolation is not None:
        reading.execution_options(isolation_level=isolation)
    with reading.begin():
        yield


def _count(connection: Connection, table: Table) -> int:
    return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def _copy_table(
    reading: Connection, writing: Connection, table: Table, total: int, progress: Progress
) -> int:
    progress(table.name, 0, total)
    binary = any(isinstance(column.type, LargeBinary) for column in table.columns)
    fetch = BINARY_FETCH_ROWS if binary else BATCH_ROWS
    rows = reading.execution_options(yield_per=fetch).execute(
        select(table).order_by(*table.primary_key.columns)
    )
    done = 0
    for batch in _batches(rows):
        writing.execute(table.insert(), batch)
        done += len(batch)
        progress(table.name, done, total)
    return done


def _batches(rows: Result[Any]) -> Iterator[list[dict[str, Any]]]:
    """The rows as lists of column values, each list at most BATCH_ROWS rows or BATCH_BYTES."""
    batch: list[dict[str, Any]] = []
    size = 0
    for row in rows:
        values = row._asdict()
        batch.append(values)
        size += sum(len(value) for value in values.values() if isinstance(value, bytes | str))
        if len(batch) >= BATCH_ROWS or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _rebuild_search(writing: Connection) -> None:
    """Fill the destination's search indexes from the copied articles and photos."""
    fulltext = backend_of(writing).fulltext
    fulltext.rebuild(writing)
    fulltext.index_photos(writing, reads.photo_ids(writing))
