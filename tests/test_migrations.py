"""Schema migrations: from nothing, from the first schema; newer and foreign files refused."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from newsroom.article import Article, Quote
from newsroom.errors import StorageError
from newsroom.storage.engine import create_newsroom_engine, resolve_url
from newsroom.storage.migrate import SCHEMA_HEAD, SCHEMA_REVISIONS, SCRIPT_LOCATION, upgrade
from newsroom.storage.packing import unpack_html
from newsroom.storage.schema import METADATA
from newsroom.store import Newsroom
from tests.helpers import full_article

ARTICLE_AT_0001 = """
INSERT INTO articles (id, slug, headline, subtitle, section, byline, tags, dateline_city,
    dateline_date, dateline_agency, lead, body, photo_id, photo_caption, photo_credit, photo_alt,
    mark, status, published_at, created_at, updated_at, deleted_at, revision)
VALUES (1, 'old-story', 'An old story about walruses', '', 'Nature', '', 'arctic', 'Murmansk',
    '2020-01-02', '', 'Walruses came ashore.', 'Body text.', NULL, '', '', '', '', 'published',
    '2020-01-02 09:00:00.000000', '2020-01-02 08:00:00.000000', '2020-01-02 09:00:00.000000',
    NULL, 1)
"""
REVISION_AT_0001 = """
INSERT INTO revisions (article_id, number, created_at, author, summary, snapshot)
VALUES (1, 1, '2020-01-02 08:00:00.000000', 'old', 'Created', x'')
"""


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_known_revisions_match_the_alembic_scripts() -> None:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    script = ScriptDirectory.from_config(config)
    chain = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    assert tuple(chain) == SCHEMA_REVISIONS
    assert script.get_current_head() == SCHEMA_HEAD


def test_migrated_schema_matches_the_models(db_path: Path) -> None:
    Newsroom.open(db_path, create=True).close()
    engine = create_newsroom_engine(resolve_url(db_path))
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "include_object": _not_search_objects},
        )
        assert compare_metadata(context, METADATA) == []
    engine.dispose()


def _not_search_objects(
    obj: object, name: str | None, type_: str, reflected: bool, other: object
) -> bool:
    return not (name or "").startswith(("article_search", "photo_search"))


def test_an_empty_file_becomes_a_newsroom(db_path: Path) -> None:
    db_path.write_bytes(b"")
    with pytest.raises(
        StorageError, match=r"no newsroom here yet \(the file is empty.*'newsroom init'"
    ):
        Newsroom.open(db_path)
    with Newsroom.open(db_path, create=True) as newsroom:
        assert newsroom.opened == "created"
        assert newsroom.check().ok
    with Newsroom.open(db_path) as again:
        assert again.opened == "current"


def test_the_first_schema_is_upgraded_with_its_data(db_path: Path) -> None:
    engine = create_newsroom_engine(resolve_url(db_path))
    upgrade(engine, "0001")
    with sqlite3.connect(db_path) as raw:
        raw.execute(ARTICLE_AT_0001)
        raw.execute(REVISION_AT_0001)
    engine.dispose()
    with Newsroom.open(db_path) as newsroom:
        assert newsroom.opened == "upgraded"
        assert newsroom.get("old-story").headline == "An old story about walruses"
        # 0002 built the search index from the articles already there.
        assert [hit.article.slug for hit in newsroom.search("walrus")] == ["old-story"]
        assert [hit.article.slug for hit in newsroom.search("arctic")] == ["old-story"]
    copies = list(db_path.parent.glob("newsroom.sqlite.before-upgrade-from-0001-*"))
    assert len(copies) == 1
    with sqlite3.connect(copies[0]) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert copy.execute("SELECT slug FROM articles").fetchall() == [("old-story",)]


def test_quotes_from_before_their_place_was_kept_stay_at_the_default_place(
    db_path: Path,
) -> None:
    engine = create_newsroom_engine(resolve_url(db_path))
    upgrade(engine, "0001")  # rows written before 0002 (the search index) are indexed by it
    with sqlite3.connect(db_path) as raw:
        raw.execute(ARTICLE_AT_0001)
        raw.execute(
            "INSERT INTO quotes (article_id, position, text, speaker, role, pull) "
            "VALUES (1, 0, 'We counted them all', 'A ranger', '', 1)"
        )
        raw.execute(REVISION_AT_0001)
    engine.dispose()
    with Newsroom.open(db_path) as newsroom:
        assert newsroom.opened == "upgraded"
        article = newsroom.get("old-story")
        assert article.quotes == (Quote("We counted them all", "A ranger", pull=True),)
        assert article.quotes[0].after_paragraph is None
        placed = (Quote("We counted them all", "A ranger", pull=True, after_paragraph=0),)
        newsroom.save(article.with_changes(quotes=placed))
        assert newsroom.get("old-story").quotes == placed


def test_a_file_from_a_newer_newsroom_is_refused_untouched(db_path: Path) -> None:
    Newsroom.open(db_path, create=True).close()
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0099'")
    before = sha(db_path)
    with pytest.raises(
        StorageError, match="written by a newer version of Newsroom \\(schema 0099\\)"
    ):
        Newsroom.open(db_path, create=True)
    assert sha(db_path) == before


def test_a_database_that_is_not_a_newsroom_is_left_alone(db_path: Path) -> None:
    with sqlite3.connect(db_path) as raw:
        raw.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    before = sha(db_path)
    with pytest.raises(StorageError, match="holds other tables and is not a newsroom"):
        Newsroom.open(db_path, create=True)
    assert sha(db_path) == before


def test_a_file_that_is_not_a_database(db_path: Path) -> None:
    db_path.write_text("Dear editor, this is a letter.\n" * 200)
    with pytest.raises(StorageError, match="not a newsroom file \\(not an SQLite database\\)"):
        Newsroom.open(db_path, create=True)
    assert db_path.read_text().startswith("Dear editor")


def test_locations_that_cannot_work(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="is a folder"):
        Newsroom.open(tmp_path, create=True)
    with pytest.raises(StorageError, match=r"the folder .* does not exist"):
        Newsroom.open(tmp_path / "missing" / "n.sqlite", create=True)
    with pytest.raises(StorageError, match="no newsroom here; create one with 'newsroom init'"):
        Newsroom.open(tmp_path / "absent.sqlite")
    with pytest.raises(StorageError, match="mysql databases are not supported"):
        Newsroom.open("mysql://editor@localhost/news")


def test_the_default_location_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSROOM_DB", str(tmp_path / "env.sqlite"))
    with Newsroom.open(create=True) as newsroom:
        assert newsroom.path == tmp_path / "env.sqlite"
    monkeypatch.delenv("NEWSROOM_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    with Newsroom.open(create=True) as newsroom:
        assert newsroom.path == tmp_path / "data" / "newsroom" / "newsroom.sqlite"


@pytest.mark.sqlite_only
def test_wal_and_foreign_keys_are_on(newsroom: Newsroom) -> None:
    assert newsroom.path is not None
    with sqlite3.connect(newsroom.path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    engine = create_newsroom_engine(resolve_url(newsroom.path))
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def downgraded_counting(db_path: Path, revision: str) -> tuple[Any, Any, list[str]]:
    """Downgrade the SQLite newsroom at ``db_path`` to ``revision`` with foreign keys on (as a
    cascade would run): its quotes and revisions counted before and after, and the articles
    table's columns after."""
    from alembic import command
    from sqlalchemy import create_engine, text

    engine = create_engine(f"sqlite:///{db_path}")
    count = "SELECT (SELECT count(*) FROM quotes), (SELECT count(*) FROM revisions)"
    try:
        with engine.begin() as connection:
            connection.execute(text("PRAGMA foreign_keys = ON"))
            before = connection.execute(text(count)).one()
            config = Config()
            config.set_main_option("script_location", SCRIPT_LOCATION)
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
        with engine.connect() as connection:
            after = connection.execute(text(count)).one()
            columns = [row[1] for row in connection.execute(text("PRAGMA table_info(articles)"))]
    finally:
        engine.dispose()
    return before, after, columns


