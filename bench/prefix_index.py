"""What the search index's prefix indexes buy: short prefixes with and without them.

    python -m bench.prefix_index --db NEWSROOM.sqlite --scratch DIR

FTS5's ``prefix='2 3'`` keeps every word's positions twice more, under its
first two and three letters: 2.9 KB of the index's 4.8 KB per article of
~400 words. It serves the 2- and 3-letter prefixes an editor types first in
the article list's search-as-you-type; a longer prefix the newest-first
order spells out as its terms (``article_search_terms``). This bench copies
the newsroom to ``--scratch`` (the newsroom itself is only read), and times
the list's own page (``ListQuery.page``: 200 rows, no snippet) and a
``newsroom search --json`` page (20, with snippets), each in both orders, for
2- and 3-letter prefixes: with the index as made (the anchor, same run), then
remade without prefix indexes, then with a 2-letter one only. Target (issue
15): the list answers a typed search within 100 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import time
from pathlib import Path

from bench.storage import machine, median_ms
from newsroom.store import Newsroom
from ui.article_list import ListQuery  # the list's own page, without a window

QUERIES = ("th", "co", "pr", "gov", "pri", "sai")
# The index's options after its tokenizer, as each variant remakes it.
VARIANTS = {
    "prefix='2 3' (as made)": None,
    "no prefix index": "",
    "prefix='2' only": ", prefix='2'",
}
TOKENIZER = "tokenize='unicode61 remove_diacritics 2'"
LIST_TARGET_MS = 100.0


def remake_index(path: Path, options: str) -> float:
    """The article search index made again with ``options``; seconds taken."""
    started = time.perf_counter()
    raw = sqlite3.connect(path)
    (sql,) = raw.execute("SELECT sql FROM sqlite_schema WHERE name = 'article_search'").fetchone()
    made = sql[: sql.index(TOKENIZER) + len(TOKENIZER)] + options + "\n)"
    raw.execute("DROP TABLE article_search")
    raw.execute(made)
    raw.execute("INSERT INTO article_search(article_search) VALUES ('rebuild')")
    raw.commit()
    raw.close()
    return time.perf_counter() - started


def index_bytes(path: Path, count: int) -> float:
    raw = sqlite3.connect(path)
    (size,) = raw.execute(
        "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'article!_search!_%' ESCAPE '!'"
    ).fetchone()
    raw.close()
    return float(size) / count


def measure(path: Path, queries: tuple[str, ...], repeat: int) -> dict[tuple[str, str], float]:
    """Milliseconds per query and kind: the list's page and a search --json page, in each order."""
    found: dict[tuple[str, str], float] = {}
    with Newsroom.open(path) as newsroom:
        for query in queries:
            for order in ("updated", "best"):
                found[query, f"list {order}"] = median_ms(
                    lambda q=query, o=order: ListQuery(text=q, order=o).page(newsroom, 0),  # type: ignore[misc]
                    repeat,
                )
            for order in ("newest", "best"):
                found[query, f"search {order} --json"] = median_ms(
                    lambda q=query, o=order: newsroom.search(q, limit=20, order=o),  # type: ignore[misc]
                    repeat,
                )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, required=True, help="a newsroom file, only read")
    parser.add_argument("--scratch", type=Path, required=True, help="a folder for its copy")
    parser.add_argument("--queries", default=",".join(QUERIES))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    queries = tuple(args.queries.split(","))
    copy = args.scratch / "prefix_index.sqlite"
    shutil.copyfile(args.db, copy)
    with Newsroom.open(copy) as newsroom:  # brought to this version's schema first
        count = newsroom.count()
    print(f"Prefix indexes at {count:,} articles ({machine()})")
    results = {}
    for variant, options in VARIANTS.items():
        seconds = 0.0 if options is None else remake_index(copy, options)
        results[variant] = measure(copy, queries, args.repeat)
        print(
            f"  {variant:24} index {index_bytes(copy, count):6,.0f} bytes per article"
            + (f" (remade in {seconds:.1f} s)" if seconds else "")
            + f"; load {os.getloadavg()[0]:.2f}"
        )
    anchor = results[next(iter(VARIANTS))]
    for variant, found in results.items():
        print(f"{variant}:")
        for (query, kind), ms in found.items():
            verdict = ""
            if kind.startswith("list"):
                met = ms <= LIST_TARGET_MS
                verdict = f"list ≤ {LIST_TARGET_MS:.0f} ms: {'met' if met else 'NOT met'}"
            print(
                f"  {query!r:6} {kind:20} {ms:8.1f} ms   as made {anchor[query, kind]:7.1f} ms   "
                f"{ms / anchor[query, kind]:6.1f}×   {verdict}"
            )
    # The copy, its WAL and the copy Newsroom.open kept before upgrading it.
    for leftover in args.scratch.glob(f"{copy.name}*"):
        leftover.unlink()


if __name__ == "__main__":
    main()
