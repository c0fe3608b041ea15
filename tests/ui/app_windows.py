"""Closing the windows ``ui.app.open_window`` made in a test, with their newsrooms."""

from __future__ import annotations

from ui import app


def close_app_windows() -> None:
    """Every window the app opened: closed, its work finished, its newsroom closed."""
    for window in list(app._windows):
        window.close()
        if window.session is not None:
            window.session.tasks.wait()
            window.session.close()
    app._windows.clear()
