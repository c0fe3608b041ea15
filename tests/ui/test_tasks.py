"""Work runs off the UI thread and its result comes back on it."""

from __future__ import annotations

import gc
import threading

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from pytestqt.qtbot import QtBot

from ui.session import Session
from ui.tasks import Tasks


def test_a_read_runs_elsewhere_and_answers_on_the_ui_thread(qtbot: QtBot, session: Session) -> None:
    ui_thread = threading.get_ident()
    seen: dict[str, int] = {}

    def work() -> int:
        seen["work"] = threading.get_ident()
        return 42

    def done(value: int) -> None:
        seen["done"] = threading.get_ident()
        seen["value"] = value

    task = session.tasks.read(work, done=done)
    qtbot.waitUntil(lambda: "done" in seen)
    assert seen["work"] != ui_thread
    assert seen["done"] == ui_thread and seen["value"] == 42
    assert task is not None


def test_a_failure_comes_back_as_the_exception(qtbot: QtBot, session: Session) -> None:
    errors: list[BaseException] = []

    def work() -> None:
        raise ValueError("headline: too long")

    session.tasks.write(work, failed=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError) and str(errors[0]) == "headline: too long"


def test_writes_run_one_at_a_time_in_order(qtbot: QtBot, session: Session) -> None:
    order: list[int] = []
    for number in range(20):
        session.tasks.write(lambda number=number: order.append(number))
    assert session.tasks.wait()
    assert order == list(range(20))


def test_a_cancelled_task_delivers_nothing(qtbot: QtBot, session: Session) -> None:
    delivered: list[object] = []
    gate = threading.Event()
    task = session.tasks.read(gate.wait, done=delivered.append)
    task.cancel()
    gate.set()
    session.tasks.wait()
    qtbot.wait(50)
    assert delivered == []


def test_a_failure_without_a_handler_is_logged(
    qtbot: QtBot, session: Session, caplog: pytest.LogCaptureFixture
) -> None:
    def work() -> None:
        raise OSError("disk gone")

    with caplog.at_level("ERROR", logger="newsroom.ui"):
        session.tasks.read(work)
        qtbot.waitUntil(lambda: "disk gone" in caplog.text)


def test_a_callback_may_hold_the_last_reference_to_its_tasks(qtbot: QtBot, qapp: object) -> None:
    """A widget's callback keeps its session's Tasks alive; dropping the finished task frees both.

    Tasks used to own its tasks: freeing the Tasks from inside a task's own
    destruction deleted that task twice and crashed the app.
    """
    delivered: list[int] = []
    tasks = Tasks()

    def done(value: int, keep: Tasks = tasks) -> None:
        delivered.append(value)

    tasks.read(lambda: 7, done=done)
    destroyed: list[bool] = []
    tasks.destroyed.connect(lambda: destroyed.append(True))
    del tasks, done
    qtbot.waitUntil(lambda: delivered == [7])
    # The finished task is freed, and with it its callback and the Tasks it held.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    assert destroyed == [True]


def test_a_task_whose_tasks_is_gone_delivers_nothing(qtbot: QtBot, qapp: object) -> None:
    parent = QObject()
    tasks = Tasks(parent)
    delivered: list[object] = []
    gate = threading.Event()
    tasks.read(gate.wait, done=delivered.append)
    gate.set()
    tasks.wait()
    del parent  # deletes the Tasks with it, before the result reaches the UI thread
    QCoreApplication.sendPostedEvents()  # the result's queued signal arrives now
    assert delivered == []


def test_a_cancelled_read_still_waiting_for_a_thread_never_runs(
    qtbot: QtBot, session: Session
) -> None:
    release = threading.Event()
    ran: list[str] = []
    delivered: list[str] = []
    for _ in range(2):  # both read threads busy
        session.tasks.read(release.wait)
    waiting = session.tasks.read(lambda: ran.append("old"), done=lambda _: delivered.append("old"))
    newer = session.tasks.read(lambda: ran.append("new"), done=lambda _: delivered.append("new"))
    waiting.cancel()
    release.set()
    qtbot.waitUntil(lambda: delivered == ["new"])
    session.tasks.wait()
    qtbot.wait(50)
    assert ran == ["new"] and delivered == ["new"]
    assert newer.started and not waiting.started
