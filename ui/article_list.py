"""The article list: search, filters, sort, and a lazy model that stays instant at 100,000.

The model holds only the rows fetched so far, a page (200 summaries, about a
millisecond of SQLite) at a time, as the view scrolls (``canFetchMore`` /
``fetchMore``). Every fetch runs on a worker thread; a fetch answered after
the query changed is dropped (each query has a generation number), so
typing in the search box never shows stale hits.

Each row is the whole headline (wrapped to two lines) over a line of
section · status · time, drawn by ``ArticleRowDelegate``; every row has the
same height, so the view never measures 100,000 of them. The list follows
the editor: the open article's row is current when the list shows it, and
no row is current when it does not (a new article, a search that hides it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from newsroom.article import ArticleSummary, Status
from newsroom.store import Newsroom
from ui.errors import one_line
from ui.session import Session

Index = QModelIndex | QPersistentModelIndex
PAGE = 200
SEARCH_PAUSE_MS = 150
ID_ROLE = Qt.ItemDataRole.UserRole + 1
DETAILS_ROLE = Qt.ItemDataRole.UserRole + 2  # "Politics · Published · 14:05"
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
HEADLINE_LINES = 2
ELIDE_RIGHT = Qt.TextElideMode.ElideRight
ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)


@dataclass(frozen=True)
class ListQuery:
    """What the list shows: a search (or everything), filtered and sorted."""

    text: str = ""
    status: Status | None = None
    section: str | None = None
    order: str = "updated"  # or "published"

    def page(self, newsroom: Newsroom, offset: int) -> tuple[list[ArticleSummary], int]:
        """Rows from ``offset`` on, and how many the database gave (PAGE unless at the end)."""
        if not self.text.strip():
            rows = newsroom.articles(
                status=self.status, section=self.section, order=self.order,
                limit=PAGE, offset=offset,
            )  # fmt: skip
            return rows, len(rows)
        hits = newsroom.search(self.text, limit=PAGE, offset=offset)
        # Search ranks by relevance; the filters apply to each page of hits.
        return [hit.article for hit in hits if self._admits(hit.article)], len(hits)

    def _admits(self, summary: ArticleSummary) -> bool:
        return (self.status is None or summary.status == self.status) and (
            self.section is None or summary.section == self.section
        )


def status_label(status: Status) -> str:
    labels = {
        Status.DRAFT: "Draft",
        Status.READY: "Ready",
        Status.PUBLISHED: "Published",
        Status.CORRECTED: "Corrected",
        Status.KILLED: "Killed",
    }
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("status", labels[status])


class ArticleListModel(QAbstractTableModel):
    """Article summaries for the current ``ListQuery``, fetched page by page off the UI thread."""

    loaded = Signal()  # a page arrived
    failed = Signal(str)  # a one-line message (a search the index cannot answer, a locked file)

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self._session = session
        self._rows: list[ArticleSummary] = []
        self._query = ListQuery()
        self._generation = 0
        self._loading = False
        self._exhausted = True
        self._scanned = 0  # database rows read so far (search filters may drop some)
        self._timezone = session.newsroom.settings().tzinfo

    # --- the query -------------------------------------------------------

    @property
    def query(self) -> ListQuery:
        return self._query

    def set_query(self, query: ListQuery) -> None:
        self._query = query
        self.reload()

    def reload(self, *, keep: int = 0) -> None:
        """Fetch again from the top (at least ``keep`` rows, so the view does not jump)."""
        self._generation += 1
        self._loading = False
        self._exhausted = False
        self._fetch(0, max(PAGE, keep), replace_rows=True)

    def _fetch(self, offset: int, wanted: int, *, replace_rows: bool = False) -> None:
        generation, query, newsroom = self._generation, self._query, self._session.newsroom
        self._loading = True

        def work() -> tuple[list[ArticleSummary], int, bool]:
            rows: list[ArticleSummary] = []
            scanned = 0
            while len(rows) < wanted:
                page, given = query.page(newsroom, offset + scanned)
                rows.extend(page)
                scanned += given
                if given < PAGE:
                    return rows, scanned, True
            return rows, scanned, False

        def done(result: tuple[list[ArticleSummary], int, bool]) -> None:
            if generation == self._generation:
                rows, scanned, at_end = result
                self._scanned = (0 if replace_rows else self._scanned) + scanned
                self._arrived(rows, at_end, replace_rows)

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self._loading = False
                self._exhausted = True
                self.failed.emit(one_line(error))

        self._session.tasks.read(work, done=done, failed=failed)

    def _arrived(self, rows: list[ArticleSummary], at_end: bool, replace_rows: bool) -> None:
        self._loading = False
        self._exhausted = at_end
        if replace_rows:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
        elif rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.loaded.emit()

    def is_loading(self) -> bool:
        return self._loading

    # --- lazy fetching ---------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._fetch(self._scanned, PAGE)

    # --- the table -------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (orientation, section, role) == (
            Qt.Orientation.Horizontal, 0, Qt.ItemDataRole.DisplayRole,
        ):  # fmt: skip
            return self.tr("Articles")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        summary = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return summary.headline or self.tr("(no headline)")
        if role == DETAILS_ROLE:
            return self.details(summary)
        if role == ID_ROLE:
            return summary.id
        if role == STATUS_ROLE:
            return summary.status.value
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return self._tooltip(summary)
        return None

    def details(self, summary: ArticleSummary) -> str:
        """The row's second line: section · status · when (published, else updated)."""
        moment = summary.published_at if summary.status.is_public else None
        state = status_label(summary.status)
        if summary.is_scheduled(datetime.now(UTC)):
            state = self.tr("Scheduled")  # published, held until its time
        parts = [summary.section, state, self._when(moment or summary.updated_at)]
        return " · ".join(part for part in parts if part)

    def _tooltip(self, summary: ArticleSummary) -> str:
        updated = summary.updated_at.astimezone(self._timezone).strftime("%Y-%m-%d %H:%M")
        lines = [summary.headline, summary.subtitle, self.tr("Updated {0}").format(updated)]
        return "\n".join(line for line in lines if line)

    def _when(self, moment: datetime) -> str:
        local = moment.astimezone(self._timezone)
        today = datetime.now(self._timezone).date()
        if local.date() == today:
            return f"{local:%H:%M}"
        return f"{local:%d %b}" if local.year == today.year else f"{local:%d %b %Y}"

    # --- lookups ---------------------------------------------------------

    def summary(self, row: int) -> ArticleSummary:
        return self._rows[row]

    def row_of(self, article_id: int) -> int | None:
        for row, summary in enumerate(self._rows):
            if summary.id == article_id:
                return row
        return None

    def set_timezone_from(self, newsroom: Newsroom) -> None:
        self._timezone = newsroom.settings().tzinfo
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))


