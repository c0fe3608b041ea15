"""The article list's search: newest first or best match, and a newer query wins."""

from __future__ import annotations

import threading
import time

import pytest
from pytestqt.qtbot import QtBot

from newsroom.article import Article
from newsroom.store import Newsroom
from ui.article_list import ArticleListPane
from ui.session import Session


@pytest.fixture
def pane(qtbot: QtBot, session: Session) -> ArticleListPane:
    newsroom: Newsroom = session.newsroom
    newsroom.create(Article(headline="Walrus count rises", body="Walruses on the shore."))
    newsroom.create(Article(headline="Harbour news", body="A walrus was seen once."))
    newsroom.create(Article(headline="Seal numbers fall", body="Seals, not one walrus."))
    widget = ArticleListPane(session)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() == 3)
    return widget


def headlines(pane: ArticleListPane) -> list[str]:
    return [pane.model.summary(row).headline for row in range(pane.model.rowCount())]


def search_for(qtbot: QtBot, pane: ArticleListPane, text: str, count: int) -> None:
    pane.search.setText(text)
    pane.apply_query()  # as the pause after typing does
    qtbot.waitUntil(lambda: not pane.model.is_loading() and pane.model.rowCount() == count)


def test_a_search_lists_the_newest_matches_first(qtbot: QtBot, pane: ArticleListPane) -> None:
    search_for(qtbot, pane, "walrus", 3)
    assert headlines(pane) == ["Seal numbers fall", "Harbour news", "Walrus count rises"]


def test_best_match_ranks_the_matches(qtbot: QtBot, pane: ArticleListPane) -> None:
    pane.order.setCurrentIndex(pane.order.findData("best"))
    search_for(qtbot, pane, "walrus", 3)
    assert headlines(pane)[0] == "Walrus count rises"  # in the headline: the best match
    search_for(qtbot, pane, "", 3)  # nothing to rank: the latest updated first
    assert headlines(pane) == ["Seal numbers fall", "Harbour news", "Walrus count rises"]


def test_a_newer_query_cancels_one_still_waiting(
    qtbot: QtBot, pane: ArticleListPane, session: Session
) -> None:
    release = threading.Event()
    for _ in range(2):  # both read threads busy: the searches below wait
        session.tasks.read(release.wait)
    pane.search.setText("harbour")
    pane.apply_query()
    pane.search.setText("seal")
    pane.apply_query()
    release.set()
    qtbot.waitUntil(lambda: not pane.model.is_loading())
    session.tasks.wait()
    qtbot.wait(50)
    assert headlines(pane) == ["Seal numbers fall"]


def test_an_older_answer_arriving_late_never_lands_over_the_newer(
    qtbot: QtBot, pane: ArticleListPane, session: Session
) -> None:
    """The older search has run; its rows wait in the UI thread's queue when a newer one is asked."""
    pane.search.setText("harbour")
    pane.apply_query()
    deadline = time.monotonic() + 10
    while not session.tasks.idle() and time.monotonic() < deadline:
        time.sleep(0.005)  # no events handled: the answer stays queued, undelivered
    assert session.tasks.idle()
    pane.search.setText("seal")
    pane.apply_query()
    qtbot.waitUntil(
        lambda: not pane.model.is_loading() and headlines(pane) == ["Seal numbers fall"]
    )
    qtbot.wait(100)  # every queued answer delivered by now
    assert headlines(pane) == ["Seal numbers fall"]
