"""The first start of a new newsroom: its name, agency, time zone and dateline style, in one page.

A newsroom made by the app (the first ``make run``, File ▸ New newsroom)
would otherwise start with no agency, so every dateline lacked it until the
editor found Settings. This page is the settings dialog's house-style part,
with the sample articles offered as a choice; everything on it can be
changed later in Settings. ``newsroom init`` keeps its flags for the same.
"""

from __future__ import annotations

from PySide6.QtCore import QTimeZone
from PySide6.QtWidgets import QCheckBox, QLabel, QWidget

from newsroom.settings import Settings
from ui.session import Session
from ui.settings_dialog import SettingsDialog


def system_time_zone() -> str:
    """The computer's IANA time zone (``Europe/Moscow``), or "" when it has none."""
    zone = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    return zone if "/" in zone or zone == "UTC" else ""


class FirstStartDialog(SettingsDialog):
    """Set up a new newsroom; OK saves the settings (and the choice of sample articles)."""

    def __init__(
        self, session: Session, parent: QWidget | None = None, *, samples: bool = True
    ) -> None:
        super().__init__(session, parent)
        self.setWindowTitle(self.tr("Welcome to Newsroom"))
        intro = QLabel(
            self.tr(
                "Set up this newsroom: its name, your agency, the time zone of your datelines "
                "and how they are written. Settings can change any of it later."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.layout_box.insertWidget(0, intro)
        for field in (self.jpeg_quality, self.webp_quality, self.base_url, self.publish_role):
            self.form.setRowVisible(field, False)
        self.tabs.tabBar().setVisible(False)  # the first page only: the rest can wait
        self.form.setRowVisible(self.theme_row, False)
        self.sample_articles = QCheckBox(self.tr("Start with a few sample articles and photos"))
        self.sample_articles.setAccessibleName(self.tr("Sample articles"))
        self.sample_articles.setChecked(samples)
        self.form.addRow("", self.sample_articles)
        self.buttons.button(self.buttons.StandardButton.Ok).setText(self.tr("Start writing"))
        self.agency.setFocus()

    def _load(self, settings: Settings) -> None:
        super()._load(settings)
        if settings.timezone == Settings().timezone and system_time_zone():
            self.timezone.setCurrentText(system_time_zone())
