"""Work runs off the UI thread and its result comes back on it."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from ui.session import Session


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
