"""The Help menu, added to the main window by one call: ``add_help_menu(window)``.

Help stays the last menu of the bar, as desktop users expect, even when
another menu is added after it (the window grows menus as it grows
features): it moves itself to the end after each addition. Each window opens
once (asking again brings it forward), is built when first asked for and is
deleted on closing, so nothing about it is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow

if TYPE_CHECKING:
    from newsroom.store import Newsroom

# Ctrl+/ : no standard key uses it (Ctrl+? needs Shift on most layouts, and Qt then sees "?").
SHORTCUTS_KEY = "Ctrl+/"


class HelpMenu(QObject):
    """The menu's actions and the windows they open (one of each at a time)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("help-menu")
        self._window = window
        self._open: dict[str, QDialog] = {}
        self.menu = window.menuBar().addMenu(self.tr("&Help"))
        self.guide_action = self._add(
            self.tr("&User guide"), self.show_guide, QKeySequence.StandardKey.HelpContents
        )
        self.shortcuts_action = self._add(
            self.tr("&Keyboard shortcuts"), self.show_shortcuts, QKeySequence(SHORTCUTS_KEY)
        )
        self.menu.addSeparator()
        self.about_action = self._add(self.tr("&About Newsroom"), self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)  # macOS: the app menu
        window.menuBar().installEventFilter(self)
        self._keep_last = QTimer(self, singleShot=True, interval=0)
        self._keep_last.timeout.connect(self._move_to_end)

    def _add(
        self,
        text: str,
        slot: Callable[[], object],
        keys: QKeySequence | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self._window)
        if isinstance(keys, QKeySequence.StandardKey):
            action.setShortcuts(keys)  # every binding: F1, and the Help key where there is one
        elif keys is not None:
            action.setShortcut(keys)
        action.triggered.connect(slot)
        self.menu.addAction(action)
        return action

    # --- Help last ---------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ActionAdded and (
            event.action() is not self.menu.menuAction()  # type: ignore[attr-defined]
        ):
            self._keep_last.start()  # once the menu bar has taken the new menu in
        return False

    def _move_to_end(self) -> None:
        bar = self._window.menuBar()
        if bar.actions() and bar.actions()[-1] is not self.menu.menuAction():
            bar.removeAction(self.menu.menuAction())
            bar.addAction(self.menu.menuAction())

    # --- the windows ---------------------------------------------------------------

    def show_guide(self) -> QDialog:
        from ui.help.guide import GuideWindow

        return self._show("guide", lambda: GuideWindow(self._window))

    def show_shortcuts(self) -> QDialog:
        from ui.help.shortcuts import ShortcutsWindow

        return self._show("shortcuts", lambda: ShortcutsWindow(self._window))

    def show_about(self) -> QDialog:
        from ui.help.about import AboutDialog

        return self._show("about", lambda: AboutDialog(self._open_newsroom(), self._window))

    def _open_newsroom(self) -> Newsroom | None:
        session = getattr(self._window, "session", None)  # None until a newsroom is attached
        return None if session is None else session.newsroom

    def _show(self, name: str, make: Callable[[], QDialog]) -> QDialog:
        dialog = self._open.get(name)
        if dialog is not None:  # open already, perhaps behind the main window: bring it forward
            dialog.raise_()
            dialog.activateWindow()
            return dialog
        dialog = make()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _=None: self._open.pop(name, None))
        self._open[name] = dialog
        dialog.show()
        return dialog

    def window_open(self, name: str) -> QDialog | None:
        """The guide, shortcuts or about window if it is open now (for tests)."""
        return self._open.get(name)


def add_help_menu(window: QMainWindow) -> HelpMenu:
    """Add Help (User guide, Keyboard shortcuts, About Newsroom) after the window's menus."""
    return HelpMenu(window)
