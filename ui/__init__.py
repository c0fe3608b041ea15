"""Newsroom's desktop app (PySide6). Thin: it calls ``newsroom`` and holds no business rules."""

from ui.pyside_guard import pin_singletons

pin_singletons()  # before any signal is emitted from Python: see ui/pyside_guard.py
