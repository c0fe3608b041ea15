"""Related headlines as drawn: headline, then the subtitle dimmer; outside stories marked."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from newsroom.article import RelatedHeadline
from ui.related.delegate import RelatedDelegate
from ui.related.pane import RelatedPane


def option_for(pane: RelatedPane, index: QModelIndex) -> QStyleOptionViewItem:
    option = QStyleOptionViewItem()
    option.initFrom(pane.view)
    option.widget = pane.view
    option.rect = pane.view.visualRect(index)
    option.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Active  # no focus frame
    option.palette.setColor(QPalette.ColorRole.Base, QColor("white"))
    option.palette.setColor(QPalette.ColorRole.Text, QColor("black"))
    return option


def darkest(image: QImage, rect: QRect) -> int:
    """The lowest grey level inside ``rect`` (0 black … 255 white)."""
    return min(
        QColor(image.pixel(x, y)).lightness()
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    )


def paint_row(pane: RelatedPane, row: int) -> tuple[QImage, RelatedDelegate, QStyleOptionViewItem]:
    delegate = pane.view.itemDelegate()
    assert isinstance(delegate, RelatedDelegate)
    index = pane.model.index(row)
    option = option_for(pane, index)
    size = delegate.sizeHint(option, index)
    option.rect = QRect(0, 0, size.width(), size.height())
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    delegate.paint(painter, option, index)
    painter.end()
    return image, delegate, option


def test_every_row_is_headline_then_a_dimmer_subtitle(pane: RelatedPane) -> None:
    for row in (0, 1):  # an article of ours, then an outside story
        image, delegate, option = paint_row(pane, row)
        parts = delegate.layout(option, pane.model.index(row), option.rect.width())
        assert not parts.second.isNull() and parts.second.top() > parts.headline.bottom()
        headline_ink, subtitle_ink = darkest(image, parts.headline), darkest(image, parts.second)
        assert headline_ink < 60, "the headline is drawn in the text colour"
        assert headline_ink + 40 < subtitle_ink < 250, "the subtitle is drawn, and dimmer"


def test_only_outside_stories_carry_the_link_marker(pane: RelatedPane) -> None:
    article, _, _ = paint_row(pane, 0)
    outside, delegate, option = paint_row(pane, 1)
    marker = delegate.layout(option, pane.model.index(1), option.rect.width()).marker
    assert darkest(outside, marker) < 200
    # An article's marker column is left blank (its headline still lines up with the others).
    assert darkest(article, marker) == QColor(article.pixel(1, 1)).lightness() == 255


def test_long_headlines_wrap_to_the_list_instead_of_being_cut(
    pane: RelatedPane, qtbot: QtBot
) -> None:
    long = RelatedHeadline.external(
        "Scientists describe in detail how walruses were counted from the air over three days "
        "of flights above the drifting ice of the Barents Sea",
        "https://www.tass.com/science/1",
        subtitle="A guide to aerial wildlife surveys, the cameras they use and the counts",
    )
    pane.model.insert_entries(pane.model.rowCount(), [long])
    index = pane.model.index(pane.model.rowCount() - 1)
    pane.resize(320, 700)
    qtbot.waitUntil(lambda: pane.view.viewport().width() < 320)
    qtbot.waitUntil(lambda: pane.view.visualRect(index).width() <= pane.view.viewport().width())
    rect = pane.view.visualRect(index)
    line = QFontMetrics(pane.view.font()).height()
    assert rect.height() >= 4 * line  # the headline and the subtitle each took several lines
    assert pane.view.horizontalScrollBar().maximum() == 0
    assert index.data(Qt.ItemDataRole.AccessibleTextRole).endswith("outside link to tass.com")
