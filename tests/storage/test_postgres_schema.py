"""The migrations on PostgreSQL: an empty database becomes a newsroom whose tables are the models'
and SQLite's, photos as ``bytea`` and moments as ``timestamptz``, read back as they were written.

These run against a real throwaway server (``postgres_url`` in tests/conftest.py) and skip,
saying why, where none can be started.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import (
    Column,
    Engine,
    MetaData,
    Table,
    TypeDecorator,
    UniqueConstraint,
    create_engine,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import URL, Connection, Inspector
from sqlalchemy.types import TypeEngine

from newsroom.errors import StorageError
from newsroom.storage.engine import create_newsroom_engine, resolve_url
from newsroom.storage.health import SEARCH_INDEXES
from newsroom.storage.migrate import SCHEMA_HEAD, prepare, read_state, upgrade
from newsroom.storage.schema import ARTICLES, METADATA, PHOTOS
from tests import pg

# Alembic's own table is in both databases but not among the models.
BOOKKEEPING = "alembic_version"


@dataclass(frozen=True)
class TableShape:
    """A table in portable terms: what both engines must agree on, in words a diff can show."""

    columns: tuple[tuple[str, str, int | None, bool, str | None], ...]
    primary_key: tuple[str, ...]
    uniques: frozenset[tuple[str | None, tuple[str, ...]]]
    foreign_keys: frozenset[tuple[str | None, tuple[str, ...], str, tuple[str, ...], str | None]]
    indexes: frozenset[tuple[str | None, tuple[str, ...], bool]]


def _type(type_: TypeEngine[object]) -> tuple[str, int | None]:
    """A column type as both engines can spell it: its generic kind and its length."""
    if isinstance(type_, TypeDecorator):
        type_ = type_.impl_instance
    generic = type_.as_generic()
    return type(generic).__name__, getattr(generic, "length", None)


def _default(value: object) -> str | None:
    """A server default without the engine's spelling: ``''::text`` and ``'0'`` are ``''``, ``0``."""
    if value is None:
        return None
    spelled = getattr(value, "arg", value)  # a model's DefaultClause holds its text in .arg
    spelled = str(getattr(spelled, "text", spelled))
    if spelled.startswith("nextval("):
        return None  # PostgreSQL's serial id: what SQLite's INTEGER PRIMARY KEY does by itself
    return re.sub(r"::[\w ]+$", "", spelled).strip("'")


def shape_of_database(connection: Connection) -> dict[str, TableShape]:
    inspector = inspect(connection)
    return {
        name: _reflected(inspector, name)
        for name in inspector.get_table_names()
        if not name.startswith(SEARCH_INDEXES)  # SQLite's FTS5 tables: the search's own
    }


def _reflected(inspector: Inspector, table: str) -> TableShape:
    columns = tuple(
        (column["name"], *_type(column["type"]), column["nullable"], _default(column["default"]))
        for column in inspector.get_columns(table)
    )
    uniques = inspector.get_unique_constraints(table)
    unique_names = {unique["name"] for unique in uniques}
    return TableShape(
        columns=columns,
        primary_key=tuple(inspector.get_pk_constraint(table)["constrained_columns"]),
        uniques=frozenset((u["name"], tuple(u["column_names"])) for u in uniques),
        foreign_keys=frozenset(
            (
                key["name"],
                tuple(key["constrained_columns"]),
                key["referred_table"],
                tuple(key["referred_columns"]),
                key["options"].get("ondelete"),
            )
            for key in inspector.get_foreign_keys(table)
        ),
        # PostgreSQL lists the index behind each unique constraint too; the constraint says it.
        indexes=frozenset(
            (
                index["name"],
                tuple(str(name) for name in index["column_names"]),
                bool(index["unique"]),
            )
            for index in inspector.get_indexes(table)
            if index["name"] not in unique_names
        ),
    )


def shape_of_models(metadata: MetaData) -> dict[str, TableShape]:
    return {name: _modelled(table) for name, table in metadata.tables.items()}


def _modelled(table: Table) -> TableShape:
    def column(col: Column[object]) -> tuple[str, str, int | None, bool, str | None]:
        return (col.name, *_type(col.type), bool(col.nullable), _default(col.server_default))

    return TableShape(
        columns=tuple(column(col) for col in table.columns),
        primary_key=tuple(col.name for col in table.primary_key.columns),
        uniques=frozenset(
            (constraint.name, tuple(col.name for col in constraint.columns))
            for constraint in table.constraints
            if isinstance(constraint, UniqueConstraint)
        ),
        foreign_keys=frozenset(
            (
                key.name,
                tuple(col.name for col in key.columns),
                key.referred_table.name,
                tuple(element.column.name for element in key.elements),
                key.ondelete,
            )
            for key in table.foreign_key_constraints
        ),
        indexes=frozenset(
            (index.name, tuple(col.name for col in index.columns), bool(index.unique))
            for index in table.indexes
        ),
    )


