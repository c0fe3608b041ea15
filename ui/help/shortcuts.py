"""Help ▸ Keyboard shortcuts: every shortcut of the main window, read from its actions.

Nothing here lists a shortcut by hand: ``collect_shortcuts`` walks the menu
bar (in menu order, a group per menu or submenu) and then every widget of
the window for actions not in a menu (the Related and News feed tabs have
their own), each time the window is shown and whenever an action is added,
changed or removed in the window or its menus. So an action someone adds
tomorrow is listed tomorrow. The text fields' own editing keys follow.

A key sequence given to two actions that can be active at once (their
shortcut contexts overlap) is a clash: Qt then runs neither. Clashes are
marked in the list and named above it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

NATIVE = QKeySequence.SequenceFormat.NativeText
WINDOW_WIDE = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)
# What every text field does by itself (QLineEdit, QPlainTextEdit), in the platform's keys.
TEXT_FIELD_KEYS = (
    ("Undo", QKeySequence.StandardKey.Undo),
    ("Redo", QKeySequence.StandardKey.Redo),
    ("Cut", QKeySequence.StandardKey.Cut),
    ("Copy", QKeySequence.StandardKey.Copy),
    ("Paste", QKeySequence.StandardKey.Paste),
    ("Select all", QKeySequence.StandardKey.SelectAll),
)
ACTION_EVENTS = (QEvent.Type.ActionAdded, QEvent.Type.ActionChanged, QEvent.Type.ActionRemoved)
_MNEMONIC = re.compile(r"&(.)")


@dataclass
class Shortcut:
    """One action and its keys, as the list shows them."""

    group: str
    text: str
    keys: list[QKeySequence]
    action: QAction | None = None  # None: a text field's own key
    clashing_keys: list[str] = field(default_factory=list)  # native text of each
    clashes_with: list[str] = field(default_factory=list)  # "Article ▸ Duplicate article"

    @property
    def label(self) -> str:
        return f"{self.group} ▸ {self.text}"

    @property
    def keys_text(self) -> str:
        return ", ".join(key.toString(NATIVE) for key in self.keys if not _dedicated_key(key))

    def line(self) -> str:
        """ "New article — Ctrl+N", as tests and the filter read it."""
        return f"{self.text} — {self.keys_text}"


@dataclass(frozen=True)
class _Scope:
    """Where a shortcut listens: a widget, with its children or not."""

    widget: QWidget
    with_children: bool

    def overlaps(self, other: _Scope) -> bool:
        """Some focus widget would wake both (Qt then reports an ambiguous shortcut)."""
        if self.widget is other.widget:
            return True
        return (self.with_children and self.widget.isAncestorOf(other.widget)) or (
            other.with_children and other.widget.isAncestorOf(self.widget)
        )


def _tr(text: str) -> str:
    return QCoreApplication.translate("ShortcutsWindow", text)


def plain_text(text: str) -> str:
    """A menu text without its mnemonic: "&Find articles" → "Find articles", "&&" → "&"."""
    return _MNEMONIC.sub(r"\1", text)


def _dedicated_key(key: QKeySequence) -> bool:
    """A key some keyboards have for the purpose (Copy, Redo, Help, F16): not worth listing."""
    if key.isEmpty():
        return True
    combination = key[0]  # type: ignore[index]  # QKeySequence.operator[]: not in the stubs
    if combination.keyboardModifiers() != Qt.KeyboardModifier.NoModifier:
        return False
    code = combination.key()
    return bool(
        code == Qt.Key.Key_Help
        or Qt.Key.Key_F13 <= code <= Qt.Key.Key_F35
        or code >= Qt.Key.Key_Back
    )


def collect_shortcuts(window: QMainWindow) -> list[Shortcut]:
    """Every shortcut of ``window`` now: menus first, in menu order, then the panes', then
    the text fields' own; each marked with the actions it clashes with."""
    found: dict[QAction, tuple[Shortcut, _Scope]] = {}
    whole_window = _Scope(window, with_children=True)
    for group, action in _menu_actions(window):
        if action.shortcuts() and action not in found:
            found[action] = (_shortcut(group, action), whole_window)
    for widget in [window, *window.findChildren(QWidget)]:
        if widget.window() is not window:
            continue  # another top-level window (the photo library): not this one's
        for action in widget.actions():
            if action.shortcuts() and action not in found:
                shortcut = _shortcut(_group_of(widget, window), action)
                found[action] = (shortcut, _scope(action, widget, window))
    _mark_clashes(list(found.values()))
    return [shortcut for shortcut, _ in found.values()] + _text_field_shortcuts()


