"""The photo library's model: the whole library, thumbnails decoded off the UI thread."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from newsroom.demo import load_demo
from tests.ui.photos.support import open_library
from ui.session import Session


def test_the_grid_lists_the_demo_photos(qtbot: QtBot, session: Session, qtmodeltester) -> None:
    load_demo(session.newsroom)
    window = open_library(qtbot, session)
    model = window.browser.model
    qtmodeltester.check(model)
    assert model.rowCount() == 6
    assert {photo.id for photo in model.photos()} == {p.id for p in session.newsroom.photos.find()}
    # Thumbnails were decoded off the UI thread and cached.
    qtbot.waitUntil(lambda: all(model.thumbnail(p.sha256) for p in model.photos()), timeout=20_000)
    assert "6 photos" in window.browser.status.text()
