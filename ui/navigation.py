"""Moving around the window from the keyboard, and focus mode.

- Ctrl+1 … Ctrl+6 go to the article list, the editor, the preview, the
  related headlines, the news feed and the checks (the pane gets the keyboard
  focus).
- Focus mode (Ctrl+Shift+F) leaves the editor alone in the window: no list,
  no side tabs, no toolbar, the text in a centred column. The preview comes
  on demand (Ctrl+3, or Ctrl+4/5/6 for the other tabs) beside the editor, and
  goes again when the editor is asked for (Ctrl+2). Focus mode is remembered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

if TYPE_CHECKING:
    from ui.mainwindow import MainWindow

FOCUS_KEY = "window/focus-mode"


class Navigation(QObject):
    """The window's "go to" actions and focus mode; built with the frame, live once attached."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._on_demand = False  # focus mode with a side pane asked for
        self.focus_action = QAction(self.tr("&Focus mode"), window)
        self.focus_action.setCheckable(True)
        self.focus_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.focus_action.setToolTip(self.tr("The editor alone; Ctrl+3 brings the preview"))
        self.focus_action.toggled.connect(self.set_focus_mode)
        self.go_actions = [
            self._go(self.tr("Go to the article &list"), "Ctrl+1", self.to_list),
            self._go(self.tr("Go to the &editor"), "Ctrl+2", self.to_editor),
            self._go(self.tr("Go to the &preview"), "Ctrl+3", lambda: self.to_tab(0)),
            self._go(self.tr("Go to the &related headlines"), "Ctrl+4", lambda: self.to_tab(1)),
            self._go(self.tr("Go to the &news feed"), "Ctrl+5", lambda: self.to_tab(2)),
            self._go(self.tr("Go to the &checks"), "Ctrl+6", lambda: self.to_tab(3)),
        ]
        for action in (self.focus_action, *self.go_actions):
            window.addAction(action)  # the keys work wherever the focus is in the window

    def _go(self, text: str, key: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self._window)
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(slot)
        return action

    @property
    def actions(self) -> list[QAction]:
        return [self.focus_action, *self.go_actions]

    def add_to(self, menu: QMenu) -> None:
        menu.addAction(self.focus_action)
        menu.addSeparator()
        for action in self.go_actions:
            menu.addAction(action)

    def restore(self) -> None:
        """Once the panes exist: focus mode as it was left."""
        on = str(self._window.state.value(FOCUS_KEY, "false")).lower() == "true"
        self.focus_action.setChecked(on)
        self._show_panes()

    # --- going to a pane -------------------------------------------------------------

    def to_list(self) -> None:
        window = self._window
        if self.focus_action.isChecked():
            self._on_demand = True
            self._show_panes(extra_list=True)
        shown = window.lists.currentWidget()  # the articles, or the incoming wire items
        (shown if shown is window.incoming else window.article_list).view.setFocus()

    def to_editor(self) -> None:
        if self._on_demand:  # back from a pane asked for in focus mode
            self._on_demand = False
            self._show_panes()
        self._window.editor.focus_text()

    def to_tab(self, index: int) -> None:
        window = self._window
        if self.focus_action.isChecked():
            self._on_demand = True
            self._show_panes(extra_tabs=True)
        window.tabs.setCurrentIndex(index)
        target: QWidget = window.tabs.currentWidget()
        focus = getattr(target, "focus_target", None)
        (focus() if callable(focus) else target).setFocus()

    # --- focus mode --------------------------------------------------------------------

    def set_focus_mode(self, on: bool) -> None:
        self._on_demand = False
        self._window.state.setValue(FOCUS_KEY, on)
        if self._window.session is not None:
            self._show_panes()
            self._window.editor.focus_text()

    def _show_panes(self, *, extra_list: bool = False, extra_tabs: bool = False) -> None:
        window = self._window
        focus = self.focus_action.isChecked()
        window.lists.setVisible(not focus or extra_list)
        window.tabs.setVisible(not focus or extra_tabs)
        window.toolbar.setVisible(not focus)
