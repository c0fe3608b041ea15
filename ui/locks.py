"""The open article's lock, as the window shows it: taken, refused, taken over, kept alive.

``ArticleLocks`` follows the article the window shows: opening one takes its
lock and lets go of the one before, on the writer thread (after any save of
the article left behind). A heartbeat every ``HEARTBEAT_SECONDS`` keeps the
locks alive and finds out when someone took the open article over; while the
window shows an article another editor holds, the same beat tries the lock
again, so the article turns editable once its holder lets go. The rules
(who may write, what a take-over records) are the core's (newsroom/storage/locks.py);
this module only asks and reports:

- ``refused(LockedError)``: another live session holds the article;
- ``held(article_id)``: the lock is this window's (after opening or taking over);
- ``lost(Lock)``: someone took the article over from this window.

``LockBanner`` is the strip above the editor that says who holds the article,
with "Take over" and, after a take-over, ways back to the text typed here.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, tzinfo

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from newsroom.article import Article, RevisionInfo
from newsroom.checks import Severity
from newsroom.errors import LockedError
from newsroom.storage.locks import HEARTBEAT_SECONDS, Lock
from newsroom.store import Newsroom
from ui.checks.look import severity_colour, wash
from ui.history import revision_text
from ui.session import Session
from ui.tasks import guarded

_log = logging.getLogger("newsroom.ui")
BAR_WIDTH = 4  # the banner's amber edge, in pixels


def shown_time(moment: datetime, zone: tzinfo, now: datetime | None = None) -> str:
    """A lock's moment as the core words it: "10:47" today, else with its date."""
    local = moment.astimezone(zone)
    today = (now or datetime.now(UTC)).astimezone(zone).date()
    return local.strftime("%H:%M" if local.date() == today else "%Y-%m-%d %H:%M")


def reclaim_after_crash(newsroom: Newsroom, article_id: int) -> None:
    """Take back the article's lock from this editor's own crashed app (same name, same
    machine: drafts survive only a crash), so restoring its text is not refused for a
    minute; another editor's lock is left alone. On the writer thread."""
    lock = newsroom.lock_of(article_id)
    if lock is None or newsroom.holds(lock):
        return
    if lock.holder == newsroom.author and lock.machine == newsroom.machine:
        newsroom.take_over(article_id)


class ArticleLocks(QObject):
    """Takes, keeps and lets go of the lock on the article the window shows."""

    refused = Signal(object)  # LockedError: another editor holds the article
    held = Signal(int)  # the article's lock is ours
    lost = Signal(object)  # Lock: another editor took the article over from us

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.article_id: int | None = None  # the article the window shows
        self.held_id: int | None = None  # its lock, once ours
        self._reported: int | None = None  # the article whose holder the window was told of
        self._refusal = ""  # ... and what it was told
        self._held_since = datetime.now(UTC)  # when the lock we hold became ours
        self.heartbeat = QTimer(self, interval=HEARTBEAT_SECONDS * 1000)
        self.heartbeat.timeout.connect(self.beat)
        self.heartbeat.start()

    def follow(self, article_id: int | None) -> None:
        """The window shows ``article_id`` now (None: a new article): lock it, free the last."""
        if article_id == self.article_id and article_id == self.held_id:
            return
        if article_id != self.article_id:
            self._reported = None
        previous, self.article_id, self.held_id = self.article_id, article_id, None
        newsroom = self._session.newsroom

        def work() -> Lock | None:
            if previous is not None and previous != article_id:
                newsroom.unlock(previous)  # another's lock is left alone
            return None if article_id is None else newsroom.lock(article_id)

        self._session.tasks.write(
            work, done=guarded(self, lambda _: self._taken(article_id)),
            failed=guarded(self, lambda error: self._refused(article_id, error)),
        )  # fmt: skip

    def take_over(self, author: str | None = None) -> None:
        """Take the shown article's lock from whoever holds it (the core records it)."""
        article_id, newsroom = self.article_id, self._session.newsroom
        if article_id is None:
            return
        self._session.tasks.write(
            lambda: newsroom.take_over(article_id, author=author),
            done=guarded(self, lambda _: self._taken(article_id)),
            failed=guarded(self, lambda error: self._refused(article_id, error)),
        )  # fmt: skip

    def release(self) -> None:
        """Let go of the shown article's lock and stop the heartbeat (the window closes)."""
        self.heartbeat.stop()
        article_id, newsroom = self.article_id, self._session.newsroom
        self.article_id = self.held_id = None
        if article_id is not None:
            self._session.tasks.write(lambda: newsroom.unlock(article_id))

    def beat(self) -> None:
        """Refresh our locks; find a take-over; try again for an article another held."""
        newsroom = self._session.newsroom
        self._session.tasks.write(
            newsroom.heartbeat, done=guarded(self, self._beaten), failed=_log_beat_failure
        )
        if self.article_id is not None and self.held_id != self.article_id:
            self.follow(self.article_id)  # its holder may have let go

    def check(self) -> None:
        """Something was committed somewhere: is the article we hold still ours?

        A read, not a beat: a heartbeat is a write, which would be announced
        as a change in turn. A take-over is then seen within the change feed's
        second, not the next beat's fifteen.
        """
        article_id = self.held_id
        if article_id is None:
            return
        newsroom = self._session.newsroom
        self._session.tasks.read(
            lambda: newsroom.lock_of(article_id),
            done=guarded(self, lambda lock: self._checked(article_id, lock)),
            failed=_log_beat_failure,
        )

    def _checked(self, article_id: int, lock: Lock | None) -> None:
        if self.held_id != article_id or (lock is not None and self._session.newsroom.holds(lock)):
            return  # still ours
        self.held_id = None
        self._gone(article_id, lock)

    def refused_elsewhere(self) -> None:
        """A save was refused for the lock: it is not ours (the beats try for it again)."""
        self.held_id = None
        self._reported = self.article_id

    def _beaten(self, still_held: set[int]) -> None:
        if self.held_id is not None and self.held_id not in still_held:
            self.check()  # the beat found it gone: who has it now, if anyone

    def _gone(self, article_id: int, lock: Lock | None) -> None:
        if article_id != self.article_id:
            return  # the window moved on meanwhile
        if lock is not None and not self._session.newsroom.holds(lock):
            self._reported = article_id
            self.lost.emit(lock)
            return
        # No lock, or ours again: lapsed, or taken over and let go (a command that ended).
        newsroom, since = self._session.newsroom, self._held_since
        self._session.tasks.read(
            lambda: newsroom.taken_from_me(article_id, since=since),
            done=guarded(self, lambda taken: self._lapsed_or_taken(article_id, taken)),
            failed=_log_beat_failure,
        )

    def _lapsed_or_taken(self, article_id: int, taken: RevisionInfo | None) -> None:
        if article_id != self.article_id:
            return
        if taken is None:
            self.follow(article_id)  # lapsed, not taken: take it again
            return
        self._reported = article_id
        moment = taken.created_at
        self.lost.emit(Lock(article_id, "", taken.author, "", "", moment, moment))

    def _taken(self, article_id: int | None) -> None:
        if article_id is None or article_id != self.article_id:
            return
        already = self.held_id == article_id
        if not already:
            self._held_since = datetime.now(UTC)
        self.held_id, self._reported = article_id, None
        if not already:
            self.held.emit(article_id)

    def _refused(self, article_id: int | None, error: BaseException) -> None:
        if article_id != self.article_id:
            return
        if isinstance(error, LockedError):
            # Said once; a beat's retry speaks again only when the lock changed hands.
            if self._reported != article_id or self._refusal != error.message:
                self._reported, self._refusal = article_id, error.message
                self.refused.emit(error)
        else:
            _log.warning("the article's lock could not be taken: %s", error)


