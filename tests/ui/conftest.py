"""UI fixtures: a session (the test's newsroom and real worker threads)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from newsroom.store import Newsroom
from tests.ui.modal import stop_pending_looks
from ui import garbage
from ui.editor import ArticleEditor
from ui.scheme import before_application
from ui.session import Session
from ui.tasks import Tasks

# The preview's URL scheme and drawing must be settled before the QApplication exists.
before_application()


@pytest.fixture
def undo_stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def editor(session: Session, undo_stack: QUndoStack, qtbot: QtBot) -> ArticleEditor:
    """The article editor on its own, shown at a laptop's size, with an undo stack."""
    widget = ArticleEditor(session, undo_stack)
    qtbot.addWidget(widget)
    widget.resize(1000, 800)
    widget.show()
    return widget


@pytest.fixture
def session(newsroom: Newsroom, qapp: object) -> Iterator[Session]:
    tasks = Tasks()
    yield Session(newsroom, tasks)
    tasks.wait()


@pytest.fixture(autouse=True)
def no_look_outlives_its_test() -> Iterator[None]:
    yield
    stop_pending_looks()


@pytest.fixture(autouse=True)
def garbage_collected_on_the_ui_thread(qapp: QApplication) -> Iterator[None]:
    """As in the app; and the test's own garbage is collected here when it ends."""
    garbage.install(qapp)
    yield
    garbage.uninstall(qapp)
    # What outlived the test (modules, caches, the QApplication) is set aside from later
    # collections: each full collection looked at every object thousands of tests had
    # left, up to a second per test late in a run.
    gc.freeze()


MODIFIER_KEYS = {
    Qt.KeyboardModifier.ControlModifier: Qt.Key.Key_Control,
    Qt.KeyboardModifier.ShiftModifier: Qt.Key.Key_Shift,
    Qt.KeyboardModifier.AltModifier: Qt.Key.Key_Alt,
    Qt.KeyboardModifier.MetaModifier: Qt.Key.Key_Meta,
}


@pytest.fixture(autouse=True)
def no_modifier_key_outlives_its_test(qapp: QApplication) -> Iterator[None]:
    """Let go of Ctrl, Shift, Alt or Meta that a test's key events left held.

    Qt keeps the modifiers of the last simulated key event as the application's, and
    an item view reads them when a test sets its current row: a Ctrl left held by an
    earlier test's key click that a shortcut took (Ctrl+/ for the shortcuts window,
    Alt+Up in the related pane, seen after both) made the next test's selection a
    toggle that emptied it.
    """
    yield
    held = QApplication.keyboardModifiers()
    if held == Qt.KeyboardModifier.NoModifier:
        return
    anywhere = QWidget()
    for modifier, key in MODIFIER_KEYS.items():
        if held & modifier:
            held &= ~modifier
            QTest.keyRelease(anywhere, key, held)
    assert QApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier
