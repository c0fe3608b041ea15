"""The newsroom's settings: name, agency, dateline style (with a live example), the checks'
house rules (limits, captions, quotes, language), photo quality, theme.

Every value is checked by the core (``newsroom.settings.parse_setting``)
before anything is written, so a bad value leaves every setting as it was;
then the changed ones are stored through ``Newsroom.set_setting`` on the
writer thread. The section list below the form (``ui/sections_editor.py``)
changes at once, each change on the writer thread.
"""

from __future__ import annotations

import zoneinfo
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from newsroom import dateline
from newsroom.article import Dateline
from newsroom.errors import NewsroomError
from newsroom.language import COMMON
from newsroom.settings import Settings, format_setting, parse_setting
from newsroom.store import Newsroom
from ui import file_dialogs
from ui.errors import SETTING_LABELS, one_line
from ui.mainwindow import DISPLAY_NAME
from ui.sections_editor import SectionsEditor
from ui.session import Session
from ui.sizing import characters_wide, fit_to_content
from ui.tasks import guarded

SAMPLE_CITY = "MOSCOW"
CUSTOM = "custom"


def _save(newsroom: Newsroom, values: dict[str, str]) -> Settings:
    """Store settings already checked (writer thread); returns them all."""
    settings = newsroom.settings()
    for key, value in values.items():
        settings = newsroom.set_setting(key, value)
    return settings


def setting_label(key: str) -> str:
    """A setting's row label: the name messages use to point at it (ui/errors.py)."""
    return QCoreApplication.translate("settings", SETTING_LABELS[key])


