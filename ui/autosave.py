"""Never lose work: the open article's saving, autosave and crash-recovery journal.

``ArticleKeeper`` knows the article as last saved and whether the editor
holds more. Every edit restarts two timers: after ``JOURNAL_MS`` the
editor's content goes to the recovery journal (a small file outside the
newsroom, ``newsroom.recovery``), after ``AUTOSAVE_MS`` of quiet it is saved
to the newsroom on the writer thread. Switching articles and closing save
first. When a save fails (locked, read-only, disk full, a check), the text
stays in the editor and in the journal, and ``problem`` says why in one line
(a save refused because another editor holds the article is ``locked``).
While the window shows an article another editor holds (``set_read_only``)
nothing is saved or autosaved: the locks decide, not the timers.

Saves, loads and status changes all go through the one writer thread, in
the order they were asked for, so a load never overtakes the save before it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from newsroom.article import Article, Status
from newsroom.errors import ChecksFailedError, ConflictError, LockedError, UnreachableError
from newsroom.recovery import Journal
from ui.errors import one_line
from ui.session import Session

AUTOSAVE_MS = 2500
JOURNAL_MS = 400
RETRY_FIRST_MS = 2000
RETRY_MAX_MS = 30_000

# Fields the editor does not own: status and publication go through set_status,
# marks through the news feed, bookkeeping through storage.
KEPT_FROM_SAVED = ("id", "revision", "status", "published_at", "created_at", "updated_at", "mark")


def on_saved(edited: Article, saved: Article) -> Article:
    """The editor's content with ``saved``'s bookkeeping, and its slug when the editor has none."""
    kept = {name: getattr(saved, name) for name in KEPT_FROM_SAVED}
    return edited.with_changes(**kept, slug=edited.slug or saved.slug)


class _Base:
    """The open article's id, revision and slug as the writer thread last left them.

    Only work running on the writer thread changes it (loads and saves run
    there in order), so a save queued behind another always builds on the
    revision the one before it made, and never meets a conflict of its own.
    """

    def __init__(self) -> None:
        self.key = ""
        self.article: Article | None = None

    @property
    def id(self) -> int | None:
        return None if self.article is None else self.article.id

    def take(self, article: Article, key: str | None = None) -> None:
        if key is not None:
            self.key = key
        self.article = article

    def over(self, edited: Article) -> Article:
        """The editor's content on the newest saved bookkeeping (revision, status, mark…)."""
        assert self.article is not None
        return on_saved(edited, self.article)