@pytest.fixture
def postgres(postgres_url: URL) -> Iterator[Engine]:
    """A plain engine on the test's empty database (newsroom's own engine takes SQLite only yet)."""
    engine = create_engine(postgres_url)
    yield engine
    engine.dispose()


@pytest.fixture
def migrated(postgres: Engine) -> Engine:
    upgrade(postgres, SCHEMA_HEAD)
    return postgres


def _sqlite_newsroom(path: Path) -> Engine:
    engine = create_newsroom_engine(resolve_url(path))
    upgrade(engine, SCHEMA_HEAD)
    return engine


def test_an_empty_database_is_migrated_to_the_head(migrated: Engine) -> None:
    with migrated.connect() as connection:
        state = read_state(connection)
        assert (state.revision, state.has_tables) == (SCHEMA_HEAD, True)
        assert {"articles", "photos", "revisions", "sections"} <= set(
            inspect(connection).get_table_names()
        )


def _not_a_search_index(
    item: object, name: str | None, kind: str, reflected: bool, compare_to: object
) -> bool:
    """The search's own tables are no model's (on SQLite FTS5's, on PostgreSQL tsvectors)."""
    return not (kind == "table" and (name or "").startswith(SEARCH_INDEXES))


def test_the_migrated_schema_matches_the_models(migrated: Engine) -> None:
    with migrated.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": _not_a_search_index}
        )
        assert compare_metadata(context, METADATA) == []
        tables = shape_of_database(connection)
    del tables[BOOKKEEPING]
    models = shape_of_models(METADATA)
    assert sorted(tables) == sorted(models)
    for name, model in models.items():
        assert tables[name] == model, name


def test_the_migrated_schema_matches_sqlite_s(migrated: Engine, tmp_path: Path) -> None:
    sqlite = _sqlite_newsroom(tmp_path / "newsroom.sqlite")
    try:
        with sqlite.connect() as connection:
            expected = shape_of_database(connection)
    finally:
        sqlite.dispose()
    with migrated.connect() as connection:
        actual = shape_of_database(connection)
    assert sorted(actual) == sorted(expected)
    for name, shape in expected.items():
        assert actual[name] == shape, name


def test_the_search_objects_are_postgresql_s_own(migrated: Engine) -> None:
    # Migration 0008 makes PostgreSQL's full-text search (weighted tsvectors with GIN indexes)
    # in side tables of its own; FTS5's tables are SQLite's alone. Migration 0010 adds the
    # rank document's index (the short texts ranked without reading a body).
    with migrated.connect() as connection:
        inspector = inspect(connection)
        names = [*inspector.get_table_names(), *inspector.get_view_names()]
        indexes = [index["name"] for index in inspector.get_indexes("article_search")]
    assert sorted(name for name in names if name.startswith(SEARCH_INDEXES)) == [
        "article_search",
        "article_search_setup",
        "photo_search",
    ]
    assert sorted(indexes) == ["article_search_document_gin", "article_search_rank_document_gin"]


def test_photos_are_bytea_and_moments_timestamptz(migrated: Engine) -> None:
    query = text(
        "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = 'public' AND data_type IN ('bytea', 'timestamp with time zone', "
        "'timestamp without time zone', 'text') AND column_name IN ('data', 'snapshot', "
        "'created_at', 'published_at')"
    )
    with migrated.connect() as connection:
        types = dict(connection.execute(query).all())
    assert types["photos.data"] == "bytea"
    assert types["renditions.data"] == "bytea"
    assert types["revisions.snapshot"] == "bytea"
    assert types["articles.published_at"] == "timestamp with time zone"
    assert types["photos.created_at"] == "timestamp with time zone"
    assert "timestamp without time zone" not in types.values()


