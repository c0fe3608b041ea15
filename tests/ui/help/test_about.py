"""Help ▸ About Newsroom: the versions and the newsroom file, shown and copied for a bug report."""

from __future__ import annotations

import platform
from pathlib import Path

import PySide6
from PySide6.QtCore import QLocale, QSettings, Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from newsroom import __version__
from ui.help.about import AboutDialog
from ui.help.menu import HelpMenu
from ui.mainwindow import MainWindow


def open_about(qtbot: QtBot, help_menu: HelpMenu) -> AboutDialog:
    help_menu.about_action.trigger()
    about = help_menu.window_open("about")
    assert isinstance(about, AboutDialog)
    qtbot.waitExposed(about)
    return about


def shown_texts(about: AboutDialog) -> list[str]:
    return [label.text() for label in about.findChildren(QLabel)]


def test_about_shows_the_versions_and_the_newsroom_file(
    qtbot: QtBot, help_menu: HelpMenu, db_path: Path
) -> None:
    about = open_about(qtbot, help_menu)
    texts = shown_texts(about)
    for version in (__version__, qVersion(), PySide6.__version__, platform.python_version()):
        assert version in texts
    assert str(db_path) in texts
    size = QLocale().formattedDataSize(db_path.stat().st_size)
    assert size in texts and any(char.isdigit() for char in size)
    assert dict(about.details)["Size"] == size


def test_copy_puts_the_details_on_the_clipboard(
    qtbot: QtBot, help_menu: HelpMenu, db_path: Path
) -> None:
    about = open_about(qtbot, help_menu)
    [copy] = [b for b in about.findChildren(QPushButton) if b.text() == "&Copy"]
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(f"Newsroom: {__version__}\nQt: {qVersion()}\n")
    assert f"PySide6: {PySide6.__version__}\n" in copied
    assert f"Python: {platform.python_version()}\n" in copied
    assert f"Newsroom file: {db_path}\n" in copied and "Size: " in copied
    assert about.copied.text().startswith("Copied")


def test_about_before_a_newsroom_is_open(qtbot: QtBot, tmp_path: Path) -> None:
    frame = MainWindow(state=QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(frame)
    help_menu = frame.findChild(HelpMenu)
    assert help_menu is not None
    about = open_about(qtbot, help_menu)
    assert dict(about.details)["Newsroom file"] == "none open yet"
    assert "Size" not in dict(about.details)
