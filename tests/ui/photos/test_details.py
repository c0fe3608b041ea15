"""The details of the photo selected in the library."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from newsroom.article import Article
from newsroom.demo import load_demo
from tests.helpers import jpeg_bytes
from tests.ui.photos.support import open_library, select_rows
from ui.photos.window import PhotoLibraryWindow
from ui.session import Session


def row_of(window: PhotoLibraryWindow, filename: str) -> int:
    photos = window.browser.model.photos()
    return next(row for row, photo in enumerate(photos) if Path(photo.filename).name == filename)


def search(qtbot: QtBot, window: PhotoLibraryWindow, text: str) -> None:
    window.browser.search.setText(text)
    with qtbot.waitSignal(window.browser.model.loaded, timeout=20_000):
        window.browser.apply_query()


def test_selecting_a_photo_shows_its_details_and_the_articles_using_it(
    qtbot: QtBot, session: Session
) -> None:
    load_demo(session.newsroom)
    window = open_library(qtbot, session)
    select_rows(window, [row_of(window, "walruses.jpg")])
    assert window.details.values["file"].text() == "walruses.jpg"
    qtbot.waitUntil(lambda: "walruses" in window.details.used_in.text())
    assert window.details.used_in.text().count("\n") == 0  # one article


def test_the_details_follow_the_grid_through_a_search(qtbot: QtBot, session: Session) -> None:
    load_demo(session.newsroom)
    window = open_library(qtbot, session)
    details = window.details
    select_rows(window, [row_of(window, "walruses.jpg")])
    assert details.values["file"].text() == "walruses.jpg"

    search(qtbot, window, "bakery")
    assert [Path(p.filename).name for p in window.browser.model.photos()] == ["bread.jpg"]
    # The walruses left the grid: nothing is current, so nothing is shown.
    assert window.browser.current_photo() is None
    assert details.values["file"].text() == ""
    assert details.used_in.text() == ""

    search(qtbot, window, "")
    select_rows(window, [row_of(window, "walruses.jpg")])
    search(qtbot, window, "walrus")
    # Still in the grid: it stays current and shown.
    current = window.browser.current_photo()
    assert current is not None and Path(current.filename).name == "walruses.jpg"
    assert details.values["file"].text() == "walruses.jpg"


def test_used_in_lists_every_article_unclipped_at_the_default_size(
    qtbot: QtBot, session: Session
) -> None:
    newsroom = session.newsroom
    photo = newsroom.photos.import_photo(jpeg_bytes(800, 600), filename="harbour.jpg").photo
    headlines = [
        f"Harbour story {n}: icebreakers clear the channel for the first grain ships of spring"
        for n in range(12)
    ]
    for headline in headlines:
        article = newsroom.create(Article(headline=headline))
        newsroom.photos.attach(article.id or 0, photo.id)
    window = open_library(qtbot, session)  # the window's own default size
    select_rows(window, [0])
    used_in = window.details.used_in
    qtbot.waitUntil(lambda: all(headline in used_in.text() for headline in headlines))
    area = window.details_area
    # Every line wraps inside the pane (no sideways scrolling) and the label is as tall as
    # its wrapped text; the pane scrolls down to the last article.
    qtbot.waitUntil(lambda: used_in.height() >= used_in.heightForWidth(used_in.width()))
    assert area.horizontalScrollBar().maximum() == 0
    assert used_in.width() <= area.viewport().width()
    inner = area.widget()
    assert used_in.mapTo(inner, used_in.rect().bottomLeft()).y() < inner.height()
