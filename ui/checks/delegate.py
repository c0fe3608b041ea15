"""How a finding is drawn: its severity icon, the message, then where it is, dimmer.

Both lines wrap to the list's width, so a long message is read whole in a
narrow tab.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QIcon, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from ui.checks.model import PlaceRole
from ui.related.delegate import row_colours, styled_background, wrapped_height

MARGIN = 4
ICON_SIZE = 16
ICON_GAP = 6
LINE_GAP = 1
WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
ModelIndex = QModelIndex | QPersistentModelIndex


class FindingDelegate(QStyledItemDelegate):
    """Rows laid out once per text and width (a list answered at every pause in typing)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._laid_out: dict[tuple[str, str, int, str], tuple[QRect, QRect, QRect]] = {}

    def _rects(
        self, option: QStyleOptionViewItem, index: ModelIndex, width: int
    ) -> tuple[QRect, QRect, QRect]:
        key = (_message(index), _place(index), width, option.font.key())
        if key not in self._laid_out:
            if len(self._laid_out) > 2_000:
                self._laid_out.clear()
            self._laid_out[key] = self._lay_out(option, index, width)
        return self._laid_out[key]

    def _lay_out(
        self, option: QStyleOptionViewItem, index: ModelIndex, width: int
    ) -> tuple[QRect, QRect, QRect]:
        left = MARGIN + ICON_SIZE + ICON_GAP
        text_width = max(1, width - left - MARGIN)
        metrics = QFontMetrics(option.font)
        message_height = wrapped_height(metrics, _message(index), text_width)
        message = QRect(left, MARGIN, text_width, message_height)
        place_height = wrapped_height(metrics, _place(index), text_width)
        place = QRect(left, message.bottom() + 1 + LINE_GAP, text_width, place_height)
        icon = QRect(MARGIN, MARGIN + max(0, (metrics.height() - ICON_SIZE) // 2),
                     ICON_SIZE, ICON_SIZE)  # fmt: skip
        return icon, message, place

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        widget = option.widget
        width = (
            widget.viewport().width()
            if isinstance(widget, QAbstractItemView)
            else option.rect.width()
        )
        width = max(1, width)
        _icon, _message_rect, place = self._rects(option, index, width)
        return QSize(width, place.bottom() + 1 + MARGIN)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        view_option = styled_background(self, painter, option, index)
        rect = view_option.rect
        icon_rect, message, place = self._rects(view_option, index, rect.width())
        text_colour, dim_colour = row_colours(view_option)
        painter.save()
        painter.translate(rect.topLeft())
        decoration = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(decoration, QIcon):
            decoration.paint(painter, icon_rect)
        painter.setFont(view_option.font)
        painter.setPen(text_colour)
        painter.drawText(message, int(WRAP), _message(index))
        painter.setPen(dim_colour)
        painter.drawText(place, int(WRAP), _place(index))
        painter.restore()


def _message(index: ModelIndex) -> str:
    return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


def _place(index: ModelIndex) -> str:
    return str(index.data(PlaceRole) or "")
