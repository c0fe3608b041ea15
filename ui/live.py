"""Live updates: other editors' work shows up without a refresh.

``ChangeFeed`` runs the newsroom's change watcher (``Newsroom.watch_changes``:
``PRAGMA data_version`` on SQLite, ``LISTEN`` on PostgreSQL) on a thread of
its own, because waiting for news blocks, and emits ``changed`` on the UI
thread. Changes that come in a burst (an import, a save touching several
tables) are merged into one ``changed`` per ``MERGE_MS``; the panes then
re-read in the background and update in place.

The watcher sees this app's own writes too (they are commits like anyone
else's), so whatever the app saves also arrives here: harmless, as the
panes' re-reads are cheap and change nothing on screen when nothing differs.
"""

from __future__ import annotations

import logging
import threading

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

from newsroom.errors import NewsroomError
from newsroom.storage.backend import ChangeWatcher
from newsroom.store import Newsroom
from ui.errors import one_line

_log = logging.getLogger("newsroom.ui")
# How long the thread waits for news before checking whether it should stop.
WAIT_SECONDS = 0.25
# A burst of commits within this many milliseconds is one re-read.
MERGE_MS = 30


class _Relay(QObject):
    """Lives on the UI thread; the watcher thread's signals arrive here queued."""

    heard = Signal()
    failed = Signal(str)


class ChangeFeed(QObject):
    """``changed`` (on the UI thread) whenever anyone commits a change to the newsroom."""

    changed = Signal()
    failed = Signal(str)  # the watcher could not start; the panes just stay as they are

    def __init__(self, newsroom: Newsroom, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._newsroom = newsroom
        self._stop = threading.Event()
        self._relay = _Relay(self)
        self._merge = QTimer(self, singleShot=True, interval=MERGE_MS)
        self._merge.timeout.connect(self.changed)
        self._relay.heard.connect(self._merge.start)
        self._relay.failed.connect(self.failed)
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._watch, name="newsroom-changes", daemon=True
            )
            self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        """Stop watching (within ``WAIT_SECONDS``); nothing is emitted after this."""
        self._stop.set()
        self._merge.stop()
        if self._thread is not None:
            self._thread.join(timeout)

    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _watch(self) -> None:
        """The watcher thread: open a watcher, then wait for news until told to stop."""
        try:
            watcher = self._newsroom.watch_changes()
        except NewsroomError as error:
            self._send(self._relay.failed, one_line(error))
            return
        try:
            self._listen(watcher)
        finally:
            watcher.close()

    def _listen(self, watcher: ChangeWatcher) -> None:
        while not self._stop.is_set():
            try:
                heard = watcher.wait(WAIT_SECONDS)
            except Exception as error:  # never let the thread die silently
                _log.error("watching for changes failed: %s", error, exc_info=error)
                self._stop.wait(WAIT_SECONDS)
                continue
            if heard and not self._stop.is_set():
                self._send(self._relay.heard)

    def _send(self, signal: SignalInstance, *args: object) -> None:
        # The window (and this relay with it) may be gone before the thread notices.
        if shiboken6.isValid(self._relay):
            signal.emit(*args)
