"""Revision snapshots: one article's, and a big import's made on a thread while it writes."""

from __future__ import annotations

import threading

from newsroom.article import Article, Dateline
from newsroom.article_json import content_to_json
from newsroom.revisions import (
    THREADED_SNAPSHOTS,
    decode_snapshot,
    encode_snapshot,
    encode_snapshots_meanwhile,
)


def articles(count: int) -> list[Article]:
    return [
        Article(
            headline=f"Ferry {n} sails «again»",
            body=f"Body {n}\n\nmore " * (n % 5 + 1),
            tags=("port", f"t{n}"),
            dateline=Dateline(city="Riga"),
        )
        for n in range(count)
    ]


def test_snapshots_made_meanwhile_are_each_articles_own_in_order() -> None:
    for count in (1, THREADED_SNAPSHOTS - 1, THREADED_SNAPSHOTS, THREADED_SNAPSHOTS * 2 + 7):
        batch = articles(count)
        made = encode_snapshots_meanwhile(batch)()
        assert made == [encode_snapshot(article) for article in batch]
        assert [decode_snapshot(blob) for blob in made] == [content_to_json(a) for a in batch]


def test_a_big_batch_is_compressed_on_a_thread_that_is_gone_once_waited_for() -> None:
    before = threading.active_count()
    wait = encode_snapshots_meanwhile(articles(THREADED_SNAPSHOTS))
    assert len(wait()) == THREADED_SNAPSHOTS
    assert threading.active_count() == before
    assert not [t for t in threading.enumerate() if t.name == "snapshots"]
