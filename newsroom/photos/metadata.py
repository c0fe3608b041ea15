"""Photo metadata: what the file says about itself (IPTC IIM, XMP, EXIF), read and written.

(Interface first; the readers and writers follow.)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PhotoMetadata:
    """The fields a photo desk works with, as read from the file."""

    description: str = ""
    credit: str = ""
    creator: str = ""
    copyright: str = ""
    headline: str = ""
    title: str = ""
    city: str = ""
    country: str = ""
    keywords: tuple[str, ...] = ()
    date_created: str = ""  # ISO 8601, as precise as the file says (date, or date and time)
    camera: str = ""
