"""A desk at work: N editors saving at once, on PostgreSQL and on SQLite; and search on both.

    python -m bench.team                       20 editors for 30 s; search at 100,000 articles
    python -m bench.team --editors 5 --seconds 10 --articles 5000     a quick look
    python -m bench.team --postgres URL --postgres-search URL2
                                               existing empty databases, not a throwaway server
    python -m bench.team --search-db X.sqlite  reuse bench/storage.py's newsroom
    python -m bench.team --skip-desk           the search part only

Saves: each editor is its own process with its own Newsroom, saving its own
800-word article as fast as it can (a changed paragraph each time, as typing
does between autosaves), for the same stretch of time on each engine. Printed:
saves per second for the whole desk and the p50/p95/max of one save as the
editor waits for it. Targets (issue 12): p95 ≤ 100 ms with 20 editors on
PostgreSQL.

Search: bench/storage.py's newsroom (built when missing) copied into
PostgreSQL with ``newsroom copy``, then the same queries on both through
``Newsroom.search`` (50 hits newest first, with snippets and without, median of several runs), and
the ratio. Target: PostgreSQL within 2× of SQLite FTS5 on every query.
Never pass/fail: it prints figures and the machine's load.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.storage import QUERIES
from bench.storage import build as build_search_newsroom
from newsroom.article import Article
from newsroom.errors import ConflictError
from newsroom.storage.copying import copy_newsroom
from newsroom.store import Newsroom

ROOT = Path(__file__).resolve().parents[1]
WORDS_PER_ARTICLE = 800
SEARCH_REPEAT = 9


def paragraphs(editor: int, turn: int) -> str:
    """An 800-word body in ten paragraphs; the turn changes one of them, as an edit does."""
    words = [f"word{(editor * 7 + i) % 97}" for i in range(WORDS_PER_ARTICLE)]
    chunks = [" ".join(words[i : i + 80]) + "." for i in range(0, WORDS_PER_ARTICLE, 80)]
    chunks[turn % len(chunks)] += f" Edit {turn} by editor {editor}."
    return "\n\n".join(chunks)


# --- one editor (a child process) --------------------------------------------------


def editor_main(target: str, editor: int, seconds: float, start_at: float, pause: float) -> None:
    """Save this editor's article until the time is up; print the save latencies as JSON."""
    with Newsroom.open(target, author=f"editor{editor}") as newsroom:
        article = newsroom.get(f"desk-story-{editor}")
        while time.time() < start_at:
            time.sleep(0.005)
        latencies: list[float] = []
        conflicts = 0
        turn = 0
        pace = random.Random(editor)
        ends = time.perf_counter() + seconds
        while time.perf_counter() < ends:
            turn += 1
            began = time.perf_counter()
            try:
                article = newsroom.save(article.with_changes(body=paragraphs(editor, turn)))
            except ConflictError:
                conflicts += 1
                article = newsroom.get(article.id or 0)
                continue
            latencies.append(time.perf_counter() - began)
            if pause:
                # Typing between autosaves; editors keep their own rhythm, not one beat.
                time.sleep(pause * pace.uniform(0.5, 1.5))
    # The first save warms this process up (its first query plans, the renderer's caches).
    print(json.dumps({"latencies": latencies[1:], "conflicts": conflicts}))


# --- the desk ----------------------------------------------------------------------


def prepare_desk(target: str, editors: int) -> None:
    with Newsroom.open(target, create=True, author="bench") as newsroom:
        for editor in range(editors):
            slug = f"desk-story-{editor}"
            if not newsroom.exists(slug):
                newsroom.create(
                    Article(headline=f"Desk story {editor}", slug=slug, body=paragraphs(editor, 0))
                )


def run_desk(target: str, editors: int, seconds: float, pause: float = 0.0) -> dict[str, float]:
    prepare_desk(target, editors)
    start_at = time.time() + 2.0 + editors * 0.15  # every process open and waiting first
    children = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench.team",
                "--editor",
                str(editor),
                "--target",
                target,
                "--seconds",
                str(seconds),
                "--start-at",
                str(start_at),
                "--pause",
                str(pause),
            ],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for editor in range(editors)
    ]
    latencies: list[float] = []
    conflicts = 0
    for child in children:
        out, _ = child.communicate()
        if child.returncode != 0:
            raise SystemExit(f"an editor process failed (exit {child.returncode})")
        report = json.loads(out)
        latencies.extend(report["latencies"])
        conflicts += report["conflicts"]
    latencies.sort()
    return {
        "saves": len(latencies),
        "per_second": len(latencies) / seconds,
        "p50": 1000 * statistics.median(latencies),
        "p95": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
        "max": 1000 * latencies[-1],
        "conflicts": conflicts,
    }


def print_desk(name: str, figures: dict[str, float]) -> None:
    print(
        f"  {name:<11} {figures['saves']:>7,.0f} saves  {figures['per_second']:>7.1f}/s   "
        f"p50 {figures['p50']:6.1f} ms   p95 {figures['p95']:6.1f} ms   "
        f"max {figures['max']:7.1f} ms   conflicts {figures['conflicts']:.0f}"
    )


# --- search --------------------------------------------------------------------------


def median_ms(action: Callable[[], object]) -> float:
    action()  # warm
    times = []
    for _ in range(SEARCH_REPEAT):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return 1000 * statistics.median(times)


