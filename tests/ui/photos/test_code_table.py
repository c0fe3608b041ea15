"""The code table editor: TSV in and out, checks before saving."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ui.photos.code_table import CodeTableDialog
from ui.session import Session


class FilesFor(CodeTableDialog):
    opened: Path | None = None
    saved_to: Path | None = None

    @classmethod
    def ask_open(cls, parent: object) -> Path | None:
        return cls.opened

    @classmethod
    def ask_save(cls, parent: object) -> Path | None:
        return cls.saved_to


def test_the_code_table_editor_round_trips_a_tsv_and_saves(
    qtbot: QtBot, session: Session, tmp_path: Path
) -> None:
    session.newsroom.photos.set_codes({"old": "An old code"})
    source = tmp_path / "codes.tsv"
    source.write_text("=lav=\tSergei Lavrov\n# a comment\n=ria=\tRIA Novosti\n", encoding="utf-8")
    FilesFor.opened = source
    FilesFor.saved_to = tmp_path / "out.tsv"
    dialog = FilesFor(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded)
    assert dialog.rows() == [("=old=", "An old code")]
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.rows() == [("=lav=", "Sergei Lavrov"), ("=ria=", "RIA Novosti")]
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    dialog.table.item(2, 0).setText("tass")
    dialog.table.item(2, 1).setText("TASS news agency")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "out.tsv").read_text(encoding="utf-8") == (
        "=lav=\tSergei Lavrov\n=ria=\tRIA Novosti\n=tass=\tTASS news agency\n"
    )
    with qtbot.waitSignal(dialog.saved, timeout=20_000):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert session.newsroom.photos.codes() == {
        "lav": "Sergei Lavrov",
        "ria": "RIA Novosti",
        "tass": "TASS news agency",
    }


def test_a_bad_row_in_the_code_table_is_named_and_nothing_is_saved(
    qtbot: QtBot, session: Session
) -> None:
    session.newsroom.photos.set_codes({"lav": "Sergei Lavrov"})
    dialog = CodeTableDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    dialog.table.item(1, 0).setText("=lav=")
    dialog.table.item(1, 1).setText("Someone else")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.error.text() == "row 2: =lav= is already in the table"
    dialog.table.item(1, 0).setText("not a code!")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.error.text().startswith("row 2: 'not a code!' is not a code")
    session.tasks.wait()
    assert dialog.isVisible()
    assert session.newsroom.photos.codes() == {"lav": "Sergei Lavrov"}


def test_the_table_opens_wide_enough_for_a_code_and_its_text(
    qtbot: QtBot, session: Session
) -> None:
    session.newsroom.photos.set_codes({"lav": "Russian Foreign Minister Sergey Lavrov"})
    dialog = CodeTableDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded)
    metrics = dialog.table.fontMetrics()
    padding = 12  # the cell's own margins
    assert metrics.horizontalAdvance("=lav=") + padding <= dialog.table.columnWidth(0)
    text = "Russian Foreign Minister Sergey Lavrov"
    assert metrics.horizontalAdvance(text) + padding <= dialog.table.columnWidth(1)
    assert dialog.table.horizontalScrollBar().maximum() == 0
    assert dialog.width() >= dialog.sizeHint().width()