class SettingsDialog(QDialog):
    """Edit the newsroom's settings; OK checks them all, then saves."""

    settingsChanged = Signal(object)  # the new Settings
    sectionsChanged = Signal(list)  # the section list, changed at once (list[Section])

    def __init__(
        self, session: Session, parent: QWidget | None = None, state: QSettings | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._state = state  # this computer's preferences (the editor's display name)
        self._settings = session.newsroom.settings()  # one small read
        self.setWindowTitle(self.tr("Newsroom settings"))
        self._build()
        self._size_to_content()
        self._load(self._settings)
        self.update_example()

    # --- overridable in tests ---------------------------------------------------------

    @classmethod
    def ask_theme(cls, parent: QWidget, start: Path) -> Path | None:
        return file_dialogs.existing_folder(parent, parent.tr("Theme folder"), start)

    # --- building ---------------------------------------------------------------------

    def _build(self) -> None:
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Newsroom name"))
        self.agency = QLineEdit(self)
        self.agency.setAccessibleName(self.tr("Agency"))
        self.agency_names = self._agency_names_field()
        self.dateline_style = QComboBox(self)
        self.dateline_style.setAccessibleName(self.tr("Dateline style"))
        names = {
            "tass": self.tr("TASS"),
            "ap": self.tr("AP"),
            "reuters": self.tr("Reuters"),
            "plain": self.tr("Plain"),
        }
        for key in dateline.BUILT_IN_STYLES:
            self.dateline_style.addItem(names.get(key, key), key)
        self.dateline_style.addItem(self.tr("Custom pattern"), CUSTOM)
        self.pattern = QLineEdit(self)
        self.pattern.setAccessibleName(self.tr("Custom dateline pattern"))
        self.pattern.setPlaceholderText("{CITY}, {month} {day} ({agency}) —")
        self.example = QLabel(self)
        self.example.setAccessibleName(self.tr("Example dateline"))
        self.example.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.timezone = self._timezone_box()

        self._build_checks_group()
        self.jpeg_quality = self._spin(30, 100, self.tr("JPEG quality"))
        self.webp_quality = self._spin(30, 100, self.tr("WebP quality"))
        self.base_url = QLineEdit(self)
        self.base_url.setAccessibleName(self.tr("Base URL"))
        self.base_url.setPlaceholderText("https://news.example.org/")
        self.publish_role = self._role_field()
        self.ingest_folder = QLineEdit(self)
        self.ingest_folder.setAccessibleName(self.tr("Ingest folder"))
        self.ingest_folder.setPlaceholderText(self.tr("none"))
        self.theme = QLineEdit(self)
        self.theme.setAccessibleName(self.tr("Theme folder"))
        self.theme.setPlaceholderText(self.tr("the default theme"))
        self.choose_theme = QPushButton(self.tr("Choose…"), self)
        self.choose_theme.setAccessibleName(self.tr("Choose the theme folder"))
        theme_row = QHBoxLayout()
        theme_row.addWidget(self.theme, 1)
        theme_row.addWidget(self.choose_theme)

        self.error = QLabel(self)
        self.error.setAccessibleName(self.tr("Error"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )

        self._lay_out(theme_row)

        self.dateline_style.currentIndexChanged.connect(self._style_changed)
        self.pattern.textChanged.connect(self.update_example)
        self.agency.textChanged.connect(self.update_example)
        self.choose_theme.clicked.connect(self.pick_theme)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)

    def _role_field(self) -> QLineEdit:
        field = QLineEdit(self)
        field.setAccessibleName(self.tr("Who may publish"))
        field.setPlaceholderText(self.tr("everyone (or a database role's members)"))
        field.setToolTip(
            self.tr("On a server newsroom: the database role whose members may publish")
        )
        return field

    def _timezone_box(self) -> QComboBox:
        box = QComboBox(self)
        box.setEditable(True)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        box.setAccessibleName(self.tr("Time zone"))
        zones = sorted(zoneinfo.available_timezones())
        box.addItems(zones)
        completer = QCompleter(zones, box)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        box.setCompleter(completer)
        return box

    def _agency_names_field(self) -> QLineEdit:
        field = QLineEdit(self)
        field.setAccessibleName(setting_label("agency_names"))
        field.setPlaceholderText("ru=ТАСС; ar=تاس")
        field.setToolTip(
            self.tr("The agency's name in other languages, for the datelines of their articles")
        )
        return field

    def _lay_out(self, theme_row: QHBoxLayout) -> None:
        self.form = form = QFormLayout()
        self.theme_row = theme_row
        form.addRow(setting_label("name"), self.name)
        form.addRow(setting_label("agency"), self.agency)
        form.addRow(setting_label("agency_names"), self.agency_names)
        form.addRow(setting_label("dateline_style"), self.dateline_style)
        form.addRow(self.tr("Pattern"), self.pattern)
        form.addRow(self.tr("Example"), self.example)
        form.addRow(setting_label("timezone"), self.timezone)
        form.addRow(setting_label("jpeg_quality"), self.jpeg_quality)
        form.addRow(setting_label("webp_quality"), self.webp_quality)
        form.addRow(setting_label("base_url"), self.base_url)
        form.addRow(setting_label("theme"), theme_row)
        form.addRow(setting_label("publish_role"), self.publish_role)
        form.addRow(setting_label("ingest_folder"), self.ingest_folder)
        if self._session.newsroom.path is not None:  # a file: one editor's, no roles to limit
            self.publish_role.setEnabled(False)
            self.publish_role.setPlaceholderText(self.tr("everyone: this is a newsroom file"))
        self.layout_box = layout = QVBoxLayout(self)
        # Pages, so the dialog fits a laptop's screen (one column of it all was 830 px tall).
        self.tabs = QTabWidget(self)
        general = QWidget(self.tabs)
        general.setLayout(form)
        self.tabs.addTab(general, self.tr("&Newsroom"))
        self.tabs.addTab(_page(self.checks_group), self.tr("&Checks"))
        # Sections change at once, not on OK: a rename changes articles too.
        self.sections = SectionsEditor(self._session, self)
        self.sections.sectionsChanged.connect(self.sectionsChanged)
        self.tabs.addTab(_page(self.sections), self.tr("&Sections"))
        if self._state is not None:
            self.tabs.addTab(self._you_page(), self.tr("&You"))
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _you_page(self) -> QWidget:
        """The editor's name on every revision saved from this computer (not the newsroom's)."""
        assert self._state is not None
        self.display_name = QLineEdit(str(self._state.value(DISPLAY_NAME, "") or ""), self)
        self.display_name.setAccessibleName(self.tr("Your name"))
        self.display_name.setPlaceholderText(self._session.newsroom.author)
        note = QLabel(
            self.tr(
                "Kept on this computer. Empty: your database role on a server newsroom, "
                "your login name on a file."
            )
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Your &name:"), self.display_name)
        form.addRow("", note)
        page = QWidget(self.tabs)
        page.setLayout(form)
        return page

    def _keep_display_name(self) -> None:
        if self._state is None:
            return
        name = " ".join(self.display_name.text().split())
        if name != str(self._state.value(DISPLAY_NAME, "") or ""):
            self._state.setValue(DISPLAY_NAME, name)
            if name:  # empty: the role or login name again, from the next opening on
                self._session.newsroom.author = name

    # --- the checks' house rules (newsroom/checks) -------------------------------------

    def _build_checks_group(self) -> None:
        """What the editorial checks hold the newsroom's articles to."""
        self.headline_limit = self._spin(1, 100_000, self.tr("Headline limit"))
        self.subtitle_limit = self._spin(1, 100_000, self.tr("Subtitle limit"))
        self.lead_word_limit = self._spin(1, 100_000, self.tr("Lead limit in words"))
        self.body_min_words = self._spin(0, 100_000, self.tr("Shortest body in words"))
        self.body_min_words.setSpecialValueText(self.tr("no minimum"))
        self.dateline_stale_days = self._spin(0, 100_000, self.tr("Stale dateline after days"))
        self.dateline_stale_days.setSpecialValueText(self.tr("never checked"))
        self.related_limit = self._spin(1, 100_000, self.tr("Most related headlines"))
        self.caption_full_stop = QCheckBox(self.tr("A caption ends with a full stop"), self)
        self.caption_full_stop.setAccessibleName(setting_label("caption_full_stop"))
        self.typographic_quotes = QCheckBox(self.tr("Straight quotes (\" ') are flagged"), self)
        self.typographic_quotes.setAccessibleName(setting_label("typographic_quotes"))
        self.language = QComboBox(self)
        self.language.setAccessibleName(setting_label("language"))
        for code, name in COMMON.items():
            self.language.addItem(f"{name} ({code})", code)
        self.checks_group = QGroupBox(self.tr("Checks"), self)
        rows = QFormLayout(self.checks_group)
        for key in ("headline_limit", "subtitle_limit", "lead_word_limit", "body_min_words",
                    "dateline_stale_days", "related_limit", "caption_full_stop",
                    "typographic_quotes", "language"):  # fmt: skip
            rows.addRow(setting_label(key), getattr(self, key))

    def _load_checks(self, settings: Settings) -> None:
        for key in ("headline_limit", "subtitle_limit", "lead_word_limit", "body_min_words",
                    "dateline_stale_days", "related_limit"):  # fmt: skip
            spin: QSpinBox = getattr(self, key)
            spin.setValue(getattr(settings, key))
        self.caption_full_stop.setChecked(settings.caption_full_stop)
        self.typographic_quotes.setChecked(settings.typographic_quotes)
        if self.language.findData(settings.language) < 0:  # a tag set elsewhere stays offered
            self.language.addItem(settings.language, settings.language)
        self.language.setCurrentIndex(self.language.findData(settings.language))

    def _checks_values(self) -> dict[str, str]:
        values = {
            key: str(getattr(self, key).value())
            for key in ("headline_limit", "subtitle_limit", "lead_word_limit", "body_min_words",
                        "dateline_stale_days", "related_limit")
        }  # fmt: skip
        values["caption_full_stop"] = format_setting(self.caption_full_stop.isChecked())
        values["typographic_quotes"] = format_setting(self.typographic_quotes.isChecked())
        values["language"] = str(self.language.currentData())
        return values

    def _size_to_content(self) -> None:
        """Wide enough for a whole dateline pattern and base URL, never their tails only."""
        for field in (self.pattern, self.base_url, self.theme):
            field.setMinimumWidth(characters_wide(field, 44))
        fit_to_content(self)

    def _spin(self, low: int, high: int, name: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(low, high)
        spin.setAccessibleName(name)
        return spin

    def _load(self, settings: Settings) -> None:
        self.name.setText(settings.name)
        self.agency.setText(settings.agency)
        self.agency_names.setText(settings.agency_names)
        style = settings.dateline_style
        if style in dateline.BUILT_IN_STYLES:
            self.dateline_style.setCurrentIndex(self.dateline_style.findData(style))
            self.pattern.setText(dateline.style_pattern(style))
        else:
            self.dateline_style.setCurrentIndex(self.dateline_style.findData(CUSTOM))
            self.pattern.setText(style)
        self.pattern.setEnabled(self.dateline_style.currentData() == CUSTOM)
        self.timezone.setCurrentText(settings.timezone)
        self._load_checks(settings)
        self.jpeg_quality.setValue(settings.jpeg_quality)
        self.webp_quality.setValue(settings.webp_quality)
        self.base_url.setText(settings.base_url)
        self.theme.setText(settings.theme)
        self.publish_role.setText(settings.publish_role)
        self.ingest_folder.setText(settings.ingest_folder)

    # --- behaviour ---------------------------------------------------------------------

    def style_value(self) -> str:
        """The dateline style as stored: a house style's name, or the custom pattern."""
        key = str(self.dateline_style.currentData())
        return self.pattern.text() if key == CUSTOM else key

    def values(self) -> dict[str, str]:
        """Every setting as the dialog shows it, as text (the way set_setting takes it)."""
        return {
            "name": self.name.text(),
            "agency": self.agency.text(),
            "agency_names": self.agency_names.text(),
            "dateline_style": self.style_value(),
            "timezone": self.timezone.currentText(),
            "base_url": self.base_url.text(),
            **self._checks_values(),
            "jpeg_quality": str(self.jpeg_quality.value()),
            "webp_quality": str(self.webp_quality.value()),
            "theme": self.theme.text(),
            "publish_role": self.publish_role.text(),
            "ingest_folder": self.ingest_folder.text(),
        }

    def update_example(self) -> None:
        sample = Dateline(city=SAMPLE_CITY, date=date.today(), agency="")
        try:
            dateline.check_style(self.style_value())
            text = dateline.dateline_text(
                sample, self.style_value(), default_agency=self.agency.text().strip()
            )
        except dateline.PatternError as error:
            self.example.setText(one_line(error))
            return
        self.example.setText(text)

    def pick_theme(self) -> None:
        text = self.theme.text().strip()
        start = Path(text).expanduser() if text else Path.home()
        chosen = type(self).ask_theme(self, start)
        if chosen is not None:
            self.theme.setText(str(chosen))

    def apply(self) -> None:
        """Check every value, then store those that changed; the dialog closes when saved."""
        values = self.values()
        current = self._settings.as_dict()
        changed: dict[str, str] = {}
        for key, text in values.items():
            try:
                typed = parse_setting(key, text)
            except NewsroomError as error:
                self.error.setText(one_line(error))
                return
            if typed != current.get(key):
                changed[key] = format_setting(typed)
        self.error.clear()
        self._keep_display_name()
        if not changed:
            self.accept()
            return
        self.buttons.setEnabled(False)
        self._session.tasks.write(
            partial(_save, self._session.newsroom, changed),
            done=guarded(self, self._saved),
            failed=guarded(self, self._failed),
        )

    def _style_changed(self) -> None:
        key = str(self.dateline_style.currentData())
        custom = key == CUSTOM
        self.pattern.setEnabled(custom)
        if not custom:
            self.pattern.setText(dateline.style_pattern(key))
        self.update_example()

    def _saved(self, settings: Settings) -> None:
        self._settings = settings
        self.buttons.setEnabled(True)
        self.settingsChanged.emit(settings)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(one_line(error))


def _page(content: QWidget) -> QWidget:
    """A tab page holding ``content`` at its top."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addWidget(content)
    layout.addStretch(1)
    return page
