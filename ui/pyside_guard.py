"""Keep PySide6 6.12 on Python 3.11 from freeing ``True`` under a long editing session.

On Python 3.11, every ``SignalInstance.emit()`` called from Python takes one
reference away from ``True`` (emit returns it without the reference it owes;
``disconnect()`` does the same to ``True`` and now and then to ``None``). The
window emits signals from Python on every keystroke, so after some thousands
of edits the count reached zero and Python aborted ("Fatal Python error:
bool_dealloc") — the app vanished with the editor's last words. Python 3.12
and later make ``True``, ``False`` and ``None`` immortal, so there the leak
is harmless; here we give them a reference count no session can spend, which
is what 3.12 does.
"""

from __future__ import annotations

import ctypes
import sys

# 2**48 references: a billion emits a second would take nine years to spend them.
PINNED_REFERENCES = 1 << 48


def pin_singletons() -> None:
    """Make ``True``, ``False`` and ``None`` as good as immortal (already so on 3.12+)."""
    if sys.version_info >= (3, 12) or getattr(pin_singletons, "done", False):
        return
    for value in (True, False, None):
        # ob_refcnt is the object's first field, a Py_ssize_t, in CPython 3.11.
        ctypes.c_ssize_t.from_address(id(value)).value += PINNED_REFERENCES
    pin_singletons.done = True  # type: ignore[attr-defined]
