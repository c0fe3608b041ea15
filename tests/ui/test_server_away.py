"""The PostgreSQL server stops mid-work: the window says so in one line, keeps the text in the
editor and in the recovery journal, and saves it by itself once the server is back.

A server of its own (stopping the shared one would break other tests), stopped
the way a crash or a power cut stops it (``pg_ctl -m immediate``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from newsroom.article import Article
from newsroom.store import Newsroom
from tests import pg
from tests.ui.test_mainwindow import make_window

TYPED = " The ice held until Friday."


@pytest.fixture
def server() -> Iterator[pg.Server]:
    with pg.server_or_skip(durable=True) as started:  # stopped mid-test: keep what it committed
        yield started


def test_a_save_while_the_server_is_away_is_kept_and_made_when_it_returns(
    qtbot: QtBot, server: pg.Server, tmp_path: Path
) -> None:
    url = server.url(server.create_database()).render_as_string()
    with Newsroom.open(url, create=True, author="anna") as newsroom:
        newsroom.create(Article(headline="Ice road opens", body="Trucks crossed the Lena."))
        window = make_window(qtbot, newsroom, tmp_path)
        window.keeper.set_delays(autosave_ms=50, journal_ms=10, retry_ms=300)
        window.open_first_article()
        qtbot.waitUntil(lambda: window.keeper.saved_article is not None)

        server.stop()
        window.editor.body.setFocus()
        window.editor.body.moveCursor(window.editor.body.textCursor().MoveOperation.End)
        qtbot.keyClicks(window.editor.body, TYPED)
        qtbot.waitUntil(lambda: "cannot be reached" in window.problem_label.text(), timeout=15_000)
        assert "\n" not in window.problem_label.text()
        assert window.editor.body.toPlainText().endswith(TYPED)
        drafts = window.keeper.journal.drafts()
        assert any(draft.article.body.endswith(TYPED) for draft in drafts)

        server.resume()
        qtbot.waitUntil(lambda: not window.keeper.dirty, timeout=20_000)
        assert window.problem_label.text() == ""
        window.session.tasks.wait()
        assert newsroom.get(newsroom.articles()[0].id).body.endswith(TYPED)
        assert window.keeper.journal.drafts() == []
        window.close()