def test_going_back_from_the_wire_source_keeps_every_quote_and_revision(db_path: Path) -> None:
    """Downgrading 0012 drops its columns in place: copying the table (foreign keys on)
    would take the articles' quotes, related headlines and revisions with it."""
    with Newsroom.open(db_path, create=True, author="tester") as newsroom:
        newsroom.import_json([full_article()], base_dir=None)
    before, after, columns = downgraded_counting(db_path, "0011")
    assert before[0] > 0 and after == before
    assert not [name for name in columns if name.startswith("source_")]


def test_the_search_vocabulary_is_filled_from_the_index_and_dropped_going_back(
    db_path: Path,
) -> None:
    """0015 lists the words already indexed, so a newest-first search spells prefixes from them."""
    engine = create_newsroom_engine(resolve_url(db_path))
    upgrade(engine, "0001")
    with sqlite3.connect(db_path) as raw:
        raw.execute(ARTICLE_AT_0001)
        raw.execute(REVISION_AT_0001)
    upgrade(engine, "0014")
    engine.dispose()
    with Newsroom.open(db_path) as newsroom:
        assert [hit.article.slug for hit in newsroom.search("walru")] == ["old-story"]
    with sqlite3.connect(db_path) as raw:
        terms = {row[0] for row in raw.execute("SELECT term FROM article_search_terms")}
    assert {"walruses", "came", "arctic"} <= terms
    downgraded_counting(db_path, "0014")
    with sqlite3.connect(db_path) as raw:
        tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master")}
    assert "article_search_terms" not in tables and "article_search" in tables


