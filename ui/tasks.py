"""Work off the UI thread: reads on a small pool, writes one at a time.

Everything that touches the newsroom file, renders a page or decodes a photo
can take longer than a frame (16 ms), so widgets hand it to ``Tasks`` and get
the result back on the UI thread:

    session.tasks.read(lambda: newsroom.search(text), done=self.show_hits, failed=self.show_error)

``read`` and ``write`` are generic over the work's result (``Task[T]``, as
Anki's ``QueryOp[T]``): mypy checks that ``done`` takes what ``work`` returns.

``write`` runs on one dedicated thread, so saves reach SQLite in the order
the editor made them and never queue on each other's lock (as Anki does with
its collection). Callbacks run on the UI thread, after the work, handed over
by ``ui.handoff`` (a worker must never call Qt: see there); a task whose owner
is gone delivers nothing.

Work in Python on a worker (the checks, a page render) holds the interpreter's
lock, which the UI thread needs for every keystroke it handles in Python; by
default a waiting thread gets it back after 5 ms, several times a keystroke.
``Tasks`` shortens that to ``SWITCH_INTERVAL_S``: with the Checks tab checking
a 10,000-word story while it is typed, the longest stall went from 14–20 ms to
11–13 ms, as with the checks off (``bench/app.py``).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Generic, ParamSpec, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from ui.handoff import listen, to_ui_thread

T = TypeVar("T")
P = ParamSpec("P")
Failed = Callable[[BaseException], None]


_log = logging.getLogger("newsroom.ui")
SWITCH_INTERVAL_S = 0.001  # how soon a thread waiting for the interpreter's lock gets it


def guarded(owner: QObject, callback: Callable[P, None]) -> Callable[P, None]:
    """``callback``, skipped once ``owner`` is gone (a task may finish after its window closed)."""

    def call(*args: P.args, **kwargs: P.kwargs) -> None:
        if shiboken6.isValid(owner):
            callback(*args, **kwargs)

    return call


def _log_failure(error: BaseException) -> None:
    _log.error("background work failed: %s", error, exc_info=error)


class Task(QObject, Generic[T]):
    """One piece of work; ``done`` (with its ``T``) or ``failed`` is emitted on the UI thread.

    A task belongs to the application object, not to its ``Tasks``: its callbacks
    may hold the last reference to the ``Tasks`` (through a widget and its
    session), and a ``Tasks`` deleted while one of its own children is being
    destroyed would delete that child twice. It delivers nothing once its
    ``Tasks`` is gone.
    """

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[], T], owner: QObject) -> None:
        super().__init__(QCoreApplication.instance())
        self._owner = owner
        self.job = _Job(work, self._deliver)
        self.cancelled = False
        self._withdraw: Callable[[], bool] = lambda: False  # out of its pool's queue

    @property
    def started(self) -> bool:
        return self.job.started

    def cancel(self) -> None:
        """Deliver nothing; work still waiting for a thread never runs (begun work runs on)."""
        self.cancelled = True
        # Once begun, its runnable is the pool's to delete: only a waiting one is asked for.
        if not self.started and self._withdraw():
            self.deleteLater()  # nothing will come back to deliver

    def _deliver(self, ok: bool, value: object) -> None:
        if not self.cancelled and shiboken6.isValid(self._owner):
            (self.done if ok else self.failed).emit(value)
        self.deleteLater()


class _Job:
    """A task's worker side: plain Python, so the worker thread touches no Qt object."""

    __slots__ = ("deliver", "started", "work")

    def __init__(self, work: Callable[[], object], deliver: Callable[[bool, object], None]) -> None:
        self.work = work
        self.deliver = deliver
        self.started = False

    def run(self) -> None:
        """Called on a worker thread."""
        self.started = True
        try:
            value = self.work()
        except BaseException as error:  # every failure goes back to the UI
            to_ui_thread(self.deliver, False, error)
        else:
            to_ui_thread(self.deliver, True, value)


class _Runnable(QRunnable):
    def __init__(self, job: _Job) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job.run()


class Tasks(QObject):
    """The app's worker threads: ``read`` for queries and rendering, ``write`` for saves."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        listen()
        sys.setswitchinterval(SWITCH_INTERVAL_S)  # the UI thread waits less for workers
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(2)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)

    def read(self, work: Callable[[], T], done: Callable[[T], None] | None = None,
             failed: Failed | None = None) -> Task[T]:  # fmt: skip
        """Run ``work`` on the read pool; ``done(result)`` or ``failed(error)`` on the UI thread."""
        return self._start(self._reads, work, done, failed)

    def write(self, work: Callable[[], T], done: Callable[[T], None] | None = None,
              failed: Failed | None = None) -> Task[T]:  # fmt: skip
        """Run ``work`` on the one writer thread, after every write asked before it."""
        return self._start(self._writes, work, done, failed)

    def _start(self, pool: QThreadPool, work: Callable[[], T], done: Callable[[T], None] | None,
               failed: Failed | None) -> Task[T]:  # fmt: skip
        task = Task(work, self)
        if done is not None:
            task.done.connect(done)
        # A failure nobody asked to hear about is still never silent.
        task.failed.connect(failed if failed is not None else _log_failure)
        runnable = _Runnable(task.job)
        task._withdraw = lambda: pool.tryTake(runnable)
        pool.start(runnable)
        return task

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every task has run (closing the window, tests). True when all did."""
        return self._writes.waitForDone(msecs) and self._reads.waitForDone(msecs)

    def idle(self) -> bool:
        return self._reads.activeThreadCount() == 0 and self._writes.activeThreadCount() == 0
