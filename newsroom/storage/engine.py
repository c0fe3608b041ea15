"""Where the newsroom lives: a path or URL made into an SQLAlchemy URL, and
what this process may do with an SQLite file there (write it, or only read).

How each engine's connections are set up is its backend's business
(``storage/sqlite.py``, ``storage/postgres.py``).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

import platformdirs
from sqlalchemy import Engine
from sqlalchemy.engine import URL, make_url
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
        return _database_url(text)
    if not text.strip():
        raise StorageError("the newsroom path is empty: give a file name")
    return _sqlite_url(Path(text).expanduser())


def _database_url(text: str) -> URL:
    """A URL as typed; ``postgresql://`` (or ``postgres://``) means psycopg 3, our driver."""
    try:
        url = make_url(text)
    except ArgumentError:
        where = _without_password(text)
        raise StorageError(f"{where}: not a database URL Newsroom understands") from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def _without_password(text: str) -> str:
    scheme, _, rest = text.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at or ":" not in credentials:
        return text
    return f"{scheme}://{credentials.split(':', 1)[0]}:***@{host}"


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
    if path:
        return str(path)
    if url.drivername == "postgresql+psycopg":  # as editors type it: the driver is ours to pick
        url = url.set(drivername="postgresql")
    return url.render_as_string(hide_password=True)


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


def connect_raw(
    url: URL, *, timeout: float = BUSY_TIMEOUT_SECONDS, check_same_thread: bool = True
) -> sqlite3.Connection:
    """A bare sqlite3 connection to the newsroom, opened the way ``url`` says (read-only too)."""
    database = url.database or ""
    if url.query.get("uri") in ("true", "1"):
        options = "&".join(f"{key}={value}" for key, value in url.query.items() if key != "uri")
        return sqlite3.connect(
            f"{database}?{options}", uri=True, timeout=timeout, check_same_thread=check_same_thread
        )
    return sqlite3.connect(database, timeout=timeout, check_same_thread=check_same_thread)


def create_newsroom_engine(url: URL, *, read_only: bool = False) -> Engine:
    """An engine for the newsroom at ``url``, set up the way its backend wants."""
    from newsroom.storage.backend import backend_named

    return backend_named(url.get_backend_name()).create_engine(url, read_only=read_only)
