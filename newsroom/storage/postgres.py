"""The PostgreSQL backend: one newsroom on a server, shared by a desk.

psycopg 3 connects with whatever libpq understands: the URL's host, port,
user and database, ``sslmode`` and the other libpq parameters in its query,
a ``~/.pgpass`` file for the password, or ``?service=desk`` naming an entry
of ``pg_service.conf``. The password itself is never part of what we store.

Transactions are READ COMMITTED, as PostgreSQL's default. A write
transaction first takes one transaction-scoped advisory lock, so writers
queue one at a time exactly as SQLite's BEGIN IMMEDIATE makes them: each
one then reads the latest committed state, and the revision check that
keeps two editors from overwriting each other holds across machines.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, Connection

from newsroom.storage import postgres_search
from newsroom.storage.backend import Backend, FullText

# Keys of the advisory locks the newsroom takes (any 64-bit number, ours alone).
WRITE_LOCK = 0x6E657773_77726974  # "newswrit"
CONNECT_TIMEOUT_SECONDS = 10
APPLICATION_NAME = "newsroom"


def driver(connection: Connection) -> psycopg.Connection[Any]:
    """The psycopg connection under an SQLAlchemy one, for the hot read paths."""
    raw = connection.connection.driver_connection
    assert isinstance(raw, psycopg.Connection)
    return raw


@lru_cache(maxsize=512)
def _psycopg_sql(sql: str) -> str:
    """Driver-level SQL as storage writes it (``?`` marks) in psycopg's spelling (``%s``)."""
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresBackend:
    name = "postgresql"
    no_limit: int | None = None  # LIMIT NULL: no limit
    status_unindexed = "status"  # the planner weighs the indexes well enough here
    nulls_last = " NULLS LAST"
    fulltext: FullText = postgres_search

    def create_engine(self, url: URL, *, read_only: bool) -> Engine:
        arguments: dict[str, Any] = {"application_name": APPLICATION_NAME}
        if "connect_timeout" not in url.query:
            arguments["connect_timeout"] = CONNECT_TIMEOUT_SECONDS
        # pool_pre_ping: a connection the server dropped (a restart) is replaced, not failed on.
        return create_engine(url, connect_args=arguments, pool_pre_ping=True)

    def begin_write(self, connection: Connection) -> None:
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})

    def rows(self, connection: Connection, sql: str, params: Iterable[Any] = ()) -> Any:
        return driver(connection).execute(_psycopg_sql(sql), tuple(params))

    def moment(self, value: datetime) -> datetime:
        return value

    def editor(self, connection: Connection) -> str | None:
        return str(connection.execute(text("SELECT current_user")).scalar())

    def publish_right(self, connection: Connection, role: str) -> str | None:
        member = connection.execute(
            text(
                "SELECT pg_has_role(current_user, oid, 'MEMBER'), current_user "
                "FROM pg_roles WHERE rolname = :role"
            ),
            {"role": role},
        ).first()
        if member is None:
            return (
                f"publishing is limited to the role {role!r}, which the server does not have; "
                "an administrator creates it (docs/team.md)"
            )
        if not member[0]:
            return f"publishing is limited to members of {role!r}, and {member[1]} is not one"
        return None

    def check_integrity(
        self, connection: Connection, checked: list[str], problems: list[str]
    ) -> None:
        # The server checks references on every write and keeps its own pages whole.
        version = str(connection.execute(text("SHOW server_version")).scalar()).split()[0]
        checked.append(f"database integrity: kept by the PostgreSQL {version} server")
        checked.append("references: enforced by the server")

    def check_schema(
        self, connection: Connection, checked: list[str], problems: list[str], *, repair: bool
    ) -> None:
        from newsroom.storage.health import server_schema_differences

        found = server_schema_differences(connection)
        problems.extend(found)
        if not found:
            checked.append("schema: as the migrations make it")

    def backup(self, source: URL, destination: Path) -> None:
        from newsroom.storage.backup import copy_backup

        copy_backup(source, destination)


POSTGRES: Backend = PostgresBackend()
