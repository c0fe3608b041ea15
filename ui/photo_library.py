"""The photo library window: thumbnail grid, search, details, batch captioning, code table.

Also ``choose_photo``, the modal picker the editor's photo panel uses. The grid
is a QListView in icon mode over ``PhotoModel``, which fetches the library a
page at a time and decodes thumbnails (the 320 px renditions) on the read
pool; nothing here touches the newsroom file on the UI thread.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractListModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QIcon, QImage, QKeySequence, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from newsroom.errors import NewsroomError
from newsroom.photos import THUMBNAIL_WIDTH, ImageError
from newsroom.photos import codes as code_table
from newsroom.photos.library import PLACEHOLDERS, Photo, TemplateError, fill_template
from newsroom.store import Newsroom
from ui.session import Session

ICON_SIZE = QSize(160, 120)
GRID_SIZE = QSize(180, 156)
PAGE_SIZE = 60
SEARCH_LIMIT = 500
THUMBNAIL_CACHE = 1_000
PhotoRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


def guarded(owner: QObject, callback: Callable[..., None]) -> Callable[..., None]:
    """``callback``, skipped once ``owner`` is gone (a task may finish after its window closed)."""

    def call(*args: Any) -> None:
        if shiboken6.isValid(owner):
            callback(*args)

    return call


def one_line_error(error: BaseException) -> str:
    """What a failure says to the editor: one line, never a traceback."""
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]


@dataclass(frozen=True)
class PhotoQuery:
    """What the grid shows: a full-text search and filters (ISO dates, creator)."""

    text: str = ""
    since: str | None = None
    until: str | None = None
    creator: str | None = None

    @property
    def filtered(self) -> bool:
        return bool(self.since or self.until or self.creator)


def _search(newsroom: Newsroom, query: PhotoQuery) -> list[Photo]:
    """Search results, best first, kept only when they also pass the filters."""
    found = newsroom.search_photos(query.text, limit=SEARCH_LIMIT)
    if not query.filtered:
        return found
    allowed = {
        photo.id
        for photo in newsroom.photo_list(
            since=query.since, until=query.until, creator=query.creator
        )
    }
    return [photo for photo in found if photo.id in allowed]


def _thumbnail(newsroom: Newsroom, sha256: str) -> QImage:
    """The 320 px rendition decoded and scaled to the grid's icon size (worker thread)."""
    rendition = newsroom.rendition(sha256, THUMBNAIL_WIDTH, "jpeg")
    image = QImage.fromData(rendition.data)
    if image.isNull():
        raise ImageError("the thumbnail could not be decoded")
    return image.scaled(
        ICON_SIZE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


def photo_label(photo: Photo) -> str:
    text = photo.description or photo.headline or Path(photo.filename).name
    return text if len(text) <= 40 else text[:39] + "…"


class PhotoModel(QAbstractListModel):
    """The library as a flat list, fetched in pages; thumbnails decoded off the UI thread."""

    loaded = Signal()  # a page or a search result arrived
    failed = Signal(str)  # one line

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self._session = session
        self._photos: list[Photo] = []
        self._query = PhotoQuery()
        self._more = True
        self._fetching = False
        self._generation = 0
        self._icons: OrderedDict[str, QIcon | None] = OrderedDict()
        self._decoding: set[str] = set()
        self._blank = self._placeholder()

    # --- what the view asks ---------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._photos)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid() or index.row() >= len(self._photos):
            return None
        photo = self._photos[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return photo_label(photo)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(photo.sha256)
        if role == Qt.ItemDataRole.ToolTipRole:
            return photo.description or Path(photo.filename).name
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return photo_label(photo)
        if role == PhotoRole:
            return photo
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        query, offset, generation = self._query, len(self._photos), self._generation
        newsroom = self._session.newsroom
        if query.text.strip():
            work = partial(_search, newsroom, query)
        else:
            work = partial(
                newsroom.photo_list, since=query.since, until=query.until,
                creator=query.creator, limit=PAGE_SIZE, offset=offset,
            )  # fmt: skip
        self._session.tasks.read(
            work,
            done=guarded(self, partial(self._arrived, generation, bool(query.text.strip()))),
            failed=guarded(self, partial(self._failed, generation)),
        )

    # --- the model's own API ---------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._fetching or bool(self._decoding)

    @property
    def query(self) -> PhotoQuery:
        return self._query

    def photo(self, row: int) -> Photo:
        return self._photos[row]

    def photos(self) -> list[Photo]:
        return list(self._photos)

    def set_query(self, query: PhotoQuery) -> None:
        """Show this search (or the whole library); the rows come back through fetchMore."""
        self.beginResetModel()
        self._query = query
        self._photos = []
        self._more = True
        self._fetching = False
        self._generation += 1
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def refresh(self) -> None:
        self.set_query(self._query)

    def update_photos(self, photos: Sequence[Photo]) -> None:
        """Newer records of photos already shown (after batch captioning)."""
        fresh = {photo.id: photo for photo in photos}
        for row, shown in enumerate(self._photos):
            if shown.id in fresh:
                self._photos[row] = fresh[shown.id]
                index = self.index(row)
                self.dataChanged.emit(index, index)

    def thumbnail(self, sha256: str) -> QIcon | None:
        """The cached thumbnail, if it has been decoded."""
        return self._icons.get(sha256)

    # --- behind the scenes -----------------------------------------------------

    def _arrived(self, generation: int, searched: bool, photos: list[Photo]) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        known = {photo.id for photo in self._photos}
        fresh = [photo for photo in photos if photo.id not in known]
        if fresh:
            first = len(self._photos)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._photos.extend(fresh)
            self.endInsertRows()
        self._more = not searched and len(photos) == PAGE_SIZE
        self.loaded.emit()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self._more = False
        self.failed.emit(one_line_error(error))
        self.loaded.emit()

    def _icon(self, sha256: str) -> QIcon:
        if sha256 in self._icons:
            self._icons.move_to_end(sha256)
            return self._icons[sha256] or self._blank
        if sha256 not in self._decoding:
            self._decoding.add(sha256)
            self._session.tasks.read(
                partial(_thumbnail, self._session.newsroom, sha256),
                done=guarded(self, partial(self._decoded, sha256)),
                failed=guarded(self, partial(self._undecodable, sha256)),
            )
        return self._blank

    def _decoded(self, sha256: str, image: QImage) -> None:
        self._store_icon(sha256, QIcon(QPixmap.fromImage(image)))

    def _undecodable(self, sha256: str, _error: BaseException) -> None:
        self._store_icon(sha256, None)  # shown blank, not asked again

    def _store_icon(self, sha256: str, icon: QIcon | None) -> None:
        self._decoding.discard(sha256)
        self._icons[sha256] = icon
        while len(self._icons) > THUMBNAIL_CACHE:
            self._icons.popitem(last=False)
        for row, photo in enumerate(self._photos):
            if photo.sha256 == sha256:
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    @staticmethod
    def _placeholder() -> QIcon:
        pixmap = QPixmap(ICON_SIZE)
        pixmap.fill(QPalette().color(QPalette.ColorRole.Midlight))
        return QIcon(pixmap)


class PhotoBrowser(QWidget):
    """Search box, filters and the thumbnail grid: shared by the window and the picker."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PhotoModel(session, self)
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
        self.model.failed.connect(self.status.setText)
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


class PhotoDetails(QWidget):
    """The selected photo: its own metadata (read-only) and the articles using it."""

    FIELDS = (
        "description", "credit", "creator", "copyright", "headline", "title", "city",
        "country", "date_created", "camera",
    )  # fmt: skip

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._photo: Photo | None = None
        self.picture = QLabel(self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumHeight(ICON_SIZE.height())
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        labels = {
            "file": self.tr("File"),
            "size": self.tr("Size"),
            "description": self.tr("Description"),
            "credit": self.tr("Credit"),
            "creator": self.tr("Creator"),
            "copyright": self.tr("Copyright"),
            "headline": self.tr("Headline"),
            "title": self.tr("Title"),
            "city": self.tr("City"),
            "country": self.tr("Country"),
            "date_created": self.tr("Date created"),
            "keywords": self.tr("Keywords"),
            "camera": self.tr("Camera"),
        }
        for key, label in labels.items():
            value = QLabel(self)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(label)
            form.addRow(label, value)
            self.values[key] = value
        self.users = QListWidget(self)
        self.users.setAccessibleName(self.tr("Articles using this photo"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Used in"), self))
        layout.addWidget(self.users, 1)

    def show_photo(self, photo: Photo | None, icon: QIcon | None = None) -> None:
        self._photo = photo
        self.users.clear()
        if photo is None:
            for value in self.values.values():
                value.clear()
            self.picture.clear()
            return
        self.values["file"].setText(Path(photo.filename).name)
        self.values["size"].setText(
            self.tr("%1 × %2 px, %3, %4 KB")
            .replace("%1", str(photo.width))
            .replace("%2", str(photo.height))
            .replace("%3", photo.format.upper())
            .replace("%4", str(max(1, photo.byte_size // 1024)))
        )
        for key in self.FIELDS:
            self.values[key].setText(str(getattr(photo.metadata, key)))
        self.values["keywords"].setText(", ".join(photo.keywords))
        self.picture.setPixmap(icon.pixmap(ICON_SIZE) if icon else QPixmap())
        self._session.tasks.read(
            partial(self._session.newsroom.photo_users, photo.id),
            done=guarded(self, partial(self._show_users, photo.id)),
            failed=guarded(self, lambda error: self.users.addItem(one_line_error(error))),
        )

    def _show_users(self, photo_id: int, users: list[Any]) -> None:
        if self._photo is None or self._photo.id != photo_id:
            return
        self.users.clear()
        for summary in users:
            self.users.addItem(f"{summary.headline} ({summary.status.value})")
        if not users:
            self.users.addItem(self.tr("No article uses this photo"))


class PhotoLibraryWindow(QMainWindow):
    """The photo library: browse, search, import, caption in batches, edit the code table."""

    codesChanged = Signal(dict)  # the code table as saved

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setWindowTitle(self.tr("Photo library — Newsroom"))
        self.browser = PhotoBrowser(session, self)
        self.details = PhotoDetails(session, self)
        splitter = QSplitter(self)
        splitter.addWidget(self.browser)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.problems = QListWidget(self)
        self.problems.setAccessibleName(self.tr("Files that could not be imported"))
        self.problems.setMaximumHeight(90)
        self.problems.hide()
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.problems)
        self.setCentralWidget(central)
        self.caption_dialog: BatchCaptionDialog | None = None
        self.codes_dialog: CodeTableDialog | None = None
        self._importing = False

        toolbar = self.addToolBar(self.tr("Photos"))
        toolbar.setObjectName("photo-library-toolbar")
        self.import_action = QAction(self.tr("Import photos…"), self)
        self.import_action.setShortcut(QKeySequence.StandardKey.Open)
        self.import_action.triggered.connect(self.import_photos)
        self.caption_action = QAction(self.tr("Batch caption…"), self)
        self.caption_action.setEnabled(False)
        self.caption_action.triggered.connect(self.batch_caption)
        self.codes_action = QAction(self.tr("Code replacements…"), self)
        self.codes_action.triggered.connect(self.edit_codes)
        self.refresh_action = QAction(self.tr("Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(self.browser.model.refresh)
        find = QAction(self.tr("Find"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.browser.search.setFocus)
        close = QAction(self.tr("Close"), self)
        close.setShortcut(QKeySequence.StandardKey.Close)
        close.triggered.connect(self.close)
        for action in (self.import_action, self.caption_action, self.codes_action,
                       self.refresh_action):  # fmt: skip
            toolbar.addAction(action)
        self.addAction(find)
        self.addAction(close)

        selection = self.browser.view.selectionModel()
        selection.selectionChanged.connect(self._selection_changed)
        selection.currentChanged.connect(self._current_changed)
        self.resize(1000, 640)

    # --- overridable in tests -----------------------------------------------------

    @classmethod
    def ask_photos(cls, parent: QWidget) -> list[Path]:
        files, _ = QFileDialog.getOpenFileNames(
            parent,
            parent.tr("Import photos"),
            "",
            parent.tr("Photos (*.jpg *.jpeg *.png *.webp *.tif *.tiff *.gif *.heic *.heif)"),
        )
        return [Path(name) for name in files]

    # --- actions -------------------------------------------------------------------

    def import_photos(self) -> None:
        if self._importing:
            return
        files = type(self).ask_photos(self)
        if not files:
            return
        self._importing = True
        self.import_action.setEnabled(False)
        self.browser.status.setText(
            self.tr("Importing 1 photo…")
            if len(files) == 1
            else self.tr("Importing %n photos…", "", len(files))
        )
        self._session.tasks.write(
            partial(_import_files, self._session.newsroom, files),
            done=guarded(self, self._imported),
            failed=guarded(self, self._import_failed),
        )

    def batch_caption(self) -> BatchCaptionDialog | None:
        photos = self.browser.selected_photos()
        if not photos:
            return None
        dialog = BatchCaptionDialog(self._session, photos, self)
        dialog.captioned.connect(self._captioned)
        self.caption_dialog = dialog
        dialog.open()
        return dialog

    def edit_codes(self) -> CodeTableDialog:
        dialog = CodeTableDialog(self._session, self)
        dialog.saved.connect(self.codesChanged)
        self.codes_dialog = dialog
        dialog.open()
        return dialog

    # --- results -------------------------------------------------------------------

    def _imported(self, report: tuple[int, list[str]]) -> None:
        self._importing = False
        self.import_action.setEnabled(True)
        count, problems = report
        self.problems.clear()
        self.problems.addItems(problems)
        self.problems.setVisible(bool(problems))
        message = (
            self.tr("Imported 1 photo") if count == 1 else self.tr("Imported %n photos", "", count)
        )
        if problems:
            message += (
                self.tr("; 1 file could not be imported")
                if len(problems) == 1
                else self.tr("; %n files could not be imported", "", len(problems))
            )
        self.browser.model.refresh()
        self.browser.status.setText(message)
        self.browser.model.loaded.connect(self._keep_import_message)
        self._import_message = message

    def _keep_import_message(self) -> None:
        self.browser.model.loaded.disconnect(self._keep_import_message)
        self.browser.status.setText(self._import_message)

    def _import_failed(self, error: BaseException) -> None:
        self._importing = False
        self.import_action.setEnabled(True)
        self.browser.status.setText(one_line_error(error))

    def _captioned(self, photos: list[Photo]) -> None:
        self.browser.model.update_photos(photos)
        self._current_changed()
        self.browser.status.setText(
            self.tr("Captioned 1 photo")
            if len(photos) == 1
            else self.tr("Captioned %n photos", "", len(photos))
        )

    def _selection_changed(self) -> None:
        self.caption_action.setEnabled(self.browser.view.selectionModel().hasSelection())

    def _current_changed(self) -> None:
        photo = self.browser.current_photo()
        icon = self.browser.model.thumbnail(photo.sha256) if photo else None
        self.details.show_photo(photo, icon)


def _import_files(newsroom: Newsroom, files: Sequence[Path]) -> tuple[int, list[str]]:
    """Import each file (writer thread); the bad ones come back with one line each."""
    count = 0
    problems: list[str] = []
    for path in files:
        try:
            newsroom.import_photo(path.read_bytes(), filename=path.name)
        except (NewsroomError, ImageError) as error:
            problems.append(f"{path.name}: {one_line_error(error)}")
        except OSError as error:
            problems.append(f"{path.name}: {error.strerror or one_line_error(error)}")
        else:
            count += 1
    return count, problems


class BatchCaptionDialog(QDialog):
    """Caption many photos from one template; credit and copyright for all of them."""

    captioned = Signal(list)  # the photos' new records

    def __init__(self, session: Session, photos: Sequence[Photo], parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._photos = list(photos)
        self._codes: dict[str, str] = {}
        self.setWindowTitle(
            self.tr("Batch caption 1 photo")
            if len(self._photos) == 1
            else self.tr("Batch caption %n photos", "", len(self._photos))
        )
        self.template = QLineEdit(self)
        self.template.setAccessibleName(self.tr("Caption template"))
        self.template.setPlaceholderText(self.tr("e.g. {city}, {date}: … (empty: leave as is)"))
        names = " ".join("{" + name + "}" for name in PLACEHOLDERS)
        self.placeholders = QLabel(self.tr("Placeholders: %1").replace("%1", names), self)
        self.placeholders.setWordWrap(True)
        self.preview = QLabel(self)
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName(self.tr("Caption of the first photo"))
        self.credit = QLineEdit(self)
        self.credit.setAccessibleName(self.tr("Credit"))
        self.credit.setPlaceholderText(self.tr("empty: leave as is"))
        self.copyright = QLineEdit(self)
        self.copyright.setAccessibleName(self.tr("Copyright"))
        self.copyright.setPlaceholderText(self.tr("empty: leave as is"))
        self.error = QLabel(self)
        self.error.setAccessibleName(self.tr("Error"))
        self.error.setWordWrap(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Caption"), self.template)
        form.addRow("", self.placeholders)
        form.addRow(self.tr("First photo"), self.preview)
        form.addRow(self.tr("Credit"), self.credit)
        form.addRow(self.tr("Copyright"), self.copyright)
        form.addRow(self.error)
        form.addRow(self.buttons)
        self.template.textChanged.connect(self.update_preview)
        session.tasks.read(session.newsroom.codes, done=guarded(self, self._have_codes))
        self.update_preview()

    def update_preview(self) -> None:
        template = self.template.text()
        if not template.strip() or not self._photos:
            self.preview.setText(self.tr("(captions stay as they are)"))
            self.error.clear()
            return
        try:
            filled = fill_template(template, self._photos[0].metadata)
        except TemplateError as error:
            self.error.setText(one_line_error(error))
            self.preview.clear()
            return
        self.error.clear()
        self.preview.setText(code_table.expand(filled, self._codes))

    def apply(self) -> None:
        template = self.template.text()
        caption = template if template.strip() else None
        credit = self.credit.text() or None
        copyright_ = self.copyright.text() or None
        if caption is not None:
            try:
                fill_template(caption, self._photos[0].metadata)
            except TemplateError as error:
                self.error.setText(one_line_error(error))
                return
        if caption is None and credit is None and copyright_ is None:
            self.reject()
            return
        self.buttons.setEnabled(False)
        newsroom = self._session.newsroom
        self._session.tasks.write(
            partial(
                newsroom.batch_caption,
                [photo.id for photo in self._photos],
                caption=caption,
                credit=credit,
                copyright=copyright_,
            ),
            done=guarded(self, self._done),
            failed=guarded(self, self._failed),
        )

    def _have_codes(self, table: dict[str, str]) -> None:
        self._codes = table
        self.update_preview()

    def _done(self, photos: list[Photo]) -> None:
        self.captioned.emit(photos)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(one_line_error(error))


class CodeTableDialog(QDialog):
    """The code replacements (=lav= → full text) as an editable table; TSV in and out."""

    saved = Signal(dict)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setWindowTitle(self.tr("Code replacements"))
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Text")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(self.tr("Code replacements"))
        self.add_button = QPushButton(self.tr("Add row"), self)
        self.remove_button = QPushButton(self.tr("Remove row"), self)
        self.import_button = QPushButton(self.tr("Import TSV…"), self)
        self.export_button = QPushButton(self.tr("Export TSV…"), self)
        self.error = QLabel(self)
        self.error.setAccessibleName(self.tr("Error"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        row = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.import_button,
                       self.export_button):  # fmt: skip
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_rows)
        self.import_button.clicked.connect(self.import_tsv)
        self.export_button.clicked.connect(self.export_tsv)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.loaded = False
        self.resize(560, 420)
        session.tasks.read(
            session.newsroom.codes,
            done=guarded(self, self._load),
            failed=guarded(self, self._failed),
        )

    # --- overridable in tests --------------------------------------------------

    @classmethod
    def ask_open(cls, parent: QWidget) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            parent, parent.tr("Import code replacements"), "",
            parent.tr("Tab-separated text (*.tsv *.txt);;All files (*)"),
        )  # fmt: skip
        return Path(name) if name else None

    @classmethod
    def ask_save(cls, parent: QWidget) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            parent, parent.tr("Export code replacements"), "codes.tsv",
            parent.tr("Tab-separated text (*.tsv *.txt)"),
        )  # fmt: skip
        return Path(name) if name else None

    # --- editing ---------------------------------------------------------------------

    def rows(self) -> list[tuple[str, str]]:
        def cell(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return item.text() if item is not None else ""

        return [(cell(row, 0), cell(row, 1)) for row in range(self.table.rowCount())]

    def set_table(self, table: dict[str, str]) -> None:
        self.table.setRowCount(0)
        for code, text in sorted(table.items()):
            self._append(f"={code}=", text)

    def add_row(self) -> None:
        self._append("", "")
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, 0)
        item = self.table.item(row, 0)
        if item is not None:
            self.table.editItem(item)

    def remove_rows(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)

    def import_tsv(self) -> None:
        path = type(self).ask_open(self)
        if path is None:
            return
        try:
            table = code_table.parse_table(path.read_text(encoding="utf-8"), path.name)
        except NewsroomError as error:
            self.error.setText(one_line_error(error))
            return
        except (OSError, UnicodeDecodeError) as error:
            self.error.setText(f"{path.name}: {one_line_error(error)}")
            return
        self.set_table(table)
        self.error.clear()

    def export_tsv(self) -> None:
        table = self._checked()
        if table is None:
            return
        path = type(self).ask_save(self)
        if path is None:
            return
        try:
            path.write_text(code_table.format_table(table), encoding="utf-8")
        except OSError as error:
            self.error.setText(f"{path.name}: {error.strerror or one_line_error(error)}")

    def save(self) -> None:
        table = self._checked()
        if table is None:
            return
        self.buttons.setEnabled(False)
        self._session.tasks.write(
            partial(self._session.newsroom.set_codes, table), done=guarded(self, self._saved),
            failed=guarded(self, self._failed),
        )  # fmt: skip

    # --- behind the scenes ----------------------------------------------------------

    def _checked(self) -> dict[str, str] | None:
        try:
            table = code_table.parse_rows(self.rows())
        except NewsroomError as error:
            self.error.setText(one_line_error(error))
            return None
        self.error.clear()
        return table

    def _append(self, code: str, text: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(code))
        self.table.setItem(row, 1, QTableWidgetItem(text))

    def _load(self, table: dict[str, str]) -> None:
        self.set_table(table)
        self.loaded = True

    def _saved(self, table: dict[str, str]) -> None:
        self.saved.emit(table)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(one_line_error(error))


class PhotoPicker(QDialog):
    """Pick one photo of the library: double-click it, or select it and press OK."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Choose a photo"))
        self.browser = PhotoBrowser(session, self)
        self.browser.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.buttons)
        self.browser.view.doubleClicked.connect(self._double_clicked)
        self.browser.view.selectionModel().currentChanged.connect(self._current_changed)
        self.resize(820, 560)

    def chosen(self) -> Photo | None:
        return self.browser.current_photo()

    def _current_changed(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.chosen() is not None)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.browser.view.setCurrentIndex(index)
            self.accept()


def choose_photo(session: Session, parent: QWidget | None) -> Photo | None:
    """Show the library as a modal picker; the chosen photo, or None when cancelled."""
    picker = PhotoPicker(session, parent)
    try:
        if picker.exec() == QDialog.DialogCode.Accepted:
            return picker.chosen()
        return None
    finally:
        picker.deleteLater()
