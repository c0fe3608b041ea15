"""Writing and publishing a story without a mouse: Tab follows the page, keys reach every pane.

Also focus mode (Ctrl+Shift+F): the editor alone, the preview on demand.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from newsroom.article import Article, Quote
from newsroom.demo import load_demo
from newsroom.store import Newsroom
from tests.ui.modal import when_modal
from tests.ui.test_mainwindow import QuietWindow, make_window


@pytest.fixture
def window(qtbot: QtBot, newsroom: Newsroom, tmp_path: Path) -> Iterator[QuietWindow]:
    load_demo(newsroom)
    window = make_window(qtbot, newsroom, tmp_path)
    window.resize(1280, 800)
    window.open_first_article("night-train-returns")
    qtbot.waitUntil(lambda: window.keeper.saved_article is not None)
    qtbot.waitExposed(window)
    window.activateWindow()
    yield window
    window.session.tasks.wait()


def press(qtbot: QtBot, keys: str) -> None:
    sequence = QKeySequence(keys)[0]
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None
    qtbot.keyClick(target, sequence.key(), sequence.keyboardModifiers())


def focused_among(candidates: list[QWidget]) -> QWidget | None:
    """Which of ``candidates`` holds the focus (itself or a part of it, as a combo's line edit)."""
    focus = QApplication.focusWidget()
    for widget in candidates:
        if focus is widget or (focus is not None and widget.isAncestorOf(focus)):
            return widget
    return focus


def test_tab_goes_through_the_editor_in_the_order_of_the_page(
    qtbot: QtBot, window: QuietWindow
) -> None:
    editor = window.editor
    order = editor.page_order()
    shown = [w for w in order if w.isVisibleTo(editor)
             and w.focusPolicy() & Qt.FocusPolicy.TabFocus]  # fmt: skip
    editor.headline.setFocus()
    qtbot.waitUntil(editor.headline.hasFocus)
    visited = [focused_among(order)]
    while len(visited) < 2 * len(order) and visited[-1] is not shown[-1]:
        press(qtbot, "Tab")
        visited.append(focused_among(order))
    names = [w.accessibleName() if w is not None else "(outside the editor)" for w in visited]
    places = [order.index(w) for w in visited if w in order]
    # Every Tab moved one step down the page, from the headline to the photo's last button,
    # missing nothing that could take the focus (buttons for the selected quote included).
    assert places == sorted(set(places)) and len(places) == len(visited), names
    assert visited[-1] is shown[-1]
    assert {w.accessibleName() for w in shown if w.isEnabled()} <= set(names)
    assert len(visited) >= 20


def test_keys_go_to_each_pane(qtbot: QtBot, window: QuietWindow) -> None:
    window.editor.body.setFocus()
    press(qtbot, "Ctrl+1")
    assert window.article_list.view.hasFocus()
    press(qtbot, "Ctrl+2")
    qtbot.waitUntil(window.editor.body.hasFocus)  # back where the editor was typing
    for keys, tab in (("Ctrl+3", window.preview), ("Ctrl+4", window.related),
                      ("Ctrl+5", window.feed)):  # fmt: skip
        press(qtbot, keys)
        assert window.tabs.currentWidget() is tab
        assert focused_among([tab]) is tab
    press(qtbot, "Ctrl+F")
    assert window.article_list.search.hasFocus()


def test_focus_mode_leaves_the_editor_alone_and_brings_the_preview_on_demand(
    qtbot: QtBot, window: QuietWindow
) -> None:
    press(qtbot, "Ctrl+Shift+F")
    assert window.navigation.focus_action.isChecked()
    assert not window.article_list.isVisible() and not window.tabs.isVisible()
    assert not window.toolbar.isVisible() and window.editor.isVisible()
    # The column of text stays a readable width, centred in the wide window.
    qtbot.waitUntil(lambda: window.editor.width() > 1000)
    assert window.editor.content.width() < window.editor.width() - 200
    press(qtbot, "Ctrl+3")
    assert window.tabs.isVisible() and window.tabs.currentWidget() is window.preview
    assert not window.article_list.isVisible()
    press(qtbot, "Ctrl+2")
    assert not window.tabs.isVisible() and window.navigation.focus_action.isChecked()
    press(qtbot, "Ctrl+Shift+F")
    assert window.article_list.isVisible() and window.tabs.isVisible()
    assert window.toolbar.isVisible()


def test_focus_mode_is_remembered(qtbot: QtBot, newsroom: Newsroom, tmp_path: Path) -> None:
    first = make_window(qtbot, newsroom, tmp_path)
    first.navigation.focus_action.setChecked(True)
    first.close()
    second = make_window(qtbot, newsroom, tmp_path)
    assert second.navigation.focus_action.isChecked() and not second.tabs.isVisible()


def test_the_selection_becomes_a_quote_by_key(qtbot: QtBot, window: QuietWindow) -> None:
    body = window.editor.body
    body.setFocus()
    text = body.toPlainText()
    start = text.index("The train")
    cursor = body.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len("The train"), cursor.MoveMode.KeepAnchor)
    body.setTextCursor(cursor)
    before = len(window.editor.article().quotes)
    press(qtbot, "Ctrl+Shift+Q")
    quotes = window.editor.article().quotes
    assert len(quotes) == before + 1 and quotes[-1] == Quote("The train")


