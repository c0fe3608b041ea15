"""An article's revisions: who changed what when, each one readable, any one restorable.

Restoring goes through ``Newsroom.restore``: the old text comes back as a new
revision (nothing is overwritten), with the slug, status and publication
time the article has now.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from newsroom.article import Article, RevisionInfo
from ui.errors import one_line
from ui.session import Session

NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1


def revision_text(article: Article) -> str:
    """What a revision (or a recovery copy) says, as plain text to read or paste elsewhere:
    headline to body, quotes after."""
    parts = [article.headline, article.subtitle, article.lead, article.body]
    parts += [f"“{quote.text}” — {quote.speaker}".rstrip(" —") for quote in article.quotes]
    return "\n\n".join(part for part in parts if part.strip())


class HistoryDialog(QDialog):
    """The revisions of one article, newest first; ``restored`` with the article as restored."""

    restored = Signal(object)
    loaded = Signal()  # the list of revisions arrived
    shown = Signal(int)  # a revision's text is shown (its number)

    def __init__(self, session: Session, article_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._article_id = article_id
        self.article_id = article_id  # whose history this is
        self.setWindowTitle(self.tr("History — Newsroom"))
        self.revisions = QListWidget(self)
        self.revisions.setAccessibleName(self.tr("Revisions, newest first"))
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("The selected revision's text"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("&Restore this revision"), self)
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self._lay_out(buttons)
        self.revisions.currentItemChanged.connect(self._selected)
        self.resize(900, 560)
        self._load()

    def _lay_out(self, buttons: QDialogButtonBox) -> None:
        panes = QHBoxLayout()
        panes.addWidget(self.revisions, 2)
        panes.addWidget(self.text, 3)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.restore_button)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(panes, 1)
        layout.addLayout(bottom)

    def _load(self) -> None:
        newsroom, article_id = self._session.newsroom, self._article_id
        self._session.tasks.read(
            lambda: newsroom.history(article_id), done=self._show_list, failed=self._failed
        )

    def _show_list(self, revisions: list[RevisionInfo]) -> None:
        zone = self._session.newsroom.settings().tzinfo
        for revision in revisions:
            when = revision.created_at.astimezone(zone).strftime("%d %b %Y, %H:%M")
            line = self.tr("{number}. {when} · {author}\n{summary}").format(
                number=revision.number, when=when, author=revision.author,
                summary=revision.summary,
            )  # fmt: skip
            item = QListWidgetItem(line)
            item.setData(NUMBER_ROLE, revision.number)
            self.revisions.addItem(item)
        self.loaded.emit()
        if self.revisions.count():
            self.revisions.setCurrentRow(0)

    def select_revision(self, number: int) -> None:
        for row in range(self.revisions.count()):
            if self.revisions.item(row).data(NUMBER_ROLE) == number:
                self.revisions.setCurrentRow(row)
                return

    def selected_number(self) -> int | None:
        item = self.revisions.currentItem()
        return None if item is None else int(item.data(NUMBER_ROLE))

    def _selected(self, current: QListWidgetItem | None, _previous: object) -> None:
        number = self.selected_number()
        self.restore_button.setEnabled(number is not None and self.revisions.currentRow() > 0)
        if current is None or number is None:
            return
        newsroom, article_id = self._session.newsroom, self._article_id

        def shown(article: Article) -> None:
            if self.selected_number() == number:
                self.text.setPlainText(revision_text(article))
                self.shown.emit(number)

        self._session.tasks.read(
            lambda: newsroom.revision(article_id, number), done=shown, failed=self._failed
        )

    def restore_selected(self) -> None:
        number = self.selected_number()
        if number is None:
            return
        self.restore_button.setEnabled(False)
        newsroom, article_id = self._session.newsroom, self._article_id
        self._session.tasks.write(
            lambda: newsroom.restore(article_id, number), done=self._restored, failed=self._failed
        )

    def _restored(self, article: Article) -> None:
        self.restored.emit(article)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.message.setText(one_line(error))
