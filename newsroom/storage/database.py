"""One newsroom's database as units of work: every call a short transaction of its own.

``Newsroom`` and its parts (``newsroom.photos``) share one ``Database``: the
engine, where it is (for messages), whether it may be written here, and the
two ways in — ``transaction`` for work that must hold together (writes take
the write lock up front) and ``reading`` for one self-consistent SELECT.
Database errors leave as StorageError with one clear line (``storage/errors``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL, Connection

from newsroom.errors import StorageError
from newsroom.storage.backend import Backend, backend_named, backend_of
from newsroom.storage.engine import WRITE_OPTION, describe, sqlite_path
from newsroom.storage.errors import translated_errors


class Database:
    def __init__(self, engine: Engine, *, read_only: str | None = None) -> None:
        self._engine = engine
        self.location = describe(engine.url)  # as messages name it: no password
        # Why it cannot be written here (None: it can); writes are refused with it.
        self.read_only = read_only

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def url(self) -> URL:
        return self._engine.url

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        return sqlite_path(self._engine.url)

    @property
    def backend(self) -> Backend:
        return backend_named(self._engine.url.get_backend_name())

    @contextmanager
    def transaction(
        self, *, write: bool = False, one_article: bool = False, bulk: bool = False
    ) -> Iterator[Connection]:
        """A connection in a transaction; writes take the write lock up front.

        ``one_article``: the write changes one existing article's own rows and
        holds that article's row lock before it reads anything it checks
        (``locks.hold_article_row``); where the engine can (PostgreSQL), such
        writes to different articles then run side by side, not one at a time.
        ``bulk``: it will write a great deal (``Backend.bulk_writes``, until it ends).
        """
        if write and self.read_only:
            raise StorageError(
                f"{self.location}: the newsroom is read-only here ({self.read_only}); "
                "nothing was saved"
            )
        with translated_errors(self.location), self._engine.connect() as connection:
            if write:
                connection.execution_options(**{WRITE_OPTION: True})
            with connection.begin():
                if write:
                    backend_of(connection).begin_write(connection, shared=one_article)
                with self._bulk(connection, bulk):
                    yield connection

    def _bulk(self, connection: Connection, bulk: bool) -> AbstractContextManager[None]:
        return self.backend.bulk_writes(connection) if bulk else nullcontext()

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection for one self-consistent SELECT (no transaction round trips).

        Several statements here do not see one moment together: use
        ``transaction`` for that.
        """
        with (
            translated_errors(self.location),
            self._engine.connect() as connection,
            self.backend.without_transaction(connection),
        ):
            yield connection

    def dispose(self) -> None:
        self._engine.dispose()
