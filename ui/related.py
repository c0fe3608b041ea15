"""The related headlines of an article: the sidebar list, in page order.

``RelatedModel`` holds the entries; internal ones show the target article's
current headline and subtitle (looked up by slug, earlier slugs included),
external ones their headline and link. Every structural edit — adding,
removing, moving by buttons, keys or drag-and-drop — is a ``QUndoCommand`` on
the stack the pane is given, so undo brings the order back.

``RelatedPane`` is the widget: the list, its buttons, a search of the
newsroom to add from, a dialog for outside stories and suggestions of
similar articles (``newsroom.suggest``), computed off the UI thread.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QFont, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from newsroom.article import Article, ArticleSummary, RelatedHeadline
from newsroom.errors import NewsroomError, ValidationError
from newsroom.suggest import external_related_problem, read_external_related, similar_articles
from ui.icons import icon
from ui.session import Session

MIME_TYPE = "application/x-newsroom-related-rows"
# Up to this many slugs are looked up on the UI thread (one indexed SELECT);
# more go to a worker.
LOOKUP_ON_UI_THREAD = 20
SEARCH_LIMIT = 50
SUGGESTIONS = 8
SEARCH_DELAY_MS = 250

ModelIndex = QModelIndex | QPersistentModelIndex

EntryRole = Qt.ItemDataRole.UserRole + 1
MissingRole = Qt.ItemDataRole.UserRole + 2
SummaryRole = Qt.ItemDataRole.UserRole + 3


class RelatedModel(QAbstractListModel):
    """An article's related headlines, in page order.

    Changes made through the model's API (``moveRows``, ``dropMimeData``,
    ``insert_entries``, ``remove_entries``) are pushed on ``undo_stack`` as
    commands; ``edited`` is emitted whenever one is done, undone or redone.
    """

    edited = Signal()

    def __init__(self, undo_stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self._entries: list[RelatedHeadline] = []
        self._found: dict[str, ArticleSummary] = {}
        self._looked_up = True
        # Bumped by every load: commands made for an earlier article do nothing.
        self.generation = 0

    # --- loading -------------------------------------------------------------

    def set_entries(self, entries: Sequence[RelatedHeadline], *, looked_up: bool = True) -> None:
        """Show these entries (a new article): not an edit, nothing on the undo stack."""
        self.beginResetModel()
        self._entries = list(entries)
        self._found = {}
        self._looked_up = looked_up
        self.generation += 1
        self.endResetModel()

    def set_found(self, found: Mapping[str, ArticleSummary]) -> None:
        """The articles the internal slugs name now (from ``newsroom.lookup``)."""
        self._found.update(found)
        self._looked_up = True
        if self._entries:
            self.dataChanged.emit(self.index(0), self.index(len(self._entries) - 1))

    def entries(self) -> tuple[RelatedHeadline, ...]:
        return tuple(self._entries)

    def internal_slugs(self) -> list[str]:
        return [entry.slug for entry in self._entries if entry.is_internal]

    def summary(self, entry: RelatedHeadline) -> ArticleSummary | None:
        return self._found.get(entry.slug) if entry.is_internal else None

    def is_missing(self, entry: RelatedHeadline) -> bool:
        return entry.is_internal and self._looked_up and entry.slug not in self._found

    def find(self, entry: RelatedHeadline) -> int:
        """The row of the same story (same slug or article, or same link); -1 when absent."""
        target = self.summary(entry)
        for row, present in enumerate(self._entries):
            if entry.is_internal and present.is_internal:
                if present.slug == entry.slug:
                    return row
                found = self._found.get(present.slug)
                if target is not None and found is not None and found.id == target.id:
                    return row
            elif not entry.is_internal and not present.is_internal and present.url == entry.url:
                return row
        return -1

    # --- reading ---------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        found = self.summary(entry)
        missing = self.is_missing(entry)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, found, missing)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, found, missing)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(entry, found, missing).replace("\n", ", ")
        if role == Qt.ItemDataRole.DecorationRole:
            if missing:
                return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            return icon("link") if not entry.is_internal else None
        if role == Qt.ItemDataRole.FontRole and missing:
            font = QFont()
            font.setItalic(True)
            return font
        if role == EntryRole:
            return entry
        if role == MissingRole:
            return missing
        if role == SummaryRole:
            return found
        return None

    def _display(self, entry: RelatedHeadline, found: ArticleSummary | None, missing: bool) -> str:
        if not entry.is_internal:
            return f"{entry.headline}\n{entry.url}"
        if found is not None:
            return f"{found.headline}\n{found.subtitle}" if found.subtitle else found.headline
        if missing:
            return self.tr("Missing article: {slug}").format(slug=entry.slug)
        return entry.slug

    def _tooltip(self, entry: RelatedHeadline, found: ArticleSummary | None, missing: bool) -> str:
        if not entry.is_internal:
            lines = [entry.headline, entry.subtitle, entry.url]
            return "\n".join(line for line in lines if line)
        if missing:
            return self.tr(
                "No article of this newsroom has the slug {slug}: remove this related "
                "headline or link another article"
            ).format(slug=entry.slug)
        if found is not None:
            return self.tr("{headline}\nArticle {slug} ({status})").format(
                headline=found.headline, slug=found.slug, status=found.status.value
            )
        return entry.slug

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    # --- drag and drop -----------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({index.row() for index in indexes if index.isValid()})
        payload = {"model": id(self), "generation": self.generation, "rows": rows}
        data = QMimeData()
        data.setData(MIME_TYPE, QByteArray(json.dumps(payload).encode("utf-8")))
        return data

    def _dropped_rows(self, data: QMimeData) -> list[int] | None:
        if not data.hasFormat(MIME_TYPE):
            return None
        try:
            payload = json.loads(bytes(data.data(MIME_TYPE).data()).decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None
        if payload.get("model") != id(self) or payload.get("generation") != self.generation:
            return None  # rows of another list, or of the article shown before
        rows = payload.get("rows")
        if not isinstance(rows, list) or not rows:
            return None
        if not all(isinstance(row, int) and 0 <= row < len(self._entries) for row in rows):
            return None
        return sorted(set(rows))

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: ModelIndex,
    ) -> bool:
        if action not in (Qt.DropAction.MoveAction, Qt.DropAction.IgnoreAction):
            return False
        return self._dropped_rows(data) is not None

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: ModelIndex,
    ) -> bool:
        """Rows dragged inside this list move (one undoable step) to before ``row``."""
        if action == Qt.DropAction.IgnoreAction:
            return True
        if action != Qt.DropAction.MoveAction:
            return False
        rows = self._dropped_rows(data)
        if rows is None:
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._entries)
        blocks = _contiguous(rows)
        if len(blocks) == 1:
            start, count = blocks[0]
            if start <= row <= start + count:
                return True  # dropped on itself: nothing moves
            return self.moveRows(QModelIndex(), start, count, QModelIndex(), row)
        order = list(range(len(self._entries)))
        moved = [order[r] for r in rows]
        rest = [r for r in order if r not in rows]
        at = len([r for r in rest if r < row])
        new_order = rest[:at] + moved + rest[at:]
        self.undo_stack.push(_ReorderCommand(self, new_order, self.tr("Move related headlines")))
        return True

    # --- changing (through the undo stack) ----------------------------------------

    def moveRows(
        self,
        source_parent: ModelIndex,
        source_row: int,
        count: int,
        destination_parent: ModelIndex,
        destination_child: int,
    ) -> bool:
        """Move ``count`` rows to before ``destination_child``, as an undoable command."""
        size = len(self._entries)
        if source_parent.isValid() or destination_parent.isValid() or count < 1:
            return False
        if source_row < 0 or source_row + count > size or not 0 <= destination_child <= size:
            return False
        if source_row <= destination_child <= source_row + count:
            return False  # onto itself
        text = self.tr("Move related headline")
        self.undo_stack.push(_MoveCommand(self, source_row, count, destination_child, text))
        return True

    def move_row(self, row: int, step: int) -> bool:
        """Move one row up (-1) or down (+1)."""
        target = row + step
        if not 0 <= row < len(self._entries) or not 0 <= target < len(self._entries):
            return False
        destination = target if step < 0 else target + 1
        return self.moveRows(QModelIndex(), row, 1, QModelIndex(), destination)

    def insert_entries(
        self,
        row: int,
        entries: Sequence[RelatedHeadline],
        found: Mapping[str, ArticleSummary] | None = None,
    ) -> None:
        if found:
            self._found.update(found)
        text = self.tr("Add related headline")
        self.undo_stack.push(_InsertCommand(self, row, list(entries), text))

    def remove_entries(self, row: int, count: int = 1) -> bool:
        if row < 0 or count < 1 or row + count > len(self._entries):
            return False
        self.undo_stack.push(_RemoveCommand(self, row, count, self.tr("Remove related headline")))
        return True

    # The commands call these: no undo stack here.

    def _apply_move(self, start: int, count: int, destination: int) -> None:
        self.beginMoveRows(QModelIndex(), start, start + count - 1, QModelIndex(), destination)
        block = self._entries[start : start + count]
        del self._entries[start : start + count]
        at = destination if destination < start else destination - count
        self._entries[at:at] = block
        self.endMoveRows()
        self.edited.emit()

    def _apply_insert(self, row: int, entries: Sequence[RelatedHeadline]) -> None:
        self.beginInsertRows(QModelIndex(), row, row + len(entries) - 1)
        self._entries[row:row] = entries
        self.endInsertRows()
        self.edited.emit()

    def _apply_remove(self, row: int, count: int) -> list[RelatedHeadline]:
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        removed = self._entries[row : row + count]
        del self._entries[row : row + count]
        self.endRemoveRows()
        self.edited.emit()
        return removed

    def _apply_order(self, order: Sequence[int]) -> None:
        """Put the rows in ``order`` (a permutation of the current rows)."""
        self.layoutAboutToBeChanged.emit()
        old = self._entries
        self._entries = [old[i] for i in order]
        new_row = {old_row: new for new, old_row in enumerate(order)}
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent, [self.index(new_row[index.row()]) for index in persistent]
        )
        self.layoutChanged.emit()
        self.edited.emit()


def _contiguous(rows: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted rows as (start, count) runs."""
    blocks: list[tuple[int, int]] = []
    for row in rows:
        if blocks and blocks[-1][0] + blocks[-1][1] == row:
            blocks[-1] = (blocks[-1][0], blocks[-1][1] + 1)
        else:
            blocks.append((row, 1))
    return blocks


