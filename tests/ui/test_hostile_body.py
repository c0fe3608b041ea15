"""A body beyond the render limits, typed or pasted in the editor: not saved, nothing lost, said why."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from newsroom.demo import load_demo
from newsroom.store import Newsroom
from tests.ui.test_mainwindow import make_window

DEEP_LIST = "\n".join("    " * level + "- item" for level in range(150))
REFUSAL = "body: lists or quotes nested deeper than 100 levels (line 101); flatten them"


def test_a_body_beyond_the_limits_is_kept_in_the_editor_and_the_preview_says_why(
    qtbot: QtBot, newsroom: Newsroom, tmp_path: Path
) -> None:
    load_demo(newsroom)
    window = make_window(qtbot, newsroom, tmp_path)
    window.open_first_article()
    qtbot.waitUntil(lambda: window.keeper.saved_article is not None)
    saved = window.keeper.saved_article
    assert saved is not None and saved.id is not None
    window.editor.body.setPlainText(DEEP_LIST)  # as pasted
    qtbot.waitUntil(lambda: REFUSAL in window.problem_label.text(), timeout=20_000)
    qtbot.waitUntil(lambda: REFUSAL in window.preview.message.text(), timeout=20_000)
    assert window.preview.message.isVisible()
    assert window.editor.body.toPlainText() == DEEP_LIST
    assert [draft.article.body for draft in window.journal.drafts()] == [DEEP_LIST]
    assert newsroom.get(saved.id).body == saved.body  # the saved text is untouched
    window.editor.body.setPlainText("A body that renders.")
    qtbot.waitUntil(lambda: newsroom.get(saved.id).body == "A body that renders.", timeout=20_000)
    qtbot.waitUntil(lambda: not window.preview.message.isVisible(), timeout=20_000)
    window.close()
    window.session.tasks.wait()
