"""The app's file dialogs list the newsroom's folder without opening the newsroom file.

Qt's own dialog reads every file it lists to guess its type, and closing that
descriptor dropped the app's SQLite locks: after browsing the newsroom's
folder for a photo, another program closing the newsroom deleted the app's
write-ahead log, and the app's later saves were invisible to exports and lost
in a crash.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QListView
from pytestqt.qtbot import QtBot

from newsroom.article import Article
from newsroom.store import Newsroom
from ui import file_dialogs

UI = Path(__file__).parents[2] / "ui"


def listed_by_another_program(db: Path) -> str:
    result = subprocess.run([sys.executable, "-m", "newsroom", "--db", str(db), "list"],
                            capture_output=True, text=True, timeout=60, check=True)  # fmt: skip
    return result.stdout.strip().split("\t")[-1]


def test_browsing_the_newsroom_folder_keeps_the_newsroom_shared(
    qtbot: QtBot, newsroom: Newsroom, db_path: Path
) -> None:
    article = newsroom.create(Article(headline="Ferries run again"))
    (db_path.parent / "harbour.jpg").write_bytes(b"not looked at either")
    listed: list[str] = []

    def look_and_cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        view = dialog.findChild(QListView, "listView")
        qtbot.waitUntil(lambda: view is not None and view.model().rowCount(view.rootIndex()) >= 2)
        qtbot.wait(1500)  # icons and types are gathered on a thread, after the listing
        root = view.rootIndex()
        listed.extend(view.model().index(row, 0, root).data()
                      for row in range(view.model().rowCount(root)))  # fmt: skip
        dialog.reject()

    QTimer.singleShot(0, look_and_cancel)
    assert file_dialogs.open_file(None, "Import a photo", "", db_path.parent) is None
    assert db_path.name in listed
    listed_by_another_program(db_path)  # opens and closes the newsroom
    assert Path(f"{db_path}-wal").exists()  # still this process's, in use
    newsroom.save(newsroom.get(article.id or 0).with_changes(headline="Ferries run again today"))
    assert listed_by_another_program(db_path) == "Ferries run again today"


def test_no_other_module_of_the_app_uses_qt_file_dialogs() -> None:
    users = sorted(
        str(path.relative_to(UI))
        for path in UI.rglob("*.py")
        if path.name != "file_dialogs.py"
        and re.search(r"\bQFileDialog\b", path.read_text(encoding="utf-8"))
    )
    assert users == []
