"""What a failure says to the editor: one line, never a traceback, never empty.

Every pane, dialog and window shows failures through ``one_line``, so the
same error reads the same everywhere (as Anki's operations have one path
that shows failures).
"""

from __future__ import annotations

import os
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsroom.errors import SettingRequiredError


def one_line(error: BaseException) -> str:
    """One line for the editor.

    - An error of the core's own checks (a ``NewsroomError``, an unreadable
      photo, a bad caption template or dateline pattern): its first line, as
      written for people.
    - An ``OSError``: the system's reason with the file it concerns
      (``/tmp/out: Permission denied``).
    - Anything else, a fault of ours: its type and first line
      (``KeyError: 'slug'``), so a report says what broke.
    """
    from newsroom.errors import SettingRequiredError

    if isinstance(error, SettingRequiredError):
        return in_the_app(error)
    first = _first_line(str(error))
    if isinstance(error, _written_for_people()) and first:
        return first
    if isinstance(error, OSError) and error.strerror:
        files = [os.fsdecode(name) for name in (error.filename, error.filename2)
                 if isinstance(name, str | bytes | os.PathLike)]  # fmt: skip
        return f"{' → '.join(files)}: {error.strerror}" if files else error.strerror
    name = type(error).__name__
    return f"{name}: {first}" if first else name


# Where each setting is in the app: its label in Settings (ui/settings_dialog.py's rows).
SETTING_LABELS = {
    "name": "Newsroom name",
    "agency": "Agency",
    "agency_names": "Agency in other languages",
    "dateline_style": "Dateline style",
    "timezone": "Time zone",
    "headline_limit": "Headline limit",
    "subtitle_limit": "Subtitle limit",
    "lead_word_limit": "Lead limit (words)",
    "body_min_words": "Shortest body (words)",
    "dateline_stale_days": "Stale dateline after (days)",
    "caption_full_stop": "Captions end with a full stop",
    "related_limit": "Most related headlines",
    "typographic_quotes": "Typographic quotes",
    "language": "Language",
    "jpeg_quality": "JPEG quality",
    "webp_quality": "WebP quality",
    "base_url": "Base URL",
    "theme": "Theme",
    "publish_role": "Who may publish",
    "ingest_folder": "Ingest folder",
}


def in_the_app(error: SettingRequiredError) -> str:
    """A missing setting, with the app's own way to set it (not the command line's)."""
    from PySide6.QtCore import QCoreApplication

    label = SETTING_LABELS.get(error.setting, error.setting)
    where = QCoreApplication.translate("errors", "set it in Settings ▸ {0}").format(
        QCoreApplication.translate("settings", label)
    )
    return f"{_first_line(error.message)}; {where}"


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0].strip() if lines else ""


@cache
def _written_for_people() -> tuple[type[BaseException], ...]:
    """The core's errors whose message is meant for the editor.

    Imported on the first failure, not at start: ``newsroom.photos`` loads Pillow.
    """
    from newsroom.dateline import PatternError
    from newsroom.errors import NewsroomError
    from newsroom.photos import ImageError
    from newsroom.photos.library import TemplateError

    return (NewsroomError, ImageError, TemplateError, PatternError)
