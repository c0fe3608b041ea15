"""The photo library as a Qt model: fetched a page at a time, thumbnails decoded off the UI thread.

``PhotoModel`` lists the library (or a search of it, ``PhotoQuery``) for the grid;
thumbnails (the 320 px renditions) are decoded on the read pool and cached, so
nothing here touches the newsroom file on the UI thread.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPalette, QPixmap

from newsroom.photos import THUMBNAIL_WIDTH
from newsroom.photos.library import Photo
from newsroom.store import Newsroom
from ui.errors import one_line
from ui.photos.pixels import Pixels, decode, to_image
from ui.session import Session
from ui.tasks import guarded

ICON_SIZE = QSize(160, 120)
ICON_FIT = (ICON_SIZE.width(), ICON_SIZE.height())  # plain ints: the worker calls no Qt
GRID_SIZE = QSize(180, 156)
PAGE_SIZE = 60
SEARCH_LIMIT = 500
THUMBNAIL_CACHE = 1_000
PhotoRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


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
    found = newsroom.photos.search(query.text, limit=SEARCH_LIMIT)
    if not query.filtered:
        return found
    allowed = {
        photo.id
        for photo in newsroom.photos.find(
            since=query.since, until=query.until, creator=query.creator
        )
    }
    return [photo for photo in found if photo.id in allowed]


def _thumbnail(newsroom: Newsroom, sha256: str) -> Pixels:
    """The 320 px rendition decoded and scaled to the grid's icon size (worker thread)."""
    rendition = newsroom.photos.rendition(sha256, THUMBNAIL_WIDTH, "jpeg")
    return decode(rendition.data, ICON_FIT)


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
                newsroom.photos.find, since=query.since, until=query.until,
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
        self.failed.emit(one_line(error))
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

    def _decoded(self, sha256: str, pixels: Pixels) -> None:
        self._store_icon(sha256, QIcon(QPixmap.fromImage(to_image(pixels))))

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
