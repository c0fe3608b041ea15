"""The photo library window: importing files."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.helpers import jpeg_bytes
from tests.ui.photos.support import wait_loaded
from ui.photos.window import PhotoLibraryWindow
from ui.session import Session


def test_importing_photos_lists_bad_files(qtbot: QtBot, session: Session, tmp_path: Path) -> None:
    good = tmp_path / "harbour.jpg"
    good.write_bytes(jpeg_bytes(400, 300))
    bad = tmp_path / "notes.jpg"
    bad.write_text("not a photo")

    class Importing(PhotoLibraryWindow):
        @classmethod
        def ask_photos(cls, parent: object) -> list[Path]:
            return [good, bad]

    window = Importing(session)
    qtbot.addWidget(window)
    window.show()
    wait_loaded(qtbot, window.browser.model)
    assert window.browser.model.rowCount() == 0
    window.import_action.trigger()
    qtbot.waitUntil(lambda: window.browser.model.rowCount() == 1, timeout=20_000)
    wait_loaded(qtbot, window.browser.model)
    assert window.problems.count() == 1
    assert window.problems.item(0).text().startswith("notes.jpg: ")
    assert "\n" not in window.problems.item(0).text()
    assert "Imported 1 photo; 1 file could not be imported" in window.browser.status.text()
    assert [p.filename for p in session.newsroom.photos.find()] == ["harbour.jpg"]
