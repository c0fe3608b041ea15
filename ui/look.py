"""How the window looks, in the palette's own terms (so light and dark both follow the desktop).

A writing tool is calm: the text an editor writes is what stands out; labels,
counts and hints step back. These helpers say so once, for every pane.
"""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

QUIET_SCALE = 0.92


def quiet(widget: QWidget) -> None:
    """A label or hint a step back: a little smaller, in the palette's placeholder colour."""
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * QUIET_SCALE)
    widget.setFont(font)
    widget.setForegroundRole(QPalette.ColorRole.PlaceholderText)


def enlarge(widget: QWidget, scale: float) -> None:
    """Text to read and write at length, ``scale`` times the interface's size."""
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    widget.setFont(font)
