"""``newsroom copy`` SQLite → PostgreSQL → SQLite, as typed, at a desk's scale: 600 articles
with photos, revisions, the trash; every article's ``show --json`` and history, and ``check-db``,
agree on all three.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import URL

from newsroom.article_json import read_article
from newsroom.cli import shown_json
from newsroom.storage.copying import BATCH_ROWS
from newsroom.store import Newsroom
from tests.helpers import ROOT, full_article, jpeg_bytes

# More than one of the copy's batches (BATCH_ROWS) of articles, and many of revisions.
ARTICLES = 600
assert ARTICLES > BATCH_ROWS
PHOTOS = 20

pytestmark = pytest.mark.slow


def build(path: Path) -> None:
    with Newsroom.open(path, create=True, author="tester") as newsroom:
        newsroom.set_setting("timezone", "Europe/Moscow")
        newsroom.photos.set_codes({"=lav=": "Sergei Lavrov"})
        hashes = [
            newsroom.photos.add(jpeg_bytes(200 + index, 150, (index * 12, 90, 140))).sha256
            for index in range(PHOTOS)
        ]
        inputs = [
            read_article(
                full_article(
                    slug=f"story-{index}", headline=f"Story {index} about grain talks",
                    status="draft", published_at=None,
                    related=[{"slug": f"story-{index - 1}"}] if index else [],
                    photo={"sha256": hashes[index % PHOTOS], "caption": f"Caption {index}"},
                ),
                base_dir=None,
                tz=UTC,
            )
            for index in range(ARTICLES)
        ]  # fmt: skip
        for start in range(0, ARTICLES, 250):
            newsroom.import_articles(inputs[start : start + 250])
        for summary in newsroom.articles():
            article = newsroom.get(summary.id)
            newsroom.save(dataclasses.replace(article, lead=f"{article.lead} Updated."))
        for index in range(0, ARTICLES, 37):
            newsroom.delete(f"story-{index}")


def copy(source: str, destination: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "newsroom", "copy", source, destination],
        capture_output=True, text=True, cwd=ROOT, check=False, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"copied {ARTICLES} articles with ")


def everything(target: str) -> dict[int, tuple[dict[str, Any], list[Any]]]:
    """Each article (the trash too): its show --json, and its history."""
    with Newsroom.open(target) as newsroom:
        settings = newsroom.settings()
        ids = [a.id for deleted in (False, True) for a in newsroom.articles(deleted=deleted)]
        assert newsroom.check().ok, newsroom.check().problems
        return {
            article_id: (
                shown_json(newsroom, newsroom.get(article_id, include_deleted=True), settings),
                [dataclasses.astuple(info) for info in newsroom.history(article_id)],
            )
            for article_id in ids
        }


def test_sqlite_to_postgresql_and_back_keeps_every_article(
    postgres_url: URL, tmp_path: Path
) -> None:
    source = tmp_path / "laptop.sqlite"
    build(source)
    server = postgres_url.render_as_string()
    back = tmp_path / "on-the-road.sqlite"
    copy(str(source), server)
    copy(server, str(back))
    on_laptop, on_server, on_the_road = (everything(t) for t in (str(source), server, str(back)))
    assert len(on_laptop) == ARTICLES
    assert sum(len(history) for _, history in on_laptop.values()) >= 2 * ARTICLES
    assert on_server == on_laptop
    assert on_the_road == on_laptop
