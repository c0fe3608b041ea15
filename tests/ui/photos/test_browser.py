"""The library's search box and filters over the grid."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from newsroom.demo import load_demo
from tests.ui.photos.support import open_library
from ui.session import Session


def test_search_narrows_the_grid(qtbot: QtBot, session: Session) -> None:
    load_demo(session.newsroom)
    window = open_library(qtbot, session)
    model = window.browser.model
    qtbot.keyClicks(window.browser.search, "walrus")
    with qtbot.waitSignal(model.loaded, timeout=20_000):
        qtbot.keyClick(window.browser.search, Qt.Key.Key_Return)
    assert [Path(p.filename).name for p in model.photos()] == ["walruses.jpg"]
    assert "1 photo found" in window.browser.status.text()
    window.browser.search.clear()
    qtbot.waitUntil(lambda: model.rowCount() == 6, timeout=20_000)
