"""Newsroom's desktop app (PySide6). Thin: it calls ``newsroom`` and holds no business rules."""
