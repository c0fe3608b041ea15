"""Batch captioning: many photos captioned from one template, credit and copyright for all."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from newsroom.photos import codes as code_table
from newsroom.photos.library import PLACEHOLDERS, Photo, TemplateError, fill_template
from ui.errors import one_line
from ui.session import Session
from ui.sizing import LINE_FIELD_CHARACTERS, characters_wide, fit_to_content
from ui.tasks import guarded


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
        session.tasks.read(session.newsroom.photos.codes, done=guarded(self, self._have_codes))
        self.update_preview()
        for field in (self.template, self.credit, self.copyright):
            field.setMinimumWidth(characters_wide(field, LINE_FIELD_CHARACTERS))
        fit_to_content(self)

    def update_preview(self) -> None:
        template = self.template.text()
        if not template.strip() or not self._photos:
            self.preview.setText(self.tr("(captions stay as they are)"))
            self.error.clear()
            return
        try:
            filled = fill_template(template, self._photos[0].metadata)
        except TemplateError as error:
            self.error.setText(one_line(error))
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
                self.error.setText(one_line(error))
                return
        if caption is None and credit is None and copyright_ is None:
            self.reject()
            return
        self.buttons.setEnabled(False)
        newsroom = self._session.newsroom
        self._session.tasks.write(
            partial(
                newsroom.photos.batch_caption,
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
        self.error.setText(one_line(error))
