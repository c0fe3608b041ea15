"""Consistent copies of an SQLite newsroom, safe while it is in use.

SQLite's backup API copies every page inside one read transaction, so the
copy is one committed state even while the app or another process writes
(WAL lets those writers go on meanwhile). The copy is written under a
temporary name, checked, flushed to disk and only then renamed into place:
an interrupted backup never leaves a half-written file where a good one
was expected.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from sqlalchemy.engine import URL

from newsroom.errors import StorageError
from newsroom.storage.engine import connect_raw, sqlite_path

BUSY_TIMEOUT_SECONDS = 30.0


def sqlite_backup(source: URL, destination: Path) -> None:
    """Copy the newsroom at ``source`` to the file ``destination`` (replacing it atomically).

    ``source`` is the URL the newsroom was opened with, so a read-only
    newsroom is read the same way (``mode=ro``, or ``immutable``).
    """
    if sqlite_path(source) is None:
        raise StorageError(f"{source}: backup copies SQLite newsrooms only")
    temporary = destination.with_name(f".{destination.name}.partial-{os.getpid()}")
    try:
        _copy(source, temporary)
        _fsync(temporary)
        temporary.replace(destination)
        _fsync_folder(destination.parent)
    except sqlite3.Error as error:
        raise StorageError(f"{destination}: the backup failed ({error})") from None
    except OSError as error:
        raise StorageError(
            f"{destination}: cannot write the backup ({error.strerror or error})"
        ) from None
    finally:
        for leftover in (temporary, Path(f"{temporary}-journal"), Path(f"{temporary}-wal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _copy(source: URL, destination: Path) -> None:
    reader = contextlib.closing(connect_raw(source, timeout=BUSY_TIMEOUT_SECONDS))
    writer = contextlib.closing(sqlite3.connect(destination))
    with reader as source_db, writer as copy:
        source_db.backup(copy)
        # A standalone copy: no -wal file needed beside it.
        copy.execute("PRAGMA journal_mode = DELETE")
        verdict = copy.execute("PRAGMA integrity_check").fetchone()
        if verdict is None or verdict[0] != "ok":
            raise StorageError(f"{destination}: the copy failed its integrity check")


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
