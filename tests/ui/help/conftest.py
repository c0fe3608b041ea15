"""The Help menu's fixtures: the real main window on the test's newsroom, and its Help menu."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from newsroom.recovery import Journal
from newsroom.store import Newsroom
from ui.help.menu import HelpMenu
from ui.mainwindow import MainWindow
from ui.session import Session


@pytest.fixture
def window(
    qtbot: QtBot, session: Session, newsroom: Newsroom, tmp_path: Path
) -> Iterator[MainWindow]:
    window = MainWindow(
        session,
        journal=Journal(newsroom.location, tmp_path / "journal"),
        state=QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat),
    )
    qtbot.addWidget(window)
    window.show()
    yield window
    session.tasks.wait()


@pytest.fixture
def help_menu(window: MainWindow) -> HelpMenu:
    found = window.findChild(HelpMenu)
    assert found is not None
    return found


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """What would have gone to the system browser (Qt's openUrl, replaced for the test)."""
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(QUrl(url))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return opened