def test_an_article_with_a_photo_is_read_back_as_written(migrated: Engine) -> None:
    pixels = bytes(range(256)) * 4096 + b"\x00end"  # every byte value, a megabyte, a NUL
    moscow = timezone(timedelta(hours=3))
    published = datetime(2026, 3, 1, 10, 42, 7, 123456, tzinfo=moscow)
    created = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)
    photos, articles = PHOTOS, ARTICLES
    with migrated.begin() as connection:
        photo_id = connection.execute(
            insert(photos).returning(photos.c.id),
            {"sha256": "a" * 64, "media_type": "image/jpeg", "width": 2, "height": 1,
             "byte_size": len(pixels), "created_at": created, "data": pixels},
        ).scalar_one()  # fmt: skip
        connection.execute(
            insert(articles),
            {"slug": "walruses", "headline": "Walruses came ashore", "photo_id": photo_id,
             "status": "published", "published_at": published, "created_at": created,
             "updated_at": published},
        )  # fmt: skip
    with migrated.connect() as connection:
        row = connection.execute(
            select(articles.c.published_at, articles.c.created_at, photos.c.data)
            .join(photos, photos.c.id == articles.c.photo_id)
            .where(articles.c.slug == "walruses")
        ).one()
        # The server holds the same moment whatever the session's time zone.
        connection.execute(text("SET TIME ZONE 'America/New_York'"))
        raw = connection.execute(text("SELECT published_at FROM articles")).scalar_one()
    assert row.data == pixels
    assert row.published_at == published
    assert row.published_at.utcoffset() == timedelta(0)  # read back in UTC, as on SQLite
    assert row.created_at == created
    assert raw == published


def test_prepare_creates_then_finds_a_newsroom_current(postgres: Engine) -> None:
    assert prepare(postgres, create=True) == "created"
    assert prepare(postgres, create=False) == "current"


def test_an_empty_database_is_not_made_a_newsroom_unasked(postgres: Engine) -> None:
    with pytest.raises(StorageError, match="no newsroom here yet; create one with 'newsroom init'"):
        prepare(postgres, create=False)
    with postgres.connect() as connection:
        assert inspect(connection).get_table_names() == []


def test_a_database_of_other_tables_is_left_alone(postgres: Engine) -> None:
    with postgres.begin() as connection:
        connection.execute(text("CREATE TABLE customers (id serial PRIMARY KEY, name text)"))
    with pytest.raises(StorageError, match="holds other tables and is not a newsroom"):
        prepare(postgres, create=True)
    with postgres.connect() as connection:
        assert inspect(connection).get_table_names() == ["customers"]


def test_a_newsroom_from_a_newer_version_is_refused(migrated: Engine) -> None:
    with migrated.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    with pytest.raises(
        StorageError, match=r"written by a newer version of Newsroom \(schema 0099\)"
    ):
        prepare(migrated, create=True)


def test_a_role_that_may_not_create_tables_gets_a_clear_error_and_no_half_schema(
    postgres_server: pg.Server, postgres_url: URL
) -> None:
    # PostgreSQL 15 lets only the database's owner create tables in its public schema.
    postgres_server.execute("DROP ROLE IF EXISTS reporter")
    postgres_server.execute("CREATE ROLE reporter LOGIN")
    reporter = create_engine(postgres_url.set(username="reporter"))
    try:
        with pytest.raises(StorageError) as refused:
            upgrade(reporter, SCHEMA_HEAD)
    finally:
        reporter.dispose()
        postgres_server.execute("DROP ROLE reporter")
    assert str(refused.value).endswith(
        ": could not upgrade the newsroom (permission denied for schema public); "
        "it was left as it was"
    )
    owner = create_engine(postgres_url)
    with owner.connect() as connection:
        assert inspect(connection).get_table_names() == []
    owner.dispose()


# A new app opening the newsroom: it imports everything, says so, and opens when told.
OPEN_WHEN_TOLD = """
import sys
from sqlalchemy import create_engine
from newsroom.errors import StorageError
from newsroom.storage.migrate import prepare
engine = create_engine(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
try:
    print(prepare(engine, create=True))
except StorageError as error:
    print(error)
"""


def test_two_processes_creating_the_same_newsroom_do_not_collide(postgres_url: URL) -> None:
    url = postgres_url.render_as_string(hide_password=False)
    apps = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN_WHEN_TOLD, url],
            cwd=Path(__file__).resolve().parents[2],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for app in apps:
        assert app.stdout is not None
        assert app.stdout.readline() == "ready\n"
    for app in apps:  # both start creating the newsroom at once
        assert app.stdin is not None
        app.stdin.write("go\n")
        app.stdin.flush()
    outcomes = [app.communicate(timeout=60)[0].strip() for app in apps]
    # The second waited for the first, then found the newsroom made: neither failed.
    assert outcomes == ["created", "created"]
    engine = create_engine(postgres_url)
    assert prepare(engine, create=False) == "current"
    engine.dispose()
