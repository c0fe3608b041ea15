"""Help ▸ Keyboard shortcuts: read from the window's actions at run time, filtered, clashes shown."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QListView, QMainWindow
from pytestqt.qtbot import QtBot

from ui.help.guide import guide_markdown
from ui.help.menu import HelpMenu
from ui.help.shortcuts import ShortcutsWindow, clash_lines, collect_shortcuts, plain_text
from ui.mainwindow import MainWindow


@pytest.fixture
def shortcuts(qtbot: QtBot, help_menu: HelpMenu) -> ShortcutsWindow:
    help_menu.shortcuts_action.trigger()
    shown = help_menu.window_open("shortcuts")
    assert isinstance(shown, ShortcutsWindow)
    qtbot.waitExposed(shown)
    return shown


def native(text: str) -> str:
    return QKeySequence(text).toString(QKeySequence.SequenceFormat.NativeText)


def test_the_window_lists_the_menus_shortcuts_grouped_by_menu(shortcuts: ShortcutsWindow) -> None:
    lines = shortcuts.visible_lines()
    assert f"Article: New article — {native('Ctrl+N')}" in lines
    assert f"Edit: Find articles — {native('Ctrl+F')}" in lines
    assert f"Article: History… — {native('Ctrl+Shift+H')}" in lines
    assert f"Help: Keyboard shortcuts — {native('Ctrl+/')}" in lines
    # The panes' own (the Related tab's list), and what every text field does.
    assert f"Related: Move up — {native('Alt+Up')}" in lines
    assert f"Text fields: Select all — {native('Ctrl+A')}" in lines
    # Menu order: File before Edit before Article, the text fields last.
    groups = list(dict.fromkeys(line.split(":")[0] for line in lines))
    assert groups.index("File") < groups.index("Edit") < groups.index("Article")
    assert groups[-1] == "Text fields"
    assert not shortcuts.clashes.isVisible()


def test_an_action_added_later_is_listed(
    qtbot: QtBot, window: MainWindow, help_menu: HelpMenu
) -> None:
    # Added to the window before the list is first opened…
    proofread = QAction("&Proofread", window)
    proofread.setShortcut(QKeySequence("Ctrl+Shift+P"))
    window.addAction(proofread)
    help_menu.shortcuts_action.trigger()
    shortcuts = help_menu.window_open("shortcuts")
    assert isinstance(shortcuts, ShortcutsWindow)
    assert f"Other: Proofread — {native('Ctrl+Shift+P')}" in shortcuts.visible_lines()
    # …and to a new menu while it is open: the list catches up by itself.
    tools = window.menuBar().addMenu("&Tools")
    word_count = tools.addAction("&Word count")
    word_count.setShortcut(QKeySequence("Ctrl+Shift+W"))
    expected = f"Tools: Word count — {native('Ctrl+Shift+W')}"
    qtbot.waitUntil(lambda: expected in shortcuts.visible_lines())
    word_count.setShortcut(QKeySequence("Ctrl+Alt+W"))
    changed = f"Tools: Word count — {native('Ctrl+Alt+W')}"
    qtbot.waitUntil(lambda: changed in shortcuts.visible_lines())


def test_the_filter_narrows_the_list(shortcuts: ShortcutsWindow) -> None:
    everything = shortcuts.visible_lines()
    shortcuts.filter.setText("find")
    found = shortcuts.visible_lines()
    assert f"Edit: Find articles — {native('Ctrl+F')}" in found
    assert len(found) < len(everything) and all("find" in line.lower() for line in found)
    shortcuts.filter.setText(native("Ctrl+Shift+H"))  # by key
    assert shortcuts.visible_lines() == [f"Article: History… — {native('Ctrl+Shift+H')}"]
    shortcuts.filter.setText("help")  # by menu: the whole group
    assert [line.split(":")[0] for line in shortcuts.visible_lines()] == ["Help", "Help"]
    shortcuts.filter.setText("no such action")
    assert shortcuts.visible_lines() == []
    shortcuts.filter.clear()
    assert shortcuts.visible_lines() == everything


def test_a_shortcut_given_twice_is_marked(
    qtbot: QtBot, window: MainWindow, shortcuts: ShortcutsWindow
) -> None:
    clashing = QAction("Print", window)
    clashing.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
    window.addAction(clashing)
    qtbot.waitUntil(shortcuts.clashes.isVisible)
    key = native("Ctrl+N")
    assert f"{key}: Article ▸ New article, Other ▸ Print" in shortcuts.clashes.text()
    [new] = [s for s in shortcuts.shortcuts if s.text == "New article"]
    assert new.clashes_with == ["Other ▸ Print"] and new.clashing_keys == [key]
    row = shortcuts.view.model()
    tips = [
        row.index(child, 1, row.index(group, 0)).data(Qt.ItemDataRole.ToolTipRole)
        for group in range(row.rowCount())
        for child in range(row.rowCount(row.index(group, 0)))
    ]
    assert "Also given to: Other ▸ Print" in tips
    assert "Also given to: Article ▸ New article" in tips


def test_the_same_key_in_two_separate_lists_is_no_clash(qtbot: QtBot) -> None:
    """Two lists each with Delete for their own selection: only one has the focus at a time."""
    window = QMainWindow()
    qtbot.addWidget(window)
    first, second = QListView(window), QListView(window)
    for view in (first, second):
        action = QAction("Remove", view)
        action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        view.addAction(action)
    assert clash_lines(collect_shortcuts(window)) == []
    everywhere = QAction("Remove everything", window)  # but the whole window's Delete is one
    everywhere.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
    window.addAction(everywhere)
    [line] = clash_lines(collect_shortcuts(window))
    assert line.count("Remove") == 3


def test_the_main_window_gives_no_shortcut_twice(window: MainWindow) -> None:
    assert clash_lines(collect_shortcuts(window)) == []


def test_the_guide_names_only_shortcuts_the_window_has(window: MainWindow) -> None:
    """The guide's short table is checked against the window itself, so it cannot drift."""
    table = guide_markdown().split("## Shortcuts", 1)[1].split("|---|---|", 1)[1]
    named = [
        key.strip()
        for keys in re.findall(r"^\|[^|]+\| (.+) \|$", table, flags=re.MULTILINE)
        for key in keys.split(" / ")
    ]
    assert "Ctrl+N" in named and "Alt+Up" in named
    bound = {
        key.toString(QKeySequence.SequenceFormat.PortableText)
        for shortcut in collect_shortcuts(window)
        for key in shortcut.keys
    }
    # Quit is the platform's own key: Ctrl+Q on Linux desktops, none offscreen or on Windows.
    if not QKeySequence.keyBindings(QKeySequence.StandardKey.Quit):
        bound.add("Ctrl+Q")
    assert [key for key in named if key not in bound] == []


def test_menu_texts_lose_their_mnemonic() -> None:
    assert plain_text("&Find articles") == "Find articles"
    assert plain_text("D&uplicate article") == "Duplicate article"
    assert plain_text("Save && close") == "Save & close"
