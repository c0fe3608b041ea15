"""The news feed as it will render: public articles, newest first, grouped by day.

Days and their labels come from the page renderer itself
(``newsroom.render.page.feed_days``), so the tab shows exactly the grouping,
labels and times a page will. Marks are edited in place (a combo box of
common marks, or free text) and saved through the write thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from newsroom.article import UPDATED_MARK, Article, ArticleSummary
from newsroom.article_json import MARK_MAX
from newsroom.render.page import Links, PageContext, feed_days
from newsroom.render.theme import load_theme
from newsroom.store import Newsroom
from ui.errors import one_line
from ui.session import Session
from ui.tasks import guarded

PAGE_SIZE = 200
COMMON_MARKS = ("", UPDATED_MARK, "Exclusive", "Video", "Live", "Analysis", "Breaking", "Opinion")

ModelIndex = QModelIndex | QPersistentModelIndex
ArticleIdRole = Qt.ItemDataRole.UserRole + 1
SummaryRole = Qt.ItemDataRole.UserRole + 2

TIME, MARK, HEADLINE, SECTION = range(4)


@dataclass
class FeedItem:
    summary: ArticleSummary
    time: str


@dataclass
class FeedDay:
    label: str
    items: list[FeedItem] = field(default_factory=list)


@dataclass
class FeedPage:
    days: list[FeedDay]
    more: bool


def load_feed(newsroom: Newsroom, limit: int) -> FeedPage:
    """The latest ``limit`` articles readers see now, grouped as the page renderer groups them
    (a scheduled story joins when its time comes).

    Runs on a worker thread.
    """
    summaries = newsroom.news_feed(limit + 1)
    more = len(summaries) > limit
    shown = [summary for summary in summaries[:limit] if summary.published_at is not None]
    context = PageContext(settings=newsroom.settings(), links=Links(), theme=load_theme(None))
    grouped = feed_days(shown, context)
    # feed_days keeps the order it is given and skips nothing we kept: pair its
    # entries with the summaries they came from.
    summary_iter = iter(shown)
    days = [
        FeedDay(
            day["label"], [FeedItem(next(summary_iter), entry["time"]) for entry in day["entries"]]
        )
        for day in grouped
    ]
    return FeedPage(days, more)


class FeedModel(QAbstractItemModel):
    """Days (top-level rows) and their articles (children): time, mark, headline, section.

    Editing the mark column emits ``markEdited(id, mark)``; the pane saves it.
    """

    markEdited = Signal(int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._days: list[FeedDay] = []

    def set_days(self, days: Sequence[FeedDay]) -> None:
        self.beginResetModel()
        self._days = list(days)
        self.endResetModel()

    def days(self) -> list[FeedDay]:
        return list(self._days)

    def find(self, article_id: int) -> QModelIndex:
        """The mark cell of this article's row (invalid when not in the feed)."""
        for day_row, day in enumerate(self._days):
            for row, item in enumerate(day.items):
                if item.summary.id == article_id:
                    return self.index(row, MARK, self.index(day_row, 0))
        return QModelIndex()

    def set_mark(self, article_id: int, mark: str) -> None:
        """Show ``mark`` for the article (after it is saved, or to take back an edit)."""
        index = self.find(article_id)
        if not index.isValid():
            return
        item = self._days[index.parent().row()].items[index.row()]
        item.summary = item.summary._replace(mark=mark)
        self.dataChanged.emit(index, index)

    # --- structure ----------------------------------------------------------------

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: ModelIndex | None = None) -> Any:
        if index is None:
            return QObject.parent(self)  # the QObject's parent, when asked without an index
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._days)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._days[parent.row()].items)
        return 0

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 4

    def _item(self, index: ModelIndex) -> FeedItem | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._days[index.internalId() - 1].items[index.row()]

    # --- data -----------------------------------------------------------------------

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (self.tr("Time"), self.tr("Mark"), self.tr("Headline"), self.tr("Section"))
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._item(index)
        if item is None:
            return self._day_data(index, role)
        summary = item.summary
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return (item.time, summary.mark, summary.headline, summary.section)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == MARK:
                return self.tr("Mark shown before the headline; double-click or F2 to change it")
            return summary.subtitle or summary.headline
        if role == ArticleIdRole:
            return summary.id
        if role == SummaryRole:
            return summary
        return None

    def _day_data(self, index: ModelIndex, role: int) -> Any:
        if index.column() != 0:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._days[index.row()].label
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == 0:
            return Qt.ItemFlag.ItemIsEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        flags |= Qt.ItemFlag.ItemNeverHasChildren
        if index.column() == MARK:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        item = self._item(index)
        if item is None or index.column() != MARK or role != Qt.ItemDataRole.EditRole:
            return False
        mark = " ".join(str(value or "").split())
        if mark == item.summary.mark:
            return False
        article_id = item.summary.id
        self.markEdited.emit(article_id, mark)
        return True


