"""The selected photo's details: its own metadata (read-only) and the articles using it."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from newsroom.article import ArticleSummary
from newsroom.photos.library import Photo
from ui.errors import one_line
from ui.photos.facts import photo_facts
from ui.photos.model import ICON_SIZE
from ui.session import Session
from ui.tasks import guarded


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
        # A label, not a list: it wraps long headlines and grows with them, and the
        # window's scroll area scrolls it, so no article is cut off.
        self.used_in = QLabel(self)
        self.used_in.setTextFormat(Qt.TextFormat.PlainText)
        self.used_in.setWordWrap(True)
        self.used_in.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.used_in.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.used_in.setAccessibleName(self.tr("Articles using this photo"))
        title = QLabel(self.tr("Used in"), self)
        title.setBuddy(self.used_in)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture)
        layout.addLayout(form)
        layout.addWidget(title)
        layout.addWidget(self.used_in)
        layout.addStretch(1)

    def show_photo(self, photo: Photo | None, icon: QIcon | None = None) -> None:
        self._photo = photo
        self.used_in.clear()
        if photo is None:
            for value in self.values.values():
                value.clear()
            self.picture.clear()
            return
        self.values["file"].setText(Path(photo.filename).name)
        self.values["size"].setText(photo_facts(photo))
        for key in self.FIELDS:
            self.values[key].setText(str(getattr(photo.metadata, key)))
        self.values["keywords"].setText(", ".join(photo.keywords))
        self.picture.setPixmap(icon.pixmap(ICON_SIZE) if icon else QPixmap())
        self._session.tasks.read(
            partial(self._session.newsroom.photos.users, photo.id),
            done=guarded(self, partial(self._show_users, photo.id)),
            failed=guarded(self, lambda error: self.used_in.setText(one_line(error))),
        )

    def _show_users(self, photo_id: int, users: list[ArticleSummary]) -> None:
        if self._photo is None or self._photo.id != photo_id:
            return
        lines = [f"• {summary.headline} ({summary.status.value})" for summary in users]
        self.used_in.setText("\n".join(lines) or self.tr("No article uses this photo"))
