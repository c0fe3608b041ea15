"""A newsroom the core opens read-only: the window says so at the top, and nothing can be typed."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from newsroom.article import Article
from newsroom.store import Newsroom
from tests.ui.test_mainwindow import make_window


@pytest.fixture
def immutable_newsroom(tmp_path: Path) -> Iterator[Path]:
    db = tmp_path / "newsroom.sqlite"
    with Newsroom.open(db, create=True) as newsroom:
        newsroom.create(Article(headline="Kept as it is"))
    with sqlite3.connect(db) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    made = subprocess.run(["chattr", "+i", str(db)], capture_output=True)
    if made.returncode != 0 and os.geteuid() == 0:
        pytest.skip(f"no immutable attribute here: {made.stderr.decode().strip()}")
    if made.returncode != 0:
        db.chmod(0o444)  # not root: permission bits are enough
    try:
        yield db
    finally:
        subprocess.run(["chattr", "-i", str(db)], capture_output=True)
        db.chmod(0o644)


def test_a_read_only_newsroom_shows_a_banner_and_takes_no_typing(
    qtbot: QtBot, immutable_newsroom: Path, tmp_path: Path
) -> None:
    newsroom = Newsroom.open(immutable_newsroom, create=True)
    assert newsroom.read_only
    window = make_window(qtbot, newsroom, tmp_path)
    window.open_first_article()
    qtbot.waitUntil(lambda: window.keeper.saved_article is not None)
    banner = window.findChild(QLabel, "read-only-banner")
    assert banner is not None and banner.isVisible()
    assert "Read-only" in banner.text() and newsroom.read_only in banner.text()
    assert banner.geometry().top() < window.editor.mapTo(window, window.editor.rect().topLeft()).y()
    lines = window.editor.findChildren(QLineEdit)
    assert lines and all(field.isReadOnly() for field in lines)
    for field in (window.editor.headline, window.editor.subtitle, window.editor.body):
        before = field.toPlainText()
        field.setFocus()
        qtbot.keyClicks(field, "typed")  # nothing changes: not even the window's own text
        assert field.toPlainText() == before
    changing = [window.new_action, window.save_action, window.delete_action,
                window.duplicate_action, window.photo_action, window.settings_action,
                *window.status_actions.values()]  # fmt: skip
    assert not any(action.isEnabled() for action in changing)
    assert window.export_action.isEnabled() and window.backup_action.isEnabled()
    related = window.related
    assert not related.add_external_action.isEnabled() and not related.suggestions.isEnabled()
    window.session.tasks.wait()
    window.close()
    newsroom.close()


def test_a_writable_newsroom_has_no_banner(
    qtbot: QtBot, newsroom: Newsroom, tmp_path: Path
) -> None:
    window = make_window(qtbot, newsroom, tmp_path)
    assert window.findChild(QLabel, "read-only-banner") is None
    window.session.tasks.wait()
