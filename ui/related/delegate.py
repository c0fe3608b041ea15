"""How a related headline is drawn: the headline, then the subtitle dimmer.

Articles and outside stories read alike; an outside story has a link marker
in the margin and its site's domain after the subtitle (``tass.com``).
Both lines wrap to the list's width, so nothing is cut off.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ui.related.model import DomainRole, HeadlineRole, SubtitleRole

MARGIN = 4
ICON_SIZE = 16
ICON_GAP = 6
LINE_GAP = 1
# The second line is the text colour at this opacity: dimmer in light and dark palettes.
DIM_ALPHA = 0.62
WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class RowLayout:
    """Where a row's parts go, in the row's coordinates."""

    marker: QRect
    headline: QRect
    second: QRect  # empty when the row has no second line


def second_line(index: ModelIndex) -> str:
    """The subtitle, then an outside story's domain: ``A guide to surveys · example.org``."""
    parts = (str(index.data(SubtitleRole) or ""), str(index.data(DomainRole) or ""))
    return " · ".join(part for part in parts if part)


class RelatedDelegate(QStyledItemDelegate):
    """Two wrapped lines per row, a marker column on the left for every row."""

    def layout(self, option: QStyleOptionViewItem, index: ModelIndex, width: int) -> RowLayout:
        text_left = MARGIN + ICON_SIZE + ICON_GAP
        text_width = max(1, width - text_left - MARGIN)
        headline_font = self._headline_font(option, index)
        headline_height = wrapped_height(
            QFontMetrics(headline_font), str(index.data(HeadlineRole) or ""), text_width
        )
        headline = QRect(text_left, MARGIN, text_width, headline_height)
        second_text = second_line(index)
        second = QRect()
        if second_text:
            height = wrapped_height(QFontMetrics(option.font), second_text, text_width)
            second = QRect(text_left, headline.bottom() + 1 + LINE_GAP, text_width, height)
        marker = QRect(MARGIN, MARGIN + max(0, (headline_height - ICON_SIZE) // 2),
                       ICON_SIZE, ICON_SIZE)  # fmt: skip
        return RowLayout(marker, headline, second)

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        width = self._row_width(option)
        parts = self.layout(option, index, width)
        bottom = parts.second.bottom() if not parts.second.isNull() else parts.headline.bottom()
        return QSize(width, max(bottom + 1, parts.marker.bottom() + 1) + MARGIN)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        view_option = styled_background(self, painter, option, index)
        rect = view_option.rect
        parts = self.layout(view_option, index, rect.width())
        headline_colour, dim_colour = row_colours(view_option)
        painter.save()
        painter.translate(rect.topLeft())
        decoration = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(decoration, QIcon) and not decoration.isNull():
            decoration.paint(painter, parts.marker)
        painter.setFont(self._headline_font(view_option, index))
        painter.setPen(headline_colour)
        painter.drawText(parts.headline, int(WRAP), str(index.data(HeadlineRole) or ""))
        if not parts.second.isNull():
            painter.setFont(view_option.font)
            painter.setPen(dim_colour)
            painter.drawText(parts.second, int(WRAP), second_line(index))
        painter.restore()

    # --- behind the scenes -------------------------------------------------------

    @staticmethod
    def _headline_font(option: QStyleOptionViewItem, index: ModelIndex) -> QFont:
        font = index.data(Qt.ItemDataRole.FontRole)
        return font if isinstance(font, QFont) else option.font

    @staticmethod
    def _row_width(option: QStyleOptionViewItem) -> int:
        """The list's visible width: rows wrap to it (a list view gives no row width)."""
        widget: QWidget | None = option.widget
        if isinstance(widget, QAbstractItemView):
            return max(1, widget.viewport().width())
        return max(1, option.rect.width())


def wrapped_height(metrics: QFontMetrics, text: str, width: int) -> int:
    """The height of ``text`` wrapped to ``width`` (one line when empty)."""
    if not text:
        return metrics.height()
    return metrics.boundingRect(QRect(0, 0, width, 1_000_000), int(WRAP), text).height()


def styled_background(
    delegate: QStyledItemDelegate,
    painter: QPainter,
    option: QStyleOptionViewItem,
    index: ModelIndex,
) -> QStyleOptionViewItem:
    """Let the style draw a row's background, selection and focus; the row's own option back.

    The delegate then draws the content in it (the style would draw text and icon too).
    """
    view_option = QStyleOptionViewItem(option)
    delegate.initStyleOption(view_option, index)
    widget = view_option.widget
    style = widget.style() if widget is not None else QApplication.style()
    background = QStyleOptionViewItem(view_option)
    background.text = ""
    background.icon = QIcon()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, widget)
    return view_option


def row_colours(option: QStyleOptionViewItem) -> tuple[QColor, QColor]:
    """A row's text colour and its dimmer second-line colour (selected or not)."""
    selected = bool(option.state & QStyle.StateFlag.State_Selected)
    enabled = bool(option.state & QStyle.StateFlag.State_Enabled)
    group = QPalette.ColorGroup.Normal if enabled else QPalette.ColorGroup.Disabled
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    headline = option.palette.color(group, role)
    dim = QColor(headline)
    dim.setAlphaF(DIM_ALPHA)
    return headline, dim
