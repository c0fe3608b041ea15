"""The photo panel: the article's photo, its caption, credit and alt text.

A photo comes from a dropped file, "Import file…" or the photo library. The
file is stored through the newsroom (``import_photo``, on the writer thread)
and the use's caption and credit are prefilled from the photo's metadata
(``prefilled_use``). Codes such as ``=lav=`` typed in the caption or credit
are replaced as soon as the next character shows the code is finished
(``newsroom.editorial.code_replacement``); unknown codes are flagged.
Attaching, replacing and removing the photo are ``QUndoCommand``s.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QPalette,
    QPixmap,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from newsroom.article import PhotoUse
from newsroom.outside_files import read_outside
from newsroom.photo_desk import PhotoImport, prefilled_use
from newsroom.photos import THUMBNAIL_WIDTH
from newsroom.photos import codes as code_table
from newsroom.photos.library import Photo
from ui import file_dialogs
from ui.errors import one_line
from ui.photos.code_field import CodeField
from ui.photos.facts import photo_facts
from ui.photos.pixels import Pixels, decode, to_image
from ui.session import Session
from ui.text_fields import LineField

IMAGE_SUFFIXES = frozenset(
    {".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".gif", ".heic", ".heif"}
)
# Shown smaller than the 320-px rendition it is made from, so the panel fits a narrow editor.
SHOWN_WIDTH = 200
SHOWN_HEIGHT = 134


@dataclasses.dataclass(frozen=True)
class _State:
    use: PhotoUse | None
    photo: Photo | None


class _PhotoCommand(QUndoCommand):
    def __init__(self, panel: PhotoPanel, old: _State, new: _State, text: str) -> None:
        super().__init__(text)
        self._panel = panel
        self._old = old
        self._new = new
        self._generation = panel.generation

    def _apply(self, state: _State) -> None:
        if self._panel.generation != self._generation:
            self.setObsolete(True)
            return
        self._panel._show(state)
        self._panel.changed.emit()

    def redo(self) -> None:
        self._apply(self._new)

    def undo(self) -> None:
        self._apply(self._old)


class PhotoPanel(QWidget):
    """The article's photo. ``changed`` on every user change, never on ``load``."""

    changed = Signal()
    thumbnailShown = Signal()
    codesLoaded = Signal()

    def __init__(
        self, session: Session, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.undo_stack = undo_stack
        self.codes: dict[str, str] = {}
        self.generation = 0
        self._state = _State(None, None)
        self._loading = False
        self.setAcceptDrops(True)
        self._build_fields()
        self._build_metadata()
        self._build_layout()
        self.library_button.clicked.connect(self.choose_from_library)
        self.import_button.clicked.connect(self.import_from_dialog)
        self.remove_button.clicked.connect(self.remove_photo)
        for field in (self.caption, self.credit, self.alt):
            field.textChanged.connect(self._field_changed)
        for code_field in (self.caption, self.credit):
            code_field.checked.connect(self._check_codes)
        self._show(self._state)
        self.reload_codes()

    def _build_fields(self) -> None:
        self.thumbnail = QLabel(self)
        self.thumbnail.setAccessibleName(self.tr("Photo thumbnail"))
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setFixedSize(QSize(SHOWN_WIDTH, SHOWN_HEIGHT))
        self.thumbnail.setFrameShape(QFrame.Shape.StyledPanel)
        self.thumbnail.setWordWrap(True)

        self.library_button = QPushButton(self.tr("Choose from library…"), self)
        self.library_button.setAccessibleName(self.tr("Choose a photo from the library"))
        self.import_button = QPushButton(self.tr("Import file…"), self)
        self.import_button.setAccessibleName(self.tr("Import a photo file"))
        self.remove_button = QPushButton(self.tr("Remove photo"), self)
        self.remove_button.setAccessibleName(self.tr("Remove the photo"))

        self.caption = CodeField(lambda: self.codes, self)
        self.caption.setAccessibleName(self.tr("Caption"))
        self.caption.setPlaceholderText(self.tr("What the photo shows; codes such as =lav= work"))
        self.credit = CodeField(lambda: self.codes, self)
        self.credit.setAccessibleName(self.tr("Credit"))
        self.alt = LineField(self)
        self.alt.setAccessibleName(self.tr("Alt text"))
        self.alt.setPlaceholderText(self.tr("For readers who cannot see the photo"))
        self.codes_note = QLabel(self)
        self.codes_note.setAccessibleName(self.tr("Unknown codes"))
        self.codes_note.setWordWrap(True)
        self.codes_note.setForegroundRole(QPalette.ColorRole.Link)
        self.codes_note.hide()
        self.status = QLabel(self)
        self.status.setAccessibleName(self.tr("Photo status"))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _build_metadata(self) -> None:
        self.metadata_labels: dict[str, QLabel] = {}
        meta_box = QGroupBox(self.tr("The photo's own metadata"), self)
        meta_form = QFormLayout(meta_box)
        meta_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        names = {
            "description": self.tr("Description"),
            "creator": self.tr("Creator"),
            "copyright": self.tr("Copyright"),
            "city": self.tr("City"),
            "country": self.tr("Country"),
            "date": self.tr("Date"),
            "camera": self.tr("Camera"),
            "size": self.tr("Size"),
        }
        for key, name in names.items():
            label = QLabel(self)
            label.setWordWrap(True)
            label.setAccessibleName(name)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            self.metadata_labels[key] = label
            meta_form.addRow(name, label)
        self.metadata_box = meta_box

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.library_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.thumbnail)
        left.addStretch(1)

        form = QFormLayout()
        form.addRow(self.tr("&Caption"), self.caption)
        form.addRow(self.tr("C&redit"), self.credit)
        form.addRow(self.tr("Alt te&xt"), self.alt)
        form.addRow("", self.codes_note)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.metadata_box)

        top = QHBoxLayout()
        top.addLayout(left)
        top.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.status)

    # --- the editor's side --------------------------------------------------------

    def load(self, use: PhotoUse | None) -> None:
        """Show an article's photo use; no ``changed``, text undo starts afresh."""
        self.generation += 1
        self._show(_State(use, None))
        for field in (self.caption, self.credit, self.alt):
            field.setModified(False)
        if use is not None:
            self._read_record(use.sha256)

    def photo_use(self) -> PhotoUse | None:
        use = self._state.use
        if use is None:
            return None
        return dataclasses.replace(
            use, caption=self.caption.text(), credit=self.credit.text(), alt=self.alt.text()
        )

    def photo(self) -> Photo | None:
        """The library record of the photo shown (once read)."""
        return self._state.photo

    def reload_codes(self) -> None:
        """Read the code table again (the photo library may have changed it)."""
        self.session.tasks.read(self.session.newsroom.photos.codes, done=self._codes_read)

    # --- actions --------------------------------------------------------------------

    @classmethod
    def ask_file(cls, parent: QWidget | None) -> Path | None:
        """The photo file to import, or None (tests override this in a subclass)."""
        suffixes = " ".join(f"*{suffix}" for suffix in sorted(IMAGE_SUFFIXES))
        return file_dialogs.open_file(
            parent,
            cls._tr("Import a photo"),
            cls._tr("Photos ({suffixes})").format(suffixes=suffixes),
        )

    @staticmethod
    def _tr(text: str) -> str:
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate("PhotoPanel", text)

    def import_from_dialog(self) -> None:
        path = self.ask_file(self)
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path) -> None:
        """Store the file as a library photo (on the writer thread), then attach it."""
        newsroom = self.session.newsroom
        self.status.setText(self.tr("Importing {name}…").format(name=path.name))

        def work() -> PhotoImport:
            return newsroom.photos.import_photo(read_outside(path, path.name), filename=path.name)

        self.session.tasks.write(work, done=self._imported, failed=self._failed)

    def choose_from_library(self) -> None:
        from ui.photos.picker import choose_photo  # loads the library's grid on first use

        photo = choose_photo(self.session, self)
        if photo is not None:
            self.attach(photo)

    def attach(self, photo: Photo) -> None:
        """Attach (or replace with) a library photo, caption and credit prefilled."""
        use = prefilled_use(photo)
        use = dataclasses.replace(
            use,
            caption=code_table.expand(use.caption, self.codes),
            credit=code_table.expand(use.credit, self.codes),
        )
        old = _State(self.photo_use(), self._state.photo)
        text = self.tr("Replace photo") if old.use is not None else self.tr("Attach photo")
        self.undo_stack.push(_PhotoCommand(self, old, _State(use, photo), text))
        self.reload_codes()

    def remove_photo(self) -> None:
        if self._state.use is None:
            return
        old = _State(self.photo_use(), self._state.photo)
        self.undo_stack.push(_PhotoCommand(self, old, _State(None, None), self.tr("Remove photo")))

    # --- drag and drop ----------------------------------------------------------------

    def _dropped_file(self, event: QDragEnterEvent | QDropEvent) -> Path | None:
        mime = event.mimeData()
        if not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile():
                path = Path(url.toLocalFile())
                if path.suffix.lower() in IMAGE_SUFFIXES:
                    return path
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_file(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_file(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_file(path)

    # --- showing ----------------------------------------------------------------------

    def _show(self, state: _State) -> None:
        self._state = state
        use = state.use
        self._loading = True
        try:
            self.caption.setText(use.caption if use else "")
            self.credit.setText(use.credit if use else "")
            self.alt.setText(use.alt if use else "")
        finally:
            self._loading = False
        for field in (self.caption, self.credit, self.alt):
            field.setEnabled(use is not None)
        self.remove_button.setEnabled(use is not None)
        self.metadata_box.setVisible(use is not None)
        self._show_metadata(state.photo)
        self._check_codes()
        self.thumbnail.setPixmap(QPixmap())
        if use is None:
            self.thumbnail.setText(self.tr("No photo. Drop a photo file here."))
        else:
            self.thumbnail.setText(self.tr("Loading the photo…"))
            self._read_thumbnail(use.sha256)

    def _show_metadata(self, photo: Photo | None) -> None:
        labels = self.metadata_labels
        if photo is None:
            for label in labels.values():
                label.setText("")
            return
        meta = photo.metadata
        labels["description"].setText(meta.description)
        labels["creator"].setText(meta.creator)
        labels["copyright"].setText(meta.copyright)
        labels["city"].setText(meta.city)
        labels["country"].setText(meta.country)
        labels["date"].setText(meta.date_created)
        labels["camera"].setText(meta.camera)
        for label in labels.values():
            if not label.text():
                label.setText(self.tr("—"))
        labels["size"].setText(photo_facts(photo))

    def _check_codes(self) -> None:
        found = code_table.unknown(self.caption.text(), self.codes) + code_table.unknown(
            self.credit.text(), self.codes
        )
        if found:
            self.codes_note.setText(
                self.tr("Unknown code: {codes} (left as typed)").format(codes=", ".join(found))
            )
        self.codes_note.setVisible(bool(found))

    def _field_changed(self) -> None:
        if not self._loading and self._state.use is not None:
            self.changed.emit()

    # --- reading off the UI thread ----------------------------------------------------

    def _read_record(self, sha256: str) -> None:
        generation = self.generation
        newsroom = self.session.newsroom

        def done(photo: Photo) -> None:
            use = self._state.use
            if generation == self.generation and use is not None and use.sha256 == photo.sha256:
                self._state = dataclasses.replace(self._state, photo=photo)
                self._show_metadata(photo)

        self.session.tasks.read(lambda: newsroom.photos.record(sha256), done, self._failed)

    def _read_thumbnail(self, sha256: str) -> None:
        newsroom = self.session.newsroom

        def work() -> Pixels:
            rendition = newsroom.photos.rendition(sha256, THUMBNAIL_WIDTH, "jpeg")
            return decode(rendition.data)

        def done(pixels: Pixels) -> None:
            use = self._state.use
            if use is None or use.sha256 != sha256:
                return
            pixmap = QPixmap.fromImage(to_image(pixels)).scaled(
                self.thumbnail.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            self.thumbnail.setPixmap(pixmap)
            self.thumbnailShown.emit()

        self.session.tasks.read(work, done, self._failed)

    def _codes_read(self, table: dict[str, str]) -> None:
        self.codes = dict(table)
        self._check_codes()
        self.codesLoaded.emit()

    def _imported(self, result: PhotoImport) -> None:
        name = result.photo.filename or result.photo.sha256[:12]
        message = self.tr("Imported {name}.").format(name=name)
        if result.warnings:
            message += " " + " ".join(result.warnings[:2])
        self.status.setText(message)
        self.attach(result.photo)

    def _failed(self, error: BaseException) -> None:
        self.status.setText(self.tr("Photo: {message}").format(message=one_line(error)))
