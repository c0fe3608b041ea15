"""``newsroom copy``: a whole newsroom into a new file or an empty database, all or nothing.

A newsroom with every kind of row (revisions, the trash, photos and
renditions, aliases, settings, sections, the dictionary, codes) is copied;
both ends then show the same articles, history, photos and search results,
and every table holds the same rows. Refusals leave the destination as it
was; a copy that fails part-way (a real bad row in the source) leaves it
empty. The same rows also go SQLite → PostgreSQL → SQLite on a real server.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, insert, select
from sqlalchemy.engine import URL

from newsroom.article import Status
from newsroom.cli import main
from newsroom.errors import StorageError
from newsroom.storage import schema
from newsroom.storage.backup import copy_backup
from newsroom.storage.copying import SEARCH_STEP, TABLES, copy_newsroom, copy_rows
from newsroom.storage.engine import create_newsroom_engine, read_only_url, resolve_url
from newsroom.storage.migrate import SCHEMA_HEAD, upgrade
from newsroom.store import Newsroom
from tests.helpers import ROOT, full_article, jpeg_bytes

ARTICLES = 60
PHOTOS = 6


def fill(newsroom: Newsroom, articles: int = ARTICLES, photos: int = PHOTOS) -> None:
    """A newsroom with every kind of row the schema holds."""
    newsroom.identity()  # made on first need: a site export would have made it
    newsroom.set_setting("name", "The Daily Copy")
    newsroom.set_setting("timezone", "Europe/Moscow")
    newsroom.photos.set_codes({"=lav=": "Sergei Lavrov"})
    newsroom.add_words(["Peskov", "Kremlinology"])
    newsroom.add_section("Politics")
    newsroom.add_section("Sport")
    newsroom.rename_section("Sport", "Sports")  # leaves a section alias
    hashes = [
        newsroom.photos.add(jpeg_bytes(320 + index, 240, (index * 40, 90, 140))).sha256
        for index in range(photos)
    ]
    for sha in hashes[:3]:
        newsroom.photos.rendition(sha, 200)
    for index in range(articles):
        _story(newsroom, index, hashes[index % photos])


def _story(newsroom: Newsroom, index: int, sha: str) -> None:
    document = full_article(
        slug=f"story-{index}",
        headline=f"Story {index} about grain talks",
        section="Politics" if index % 2 else "Sports",
        status="draft",
        published_at=None,
        related=[{"slug": f"story-{index - 1}"}] if index else [],
        photo={"sha256": sha, "caption": f"Caption {index}", "credit": "=lav="},
    )
    newsroom.import_json(document, base_dir=None)
    article = newsroom.get(f"story-{index}")
    for edit in range(2):
        article = newsroom.save(
            dataclasses.replace(article, lead=f"Lead of story {index}, edit {edit}."),
            summary=f"edit {edit}",
        )
    if index % 5 == 0:
        newsroom.set_status(article.slug, Status.PUBLISHED, override="a test newsroom")
        newsroom.rename(article.slug, f"story-{index}-renamed")  # leaves a slug alias
    if index % 7 == 3:
        newsroom.delete(article.slug)  # into the trash


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("source") / "newsroom.sqlite"
    with Newsroom.open(path, create=True, author="tester") as newsroom:
        fill(newsroom)
    return path


@pytest.fixture(scope="module")
def copied(source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    destination = tmp_path_factory.mktemp("copy") / "copy.sqlite"
    copy_newsroom(source, destination)
    return destination


def run(db: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The CLI's exit status, stdout and stderr (which names no file: both ends say the same)."""
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def every_row(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    with engine.connect() as connection:
        return {
            table.name: [
                row._asdict()
                for row in connection.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in TABLES
        }


def refs(path: Path) -> list[int]:
    with Newsroom.open(path) as newsroom:
        return [
            article.id
            for deleted in (False, True)
            for article in newsroom.articles(deleted=deleted)
            if article.id is not None
        ]


# --- what a copy holds --------------------------------------------------------------------


def test_every_table_holds_the_same_rows(source: Path, copied: Path) -> None:
    original, copy = (
        every_row(create_engine(resolve_url(source))),
        every_row(create_engine(resolve_url(copied))),
    )
    assert original == copy
    for table in ("articles", "revisions", "photos", "renditions", "slug_aliases", "settings",
                  "sections", "section_aliases", "dictionary_words", "codes", "quotes",
                  "related_headlines"):  # fmt: skip
        assert original[table], f"the test newsroom holds no {table}"
    assert len(original["articles"]) == ARTICLES
    assert sum(row["deleted_at"] is not None for row in original["articles"]) >= 8


def test_show_and_history_agree_on_every_article_with_the_trash(
    source: Path, copied: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = refs(source)
    assert len(ids) == ARTICLES and refs(copied) == ids
    shown = 0
    for ref in map(str, ids):
        for command in (("show", ref, "--json"), ("history", ref, "--json")):
            original = run(source, *command, capsys=capsys)
            assert run(copied, *command, capsys=capsys) == original
            shown += original[0] == 0 and command[0] == "show"
    assert shown == ARTICLES - 9  # shown: all but the trash, which 'show' sends to undelete
    for listing in (("list", "--json"), ("list", "--deleted", "--json")):
        original = run(source, *listing, capsys=capsys)
        assert original[0] == 0 and run(copied, *listing, capsys=capsys) == original
    with Newsroom.open(source) as before, Newsroom.open(copied) as after:
        for ref in ids:  # the trash too
            assert after.get(ref, include_deleted=True) == before.get(ref, include_deleted=True)


def test_photos_settings_and_search_travel(source: Path, copied: Path) -> None:
    with Newsroom.open(source) as original, Newsroom.open(copied) as copy:
        assert copy.identity() == original.identity()  # the same newsroom
        assert copy.settings() == original.settings()
        assert (
            copy.photos.codes() == original.photos.codes()
            and copy.dictionary() == original.dictionary()
        )
        assert copy.section_list() == original.section_list()
        for query in ("grain", '"story 12"', "story -talks", "Lavrov", "renamed"):
            assert copy.search(query) == original.search(query)
        assert copy.search("grain")
        assert copy.get("story-5").slug == "story-5-renamed"  # the alias answers
        article = copy.get("story-1")
        assert article.photo is not None
        sha = article.photo.sha256
        assert copy.photos.data(sha) == original.photos.data(sha)
        assert copy.photos.rendition(sha, 200) == original.photos.rendition(sha, 200)


def test_the_copy_passes_check_db(copied: Path) -> None:
    with Newsroom.open(copied) as copy:
        report = copy.check()
    assert report.ok, report.problems


def test_a_new_article_in_the_copy_gets_a_new_id(copied: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.sqlite"
    copy_newsroom(copied, again)
    with Newsroom.open(again, author="tester") as newsroom:
        newsroom.import_json({"headline": "After the move"}, base_dir=None)
        made = newsroom.get("after-the-move")
    assert made.id == ARTICLES + 1


def test_progress_counts_every_row_of_every_table(source: Path, tmp_path: Path) -> None:
    told: list[tuple[str, int, int]] = []
    report = copy_newsroom(source, tmp_path / "c.sqlite", progress=lambda *step: told.append(step))
    finals = {table: done for table, done, total in told if done == total}
    assert finals == {**report.rows, SEARCH_STEP: 1}
    assert report.count("articles") == ARTICLES
    assert all(0 <= done <= total for _table, done, total in told)


def test_a_read_only_source_is_copied(source: Path, tmp_path: Path) -> None:
    read_only = read_only_url(source, immutable=True)
    copy_newsroom(read_only, tmp_path / "c.sqlite")
    assert refs(tmp_path / "c.sqlite") == refs(source)


# --- refusals and failures ----------------------------------------------------------------


def test_a_newsroom_with_rows_is_never_copied_over(source: Path, tmp_path: Path) -> None:
    occupied = tmp_path / "occupied.sqlite"
    with Newsroom.open(occupied, create=True, author="tester") as newsroom:
        newsroom.import_json({"headline": "Already here"}, base_dir=None)
    before = hashlib.sha256(occupied.read_bytes()).hexdigest()
    with pytest.raises(StorageError, match=r"occupied.sqlite: already holds a newsroom \(1 art"):
        copy_newsroom(source, occupied)
    assert hashlib.sha256(occupied.read_bytes()).hexdigest() == before
    with Newsroom.open(occupied) as newsroom:
        assert [article.slug for article in newsroom.articles()] == ["already-here"]


def test_an_empty_newsroom_or_empty_file_is_a_fine_destination(
    source: Path, tmp_path: Path
) -> None:
    made = tmp_path / "made.sqlite"
    Newsroom.open(made, create=True).close()
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    for destination in (made, empty):
        assert copy_newsroom(source, destination).count("articles") == ARTICLES


def test_other_things_are_refused(source: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    upgrade(create_newsroom_engine(resolve_url(old)), "0005")
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE mine (x)")
    cases = {
        (source, source.parent / "." / source.name): "that is the newsroom being copied itself",
        (tmp_path / "missing.sqlite", tmp_path / "c.sqlite"): "no newsroom here to copy",
        (old, tmp_path / "c.sqlite"): "older schema (0005); upgrade it first",
        (other, tmp_path / "c.sqlite"): "not a newsroom; nothing to copy",
        (source, other): "holds other tables and is not a newsroom",
        (source, tmp_path / "no" / "c.sqlite"): "the folder",
        (source, tmp_path): "is a folder",
    }
    for (src, dst), message in cases.items():
        with pytest.raises(StorageError, match=re.escape(message)):
            copy_newsroom(src, dst)
    assert not (tmp_path / "c.sqlite").exists()


@pytest.fixture
def broken_source(source: Path, tmp_path: Path) -> Path:
    """A real newsroom file holding a quote of an article that does not exist.

    Written with foreign keys off, as a damaged or hand-edited file can be;
    the destination enforces them, so the copy fails at the quotes, after
    photos and articles were already written in its transaction.
    """
    broken = tmp_path / "broken.sqlite"
    copy_newsroom(source, broken)
    with sqlite3.connect(broken) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute(
            "INSERT INTO quotes (article_id, position, text, speaker, role, pull) "
            "VALUES (9999, 0, 'Orphan', '', '', 0)"
        )
    return broken


def test_a_failure_part_way_leaves_a_new_destination_missing(
    broken_source: Path, tmp_path: Path
) -> None:
    destination = tmp_path / "new.sqlite"
    with pytest.raises(StorageError, match=r"stopped at quotes.*as it was"):
        copy_newsroom(broken_source, destination)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["broken.sqlite"]


def test_a_failure_part_way_leaves_an_empty_destination_empty(
    broken_source: Path, tmp_path: Path
) -> None:
    destination = tmp_path / "empty.sqlite"
    Newsroom.open(destination, create=True).close()
    with pytest.raises(StorageError, match="stopped at quotes"):
        copy_newsroom(broken_source, destination)
    assert every_row(create_engine(resolve_url(destination))) == {t.name: [] for t in TABLES}
    with Newsroom.open(destination) as newsroom:
        assert newsroom.check().ok


# --- backup of a newsroom on a server: the copy into one SQLite file -----------------------


def test_copy_backup_writes_one_standalone_sqlite_file(source: Path, tmp_path: Path) -> None:
    destination = tmp_path / "backup.sqlite"
    copy_backup(resolve_url(source), destination)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["backup.sqlite"]
    with sqlite3.connect(destination) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert every_row(create_engine(resolve_url(destination))) == every_row(
        create_engine(resolve_url(source))
    )
    copy_backup(resolve_url(source), destination)  # a second backup replaces the first
    assert refs(destination) == refs(source)


# --- the command line ---------------------------------------------------------------------


def newsroom_copy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsroom", "copy", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "NEWSROOM_AUTHOR": "tester"},
    )  # fmt: skip


def test_cli_copies_with_a_progress_line_per_table(source: Path, tmp_path: Path) -> None:
    done = newsroom_copy(str(source), str(tmp_path / "c.sqlite"))
    assert done.returncode == 0, done.stderr
    (summary,) = done.stdout.splitlines()
    assert summary.startswith(f"copied {ARTICLES} articles with ")
    assert summary.endswith(f" revisions and {PHOTOS} photos from {source} to {tmp_path}/c.sqlite")
    progress = done.stderr.splitlines()
    assert progress[-1] == "search index rebuilt"
    assert f"copied articles: {ARTICLES} rows" in progress
    assert len(progress) == len(TABLES) + 1


def test_cli_refuses_in_one_line(source: Path, tmp_path: Path) -> None:
    same = newsroom_copy(str(source), str(source.parent / "x" / ".." / source.name))
    assert same.returncode == 1
    assert same.stderr == (
        f"newsroom: error: {source.parent / 'x' / '..' / source.name}: "
        "that is the newsroom being copied itself\n"
    )
    occupied = tmp_path / "occupied.sqlite"
    assert newsroom_copy(str(source), str(occupied)).returncode == 0
    again = newsroom_copy(str(source), str(occupied))
    assert again.returncode == 1 and again.stderr.count("\n") == 1
    assert again.stderr.startswith(f"newsroom: error: {occupied}: already holds a newsroom")
    usage = newsroom_copy(str(source))
    assert usage.returncode == 2 and usage.stderr.splitlines()[-1].startswith("newsroom: error: ")


# --- SQLite → PostgreSQL → SQLite on a real server -----------------------------------------


def test_rows_go_to_postgresql_and_back(source: Path, postgres_url: URL, tmp_path: Path) -> None:
    server = create_engine(postgres_url)
    upgrade(server, SCHEMA_HEAD)
    reader = create_newsroom_engine(resolve_url(source), read_only=True)
    back_path = tmp_path / "back.sqlite"
    Newsroom.open(back_path, create=True).close()
    back = create_newsroom_engine(resolve_url(back_path))
    try:
        there = copy_rows(reader, server)
        assert there["articles"] == ARTICLES
        assert copy_rows(server, back) == there
        assert every_row(back) == every_row(reader) == every_row(server)
        with server.begin() as connection:  # the sequences were set past the copied ids
            made = connection.execute(
                insert(schema.ARTICLES).returning(schema.ARTICLES.c.id),
                _new_article_row(),
            ).scalar_one()
        assert made == ARTICLES + 1
    finally:
        for engine in (server, reader, back):
            engine.dispose()
    with Newsroom.open(back_path) as newsroom:
        assert newsroom.check().ok
        assert newsroom.search("grain")


def _new_article_row() -> dict[str, Any]:
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    return {"slug": "after-the-move", "headline": "After", "created_at": now, "updated_at": now}


def test_locks_stay_behind(source: Path, tmp_path: Path) -> None:
    """Who is editing what is this newsroom's present, not its content: a copy starts free."""
    with Newsroom.open(source, author="Anna Ivanova") as anna:
        anna.lock("story-1")
        copy_newsroom(source, tmp_path / "copy.sqlite")
    with Newsroom.open(tmp_path / "copy.sqlite", author="Boris Petrov") as boris:
        assert boris.locks() == {}
        assert boris.lock("story-1").holder == "Boris Petrov"
