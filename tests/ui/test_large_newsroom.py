"""The 100 ms rule on a newsroom of a million articles: `make test-slow`, never `make test`.

The article list's search, the news feed and the related pane's search answer
within 100 ms, and the UI thread never stalls longer than that, while
related-headline suggestions (best-match order, slower by design) are looked
for. The newsroom is built once by bench/storage.py's builder (the whole
``newsroom import`` command; about half an hour at a million on 2 cores) and
kept in the user's cache folder, or named by ``NEWSROOM_LARGE_DB``;
``NEWSROOM_LARGE_ARTICLES`` sets its size. These are the only tests with
timings in them: the issue asks for them, and they run apart from the suite.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import platformdirs
import pytest
from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from newsroom.store import Newsroom
from ui.article_list import ArticleListPane
from ui.feed import FeedPane
from ui.related.pane import RelatedPane
from ui.session import Session
from ui.tasks import Tasks

pytestmark = pytest.mark.large

RULE_MS = 100
ARTICLES = int(os.environ.get("NEWSROOM_LARGE_ARTICLES", "1000000"))
QUERIES = ("minister", "government talks", '"prime minister"', "negotiat", "walrus")


def large_newsroom_path() -> Path:
    named = os.environ.get("NEWSROOM_LARGE_DB")
    if named:
        return Path(named)
    folder = Path(platformdirs.user_cache_dir("newsroom-tests"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"large-{ARTICLES}.sqlite"


@pytest.fixture(scope="module")
def large_session(qapp: object) -> Iterator[Session]:
    from bench.storage import build

    path = large_newsroom_path()
    build(path, ARTICLES)  # nothing to do when it holds them already
    newsroom = Newsroom.open(path)
    tasks = Tasks()
    yield Session(newsroom, tasks)
    tasks.wait()
    newsroom.close()


class StallWatch:
    """The longest time the UI thread went without running a 5 ms timer."""

    def __init__(self) -> None:
        self.longest_ms = 0
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)

    def __enter__(self) -> StallWatch:
        self._clock.start()
        self._timer.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        self.longest_ms = max(self.longest_ms, self._clock.restart())


def answered_ms(qtbot: QtBot, start: Callable[[], None], done: Callable[[], bool]) -> float:
    began = time.perf_counter()
    start()
    qtbot.waitUntil(done, timeout=10_000)
    return 1000 * (time.perf_counter() - began)


def test_the_article_list_answers_a_typed_search(qtbot: QtBot, large_session: Session) -> None:
    pane = ArticleListPane(large_session)
    qtbot.addWidget(pane)
    pane.show()
    qtbot.waitUntil(lambda: pane.model.rowCount() > 0, timeout=10_000)
    for query in QUERIES:
        pane.search.setText(query)
        with StallWatch() as watch:
            took = answered_ms(
                qtbot,
                pane.apply_query,  # as the pause after typing does
                lambda: not pane.model.is_loading() and pane.model.rowCount() > 0,
            )
        assert took <= RULE_MS, f"{query!r}: the list answered in {took:.0f} ms"
        assert watch.longest_ms <= RULE_MS, f"{query!r}: the UI stalled {watch.longest_ms} ms"


def test_the_news_feed_loads(qtbot: QtBot, large_session: Session) -> None:
    pane = FeedPane(large_session)
    qtbot.addWidget(pane)
    pane.show()
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        pane.refresh()  # the first load: queries and plans warmed as in the app
    with StallWatch() as watch, qtbot.waitSignal(pane.loaded, timeout=10_000):
        began = time.perf_counter()
        pane.refresh()
    took = 1000 * (time.perf_counter() - began)
    assert pane.model.rowCount() > 0
    assert took <= RULE_MS, f"the news feed loaded in {took:.0f} ms"
    assert watch.longest_ms <= RULE_MS, f"the UI stalled {watch.longest_ms} ms"


def test_related_search_answers_and_suggestions_never_stall(
    qtbot: QtBot, large_session: Session
) -> None:
    newsroom = large_session.newsroom
    article = newsroom.get(newsroom.articles(limit=1)[0].id or 0)
    pane = RelatedPane(large_session, QUndoStack())
    qtbot.addWidget(pane)
    pane.show()
    with StallWatch() as watch:
        pane.load(article)  # asks for suggestions (best match) off the UI thread
        pane.search_field.setText("walrus")
        took = answered_ms(qtbot, pane.search, lambda: pane.results.count() > 0)
        qtbot.waitUntil(pane.suggestions.idle, timeout=60_000)
    assert took <= RULE_MS, f"the related search answered in {took:.0f} ms"
    assert watch.longest_ms <= RULE_MS, f"the UI stalled {watch.longest_ms} ms"
