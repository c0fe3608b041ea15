"""The preview's URL scheme, registered before the QApplication exists (Qt requires it).

Kept apart from ``ui.preview`` so the app can register it first thing,
without loading the renderer.
"""

from __future__ import annotations

from PySide6.QtWebEngineCore import QWebEngineUrlScheme

from newsroom.render import PREVIEW_SCHEME


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
