"""What keeps the newsroom file small, and what it keeps however much it costs.

The HTML made at save time is the body's Markdown with tags around it;
packed with the body as zlib's dictionary (storage.packing, migration 0016)
it keeps only the tags, and it unpacks only against the very body it was
packed with. The search index's prefix indexes stay, though they are most of
its size: the article list's search-as-you-type needs them.
"""

from __future__ import annotations

import random
import re
import sqlite3
from pathlib import Path

from sqlalchemy import select

from newsroom.article import Article
from newsroom.render.body import render_body
from newsroom.storage import search as fulltext
from newsroom.storage.packing import WINDOW, pack_html, unpack_html
from newsroom.storage.schema import ARTICLES
from newsroom.store import Newsroom

_VOCABULARY = "the minister said talks would go on through night while officials grain river"
_WORDS = random.Random(15).choices(_VOCABULARY.split(), k=400)
BODY = "\n\n".join(" ".join(_WORDS[n : n + 50]).capitalize() + "." for n in range(0, 400, 50))


def _stored(newsroom: Newsroom, article_id: int) -> tuple[bytes, str]:
    with newsroom.db.reading() as connection:
        packed, body = connection.execute(
            select(ARTICLES.c.body_html_packed, ARTICLES.c.body).where(ARTICLES.c.id == article_id)
        ).one()
    return bytes(packed), body


def test_a_saved_article_keeps_its_html_packed_against_its_body(newsroom: Newsroom) -> None:
    saved = newsroom.create(Article(headline="Talks go on", body=BODY))
    assert saved.id is not None
    assert "body_html" not in ARTICLES.c
    packed, body = _stored(newsroom, saved.id)
    html = render_body(BODY)
    assert unpack_html(packed, body) == html == newsroom.body_html(saved)
    # Against the body, the HTML keeps only its tags, not the words again.
    assert len(packed) < len(pack_html(html, "unrelated text")) / 4


def test_an_edited_body_is_packed_again_with_its_own_html(newsroom: Newsroom) -> None:
    saved = newsroom.create(Article(headline="Talks go on", body=BODY))
    edited = newsroom.save(saved.with_changes(body="A *new* body.\n\nAnd more."))
    assert edited.id is not None
    packed, body = _stored(newsroom, edited.id)
    assert unpack_html(packed, body) == render_body("A *new* body.\n\nAnd more.")


def test_html_unpacks_only_against_the_body_it_was_packed_with() -> None:
    html = render_body(BODY)
    packed = pack_html(html, BODY)
    assert unpack_html(packed, BODY) == html
    assert unpack_html(packed, BODY + " changed") is None
    assert unpack_html(b"not deflate at all", BODY) is None
    assert unpack_html(packed[:-4], BODY) is None  # cut short: not the whole HTML


def test_an_empty_body_a_long_body_and_any_script_pack_and_unpack() -> None:
    long_body = "Ünïcödé – “quoted” 北京 text. " * 3_000
    assert len(long_body.encode()) > WINDOW
    for body in ("", long_body, "Ελληνικά και русский"):
        html = render_body(body)
        assert unpack_html(pack_html(html, body), body) == html


def test_the_search_index_keeps_the_prefix_indexes_newest_first_search_relies_on(
    db_path: Path,
) -> None:
    """Newest-first search spells out only prefixes longer than PREFIX_INDEX_LENGTH and
    leaves shorter ones to FTS5's prefix indexes: dropping them would make a 2-letter
    search merge every term it starts (bench/prefix_index.py: 0.2 ms to 20 ms at 100,000
    articles, 1.1 s with snippets in the best order). The file keeps them (issue 15)."""
    with Newsroom.open(db_path, create=True, author="tester"):
        pass
    with sqlite3.connect(db_path) as raw:
        (sql,) = raw.execute(
            "SELECT sql FROM sqlite_schema WHERE name = 'article_search'"
        ).fetchone()
    (lengths,) = re.findall(r"prefix='([\d ]+)'", sql)
    assert [int(n) for n in lengths.split()] == list(range(2, fulltext.PREFIX_INDEX_LENGTH + 1))
