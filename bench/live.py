"""Live updates: how soon another process's save shows in the article list, and what watching costs.

    python -m bench.live [--rounds 20] [--postgres URL]

Another process saves an article ``--rounds`` times, writing the moment of
each commit into the headline; this process runs the app's article list with
its ``ChangeFeed`` and notes when each headline appears in the model. Prints
p50/p95/max of commit → model on SQLite and PostgreSQL, then the CPU the
watcher costs while nothing changes (SQLite polls; PostgreSQL waits on its
socket). Without --postgres a throwaway server is started as the tests do.
Figures only; never pass/fail.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from newsroom.article import Article
from newsroom.store import Newsroom
from ui.article_list import ArticleListPane
from ui.live import ChangeFeed
from ui.session import Session
from ui.tasks import Tasks

ROOT = Path(__file__).resolve().parents[1]
WRITER = """
import random, sys, time
from newsroom.store import Newsroom
with Newsroom.open(sys.argv[1], author="Boris") as n:
    article = n.get(int(sys.argv[2]))
    print("ready", flush=True)
    sys.stdin.readline()
    for round in range(int(sys.argv[3])):
        time.sleep(random.uniform(0.2, 0.5))
        article = n.save(article.with_changes(headline=f"{round} {time.time():.6f}"))
        # The commit is done once save returns; the headline said a moment before it.
        print(f"{round} {time.time():.6f}", flush=True)
"""


def pump(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.001)


def latencies(app: QApplication, target: str, rounds: int) -> list[float]:
    with Newsroom.open(target, create=True, author="bench") as newsroom:
        for number in range(50):
            newsroom.create(Article(headline=f"Story {number}"))
        article = newsroom.create(Article(headline="The one being saved"))
        session = Session(newsroom, Tasks())
        pane = ArticleListPane(session)
        feed = ChangeFeed(newsroom)
        feed.changed.connect(pane.refresh)
        feed.start()
        seen: dict[int, float] = {}

        def note() -> None:
            row = pane.model.row_of(article.id or 0)
            if row is not None:
                first = pane.model.summary(row).headline.split()[0]
                if first.isdigit() and int(first) not in seen:
                    seen[int(first)] = time.time()

        pane.model.loaded.connect(note)
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, target, str(article.id), str(rounds)],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert writer.stdout is not None and writer.stdin is not None
        writer.stdout.readline()
        pump(app, 0.5)
        writer.stdin.write("go\n")
        writer.stdin.flush()
        committed: dict[int, float] = {}
        os.set_blocking(writer.stdout.fileno(), False)
        deadline = time.monotonic() + rounds * 0.6 + 10
        while len(seen) < rounds and time.monotonic() < deadline:
            pump(app, 0.005)
            for line in iter(writer.stdout.readline, ""):
                number, moment = line.split()
                committed[int(number)] = float(moment)
        writer.wait()
        feed.stop()
        session.tasks.wait()
        pane.deleteLater()
        pump(app, 0.1)
        return [(seen[n] - committed[n]) * 1000 for n in committed if n in seen]


def idle_cpu(app: QApplication, target: str, seconds: float) -> tuple[float, float]:
    """CPU seconds per minute of this process, without and with a watcher, nothing changing."""
    with Newsroom.open(target, create=True, author="bench") as newsroom:

        def measured() -> float:
            start = time.process_time()
            pump_idle(app, seconds)
            return (time.process_time() - start) / seconds * 60

        without = measured()
        feed = ChangeFeed(newsroom)
        feed.start()
        with_feed = measured()
        feed.stop()
        return without, with_feed


def pump_idle(app: QApplication, seconds: float) -> None:
    # An idle app sleeps in its event loop; so does this, in 50 ms naps.
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.05)


def report(name: str, figures: list[float], rounds: int) -> None:
    figures.sort()
    p95 = figures[max(0, int(len(figures) * 0.95) - 1)]
    print(
        f"{name:11} commit → list model: p50 {statistics.median(figures):6.1f} ms  "
        f"p95 {p95:6.1f} ms  max {figures[-1]:6.1f} ms  ({len(figures)}/{rounds} seen)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--idle", type=float, default=10.0, help="seconds of idle measured")
    parser.add_argument("--postgres", help="an empty database's URL (default: a throwaway server)")
    arguments = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as folder:
        sqlite = str(Path(folder) / "live.sqlite")
        report("SQLite", latencies(app, sqlite, arguments.rounds), arguments.rounds)
        without, with_feed = idle_cpu(app, str(Path(folder) / "idle.sqlite"), arguments.idle)
        print(f"SQLite idle: {without:.2f} CPU s/min without the watcher, {with_feed:.2f} with it")
        server = None
        target = arguments.postgres
        if target is None:
            from tests import pg

            server = pg.start_server()
            target = server.url(server.create_database()).render_as_string(hide_password=False)
        try:
            report("PostgreSQL", latencies(app, target, arguments.rounds), arguments.rounds)
            idle_db = target
            without, with_feed = idle_cpu(app, idle_db, arguments.idle)
            print(
                f"PostgreSQL idle: {without:.2f} CPU s/min without the watcher, "
                f"{with_feed:.2f} with it"
            )
        finally:
            if server is not None:
                from tests import pg

                pg.stop_server(server)
    QCoreApplication.processEvents()


if __name__ == "__main__":
    main()
