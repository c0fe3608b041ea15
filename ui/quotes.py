"""The quotes panel: the article's quotes, each with speaker, role and pull-quote mark.

Adding, editing and removing are ``QUndoCommand``s on the editor's undo
stack. A quote the body does not contain verbatim (``newsroom.editorial.
quote_in_body``) is flagged with an icon, a tooltip and ``NOT_IN_BODY_ROLE``.
A pull quote the editor has not placed is said to stand where the page will
set it (``newsroom.render.pull_quotes.default_place``: after paragraph 2,
unless that is just after its own words).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSignalBlocker,
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from newsroom.article import DEFAULT_PULL_QUOTE_PLACE, Quote
from newsroom.editorial import quote_from_selection, quotes_in_body
from newsroom.errors import ValidationError
from newsroom.render.body import render_body_live
from newsroom.render.page import paragraph_texts
from newsroom.render.pull_quotes import default_place

NOT_IN_BODY_ROLE = Qt.ItemDataRole.UserRole + 1
QUOTE_ROLE = Qt.ItemDataRole.UserRole + 2

TEXT, SPEAKER, ROLE, PULL = range(4)
_FIELDS = ("text", "speaker", "role")
Index = QModelIndex | QPersistentModelIndex


class QuotesModel(QAbstractTableModel):
    """The article's quotes; every change the user makes goes through ``undo_stack``."""

    changed = Signal()

    def __init__(self, undo_stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self._quotes: list[Quote] = []
        self._in_body: list[bool] = []
        self._body = ""
        self._lead = ""
        self._paragraphs: tuple[str, list[str]] | None = None  # (body, its paragraphs' text)
        # Bumped by every load: commands made for an earlier article do nothing.
        self.generation = 0

    # --- what the editor calls ----------------------------------------------------

    def load(self, quotes: tuple[Quote, ...], body: str, lead: str = "") -> None:
        self.beginResetModel()
        self.generation += 1
        self._quotes = list(quotes)
        self._body = body
        self._lead = lead
        self._in_body = quotes_in_body([q.text for q in self._quotes], body)
        self.endResetModel()

    def quotes(self) -> tuple[Quote, ...]:
        return tuple(self._quotes)

    def set_body(self, body: str, lead: str = "") -> None:
        """Check every quote against a changed body; say again where unplaced pull quotes go."""
        self._body = body
        self._lead = lead
        for row, quote in enumerate(self._quotes):
            if quote.pull and quote.after_paragraph is None:
                self.dataChanged.emit(self.index(row, PULL), self.index(row, PULL))
        flags = quotes_in_body([q.text for q in self._quotes], body)
        for row, (old, new) in enumerate(zip(self._in_body, flags, strict=True)):
            if old != new:
                self._in_body[row] = new
                self.dataChanged.emit(self.index(row, TEXT), self.index(row, TEXT))
        self._in_body = flags

    def add(self, quote: Quote, row: int | None = None) -> None:
        where = len(self._quotes) if row is None else row
        self.undo_stack.push(_QuoteCommand(self, where, None, quote, self.tr("Add quote")))

    def replace(self, row: int, quote: Quote) -> None:
        old = self._quotes[row]
        if old != quote:
            self.undo_stack.push(_QuoteCommand(self, row, old, quote, self.tr("Edit quote")))

    def remove(self, row: int) -> None:
        old = self._quotes[row]
        self.undo_stack.push(_QuoteCommand(self, row, old, None, self.tr("Remove quote")))

    def place(self, quote: Quote) -> int:
        """After which paragraph the page sets pull quote ``quote`` (0: before the first):
        the editor's choice, else where the house places it for this body and lead."""
        if quote.after_paragraph is not None:
            return quote.after_paragraph
        return default_place(quote.text, self._body_paragraphs(), lead=self._lead)

    def _body_paragraphs(self) -> list[str]:
        """The body's paragraphs as the page counts them (rendered as it renders them)."""
        if self._paragraphs is None or self._paragraphs[0] != self._body:
            try:
                texts = paragraph_texts(render_body_live(self._body))
            except ValidationError:  # beyond the render limits: the page shows no body either
                texts = []
            self._paragraphs = (self._body, texts)
        return self._paragraphs[1]

    def place_text(self, quote: Quote) -> str:
        """Where a pull quote stands, in words: "after paragraph 3", "before the first…"."""
        place = self.place(quote)
        if place == 0:
            return self.tr("before the first paragraph")
        return self.tr("after paragraph {0}").format(place)

    # --- what the commands call -----------------------------------------------------

    def _apply(self, row: int, old: Quote | None, new: Quote | None) -> None:
        if old is None and new is not None:
            self.beginInsertRows(QModelIndex(), row, row)
            self._quotes.insert(row, new)
            self._in_body.insert(row, quotes_in_body([new.text], self._body)[0])
            self.endInsertRows()
        elif new is None:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._quotes[row]
            del self._in_body[row]
            self.endRemoveRows()
        else:
            self._quotes[row] = new
            self._in_body[row] = quotes_in_body([new.text], self._body)[0]
            self.dataChanged.emit(self.index(row, 0), self.index(row, PULL))
        self.changed.emit()

    # --- the model --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._quotes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if 0 <= section < 4:
            return (self.tr("Quote"), self.tr("Speaker"), self.tr("Role"), self.tr("Pull"))[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == PULL:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._quotes):
            return None
        quote = self._quotes[index.row()]
        column = index.column()
        missing = not self._in_body[index.row()]
        if role == QUOTE_ROLE:
            return quote
        if role == NOT_IN_BODY_ROLE:
            return missing
        if column == PULL:
            return self._pull_data(quote, role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = str(getattr(quote, _FIELDS[column]))
            if role == Qt.ItemDataRole.DisplayRole:
                return " ".join(value.split())
            return value
        if column == TEXT and missing:
            if role == Qt.ItemDataRole.DecorationRole:
                return _warning_icon()
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("The body does not contain this quote verbatim")
            if role == Qt.ItemDataRole.AccessibleDescriptionRole:
                return self.tr("Not in the body")
        return None

    def _pull_data(self, quote: Quote, role: int) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if quote.pull else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and quote.pull and quote.after_paragraph is None:
            return self.tr("A pull quote, where the house places it (now: {0})").format(
                self.place_text(quote)
            )
        if role == Qt.ItemDataRole.ToolTipRole and quote.pull:
            return self.tr("A pull quote, {0}").format(self.place_text(quote))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Set as a pull quote on the page")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.row() >= len(self._quotes):
            return False
        quote = self._quotes[index.row()]
        column = index.column()
        if column == PULL and role == Qt.ItemDataRole.CheckStateRole:
            pull = Qt.CheckState(value) == Qt.CheckState.Checked
            changed = dataclasses.replace(quote, pull=pull)
        elif column != PULL and role == Qt.ItemDataRole.EditRole:
            fields: dict[str, Any] = {_FIELDS[column]: str(value)}
            changed = dataclasses.replace(quote, **fields)
        else:
            return False
        self.replace(index.row(), changed)
        return True


def _warning_icon() -> QIcon:
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


class _DirectionDelegate(QStyledItemDelegate):
    """Shows and edits the quote, speaker and role in the article's text direction."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.direction = Qt.LayoutDirection.LeftToRight

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        if index.column() != PULL:
            option.direction = self.direction

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if index.column() != PULL:
            editor.setLayoutDirection(self.direction)
        return editor


class _QuoteCommand(QUndoCommand):
    """Insert (old None), remove (new None) or change one quote."""

    def __init__(
        self, model: QuotesModel, row: int, old: Quote | None, new: Quote | None, text: str
    ) -> None:
        super().__init__(text)
        self._model = model
        self._row = row
        self._old = old
        self._new = new
        self._generation = model.generation

    def _stale(self) -> bool:
        if self._model.generation != self._generation:
            self.setObsolete(True)
            return True
        return False

    def redo(self) -> None:
        if not self._stale():
            self._model._apply(self._row, self._old, self._new)

    def undo(self) -> None:
        if not self._stale():
            self._model._apply(self._row, self._new, self._old)


class QuotesPanel(QWidget):
    """The table of quotes with add, remove and pull-quote buttons."""

    changed = Signal()

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QuotesModel(undo_stack, self)
        self.model.changed.connect(self.changed)
        self._selected_text: Callable[[], str] = lambda: ""

        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.delegate = _DirectionDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setAccessibleName(self.tr("Quotes"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setWordWrap(True)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        # Fixed starting widths: columns that followed their contents jumped while typing.
        header.setSectionResizeMode(PULL, QHeaderView.ResizeMode.ResizeToContents)
        for column in (SPEAKER, ROLE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, self.fontMetrics().averageCharWidth() * 16)
        self.view.setMinimumHeight(110)
        self._build_buttons()
        self._connect()
        self._update_buttons()

    def _build_buttons(self) -> None:
        self.add_button = QPushButton(self.tr("Add quote"), self)
        self.add_button.setAccessibleName(self.tr("Add quote"))
        self.add_button.setToolTip(self.tr("Add a quote (the text selected in the body, if any)"))
        self.edit_button = QPushButton(self.tr("Edit"), self)
        self.edit_button.setAccessibleName(self.tr("Edit quote"))
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setAccessibleName(self.tr("Remove quote"))
        self.pull_button = QPushButton(self.tr("Pull quote"), self)
        self.pull_button.setCheckable(True)
        self.pull_button.setAccessibleName(self.tr("Pull quote"))
        self.pull_button.setToolTip(self.tr("Set the selected quote as a pull quote on the page"))
        self.place = QSpinBox(self)
        self.place.setRange(0, 999)
        self.place.setPrefix(self.tr("after paragraph "))
        self.place.setSpecialValueText(self.tr("before the first paragraph"))
        self.place.setKeyboardTracking(False)  # typed numbers apply once, not digit by digit
        self.place.setAccessibleName(self.tr("Pull quote place"))
        self.place.setToolTip(self.tr("Where the pull quote stands on the page"))

        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button, self.pull_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        # Its own row, under the buttons: beside them it made the editor wider than its pane.
        self.place_row = QWidget(self)
        place = QHBoxLayout(self.place_row)
        place.setContentsMargins(0, 0, 0, 0)
        place_label = QLabel(self.tr("Pull quote &place"), self.place_row)
        place_label.setBuddy(self.place)
        place.addWidget(place_label)
        place.addWidget(self.place)
        # An unplaced quote moves with the body: the spin box shows where it is now.
        self.place_note = QLabel(self.tr("where the house places it"), self.place_row)
        self.place_note.setToolTip(
            self.tr(
                "After paragraph 2, unless that is just after its own words; pick a place to fix it"
            )
        )
        place.addWidget(self.place_note)
        place.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        layout.addWidget(self.place_row)

    def _connect(self) -> None:
        self.add_button.clicked.connect(self.add_quote)
        self.edit_button.clicked.connect(self.edit_quote)
        self.remove_button.clicked.connect(self.remove_quote)
        self.pull_button.toggled.connect(self._set_pull)
        self.place.valueChanged.connect(self._set_place)
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.model.dataChanged.connect(self._update_buttons)
        self.model.rowsInserted.connect(self._update_buttons)
        self.model.rowsRemoved.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)

    def set_selection_source(self, selected_text: Callable[[], str]) -> None:
        """Where "Add quote" takes its text from (the body's selection)."""
        self._selected_text = selected_text

    def set_text_direction(self, *, rtl: bool) -> None:
        """The quotes as the article is written: right to left for Arabic, Hebrew…"""
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        if self.delegate.direction != direction:
            self.delegate.direction = direction
            self.view.viewport().update()

    def text_direction(self) -> Qt.LayoutDirection:
        return self.delegate.direction

    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def add_quote(self) -> None:
        text = quote_from_selection(str(self._selected_text()))
        row = self.model.rowCount()
        self.model.add(Quote(text=text))
        index = self.model.index(row, TEXT)
        self.view.setCurrentIndex(index)
        if not text:
            self.view.edit(index)

    def edit_quote(self) -> None:
        row = self.current_row()
        if row >= 0:
            self.view.edit(self.model.index(row, TEXT))

    def remove_quote(self) -> None:
        row = self.current_row()
        if row >= 0:
            self.model.remove(row)

    def _set_pull(self, pull: bool) -> None:
        row = self.current_row()
        if row < 0:
            return
        quote = self.model.quotes()[row]
        if quote.pull != pull:
            self.model.replace(row, dataclasses.replace(quote, pull=pull))

    def _set_place(self, after: int) -> None:
        row = self.current_row()
        if row < 0:
            return
        quote = self.model.quotes()[row]
        if quote.pull and self.model.place(quote) != after:
            self.model.replace(row, dataclasses.replace(quote, after_paragraph=after))

    def _update_buttons(self, *_: object) -> None:
        row = self.current_row()
        has = 0 <= row < self.model.rowCount()
        quote = self.model.quotes()[row] if has else None
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)
        self.pull_button.setEnabled(has)
        with QSignalBlocker(self.pull_button), QSignalBlocker(self.place):
            self.pull_button.setChecked(quote is not None and quote.pull)
            self.place_row.setVisible(quote is not None and quote.pull)
            place = self.model.place(quote) if quote is not None else DEFAULT_PULL_QUOTE_PLACE
            self.place.setValue(place)
        self.place_note.setVisible(quote is not None and quote.after_paragraph is None)
