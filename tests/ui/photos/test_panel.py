"""The editor's photo panel: importing, dropping, codes in the caption, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from newsroom.store import Newsroom
from ui.photos.panel import PhotoPanel
from ui.session import Session


def photo_file(tmp_path: Path) -> Path:
    """A JPEG written here, with a description and creator in its EXIF."""
    image = Image.new("RGB", (640, 427), (40, 90, 160))
    exif = Image.Exif()
    exif[0x010E] = "The minister at the talks"  # ImageDescription
    exif[0x013B] = "Ivan Photographer"  # Artist
    path = tmp_path / "talks.jpg"
    image.save(path, "JPEG", exif=exif, quality=80)
    return path


class ChosenFile(PhotoPanel):
    """A panel whose file dialog answers ``chosen`` instead of asking."""

    chosen: Path | None = None

    @classmethod
    def ask_file(cls, parent: QWidget | None) -> Path | None:
        return cls.chosen


class Changes:
    """Counts ``changed`` signals."""

    def __init__(self, panel: PhotoPanel) -> None:
        self.count = 0
        panel.changed.connect(self._seen)

    def _seen(self) -> None:
        self.count += 1


@pytest.fixture
def undo_stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def panel(session: Session, undo_stack: QUndoStack, qtbot: QtBot) -> ChosenFile:
    widget = ChosenFile(session, undo_stack)
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.show()
    widget.load(None)
    return widget


def test_attach_a_photo_file_caption_it_with_a_code_and_undo(
    panel: ChosenFile, newsroom: Newsroom, undo_stack: QUndoStack, qtbot: QtBot, tmp_path: Path
) -> None:
    newsroom.photos.set_codes({"lav": "Russian Foreign Minister Sergey Lavrov"})
    panel.reload_codes()
    qtbot.waitUntil(lambda: bool(panel.codes))
    changes = Changes(panel)
    ChosenFile.chosen = photo_file(tmp_path)
    with qtbot.waitSignal(panel.thumbnailShown, timeout=10_000):
        qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    use = panel.photo_use()
    assert use is not None
    assert use.caption == "The minister at the talks"  # prefilled from the photo
    assert newsroom.photos.record(use.sha256).creator == "Ivan Photographer"
    assert changes.count == 1
    assert not panel.thumbnail.pixmap().isNull()
    qtbot.waitUntil(lambda: panel.metadata_labels["creator"].text() == "Ivan Photographer")
    assert panel.metadata_labels["size"].text().startswith("640 × 427 px")

    panel.caption.clear()
    qtbot.keyClicks(panel.caption, "=lav= at the talks =xyz= today")
    photo = panel.photo_use()
    assert photo is not None
    assert photo.caption == "Russian Foreign Minister Sergey Lavrov at the talks =xyz= today"
    assert panel.codes_note.isVisible()
    assert "=xyz=" in panel.codes_note.text()

    undo_stack.undo()
    assert panel.photo_use() is None
    assert panel.thumbnail.pixmap().isNull()
    undo_stack.redo()
    assert panel.photo_use() == use


def test_dropping_a_photo_file_attaches_it(
    panel: ChosenFile, undo_stack: QUndoStack, qtbot: QtBot, tmp_path: Path
) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo_file(tmp_path)))])
    enter = QDragEnterEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(panel, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    with qtbot.waitSignal(panel.thumbnailShown, timeout=10_000):
        QApplication.sendEvent(panel, drop)
    assert panel.photo_use() is not None
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert panel.photo_use() is None
    undo_stack.undo()
    assert panel.photo_use() is not None


def test_a_file_that_is_not_a_photo_shows_one_line(
    panel: ChosenFile, qtbot: QtBot, tmp_path: Path
) -> None:
    bad = tmp_path / "notes.jpg"
    bad.write_text("not a photo")
    panel.import_file(bad)
    qtbot.waitUntil(lambda: panel.status.text().startswith("Photo:"))
    assert "\n" not in panel.status.text()
    assert panel.photo_use() is None
