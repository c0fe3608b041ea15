"""Worker threads never call Qt: they hand their results to the UI thread (``ui.handoff``).

A worker that called Qt while holding the interpreter's lock (a signal's emit,
``QImage.loadFromData``) could deadlock against the UI thread destroying a
widget: a test run once hung for good that way. These tests watch every call
from C made on other threads while the app does the work it hands off (the
photo panel's and the library's thumbnails, an export's progress, live
updates, a plain read) and find none into PySide6 or shiboken6.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from newsroom.article import Article
from newsroom.demo import load_demo
from tests.ui.photos.support import open_library
from tests.ui.photos.test_panel import ChosenFile, photo_file
from tests.ui.test_export_dialog import dialog_into, open_dialog
from ui import handoff, tasks
from ui.live import ChangeFeed
from ui.session import Session

QT_MODULES = ("PySide6", "shiboken6")


def _qt_name(function: Any) -> str | None:
    """``function``'s name when it belongs to PySide6 or shiboken6, else None."""
    owner = getattr(function, "__self__", None)
    module = getattr(function, "__module__", None) or type(owner).__module__
    if isinstance(module, str) and module.startswith(QT_MODULES):
        return f"{module}.{getattr(function, '__qualname__', function)}"
    return None


class QtCallsOffTheUiThread:
    """Every call into Qt from C made on a thread other than the UI thread, by name."""

    def __init__(self) -> None:
        self.ui_thread = threading.get_ident()
        self.seen: list[str] = []
        self.watched_runs = 0

    def profile(self, frame: FrameType, event: str, arg: Any) -> None:
        if event == "c_call" and threading.get_ident() != self.ui_thread:
            name = _qt_name(arg)
            if name is not None:
                self.seen.append(f"{name} (from {frame.f_code.co_qualname})")

    def watched(self, run: Callable[[Any], None]) -> Callable[[Any], None]:
        """``run`` of a worker's job, with this watcher on the worker's thread."""

        def run_watched(job: Any) -> None:
            self.watched_runs += 1
            sys.setprofile(self.profile)
            try:
                run(job)
            finally:
                sys.setprofile(None)

        return run_watched


@pytest.fixture
def qt_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[QtCallsOffTheUiThread]:
    watcher = QtCallsOffTheUiThread()
    monkeypatch.setattr(tasks._Job, "run", watcher.watched(tasks._Job.run))
    threading.setprofile(watcher.profile)  # threads started from Python: the change feed's
    try:
        yield watcher
    finally:
        threading.setprofile(None)  # type: ignore[arg-type]
    assert watcher.watched_runs > 0  # the watch saw work, so "none" means none


def test_a_read_hands_its_result_over_without_calling_qt(
    qtbot: QtBot, session: Session, qt_calls: QtCallsOffTheUiThread
) -> None:
    results: list[int] = []
    session.tasks.read(session.newsroom.count, done=results.append)
    session.tasks.read(lambda: 1 / 0, failed=lambda error: results.append(-1))
    qtbot.waitUntil(lambda: len(results) == 2)
    assert sorted(results) == [-1, 0] and qt_calls.seen == []


def test_thumbnails_are_decoded_without_calling_qt(
    qtbot: QtBot, session: Session, tmp_path: Path, qt_calls: QtCallsOffTheUiThread
) -> None:
    panel = ChosenFile(session, QUndoStack())
    qtbot.addWidget(panel)
    panel.show()
    panel.load(None)
    ChosenFile.chosen = photo_file(tmp_path)
    with qtbot.waitSignal(panel.thumbnailShown, timeout=10_000):
        qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    assert not panel.thumbnail.pixmap().isNull()

    load_demo(session.newsroom)
    model = open_library(qtbot, session).browser.model
    qtbot.waitUntil(lambda: all(model.thumbnail(p.sha256) for p in model.photos()), timeout=20_000)
    assert qt_calls.seen == []


def test_an_export_reports_progress_without_calling_qt(
    qtbot: QtBot, session: Session, tmp_path: Path, qt_calls: QtCallsOffTheUiThread
) -> None:
    load_demo(session.newsroom)
    dialog = open_dialog(qtbot, dialog_into(tmp_path / "site"), session, [1])
    dialog.set_format("site")
    dialog.choose_folder()
    stages: list[str] = []
    dialog.progressed.connect(lambda stage, _done, _total: stages.append(stage))
    with qtbot.waitSignal(dialog.finished_export, timeout=60_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "pages" in stages and qt_calls.seen == []


def test_live_updates_arrive_without_the_watcher_calling_qt(
    qtbot: QtBot, session: Session, qt_calls: QtCallsOffTheUiThread
) -> None:
    feed = ChangeFeed(session.newsroom)
    feed.start()
    try:
        qtbot.waitUntil(feed.running)
        with qtbot.waitSignal(feed.changed, timeout=10_000):
            session.tasks.write(lambda: session.newsroom.create(Article(headline="Ferry resumes")))
    finally:
        feed.stop()
    assert qt_calls.seen == []


def test_calls_handed_over_together_all_run_in_order_even_when_one_fails(
    qtbot: QtBot, session: Session
) -> None:
    ran: list[int] = []

    def fail() -> None:
        ran.append(2)
        raise RuntimeError("a callback failed")

    worker = threading.Thread(
        target=lambda: [handoff.to_ui_thread(call) for call in (
            lambda: ran.append(1), fail, lambda: ran.append(3))]
    )  # fmt: skip
    with qtbot.captureExceptions() as raised:
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: len(ran) == 3)
    assert ran == [1, 2, 3]
    assert [str(error) for _kind, error, _trace in raised] == ["a callback failed"]
