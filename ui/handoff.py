"""Hand work's results from any thread to the UI thread, with no Qt call on the sending side.

PySide runs Qt's C++ code with the interpreter lock held. A worker thread that
emits a signal, or makes a QObject (``QImage.loadFromData`` makes a QBuffer and
a QTextStream), takes one of Qt's connection locks while it holds the
interpreter lock. The UI thread, destroying a widget, holds such a lock while it
waits for the interpreter lock (PySide looks for a Python override of
``disconnectNotify``). Qt shares one pool of locks among all objects, so any two
objects can collide: each thread then waits for the other for ever. The app
froze, and a test run hung with no test named (seen in gdb: the photo panel's
thumbnail decoded on a worker against a window being destroyed).

So other threads never call Qt: ``to_ui_thread`` appends to a deque and writes
a byte to a socket pair, both plain Python; a QSocketNotifier on the UI thread
wakes and runs what was handed over, in order.
"""

from __future__ import annotations

import contextlib
import socket
from collections import deque
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QSocketNotifier


class _Mailbox:
    """A queue of calls and a wake-up byte: plain Python, safe from any thread."""

    def __init__(self) -> None:
        self.posted: deque[tuple[Callable[..., object], tuple[Any, ...]]] = deque()
        self.reader, self.writer = socket.socketpair()
        self.reader.setblocking(False)
        self.writer.setblocking(False)
        self.notifier: QSocketNotifier | None = None

    def post(self, callback: Callable[..., object], args: tuple[Any, ...]) -> None:
        self.posted.append((callback, args))
        self.wake()

    def wake(self) -> None:
        # A full socket holds wake-ups enough: the UI thread will come.
        with contextlib.suppress(BlockingIOError):
            self.writer.send(b"\0")

    def listen(self) -> None:
        """On the UI thread: a notifier (owned by the application) that runs posted calls."""
        if self.notifier is not None and shiboken6.isValid(self.notifier):
            return
        self.notifier = QSocketNotifier(
            self.reader.fileno(), QSocketNotifier.Type.Read, QCoreApplication.instance()
        )
        self.notifier.activated.connect(self.run_posted)
        if self.posted:
            self.wake()

    def run_posted(self) -> None:
        # The bytes first, then the calls: a call posted after this drain sends a new byte.
        with contextlib.suppress(BlockingIOError):
            while self.reader.recv(4096):
                pass
        while self.posted:
            callback, args = self.posted.popleft()
            try:
                callback(*args)
            except BaseException:
                if self.posted:
                    self.wake()  # the rest run on the next turn of the event loop
                raise


_mailbox = _Mailbox()


def listen() -> None:
    """Start delivering on this (the UI) thread; call it before handing anything over."""
    _mailbox.listen()


def to_ui_thread(callback: Callable[..., object], *args: Any) -> None:
    """Run ``callback(*args)`` on the UI thread soon. Safe from any thread: calls no Qt."""
    _mailbox.post(callback, args)
