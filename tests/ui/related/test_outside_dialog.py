"""The dialog asking for an outside story."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from ui.related.outside_dialog import ExternalRelatedDialog


def test_the_outside_story_dialog_keeps_bad_input_and_names_the_field(qtbot: QtBot) -> None:
    dialog = ExternalRelatedDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.headline, "Ice survey")
    qtbot.keyClicks(dialog.url, "example.org/ice")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert dialog.error.text() == "url: only http and https links are allowed"
    dialog.url.setText("https://example.org/ice")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.values() == ("Ice survey", "", "https://example.org/ice")
