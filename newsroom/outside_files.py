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

Files an imported document names (its photos) are read by ``read_named``,
the one rule for every import format: only regular files, only inside the
document's folder (after following links), and only up to a size checked
before reading.
"""

from __future__ import annotations

import os
import stat
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


# How a named file is opened: never following a link the check did not see, and a
# named pipe without waiting for a writer (it is then refused as not a regular file).
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def read_named(reference: str, base_dir: Path, *, limit: int, allow_outside: bool = False) -> bytes:
    """The bytes of a file an imported document names.

    The file must lie in ``base_dir`` or below it, links followed: a document
    from elsewhere must not pull in files from the rest of the disk, and a
    refused path reads the same whether it exists or not (the refusal comes
    before any look at it). ``allow_outside`` lifts that for a deliberate
    import. Never read, even then: devices, named pipes and sockets (an
    endless or blocking read), an open newsroom's own file, and a file of
    more than ``limit`` bytes (checked before reading, and while reading).

    Raises NewsroomError for a refusal, and FileNotFoundError,
    IsADirectoryError or another OSError for a file that cannot be read.
    """
    file = base_dir / Path(reference).expanduser()  # an absolute reference stays as it is
    real = file.resolve()
    if not allow_outside and not real.is_relative_to(base_dir.resolve()):
        raise NewsroomError(
            f"{reference!r} points outside the imported file's folder {base_dir}; photos are "
            "read from there and below only (--allow-outside-photos reads others)"
        )
    check_outside(real, str(file))
    return read_regular(
        real, label=str(file), limit=limit,
        not_regular="not a photo file (a device, a pipe or a socket)", kind="a photo",
    )  # fmt: skip


def read_regular(
    path: Path, *, label: str, limit: int, not_regular: str, kind: str, flags: int = _OPEN_FLAGS
) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Opened without waiting (``flags``), then looked at before a byte is read:
    a folder raises IsADirectoryError; a device, pipe or socket (an endless or
    blocking read) is refused with ``label: not_regular``. The size is checked
    before reading and while reading (a file that grows), refused as larger
    than the most ``kind`` may be.
    """
    with os.fdopen(os.open(path, flags), "rb") as stream:
        mode = os.fstat(stream.fileno())
        if stat.S_ISDIR(mode.st_mode):
            raise IsADirectoryError(label)
        if not stat.S_ISREG(mode.st_mode):
            raise NewsroomError(f"{label}: {not_regular}")
        data = b"" if mode.st_size > limit else stream.read(limit + 1)
    if mode.st_size > limit or len(data) > limit:
        raise NewsroomError(
            f"{label}: larger than {limit // (1024 * 1024)} MB, the most {kind} may be"
        )
    return data