class _Command(QUndoCommand):
    """A change of one article's related headlines; a no-op once another article is loaded."""

    def __init__(self, model: RelatedModel, text: str) -> None:
        super().__init__(text)
        self.model = model
        self.generation = model.generation

    def _current(self) -> bool:
        if self.model.generation != self.generation:
            self.setObsolete(True)
            return False
        return True


class _MoveCommand(_Command):
    def __init__(
        self, model: RelatedModel, start: int, count: int, destination: int, text: str
    ) -> None:
        super().__init__(model, text)
        self.start, self.count, self.destination = start, count, destination

    def redo(self) -> None:
        if self._current():
            self.model._apply_move(self.start, self.count, self.destination)

    def undo(self) -> None:
        if not self._current():
            return
        at = self.destination if self.destination < self.start else self.destination - self.count
        back = self.start if self.start < at else self.start + self.count
        self.model._apply_move(at, self.count, back)


class _ReorderCommand(_Command):
    def __init__(self, model: RelatedModel, order: Sequence[int], text: str) -> None:
        super().__init__(model, text)
        self.order = list(order)

    def redo(self) -> None:
        if self._current():
            self.model._apply_order(self.order)

    def undo(self) -> None:
        if self._current():
            inverse = [0] * len(self.order)
            for new, old in enumerate(self.order):
                inverse[old] = new
            self.model._apply_order(inverse)


