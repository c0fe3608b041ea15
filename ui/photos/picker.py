"""The modal photo picker the editor's photo panel uses (``choose_photo``)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from newsroom.photos.library import Photo
from ui.photos.browser import PhotoBrowser
from ui.session import Session
from ui.sizing import fit_to_content


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
        self.browser.view.activated.connect(self._double_clicked)  # Return on a photo
        self.browser.currentPhotoChanged.connect(self._current_changed)
        # From the keyboard: the grid has the focus, its first photo current, so arrows
        # move and Return takes the photo (the search box is a Shift+Tab away).
        self.browser.model.loaded.connect(
            self._first_current,
            Qt.ConnectionType.SingleShotConnection,  # on opening only
        )
        self.browser.view.setFocus()
        self.browser.view.setMinimumSize(self.browser.grid_size(columns=4, rows=2))
        fit_to_content(self)

    def chosen(self) -> Photo | None:
        return self.browser.current_photo()

    def _current_changed(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.chosen() is not None)

    def _first_current(self) -> None:
        view = self.browser.view
        if not view.currentIndex().isValid() and view.model().rowCount() > 0:
            view.setCurrentIndex(view.model().index(0, 0))

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