def _log_beat_failure(error: BaseException) -> None:
    # The server away for a moment: the next beat tries again, and locks last four beats.
    _log.warning("lock heartbeat failed: %s", error)


class LockBanner(QFrame):
    """Above the editor: who holds the article, and what this editor can do about it."""

    takeOverRequested = Signal()
    copyRequested = Signal()
    showCopyRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock-banner")
        self.setAccessibleName(self.tr("Article lock"))
        self.message = QLabel(self)
        self.message.setObjectName("lock-message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bold = self.message.font()
        bold.setBold(True)
        self.message.setFont(bold)
        self.take_over_button = QPushButton(self.tr("Take over…"), self)
        self.copy_button = QPushButton(self.tr("Copy my text"), self)
        self.copy_button.setToolTip(self.tr("Your unsaved text, to paste elsewhere"))
        self.show_copy_button = QPushButton(self.tr("Open my recovery copy"), self)
        self.take_over_button.clicked.connect(self.takeOverRequested)
        self.copy_button.clicked.connect(self.copyRequested)
        self.show_copy_button.clicked.connect(self.showCopyRequested)
        row = QHBoxLayout(self)
        row.setContentsMargins(12 + BAR_WIDTH, 8, 12, 8)
        row.addWidget(self.message, 1)
        for button in (self.copy_button, self.show_copy_button, self.take_over_button):
            row.addWidget(button)
        self.hide()

    def show_holder(self, message: str, *, recovery: bool) -> None:
        """Who holds the article, with "Take over"; ``recovery``: text typed here was kept
        in the recovery journal, and the banner offers it back."""
        self.message.setText(message)
        self.copy_button.setVisible(recovery)
        self.show_copy_button.setVisible(recovery)
        self.show()

    def paintEvent(self, event: QPaintEvent) -> None:
        """The warning's amber, washed over the window's own colour, with a bar at the left:
        the palette's own text stays legible on it, light or dark."""
        palette = self.palette()
        amber = severity_colour(Severity.WARNING, palette)
        painter = QPainter(self)
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
        painter.fillRect(self.rect(), wash(amber))
        painter.fillRect(0, 0, BAR_WIDTH, self.height(), amber)
        painter.end()
        super().paintEvent(event)


class RecoveryCopyDialog(QDialog):
    """The text kept when the article was taken over: to read, select and copy."""

    def __init__(self, article: Article, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Your recovery copy — {0}").format(article.headline))
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setPlainText(revision_text(article))
        self.text.setAccessibleName(self.tr("Your unsaved text"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton(self.tr("Copy all"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text.toPlainText()))
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(QLabel(self.tr("What you typed before the article was taken over:"), self))
        column.addWidget(self.text, 1)
        column.addWidget(buttons)
        self.resize(640, 480)
