"""How a finding looks: a colour and an icon per severity, fitted to the palette.

Errors red, warnings amber, notes the palette's link blue; on a dark palette
the red and amber are lighter, so a wavy underline stays visible on a dark
page. The icons differ in shape as well as colour (a disc with "!", a
triangle, a disc with "i"), for readers who do not tell red from amber.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPixmap

from newsroom.checks import Severity

WASH_ALPHA = 0.16
# (on a light page, on a dark page)
_COLOURS = {
    Severity.ERROR: ("#d32f2f", "#ff6b6b"),
    Severity.WARNING: ("#e07b00", "#ffb547"),
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def severity_colour(severity: Severity, palette: QPalette) -> QColor:
    if severity is Severity.INFO:
        return palette.color(QPalette.ColorRole.Link)
    light, dark = _COLOURS[severity]
    return QColor(dark if is_dark(palette) else light)


def wash(colour: QColor) -> QColor:
    """``colour`` faint enough to lie under text as a background, on light and dark pages."""
    faint = QColor(colour)
    faint.setAlphaF(WASH_ALPHA)
    return faint


def severity_icon(severity: Severity, palette: QPalette) -> QIcon:
    return _icon(severity, severity_colour(severity, palette).name())


@cache
def _icon(severity: Severity, colour: str) -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32):
        icon.addPixmap(_drawn(severity, QColor(colour), size))
    return icon


def _drawn(severity: Severity, colour: QColor, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 16, size / 16)  # drawn on a 16-unit square
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    mark = QColor("#ffffff")
    if severity is Severity.WARNING:
        triangle = QPainterPath(QPointF(8, 1))
        triangle.lineTo(15.5, 14.5)
        triangle.lineTo(0.5, 14.5)
        triangle.closeSubpath()
        painter.drawPath(triangle)
        mark = QColor("#1b1e20")
        bar, dot = QRectF(7, 5, 2, 5.5), QRectF(7, 11.5, 2, 2)
    else:
        painter.drawEllipse(QRectF(1, 1, 14, 14))
        if severity is Severity.ERROR:
            bar, dot = QRectF(7, 3.5, 2, 6), QRectF(7, 10.5, 2, 2)
        else:  # "i": the dot above the bar
            bar, dot = QRectF(7, 6.5, 2, 6), QRectF(7, 3.5, 2, 2)
    painter.setBrush(mark)
    painter.drawRoundedRect(bar, 0.8, 0.8)
    painter.drawEllipse(dot)
    painter.end()
    return pixmap
