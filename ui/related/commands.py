"""The undoable changes of an article's related headlines (``RelatedModel`` pushes them)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from newsroom.article import RelatedHeadline

if TYPE_CHECKING:
    from ui.related.model import RelatedModel


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


class MoveCommand(_Command):
    def __init__(
        self, model: RelatedModel, start: int, count: int, destination: int, text: str
    ) -> None:
        super().__init__(model, text)
        self.start, self.count, self.destination = start, count, destination

    def redo(self) -> None:
        if self._current():
            self.model.apply_move(self.start, self.count, self.destination)

    def undo(self) -> None:
        if not self._current():
            return
        at = self.destination if self.destination < self.start else self.destination - self.count
        back = self.start if self.start < at else self.start + self.count
        self.model.apply_move(at, self.count, back)


class ReorderCommand(_Command):
    def __init__(self, model: RelatedModel, order: Sequence[int], text: str) -> None:
        super().__init__(model, text)
        self.order = list(order)

    def redo(self) -> None:
        if self._current():
            self.model.apply_order(self.order)

    def undo(self) -> None:
        if self._current():
            inverse = [0] * len(self.order)
            for new, old in enumerate(self.order):
                inverse[old] = new
            self.model.apply_order(inverse)


class InsertCommand(_Command):
    def __init__(
        self, model: RelatedModel, row: int, entries: list[RelatedHeadline], text: str
    ) -> None:
        super().__init__(model, text)
        self.row, self.entries = row, entries

    def redo(self) -> None:
        if self._current():
            self.model.apply_insert(self.row, self.entries)

    def undo(self) -> None:
        if self._current():
            self.model.apply_remove(self.row, len(self.entries))


class RemoveCommand(_Command):
    def __init__(self, model: RelatedModel, row: int, count: int, text: str) -> None:
        super().__init__(model, text)
        self.row, self.count = row, count
        self.removed: list[RelatedHeadline] = []

    def redo(self) -> None:
        if self._current():
            self.removed = self.model.apply_remove(self.row, self.count)

    def undo(self) -> None:
        if self._current():
            self.model.apply_insert(self.row, self.removed)


class ReplaceCommand(_Command):
    """One entry changed in place (a quick fix of its link)."""

    def __init__(self, model: RelatedModel, row: int, entry: RelatedHeadline, text: str) -> None:
        super().__init__(model, text)
        self.row, self.entry = row, entry
        self.before: RelatedHeadline | None = None

    def redo(self) -> None:
        if self._current():
            self.before = self.model.apply_replace(self.row, self.entry)

    def undo(self) -> None:
        if self._current() and self.before is not None:
            self.model.apply_replace(self.row, self.before)