def _shortcut(group: str, action: QAction) -> Shortcut:
    return Shortcut(group, plain_text(action.text()), list(action.shortcuts()), action)


def _menu_actions(window: QMainWindow) -> list[tuple[str, QAction]]:
    """(group, action) for every action in the menu bar's menus, submenus as "File ▸ Recent"."""
    found: list[tuple[str, QAction]] = []

    def walk(menu: QMenu, group: str) -> None:
        for action in menu.actions():
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu, f"{group} ▸ {plain_text(submenu.title())}")
            elif not action.isSeparator():
                found.append((group, action))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, plain_text(menu.title()))
    return found


def _scope(action: QAction, widget: QWidget, window: QMainWindow) -> _Scope:
    context = action.shortcutContext()
    if context in WINDOW_WIDE:
        return _Scope(window, with_children=True)
    return _Scope(widget, with_children=context == Qt.ShortcutContext.WidgetWithChildrenShortcut)


def _group_of(widget: QWidget, window: QMainWindow) -> str:
    """The tab a pane's action lives in ("Related"), else the widget's own name."""
    if isinstance(widget, QToolBar):
        return _tr("Toolbar")
    child: QWidget | None = widget
    while child is not None and child is not window:
        stack = child.parentWidget()
        tabs = stack.parentWidget() if isinstance(stack, QStackedWidget) else None
        if isinstance(tabs, QTabWidget) and tabs.indexOf(child) >= 0:
            return plain_text(tabs.tabText(tabs.indexOf(child)))
        child = stack
    return (widget is not window and widget.accessibleName()) or _tr("Other")


def _mark_clashes(entries: list[tuple[Shortcut, _Scope]]) -> None:
    by_key: dict[str, list[tuple[Shortcut, _Scope]]] = defaultdict(list)
    for entry in entries:
        for key in entry[0].keys:
            by_key[key.toString(QKeySequence.SequenceFormat.PortableText)].append(entry)
    for portable, sharing in by_key.items():
        for shortcut, scope in sharing:
            others = [o for o, o_scope in sharing if o is not shortcut and scope.overlaps(o_scope)]
            if others:
                shortcut.clashing_keys.append(QKeySequence(portable).toString(NATIVE))
                shortcut.clashes_with += [
                    o.label for o in others if o.label not in shortcut.clashes_with
                ]


def clash_lines(shortcuts: list[Shortcut]) -> list[str]:
    """One line per key given twice: "Ctrl+N: Article ▸ New article, Article ▸ Duplicate…"."""
    holders: dict[str, list[str]] = defaultdict(list)
    for shortcut in shortcuts:
        for key in shortcut.clashing_keys:
            holders[key].append(shortcut.label)
    return [f"{key}: {', '.join(labels)}" for key, labels in holders.items()]


def _text_field_shortcuts() -> list[Shortcut]:
    group = _tr("Text fields")
    return [
        Shortcut(group, _tr(text), list(QKeySequence.keyBindings(key)))
        for text, key in TEXT_FIELD_KEYS
    ]


