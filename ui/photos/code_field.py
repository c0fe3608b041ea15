"""A line edit that replaces a finished ``=code=`` with its text as you type."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from newsroom.editorial import code_replacement
from newsroom.photos import codes as code_table
from ui.text_fields import LineField


class CodeField(LineField):
    """Caption or credit: a finished ``=code=`` becomes its text (one undo step of its own);
    what is typed undoes a word at a time (``LineField``).

    ``codes`` gives the code table as it stands now; ``checked`` is emitted after
    every edit and expansion, so the owner can flag codes that are unknown.
    """

    checked = Signal()

    def __init__(self, codes: Callable[[], Mapping[str, str]], parent: QWidget) -> None:
        super().__init__(parent)
        self._codes = codes
        self._replacing = False
        self.textEdited.connect(self._edited)
        self.editingFinished.connect(self._finish)

    def _edited(self, text: str) -> None:
        if self._replacing:
            return
        position = self.cursorPosition()
        found = code_replacement(text, position, self._codes())
        if found is not None:
            self._replacing = True
            try:
                self.setSelection(found.start, found.end - found.start)
                self.insert(found.text)  # an edit of its own: Ctrl+Z brings the code back
                self.setCursorPosition(found.start + len(found.text) + (position - found.end))
            finally:
                self._replacing = False
        self.checked.emit()

    def _finish(self) -> None:
        """Leaving the field expands a code typed last (nothing followed it)."""
        text = self.text()
        expanded = code_table.expand(text, self._codes())
        if expanded != text:
            self._replacing = True
            try:
                self.selectAll()
                self.insert(expanded)
            finally:
                self._replacing = False
            self.checked.emit()