def test_a_photo_is_attached_from_the_library_by_key(qtbot: QtBot, window: QuietWindow) -> None:
    window.editor.photo.remove_photo()
    assert window.editor.article().photo is None
    seen: list[str] = []

    def grid_ready(picker: QDialog) -> bool:
        view = getattr(getattr(picker, "browser", None), "view", None)
        return view is not None and view.hasFocus() and view.currentIndex().isValid()

    def pick_with_keys(picker: QDialog) -> None:
        seen.append(type(picker).__name__)
        view = picker.browser.view  # type: ignore[attr-defined]
        qtbot.keyClick(view, Qt.Key.Key_Right)  # the second photo
        qtbot.keyClick(view, Qt.Key.Key_Return)

    when_modal(pick_with_keys, ready=grid_ready, every_ms=50, give_up_s=20)
    window.editor.body.setFocus()
    press(qtbot, "Ctrl+Shift+I")
    assert seen and seen[0] == "PhotoPicker"
    qtbot.waitUntil(lambda: window.editor.article().photo is not None)


# Keys text fields take for themselves (Qt's key bindings): select all, copy, cut, paste
# everywhere, and on KDE and GNOME Ctrl+E (end of line), Ctrl+K and Ctrl+U (delete to the
# end or start of the line). A window shortcut on one of them never fires while the editor
# types in a field: Export was Ctrl+E, and did nothing from the byline.
TEXT_FIELD_KEYS = {"Ctrl+A", "Ctrl+C", "Ctrl+X", "Ctrl+V", "Ctrl+E", "Ctrl+K", "Ctrl+U"}


def test_window_shortcuts_never_collide_with_keys_text_fields_take(window: QuietWindow) -> None:
    from PySide6.QtGui import QAction

    taken = {
        (action.text(), sequence.toString())
        for action in window.findChildren(QAction)
        for sequence in action.shortcuts()
        if sequence.toString() in TEXT_FIELD_KEYS
    }
    assert taken == set()


def test_export_opens_from_a_text_field(qtbot: QtBot, window: QuietWindow) -> None:
    opened: list[QDialog] = []
    window.answer_dialog = lambda dialog: opened.append(dialog) or False  # type: ignore[method-assign]
    window.editor.byline.setFocus()
    press(qtbot, "Ctrl+Shift+E")
    qtbot.waitUntil(lambda: bool(opened))
    assert type(opened[0]).__name__ == "ExportDialog"


def test_the_latest_article_opens_with_the_keyboard_in_its_body(
    qtbot: QtBot, newsroom: Newsroom, tmp_path: Path
) -> None:
    """Typing as soon as the window shows goes into the story, never into the preview."""
    newsroom.create(Article(headline="Ice road opens", body="Trucks crossed the Lena."))
    window = make_window(qtbot, newsroom, tmp_path)
    window.activateWindow()
    window.open_first_article()
    qtbot.waitUntil(lambda: window.editor.headline.text() == "Ice road opens")
    qtbot.waitUntil(window.editor.body.hasFocus)
    window.session.tasks.wait()
