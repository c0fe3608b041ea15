"""Suggested related articles: each with why it is suggested and a one-click add.

The list follows the story as it is written: ``follow(article)`` after every
edit asks the core (``newsroom.suggest.suggest_related``) again once typing
pauses, off the UI thread. Edits arriving while a request runs are merged into
one more request when it ends (as the preview does), and nothing is asked when
the words searched and the related headlines are as before, so typing in the
body costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from newsroom.article import Article, ArticleSummary
from newsroom.suggest import Suggestion, similar_query, suggest_related
from ui.icons import icon
from ui.session import Session
from ui.tasks import guarded

SUGGESTIONS = 8
# Suggestions follow the text this long after the last keystroke.
PAUSE_MS = 700

# What a request depends on: the article, the words searched, the articles already related.
_Key = tuple[int | None, str, tuple[str, ...]]


def _key(article: Article) -> _Key:
    linked = tuple(entry.slug for entry in article.related if entry.is_internal)
    return article.id, similar_query(article), linked


class SuggestionList(QWidget):
    """The suggestions for the open article; ``chosen`` when one is added with its button."""

    chosen = Signal(object)  # ArticleSummary
    failed = Signal(object)  # BaseException

    def __init__(
        self,
        session: Session,
        is_related: Callable[[ArticleSummary], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._is_related = is_related
        self._latest: Article | None = None
        self._asked_for: _Key | None = None
        self._busy = False
        self._again = False
        self._generation = 0
        self._suggested: list[Suggestion] = []
        self.asked = 0  # requests made: how tests see requests merge
        self._timer = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._timer.timeout.connect(self._ask)

        self.title = QLabel(self.tr("Suggestions"), self)
        self._rows = QWidget()
        self._rows.setBackgroundRole(QPalette.ColorRole.Base)  # reads as a list, as the others
        self._rows.setAutoFillBackground(True)
        self._rows_layout = QVBoxLayout(self._rows)
        self._rows_layout.setContentsMargins(4, 2, 4, 2)
        self._rows_layout.addStretch(1)  # rows gather at the top
        self._shown: list[tuple[QWidget, QLabel, QToolButton]] = []
        self.area = QScrollArea(self)
        self.area.setWidgetResizable(True)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.setFrameShape(QFrame.Shape.StyledPanel)
        self.area.setWidget(self._rows)
        self.area.setAccessibleName(self.tr("Suggested related articles"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.area, 1)
        self.setVisible(False)

    # --- what the pane tells ----------------------------------------------------------

    def show_for(self, article: Article) -> None:
        """A newly opened article: ask at once; an answer for the one before is dropped."""
        self._generation += 1
        self._latest = article
        self._asked_for = None
        self._suggested = []
        self._timer.stop()
        self.refilter()
        self._ask()

    def follow(self, article: Article) -> None:
        """The open article as edited: asked again once typing pauses."""
        self._latest = article
        self._timer.start()

    def refilter(self) -> None:
        """Show the suggestions again, leaving out those related since."""
        self._clear_rows()
        for suggestion in self._suggested:
            if not self._is_related(suggestion.article):
                self._add_row(suggestion)
        self.setVisible(bool(self._shown))

    def idle(self) -> bool:
        """Nothing asked, waiting to be asked or to be asked again."""
        return not (self._busy or self._again or self._timer.isActive())

    def buttons(self) -> list[QToolButton]:
        """The one-click add buttons of the suggestions shown, in order."""
        return [button for _row, _reason, button in self._shown]

    def reasons(self) -> list[str]:
        """Why each suggestion shown is suggested, in order."""
        return [reason.text() for _row, reason, _button in self._shown]

    def reason_text(self, suggestion: Suggestion) -> str:
        """``shares: walrus, Arctic · tag: climate``."""
        parts = []
        if suggestion.shared_words:
            words = ", ".join(suggestion.shared_words)
            parts.append(self.tr("shares: {words}").format(words=words))
        if suggestion.shared_tags:
            tags = ", ".join(suggestion.shared_tags)
            text = (
                self.tr("tag: {tags}")
                if len(suggestion.shared_tags) == 1
                else self.tr("tags: {tags}")
            )
            parts.append(text.format(tags=tags))
        return " · ".join(parts) or self.tr("similar wording")

    # --- asking off the UI thread -------------------------------------------------------

    def _ask(self) -> None:
        article = self._latest
        if article is None:
            return
        key = _key(article)
        if key == self._asked_for:
            return  # the words searched and the related headlines are as before
        if self._busy:
            self._again = True  # one more request when this one ends, with the latest text
            return
        self._busy = True
        self._asked_for = key
        self.asked += 1
        newsroom = self._session.newsroom
        self._session.tasks.read(
            partial(suggest_related, newsroom, article, limit=SUGGESTIONS),
            done=guarded(self, partial(self._arrived, self._generation)),
            failed=guarded(self, partial(self._not_arrived, self._generation)),
        )

    def _arrived(self, generation: int, found: list[Suggestion]) -> None:
        self._busy = False
        if generation == self._generation:
            self._suggested = found
            self.refilter()
        self._ask_again()

    def _not_arrived(self, generation: int, error: BaseException) -> None:
        self._busy = False
        self._asked_for = None  # the next edit tries again
        if generation == self._generation:
            self.failed.emit(error)
        self._ask_again()

    def _ask_again(self) -> None:
        if self._again:
            self._again = False
            self._ask()

    # --- rows --------------------------------------------------------------------------

    def _clear_rows(self) -> None:
        for row, _reason, _button in self._shown:
            self._rows_layout.removeWidget(row)
            row.hide()
            row.deleteLater()  # later: its add button may be the one being clicked
        self._shown = []

    def _add_row(self, suggestion: Suggestion) -> None:
        summary = suggestion.article
        row = QWidget(self._rows)
        headline = QLabel(summary.headline, row)
        headline.setWordWrap(True)
        headline.setToolTip(summary.subtitle or summary.headline)
        reason = QLabel(self.reason_text(suggestion), row)
        reason.setWordWrap(True)
        reason.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # dimmer than the headline
        reason.setAccessibleName(
            self.tr("Why {headline} is suggested").format(headline=summary.headline)
        )
        add = QToolButton(row)
        add.setIcon(icon("add"))
        add.setToolTip(self.tr("Add as a related headline"))
        add.setAccessibleName(self.tr("Add {headline}").format(headline=summary.headline))
        add.setObjectName(f"suggestion-add-{summary.id}")
        add.clicked.connect(lambda _checked=False, chosen=summary: self.chosen.emit(chosen))
        grid = QGridLayout(row)
        grid.setContentsMargins(0, 2, 0, 2)
        grid.setVerticalSpacing(0)
        grid.setColumnStretch(0, 1)
        grid.addWidget(headline, 0, 0)
        grid.addWidget(reason, 1, 0)
        grid.addWidget(add, 0, 1, 2, 1, Qt.AlignmentFlag.AlignTop)
        self._rows_layout.insertWidget(len(self._shown), row)
        self._shown.append((row, reason, add))
