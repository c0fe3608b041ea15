"""Live updates: other editors' work shows up without a refresh.

``ChangeFeed`` runs the newsroom's change watcher (``Newsroom.watch_changes``:
``PRAGMA data_version`` on SQLite, ``LISTEN`` on PostgreSQL) on a thread of
its own, because waiting for news blocks, and emits ``changed`` on the UI
thread (handed over by ``ui.handoff``: the thread never calls Qt). Changes
that come in a burst (an import, a save touching several tables) are merged
into one ``changed`` per ``MERGE_MS``; the panes then re-read in the
background and update in place.

The watcher sees this app's own writes too (they are commits like anyone
else's), so whatever the app saves also arrives here: harmless, as the
panes' re-reads are cheap and change nothing on screen when nothing differs.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from newsroom.errors import NewsroomError
from newsroom.storage.backend import ChangeWatcher
from newsroom.store import Newsroom
from ui.errors import one_line
from ui.handoff import listen, to_ui_thread
from ui.tasks import guarded

_log = logging.getLogger("newsroom.ui")
# How long the thread waits for news before checking whether it should stop.
WAIT_SECONDS = 0.25
# A burst of commits within this many milliseconds is one re-read.
MERGE_MS = 30


class ChangeFeed(QObject):
    """``changed`` (on the UI thread) whenever anyone commits a change to the newsroom."""

    changed = Signal()
    failed = Signal(str)  # the watcher could not start; the panes just stay as they are

    def __init__(self, newsroom: Newsroom, parent: QObject | None = None) -> None:
        super().__init__(parent)
        listen()
        self._newsroom = newsroom
        self._stop = threading.Event()
        self._merge = QTimer(self, singleShot=True, interval=MERGE_MS)
        self._merge.timeout.connect(self.changed)
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            # The thread is given plain callables: it never touches this QObject (ui.handoff).
            self._thread = threading.Thread(
                target=_watch,
                args=(self._newsroom, self._stop, guarded(self, self._heard),
                      guarded(self, self.failed.emit)),
                name="newsroom-changes", daemon=True,
            )  # fmt: skip
            self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        """Stop watching (within ``WAIT_SECONDS``); nothing is emitted after this."""
        self._stop.set()
        self._merge.stop()
        if self._thread is not None:
            self._thread.join(timeout)

    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _heard(self) -> None:
        if not self._stop.is_set():
            self._merge.start()


def _watch(
    newsroom: Newsroom, stop: threading.Event, heard: Callable[[], None],
    failed: Callable[[str], None],
) -> None:  # fmt: skip
    """The watcher thread: open a watcher, then wait for news until told to stop."""
    try:
        watcher = newsroom.watch_changes()
    except NewsroomError as error:
        to_ui_thread(failed, one_line(error))
        return
    try:
        _listen(watcher, stop, heard)
    finally:
        watcher.close()


def _listen(watcher: ChangeWatcher, stop: threading.Event, heard: Callable[[], None]) -> None:
    while not stop.is_set():
        try:
            news = watcher.wait(WAIT_SECONDS)
        except Exception as error:  # never let the thread die silently
            _log.error("watching for changes failed: %s", error, exc_info=error)
            stop.wait(WAIT_SECONDS)
            continue
        if news and not stop.is_set():
            to_ui_thread(heard)
