"""The editor's language field: the article's language, or the newsroom's when left empty.

An editable combo box: "Newsroom's language (English)" first (the empty tag,
which follows the newsroom's setting), then ``newsroom.language.COMMON``. Any
other well-formed BCP 47 tag may be typed (``az-Arab``, ``pt-BR``); a name on
the list ("Русский") or its tag ("ru") picks that item. ``tag()`` is what the
field shows as a tag, ``problem()`` why what is typed is not one.

A choice is made when an item is picked or when typing ends (Return, or the
field left) on a well-formed tag: ``chosen(before, after)`` is emitted, so the
editor can make it one undo step. ``show_tag`` sets the field from code
(loading an article, an undo) and emits nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from newsroom.language import COMMON, language_problem, normalize

NEWSROOMS = ""  # the tag of "the newsroom's language"


class LanguageField(QComboBox):
    """The article's language: picked from the common ones, or a tag typed."""

    chosen = Signal(str, str)  # the tag before, the tag chosen ("" is the newsroom's)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setAccessibleName(self.tr("Language"))
        self.setToolTip(
            self.tr("The article's language (a BCP 47 tag such as ar, ru or en-GB); it sets the "
                    "text direction, the dateline's words and the page's language")
        )  # fmt: skip
        self._chosen = NEWSROOMS
        self.addItem(self._newsrooms_label("en"), NEWSROOMS)
        for code, name in COMMON.items():
            self.addItem(f"{name} ({code})", code)
        line = self.lineEdit()
        assert line is not None  # editable: it has one
        line.setAccessibleName(self.tr("Language tag"))
        line.editingFinished.connect(self._choose)
        self.activated.connect(self._choose)

    # --- what the editor calls ------------------------------------------------------

    def set_newsroom_language(self, tag: str) -> None:
        """Name the newsroom's language in the first item (it follows the settings)."""
        showing = self.currentIndex() == 0 and self.currentText() == self.itemText(0)
        with QSignalBlocker(self):
            self.setItemText(0, self._newsrooms_label(tag))
            if showing:
                self.setCurrentIndex(0)
                self.setEditText(self.itemText(0))

    def show_tag(self, tag: str) -> None:
        """Show ``tag`` as the chosen language, emitting nothing (not a user's change)."""
        self._chosen = tag
        row = self.findData(tag)
        with QSignalBlocker(self):
            if row >= 0:
                self.setCurrentIndex(row)
                self.setEditText(self.itemText(row))
            else:
                self.setCurrentIndex(-1)
                self.setEditText(tag)
        line = self.lineEdit()
        if line is not None:
            line.setCursorPosition(0)

    def tag(self) -> str:
        """The tag the field shows (normalized), or the last one chosen while it shows none."""
        tag, problem = self.read(self.currentText())
        return self._chosen if problem else tag

    def problem(self) -> str:
        """Why the text in the field is not a language tag ("" when it is one)."""
        return self.read(self.currentText())[1]

    def read(self, text: str) -> tuple[str, str]:
        """(tag, problem) for ``text``: an item's label or name, a tag, "" (the newsroom's)."""
        text = text.strip()
        if not text:
            return NEWSROOMS, ""
        folded = text.casefold()
        for row in range(self.count()):
            if self.itemText(row).casefold() == folded:
                return str(self.itemData(row)), ""
        for code, name in COMMON.items():
            if name.casefold() == folded:
                return code, ""
        problem = language_problem(text)
        return ("", problem) if problem else (normalize(text), "")

    # --- reacting ---------------------------------------------------------------------

    def _choose(self) -> None:
        tag, problem = self.read(self.currentText())
        if problem:
            return  # the editor says why; nothing changes until it is a tag
        if tag != self._chosen:
            before = self._chosen
            self.show_tag(tag)
            self.chosen.emit(before, tag)
        elif self.findData(tag) >= 0 and self.currentText() != self.itemText(self.findData(tag)):
            self.show_tag(tag)  # "ar" typed again: show it as the list names it

    def _newsrooms_label(self, tag: str) -> str:
        return self.tr("Newsroom's language ({0})").format(COMMON.get(tag, tag))
