"""The newsroom's ingest folder, watched while the app is open.

Every ``POLL_MS`` the watch reads the ``ingest_folder`` setting and polls that
folder with ``newsroom.ingest.IngestFolder.poll`` (files taken once they stop
changing, moved to done/ or failed/, logged), as ``newsroom ingest --watch``
does. The poll imports, so it runs on the writer thread (``Tasks.write``),
never the UI thread, one at a time and at most ``FILES_PER_POLL`` files a
poll, so a full folder never holds the editor's saves for long. A changed
setting takes effect at the next poll. What arrived is said in one line;
the Incoming view itself follows through the change feed (``ui/live.py``).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from newsroom.errors import NewsroomError
from newsroom.ingest import LOG_NAME, IngestFolder, IngestResult
from newsroom.store import Newsroom
from ui.errors import one_line
from ui.session import Session
from ui.tasks import guarded

POLL_MS = 3000
FILES_PER_POLL = 20


@dataclass(frozen=True)
class PollReport:
    folder: str  # the ingest folder polled ("" when the setting names none)
    imported: int = 0  # articles made (a file may hold several wire items)
    failed: int = 0  # files moved to failed/
    problem: str = ""  # why the folder could not be polled


def arrived_message(report: PollReport) -> str:
    """``2 wire items in, 1 failed: see FOLDER/ingest.log``; "" when nothing happened."""
    if report.problem:
        return f"Ingest folder: {report.problem}"
    if not report.imported and not report.failed:
        return ""
    items = "1 wire item" if report.imported == 1 else f"{report.imported} wire items"
    text = f"{items} in"
    if report.failed:
        log = Path(report.folder) / LOG_NAME
        text += f", {report.failed} failed: see {log}"
    return text


class IngestWatch(QObject):
    """Polls the newsroom's ingest folder on the writer thread; ``reported`` says what came."""

    reported = Signal(str)  # one line for the status bar

    def __init__(self, session: Session, parent: QObject | None = None, *, interval: int = POLL_MS):
        super().__init__(parent)
        self._session = session
        self._folder: IngestFolder | None = None
        self._busy = False
        self._last_problem = ""
        self.timer = QTimer(self, interval=interval)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        if not self._session.newsroom.read_only:  # nothing could be imported there
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def poll(self) -> None:
        """One look at the folder, unless the last one is still at work."""
        if self._busy:
            return
        self._busy = True
        newsroom = self._session.newsroom
        self._session.tasks.write(
            lambda: self._poll(newsroom), done=guarded(self, self._done),
            failed=guarded(self, self._failed),
        )  # fmt: skip

    def _poll(self, newsroom: Newsroom) -> PollReport:
        """On the writer thread: follow the setting, then take what has arrived."""
        wanted = newsroom.settings().ingest_folder
        if not wanted:
            self._folder = None
            return PollReport("")
        if self._folder is None or str(self._folder.folder) != wanted:
            try:
                self._folder = IngestFolder(newsroom, Path(wanted))
            except NewsroomError as error:
                return PollReport(wanted, problem=str(error))
        results: list[IngestResult] = list(itertools.islice(self._folder.poll(), FILES_PER_POLL))
        if not Path(wanted).is_dir():
            self._folder = None  # gone: made again (and said) at the next poll
        return PollReport(
            wanted,
            imported=sum(len(result.articles) for result in results),
            failed=sum(1 for result in results if not result.ok),
        )

    def _done(self, report: PollReport) -> None:
        self._busy = False
        message = arrived_message(report)
        if report.problem and message == self._last_problem:
            return  # said once, not every few seconds
        self._last_problem = message if report.problem else ""
        if message:
            self.reported.emit(message)

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self.reported.emit(f"Ingest folder: {one_line(error)}")
