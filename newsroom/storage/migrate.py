"""Bringing a newsroom file to the current schema, or refusing it.

Opening checks the schema version with one cheap query; Alembic is loaded
only when there is something to do. A file from a newer Newsroom is refused
(its data would be misread), a database that is not a newsroom is left
untouched, and before an upgrade an SQLite file is copied aside, so a failed
or unwanted upgrade never costs anyone their work.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DatabaseError

from newsroom.errors import StorageError
from newsroom.storage.backend import backend_of
from newsroom.storage.engine import WRITE_OPTION, connect_raw, describe, sqlite_path
from newsroom.storage.errors import DAMAGED

# Every schema revision this version knows, oldest first. A test checks this
# against the Alembic scripts, so adding a migration means adding it here.
SCHEMA_REVISIONS: tuple[str, ...] = (
    "0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010",
    "0011", "0012", "0013", "0014", "0015", "0016", "0017", "0018",
)  # fmt: skip
SCHEMA_HEAD = SCHEMA_REVISIONS[-1]
SCRIPT_LOCATION = "newsroom.storage:migrations"


@dataclass(frozen=True)
class SchemaState:
    """What the file holds: no tables at all, a newsroom at ``revision``, or something else."""

    revision: str | None
    has_tables: bool

    @property
    def is_empty(self) -> bool:
        return not self.has_tables and self.revision is None


def read_state(connection: Connection) -> SchemaState:
    tables = set(inspect(connection).get_table_names())
    if "alembic_version" not in tables:
        return SchemaState(revision=None, has_tables=bool(tables))
    revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return SchemaState(revision=revision, has_tables=True)


def prepare(engine: Engine, *, create: bool, read_only: str | None = None) -> str:
    """Make the newsroom at ``engine`` usable: create, upgrade, or refuse it.

    ``read_only`` says why the file cannot be written (None: it can), so a
    newsroom that needs creating or upgrading is refused with that reason.
    Returns what was done: ``"created"``, ``"upgraded"`` or ``"current"``.
    """
    where = describe(engine.url)
    state = _state_or_refuse(engine)
    if state.revision == SCHEMA_HEAD:
        return "current"
    if state.is_empty:
        if not create:
            raise StorageError(f"{where}: {_nothing_here(engine)}; create one with 'newsroom init'")
        if read_only:
            raise StorageError(f"{where}: no newsroom here yet, and none can be made: {read_only}")
        upgrade(engine, SCHEMA_HEAD)
        return "created"
    if state.revision is None:
        raise StorageError(
            f"{where}: this database holds other tables and is not a newsroom; give a new file name"
        )
    if state.revision not in SCHEMA_REVISIONS:
        raise StorageError(
            f"{where}: written by a newer version of Newsroom (schema {state.revision}); "
            "update Newsroom to open it"
        )
    if read_only:
        raise StorageError(
            f"{where}: written by an older Newsroom (schema {state.revision}) and read-only here "
            f"({read_only}), so it cannot be upgraded; copy it somewhere writable and open the copy"
        )
    backup_before_upgrade(engine, state.revision)
    upgrade(engine, SCHEMA_HEAD)
    return "upgraded"


def schema_state(engine: Engine) -> SchemaState:
    """What the database at ``engine`` holds, looked at without changing it (or refused)."""
    return _state_or_refuse(engine)


def _state_or_refuse(engine: Engine) -> SchemaState:
    where = describe(engine.url)
    path = sqlite_path(engine.url)
    if path is not None:
        # Look with a bare connection first: a file that turns out not to be
        # ours must not be touched (our connections switch it to WAL).
        return _sqlite_state(engine, path, where)
    try:
        with engine.connect() as connection:
            return read_state(connection)
    except DatabaseError as error:
        raise StorageError(f"{where}: cannot open it ({_reason(error)})") from None


def _nothing_here(engine: Engine) -> str:
    path = sqlite_path(engine.url)
    if path is not None and path.is_file():
        # What a failed copy or a full disk can leave: say so, in case it held a newsroom.
        return "no newsroom here yet (the file is empty, 0 bytes: if it held one, restore a backup)"
    return "no newsroom here yet"


def _sqlite_state(engine: Engine, path: Path, where: str) -> SchemaState:
    if not path.exists() or path.stat().st_size == 0:
        return SchemaState(revision=None, has_tables=False)
    try:
        with contextlib.closing(connect_raw(engine.url)) as raw:
            tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" not in tables:
                return SchemaState(revision=None, has_tables=bool(tables))
            row = raw.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError as error:
        raise StorageError(f"{where}: cannot open it ({error})") from None
    except sqlite3.DatabaseError as error:
        if "malformed" in str(error):
            raise StorageError(f"{where}: {DAMAGED}") from None
        raise StorageError(f"{where}: not a newsroom file (not an SQLite database)") from None
    return SchemaState(revision=row[0] if row else None, has_tables=True)


def _reason(error: DatabaseError) -> str:
    # PostgreSQL adds lines pointing into the statement: the first says what went wrong.
    reason = str(error.orig) if error.orig is not None else str(error)
    return reason.strip().splitlines()[0] if reason.strip() else type(error).__name__


def upgrade(engine: Engine, target: str) -> None:
    """Run the migrations up to ``target`` in one transaction (all or nothing).

    Works on any engine the migrations know: an SQLite file, or a PostgreSQL
    database (``postgresql+psycopg://``), where DDL is transactional too. A
    refusal by the database (a full disk, a role that may not create tables)
    is a StorageError naming it; nothing of the upgrade is kept.
    """
    from alembic import command
    from alembic.config import Config

    with engine.connect() as connection:
        connection.execution_options(**{WRITE_OPTION: True})
        with connection.begin():
            # A second process upgrading the same database waits here, then finds it done
            # (Alembic reads the version the first left): the writers' own queue.
            backend_of(connection).begin_write(connection)
            config = Config()
            config.set_main_option("script_location", SCRIPT_LOCATION)
            config.attributes["connection"] = connection
            try:
                command.upgrade(config, target)
            except DatabaseError as error:
                raise StorageError(
                    f"{describe(engine.url)}: could not upgrade the newsroom ({_reason(error)}); "
                    "it was left as it was"
                ) from None


def backup_before_upgrade(engine: Engine, revision: str) -> Path | None:
    """Copy an SQLite newsroom aside before its schema changes; returns the copy."""
    path = sqlite_path(engine.url)
    if path is None:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    copy = path.with_name(f"{path.name}.before-upgrade-from-{revision}-{stamp}")
    from newsroom.storage.backup import sqlite_backup

    sqlite_backup(engine.url, copy)
    return copy