class _InsertCommand(_Command):
    def __init__(
        self, model: RelatedModel, row: int, entries: list[RelatedHeadline], text: str
    ) -> None:
        super().__init__(model, text)
        self.row, self.entries = row, entries

    def redo(self) -> None:
        if self._current():
            self.model._apply_insert(self.row, self.entries)

    def undo(self) -> None:
        if self._current():
            self.model._apply_remove(self.row, len(self.entries))


class _RemoveCommand(_Command):
    def __init__(self, model: RelatedModel, row: int, count: int, text: str) -> None:
        super().__init__(model, text)
        self.row, self.count = row, count
        self.removed: list[RelatedHeadline] = []

    def redo(self) -> None:
        if self._current():
            self.removed = self.model._apply_remove(self.row, self.count)

    def undo(self) -> None:
        if self._current():
            self.model._apply_insert(self.row, self.removed)


# --- the outside-story dialog ------------------------------------------------------


class ExternalRelatedDialog(QDialog):
    """Headline, subtitle and link of an outside story, checked like the JSON import."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add an outside story"))
        self.headline = QLineEdit(self)
        self.headline.setAccessibleName(self.tr("Headline of the outside story"))
        self.subtitle = QLineEdit(self)
        self.subtitle.setAccessibleName(self.tr("Subtitle of the outside story"))
        self.url = QLineEdit(self)
        self.url.setAccessibleName(self.tr("Link to the outside story"))
        self.url.setPlaceholderText("https://…")
        self.error = QLabel(self)
        self.error.setAccessibleName(self.tr("Problem"))
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Headline:"), self.headline)
        form.addRow(self.tr("&Subtitle:"), self.subtitle)
        form.addRow(self.tr("&Link:"), self.url)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        for field in (self.headline, self.subtitle, self.url):
            field.textEdited.connect(self.error.hide)

    def values(self) -> tuple[str, str, str]:
        return self.headline.text(), self.subtitle.text(), self.url.text()

    def accept(self) -> None:
        problem = external_related_problem(*self.values())
        if problem is not None:
            self.error.setText(problem)
            self.error.show()
            field = {"headline": self.headline, "subtitle": self.subtitle, "url": self.url}.get(
                problem.split(":", 1)[0]
            )
            if field is not None:
                field.setFocus()
            return
        super().accept()


# --- the pane ------------------------------------------------------------------------


class RelatedPane(QWidget):
    """The related headlines of the article being edited."""

    changed = Signal()

    def __init__(
        self, session: Session, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.undo_stack = undo_stack
        self._article: Article | None = None
        self._suggested: list[ArticleSummary] = []
        self._requests = {"lookup": 0, "search": 0, "suggest": 0}

        self.model = RelatedModel(undo_stack, self)
        self.model.edited.connect(self.changed)
        self.model.edited.connect(self._show_suggestions)
        self.model.edited.connect(self._update_buttons)
        self._build_list()
        self._build_search()
        self._build_suggestions()
        self._build_layout()
        self._update_buttons()

    def _build_list(self) -> None:
        self.view = QListView(self)
        self.view.setAccessibleName(self.tr("Related headlines"))
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.selectionModel().currentChanged.connect(self._update_buttons)

        self.status = QLabel(self)
        self.status.setAccessibleName(self.tr("Related headlines status"))
        self.status.setWordWrap(True)
        self.status.hide()

        self.add_external_action = self._action(
            "link", self.tr("Add &outside story…"), self.add_external
        )
        self.remove_action = self._action("remove", self.tr("&Remove"), self.remove_selected)
        self.remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.up_action = self._action("up", self.tr("Move &up"), lambda: self.move_selected(-1))
        self.up_action.setShortcut(QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Up))
        self.down_action = self._action(
            "down", self.tr("Move &down"), lambda: self.move_selected(1)
        )
        self.down_action.setShortcut(QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Down))
        for action in (self.remove_action, self.up_action, self.down_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.view.addAction(action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addAction(self.add_external_action)

    def _build_search(self) -> None:
        self.search_field = QLineEdit(self)
        self.search_field.setAccessibleName(self.tr("Search the newsroom for related articles"))
        self.search_field.setPlaceholderText(self.tr("Search articles to add…"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.results = QListWidget(self)
        self.results.setAccessibleName(self.tr("Articles found"))
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.add_button = QPushButton(icon("add"), self.tr("&Add selected"), self)
        self.add_button.setAccessibleName(self.tr("Add the selected articles"))
        self.add_button.setEnabled(False)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.search)
        self.search_field.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_field.returnPressed.connect(self.search)
        self.results.itemSelectionChanged.connect(
            lambda: self.add_button.setEnabled(bool(self.results.selectedItems()))
        )
        self.results.itemDoubleClicked.connect(lambda item: self._add_summaries([item]))
        self.add_button.clicked.connect(self.add_selected_results)

    def _build_suggestions(self) -> None:
        self.suggestions_label = QLabel(self.tr("Suggestions"), self)
        self.suggestions = QListWidget(self)
        self.suggestions.setAccessibleName(self.tr("Suggested related articles"))
        self.suggestions.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        for action in (
            self.add_external_action,
            self.remove_action,
            self.up_action,
            self.down_action,
        ):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Related headlines"), self)
        title.setBuddy(self.view)
        layout.addWidget(title)
        layout.addWidget(self.view, 3)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.search_field)
        layout.addWidget(self.results, 2)
        layout.addWidget(self.add_button)
        layout.addWidget(self.suggestions_label)
        layout.addWidget(self.suggestions, 2)

    def _action(self, icon_name: str, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(icon(icon_name), text, self)
        action.setToolTip(text.replace("&", "").rstrip("…"))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # --- the contract -----------------------------------------------------------

    def load(self, article: Article) -> None:
        """Show ``article``'s related headlines (not an edit: ``changed`` is not emitted)."""
        self._article = article
        self._show_error("")
        slugs = [entry.slug for entry in article.related if entry.is_internal]
        self._requests["lookup"] += 1
        if len(slugs) <= LOOKUP_ON_UI_THREAD:
            try:
                found = self.session.newsroom.lookup(slugs) if slugs else {}
            except NewsroomError as error:
                self.model.set_entries(article.related, looked_up=False)
                self._show_error(str(error))
            else:
                self.model.set_entries(article.related)
                self.model.set_found(found)
        else:
            self.model.set_entries(article.related, looked_up=False)
            self._lookup(slugs)
        self._suggested = []
        self._show_suggestions()
        self._update_buttons()
        self.refresh_suggestions()

    def related(self) -> tuple[RelatedHeadline, ...]:
        return self.model.entries()

    # --- lookups off the UI thread ----------------------------------------------

    def _lookup(self, slugs: Sequence[str]) -> None:
        request = self._requests["lookup"]
        newsroom = self.session.newsroom

        def done(found: dict[str, ArticleSummary]) -> None:
            if request == self._requests["lookup"]:
                self.model.set_found(found)

        self.session.tasks.read(lambda: newsroom.lookup(slugs), done=done, failed=self._failed)

    def refresh_suggestions(self) -> None:
        """Ask for similar articles again (off the UI thread)."""
        article = self._article
        if article is None:
            return
        self._requests["suggest"] += 1
        request = self._requests["suggest"]
        newsroom = self.session.newsroom

        def done(found: list[ArticleSummary]) -> None:
            if request == self._requests["suggest"]:
                self._suggested = found
                self._show_suggestions()

        self.session.tasks.read(
            lambda: similar_articles(newsroom, article, limit=SUGGESTIONS),
            done=done,
            failed=self._failed,
        )

    def search(self) -> None:
        """Search the newsroom for what the search field says (off the UI thread)."""
        self._search_timer.stop()
        text = self.search_field.text().strip()
        self._requests["search"] += 1
        request = self._requests["search"]
        if not text:
            self.results.clear()
            return
        newsroom = self.session.newsroom

        def done(hits: list[Any]) -> None:
            if request != self._requests["search"]:
                return
            self.results.clear()
            own = self._article.id if self._article is not None else None
            for hit in hits:
                if hit.article.id != own:
                    self.results.addItem(self._summary_item(hit.article))
            if not hits:
                self._show_error(self.tr("No article matches {text}").format(text=text))
            else:
                self._show_error("")

        def failed(error: BaseException) -> None:
            if request == self._requests["search"]:
                self.results.clear()
                self._failed(error)

        self.session.tasks.read(
            lambda: newsroom.search(text, limit=SEARCH_LIMIT), done=done, failed=failed
        )

    def _summary_item(self, summary: ArticleSummary) -> QListWidgetItem:
        text = summary.headline
        if not summary.status.is_public:
            text = self.tr("{headline} ({status})").format(
                headline=summary.headline, status=summary.status.value
            )
        item = QListWidgetItem(text)
        item.setData(SummaryRole, summary)
        item.setToolTip(summary.subtitle or summary.headline)
        return item

    # --- user actions -------------------------------------------------------------

    def add_selected_results(self) -> None:
        self._add_summaries(self.results.selectedItems())

    def _add_summaries(self, items: Sequence[QListWidgetItem]) -> None:
        self.add_articles([item.data(SummaryRole) for item in items])

    def add_articles(self, summaries: Sequence[ArticleSummary]) -> bool:
        """Add these articles as internal related headlines, at the end (one undo step)."""
        entries: list[RelatedHeadline] = []
        found: dict[str, ArticleSummary] = {}
        problems: list[str] = []
        for summary in summaries:
            entry = RelatedHeadline.internal(summary.slug)
            if self._article is not None and (
                summary.id == self._article.id or summary.slug == self._article.slug
            ):
                problems.append(self.tr("An article cannot be related to itself"))
            elif self.model.find(entry) >= 0 or entry in entries:
                problems.append(
                    self.tr("“{headline}” is already a related headline").format(
                        headline=summary.headline
                    )
                )
            else:
                entries.append(entry)
                found[summary.slug] = summary
        self._show_error(problems[0] if problems else "")
        if not entries:
            return False
        row = self.model.rowCount()
        self.model.insert_entries(row, entries, found)
        self.view.setCurrentIndex(self.model.index(row + len(entries) - 1))
        return True

    @classmethod
    def ask_external(cls, parent: QWidget) -> tuple[str, str, str] | None:
        """Ask for an outside story's headline, subtitle and link (None: cancelled)."""
        dialog = ExternalRelatedDialog(parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.values()
        finally:
            dialog.deleteLater()

    def add_external(self) -> bool:
        """Ask for an outside story and add it at the end."""
        answer = self.ask_external(self)
        if answer is None:
            return False
        try:
            entry = read_external_related(*answer)
        except ValidationError as error:
            self._show_error(str(error.problems[0]))
            return False
        if self.model.find(entry) >= 0:
            self._show_error(self.tr("That link is already a related headline"))
            return False
        self._show_error("")
        row = self.model.rowCount()
        self.model.insert_entries(row, [entry])
        self.view.setCurrentIndex(self.model.index(row))
        return True

    def remove_selected(self) -> bool:
        row = self.view.currentIndex().row()
        if row < 0:
            return False
        return self.model.remove_entries(row)

    def move_selected(self, step: int) -> bool:
        row = self.view.currentIndex().row()
        if row < 0 or not self.model.move_row(row, step):
            return False
        self.view.setCurrentIndex(self.model.index(row + step))
        return True

    # --- showing -------------------------------------------------------------------

    def _show_suggestions(self) -> None:
        self.suggestions.clear()
        shown = 0
        for summary in self._suggested:
            if self.model.find(RelatedHeadline.internal(summary.slug)) >= 0:
                continue
            item = QListWidgetItem(self.suggestions)
            item.setData(SummaryRole, summary)
            self.suggestions.setItemWidget(item, self._suggestion_row(summary))
            item.setSizeHint(self.suggestions.itemWidget(item).sizeHint())
            shown += 1
        self.suggestions_label.setVisible(shown > 0)
        self.suggestions.setVisible(shown > 0)

    def _suggestion_row(self, summary: ArticleSummary) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(4, 2, 4, 2)
        label = QLabel(summary.headline, row)
        label.setToolTip(summary.subtitle or summary.headline)
        label.setWordWrap(True)
        add = QToolButton(row)
        add.setIcon(icon("add"))
        add.setToolTip(self.tr("Add as a related headline"))
        add.setAccessibleName(self.tr("Add {headline}").format(headline=summary.headline))
        add.setObjectName(f"suggestion-add-{summary.id}")
        add.clicked.connect(lambda _checked=False, chosen=summary: self.add_articles([chosen]))
        layout.addWidget(label, 1)
        layout.addWidget(add)
        return row

    def suggestion_buttons(self) -> list[QToolButton]:
        """The one-click add buttons of the suggestions shown, in order."""
        buttons = []
        for index in range(self.suggestions.count()):
            widget = self.suggestions.itemWidget(self.suggestions.item(index))
            if widget is not None:
                buttons.extend(widget.findChildren(QToolButton))
        return buttons

    def _update_buttons(self, *_args: object) -> None:
        row = self.view.currentIndex().row()
        count = self.model.rowCount()
        self.remove_action.setEnabled(row >= 0)
        self.up_action.setEnabled(row > 0)
        self.down_action.setEnabled(0 <= row < count - 1)
        self.add_external_action.setEnabled(self._article is not None)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, NewsroomError):
            self._show_error(str(error))
        else:
            self._show_error(self.tr("Unexpected problem: {error}").format(error=error))

    def _show_error(self, message: str) -> None:
        self.status.setText(message.splitlines()[0] if message else "")
        self.status.setVisible(bool(message))
