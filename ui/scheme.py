"""What QtWebEngine needs settled before the QApplication exists (Qt requires it).

The preview's URL scheme, and how the preview's view is drawn. Kept apart from
``ui.preview`` so the app can do this first thing, without loading the renderer.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping

from PySide6.QtWebEngineCore import QWebEngineUrlScheme

from newsroom.render import PREVIEW_SCHEME

QUICK_BACKEND = "QT_QUICK_BACKEND"
CHROMIUM_FLAGS = "QTWEBENGINE_CHROMIUM_FLAGS"
NO_GPU = "--disable-gpu"


def before_application() -> None:
    """Call once before the QApplication is made: the scheme, then the drawing."""
    register_schemes()
    compose_in_software(os.environ)


def register_schemes() -> None:
    """Register the preview's URL scheme; call once before the QApplication is made."""
    name = PREVIEW_SCHEME.encode("ascii")
    if QWebEngineUrlScheme.schemeByName(name).name() == name:
        return
    scheme = QWebEngineUrlScheme(name)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(
        QWebEngineUrlScheme.Flag.SecureScheme
        | QWebEngineUrlScheme.Flag.LocalScheme
        | QWebEngineUrlScheme.Flag.LocalAccessAllowed
    )
    QWebEngineUrlScheme.registerScheme(scheme)


def compose_in_software(environ: MutableMapping[str, str]) -> None:
    """Draw the preview's view in software, unless the user chose a Qt Quick backend.

    A QWebEngineView shows its page through a Qt Quick item. Drawn with OpenGL
    (Qt's default), it makes the whole window it sits in compose through OpenGL on
    the UI thread at every repaint, a keystroke in the editor included: with
    software OpenGL (a VM, a remote desktop, Xvfb) that blocked typing for
    40–100 ms a keystroke. Drawn in software, the window is flushed as a plain
    image (as a window without a browser view is) and Chromium composes the page
    in its own processes, without a GPU process of its own (``--disable-gpu``).
    Must run before the QApplication (Chromium reads its flags when it starts).
    """
    if environ.setdefault(QUICK_BACKEND, "software") != "software":
        return  # the user's own choice of backend stands
    flags = environ.get(CHROMIUM_FLAGS, "").split()
    if NO_GPU not in flags:
        environ[CHROMIUM_FLAGS] = " ".join([*flags, NO_GPU])
