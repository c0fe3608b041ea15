"""Opening the photo library window in tests and waiting for its grid."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from pytestqt.qtbot import QtBot

from ui.photos.model import PhotoModel
from ui.photos.window import PhotoLibraryWindow
from ui.session import Session


def open_library(qtbot: QtBot, session: Session) -> PhotoLibraryWindow:
    window = PhotoLibraryWindow(session)
    qtbot.addWidget(window)
    window.show()
    wait_loaded(qtbot, window.browser.model)
    return window


def wait_loaded(qtbot: QtBot, model: PhotoModel) -> None:
    qtbot.waitUntil(lambda: not model.busy, timeout=20_000)


def select_rows(window: PhotoLibraryWindow, rows: list[int]) -> None:
    view = window.browser.view
    selection = view.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(window.browser.model.index(row), QItemSelectionModel.SelectionFlag.Select)
    view.setCurrentIndex(window.browser.model.index(rows[0]))
