"""The photo library window, batch captioning, the code table editor and the picker."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from newsroom.demo import load_demo
from newsroom.photos.library import fill_template
from tests.helpers import jpeg_bytes
from ui.photo_library import (
    CodeTableDialog,
    PhotoLibraryWindow,
    PhotoModel,
    PhotoPicker,
    choose_photo,
)
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


def test_the_grid_lists_the_demo_photos(qtbot: QtBot, session: Session, qtmodeltester) -> None:
    load_demo(session.newsroom)
    window = open_library(qtbot, session)
    model = window.browser.model
    qtmodeltester.check(model)
    assert model.rowCount() == 6
    assert {photo.id for photo in model.photos()} == {p.id for p in session.newsroom.photo_list()}
    # Thumbnails were decoded off the UI thread and cached.
    qtbot.waitUntil(lambda: all(model.thumbnail(p.sha256) for p in model.photos()), timeout=20_000)
    assert "6 photos" in window.browser.status.text()
    window.grab().save("/tmp/shots/library.png")


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


def test_search_narrows_the_grid(qtbot: QtBot, session: Session) -> None:
    load_demo(session.newsroom)
    window = open_library(qtbot, session)
    model = window.browser.model
    qtbot.keyClicks(window.browser.search, "walrus")
    with qtbot.waitSignal(model.loaded, timeout=20_000):
        qtbot.keyClick(window.browser.search, Qt.Key.Key_Return)
    assert [Path(p.filename).name for p in model.photos()] == ["walruses.jpg"]
    assert "1 photo found" in window.browser.status.text()
    window.browser.search.clear()
    qtbot.waitUntil(lambda: model.rowCount() == 6, timeout=20_000)


def test_batch_caption_fills_each_photo_from_the_template(qtbot: QtBot, session: Session) -> None:
    newsroom = session.newsroom
    load_demo(newsroom)
    newsroom.set_codes({"nd": "Newsroom Desk"})
    ids = [p.id for p in newsroom.photo_list()]
    newsroom.batch_caption(ids[:1], credit="First Credit")
    newsroom.batch_caption(ids[1:], credit="Other Credit")
    window = open_library(qtbot, session)
    select_rows(window, [0, 1, 2])
    chosen = window.browser.selected_photos()
    dialog = window.batch_caption()
    assert dialog is not None
    qtbot.keyClicks(dialog.template, "{credit} for =nd=")
    qtbot.waitUntil(lambda: dialog.preview.text() == f"{chosen[0].credit} for Newsroom Desk")
    qtbot.keyClicks(dialog.copyright, "© Newsroom")
    with qtbot.waitSignal(dialog.captioned, timeout=20_000):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    for photo in chosen:
        record = newsroom.photo_record(photo.id)
        assert record.description == f"{photo.credit} for Newsroom Desk"
        assert record.copyright == "© Newsroom"
    untouched = [newsroom.photo_record(i) for i in ids if i not in {p.id for p in chosen}]
    assert all(p.description == "" for p in untouched)
    # The grid shows the new captions.
    assert window.browser.model.photo(0).description == f"{chosen[0].credit} for Newsroom Desk"


def test_a_bad_caption_template_shows_an_error_and_changes_nothing(
    qtbot: QtBot, session: Session
) -> None:
    newsroom = session.newsroom
    load_demo(newsroom)
    window = open_library(qtbot, session)
    select_rows(window, [0, 1])
    dialog = window.batch_caption()
    assert dialog is not None
    qtbot.keyClicks(dialog.template, "{town}: a photo")
    assert "unknown placeholder {town}" in dialog.error.text()
    assert "\n" not in dialog.error.text()
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    session.tasks.wait()
    assert dialog.isVisible()
    assert all(p.description == "" for p in newsroom.photo_list())
    assert fill_template("{city}", newsroom.photo_list()[0].metadata) == ""


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
    session.newsroom.set_codes({"old": "An old code"})
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
    assert session.newsroom.codes() == {
        "lav": "Sergei Lavrov",
        "ria": "RIA Novosti",
        "tass": "TASS news agency",
    }


def test_a_bad_row_in_the_code_table_is_named_and_nothing_is_saved(
    qtbot: QtBot, session: Session
) -> None:
    session.newsroom.set_codes({"lav": "Sergei Lavrov"})
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
    assert session.newsroom.codes() == {"lav": "Sergei Lavrov"}


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
    assert [p.filename for p in session.newsroom.photo_list()] == ["harbour.jpg"]


def test_choose_photo_returns_the_double_clicked_photo(qtbot: QtBot, session: Session) -> None:
    load_demo(session.newsroom)
    seen: list[str] = []

    def drive() -> None:
        picker = QApplication.activeModalWidget()
        if not isinstance(picker, PhotoPicker) or picker.browser.model.rowCount() < 6:
            QTimer.singleShot(20, drive)
            return
        view = picker.browser.view
        index = picker.browser.model.index(2)
        seen.append(picker.browser.model.photo(2).sha256)
        rect = view.visualRect(index)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    QTimer.singleShot(0, drive)
    chosen = choose_photo(session, None)
    assert chosen is not None
    assert [chosen.sha256] == seen
    session.tasks.wait()


def test_choose_photo_returns_none_when_cancelled(qtbot: QtBot, session: Session) -> None:
    load_demo(session.newsroom)

    def cancel() -> None:
        picker = QApplication.activeModalWidget()
        if not isinstance(picker, PhotoPicker):
            QTimer.singleShot(20, cancel)
            return
        picker.reject()

    QTimer.singleShot(0, cancel)
    assert choose_photo(session, None) is None
    session.tasks.wait()
