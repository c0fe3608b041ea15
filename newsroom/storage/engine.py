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
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

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


@dataclass(frozen=True)
class Access:
    """How this process can open a newsroom: ``url`` to connect with, and why it is read-only.

    ``read_only`` is None when the file can be written, else the reason in
    words (a read-only file system, a file without write permission or with
    the immutable attribute, a folder where SQLite cannot keep its log).
    """

    url: URL
    read_only: str | None = None


def access(url: URL) -> Access:
    """Open writable when we can; read-only (``mode=ro``) when the file cannot be written.

    A newsroom is a WAL file: even a reader needs the ``-shm`` index beside
    it. Where that cannot be made (a read-only file system or folder) the
    file is opened ``immutable``: SQLite then takes no locks and reads the
    file alone, which is right only because nobody can write it there.
    """
    path = sqlite_path(url)
    if path is None:
        return Access(url)
    if url.query.get("mode") == "ro":
        return Access(url, "it was opened with mode=ro")
    if not path.is_file():
        return Access(url)
    why = _why_read_only(path)
    if why is None:
        return Access(url)
    immutable = not can_share_memory(path)
    return Access(read_only_url(path, immutable=immutable), why)


def _why_read_only(path: Path) -> str | None:
    if _on_read_only_file_system(path):
        return "it is on a read-only file system"
    if not os.access(path, os.W_OK):
        return "the file cannot be written (its permissions, or the immutable attribute)"
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return f"its folder {path.parent} cannot be written (SQLite keeps its log beside the file)"
    return None


def _on_read_only_file_system(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs on Windows
        return False


def can_share_memory(path: Path) -> bool:
    """Whether a reader can use (or make) the ``-shm`` file WAL readers share."""
    if Path(f"{path}-shm").exists() and Path(f"{path}-wal").exists():
        return True
    folder = path.parent
    return os.access(folder, os.W_OK | os.X_OK) and not _on_read_only_file_system(folder)


def read_only_url(path: Path, *, immutable: bool = False) -> URL:
    query = {"mode": "ro", "uri": "true"}
    if immutable:
        query["immutable"] = "1"
    return URL.create("sqlite", database=f"file:{quote(str(path.absolute()))}", query=query)


def connect_raw(url: URL, *, timeout: float = BUSY_TIMEOUT_SECONDS) -> sqlite3.Connection:
    """A bare sqlite3 connection to the newsroom, opened the way ``url`` says (read-only too)."""
    database = url.database or ""
    if url.query.get("uri") in ("true", "1"):
        options = "&".join(f"{key}={value}" for key, value in url.query.items() if key != "uri")
        return sqlite3.connect(f"{database}?{options}", uri=True, timeout=timeout)
    return sqlite3.connect(database, timeout=timeout)


def create_newsroom_engine(url: URL, *, read_only: bool = False) -> Engine:
    backend = url.get_backend_name()
    if backend != "sqlite":
        raise StorageError(
            f"{describe(url)}: only SQLite newsrooms are supported in this version "
            "(PostgreSQL support is planned); give a file path"
        )
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_SECONDS})
    event.listen(engine, "connect", _configure_reader if read_only else _configure_sqlite)
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


def _configure_reader(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # A read-only file keeps its journal mode: setting WAL would be a write.
    dbapi_connection.isolation_level = None


def _begin_sqlite(connection: Connection) -> None:
    write = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
