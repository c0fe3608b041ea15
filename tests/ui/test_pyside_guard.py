"""A long session's signals never free ``True`` (PySide6 6.12 on Python 3.11 leaks a reference
to it on every emit from Python; the app once would have aborted after some thousands of edits)."""

from __future__ import annotations

import subprocess
import sys

EMITS = 300_000

CHILD = f"""
import sys
import ui  # what every app module imports first
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Editor(QObject):
    edited = Signal()
editor = Editor()
editor.edited.connect(lambda: None)
for _ in range({EMITS}):
    editor.edited.emit()
    editor.edited.disconnect()
    editor.edited.connect(lambda: None)
print("still here", flush=True)
"""


def test_hundreds_of_thousands_of_emits_and_disconnects_are_survived() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=300,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-1500:]
    assert result.stdout.strip() == "still here"
