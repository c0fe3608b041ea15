"""Python's cyclic garbage is collected on the UI thread only.

CPython collects cycles in whichever thread happens to allocate. When that is a
worker (loading sample articles, reading photos) and the garbage holds a widget of a
closed window or dialog, Qt destroys the widget off the UI thread, and the process may
crash: once, a segfault while the first start loaded its sample articles. So automatic
collection is turned off and a timer on the UI thread collects instead, each
generation when its threshold has been passed, as CPython itself would. A full
collection (64 ms with the sample newsroom open) runs at most every
``FULL_COLLECTION_EVERY_S``: CPython's own brake on them, the ratio of new to
long-lived objects, is not visible from Python.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, QTimer

COLLECT_EVERY_MS = 250
FULL_COLLECTION_EVERY_S = 10.0
OLDEST = 2


class UiThreadCollector(QObject):
    """Owned by the application; ``install`` makes (at most) one."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName("ui-thread-collector")
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(COLLECT_EVERY_MS)
        self.timer.timeout.connect(self.collect_due)
        self.timer.start()
        self.last_full = time.monotonic()

    def collect_due(self) -> int:
        """Collect the oldest generation whose threshold is passed; the objects freed."""
        due = _generation_due()
        if due == OLDEST and time.monotonic() - self.last_full < FULL_COLLECTION_EVERY_S:
            due = OLDEST - 1
        if due == OLDEST:
            self.last_full = time.monotonic()
        return 0 if due is None else gc.collect(due)


def _generation_due() -> int | None:
    counts, thresholds = gc.get_count(), gc.get_threshold()
    due = None
    for generation, (count, threshold) in enumerate(zip(counts, thresholds, strict=True)):
        if threshold and count > threshold:
            due = generation
    return due


def install(app: QObject) -> UiThreadCollector:
    existing = app.findChild(UiThreadCollector, "ui-thread-collector")
    return existing if existing is not None else UiThreadCollector(app)


def uninstall(app: QObject) -> None:
    """Automatic collection back on (tests: the next test may not be a UI one)."""
    existing = app.findChild(UiThreadCollector, "ui-thread-collector")
    if existing is not None:
        existing.timer.stop()
        existing.setParent(None)
        existing.deleteLater()
    gc.collect()  # here, on the UI thread, before any worker can
    gc.enable()
