"""A photo's facts in one line — pixels, format, file size — the same wherever shown."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from newsroom.photos.library import Photo


def data_size(byte_count: int) -> str:
    """A file size as the editor's locale writes it (``19.2 KiB``, ``1.4 MiB``)."""
    return QLocale().formattedDataSize(byte_count, 1)


def photo_facts(photo: Photo) -> str:
    """``1200 × 800 px, JPEG, 19.2 KiB``: the library's details and the editor's panel."""
    return (
        QCoreApplication.translate("PhotoFacts", "%1 × %2 px, %3, %4")
        .replace("%1", str(photo.width))
        .replace("%2", str(photo.height))
        .replace("%3", photo.format.upper())
        .replace("%4", data_size(photo.byte_size))
    )
