"""Reading files from outside (photos, code tables, imports), never an open newsroom's.

SQLite keeps several programs in step on one newsroom file through POSIX
advisory locks, and such locks belong to the whole process: closing *any*
descriptor of the file in the process drops them all. Reading an open
newsroom's file (or its ``-wal``/``-shm``) as if it were a photo or an
import would silently drop this process's locks; the next program to close
the newsroom would delete the write-ahead log still in use here, and the
saves made here after that would be invisible to others and lost in a crash.

``Newsroom.open`` registers its file here and ``close`` removes it;
``read_outside`` refuses such a file with a one-line message before opening it.
"""

from __future__ import annotations

import threading
from pathlib import Path

from newsroom.errors import NewsroomError

# SQLite's companions of a database file: they are the newsroom too.
COMPANIONS = ("", "-wal", "-shm", "-journal")

_lock = threading.Lock()
_open: dict[Path, int] = {}  # newsroom files open in this process, and how many times


def register(path: Path) -> None:
    with _lock:
        _open[path] = _open.get(path, 0) + 1


def unregister(path: Path) -> None:
    with _lock:
        left = _open.get(path, 0) - 1
        if left > 0:
            _open[path] = left
        else:
            _open.pop(path, None)


def open_newsroom_holding(path: Path) -> Path | None:
    """The open newsroom whose file (or -wal, -shm, -journal) ``path`` is, if any.

    Compared with ``Path.samefile``, which only looks at the file (stat), never opens it.
    """
    with _lock:
        newsrooms = list(_open)
    for newsroom in newsrooms:
        for companion in COMPANIONS:
            candidate = Path(f"{newsroom}{companion}")
            try:
                if path.samefile(candidate):
                    return newsroom
            except OSError:
                continue
    return None


def check_outside(path: Path, label: str | None = None) -> None:
    """Refuse ``path`` when it is (part of) a newsroom open in this process."""
    if open_newsroom_holding(path) is not None:
        raise NewsroomError(
            f"{label or path}: this is the open newsroom's own file, not one to read in; "
            "choose another file"
        )


def read_outside(path: Path, label: str | None = None) -> bytes:
    """The bytes of a file from outside, once it is known not to be an open newsroom's."""
    check_outside(path, label)
    return path.read_bytes()
