"""A damaged newsroom: check-db says what is readable, recover copies it into a new newsroom.

The damage is real: pages of the file are overwritten, found with SQLite's
own page map (dbstat), after every change has reached the main file.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from newsroom.store import Newsroom
from tests.conftest import Cli
from tests.helpers import jpeg_bytes, write_json

ARTICLES = 60

# Damage and salvage are of an SQLite file: a server keeps its own pages.
pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def damaged_cli(cli: Cli, tmp_path: Path) -> Cli:
    """A newsroom of 60 articles (several revisions each, one with a photo), closed."""
    (tmp_path / "photo.jpg").write_bytes(jpeg_bytes(400, 300))
    stories = [
        {"slug": f"story-{n}", "headline": f"Story number {n}", "body": f"Paragraph {n}. " * 40}
        for n in range(ARTICLES)
    ]
    stories[0]["photo"] = {"file": "photo.jpg", "caption": "A caption"}
    cli.ok("import", str(write_json(tmp_path / "all.json", stories)))
    for n in range(0, ARTICLES, 3):
        cli.ok("set-status", f"story-{n}", "ready")
    with sqlite3.connect(cli.db) as raw:
        assert raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0
    return cli


def _pages(db: Path, table: str, kind: str) -> list[int]:
    with sqlite3.connect(db) as raw:
        return [
            row[0]
            for row in raw.execute(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = ? ORDER BY pageno",
                (table, kind),
            )
        ]


def _overwrite_page(db: Path, page: int) -> None:
    size = 4096
    with sqlite3.connect(db) as raw:
        size = raw.execute("PRAGMA page_size").fetchone()[0]
    with db.open("r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(b"\xa5" * size)


def _digest(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


def test_a_newsroom_that_will_not_open_is_diagnosed_and_recovered_whole(
    damaged_cli: Cli, tmp_path: Path
) -> None:
    db = damaged_cli.db
    (page,) = _pages(db, "alembic_version", "leaf")
    _overwrite_page(db, page)
    failed = damaged_cli("list")
    assert failed.code == 1 and "the file is damaged" in failed.err

    report = damaged_cli("check-db")
    assert report.code == 1
    assert "problem: checking: " in report.out and "the file is damaged" in report.out
    assert "problem: file integrity:" in report.out
    assert f"ok: readable: articles: {ARTICLES} rows, all readable" in report.out
    assert "would save 60 articles" in report.out

    before = _digest(db)
    out = tmp_path / "recovered.sqlite"
    recovered = damaged_cli.ok("recover", str(out))
    assert recovered.lines[-1] == str(out)
    assert not [line for line in recovered.lines if line.startswith("lost:")]
    assert _digest(db) == before
    with Newsroom.open(out) as newsroom:
        assert newsroom.count() == ARTICLES
        assert newsroom.check().ok
        assert len(newsroom.history("story-3")) == 2
        photo = newsroom.get("story-0").photo
        assert (
            photo is not None
            and newsroom.photos.data(photo.sha256) == (tmp_path / "photo.jpg").read_bytes()
        )
        assert newsroom.search("number 59")[0].article.slug == "story-59"


def test_a_damaged_page_of_articles_loses_only_its_rows(damaged_cli: Cli, tmp_path: Path) -> None:
    db = damaged_cli.db
    leaves = _pages(db, "articles", "leaf")
    assert len(leaves) >= 4, leaves
    _overwrite_page(db, leaves[len(leaves) // 2])
    assert damaged_cli("list").code == 1

    report = damaged_cli("check-db")
    assert report.code == 1
    assert "problem: file integrity:" in report.out
    (articles,) = [line for line in report.lines if "readable: articles:" in line]
    assert "damaged pages lost the rows between id" in articles
    readable = int(articles.split("articles: ")[1].split(" ")[0])
    assert 0 < readable < ARTICLES

    before = _digest(db)
    out = tmp_path / "recovered.sqlite"
    lines = damaged_cli.ok("recover", str(out)).lines
    assert _digest(db) == before
    lost = [line for line in lines if line.startswith("lost: article ")]
    assert len(lost) == ARTICLES - readable
    assert all("“Story number " in line for line in lost)
    with Newsroom.open(out) as newsroom:
        assert newsroom.count() == readable
        assert newsroom.check().ok
        slugs = {summary.slug for summary in newsroom.articles()}
    assert {"story-0", f"story-{ARTICLES - 1}"} <= slugs


def test_check_db_repair_recovers_a_damaged_file_beside_it(damaged_cli: Cli) -> None:
    db = damaged_cli.db
    (page,) = _pages(db, "alembic_version", "leaf")
    _overwrite_page(db, page)
    repaired = damaged_cli("check-db", "--repair")
    assert repaired.code == 1  # the file itself is still damaged
    (said,) = [line for line in repaired.lines if line.startswith("repair: recovered into ")]
    out = Path(said.removeprefix("repair: recovered into ").split(" (")[0])
    assert out.parent == db.parent and out.name.startswith("newsroom.recovered-")
    with Newsroom.open(out) as newsroom:
        assert newsroom.count() == ARTICLES and newsroom.check().ok


def test_recover_refuses_to_overwrite(damaged_cli: Cli, tmp_path: Path) -> None:
    taken = write_json(tmp_path / "taken.sqlite", {})
    failed = damaged_cli("recover", str(taken))
    assert failed.code == 1 and "already exists; recover into a new file" in failed.err


def test_an_empty_file_reads_as_no_newsroom_and_a_write_says_it_made_one(
    cli: Cli, tmp_path: Path
) -> None:
    cli.db.write_bytes(b"")
    listed = cli("list")
    assert listed.code == 1
    assert "no newsroom here yet (the file is empty, 0 bytes" in listed.err
    assert cli("check-db").code == 1
    assert cli.db.stat().st_size == 0  # reading made nothing
    imported = cli.ok("import", str(write_json(tmp_path / "a.json", {"headline": "First"})))
    assert f"newsroom: warning: created a new newsroom at {cli.db}" in imported.err
    assert cli.ok("list").lines[0].endswith("First")
