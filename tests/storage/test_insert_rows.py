"""``insert_rows``: SQLite's driver-level executemany stores what SQLAlchemy's insert stores."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import insert

from newsroom.storage.packing import pack_html
from newsroom.storage.reads import ARTICLES, REVISIONS
from newsroom.storage.sqlite import SQLITE
from newsroom.store import Newsroom


def article_row(slug: str, moment: datetime) -> dict[str, object]:
    return {
        "slug": slug, "headline": "Quay «reopens»", "subtitle": "", "section": "City",
        "byline": "A. Writer", "tags": "port\nferry", "dateline_city": "Riga",
        "dateline_date": date(2024, 2, 29), "dateline_agency": "", "lead": "Lead.",
        "body": "Body 🙂", "photo_id": None, "photo_caption": "", "photo_credit": "",
        "photo_alt": "", "mark": "", "status": "published", "published_at": moment,
        "created_at": moment, "updated_at": moment.replace(microsecond=0), "deleted_at": None,
        "revision": 1, "body_html_packed": pack_html("<p>Body 🙂</p>", "Body 🙂"), "render_version": 3, "language": "lv",
        "source_agency": "", "source_item_id": "", "source_version": "", "source_urgency": None,
        "source_file_name": "", "source_copyright": "", "source_format": "",
        "source_pubstatus": "", "source_byline_title": "",
    }  # fmt: skip


def stored(db: Path, table: str, where: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as raw:
        columns = [row[1] for row in raw.execute(f"PRAGMA table_info({table})") if row[1] != "id"]
        listed = ", ".join(f"{name}, typeof({name})" for name in columns)
        return raw.execute(f"SELECT {listed} FROM {table} WHERE {where}").fetchall()  # noqa: S608


def test_rows_are_stored_as_sqlalchemys_insert_stores_them(tmp_path: Path) -> None:
    db = tmp_path / "n.sqlite"
    east = timezone(timedelta(hours=3))
    moment = datetime(2025, 3, 30, 2, 30, 15, 120, tzinfo=east)
    with Newsroom.open(db, create=True, author="t") as newsroom:
        with newsroom.db.transaction(write=True) as connection:
            connection.execute(insert(ARTICLES), [article_row("by-sqlalchemy", moment)])
            SQLITE.insert_rows(connection, ARTICLES, [article_row("by-driver", moment)])
            ids = dict(connection.execute(ARTICLES.select().with_only_columns(
                ARTICLES.c.slug, ARTICLES.c.id)).all())  # fmt: skip
            revision = {"number": 1, "created_at": moment, "author": "t", "summary": "s",
                        "snapshot": b"\x00\x01"}  # fmt: skip
            connection.execute(
                insert(REVISIONS), [{**revision, "article_id": ids["by-sqlalchemy"]}]
            )
            SQLITE.insert_rows(
                connection, REVISIONS, [{**revision, "article_id": ids["by-driver"]}]
            )
        by_sqlalchemy = stored(db, "articles", "slug = 'by-sqlalchemy'")[0]
        by_driver = stored(db, "articles", "slug = 'by-driver'")[0]
        differ = [
            i
            for i, pair in enumerate(zip(by_sqlalchemy, by_driver, strict=True))
            if pair[0] != pair[1]
        ]
        assert differ == [0]  # the slug only
        assert "2025-03-29 23:30:15.000120" in by_driver  # UTC, six digits: as SQLAlchemy writes
        revisions = stored(db, "revisions", "1")
        assert revisions[0][2:] == revisions[1][2:]  # all but the article
        assert newsroom.get("by-driver").published_at == moment
