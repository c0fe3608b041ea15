"""Where the newsroom lives and how we connect to it.

SQLite connections get: WAL (readers never wait for a writer), foreign keys
on, full fsync on commit (an editor's saved work survives power loss, not
only a crash), and a busy timeout instead of an instant "database is
locked". We issue BEGIN ourselves so that writes start with BEGIN IMMEDIATE:
two writers then queue on the lock instead of failing when a read turns
into a write.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError

from newsroom.errors import StorageError

DB_ENV = "NEWSROOM_DB"
DEFAULT_FILENAME = "newsroom.sqlite"
BUSY_TIMEOUT_SECONDS = 15.0
WRITE_OPTION = "newsroom_write"


def default_location() -> Path:
    """``$NEWSROOM_DB``, else ``newsroom.sqlite`` in the platform's user data folder."""
    from_env = os.environ.get(DB_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_data_dir("newsroom", appauthor=False)) / DEFAULT_FILENAME


def resolve_url(target: str | os.PathLike[str] | None) -> URL:
    """An SQLAlchemy URL for a path, a URL, or None (the default location)."""
    if target is None:
        return _sqlite_url(default_location())
    text = os.fspath(target)
    if "://" in text:
        try:
            return make_url(text)
        except ArgumentError:
            raise StorageError(f"{text}: not a database URL Newsroom understands") from None
    if not text.strip():
        raise StorageError("the newsroom path is empty: give a file name")
    return _sqlite_url(Path(text).expanduser())


def _sqlite_url(path: Path) -> URL:
    return URL.create("sqlite", database=str(path.absolute()))


def sqlite_path(url: URL) -> Path | None:
    """The file behind an SQLite URL; None for other databases and in-memory ones."""
    database = url.database
    if url.get_backend_name() != "sqlite" or database in (None, "", ":memory:"):
        return None
    if url.query.get("uri") in ("true", "1") and database.startswith("file:"):
        # sqlite:///file:/path/news.sqlite?mode=ro&uri=true opens the file read-only.
        database = unquote(database.removeprefix("file:").split("?", 1)[0])
    return Path(database)


def describe(url: URL) -> str:
    """How to name the newsroom in messages: its path, or its URL without password."""
    path = sqlite_path(url)
    return str(path) if path else url.render_as_string(hide_password=True)


def create_newsroom_engine(url: URL) -> Engine:
    backend = url.get_backend_name()
    if backend != "sqlite":
        raise StorageError(
            f"{describe(url)}: only SQLite newsrooms are supported in this version "
            "(PostgreSQL support is planned); give a file path"
        )
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_SECONDS})
    event.listen(engine, "connect", _configure_sqlite)
    event.listen(engine, "begin", _begin_sqlite)
    return engine


def _configure_sqlite(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Autocommit at the driver level: transactions are begun in _begin_sqlite.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


def _begin_sqlite(connection: Connection) -> None:
    write = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
