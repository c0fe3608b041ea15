"""A photo's facts (pixels, format, file size) read the same wherever they are shown."""

from __future__ import annotations

import io
import random

from PIL import Image
from PySide6.QtCore import QLocale
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from newsroom.article import PhotoUse
from tests.ui.photos.support import open_library, select_rows
from ui.photos.panel import PhotoPanel
from ui.session import Session


def noisy_jpeg(width: int, height: int) -> bytes:
    """A JPEG that compresses badly, so its size runs to tens of kilobytes."""
    pixels = random.Random(7).randbytes(width * height * 3)
    buffer = io.BytesIO()
    Image.frombytes("RGB", (width, height), pixels).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def test_the_library_and_the_editor_show_one_size_for_a_photo(
    qtbot: QtBot, session: Session
) -> None:
    photo = session.newsroom.photos.import_photo(noisy_jpeg(150, 110), filename="noise.jpg").photo
    # A size where counting in thousands and in 1024s rounds to different numbers.
    assert photo.byte_size // 1024 != round(photo.byte_size / 1000)

    window = open_library(qtbot, session)
    select_rows(window, [0])
    in_library = window.details.values["size"].text()

    panel = PhotoPanel(session, QUndoStack())
    qtbot.addWidget(panel)
    panel.load(PhotoUse(photo.sha256))
    qtbot.waitUntil(lambda: panel.photo() is not None)
    in_editor = panel.metadata_labels["size"].text()

    assert in_library == in_editor
    assert in_library.startswith("150 × 110 px")
    locale = QLocale()
    assert any(
        locale.formattedDataSize(photo.byte_size, digits) in in_library for digits in (0, 1, 2)
    )
