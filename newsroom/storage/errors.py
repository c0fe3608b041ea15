"""Database trouble, told in words an editor can act on.

Every database call runs inside ``translated_errors``: a locked file, a full
disk, a read-only folder or a damaged file becomes a StorageError with one
clear line. The transaction has been rolled back by then, so nothing saved
before is touched.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, IntegrityError

from newsroom.errors import StorageError, UnreachableError

DAMAGED = (
    "the file is damaged; 'newsroom check-db' says what is readable and "
    "'newsroom recover NEW_FILE' copies it into a new newsroom"
)
_EXPLANATIONS = (
    ("locked", "the newsroom is busy (another program is writing to it); try again in a moment"),
    ("readonly", "the newsroom is read-only here (file or folder permissions); nothing was saved"),
    ("read-only", "the newsroom is read-only here (file or folder permissions); nothing was saved"),
    ("disk is full", "the disk is full; nothing was saved: free some space and try again"),
    ("disk i/o error", "the disk reported an error; nothing was saved"),
    ("unable to open", "cannot open the file (its folder is missing or not readable)"),
    ("not a database", "not a newsroom file (not an SQLite database)"),
    ("malformed", DAMAGED),
)


# What libpq and the server say when there is no server to talk to (stopped, restarting).
_UNREACHABLE = (
    "connection failed",
    "connection is bad",
    "is the server running",
    "could not connect",
    "connection refused",
    "server closed the connection",
    "terminating connection",
    "the database system is shutting down",
    "the database system is starting up",
    "the database system is in recovery mode",
    "consuming input failed",
    "connection is closed",
    "connection timeout expired",
)


def unreachable(error: DBAPIError) -> bool:
    """Whether the server could not be reached, as opposed to refusing what we asked."""
    reason = (str(error.orig) if error.orig is not None else str(error)).lower()
    return error.connection_invalidated or any(phrase in reason for phrase in _UNREACHABLE)


def explain(error: DBAPIError) -> str:
    reason = str(error.orig) if error.orig is not None else str(error)
    # PostgreSQL adds lines (a hint, where in the statement): the first says what went wrong.
    reason = reason.strip().split("\n", 1)[0]
    lowered = reason.lower()
    for needle, explanation in _EXPLANATIONS:
        if needle in lowered:
            return explanation
    if isinstance(error, IntegrityError):
        return f"the change clashes with what is saved ({reason}); nothing was saved"
    return f"database error ({reason})"


@contextmanager
def translated_errors(where: str) -> Iterator[None]:
    try:
        yield
    except DBAPIError as error:
        if unreachable(error):
            raise UnreachableError(
                f"{where}: cannot reach the database server (it is stopped, restarting or "
                "out of the network's reach); nothing was saved: try again when it is back"
            ) from error
        raise StorageError(f"{where}: {explain(error)}") from error