class MarkDelegate(QStyledItemDelegate):
    """An editable combo box of common marks for the mark column."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.setAccessibleName(self.tr("Mark"))
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for mark in COMMON_MARKS:
            combo.addItem(self.tr(mark) if mark else "", mark)
        line = combo.lineEdit()
        if line is not None:
            line.setMaxLength(MARK_MAX)
            line.setAccessibleName(self.tr("Mark"))
        return combo

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: ModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


def _save_mark(newsroom: Newsroom, article_id: int, mark: str) -> Article:
    article = newsroom.get(article_id)
    if article.mark == mark:
        return article
    return newsroom.save(article.with_changes(mark=mark), summary=f"Mark: {mark or 'none'}")


class FeedPane(QWidget):
    """The news feed tab: what readers will see, latest first, marks editable."""

    articleActivated = Signal(int)
    markChanged = Signal(int)
    loaded = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.limit = PAGE_SIZE
        self._request = 0
        self.has_more = False

        self.model = FeedModel(self)
        self.model.markEdited.connect(self.save_mark)
        self.view = QTreeView(self)
        self.view.setAccessibleName(self.tr("News feed"))
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(MARK, MarkDelegate(self.view))
        self.view.setUniformRowHeights(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.setExpandsOnDoubleClick(False)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(HEADLINE, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(
            TIME, 2 * self.view.indentation() + self.fontMetrics().horizontalAdvance("00:00") + 20
        )
        self.view.doubleClicked.connect(self._activated)
        open_action = QAction(self.tr("Open article"), self.view)
        open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        open_action.triggered.connect(lambda: self._activated(self.view.currentIndex()))
        self.view.addAction(open_action)
        refresh_action = QAction(self.tr("Refresh"), self)
        refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        refresh_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh_action.triggered.connect(self.refresh)
        self.addAction(refresh_action)

        self.status = QLabel(self)
        self.status.setAccessibleName(self.tr("News feed status"))
        self.status.hide()
        self.more_button = QPushButton(self.tr("&More"), self)
        self.more_button.setAccessibleName(self.tr("Show more of the news feed"))
        self.more_button.clicked.connect(self.show_more)
        self.more_button.hide()

        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(bottom)

    # --- loading --------------------------------------------------------------------

    def focus_target(self) -> QWidget:
        """What gets the keyboard when the editor goes to this pane (Ctrl+3/4/5)."""
        return self.view

    def refresh(self) -> None:
        """Load the feed again (off the UI thread); ``loaded`` when it is shown."""
        self._request += 1
        request = self._request
        newsroom, limit = self.session.newsroom, self.limit

        def done(page: FeedPage) -> None:
            if request == self._request:
                self._show(page)

        def failed(error: BaseException) -> None:
            if request == self._request:
                self._failed(error)

        self.session.tasks.read(
            lambda: load_feed(newsroom, limit),
            done=guarded(self, done),
            failed=guarded(self, failed),
        )

    def show_more(self) -> None:
        self.limit += PAGE_SIZE
        self.refresh()

    def _show(self, page: FeedPage) -> None:
        current = self.view.currentIndex().data(ArticleIdRole)
        scrolled = self.view.verticalScrollBar().value()  # a refresh keeps the place
        self.model.set_days(page.days)
        for day in range(self.model.rowCount()):
            self.view.setFirstColumnSpanned(day, QModelIndex(), True)
        self.view.expandAll()
        self.view.resizeColumnToContents(MARK)
        self.has_more = page.more
        self.more_button.setVisible(page.more)
        if isinstance(current, int):
            found = self.model.find(current)
            if found.isValid():
                self.view.setCurrentIndex(found.siblingAtColumn(HEADLINE))
        self.view.verticalScrollBar().setValue(scrolled)
        if not page.days:
            self._show_message(self.tr("No published articles yet"))
        else:
            self._show_message("")
        self.loaded.emit()

    # --- marks -------------------------------------------------------------------------

    def save_mark(self, article_id: int, mark: str) -> None:
        """Save the article's new mark on the write thread; ``markChanged`` when saved."""
        index = self.model.find(article_id)
        before = str(index.data(Qt.ItemDataRole.EditRole) or "") if index.isValid() else ""
        self.model.set_mark(article_id, mark)
        newsroom = self.session.newsroom

        def done(saved: Article) -> None:
            self.model.set_mark(article_id, saved.mark)
            self._show_message("")
            self.markChanged.emit(article_id)

        def failed(error: BaseException) -> None:
            self.model.set_mark(article_id, before)
            self._failed(error, prefix=self.tr("Mark “{mark}” not saved: ").format(mark=mark))

        self.session.tasks.write(
            lambda: _save_mark(newsroom, article_id, mark), done=done, failed=failed
        )

    # --- activation and messages --------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        article_id = index.data(ArticleIdRole)
        if isinstance(article_id, int):
            self.articleActivated.emit(article_id)

    def _failed(self, error: BaseException, prefix: str = "") -> None:
        self._show_message(prefix + one_line(error))

    def _show_message(self, message: str) -> None:
        self.status.setText(message.splitlines()[0] if message else "")
        self.status.setVisible(bool(message))
