"""An X server of our own for a test or a bench: Debian's Xvfb, on the first free display.

``-displayfd`` has Xvfb pick the display and write its number once it accepts
clients, so nothing waits on a guess. The xcb platform on it draws with
software OpenGL, as on a VM or a remote desktop.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager


def installed() -> bool:
    return shutil.which("Xvfb") is not None


@contextmanager
def xvfb(screen: str = "1440x900x24") -> Iterator[str]:
    """A running Xvfb's display (``:N``) for the ``with`` block; stopped after it."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", screen, "-nolisten", "tcp"],
        pass_fds=(write,), stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(write)
    try:
        with os.fdopen(read) as answer:
            yield f":{answer.readline().strip()}"
    finally:
        server.terminate()
        server.wait(timeout=30)
