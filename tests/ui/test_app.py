"""The desktop app's first window, driven for real on the offscreen platform."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from newsroom.article import Article
from newsroom.demo import load_demo
from newsroom.store import Newsroom
from ui.mainwindow import MainWindow


def test_the_main_window_shows_the_newsroom(qtbot: QtBot, newsroom: Newsroom) -> None:
    newsroom.set_setting("name", "Northern Wire")
    newsroom.create(Article(headline="Walrus count rises"))
    window = MainWindow(newsroom)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == "Newsroom — Northern Wire"
    assert window.articles.count() == 1
    assert window.articles.item(0).text() == "Walrus count rises"


def test_the_demo_articles_are_listed(qtbot: QtBot, newsroom: Newsroom) -> None:
    load_demo(newsroom)
    window = MainWindow(newsroom)
    qtbot.addWidget(window)
    headlines = [window.articles.item(row).text() for row in range(window.articles.count())]
    assert len(headlines) == 6
    assert "Night train between two capitals returns after five years" in headlines


def test_newsroom_app_answers_version_without_a_display(tmp_path: Path) -> None:
    app = Path(sys.executable).with_name("newsroom-app")
    result = subprocess.run([str(app), "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("newsroom-app ")
