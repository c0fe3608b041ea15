"""Unsaved work survives a crash: a real app process is killed mid-edit, and the next start
offers the text back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from newsroom.article import Article
from newsroom.recovery import Draft, Journal
from newsroom.store import Newsroom
from ui.mainwindow import MainWindow
from ui.session import Session
from ui.tasks import Tasks

# The child opens the window, types, waits for the recovery copy, then dies without warning.
CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from ui.scheme import before_application
    before_application()
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from newsroom.recovery import Journal
    from newsroom.store import Newsroom
    from ui.mainwindow import MainWindow
    from ui.session import Session
    from ui.tasks import Tasks

    db, journal_dir, state = sys.argv[1:4]
    app = QApplication([])
    newsroom = Newsroom.open(db)
    journal = Journal(newsroom.location, Path(journal_dir))
    window = MainWindow(Session(newsroom, Tasks()), journal=journal,
                        state=QSettings(state, QSettings.Format.IniFormat))
    window.keeper.set_delays(autosave_ms=600_000, journal_ms=10)  # no autosave before the crash
    window.show()
    window.open_first_article()
    while window.editor.headline.text() != "Harbour ice breaks early":
        app.processEvents()
    window.editor.body.setFocus()
    window.editor.body.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClicks(window.editor.body, " Typed just before the crash.")
    while not any("crash" in d.article.body for d in journal.drafts()):
        app.processEvents()
    print("journal written", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


class Restorer(MainWindow):
    def ask_restore(self, drafts: list[Draft]) -> bool:
        self.offered = [draft.article.headline for draft in drafts]
        return True


@pytest.mark.xdist_group("apps")
def test_typed_text_comes_back_after_the_app_is_killed(
    qtbot: QtBot, db_path: Path, tmp_path: Path
) -> None:
    with Newsroom.open(db_path, create=True) as newsroom:
        article = newsroom.create(Article(headline="Harbour ice breaks early", body="Ice."))
    journal_dir, state = tmp_path / "journal", str(tmp_path / "state.ini")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(db_path), str(journal_dir), state],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert child.returncode == -signal.SIGKILL, child.stderr[-2000:]
    assert "journal written" in child.stdout

    with Newsroom.open(db_path) as newsroom:
        assert newsroom.get(article.id or 0).body == "Ice."  # the crash came before any save
        window = Restorer(
            Session(newsroom, Tasks()),
            journal=Journal(newsroom.location, journal_dir),
            state=QSettings(state, QSettings.Format.IniFormat),
        )
        window.keeper.set_delays(autosave_ms=50, journal_ms=10)
        qtbot.addWidget(window)
        window.show()
        assert window.offer_recovery()
        assert window.offered == ["Harbour ice breaks early"]
        assert window.editor.body.toPlainText() == "Ice. Typed just before the crash."
        qtbot.waitUntil(
            lambda: newsroom.get(article.id or 0).body.endswith("crash."), timeout=10_000
        )
        window.close()
        window.session.tasks.wait()
        assert Journal(newsroom.location, journal_dir).drafts() == []


def test_declining_recovery_forgets_the_drafts(
    qtbot: QtBot, newsroom: Newsroom, tmp_path: Path
) -> None:
    saved = newsroom.create(Article(headline="Old text"))
    journal = Journal(newsroom.location, tmp_path / "journal")
    journal.record(f"article-{saved.id}", saved.with_changes(headline="New text"))

    class Decliner(MainWindow):
        def ask_restore(self, drafts: list[Draft]) -> bool:
            return False

    window = Decliner(
        Session(newsroom, Tasks()), journal=journal,
        state=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
    )  # fmt: skip
    qtbot.addWidget(window)
    assert not window.offer_recovery()
    assert journal.drafts() == []
    assert newsroom.get(saved.id or 0).headline == "Old text"


def test_a_draft_equal_to_the_saved_article_is_not_offered(
    qtbot: QtBot, newsroom: Newsroom, tmp_path: Path
) -> None:
    saved = newsroom.create(Article(headline="Same"))
    journal = Journal(newsroom.location, tmp_path / "journal")
    journal.record(f"article-{saved.id}", saved)
    window = Restorer(
        Session(newsroom, Tasks()), journal=journal,
        state=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
    )  # fmt: skip
    qtbot.addWidget(window)
    assert window.pending_drafts() == []
