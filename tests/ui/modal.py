"""The test's hands on a modal dialog.

A modal dialog runs its own event loop, so a test works it from a timer that looks
for it. Each look belongs to its test: it gives up after a deadline (rejecting what it
waited for, so the test fails instead of hanging) and every look still pending is
stopped when the test ends (``stop_pending_looks``, an autouse fixture). A look that
rescheduled itself forever once outlived its test and ran in the next one, among
widgets already deleted.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

_pending: list[QTimer] = []


def when_modal(
    work: Callable[[QDialog], object],
    *,
    kind: type[QDialog] = QDialog,
    ready: Callable[[QDialog], bool] | None = None,
    every_ms: int = 20,
    give_up_s: float = 30.0,
) -> None:
    """Once a visible modal ``kind`` is up and ``ready``, call ``work`` with it, once."""
    deadline = time.monotonic() + give_up_s
    timer = QTimer()
    timer.setInterval(every_ms)

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        found = isinstance(dialog, kind) and dialog.isVisible()
        if found and (ready is None or ready(dialog)):  # type: ignore[arg-type]
            _stop(timer)
            _work_or_reject(work, dialog)  # type: ignore[arg-type]
        elif time.monotonic() > deadline:
            _stop(timer)
            if found:
                dialog.reject()  # type: ignore[union-attr]
            raise AssertionError(f"no ready {kind.__name__} within {give_up_s:g} s")

    timer.timeout.connect(look)
    _pending.append(timer)
    timer.start()


def stop_pending_looks() -> None:
    while _pending:
        _stop(_pending[-1])


def _work_or_reject(work: Callable[[QDialog], object], dialog: QDialog) -> None:
    try:
        work(dialog)
    except BaseException:
        if dialog.isVisible():
            dialog.reject()  # never leave a modal dialog open behind a failure
        raise


def _stop(timer: QTimer) -> None:
    timer.stop()
    if timer in _pending:
        _pending.remove(timer)
    timer.deleteLater()
