"""The details of the photo selected in the library."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from newsroom.demo import load_demo
from tests.ui.photos.support import open_library, select_rows
from ui.session import Session


def test_selecting_a_photo_shows_its_details_and_the_articles_using_it(
    qtbot: QtBot, session: Session
) -> None:
    load_demo(session.newsroom)
    window = open_library(qtbot, session)
    model = window.browser.model
    row = next(i for i, p in enumerate(model.photos()) if p.filename.endswith("walruses.jpg"))
    select_rows(window, [row])
    assert window.details.values["file"].text() == "walruses.jpg"
    qtbot.waitUntil(lambda: window.details.users.count() == 1)
    assert "walruses" in window.details.users.item(0).text()
