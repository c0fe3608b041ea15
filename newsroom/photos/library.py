"""The photo library's record of a photo, and captions made from templates.

A photo's own fields (description, credit, creator…) come from its file and
stay with the photo; the desk may edit them (batch captioning). Each use in
an article has its own caption, credit and alt text, prefilled from these
but never written back: editing a caption never rewrites the photo.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from newsroom.dateline import MONTHS

# Defined with the renditions (a site export needs no metadata modules); here for callers.
from newsroom.photos import media_tag as media_tag  # noqa: PLC0414
from newsroom.photos.metadata import PhotoMetadata

# Which metadata reader filled a photo's fields; photos read by an older one
# are read again by 'newsroom check-db --repair'.
METADATA_VERSION = 1

JSON_KEYS = (
    "id", "sha256", "width", "height", "format", "description", "credit", "creator",
    "copyright", "headline", "title", "city", "country", "keywords", "date_created", "camera",
)  # fmt: skip


@dataclass(frozen=True)
class Photo:
    """A photo of the library."""

    id: int
    sha256: str
    width: int
    height: int
    format: str
    media_type: str
    byte_size: int
    filename: str
    created_at: datetime
    metadata: PhotoMetadata

    def __getattr__(self, name: str) -> Any:
        # photo.description, photo.city…: the metadata's fields read as the photo's own.
        if name in PhotoMetadata.__dataclass_fields__:
            return getattr(self.metadata, name)
        raise AttributeError(name)

    def as_json(self) -> dict[str, Any]:
        """The photo record in the CLI's JSON (keys as documented)."""
        record: dict[str, Any] = {
            "id": self.id, "sha256": self.sha256, "width": self.width, "height": self.height,
            "format": self.format,
        }  # fmt: skip
        meta = self.metadata
        record.update(
            description=meta.description, credit=meta.credit, creator=meta.creator,
            copyright=meta.copyright, headline=meta.headline, title=meta.title, city=meta.city,
            country=meta.country, keywords=list(meta.keywords), date_created=meta.date_created,
            camera=meta.camera,
        )  # fmt: skip
        return record


PLACEHOLDERS = (
    "city", "country", "date", "iso_date", "year", "creator", "credit", "copyright",
    "description", "headline", "title", "keywords", "camera",
)  # fmt: skip


class TemplateError(ValueError):
    """A caption template that cannot be filled; the message says why."""


def check_template(template: str) -> None:
    """Raise TemplateError unless every placeholder in ``template`` is one we fill."""
    try:
        names = [field for _, field, _, _ in string.Formatter().parse(template) if field]
    except ValueError as error:
        raise TemplateError(f"{error} (write {{{{ and }}}} for braces)") from None
    for name in names:
        if name not in PLACEHOLDERS:
            known = ", ".join("{" + known + "}" for known in PLACEHOLDERS)
            raise TemplateError(f"unknown placeholder {{{name}}}: use {known}")


def fill_template(template: str, metadata: PhotoMetadata) -> str:
    """``template`` with its placeholders filled from a photo's metadata (empty when unknown)."""
    check_template(template)
    return " ".join(template.format_map(_values(metadata)).split())


def _values(meta: PhotoMetadata) -> Mapping[str, str]:
    day = _date(meta.date_created)
    return {
        "city": meta.city,
        "country": meta.country,
        "date": f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else "",
        "iso_date": day.isoformat() if day else "",
        "year": str(day.year) if day else "",
        "creator": meta.creator,
        "credit": meta.credit,
        "copyright": meta.copyright,
        "description": meta.description,
        "headline": meta.headline,
        "title": meta.title,
        "keywords": ", ".join(meta.keywords),
        "camera": meta.camera,
    }


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None
