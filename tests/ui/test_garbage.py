"""Cyclic garbage (widgets of closed windows among it) is freed on the UI thread only."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from ui import garbage


class Holder:
    """A widget in a reference cycle, as closed dialogs often leave them."""

    def __init__(self) -> None:
        self.widget = QWidget()
        self.me = self


def allocate_a_lot(kept: list[list[int]]) -> None:
    """As loading sample articles does: many objects made, and kept."""
    kept.extend([index] for index in range(20_000))  # past every threshold many times


def test_a_cycle_left_by_the_ui_is_freed_on_the_ui_thread_not_a_worker(
    qtbot: QtBot, qapp: QApplication
) -> None:
    garbage.install(qapp)
    freed_on: list[int] = []
    gc.collect()
    holder = Holder()
    weakref.finalize(holder, lambda: freed_on.append(threading.get_ident()))
    del holder
    kept: list[list[int]] = []
    worker = threading.Thread(target=allocate_a_lot, args=(kept,))
    worker.start()
    worker.join()
    assert freed_on == [], "freed on the worker thread, which would destroy the widget there"
    qtbot.waitUntil(lambda: bool(freed_on), timeout=5000)
    assert freed_on == [threading.get_ident()]
    del kept


def test_installing_twice_keeps_one_collector(qapp: QApplication) -> None:
    first = garbage.install(qapp)
    assert garbage.install(qapp) is first
    assert not gc.isenabled()
    garbage.uninstall(qapp)
    assert gc.isenabled()
    assert qapp.findChild(garbage.UiThreadCollector, "ui-thread-collector") is None
