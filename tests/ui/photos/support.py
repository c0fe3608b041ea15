"""Opening the photo library window in tests and waiting for its grid."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from pytestqt.qtbot import QtBot

from ui.photos.model import PAGE_SIZE, PhotoModel
from ui.photos.window import PhotoLibraryWindow
from ui.session import Session


def open_library(qtbot: QtBot, session: Session) -> PhotoLibraryWindow:
    window = PhotoLibraryWindow(session)
    qtbot.addWidget(window)
    window.show()
    # The grid's first page is read off the UI thread: wait until it shows every photo
    # there is (not merely until nothing is being read, which is also true before it starts).
    expected = min(len(session.newsroom.photos.find()), PAGE_SIZE)
    qtbot.waitUntil(lambda: window.browser.model.rowCount() == expected, timeout=20_000)
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
    # Not view.setCurrentIndex: in extended selection it reads the application's keyboard
    # modifiers, and a Ctrl left "held" by an earlier test's key events turned it into a
    # toggle that deselected the first row.
    selection.setCurrentIndex(
        window.browser.model.index(rows[0]), QItemSelectionModel.SelectionFlag.NoUpdate
    )
