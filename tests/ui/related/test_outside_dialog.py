"""The dialog asking for an outside story: checks, its size, and what it takes from the clipboard."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from ui.related.outside_dialog import ExternalRelatedDialog

HEADLINE = "Walrus numbers on Arctic ice floes reach a record high, station researchers report"
LINK = "https://www.tass.com/science/1234567?utm_source=newsroom&utm_medium=related"


@pytest.fixture(autouse=True)
def clipboard(qapp: object) -> Iterator[None]:
    """Each test starts with an empty clipboard and leaves one behind."""
    QGuiApplication.clipboard().clear()
    yield
    QGuiApplication.clipboard().clear()


def open_dialog(qtbot: QtBot) -> ExternalRelatedDialog:
    dialog = ExternalRelatedDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def shows_whole(field: QLineEdit, text: str) -> bool:
    """True when ``text`` fits in the field's visible width without scrolling."""
    margins = field.textMargins()
    room = field.contentsRect().width() - margins.left() - margins.right() - 8  # frame padding
    return field.fontMetrics().horizontalAdvance(text) <= room


def test_the_outside_story_dialog_keeps_bad_input_and_names_the_field(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot)
    qtbot.keyClicks(dialog.headline, "Ice survey")
    qtbot.keyClicks(dialog.url, "example.org/ice")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert dialog.error.text() == "url: only http and https links are allowed"
    dialog.url.setText("https://example.org/ice")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.values() == ("Ice survey", "", "https://example.org/ice")


def test_the_dialog_is_wide_enough_for_a_whole_headline_and_link(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot)
    assert shows_whole(dialog.headline, HEADLINE)
    assert shows_whole(dialog.subtitle, HEADLINE)
    assert shows_whole(dialog.url, LINK)
    # Never smaller than what it holds, also once the error line shows.
    assert dialog.width() >= dialog.sizeHint().width()
    assert dialog.height() >= dialog.sizeHint().height()
    dialog.accept()  # empty: the error line appears
    assert dialog.error.isVisible()
    qtbot.waitUntil(lambda: dialog.height() >= dialog.layout().minimumSize().height())


def test_a_copied_link_fills_the_link_and_the_cursor_waits_in_the_headline(
    qtbot: QtBot,
) -> None:
    QGuiApplication.clipboard().setText(f"  {LINK}\n")
    dialog = open_dialog(qtbot)
    assert dialog.values() == ("", "", LINK)
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.headline)


def test_a_copied_line_of_text_fills_the_headline(qtbot: QtBot) -> None:
    QGuiApplication.clipboard().setText(HEADLINE)
    dialog = open_dialog(qtbot)
    assert dialog.values() == (HEADLINE, "", "")
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.url)


def test_several_copied_lines_fill_nothing(qtbot: QtBot) -> None:
    QGuiApplication.clipboard().setText(f"{HEADLINE}\n{LINK}")
    dialog = open_dialog(qtbot)
    assert dialog.values() == ("", "", "")