class ShortcutsWindow(QDialog):
    """The list, grouped by menu, with a filter box; rebuilt whenever the actions change."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.shortcuts: list[Shortcut] = []
        self.setWindowTitle(self.tr("Keyboard shortcuts — Newsroom"))
        self.filter = QLineEdit(self)
        self.filter.setAccessibleName(self.tr("Find a shortcut"))
        self.filter.setPlaceholderText(self.tr("Find an action or a key…"))
        self.filter.setClearButtonEnabled(True)
        self.clashes = QLabel(self)
        self.clashes.setWordWrap(True)
        self.clashes.setAccessibleName(self.tr("Shortcuts given twice"))
        self.model = QStandardItemModel(0, 2, self)
        self.model.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Shortcut")])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)  # a matching row keeps its group
        self.proxy.setAutoAcceptChildRows(True)  # a matching group keeps its rows
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter.textChanged.connect(self._filter_changed)
        self.view = QTreeView(self)
        self.view.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.view.setModel(self.proxy)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.view.setRootIsDecorated(False)
        self.view.setItemsExpandable(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.clashes)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        # Rebuilt once per burst of action events (a menu filled action by action).
        self._rebuild = QTimer(self, singleShot=True, interval=0)
        self._rebuild.timeout.connect(self.refresh)
        self._watched: list[QObject] = []
        self.refresh()
        self._fit_to_content()

    # --- the list ----------------------------------------------------------------

    def refresh(self) -> None:
        """Read the window's actions again and show them (the filter stays as typed)."""
        self.shortcuts = collect_shortcuts(self._window)
        self.model.removeRows(0, self.model.rowCount())
        groups: dict[str, QStandardItem] = {}
        for shortcut in self.shortcuts:
            if shortcut.group not in groups:
                groups[shortcut.group] = self._group_item(shortcut.group)
            groups[shortcut.group].appendRow(self._row(shortcut))
        self._show_clashes()
        self._expand()
        self._watch_actions()

    def _group_item(self, name: str) -> QStandardItem:
        item = QStandardItem(name)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        self.model.appendRow([item, QStandardItem()])
        return item

    def _row(self, shortcut: Shortcut) -> list[QStandardItem]:
        name, keys = QStandardItem(shortcut.text), QStandardItem(shortcut.keys_text)
        if shortcut.clashes_with:
            keys.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
            also = self.tr("Also given to: {0}").format("; ".join(shortcut.clashes_with))
            keys.setToolTip(also)
            keys.setData(also, Qt.ItemDataRole.AccessibleDescriptionRole)
        return [name, keys]

    def _show_clashes(self) -> None:
        lines = clash_lines(self.shortcuts)
        self.clashes.setVisible(bool(lines))
        self.clashes.setText(
            self.tr("Given twice, these keys do nothing until one of the two changes:\n{0}").format(
                "\n".join(lines)
            )
        )

    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._expand()

    def _expand(self) -> None:
        self.view.expandAll()
        for row in range(self.proxy.rowCount()):
            self.view.setFirstColumnSpanned(row, self.view.rootIndex(), True)

    def visible_lines(self) -> list[str]:
        """What the list shows now, as "group: action — keys" lines (for tests and a look)."""
        lines = []
        for row in range(self.proxy.rowCount()):
            group = self.proxy.index(row, 0)
            for child in range(self.proxy.rowCount(group)):
                text = self.proxy.index(child, 0, group).data()
                keys = self.proxy.index(child, 1, group).data()
                lines.append(f"{group.data()}: {text} — {keys}")
        return lines

    # --- staying current -----------------------------------------------------------

    def _watch_actions(self) -> None:
        """Hear of actions added, changed or removed in the window, its menu bar and menus."""
        for watched in self._watched:
            watched.removeEventFilter(self)
        bar = self._window.menuBar()
        self._watched = [self._window, bar, *self._window.findChildren(QMenu)]
        for watched in self._watched:
            watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTION_EVENTS and self.isVisible():
            self._rebuild.start()
        return False

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()  # whatever changed while it was hidden
        super().showEvent(event)

    def _fit_to_content(self) -> None:
        """As wide as the two columns and as tall as the list, within the screen."""
        header = self.view.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.view.resizeColumnToContents(1)
        width = self.view.sizeHintForColumn(0) + self.view.sizeHintForColumn(1) + 80
        groups = range(self.model.rowCount())
        rows = sum(1 + self.model.rowCount(self.model.index(row, 0)) for row in groups)
        height = rows * max(self.view.sizeHintForRow(0), 1) + header.sizeHint().height()
        chrome = self.sizeHint().height() - self.view.sizeHint().height()
        available = self.screen().availableGeometry()
        self.resize(
            max(width, self.filter.sizeHint().width() * 2),
            min(height + chrome + 16, available.height() * 4 // 5),
        )