class ArticleKeeper(QObject):
    """Saving for the article open in the window; ``current()`` gives what the editor holds."""

    saved = Signal(object)  # the Article as saved
    loaded = Signal(object)  # an Article to show (after a load or a restore)
    problem = Signal(str)  # one line: why the last save or load failed ("" once one succeeds)
    conflict = Signal(object)  # ConflictError: someone else saved the article meanwhile
    locked = Signal(object)  # LockedError: another editor holds the article's lock
    # Publishing (or correcting) refused while check errors stand and no override was given:
    # the ChecksFailedError, the status asked for and the publication time asked for.
    publishRefused = Signal(object, object, object)
    # The section as typed, and as stored: the newsroom's existing spelling of it.
    section_respelled = Signal(str, str)

    def __init__(
        self,
        session: Session,
        compose: Callable[[], Article],
        journal: Journal,
        *,
        input_problem: Callable[[], str] = lambda: "",
    ) -> None:
        """``input_problem()``: why what the editor holds cannot be saved as typed ("" if it
        can), such as a dateline date that is not a date; nothing is saved meanwhile."""
        super().__init__()
        self._session = session
        self._compose = compose
        self._input_problem = input_problem
        self.journal = journal
        self.saved_article: Article | None = None
        self._base = _Base()
        self._edits = 0  # edits made, counted, so a save knows whether more came after it
        self._queued_edits = 0
        self._saved_edits = 0
        self._draft_key = ""
        self.read_only = False  # another editor holds the article: no saving, no autosave
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_now)
        self._journal_timer = QTimer(self, singleShot=True, interval=JOURNAL_MS)
        self._journal_timer.timeout.connect(self._write_journal)
        # After the server was unreachable: the first retry soon, then less often.
        self._retry_first_ms = RETRY_FIRST_MS
        self._retry = QTimer(self, singleShot=True, interval=RETRY_FIRST_MS)
        self._retry.timeout.connect(self.save_now)

    def set_delays(
        self, *, autosave_ms: int, journal_ms: int, retry_ms: int = RETRY_FIRST_MS
    ) -> None:
        """How long typing must pause before a save and before a recovery copy, and how
        soon a save the server could not take is first tried again."""
        self._autosave.setInterval(autosave_ms)
        self._journal_timer.setInterval(journal_ms)
        self._retry_first_ms = retry_ms
        self._retry.setInterval(retry_ms)

    # --- state -----------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self._edits != self._saved_edits

    def current(self) -> Article:
        """What the editor holds, with the fields only storage and the toolbar change."""
        article = self._compose()
        return article if self.saved_article is None else on_saved(article, self.saved_article)

    # --- editing ---------------------------------------------------------

    def start(self, article: Article, *, edited: bool = False) -> None:
        """``article`` is now the open one (saved, or new when its id is None)."""
        self.saved_article = article if article.id is not None else None
        if article.id is not None:
            self._draft_key = f"article-{article.id}"
        else:
            self._draft_key = f"new-{datetime.now():%Y%m%d%H%M%S%f}"
        base, key = self._base, self._draft_key
        # On the writer thread, behind any save of the article open before.
        self._session.tasks.write(lambda: base.take(article, key))
        self._edits = self._queued_edits = self._saved_edits = 0
        self.loaded.emit(article)
        if edited:
            self.edited()

    def edited(self) -> None:
        self._edits += 1
        if not self.read_only:
            self._autosave.start()
        self._journal_timer.start()

    def set_read_only(self, read_only: bool) -> None:
        """Another editor holds the article (True): no save, no autosave, until it is ours."""
        self.read_only = read_only
        if read_only:
            self._autosave.stop()

    def keep_recovery_copy(self) -> str | None:
        """Put what the editor holds beyond the last save in the journal under a key of its
        own, which later edits never overwrite; returns that key (None: nothing unsaved).

        The article was taken over: the edits are no longer this window's to save, so
        the editor counts as saved, and closing does not ask.
        """
        self._journal_timer.stop()
        if not self.dirty:
            return None
        key = f"taken-over-{self._draft_key}-{datetime.now():%Y%m%d%H%M%S%f}"
        try:
            self.journal.record(key, self.current())
            self.journal.forget(self._draft_key)
        except OSError as error:  # the text stays in the editor, and the window unsaved
            message = self.tr("The recovery copy could not be written: {0}")
            self.problem.emit(message.format(one_line(error)))
            return None
        self._saved_edits = self._queued_edits = self._edits
        return key

    def _write_journal(self) -> None:
        if self.dirty:
            try:
                self.journal.record(self._draft_key, self.current())
            except OSError as error:
                message = self.tr("The recovery copy could not be written: {0}")
                self.problem.emit(message.format(one_line(error)))

    # --- saving ----------------------------------------------------------

    def save_now(self, *, force: bool = False) -> None:
        """Queue a save of what the editor holds on the writer thread, if anything is new."""
        self._autosave.stop()
        if self.read_only or self._edits in (self._saved_edits, self._queued_edits):
            return
        article = self.current()
        if not article.headline.strip():
            self.problem.emit(self.tr("Not saved yet: the article needs a headline."))
            return
        if problem := self._input_problem():
            self._write_journal()  # what was typed is kept, as typed, until it can be saved
            self.problem.emit(self.tr("Not saved: {0}").format(problem))
            return
        self._write_journal()
        self._queued_edits = edits = self._edits
        newsroom, base, key = self._session.newsroom, self._base, self._draft_key

        def work() -> Article:
            if base.id is None:
                saved = newsroom.create(article)
            else:
                saved = newsroom.save(base.over(article), force=force)
            base.take(saved)
            return saved

        self._session.tasks.write(
            work, done=lambda saved: self._saved(saved, edits, key, article.section),
            failed=self._failed,
        )  # fmt: skip

    def _saved(self, article: Article, edits: int, key: str, typed_section: str) -> None:
        self._retry.stop()
        self._retry.setInterval(self._retry_first_ms)
        if key != self._draft_key:
            self.journal.forget(key)
            return  # the window moved to another article meanwhile; that one was saved
        if article.section != typed_section:
            self.section_respelled.emit(typed_section, article.section)
        was_new = self.saved_article is None
        self.saved_article = article
        self._saved_edits = max(self._saved_edits, edits)
        if was_new:
            self.journal.forget(key)
            self._draft_key = f"article-{article.id}"
        if not self.dirty:
            self.journal.forget(self._draft_key)
        self.problem.emit("")
        self.saved.emit(article)

    def _failed(self, error: BaseException) -> None:
        self._queued_edits = self._saved_edits  # the next save_now tries again
        if isinstance(error, ConflictError):
            self.conflict.emit(error)
        elif isinstance(error, UnreachableError):
            self._retry_when_back()
        elif isinstance(error, LockedError):
            self._write_journal()  # the text stays, in the editor and in the journal
            self.locked.emit(error)
        else:
            self.problem.emit(self.tr("Not saved: {0}").format(one_line(error)))

    def _retry_when_back(self) -> None:
        """The server is away: keep the text (editor and recovery copy), try again, wait longer."""
        self._write_journal()
        seconds = max(1, round(self._retry.interval() / 1000))
        message = self.tr(
            "Not saved: the database server cannot be reached. Your text is kept here and in "
            "the recovery copy; trying again every {0} s."
        )
        self.problem.emit(message.format(seconds))
        self._retry.start()
        self._retry.setInterval(min(self._retry.interval() * 2, RETRY_MAX_MS))

    # --- loading and status ----------------------------------------------

    def open_article(self, article_id: int) -> None:
        """Save the open article if needed, then load another (in that order)."""
        self.save_now()
        newsroom, base = self._session.newsroom, self._base

        def work() -> Article:
            article = newsroom.get(article_id)
            base.take(article, f"article-{article.id}")
            return article

        self._session.tasks.write(work, done=self.start, failed=self._load_failed)

    def reload_saved(self) -> None:
        """Take the newsroom's copy again (their version, after a conflict), dropping edits."""
        if self.saved_article is not None and self.saved_article.id is not None:
            self.journal.forget(self._draft_key)
            self._edits = self._queued_edits = self._saved_edits
            self.open_article(self.saved_article.id)

    def set_status(
        self,
        status: Status,
        *,
        published_at: datetime | None = None,
        reason: str = "",
        override: str = "",
    ) -> None:
        """Save pending edits, then change the status (the core checks the transition).

        ``published_at``: the publication time (publishing; None is now); ``reason``:
        why, kept in the history (unpublishing needs one); ``override``: why publish
        despite check errors. The core refusing to publish over check errors is
        ``publishRefused``, not a failure."""
        self.save_now()
        saved = self.saved_article
        if saved is None or saved.id is None:
            message = self.tr("Save the article (give it a headline) before changing its status.")
            self.problem.emit(message)
            return
        newsroom, base, article_id = self._session.newsroom, self._base, saved.id

        def work() -> Article:
            changed = newsroom.set_status(
                article_id, status, published_at=published_at, reason=reason, override=override
            )
            base.take(changed)
            return changed

        def failed(error: BaseException) -> None:
            if isinstance(error, ChecksFailedError):
                self.publishRefused.emit(error, status, published_at)
            else:
                self._failed(error)

        self._session.tasks.write(work, done=self._status_changed, failed=failed)

    def set_mark(self, mark: str) -> None:
        """The "Updated" mark and its kin: saved with pending edits, in order."""
        saved = self.saved_article
        if saved is None or saved.id is None:
            return
        self.save_now()
        newsroom, base, article_id = self._session.newsroom, self._base, saved.id

        def work() -> Article:
            latest = newsroom.get(article_id)
            changed = newsroom.save(latest.with_changes(mark=mark))
            base.take(changed)
            return changed

        self._session.tasks.write(work, done=self._status_changed, failed=self._failed)

    def refresh_saved(self) -> None:
        """Someone saved the open article elsewhere (a mark in the news feed): build on that."""
        saved = self.saved_article
        if saved is None or saved.id is None:
            return
        newsroom, base, article_id = self._session.newsroom, self._base, saved.id

        def work() -> Article:
            latest = newsroom.get(article_id)
            base.take(latest)
            return latest

        self._session.tasks.write(work, done=self._status_changed, failed=self._failed)

    def _status_changed(self, article: Article) -> None:
        if self.saved_article is None or article.id != self.saved_article.id:
            return
        self.saved_article = article
        self.problem.emit("")
        self.saved.emit(article)

    def _load_failed(self, error: BaseException) -> None:
        self.problem.emit(one_line(error))

    def flush(self, msecs: int = 30_000) -> bool:
        """Save now and wait for the writer (closing the window). True when all is saved."""
        self.save_now()
        self._session.tasks.wait(msecs)
        QCoreApplication.processEvents()  # deliver the results waiting in the queue
        return not self.dirty
