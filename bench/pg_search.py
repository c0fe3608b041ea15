"""Search on PostgreSQL (tsvector + GIN) next to SQLite FTS5: the same articles, the same queries.

    python -m bench.pg_search [--articles 5000] [--postgres URL]

Without --postgres a throwaway server is started as the tests do (tests/pg.py).
Prints the median time of each query on both engines and their ratio; never pass/fail.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, text

from newsroom.article_json import read_article
from newsroom.storage import postgres_search
from newsroom.storage.migrate import prepare
from newsroom.storage.reads import SUMMARY_COLUMNS
from newsroom.storage.schema import ARTICLES
from newsroom.store import Newsroom

WORDS = (
    "grain corridor talks resume negotiators met istanbul football results spartak weather rain "
    "moscow heavy expected prices rose government minister budget election parliament vote "
    "harbour ships winter ice walrus market shares bank inflation rate energy gas pipeline "
    "summit leaders agreement treaty border security police court judge trial verdict school "
    "teachers students hospital doctors health vaccine climate forest fire river flood bridge"
).split()
QUERIES = ("grain", "moscow rain", '"corridor talks"', "minist", "walrus OR harbour",
           "budget -election", "xylophone")  # fmt: skip
REPEAT = 15


SYLLABLES = "ka lo mi ne ru sa ti vo ze pa be do fu gi ha ju".split()


def vocabulary(rng: random.Random, size: int = 20_000) -> list[str]:
    """The bench words first (common), then made-up ones: a long tail, as in real text."""
    made = {"".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(size)}
    return [*WORDS, *sorted(made - set(WORDS))]


def sentence(rng: random.Random, words: int) -> str:
    # Zipf-like: the word of rank r comes up about 1/r as often as the first.
    chosen = rng.choices(VOCABULARY, weights=ZIPF, k=words)
    return " ".join(chosen).capitalize() + "."


VOCABULARY: list[str] = []
ZIPF: list[float] = []


def articles(count: int) -> list[dict[str, Any]]:
    rng = random.Random(12)
    VOCABULARY[:] = vocabulary(rng)
    ZIPF[:] = [1 / (rank + 1) for rank in range(len(VOCABULARY))]
    return [
        {
            "headline": sentence(rng, 6),
            "subtitle": sentence(rng, 12),
            "lead": sentence(rng, 30),
            "body": "\n\n".join(sentence(rng, 40) for _ in range(10)),
            "tags": [rng.choice(WORDS), rng.choice(WORDS)],
            "slug": f"story-{number}",
        }
        for number in range(count)
    ]


def median_ms(run: Callable[[], object]) -> float:
    run()
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=5_000)
    parser.add_argument("--postgres", help="an empty database's URL (default: a throwaway server)")
    options = parser.parse_args()
    stories = articles(options.articles)
    server = None
    if options.postgres is None:
        from tests import pg

        server = pg.start_server()
        options.postgres = server.url(server.create_database()).render_as_string(False)
    try:
        with tempfile.TemporaryDirectory() as folder:
            run(stories, Path(folder), options.postgres)
    finally:
        if server is not None:
            pg.stop_server(server)


def run(stories: list[dict[str, Any]], folder: Path, url: str) -> None:
    newsroom = Newsroom.open(folder / "bench.sqlite", create=True)
    for first in range(0, len(stories), 1_000):
        chunk = stories[first : first + 1_000]
        newsroom.import_articles([read_article(a, base_dir=None, tz=UTC) for a in chunk])
    engine = create_engine(url)
    prepare(engine, create=True)
    now = datetime.now(UTC)
    rows = [
        {**a, "tags": "\n".join(a["tags"]), "status": "draft", "created_at": now,
         "updated_at": now}
        for a in stories
    ]  # fmt: skip
    started = time.perf_counter()
    with engine.begin() as connection:
        connection.execute(insert(ARTICLES), rows)
        ids = list(connection.execute(text("SELECT id FROM articles")).scalars())
        postgres_search.index_many(connection, ids)
        connection.execute(text("ANALYZE article_search"))
    print(
        f"{len(stories):,} articles; PostgreSQL index filled in {time.perf_counter() - started:.1f} s"
    )
    print(f"{'query':22} {'SQLite':>9} {'PostgreSQL':>11} {'ratio':>6}  hits")
    with engine.connect() as connection:
        for query in QUERIES:
            sqlite_ms = median_ms(lambda q=query: newsroom.search(q))
            pg_ms = median_ms(
                lambda q=query: postgres_search.search(connection, q, SUMMARY_COLUMNS)
            )
            hits = len(postgres_search.search(connection, query, SUMMARY_COLUMNS))
            print(f"{query:22} {sqlite_ms:7.2f}ms {pg_ms:9.2f}ms {pg_ms / sqlite_ms:5.1f}×  {hits}")
    engine.dispose()
    newsroom.close()


if __name__ == "__main__":
    main()
