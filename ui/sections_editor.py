"""Settings ▸ Sections: the newsroom's section list, in masthead order.

Add, Rename, Move up/down and Remove call the core's section API on the
writer thread, and apply at once (a rename changes every article in the
section, with a revision each: there is nothing to cancel afterwards).
"From articles" builds the list from the sections articles use. Removing
a section articles use asks which section they move to. Names are asked
with ``QInputDialog`` from ``ask_name``/``ask_target``, which tests may
answer from a timer or override.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from newsroom.sections import Section, SectionChange, SectionInUseError, SectionsAdded
from ui.errors import one_line
from ui.session import Session
from ui.tasks import guarded

NAME_ROLE = Qt.ItemDataRole.UserRole


class SectionsEditor(QGroupBox):
    """The section list with its buttons; ``sectionsChanged`` after every change saved."""

    sectionsChanged = Signal(list)  # the list now: list[Section]

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Sections"), parent)
        self._session = session
        self.sections: list[Section] = []
        self._busy = False
        self._build()
        self.reload()

    # --- overridable in tests ---------------------------------------------------------

    @classmethod
    def ask_name(cls, parent: QWidget, title: str, label: str, text: str = "") -> str | None:
        name, ok = QInputDialog.getText(parent, title, label, text=text)
        return name if ok else None

    @classmethod
    def ask_target(cls, parent: QWidget, message: str, names: list[str]) -> str | None:
        name, ok = QInputDialog.getItem(
            parent, parent.tr("Move the articles"), message, names, 0, False
        )
        return name if ok else None

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Sections, in masthead order"))
        self.add_button = self._button(self.tr("Add…"), self.add)
        self.rename_button = self._button(self.tr("Rename…"), self.rename)
        self.up_button = self._button(self.tr("Move up"), partial(self.move_by, -1))
        self.down_button = self._button(self.tr("Move down"), partial(self.move_by, +1))
        self.remove_button = self._button(self.tr("Remove…"), self.remove)
        self.from_articles_button = self._button(self.tr("From articles"), self.from_articles)
        self.from_articles_button.setToolTip(
            self.tr("List every section the articles use, keeping each section's page")
        )
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setAccessibleName(self.tr("Sections note"))
        buttons = QVBoxLayout()
        for button in (
            self.add_button, self.rename_button, self.up_button, self.down_button,
            self.remove_button, self.from_articles_button,
        ):  # fmt: skip
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        column = QVBoxLayout(self)
        column.addLayout(row)
        column.addWidget(self.note)
        self.list.currentRowChanged.connect(self._update_enabled)
        self.list.setMinimumHeight(self.list.fontMetrics().lineSpacing() * 8)

    def _button(self, text: str, action: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(lambda _checked=False: action())  # "checked" is not an argument
        return button

    # --- the list -------------------------------------------------------------------------

    def reload(self) -> None:
        newsroom = self._session.newsroom
        self._session.tasks.read(
            newsroom.section_list,
            done=guarded(self, self._show),
            failed=guarded(self, self._failed),
        )

    def _show(self, sections: list[Section]) -> None:
        current = self.current_name()
        self.sections = sections
        self.list.clear()
        for section in sections:
            item = QListWidgetItem(section.name, self.list)
            item.setData(NAME_ROLE, section.name)
            earlier = ", ".join(section.aliases)
            item.setToolTip(
                self.tr("Page: section/{0}.html").format(section.slug)
                + (self.tr("; earlier: {0}").format(earlier) if earlier else "")
            )
        names = [section.name for section in sections]
        if current in names:
            self.list.setCurrentRow(names.index(current))
        if not sections:
            self.note.setText(
                self.tr(
                    "No list: sections are free text. Add sections, or take them from the articles."
                )
            )
        self._update_enabled()

    def current_name(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(NAME_ROLE))

    def select(self, name: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(NAME_ROLE) == name:
                self.list.setCurrentRow(row)

    def _update_enabled(self) -> None:
        writable = not self._busy and not self._session.newsroom.read_only
        row = self.list.currentRow()
        chosen = writable and row >= 0
        self.add_button.setEnabled(writable)
        self.from_articles_button.setEnabled(writable)
        self.rename_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
        self.up_button.setEnabled(chosen and row > 0)
        self.down_button.setEnabled(chosen and row < self.list.count() - 1)

    # --- actions ------------------------------------------------------------------------------

    def add(self) -> None:
        name = type(self).ask_name(self, self.tr("Add a section"), self.tr("Section name:"))
        if name is not None and name.strip():
            newsroom = self._session.newsroom
            added = name.strip()
            note = self.tr("Added “{0}”.").format(added)
            self._write(partial(newsroom.add_section, name), note, added)

    def rename(self) -> None:
        old = self.current_name()
        if old is None:
            return
        label = self.tr("New name (its articles are renamed too):")
        new = type(self).ask_name(self, self.tr("Rename “{0}”").format(old), label, old)
        if new is None or new.strip() in ("", old):
            return
        newsroom = self._session.newsroom
        self._write(partial(newsroom.rename_section, old, new), self._renamed_note, new.strip())

    def move_by(self, step: int) -> None:
        name = self.current_name()
        if name is None:
            return
        place = self.list.currentRow() + 1 + step
        newsroom = self._session.newsroom
        self._write(partial(newsroom.move_section, name, place), "", name)

    def remove(self, to: str | None = None) -> None:
        name = self.current_name()
        if name is None:
            return
        newsroom = self._session.newsroom
        note = self.tr("Removed “{0}”.").format(name)
        if to is not None:
            note = self.tr("Removed “{0}”; its articles and page moved to “{1}”.").format(name, to)
        self._write(partial(newsroom.remove_section, name, to=to), note, to, self._remove_failed)

    def from_articles(self) -> None:
        newsroom = self._session.newsroom
        self._write(newsroom.add_sections_from_articles, self._from_articles_note)

    # --- writing ------------------------------------------------------------------------------

    def _write(
        self,
        work: Callable[[], Any],
        note: str | Callable[[Any], str],
        select: str | None = None,
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._busy = True
        self._update_enabled()
        self.note.clear()

        def done(result: Any) -> None:
            self._busy = False
            self.note.setText(note(result) if callable(note) else note)
            self._session.tasks.read(
                self._session.newsroom.section_list,
                done=guarded(self, partial(self._changed, select)),
            )

        self._session.tasks.write(
            work, done=guarded(self, done), failed=guarded(self, failed or self._failed)
        )

    def _changed(self, select: str | None, sections: list[Section]) -> None:
        self._show(sections)
        if select is not None:
            self.select(select)
        self.sectionsChanged.emit(sections)

    def _renamed_note(self, change: SectionChange) -> str:
        now = change.section.name if change.section is not None else ""
        return self.tr("Renamed “{0}” to “{1}”: {2} changed.").format(
            change.previous.name, now, _articles(change.articles)
        )

    def _from_articles_note(self, result: SectionsAdded) -> str:
        if not result.added:
            return self.tr("Every section the articles use is on the list.")
        added = len(result.added)
        if added == 1:
            return self.tr("Added 1 section from the articles.")
        return self.tr("Added {0} sections from the articles.").format(added)

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self._update_enabled()
        self.note.setText(one_line(error))

    def _remove_failed(self, error: BaseException) -> None:
        """Articles use the section: ask where they go, then remove it with them."""
        if not isinstance(error, SectionInUseError):
            self._failed(error)
            return
        self._busy = False
        self._update_enabled()
        others = [section.name for section in self.sections if section.name != error.name]
        if not others:
            self.note.setText(
                self.tr("“{0}” is used by {1}; add another section to move them to.")
                .format(error.name, _articles(error.count))
            )  # fmt: skip
            return
        message = self.tr("{0} in “{1}”. Move them, and its page, to:").format(
            _articles(error.count).capitalize(), error.name
        )
        target = type(self).ask_target(self, message, others)
        if target is not None:
            self.remove(to=target)


def _articles(count: int) -> str:
    return "1 article" if count == 1 else f"{count:,} articles"
