"""Checking the open article as it is written, off the UI thread.

``start(article)`` (another article opened) asks at once; ``follow(article)``
(an edit) asks once typing pauses for ``PAUSE_MS``. The core's
``Newsroom.findings`` (settings and related targets read afresh, then every
rule) runs on the read pool. Edits arriving while a check runs are merged
into one more check when it ends, with the latest text; an answer for a
text edited since it was asked is dropped (its spans would point at the
wrong words), and the check that follows brings the current one.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal

from newsroom.article import Article
from newsroom.checks import Finding
from ui.session import Session
from ui.tasks import guarded

PAUSE_MS = 400  # findings follow the text this long after the last keystroke


class Checker(QObject):
    """Asks the core for the open article's findings; ``checked`` with each fresh answer."""

    checked = Signal(object, object)  # list[Finding], the Article they were found in
    failed = Signal(object)  # BaseException

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._latest: Article | None = None
        self._edits = 0  # every article shown or edit counts one: an answer names its own
        self._busy = False
        self._again = False
        self.following = True  # False: edits are not checked (bench/app.py's "checks off")
        self.asked = 0  # checks started: how tests see requests merge
        self._timer = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._timer.timeout.connect(self.check_now)

    def start(self, article: Article) -> None:
        """A newly opened article: checked at once; answers for what was open before drop."""
        self._latest = article
        self._edits += 1
        self._timer.stop()
        self.check_now()

    def follow(self, article: Article) -> None:
        """The open article as edited: checked once typing pauses."""
        self._latest = article
        self._edits += 1
        if self.following:
            self._timer.start()

    def check_now(self) -> None:
        """Check the latest text now (settings changed), or right after the check running."""
        self._timer.stop()
        article = self._latest
        if article is None:
            return
        if self._busy:
            self._again = True
            return
        self._busy = True
        self.asked += 1
        newsroom = self._session.newsroom
        self._session.tasks.read(
            partial(newsroom.findings, article),
            done=guarded(self, partial(self._arrived, self._edits, article)),
            failed=guarded(self, partial(self._not_arrived, self._edits)),
        )

    def idle(self) -> bool:
        """Nothing running, waiting to run or to run again."""
        return not (self._busy or self._again or self._timer.isActive())

    def _arrived(self, edits: int, article: Article, findings: list[Finding]) -> None:
        self._busy = False
        if edits == self._edits:
            self.checked.emit(findings, article)
        self._ask_again()

    def _not_arrived(self, edits: int, error: BaseException) -> None:
        self._busy = False
        if edits == self._edits:
            self.failed.emit(error)
        self._ask_again()

    def _ask_again(self) -> None:
        if self._again:
            self._again = False
            self.check_now()
