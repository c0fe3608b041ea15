"""Is the newsroom's schema the one the migrations make? And what can be mended.

The expectation is never written down twice: a fresh newsroom is made by the
migrations in a temporary folder, once per process, and the file's tables,
columns, indexes, views, triggers and search indexes are compared with it.
Every difference is named. Repair recreates what can be recreated without
guessing at data: missing indexes, views and triggers, and missing tables
(empty: their rows are gone, and the message says so) — then the caller
refills the search indexes.
"""

from __future__ import annotations

import contextlib
import functools
import re
import sqlite3
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, Connection

# SQLite's own bookkeeping (ANALYZE statistics, autoincrement counters): not ours to compare.
_INTERNAL = re.compile(r"^sqlite_(stat\d|sequence)$")
_KIND_ORDER = {"table": 0, "index": 1, "view": 2, "trigger": 3}


@dataclass(frozen=True)
class SchemaItem:
    """One entry of ``sqlite_master`` and its shape (columns, or its SQL made comparable)."""

    kind: str  # table, index, view, trigger
    name: str
    table: str
    sql: str | None
    shape: tuple[object, ...]

    @property
    def column_names(self) -> list[str]:
        """A table's columns, in order (its shape starts with them)."""
        columns = self.shape[0] if self.kind == "table" else ()
        assert isinstance(columns, tuple)
        return [str(column[0]) for column in columns]

    @property
    def label(self) -> str:
        on = f" (on {self.table})" if self.kind in ("index", "trigger") else ""
        return f"{self.kind} {self.name}{on}"


Schema = dict[str, SchemaItem]


@functools.cache
def expected_schema() -> Schema:
    """The schema of a newsroom just made by every migration (made once per process)."""
    from newsroom.storage.engine import create_newsroom_engine
    from newsroom.storage.migrate import SCHEMA_HEAD, upgrade

    with tempfile.TemporaryDirectory(prefix="newsroom-schema-") as folder:
        path = Path(folder) / "reference.sqlite"
        engine = create_newsroom_engine(URL.create("sqlite", database=str(path)))
        try:
            upgrade(engine, SCHEMA_HEAD)
        finally:
            engine.dispose()
        with contextlib.closing(sqlite3.connect(path)) as raw:
            return read_schema(raw)


def read_schema(raw: sqlite3.Connection) -> Schema:
    rows = raw.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    schema: Schema = {}
    for kind, name, table, sql in rows:
        if _INTERNAL.match(name):
            continue
        schema[name] = SchemaItem(kind, name, table, sql, _shape(raw, kind, name, sql))
    return schema


def _shape(raw: sqlite3.Connection, kind: str, name: str, sql: str | None) -> tuple[object, ...]:
    if kind == "table":
        # Columns, not the CREATE text: ALTER TABLE rewrites that text its own way.
        columns = raw.execute(f"PRAGMA table_xinfo({_quoted(name)})").fetchall()
        keys = raw.execute(f"PRAGMA foreign_key_list({_quoted(name)})").fetchall()
        return (
            tuple(tuple(column[1:]) for column in columns),
            tuple(sorted(tuple(key[2:5]) for key in keys)),
        )
    if kind == "index" and sql is None:  # made by UNIQUE or PRIMARY KEY
        return tuple(row[2] for row in raw.execute(f"PRAGMA index_info({_quoted(name)})"))
    return (_comparable(sql),)


def _comparable(sql: str | None) -> str:
    return " ".join((sql or "").replace("(", " ( ").replace(")", " ) ").split()).lower()


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def differences(actual: Schema, expected: Schema) -> list[str]:
    """Each way ``actual`` differs from ``expected``, one line each, in words."""
    found = [f"schema: {item.label} is missing" for item in _ordered(expected.values())
             if item.name not in actual]  # fmt: skip
    for item in _ordered(actual.values()):
        wanted = expected.get(item.name)
        if wanted is None:
            found.append(f"schema: {item.label} is not one Newsroom makes")
        elif wanted.kind != item.kind:
            found.append(f"schema: {item.name} is a {item.kind}, expected a {wanted.kind}")
        elif wanted.shape != item.shape:
            found.append(f"schema: {item.label} differs: {_how(item, wanted)}")
    return found


def _how(item: SchemaItem, wanted: SchemaItem) -> str:
    if item.kind != "table":
        return "its definition is not the one the migrations make"
    have = {column[0]: column for column in item.shape[0]}  # type: ignore[attr-defined]
    want = {column[0]: column for column in wanted.shape[0]}  # type: ignore[attr-defined]
    parts = [f"column {name} is missing" for name in want if name not in have]
    parts += [f"column {name} is extra" for name in have if name not in want]
    parts += [f"column {name} has another type or default" for name in want
              if name in have and have[name] != want[name]]  # fmt: skip
    if not parts:
        parts.append("its references (foreign keys) differ")
    return ", ".join(parts)


def _ordered(items: Iterable[SchemaItem]) -> list[SchemaItem]:
    return sorted(items, key=lambda item: (_KIND_ORDER.get(item.kind, 9), item.name))


def recreate_missing(raw: sqlite3.Connection, actual: Schema, expected: Schema) -> list[str]:
    """Create the missing tables, indexes, views and triggers from the migrations' own SQL.

    Runs in the caller's transaction. A missing table comes back empty; a
    table that exists but differs is left alone (mending it would mean
    guessing at its rows), and so is a missing part of a search index
    whose main table is there: ``newsroom recover`` copies what is
    readable into a new newsroom instead. Returns what was done, a line each.
    """
    done: list[str] = []
    recreated: set[str] = set()
    for item in _ordered(expected.values()):
        if item.name in actual or item.sql is None:
            continue  # an automatic index comes back with its table
        owner = _search_index_of(item.name)
        if owner in recreated:
            continue  # FTS5 made its own tables with it
        if owner is not None:
            continue
        raw.execute(item.sql)
        recreated.add(item.name)
        lost = " (empty: its rows were lost)" if item.kind == "table" and not _virtual(item) else ""
        done.append(f"schema: {item.label} recreated{lost}")
    return done


SEARCH_INDEXES = ("article_search", "photo_search")
_FTS5_TABLES = ("data", "idx", "content", "docsize", "config")


def _search_index_of(name: str) -> str | None:
    """The full-text index whose own table ``name`` is (FTS5 keeps its data in five tables)."""
    for index in SEARCH_INDEXES:
        if name in (f"{index}_{part}" for part in _FTS5_TABLES):
            return index
    return None


def _virtual(item: SchemaItem) -> bool:
    return (item.sql or "").lstrip().upper().startswith("CREATE VIRTUAL")


def server_schema_differences(connection: Connection) -> list[str]:
    """How a server database's tables differ from the models (empty: as the migrations make it).

    Alembic compares the live tables with ``storage/schema.py``; the search
    index's own tables and Alembic's bookkeeping are not among the models.
    """
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from newsroom.storage.schema import METADATA

    def ours(name: str | None, kind: str, _parent: object) -> bool:
        return kind != "table" or not (name or "").startswith((*SEARCH_INDEXES, "alembic_"))

    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "include_name": ours}
    )
    return [
        f"schema: {_difference_words(change)}" for change in compare_metadata(context, METADATA)
    ]


def _difference_words(change: object) -> str:
    """One difference Alembic found, in a line (it gives tuples, or lists of them)."""
    first = change[0] if isinstance(change, list) and change else change
    if isinstance(first, tuple) and first:
        names = [getattr(part, "name", None) for part in first[1:]]
        return f"{str(first[0]).replace('_', ' ')} {' '.join(str(n) for n in names if n)}".strip()
    return str(change)
