"""The editor's section field: picks from the newsroom's section list when it keeps one.

An editable combo box. Its items are the listed sections in masthead order,
or, in a newsroom without a list, the sections in use (as before lists).
With a list, a name typed that is not on it (case, accents and spacing
aside: the save spells those as listed) asks, once the field is left,
whether to add it to the list; "Keep as typed" saves it as it is, and the
check rule flags it until it is listed. The question is a window-modal
message box opened without blocking (``open``), so typing goes on behind
it and tests answer it from a timer.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QMessageBox, QWidget

from newsroom.sections import Section, same_as
from newsroom.store import Newsroom
from ui.errors import one_line
from ui.session import Session
from ui.tasks import guarded


def _choices(newsroom: Newsroom) -> tuple[list[str], list[str]]:
    """(the listed names in masthead order, the sections in use): one read off the UI thread."""
    return [section.name for section in newsroom.section_list()], newsroom.sections()


class SectionField(QComboBox):
    """Section: the list's names to pick from; a new one typed asks to join the list."""

    sectionAdded = Signal(object)  # the Section put on the list from here
    problem = Signal(str)  # one line: why adding failed

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.listed: list[str] = []
        self._typed = False
        self.question: QMessageBox | None = None
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setAccessibleName(self.tr("Section"))
        line = self.lineEdit()
        assert line is not None  # editable: it has one
        line.textEdited.connect(self._typing)
        line.editingFinished.connect(self._left)
        self.activated.connect(self._picked)

    def reload(self) -> None:
        """Read the section list (or the sections in use) again, off the UI thread."""
        newsroom = self._session.newsroom
        self._session.tasks.read(
            partial(_choices, newsroom), done=guarded(self, self._fill),
            failed=guarded(self, self._failed),
        )  # fmt: skip

    def _fill(self, choices: tuple[list[str], list[str]]) -> None:
        listed, in_use = choices
        self.listed = listed
        current = self.currentText()
        with QSignalBlocker(self):
            self.clear()
            self.addItems(listed or in_use)
            self.setEditText(current)

    # --- a name typed that is not on the list ---------------------------------------------

    def _typing(self) -> None:
        self._typed = True

    def _picked(self) -> None:
        self._typed = False  # picked from the list: nothing to ask

    def _left(self) -> None:
        """The field is left (or Return pressed): ask about a typed name the list lacks."""
        if not self._typed:
            return
        self._typed = False
        name = self.currentText().strip()
        if not name or not self.listed or self._session.newsroom.read_only:
            return
        if same_as(name, self.listed) is None:
            self.ask_to_add(name)

    def ask_to_add(self, name: str) -> None:
        """Ask, without blocking, whether ``name`` joins the newsroom's list."""
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("New section"),
            self.tr("Add section “{0}” to the newsroom's list?").format(name),
            QMessageBox.StandardButton.NoButton, self,
        )  # fmt: skip
        box.setInformativeText(
            self.tr(
                "Kept as typed, the article is saved with it, and the checks flag it "
                "until it is on the list."
            )
        )
        add = box.addButton(self.tr("Add"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Keep as typed"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(add)
        box.finished.connect(lambda _result: self._answered(box, name, box.clickedButton() is add))
        self.question = box
        box.open()

    def _answered(self, box: QMessageBox, name: str, add: bool) -> None:
        if self.question is box:
            self.question = None
        box.deleteLater()
        if not add:
            return
        newsroom = self._session.newsroom
        self._session.tasks.write(
            partial(newsroom.add_section, name), done=guarded(self, self._added),
            failed=guarded(self, self._failed),
        )  # fmt: skip

    def _added(self, section: Section) -> None:
        self.sectionAdded.emit(section)
        self.reload()

    def _failed(self, error: BaseException) -> None:
        self.problem.emit(one_line(error))