def compare_search(sqlite_path: Path, postgres: str, *, copied: bool = False) -> None:
    """``copied``: ``postgres`` already holds a copy of ``sqlite_path`` (a run before made it)."""
    if not copied:
        began = time.perf_counter()
        copy_newsroom(str(sqlite_path), postgres, progress=lambda *_: None)
        print(f"  copied into PostgreSQL in {time.perf_counter() - began:.1f} s")
    with Newsroom.open(sqlite_path) as lite, Newsroom.open(postgres) as server:
        print(
            f"  one round trip to the server (SELECT 1 on psycopg's connection): "
            f"{round_trip_ms(postgres):.3f} ms, the least any search there can take"
        )
        # With snippets: `search --json`; without: the article list and plain `search`.
        for snippets, what in ((True, "with snippets"), (False, "no snippets (the article list)")):
            print(f"  50 hits, newest first, {what}:")
            print(f"  {'query':<22} {'SQLite':>10} {'PostgreSQL':>11} {'ratio':>7}   hits   ≤ 2×")
            met = 0
            for query in QUERIES:
                met += _compare_one(lite, server, query, snippets)
            print(
                f"  target PostgreSQL within 2× of SQLite: met for {met} of {len(QUERIES)} queries"
            )


def round_trip_ms(postgres: str) -> float:
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(postgres)
    dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as raw:
        return median_ms(lambda: raw.execute("SELECT 1").fetchone())


def _compare_one(lite: Newsroom, server: Newsroom, query: str, snippets: bool) -> bool:
    on_sqlite = median_ms(lambda: lite.search(query, limit=50, snippets=snippets))
    on_server = median_ms(lambda: server.search(query, limit=50, snippets=snippets))
    hits = (len(lite.search(query, limit=50)), len(server.search(query, limit=50)))
    ratio = on_server / on_sqlite if on_sqlite else 0.0
    print(
        f"  {query:<22} {on_sqlite:8.2f} ms {on_server:8.2f} ms {ratio:6.1f}×   "
        f"{hits[0]}/{hits[1]}  {'met' if ratio <= 2 else 'NOT met'}"
    )
    return ratio <= 2


# --- the whole run ---------------------------------------------------------------------


def throwaway_database() -> tuple[str, Callable[[], None]]:
    from tests import pg

    server = pg.start_server(durable=True)  # commits as a real server makes them
    name = server.create_database()
    return server.url(name).render_as_string(), lambda: pg.stop_server(server)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--editors", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--articles", type=int, default=100_000, help="for the search part")
    parser.add_argument("--postgres", help="an empty PostgreSQL database to use (URL)")
    parser.add_argument(
        "--postgres-search", help="with --postgres: another empty database for the search part"
    )
    parser.add_argument("--search-db", type=Path, help="bench/storage.py's newsroom, reused")
    parser.add_argument(
        "--search-copy",
        help="with --search-db: a PostgreSQL database (URL) already holding its copy (no copy)",
    )
    parser.add_argument("--skip-search", action="store_true")
    parser.add_argument(
        "--pause",
        type=float,
        default=0.0,
        help="seconds each editor waits between saves (0: as fast as it can; 2.5: autosave)",
    )
    parser.add_argument("--skip-desk", action="store_true", help="only the search part")
    parser.add_argument("--editor", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--target", help=argparse.SUPPRESS)
    parser.add_argument("--start-at", type=float, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.editor is not None:
        editor_main(
            options.target, options.editor, options.seconds, options.start_at, options.pause
        )
        return

    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f} at start")
    postgres, stop = (options.postgres, lambda: None)
    if postgres is None:
        postgres, stop = throwaway_database()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-team-") as folder:
            if not options.skip_desk:
                pace = f", {options.pause:g} s apart" if options.pause else " as fast as they can"
                print(
                    f"{options.editors} editors saving 800-word articles{pace} "
                    f"for {options.seconds:.0f} s:"
                )
                for name, target in (
                    ("PostgreSQL", postgres),
                    ("SQLite", str(Path(folder) / "desk.sqlite")),
                ):
                    figures = run_desk(target, options.editors, options.seconds, options.pause)
                    print_desk(name, figures)
            if options.search_copy and options.search_db:
                print(f"search over the copy of {options.search_db}:")
                compare_search(options.search_db, options.search_copy, copied=True)
            elif options.postgres and not options.postgres_search:
                print("search: skipped (give --postgres-search, an empty database, to run it)")
            elif not options.skip_search:
                search_db = options.search_db or Path(folder) / "search.sqlite"
                seconds, made = build_search_newsroom(search_db, options.articles)
                if made:
                    print(f"search newsroom: built {made:,} articles in {seconds:.0f} s")
                second = options.postgres_search or _second_database(postgres)
                print(f"search over {options.articles:,} articles:")
                compare_search(search_db, second)
    finally:
        stop()
    print(f"load {os.getloadavg()[0]:.2f} at the end")


def _second_database(postgres: str) -> str:
    """An empty database beside the desk's on the throwaway server, for the copied newsroom."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(postgres)
    name = f"{url.database}_search"
    host = url.query.get("host")
    with psycopg.connect(host=host, user=url.username, dbname="postgres", autocommit=True) as raw:
        raw.execute(f'CREATE DATABASE "{name}"'.encode())
    return url.set(database=name).render_as_string(hide_password=False)


if __name__ == "__main__":
    main()
