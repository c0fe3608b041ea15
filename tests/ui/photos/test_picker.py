"""The modal photo picker."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from newsroom.demo import load_demo
from tests.ui.modal import when_modal
from tests.ui.photos.support import wait_loaded
from ui.photos.picker import PhotoPicker, choose_photo
from ui.session import Session


def test_choose_photo_returns_the_double_clicked_photo(qtbot: QtBot, session: Session) -> None:
    load_demo(session.newsroom)
    seen: list[str] = []

    def drive(picker: PhotoPicker) -> None:
        view = picker.browser.view
        index = picker.browser.model.index(2)
        seen.append(picker.browser.model.photo(2).sha256)
        rect = view.visualRect(index)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    when_modal(
        drive,
        kind=PhotoPicker,  # type: ignore[arg-type]
        ready=lambda picker: picker.browser.model.rowCount() >= 6,
    )  # type: ignore[attr-defined]
    chosen = choose_photo(session, None)
    assert chosen is not None
    assert [chosen.sha256] == seen
    session.tasks.wait()


def test_choose_photo_returns_none_when_cancelled(qtbot: QtBot, session: Session) -> None:
    load_demo(session.newsroom)

    when_modal(lambda picker: picker.reject(), kind=PhotoPicker)
    assert choose_photo(session, None) is None
    session.tasks.wait()


def test_ok_follows_the_grid_through_a_search(qtbot: QtBot, session: Session) -> None:
    load_demo(session.newsroom)
    picker = PhotoPicker(session)
    qtbot.addWidget(picker)
    picker.show()
    wait_loaded(qtbot, picker.browser.model)
    ok = picker.buttons.button(picker.buttons.StandardButton.Ok)
    walruses = next(
        row for row, p in enumerate(picker.browser.model.photos()) if "walruses" in p.filename
    )
    picker.browser.view.setCurrentIndex(picker.browser.model.index(walruses))
    assert ok.isEnabled()
    picker.browser.search.setText("bakery")
    with qtbot.waitSignal(picker.browser.model.loaded, timeout=20_000):
        picker.browser.apply_query()
    assert picker.chosen() is None
    assert not ok.isEnabled()


def test_the_picker_opens_with_room_for_four_thumbnails_a_row(
    qtbot: QtBot, session: Session
) -> None:
    load_demo(session.newsroom)
    picker = PhotoPicker(session)
    qtbot.addWidget(picker)
    picker.show()
    wait_loaded(qtbot, picker.browser.model)
    view = picker.browser.view
    model = picker.browser.model
    qtbot.waitUntil(lambda: view.visualRect(model.index(3)).isValid())
    first, fourth = view.visualRect(model.index(0)), view.visualRect(model.index(3))
    assert fourth.top() == first.top(), "the fourth photo wrapped to a second row"
    assert picker.width() >= picker.sizeHint().width()
