"""The photo library window: the grid, the details, importing, batch captioning, the code table."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QListWidget,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from newsroom.errors import NewsroomError
from newsroom.outside_files import read_outside
from newsroom.photos import ImageError
from newsroom.photos.library import Photo
from newsroom.store import Newsroom
from ui import file_dialogs
from ui.errors import one_line
from ui.photos.batch_caption import BatchCaptionDialog
from ui.photos.browser import PhotoBrowser
from ui.photos.code_table import CodeTableDialog
from ui.photos.details import PhotoDetails
from ui.session import Session
from ui.tasks import guarded

# Wide enough for the details' labels beside values of a few words each.
DETAILS_MIN_WIDTH = 300


class PhotoLibraryWindow(QMainWindow):
    """The photo library: browse, search, import, caption in batches, edit the code table."""

    codesChanged = Signal(dict)  # the code table as saved

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setWindowTitle(self.tr("Photo library — Newsroom"))
        self.browser = PhotoBrowser(session, self)
        self.details = PhotoDetails(session, self)
        splitter = self._build_splitter()
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

        self._build_actions()

        self.browser.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.browser.currentPhotoChanged.connect(self._show_current)
        self.resize(1000, 640)

    def _build_splitter(self) -> QSplitter:
        """The grid beside the details; the details scroll down, never sideways."""
        self.details_area = QScrollArea(self)
        self.details_area.setWidgetResizable(True)
        self.details_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.details_area.setFrameShape(QFrame.Shape.NoFrame)
        self.details_area.setWidget(self.details)
        self.details_area.setMinimumWidth(DETAILS_MIN_WIDTH)
        splitter = QSplitter(self)
        splitter.addWidget(self.browser)
        splitter.addWidget(self.details_area)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        return splitter

    def _build_actions(self) -> None:
        """The toolbar and the window's shortcuts."""
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

    # --- overridable in tests -----------------------------------------------------

    @classmethod
    def ask_photos(cls, parent: QWidget) -> list[Path]:
        return file_dialogs.open_files(
            parent,
            parent.tr("Import photos"),
            parent.tr("Photos (*.jpg *.jpeg *.png *.webp *.tif *.tiff *.gif *.heic *.heif)"),
        )

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
        self.browser.status.setText(one_line(error))

    def _captioned(self, photos: list[Photo]) -> None:
        self.browser.model.update_photos(photos)
        self._show_current(self.browser.current_photo())
        self.browser.status.setText(
            self.tr("Captioned 1 photo")
            if len(photos) == 1
            else self.tr("Captioned %n photos", "", len(photos))
        )

    def _selection_changed(self) -> None:
        self.caption_action.setEnabled(self.browser.view.selectionModel().hasSelection())

    def _show_current(self, photo: Photo | None) -> None:
        icon = self.browser.model.thumbnail(photo.sha256) if photo else None
        self.details.show_photo(photo, icon)
        self._selection_changed()  # a search may have emptied the selection too


def _import_files(newsroom: Newsroom, files: Sequence[Path]) -> tuple[int, list[str]]:
    """Import each file (writer thread); the bad ones come back with one line each."""
    count = 0
    problems: list[str] = []
    for path in files:
        try:
            newsroom.photos.import_photo(read_outside(path, path.name), filename=path.name)
        except (NewsroomError, ImageError) as error:
            problems.append(f"{path.name}: {one_line(error)}")
        except OSError as error:
            problems.append(one_line(error))  # names the file itself
        else:
            count += 1
    return count, problems
