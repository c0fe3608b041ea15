"""A new newsroom asks for its name, agency, time zone and dateline style on its first start.

A new newsroom used to start with no agency, so every dateline lacked it
until the editor found Settings.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from newsroom.store import Newsroom
from tests.ui.app_windows import close_app_windows
from ui import app
from ui.first_start import FirstStartDialog
from ui.mainwindow import MainWindow
from ui.session import Session


def test_the_page_shows_only_what_a_new_newsroom_needs(qtbot: QtBot, session: Session) -> None:
    dialog = FirstStartDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    shown = {dialog.name, dialog.agency, dialog.dateline_style, dialog.timezone,
             dialog.sample_articles, dialog.example}  # fmt: skip
    hidden = {dialog.headline_limit, dialog.lead_word_limit, dialog.jpeg_quality,
              dialog.webp_quality, dialog.base_url, dialog.theme}  # fmt: skip
    assert all(widget.isVisible() for widget in shown)
    assert not any(widget.isVisible() for widget in hidden)
    assert not dialog.tabs.tabBar().isVisible()  # the checks and sections pages wait
    dialog.agency.setText("TASS")
    dialog.dateline_style.setCurrentIndex(dialog.dateline_style.findData("tass"))
    assert dialog.example.text().endswith("/TASS/.")


@pytest.mark.parametrize("samples", [True, False])
def test_a_new_newsroom_starts_with_the_house_style_it_was_given(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, samples: bool
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv(app.BENCH_VARIABLE, raising=False)
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))

    def fill_in(window: MainWindow, dialog: QDialog) -> bool:
        assert isinstance(dialog, FirstStartDialog)

        def answer() -> None:
            dialog.name.selectAll()
            qtbot.keyClicks(dialog.name, "Northern Wire")
            qtbot.keyClicks(dialog.agency, "TASS")
            dialog.dateline_style.setCurrentIndex(dialog.dateline_style.findData("tass"))
            dialog.timezone.setCurrentText("Europe/Moscow")
            dialog.sample_articles.setChecked(samples)
            ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

        QTimer.singleShot(0, answer)
        return dialog.exec() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(MainWindow, "run_first_start", fill_in)
    db = tmp_path / "new.sqlite"
    window = app.open_window(str(db))
    try:
        check_the_new_newsroom(qtbot, window, samples)
    finally:
        close_app_windows()
    with Newsroom.open(db) as reopened:
        assert reopened.settings().agency == "TASS"


def check_the_new_newsroom(qtbot: QtBot, window: MainWindow, samples: bool) -> None:
    qtbot.waitUntil(lambda: window.session is not None, timeout=30_000)
    qtbot.waitUntil(lambda: window.keeper.current() is not None and window.session.tasks.idle())
    settings = window.newsroom.settings()
    assert (settings.name, settings.agency, settings.timezone, settings.dateline_style) == (
        "Northern Wire", "TASS", "Europe/Moscow", "tass",
    )  # fmt: skip
    assert window.windowTitle().endswith(" — Northern Wire")  # the open article's headline first
    assert window.editor.agency.placeholderText() == "TASS"
    qtbot.waitUntil(lambda: window.newsroom.count() == (6 if samples else 0), timeout=30_000)
    assert window.blank_article().dateline.agency == "TASS"  # every new article's dateline


def test_no_status_can_be_changed_before_an_article_is_open(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Behind the first-start page, the toolbar offered Back to draft, Corrected and Kill."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv(app.BENCH_VARIABLE, raising=False)
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    seen: dict[str, bool] = {}

    def look_behind(window: MainWindow, dialog: QDialog) -> bool:
        seen.update(
            {action.text(): action.isEnabled() for action in window.status_actions.values()}
        )
        seen["Delete"] = window.delete_action.isEnabled()
        return False

    monkeypatch.setattr(MainWindow, "run_first_start", look_behind)
    app.open_window(str(tmp_path / "new.sqlite"))
    try:
        qtbot.waitUntil(lambda: bool(seen), timeout=30_000)
    finally:
        close_app_windows()
    assert not any(seen.values()), seen
