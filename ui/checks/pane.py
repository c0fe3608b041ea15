"""The Checks tab: the open article's findings, kept up to date as the editor types.

The main window tells the pane of every article opened (``load``) and every
edit (``article_changed``); the ``Checker`` asks the core off the UI thread
once typing pauses. Each answer fills the list (``FindingsModel``) and marks
the fields (``ArticleFields``: wavy underlines, quick fixes). Clicking a
finding goes to its words; the button under the list, the row's context menu
and the field's own context menu offer its quick fix. ``counted(findings,
errors)`` follows every answer (the tab's title, the Publish action).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from newsroom.article import Article
from newsroom.checks import Finding, Severity
from ui.checks.actions import fix_text
from ui.checks.checker import Checker
from ui.checks.delegate import FindingDelegate
from ui.checks.fields import ArticleFields
from ui.checks.model import FindingsModel
from ui.errors import one_line
from ui.session import Session


class ChecksPane(QWidget):
    """The findings of the article being edited."""

    counted = Signal(int, int)  # all findings, errors among them

    def __init__(self, session: Session, fields: ArticleFields, parent: QWidget | None = None):
        super().__init__(parent)
        self.fields = fields
        self.model = FindingsModel(self)
        self.checker = Checker(session, self)
        self.checker.checked.connect(self._checked)
        self.checker.failed.connect(self._failed)
        fields.fixRefused.connect(self._fix_refused)
        fields.actions.add_word = self.add_to_dictionary
        self._session = session
        self._build()
        self._update_fix_button()

    def _build(self) -> None:
        self.summary = QLabel(self.tr("Checking…"), self)
        self.summary.setAccessibleName(self.tr("Checks summary"))
        self.summary.setWordWrap(True)
        self.view = QListView(self)
        self.view.setAccessibleName(self.tr("Check findings"))
        self.view.setModel(self.model)
        self.view.setItemDelegate(FindingDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setWordWrap(True)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._row_menu)
        self.view.clicked.connect(self.go_to)
        self.view.activated.connect(self.go_to)
        self.view.selectionModel().currentChanged.connect(self._update_fix_button)
        self.summary.setBuddy(self.view)
        self.fix_button = QPushButton(self.tr("Quick fix"), self)
        self.fix_button.setAccessibleName(self.tr("Quick fix of the selected finding"))
        self.fix_button.clicked.connect(self.fix_current)
        self.status = QLabel(self)
        self.status.setAccessibleName(self.tr("Checks status"))
        self.status.setWordWrap(True)
        self.status.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.fix_button)
        layout.addWidget(self.status)

    def focus_target(self) -> QWidget:
        """What gets the keyboard when the window goes to this pane."""
        return self.view

    # --- the contract -------------------------------------------------------------------

    def load(self, article: Article) -> None:
        """Another article opened (as the editor shows it): checked at once."""
        self.model.clear()
        self.fields.clear()
        self._say("")
        self.summary.setText(self.tr("Checking…"))
        self._update_fix_button()
        self.checker.start(article)
        self.counted.emit(0, 0)

    def article_changed(self, article: Article) -> None:
        """The open article as edited: checked again once typing pauses."""
        self.checker.follow(article)

    def recheck(self) -> None:
        """Check again now (the settings or the newsroom's words changed)."""
        self.checker.check_now()

    def idle(self) -> bool:
        return self.checker.idle()

    def findings(self) -> list[Finding]:
        return self.model.findings()

    # --- user actions ------------------------------------------------------------------

    def go_to(self, index: QModelIndex) -> None:
        finding = self.model.finding(index)
        if finding is not None:
            self.fields.go_to(finding)

    def current_finding(self) -> Finding | None:
        return self.model.finding(self.view.currentIndex())

    def fix_current(self) -> bool:
        finding = self.current_finding()
        return finding is not None and self.fields.apply_fix(finding)

    def _row_menu(self, point: QPoint) -> None:
        menu = self.row_menu(self.view.indexAt(point))
        if menu is not None:
            menu.exec(self.view.viewport().mapToGlobal(point))
            menu.deleteLater()

    def row_menu(self, index: QModelIndex) -> QMenu | None:
        """A row's menu: its quick fix and the rule family's actions, then "Go to"."""
        finding = self.model.finding(index)
        if finding is None:
            return None
        menu = QMenu(self)
        mark = next((m for m in self.fields.marks() if m.finding is finding), None)
        words = mark.words if mark is not None else ""
        for action in self.fields.actions.for_finding(finding, words, menu):
            menu.addAction(action)
        if menu.actions():
            menu.addSeparator()
        go = menu.addAction(self.tr("Go to the finding"))
        go.triggered.connect(lambda _checked=False: self.fields.go_to(finding))
        return menu

    # --- answers ------------------------------------------------------------------------

    def _checked(self, findings: list[Finding], article: Article) -> None:
        changed = self.model.set_findings(findings, article)
        self.fields.show(findings, article)
        self._say("")
        if changed or self.summary.text() == self.tr("Checking…"):
            self._summarise()
        self._update_fix_button()

    def _summarise(self) -> None:
        errors = self.model.count(Severity.ERROR)
        warnings = self.model.count(Severity.WARNING)
        notes = self.model.count(Severity.INFO)
        if not self.model.rowCount():
            self.summary.setText(self.tr("No findings: nothing a copy editor would flag."))
        else:
            counts = (
                (errors, self.tr("1 error"), self.tr("{0} errors")),
                (warnings, self.tr("1 warning"), self.tr("{0} warnings")),
                (notes, self.tr("1 note"), self.tr("{0} notes")),
            )
            text = ", ".join(
                (one if number == 1 else many.format(number))
                for number, one, many in counts
                if number
            )
            if errors:
                text += self.tr(" — errors stop publishing")
            self.summary.setText(text)
        self.counted.emit(self.model.rowCount(), errors)

    def _update_fix_button(self, *_: object) -> None:
        finding = self.current_finding()
        mark = next((m for m in self.fields.marks() if m.finding is finding), None)
        label = fix_text(finding, mark.words if mark else "") if finding is not None else ""
        self.fix_button.setText(label or self.tr("Quick fix"))
        self.fix_button.setEnabled(
            bool(label) and finding is not None and self.fields.can_fix(finding)
        )

    def add_to_dictionary(self, word: str) -> None:
        """Put ``word`` in the newsroom's dictionary (on the writer thread), then check again."""
        newsroom = self._session.newsroom

        def added(_: list[str]) -> None:
            self._say(self.tr("“{0}” is in the newsroom's dictionary now.").format(word))
            self.checker.check_now()

        self._session.tasks.write(lambda: newsroom.add_words([word]), added, self._failed)

    def _fix_refused(self, _finding: Finding) -> None:
        self._say(self.tr("The text changed since it was checked: checking again."))
        self.checker.check_now()

    def _failed(self, error: BaseException) -> None:
        self._say(self.tr("Could not check: {0}").format(one_line(error)))

    def _say(self, message: str) -> None:
        self.status.setText(message)
        self.status.setVisible(bool(message))