def wrapped_lines(text: str, font: QFont, width: int, most: int) -> list[str]:
    """``text`` wrapped at words into ``width`` pixels, at most ``most`` lines (the last elided)."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    starts: list[int] = []
    layout.beginLayout()
    while len(starts) <= most:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    ends = [*starts[1:], len(text)]
    lines = [text[start:end].strip() for start, end in zip(starts, ends, strict=True)]
    if len(lines) > most:
        rest = text[starts[most - 1] :].strip()
        lines = [*lines[: most - 1], QFontMetrics(font).elidedText(rest, ELIDE_RIGHT, width)]
    return lines


class ArticleRowDelegate(QStyledItemDelegate):
    """Two lines of headline (the whole of a long one, as a reader sees it) over the details."""

    PADDING = 6

    @staticmethod
    def headline_font(base: QFont) -> QFont:
        font = QFont(base)
        font.setWeight(QFont.Weight.DemiBold)
        return font

    @staticmethod
    def details_font(base: QFont) -> QFont:
        font = QFont(base)
        font.setPointSizeF(base.pointSizeF() * 0.9)
        return font

    def row_height(self, base: QFont) -> int:
        headline = QFontMetrics(self.headline_font(base)).lineSpacing()
        details = QFontMetrics(self.details_font(base)).lineSpacing()
        return 2 * self.PADDING + HEADLINE_LINES * headline + details + 2

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(max(option.rect.width(), 120), self.row_height(option.font))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""  # the frame, selection and focus from the style; the text is ours
        style = item.widget.style() if item.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_colour = palette.highlightedText() if selected else palette.text()
        area = option.rect.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        painter.save()
        headline_font = self.headline_font(option.font)
        painter.setFont(headline_font)
        painter.setPen(text_colour.color())
        spacing = QFontMetrics(headline_font).lineSpacing()
        headline = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        top = area.top()
        for line in wrapped_lines(headline, headline_font, area.width(), HEADLINE_LINES):
            painter.drawText(area.left(), top, area.width(), spacing, ALIGN_LEFT, line)
            top += spacing
        details_font = self.details_font(option.font)
        painter.setFont(details_font)
        dim = text_colour.color() if selected else palette.placeholderText().color()
        painter.setPen(dim)
        details = QFontMetrics(details_font).elidedText(
            str(index.data(DETAILS_ROLE) or ""), ELIDE_RIGHT, area.width()
        )
        bottom = area.top() + HEADLINE_LINES * spacing
        painter.drawText(area.left(), bottom, area.width(), area.bottom() - bottom, ALIGN_LEFT,
                         details)  # fmt: skip
        painter.restore()


class ArticleListPane(QWidget):
    """Search box, filters and the list; ``articleActivated(id)`` when a row becomes current."""

    articleActivated = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.model = ArticleListModel(session, self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search articles"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search articles"))
        self.status = self._combo(self.tr("Status filter"))
        self.section = self._combo(self.tr("Section filter"))
        self.order = self._combo(self.tr("Sort order"))
        # A table, not a tree: QTreeView fetches more on every layout until the model is
        # exhausted, which would read all 100,000 rows; a table fetches what it shows.
        self.view = QTableView(self)
        self.message = QLabel(self)
        self._fill_filters()
        self._build_view()
        self._lay_out()
        self._pause = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._pause.timeout.connect(self.apply_query)
        self.search.textChanged.connect(lambda _text: self._pause.start())
        for combo in (self.status, self.section, self.order):
            combo.currentIndexChanged.connect(self.apply_query)
        self.model.failed.connect(self.message.setText)
        self.model.loaded.connect(self._loaded)
        self._wanted_id: int | None = None
        self.apply_query()

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        return combo

    def _fill_filters(self) -> None:
        self.status.addItem(self.tr("All statuses"), None)
        for status in Status:
            self.status.addItem(status_label(status), status.value)
        self.refresh_sections()
        self.order.addItem(self.tr("Last updated"), "updated")
        self.order.addItem(self.tr("Last published"), "published")

    def refresh_sections(self) -> None:
        current = self.section.currentData()
        self.section.blockSignals(True)
        self.section.clear()
        self.section.addItem(self.tr("All sections"), None)
        for name in self._session.newsroom.sections():
            self.section.addItem(name, name)
        found = self.section.findData(current)
        self.section.setCurrentIndex(max(found, 0))
        self.section.blockSignals(False)

    def _build_view(self) -> None:
        view = self.view
        view.setModel(self.model)
        view.setAccessibleName(self.tr("Articles"))
        self.delegate = ArticleRowDelegate(view)
        view.setItemDelegate(self.delegate)
        view.verticalHeader().hide()
        view.horizontalHeader().hide()
        view.horizontalHeader().setStretchLastSection(True)
        # One fixed row height lets the view skip measuring 100,000 rows.
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setDefaultSectionSize(self.delegate.row_height(view.font()))
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.setAlternatingRowColors(True)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.selectionModel().currentRowChanged.connect(self._current_changed)

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        for combo in (self.status, self.section, self.order):
            filters.addWidget(combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)

    def apply_query(self) -> None:
        self._pause.stop()
        status = self.status.currentData()
        self.message.clear()
        self.model.set_query(
            ListQuery(
                text=self.search.text(),
                status=Status(status) if status else None,
                section=self.section.currentData(),
                order=self.order.currentData() or "updated",
            )
        )

    def refresh(self) -> None:
        """Fetch again (after a save), keeping as many rows as are loaded."""
        self.model.reload(keep=self.model.rowCount())

    def select_article(self, article_id: int | None) -> None:
        """Follow the editor: the article's row current (once it is loaded), else no row.

        ``None`` (a new article) or an article the list does not show leaves no row
        current or selected, so nothing looks like the article being edited but is not.
        """
        self._wanted_id = article_id
        self._select_wanted()

    def _loaded(self) -> None:
        self._select_wanted()

    def _select_wanted(self) -> None:
        row = None if self._wanted_id is None else self.model.row_of(self._wanted_id)
        selection = self.view.selectionModel()
        current = selection.currentIndex()
        if row is not None and current.isValid() and current.row() == row:
            return  # already there: keep a selection the editor made around it
        selection.blockSignals(True)
        if row is None:
            selection.clear()  # the current index and the selection
        else:
            self.view.setCurrentIndex(self.model.index(row, 0))
        selection.blockSignals(False)
        self.view.viewport().update()

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [self.model.summary(row).id for row in rows]

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            article_id = self.model.summary(current.row()).id
            self._wanted_id = article_id
            self.articleActivated.emit(article_id)
