"""SVG icons from ``resources/icons``, drawn in the palette's text colour.

The SVGs stroke with ``currentColor``; Qt's SVG renderer has no notion of
it, so the colour of the current palette is put in before rendering. Icons
are drawn when Qt first asks for a size (``SvgIconEngine``), at whatever
device pixel ratio the screen has, so they stay sharp on high-DPI displays
and cost nothing at start-up; they follow the palette they were made under
(light or dark).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from newsroom.resources import root


@cache
def _svg(name: str) -> str:
    return (root() / "icons" / f"{name}.svg").read_text(encoding="utf-8")


class SvgIconEngine(QIconEngine):
    """Draws one SVG in the normal or the disabled text colour, on demand."""

    def __init__(self, svg: str, normal: str, disabled: str) -> None:
        super().__init__()
        self._svg, self._normal, self._disabled = svg, normal, disabled
        self._renderers: dict[str, QSvgRenderer] = {}

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        colour = self._disabled if mode == QIcon.Mode.Disabled else self._normal
        if colour not in self._renderers:
            data = QByteArray(self._svg.replace("currentColor", colour).encode("utf-8"))
            self._renderers[colour] = QSvgRenderer(data)
        return self._renderers[colour]

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        self._renderer(mode).render(painter, rect)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self._svg, self._normal, self._disabled)


@cache
def _icon(name: str, normal: str, disabled: str) -> QIcon:
    return QIcon(SvgIconEngine(_svg(name), normal, disabled))


def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` in the current palette's colours."""
    palette = QGuiApplication.palette()
    normal = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    return _icon(name, normal.name(), disabled.name())
