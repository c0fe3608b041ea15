"""SVG icons from ``resources/icons``, drawn in the palette's text colour.

The SVGs stroke with ``currentColor``; Qt's SVG renderer has no notion of
it, so the colour of the current palette is put in before rendering. Icons
are rendered at 1× and 2× (and more on denser screens, by the icon engine)
so they stay sharp on high-DPI displays, and are remade when the palette
changes (light ↔ dark).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from newsroom.resources import root

SIZES = (16, 24, 32, 48)


@cache
def _svg(name: str) -> str:
    return (root() / "icons" / f"{name}.svg").read_text(encoding="utf-8")


def _pixmap(svg: str, size: int, color: QColor) -> QPixmap:
    data = QByteArray(svg.replace("currentColor", color.name()).encode("utf-8"))
    renderer = QSvgRenderer(data)
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap


@cache
def _icon(name: str, color: str, disabled: str) -> QIcon:
    icon = QIcon()
    svg = _svg(name)
    for size in SIZES:
        icon.addPixmap(_pixmap(svg, size, QColor(color)), QIcon.Mode.Normal)
        icon.addPixmap(_pixmap(svg, size, QColor(disabled)), QIcon.Mode.Disabled)
    return icon


def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` in the current palette's colours."""
    palette = QGuiApplication.palette()
    text = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    return _icon(name, text.name(), disabled.name())
