"""An article's related headlines as a Qt model, in page order.

``RelatedModel`` holds the entries; internal ones show the target article's
current headline and subtitle (looked up by slug, earlier slugs included),
outside ones the headline and subtitle typed for them and their link's
domain. The roles ``HeadlineRole``, ``SubtitleRole`` and ``DomainRole`` give
those parts to the delegate (and to tests) separately. Every structural edit — adding,
removing, moving by buttons, keys or drag-and-drop — is a ``QUndoCommand`` on
the stack the pane is given, so undo brings the order back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QUndoStack
from PySide6.QtWidgets import QApplication, QStyle

from newsroom.article import ArticleSummary, RelatedHeadline
from newsroom.text import link_domain
from ui.icons import icon
from ui.related.commands import (
    InsertCommand,
    MoveCommand,
    RemoveCommand,
    ReorderCommand,
    ReplaceCommand,
)

MIME_TYPE = "application/x-newsroom-related-rows"

ModelIndex = QModelIndex | QPersistentModelIndex

EntryRole = Qt.ItemDataRole.UserRole + 1
MissingRole = Qt.ItemDataRole.UserRole + 2
SummaryRole = Qt.ItemDataRole.UserRole + 3
HeadlineRole = Qt.ItemDataRole.UserRole + 4  # str: the first line
SubtitleRole = Qt.ItemDataRole.UserRole + 5  # str: the second line ("" when none)
DomainRole = Qt.ItemDataRole.UserRole + 6  # str: an outside story's site ("" for articles)
_TEXT_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        HeadlineRole,
        SubtitleRole,
        DomainRole,
    }
)


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
        if role in _TEXT_ROLES:
            return self._text(role, entry, found, missing)
        if role == Qt.ItemDataRole.DecorationRole:
            if missing:
                return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            return icon("link") if not entry.is_internal else None
        if role == Qt.ItemDataRole.FontRole and missing:
            font = QFont()
            font.setItalic(True)
            return font
        return {EntryRole: entry, MissingRole: missing, SummaryRole: found}.get(role)

    def _text(
        self, role: int, entry: RelatedHeadline, found: ArticleSummary | None, missing: bool
    ) -> str:
        headline, subtitle = self._lines(entry, found, missing)
        domain = "" if entry.is_internal else link_domain(entry.url)
        if role == HeadlineRole:
            return headline
        if role == SubtitleRole:
            return subtitle
        if role == DomainRole:
            return domain
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, found, missing)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            outside = self.tr("outside link to {domain}").format(domain=domain) if domain else ""
            return ", ".join(part for part in (headline, subtitle, outside) if part)
        return f"{headline}\n{subtitle}" if subtitle else headline  # DisplayRole

    def _lines(
        self, entry: RelatedHeadline, found: ArticleSummary | None, missing: bool
    ) -> tuple[str, str]:
        """Headline and subtitle, read the same way for articles and outside stories."""
        if not entry.is_internal:
            return entry.headline, entry.subtitle
        if found is not None:
            return found.headline, found.subtitle
        if missing:
            return self.tr("Missing article: {slug}").format(slug=entry.slug), ""
        return entry.slug, ""  # not looked up yet

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
        self.undo_stack.push(ReorderCommand(self, new_order, self.tr("Move related headlines")))
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
        self.undo_stack.push(MoveCommand(self, source_row, count, destination_child, text))
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
        self.undo_stack.push(InsertCommand(self, row, list(entries), text))

    def remove_entries(self, row: int, count: int = 1) -> bool:
        if row < 0 or count < 1 or row + count > len(self._entries):
            return False
        self.undo_stack.push(RemoveCommand(self, row, count, self.tr("Remove related headline")))
        return True

    def replace_entry(self, row: int, entry: RelatedHeadline) -> bool:
        """Change one entry in place (a quick fix), as one undo step."""
        if not 0 <= row < len(self._entries) or self._entries[row] == entry:
            return False
        self.undo_stack.push(ReplaceCommand(self, row, entry, self.tr("Fix related headline")))
        return True

    # The commands (commands.py) call these: nothing goes on the undo stack here.

    def apply_replace(self, row: int, entry: RelatedHeadline) -> RelatedHeadline:
        before = self._entries[row]
        self._entries[row] = entry
        self.dataChanged.emit(self.index(row), self.index(row))
        self.edited.emit()
        return before

    def apply_move(self, start: int, count: int, destination: int) -> None:
        self.beginMoveRows(QModelIndex(), start, start + count - 1, QModelIndex(), destination)
        block = self._entries[start : start + count]
        del self._entries[start : start + count]
        at = destination if destination < start else destination - count
        self._entries[at:at] = block
        self.endMoveRows()
        self.edited.emit()

    def apply_insert(self, row: int, entries: Sequence[RelatedHeadline]) -> None:
        self.beginInsertRows(QModelIndex(), row, row + len(entries) - 1)
        self._entries[row:row] = entries
        self.endInsertRows()
        self.edited.emit()

    def apply_remove(self, row: int, count: int) -> list[RelatedHeadline]:
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        removed = self._entries[row : row + count]
        del self._entries[row : row + count]
        self.endRemoveRows()
        self.edited.emit()
        return removed

    def apply_order(self, order: Sequence[int]) -> None:
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
