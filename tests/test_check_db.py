"""``check-db`` compares the schema with what the migrations make, and mends what it safely can."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.helpers import full_article, write_json

# These edit and compare an SQLite file's own schema (sqlite_master); on a server Alembic
# compares the tables (tests/storage/test_postgres_schema.py).
pytestmark = pytest.mark.sqlite_only


def _newsroom_with_a_quote(cli: Cli, tmp_path: Path) -> None:
    cli.ok("import", str(write_json(tmp_path / "a.json", full_article())))
    cli.ok("check-db")


def _outside_edit(db: Path, *statements: str) -> None:
    with sqlite3.connect(db) as raw:
        for statement in statements:
            raw.execute(statement)


def test_a_dropped_table_is_named_and_repair_brings_it_back(cli: Cli, tmp_path: Path) -> None:
    _newsroom_with_a_quote(cli, tmp_path)
    _outside_edit(cli.db, "DROP TABLE quotes")
    assert cli("show", "russia-offers-talks").code == 1

    report = cli("check-db")
    assert report.code == 1
    assert "problem: schema: table quotes is missing" in report.out
    assert "problem: schema: index sqlite_autoindex_quotes_1 (on quotes) is missing" in report.out

    repaired = cli.ok("check-db", "--repair").out
    assert "ok: schema: table quotes recreated (empty: its rows were lost)" in repaired
    cli.ok("check-db")
    assert cli.ok("show", "russia-offers-talks").lines[0] == "Russia offers talks on grain corridor"


def test_missing_indexes_views_and_search_index_are_named_and_rebuilt(
    cli: Cli, tmp_path: Path
) -> None:
    _newsroom_with_a_quote(cli, tmp_path)
    _outside_edit(
        cli.db,
        "DROP INDEX ix_articles_updated_at",
        "DROP TABLE article_search",
        "DROP TABLE photo_search",
    )
    report = cli("check-db")
    assert report.code == 1
    for missing in (
        "index ix_articles_updated_at (on articles)",
        "table article_search",
        "table article_search_docsize",
        "table photo_search",
    ):
        assert f"problem: schema: {missing} is missing" in report.out

    repaired = cli.ok("check-db", "--repair").out
    assert "ok: schema: index ix_articles_updated_at (on articles) recreated" in repaired
    assert "ok: schema: table article_search recreated" in repaired
    assert "ok: search index: rebuilt" in repaired
    assert "ok: search index: matches the articles" in cli.ok("check-db").out
    assert cli.ok("search", "grain").lines[0].endswith("Russia offers talks on grain corridor")


def test_words_missing_from_the_search_vocabulary_are_named_and_relearnt(
    cli: Cli, tmp_path: Path
) -> None:
    """A newest-first search spells a prefix from the vocabulary: a word missing there is missed."""
    _newsroom_with_a_quote(cli, tmp_path)
    assert cli.ok("search", "corrid").lines[0].endswith("Russia offers talks on grain corridor")
    _outside_edit(cli.db, "DELETE FROM article_search_terms WHERE term LIKE 'corrid%'")
    assert cli.ok("search", "corrid").lines == []

    report = cli("check-db")
    assert report.code == 1
    assert "problem: the search vocabulary leaves out 1 of the index's words" in report.out
    assert "ok: search index: rebuilt" in cli.ok("check-db", "--repair").out
    assert "ok: search index: matches the articles" in cli.ok("check-db").out
    assert cli.ok("search", "corrid").lines[0].endswith("Russia offers talks on grain corridor")


def test_a_changed_column_and_an_extra_table_are_named_not_repaired(
    cli: Cli, tmp_path: Path
) -> None:
    _newsroom_with_a_quote(cli, tmp_path)
    _outside_edit(cli.db, "ALTER TABLE articles DROP COLUMN mark", "CREATE TABLE notes (x)")
    report = cli("check-db", "--repair")
    assert report.code == 1
    assert "problem: schema: table articles differs: column mark is missing" in report.out
    assert "problem: schema: table notes is not one Newsroom makes" in report.out
