"""Search box, filters and the thumbnail grid: shared by the library window and the picker."""

from __future__ import annotations

from PySide6.QtCore import QDate, QModelIndex, QSize, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from newsroom.photos.library import Photo
from ui.photos.model import GRID_SIZE, ICON_SIZE, PhotoModel, PhotoQuery
from ui.session import Session


class PhotoBrowser(QWidget):
    """Search box, filters and the thumbnail grid: shared by the window and the picker.

    ``currentPhotoChanged`` follows the grid: the current photo, or None when a
    search or refresh took it out of the grid. A photo that is still in the
    new results stays current.
    """

    currentPhotoChanged = Signal(object)  # Photo | None

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PhotoModel(session, self)
        self._keep_current: int | None = None  # the photo to find again in new results
        filters = self._filters()
        self.view = QListView(self)
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setUniformItemSizes(True)
        self.view.setIconSize(ICON_SIZE)
        self.view.setGridSize(GRID_SIZE)
        self.view.setWordWrap(False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAccessibleName(self.tr("Photos"))
        self.view.setModel(self.model)

        self.status = QLabel(self)
        self.status.setWordWrap(False)
        self.status.setAccessibleName(self.tr("Photo library status"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)

        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.apply_query)
        self.search.textChanged.connect(self._debounce.start)
        self.creator.textChanged.connect(self._debounce.start)
        for box, edit in ((self.use_since, self.since), (self.use_until, self.until)):
            edit.setEnabled(False)
            box.toggled.connect(edit.setEnabled)
            box.toggled.connect(self._debounce.start)
        for edit in (self.since, self.until):
            edit.dateChanged.connect(self._filter_date_changed)
        self.search.returnPressed.connect(self.apply_query)
        self.model.loaded.connect(self._show_count)
        self.model.loaded.connect(self._find_current_again)
        self.model.failed.connect(self.status.setText)
        # A reset empties the grid without a currentChanged of its own.
        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.model.modelReset.connect(self._current_changed)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.model.fetchMore(QModelIndex())

    def _filters(self) -> QHBoxLayout:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search captions, credits, keywords…"))
        self.search.setAccessibleName(self.tr("Search photos"))
        self.search.setClearButtonEnabled(True)

        self.use_since = QCheckBox(self.tr("From"), self)
        self.use_since.setAccessibleName(self.tr("Filter by earliest date created"))
        self.since = QDateEdit(QDate.currentDate().addYears(-1), self)
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.since.setAccessibleName(self.tr("Earliest date created"))
        self.use_until = QCheckBox(self.tr("to"), self)
        self.use_until.setAccessibleName(self.tr("Filter by latest date created"))
        self.until = QDateEdit(QDate.currentDate(), self)
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd")
        self.until.setAccessibleName(self.tr("Latest date created"))
        self.creator = QLineEdit(self)
        self.creator.setPlaceholderText(self.tr("Creator"))
        self.creator.setAccessibleName(self.tr("Filter by creator"))
        self.creator.setClearButtonEnabled(True)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.use_since)
        filters.addWidget(self.since)
        filters.addWidget(self.use_until)
        filters.addWidget(self.until)
        filters.addWidget(self.creator, 1)
        return filters

    def grid_size(self, *, columns: int, rows: int) -> QSize:
        """The grid's size to show ``columns`` × ``rows`` thumbnails with their names."""
        frame = 2 * self.view.frameWidth()
        scroll_bar = self.view.verticalScrollBar().sizeHint().width()
        # Twice the scroll bar: the icon layout keeps room for one it might need, even
        # while none is shown, and wraps a row that would run into that room.
        return QSize(
            columns * GRID_SIZE.width() + frame + 2 * scroll_bar,
            rows * GRID_SIZE.height() + frame,
        )

    def current_query(self) -> PhotoQuery:
        def iso(check: QCheckBox, edit: QDateEdit) -> str | None:
            return edit.date().toString("yyyy-MM-dd") if check.isChecked() else None

        creator = self.creator.text().strip()
        return PhotoQuery(
            text=self.search.text().strip(),
            since=iso(self.use_since, self.since),
            until=iso(self.use_until, self.until),
            creator=creator or None,
        )

    def apply_query(self) -> None:
        self._debounce.stop()
        query = self.current_query()
        if query != self.model.query:
            self.model.set_query(query)

    def selected_photos(self) -> list[Photo]:
        rows = sorted(index.row() for index in self.view.selectionModel().selectedIndexes())
        return [self.model.photo(row) for row in rows]

    def current_photo(self) -> Photo | None:
        index = self.view.currentIndex()
        return self.model.photo(index.row()) if index.isValid() else None

    def _remember_current(self) -> None:
        photo = self.current_photo()
        self._keep_current = photo.id if photo is not None else None

    def _find_current_again(self) -> None:
        wanted, self._keep_current = self._keep_current, None
        if wanted is None or self.view.currentIndex().isValid():
            return
        for row, photo in enumerate(self.model.photos()):
            if photo.id == wanted:
                self.view.setCurrentIndex(self.model.index(row))
                return

    def _current_changed(self) -> None:
        self.currentPhotoChanged.emit(self.current_photo())

    def _filter_date_changed(self) -> None:
        if self.use_since.isChecked() or self.use_until.isChecked():
            self._debounce.start()

    def _show_count(self) -> None:
        count = self.model.rowCount()
        if self.model.query.text or self.model.query.filtered:
            self.status.setText(
                self.tr("1 photo found") if count == 1 else self.tr("%n photos found", "", count)
            )
        else:
            self.status.setText(
                self.tr("1 photo in the library")
                if count == 1
                else self.tr("%n photos in the library", "", count)
            )
