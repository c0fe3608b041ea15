"""The Help menu: last in the bar, its keys, one window of each kind, every input named."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)
from pytestqt.qtbot import QtBot

from ui.help.menu import HelpMenu
from ui.mainwindow import MainWindow

WINDOWS = ("guide", "shortcuts", "about")


def menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_help_is_the_last_menu_with_its_three_entries(
    window: MainWindow, help_menu: HelpMenu
) -> None:
    assert menu_titles(window)[:4] == ["&File", "&Edit", "&Article", "&View"]
    assert menu_titles(window)[-1] == "&Help"
    entries = [action.text() for action in help_menu.menu.actions() if not action.isSeparator()]
    assert entries == ["&User guide", "&Keyboard shortcuts", "&About Newsroom"]
    assert help_menu.guide_action.shortcut().toString() == "F1"
    assert help_menu.shortcuts_action.shortcut().toString() == "Ctrl+/"


def test_help_stays_last_when_a_menu_is_added_after_it(qtbot: QtBot, window: MainWindow) -> None:
    window.menuBar().addMenu("&Tools")
    qtbot.waitUntil(lambda: menu_titles(window)[-2:] == ["&Tools", "&Help"])


def test_the_keys_open_the_guide_and_the_shortcuts(
    qtbot: QtBot, window: MainWindow, help_menu: HelpMenu
) -> None:
    window.activateWindow()
    window.editor.headline.setFocus()  # from a text field too: it does not keep the keys
    qtbot.keyClick(window.editor.headline, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: help_menu.window_open("guide") is not None)
    qtbot.keyClick(window.editor.headline, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: help_menu.window_open("shortcuts") is not None)


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen has no stacking
@pytest.mark.parametrize("name", WINDOWS)
def test_one_window_of_each_kind_kept_only_while_open(
    qtbot: QtBot, help_menu: HelpMenu, name: str
) -> None:
    show = getattr(help_menu, f"show_{name}")
    first: QDialog = show()
    assert show() is first  # asked again: the same window, brought forward
    first.reject()  # Close, or Escape
    qtbot.waitUntil(lambda: help_menu.window_open(name) is None)  # deleted: nothing is kept
    again = show()
    assert isinstance(again, QDialog) and again.isVisible()


@pytest.mark.parametrize("name", WINDOWS)
def test_every_input_has_an_accessible_name(help_menu: HelpMenu, name: str) -> None:
    """As the main window's test does (tests/ui/test_mainwindow.py), for each Help window."""
    dialog: QDialog = getattr(help_menu, f"show_{name}")()
    inputs = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)
    unnamed = [
        widget
        for kind in inputs
        for widget in dialog.findChildren(kind)
        if not widget.accessibleName()
        and widget.isVisibleTo(dialog)
        and not isinstance(widget, QHeaderView)  # a view's own header
    ]
    buttons = [
        button
        for button in dialog.findChildren(QAbstractButton)
        if button.isVisibleTo(dialog)
        and not (button.text() or button.accessibleName())
        and not button.toolTip()
    ]
    assert unnamed == [] and buttons == []
