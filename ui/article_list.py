"""The article list: search, filters, sort, and a lazy model that stays instant at 100,000.

The model holds only the rows fetched so far, a page (200 summaries, about a
millisecond of SQLite) at a time, as the view scrolls (``canFetchMore`` /
``fetchMore``). Every fetch runs on a worker thread; a newer query cancels
the fetch before it (one still waiting for a thread never runs), and a fetch
answered after the query changed is dropped (each query has a generation
number), so typing in the search box never shows stale hits.

A search lists the newest matching articles first, a few milliseconds at
any size of newsroom; "Best match" ranks every match instead (slower for a
common word in a large newsroom: ``storage/search.py``).

Each row is the whole headline (wrapped to two lines) over a line of
section · status · time, drawn by ``ArticleRowDelegate``; every row has the
same height, so the view never measures 100,000 of them. The list follows
the editor: the open article's row is current when the list shows it, and
no row is current when it does not (a new article, a search that hides it).

A refresh (after a save here, or another editor's change: ``ui/live.py``)
re-reads the loaded rows and merges them in place: rows that went are
removed, new ones inserted, moved ones moved, changed ones redrawn, so the
selection and the article at the top of the view stay put. A row whose
article another session has locked says who is editing it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import shiboken6
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
from newsroom.storage.locks import Lock
from newsroom.storage.search import SearchOrder
from newsroom.store import Newsroom
from ui.errors import one_line
from ui.session import Session
from ui.tasks import Task, guarded

Index = QModelIndex | QPersistentModelIndex
PAGE = 200
SEARCH_PAUSE_MS = 150
ID_ROLE = Qt.ItemDataRole.UserRole + 1
DETAILS_ROLE = Qt.ItemDataRole.UserRole + 2  # "Politics · Published · 14:05"
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
LOCK_ROLE = Qt.ItemDataRole.UserRole + 4  # "Anna Ivanova": who else is editing it, or None
HEADLINE_LINES = 2
ELIDE_RIGHT = Qt.TextElideMode.ElideRight
ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)


@dataclass(frozen=True)
class ListQuery:
    """What the list shows: a search (or everything), filtered and sorted."""

    text: str = ""
    status: Status | None = None
    section: str | None = None
    order: str = "updated"  # or "published"; "best": a search's best matches first

    def page(self, newsroom: Newsroom, offset: int) -> tuple[list[ArticleSummary], int]:
        """Rows from ``offset`` on, and how many the database gave (PAGE unless at the end)."""
        if not self.text.strip():
            listed = "updated" if self.order == "best" else self.order  # nothing to match
            rows = newsroom.articles(
                status=self.status, section=self.section, order=listed,
                limit=PAGE, offset=offset,
            )  # fmt: skip
            return rows, len(rows)
        order: SearchOrder = "best" if self.order == "best" else "newest"
        # The list shows no snippets: none are made.
        hits = newsroom.search(self.text, limit=PAGE, offset=offset, order=order, snippets=False)
        # The filters apply to each page of hits.
        return [hit.article for hit in hits if self._admits(hit.article)], len(hits)

    def _admits(self, summary: ArticleSummary) -> bool:
        # As in listings: wire items wait in the Incoming view unless asked for by status.
        wanted = summary.status != Status.INCOMING if self.status is None else (
            summary.status == self.status
        )  # fmt: skip
        return wanted and (self.section is None or summary.section == self.section)


def status_label(status: Status) -> str:
    labels = {
        Status.INCOMING: "Incoming",
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
    aboutToMerge = Signal()  # a refresh is about to change rows in place

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self._session = session
        self._rows: list[ArticleSummary] = []
        self._query = ListQuery()
        self._generation = 0
        self._task: Task[Any] | None = None  # the fetch under way
        self._loading = False
        self._exhausted = True
        self._scanned = 0  # database rows read so far (search filters may drop some)
        self._locks: dict[int, Lock] = {}  # live locks of other sessions, by article id
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

    def refresh(self) -> None:
        """Read the loaded rows again and merge them in place (selection and scroll stay)."""
        self._generation += 1
        self._loading = False
        self._exhausted = False
        self._fetch(0, max(PAGE, len(self._rows)), replace_rows=True, in_place=True)

    def _fetch(
        self, offset: int, wanted: int, *, replace_rows: bool = False, in_place: bool = False
    ) -> None:
        generation, query, newsroom = self._generation, self._query, self._session.newsroom
        self._loading = True
        if self._task is not None and shiboken6.isValid(self._task):
            self._task.cancel()  # a newer query: the older one's rows are not wanted

        def work() -> tuple[list[ArticleSummary], int, bool, dict[int, Lock]]:
            rows: list[ArticleSummary] = []
            scanned = 0
            at_end = False
            while len(rows) < wanted and not at_end:
                page, given = query.page(newsroom, offset + scanned)
                rows.extend(page)
                scanned += given
                at_end = given < PAGE
            # One more query for every lock: who else is editing what the list shows.
            locks = newsroom.locks() if replace_rows else self._locks
            others = {key: lock for key, lock in locks.items() if not newsroom.holds(lock)}
            return rows, scanned, at_end, others

        def done(result: tuple[list[ArticleSummary], int, bool, dict[int, Lock]]) -> None:
            if generation == self._generation:
                rows, scanned, at_end, locks = result
                self._scanned = (0 if replace_rows else self._scanned) + scanned
                if in_place:
                    self._merged(rows, at_end, locks)
                else:
                    self._locks = locks
                    self._arrived(rows, at_end, replace_rows)

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self._loading = False
                self._exhausted = True
                self.failed.emit(one_line(error))

        # A live refresh may be answered after the window is gone.
        self._task = self._session.tasks.read(
            work, done=guarded(self, done), failed=guarded(self, failed)
        )

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

    def _merged(self, rows: list[ArticleSummary], at_end: bool, locks: dict[int, Lock]) -> None:
        """Turn the rows shown into ``rows`` by removes, a move, inserts and redraws."""
        self._loading = False
        self._exhausted = at_end
        self.aboutToMerge.emit()
        wanted = {summary.id: summary for summary in rows}
        self._remove_rows(
            [row for row, summary in enumerate(self._rows) if summary.id not in wanted]
        )
        kept = {summary.id for summary in self._rows}
        self._reorder([summary.id for summary in rows if summary.id in kept])
        self._insert_rows(rows, kept)
        changed = [
            row
            for row, (old, new) in enumerate(zip(self._rows, rows, strict=True))
            if old != new or self._locks.get(new.id) != locks.get(new.id)
        ]
        self._rows = list(rows)
        self._locks = locks
        for row in changed:
            self.dataChanged.emit(self.index(row, 0), self.index(row, 0))
        self.loaded.emit()

    def _remove_rows(self, gone: list[int]) -> None:
        for first, last in reversed(_runs(gone)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first : last + 1]
            self.endRemoveRows()

    def _reorder(self, order: list[int]) -> None:
        """Put the rows in ``order`` (ids); selection and the current row follow their articles."""
        if [summary.id for summary in self._rows] == order:
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[index.row()].id for index in before]
        by_id = {summary.id: summary for summary in self._rows}
        self._rows = [by_id[article_id] for article_id in order]
        row_of = {article_id: row for row, article_id in enumerate(order)}
        after = [self.index(row_of[article_id], index.column()) for article_id, index in
                 zip(ids, before, strict=True)]  # fmt: skip
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _insert_rows(self, rows: list[ArticleSummary], kept: set[int]) -> None:
        """Insert the rows not shown yet where ``rows`` has them (the rest are in order)."""
        row = 0
        while row < len(rows):
            if rows[row].id in kept:
                row += 1
                continue
            last = row
            while last + 1 < len(rows) and rows[last + 1].id not in kept:
                last += 1
            self.beginInsertRows(QModelIndex(), row, last)
            self._rows[row:row] = rows[row : last + 1]
            self.endInsertRows()
            row = last + 1

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
        if role == LOCK_ROLE:
            lock = self._locks.get(summary.id)
            return lock.holder if lock is not None else None
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
        lock = self._locks.get(summary.id)
        if lock is not None:
            parts.insert(0, self.tr("Being edited by {0}").format(lock.holder))
        return " · ".join(part for part in parts if part)

    def _tooltip(self, summary: ArticleSummary) -> str:
        updated = summary.updated_at.astimezone(self._timezone).strftime("%Y-%m-%d %H:%M")
        lines = [summary.headline, summary.subtitle, self.tr("Updated {0}").format(updated)]
        lock = self._locks.get(summary.id)
        if lock is not None:
            since = lock.since.astimezone(self._timezone).strftime("%H:%M")
            lines.append(
                self.tr("Being edited by {0} on {1} since {2}").format(
                    lock.holder, lock.machine, since
                )
            )
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


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Ascending row numbers as (first, last) runs of neighbours."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


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
    model_class = ArticleListModel  # the Incoming view lists with its own (ui/incoming.py)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.model = self.model_class(session, self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.search_words())
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.search_words())
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
        self.model.aboutToMerge.connect(self._remember_top)
        self._wanted_id: int | None = None
        self._top_id: int | None = None
        self._merging = False
        self.apply_query()

    def search_words(self) -> str:
        return self.tr("Search articles")

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
        # A search lists the newest matches first in the orders above; this ranks them all.
        self.order.addItem(self.tr("Best match"), "best")

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
        """Read the loaded rows again (after a save, or another editor's change), in place.

        The selection stays with its articles. At the top of the list, new
        articles appear above; scrolled down, the article at the top of the
        view stays there.
        """
        self.model.refresh()

    def _remember_top(self) -> None:
        # Rows about to go may take the current row with them: Qt then makes a neighbour
        # current, which is not the editor choosing an article.
        self._merging = True
        top = self.view.rowAt(0)
        scrolled = self.view.verticalScrollBar().value() > 0
        self._top_id = self.model.summary(top).id if scrolled and top >= 0 else None

    def _keep_top(self) -> None:
        row = None if self._top_id is None else self.model.row_of(self._top_id)
        self._top_id = None
        if row is not None:
            self.view.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)

    def select_article(self, article_id: int | None) -> None:
        """Follow the editor: the article's row current (once it is loaded), else no row.

        ``None`` (a new article) or an article the list does not show leaves no row
        current or selected, so nothing looks like the article being edited but is not.
        """
        self._wanted_id = article_id
        self._select_wanted()

    def _loaded(self) -> None:
        self._merging = False
        self._keep_top()
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
        if current.isValid() and not self._merging:
            article_id = self.model.summary(current.row()).id
            self._wanted_id = article_id
            self.articleActivated.emit(article_id)
