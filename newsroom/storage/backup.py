"""Consistent copies of an SQLite newsroom, safe while it is in use.

SQLite's backup API copies every page inside one read transaction, so the
copy is one committed state even while the app or another process writes
(WAL lets those writers go on meanwhile). The copy is written under a
temporary name, checked, flushed to disk and only then renamed into place:
an interrupted backup never leaves a half-written file where a good one
was expected.

A newsroom on a server is backed up into an SQLite file too, through
``storage/copying`` (``copy_backup``): a backup is always one file anyone
can open.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.engine import URL

from newsroom.errors import StorageError
from newsroom.storage.copying import copy_newsroom
from newsroom.storage.engine import connect_raw, describe, sqlite_path

BUSY_TIMEOUT_SECONDS = 30.0


def sqlite_backup(source: URL, destination: Path) -> None:
    """Copy the newsroom at ``source`` to the file ``destination`` (replacing it atomically).

    ``source`` is the URL the newsroom was opened with, so a read-only
    newsroom is read the same way (``mode=ro``, or ``immutable``).
    """
    if sqlite_path(source) is None:
        raise StorageError(f"{source}: backup copies SQLite newsrooms only")
    _into_place(destination, lambda temporary: _copy(source, temporary), "")


def copy_backup(source: URL, destination: Path) -> None:
    """Copy the newsroom at ``source`` (any engine) into the SQLite file ``destination``.

    Written under a temporary name and renamed into place once complete and
    checked, as ``sqlite_backup`` does; the copy reads one committed state.
    """

    def write(temporary: Path) -> None:
        copy_newsroom(source, temporary)
        _standalone(temporary, destination)

    _into_place(destination, write, f" of {describe(source)}")


def _into_place(destination: Path, write: Callable[[Path], None], of: str) -> None:
    """``write`` the copy under a temporary name, flush it, then rename it into place."""
    temporary = destination.with_name(f".{destination.name}.partial-{os.getpid()}")
    _remove_with_logs(temporary)  # what a crashed run of this process id left
    try:
        write(temporary)
        _fsync(temporary)
        temporary.replace(destination)
        _fsync_folder(destination.parent)
    except sqlite3.Error as error:
        raise StorageError(f"{destination}: the backup failed ({error})") from None
    except OSError as error:
        raise StorageError(
            f"{destination}: cannot write the backup{of} ({error.strerror or error})"
        ) from None
    finally:
        _remove_with_logs(temporary)


def _standalone(copy: Path, destination: Path) -> None:
    """No ``-wal`` file needed beside the copy; and it passes SQLite's own check."""
    with contextlib.closing(sqlite3.connect(copy)) as connection:
        connection.execute("PRAGMA journal_mode = DELETE")
        verdict = connection.execute("PRAGMA integrity_check").fetchone()
    if verdict is None or verdict[0] != "ok":
        raise StorageError(f"{destination}: the copy failed its integrity check")


def _remove_with_logs(path: Path) -> None:
    for leftover in (path, *(Path(f"{path}{end}") for end in ("-journal", "-wal", "-shm"))):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def _copy(source: URL, destination: Path) -> None:
    reader = contextlib.closing(connect_raw(source, timeout=BUSY_TIMEOUT_SECONDS))
    writer = contextlib.closing(sqlite3.connect(destination))
    with reader as source_db, writer as copy:
        source_db.backup(copy)
    _standalone(destination, destination)


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