def _migrate(target: Path | str, revision: str, *, down: bool) -> None:
    """Alembic straight to ``revision`` on the newsroom at ``target`` (a file or a server URL)."""
    from alembic import command

    engine = create_newsroom_engine(resolve_url(target))
    try:
        with engine.begin() as connection:
            config = Config()
            config.set_main_option("script_location", SCRIPT_LOCATION)
            config.attributes["connection"] = connection
            (command.downgrade if down else command.upgrade)(config, revision)
    finally:
        engine.dispose()


def _articles_columns(target: Path | str) -> tuple[set[str], list[Any]]:
    """The articles table's column names and its stored HTML (plain or packed) with the body."""
    engine = create_newsroom_engine(resolve_url(target))
    try:
        with engine.connect() as connection:
            names = {column["name"] for column in inspect(connection).get_columns("articles")}
            html = "body_html" if "body_html" in names else "body_html_packed"
            rows = connection.execute(text(f"SELECT {html}, body FROM articles")).fetchall()  # noqa: S608 (our column name)
    finally:
        engine.dispose()
    return names, [tuple(row) for row in rows]


def test_packing_the_body_html_and_going_back_keep_every_article_its_html(
    db_target: Path | str,
) -> None:
    """0016 packs the HTML already stored (no article is rendered again), its
    downgrade unpacks it, and an upgrade after that packs it again: on both engines."""
    from newsroom.render.body import render_body

    with Newsroom.open(db_target, create=True, author="tester") as newsroom:
        newsroom.import_json([full_article()], base_dir=None)
        article = newsroom.get(full_article()["slug"])  # type: ignore[arg-type]
        expected = render_body(article.body)
    _migrate(db_target, "0015", down=True)
    columns, stored = _articles_columns(db_target)
    assert stored == [(expected, article.body)]
    assert "body_html_packed" not in columns
    with Newsroom.open(db_target) as newsroom:
        assert newsroom.opened == "upgraded"
        assert newsroom.body_html(newsroom.get(article.slug)) == expected
        assert newsroom.check().ok
    columns, stored = _articles_columns(db_target)
    assert "body_html" not in columns
    ((packed, body),) = stored
    assert unpack_html(bytes(packed), body) == expected


def test_an_article_without_stored_html_stays_without_it_both_ways(db_path: Path) -> None:
    """A body never rendered at save time (NULL HTML) is neither packed nor unpacked:
    the renderer makes its HTML when it is needed, before and after 0016."""
    from newsroom.render.body import render_body

    with Newsroom.open(db_path, create=True, author="tester") as newsroom:
        article = newsroom.create(Article(headline="Talks", body="Talks *go* on."))
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE articles SET body_html_packed = NULL")
    _migrate(db_path, "0015", down=True)
    assert _articles_columns(db_path)[1] == [(None, "Talks *go* on.")]
    _migrate(db_path, "0016", down=False)
    assert _articles_columns(db_path)[1] == [(None, "Talks *go* on.")]
    with Newsroom.open(db_path) as newsroom:
        assert newsroom.body_html(newsroom.get(article.slug)) == render_body(article.body)
        assert newsroom.check().ok
