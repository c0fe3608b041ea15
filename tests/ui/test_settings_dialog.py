"""The settings dialog: live dateline example, checks before saving, settingsChanged."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from newsroom.dateline import MONTHS
from newsroom.settings import Settings
from ui.session import Session
from ui.settings_dialog import SettingsDialog


def open_dialog(qtbot: QtBot, session: Session, kind: type[SettingsDialog] = SettingsDialog):
    dialog = kind(session)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def ok(dialog: SettingsDialog) -> None:
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()


def test_changing_the_dateline_style_changes_the_live_example(
    qtbot: QtBot, session: Session
) -> None:
    session.newsroom.set_setting("agency", "TASS")
    dialog = open_dialog(qtbot, session)
    today = date.today()
    assert dialog.example.text() == f"MOSCOW, {MONTHS[today.month - 1]} {today.day}. /TASS/."
    dialog.dateline_style.setCurrentIndex(dialog.dateline_style.findData("ap"))
    assert dialog.example.text() == "MOSCOW (TASS) —"
    dialog.dateline_style.setCurrentIndex(dialog.dateline_style.findData("custom"))
    dialog.pattern.clear()
    qtbot.keyClicks(dialog.pattern, "{city} ({AGENCY}), {weekday} -")
    assert dialog.example.text().startswith("MOSCOW (TASS), ")
    dialog.agency.clear()
    qtbot.keyClicks(dialog.agency, "Interfax")
    assert dialog.example.text().startswith("MOSCOW (INTERFAX), ")
    dialog.pattern.setText("{town}")
    assert "unknown placeholder {town}" in dialog.example.text()


def test_ok_saves_every_setting_and_emits_settings_changed(
    qtbot: QtBot, session: Session, tmp_path: Path
) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()

    class Themed(SettingsDialog):
        @classmethod
        def ask_theme(cls, parent: object, start: Path) -> Path | None:
            return theme

    dialog = open_dialog(qtbot, session, Themed)
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "Northern Wire")
    dialog.dateline_style.setCurrentIndex(dialog.dateline_style.findData("reuters"))
    # Typed text would open the completion popup, which the offscreen platform cannot show.
    dialog.timezone.setCurrentText("Europe/Moscow")
    assert dialog.timezone.completer().model().rowCount() > 300
    dialog.headline_limit.setValue(70)
    dialog.jpeg_quality.setValue(90)
    qtbot.keyClicks(dialog.base_url, "https://news.example.org")
    dialog.agency_names.setText("RU = ТАСС")  # as pasted: QTest types only Latin-1 keys
    qtbot.mouseClick(dialog.choose_theme, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.settingsChanged, timeout=20_000) as changed:
        ok(dialog)
    settings = changed.args[0]
    assert isinstance(settings, Settings)
    assert settings == session.newsroom.settings()
    assert (settings.name, settings.dateline_style, settings.timezone) == (
        "Northern Wire", "reuters", "Europe/Moscow",
    )  # fmt: skip
    assert (settings.headline_limit, settings.jpeg_quality) == (70, 90)
    assert settings.base_url == "https://news.example.org/"
    assert settings.agency_in("ru") == "ТАСС"
    assert settings.theme == str(theme.resolve())
    assert not dialog.isVisible()


def test_a_bad_timezone_is_named_and_nothing_is_saved(qtbot: QtBot, session: Session) -> None:
    before = session.newsroom.settings()
    dialog = open_dialog(qtbot, session)
    emitted: list[object] = []
    dialog.settingsChanged.connect(emitted.append)
    dialog.name.setText("Changed Name")
    dialog.timezone.setCurrentText("Mars/Olympus_Mons")
    ok(dialog)
    session.tasks.wait()
    assert dialog.error.text().startswith("timezone")
    assert "Mars/Olympus_Mons" in dialog.error.text()
    assert "\n" not in dialog.error.text()
    assert dialog.isVisible()
    assert session.newsroom.settings() == before
    assert emitted == []
    # Fixing the field saves everything, the name too.
    dialog.timezone.setCurrentText("Asia/Tokyo")
    with qtbot.waitSignal(dialog.settingsChanged, timeout=20_000):
        ok(dialog)
    assert session.newsroom.settings().name == "Changed Name"


def test_a_custom_pattern_without_a_city_is_refused(qtbot: QtBot, session: Session) -> None:
    dialog = open_dialog(qtbot, session)
    dialog.dateline_style.setCurrentIndex(dialog.dateline_style.findData("custom"))
    dialog.pattern.setText("{month} {day} —")
    ok(dialog)
    assert dialog.error.text().startswith("dateline_style")
    assert session.newsroom.settings().dateline_style == "tass"
    assert dialog.isVisible()


def test_the_dialog_shows_a_whole_pattern_and_base_url(qtbot: QtBot, session: Session) -> None:
    """The dialog opened 377 px wide and showed only the head of the dateline pattern."""
    dialog = open_dialog(qtbot, session)
    for field, text in ((dialog.pattern, dialog.pattern.text()),
                        (dialog.base_url, "https://news.example.org/world/")):  # fmt: skip
        assert field.width() > field.fontMetrics().horizontalAdvance(text) + 8


def test_the_checks_group_loads_and_saves_the_house_rules(qtbot: QtBot, session: Session) -> None:
    newsroom = session.newsroom
    newsroom.set_setting("subtitle_limit", "150")
    newsroom.set_setting("language", "ru")
    dialog = open_dialog(qtbot, session)
    assert dialog.checks_group.title() == "Checks"
    assert dialog.subtitle_limit.value() == 150
    assert dialog.language.currentData() == "ru"
    assert dialog.caption_full_stop.isChecked() and dialog.typographic_quotes.isChecked()
    assert dialog.body_min_words.text() == "no minimum"  # 0: off
    dialog.subtitle_limit.setValue(120)
    dialog.lead_word_limit.setValue(35)
    dialog.body_min_words.setValue(300)
    dialog.dateline_stale_days.setValue(0)
    dialog.related_limit.setValue(4)
    dialog.caption_full_stop.setChecked(False)
    dialog.typographic_quotes.setChecked(False)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    with qtbot.waitSignal(dialog.settingsChanged, timeout=20_000) as changed:
        ok(dialog)
    settings = changed.args[0]
    assert settings == newsroom.settings()
    assert (settings.subtitle_limit, settings.lead_word_limit, settings.body_min_words) == (
        120, 35, 300,
    )  # fmt: skip
    assert (settings.dateline_stale_days, settings.related_limit) == (0, 4)
    assert not settings.caption_full_stop and not settings.typographic_quotes
    assert settings.language == "en"


def test_each_check_setting_has_its_labelled_row(qtbot: QtBot, session: Session) -> None:
    from PySide6.QtWidgets import QFormLayout, QLabel

    from ui.errors import SETTING_LABELS

    dialog = open_dialog(qtbot, session)
    rows = dialog.checks_group.layout()
    assert isinstance(rows, QFormLayout)
    labels = []
    for row in range(rows.rowCount()):
        label = rows.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
        assert isinstance(label, QLabel)
        labels.append(label.text())
    keys = ("headline_limit", "subtitle_limit", "lead_word_limit", "body_min_words",
            "dateline_stale_days", "related_limit", "caption_full_stop", "typographic_quotes",
            "language")  # fmt: skip
    assert labels == [SETTING_LABELS[key] for key in keys]


def test_your_name_is_kept_on_this_computer_and_signs_what_you_save(
    qtbot: QtBot, session: Session, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings

    from newsroom.article import Article

    state = QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat)
    dialog = SettingsDialog(session, None, state)
    qtbot.addWidget(dialog)
    assert dialog.display_name.placeholderText() == "tester"  # who saves now
    qtbot.keyClicks(dialog.display_name, "  Anna   Ivanova ")
    ok(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert state.value("display_name") == "Anna Ivanova"
    assert session.newsroom.author == "Anna Ivanova"
    saved = session.newsroom.create(Article(headline="Walruses came ashore"))
    assert session.newsroom.history(saved.id or 0)[-1].author == "Anna Ivanova"
    assert "display_name" not in session.newsroom.settings().as_dict()  # not the newsroom's
