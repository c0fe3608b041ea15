"""Help ▸ About Newsroom: the versions and the open newsroom file, to copy into a bug report."""

from __future__ import annotations

import platform
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import QLocale, QSysInfo, Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from newsroom import __version__
from ui.icons import icon

if TYPE_CHECKING:
    from newsroom.store import Newsroom

ICON_SIZE = 64


class AboutDialog(QDialog):
    """Newsroom's version, Qt's, PySide6's, Python's, the system, and the newsroom file."""

    def __init__(self, newsroom: Newsroom | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._newsroom = newsroom
        self.setWindowTitle(self.tr("About Newsroom"))
        self.details = self.read_details()
        self.copied = QLabel(self)
        copy = QPushButton(self.tr("&Copy"), self)
        copy.setToolTip(self.tr("Copy these details for a bug report"))
        copy.clicked.connect(self.copy_details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self._heading())
        layout.addLayout(self._form())
        layout.addWidget(self.copied)
        layout.addWidget(buttons)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetFixedSize)  # its content's size

    def read_details(self) -> list[tuple[str, str]]:
        """(what, value) pairs, in the order shown and copied."""
        return [
            (self.tr("Newsroom"), __version__),
            (self.tr("Qt"), qVersion()),
            (self.tr("PySide6"), PySide6.__version__),
            (self.tr("Python"), platform.python_version()),
            (
                self.tr("System"),
                f"{QSysInfo.prettyProductName()} ({QGuiApplication.platformName()})",
            ),
            *self._file_details(),
        ]

    def _file_details(self) -> list[tuple[str, str]]:
        newsroom, file_label = self._newsroom, self.tr("Newsroom file")
        if newsroom is None:
            return [(file_label, self.tr("none open yet"))]
        path = newsroom.path
        if path is None:  # a database server, not a file
            return [(file_label, newsroom.location)]
        try:
            size = QLocale().formattedDataSize(path.stat().st_size)
        except OSError as error:
            size = self.tr("unknown ({0})").format(error.strerror or error)
        return [(file_label, str(path)), (self.tr("Size"), size)]

    def details_text(self) -> str:
        """The details as plain text, one "what: value" a line."""
        return "".join(f"{what}: {value}\n" for what, value in self.details)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())
        self.copied.setText(self.tr("Copied: paste them into your bug report."))

    def _heading(self) -> QWidget:
        heading = QLabel(self)
        heading.setPixmap(icon("app").pixmap(ICON_SIZE, ICON_SIZE))
        heading.setAccessibleName(self.tr("Newsroom"))
        title = QLabel(
            self.tr("<b>Newsroom</b> {0}<br>The desktop editorial tool for news agencies").format(
                __version__
            ),
            self,
        )
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(heading)
        row.addWidget(title, 1)
        return box

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        for what, value in self.details:
            shown = QLabel(value, self)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setAccessibleName(what)
            form.addRow(self.tr("{0}:").format(what), shown)
        return form
