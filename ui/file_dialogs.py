"""File dialogs that never open a file to look at it: the newsroom's locks depend on it.

SQLite keeps other programs (the command line, a PDF export, a second window)
in step with the app through POSIX advisory locks on the newsroom file. Such
locks belong to the whole process, and closing *any* descriptor of that file
in the process drops them all. Qt's file dialog opens every file it lists to
guess its type (``QMimeDatabase`` reads the first bytes) — so browsing the
folder that holds the newsroom dropped the app's locks; the next program to
close the newsroom deleted its write-ahead log, and from then on the app's
saves went into a deleted file: invisible to exports and lost in a crash.

These dialogs list files by name only (``NameOnlyIconProvider``), and are
always Qt's own: a platform dialog running in the app's process may read
files as well. ``ui.file_dialogs`` is the only place ``QFileDialog`` is used.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QFileInfo, QMimeDatabase
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QFileDialog, QWidget

_MIME = QMimeDatabase()


class NameOnlyIconProvider(QAbstractFileIconProvider):
    """Icons and type names from a file's name, never from its contents."""

    def icon(self, info: QFileInfo | QAbstractFileIconProvider.IconType) -> QIcon:
        if isinstance(info, QAbstractFileIconProvider.IconType):
            return super().icon(info)
        kind = (
            QAbstractFileIconProvider.IconType.Folder
            if info.isDir()
            else QAbstractFileIconProvider.IconType.File
        )
        return super().icon(kind)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return QCoreApplication.translate("file_dialogs", "Folder")
        match = _MIME.mimeTypeForFile(info.fileName(), QMimeDatabase.MatchMode.MatchExtension)
        return match.comment() or QCoreApplication.translate("file_dialogs", "File")


def _dialog(parent: QWidget | None, caption: str, start: Path | str, filters: str) -> QFileDialog:
    dialog = QFileDialog(parent, caption, str(start), filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    provider = NameOnlyIconProvider()
    dialog.setIconProvider(provider)
    dialog.icon_provider = provider  # type: ignore[attr-defined]  # lives as long as the dialog
    return dialog


def _run(dialog: QFileDialog) -> list[Path]:
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return []
        return [Path(name) for name in dialog.selectedFiles() if name]
    finally:
        dialog.deleteLater()


def open_file(
    parent: QWidget | None, caption: str, filters: str = "", start: Path | str = ""
) -> Path | None:
    dialog = _dialog(parent, caption, start, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    chosen = _run(dialog)
    return chosen[0] if chosen else None


def open_files(
    parent: QWidget | None, caption: str, filters: str = "", start: Path | str = ""
) -> list[Path]:
    dialog = _dialog(parent, caption, start, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    return _run(dialog)


def save_file(
    parent: QWidget | None, caption: str, filters: str = "", start: Path | str = ""
) -> Path | None:
    dialog = _dialog(parent, caption, start, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    chosen = _run(dialog)
    return chosen[0] if chosen else None


def existing_folder(parent: QWidget | None, caption: str, start: Path | str = "") -> Path | None:
    dialog = _dialog(parent, caption, start, "")
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    chosen = _run(dialog)
    return chosen[0] if chosen else None
