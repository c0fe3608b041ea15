"""Dialogs sized to what they hold, in characters of their own font, never in fixed pixels."""

from __future__ import annotations

from PySide6.QtWidgets import QLayout, QWidget

# Wide enough to show a whole headline (the house limit is 90 characters by default) or a
# typical link without scrolling inside the field.
LINE_FIELD_CHARACTERS = 100


def characters_wide(widget: QWidget, count: int) -> int:
    """The width of ``count`` average characters in ``widget``'s font."""
    return widget.fontMetrics().averageCharWidth() * count


def fit_to_content(dialog: QWidget) -> None:
    """Open ``dialog`` at its content's size and never let it shrink below it."""
    layout = dialog.layout()
    if layout is not None:
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
    dialog.adjustSize()
