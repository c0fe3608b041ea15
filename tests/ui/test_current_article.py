"""Every action that names "the current article" acts on the article in the editor.

An editor once exported the wrong story: after New article the list's
highlight stayed on the previous row and the export took the list's row.
Each action is checked in the three ways the editor and the list can part:
a new article, an article opened from a link in the preview, and a search
that hides the open article.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from newsroom.article import Status
from newsroom.demo import load_demo
from newsroom.store import Newsroom
from tests.ui.test_mainwindow import QuietWindow, make_window, wait_saved
from ui.export_dialog import ExportDialog
from ui.history import HistoryDialog

FIRST = "night-train-returns"  # opened first: the list's row that must not win
OTHER = "walrus-count-arctic-station"


class DialogKeeper(QuietWindow):
    """The real window; modal dialogs are kept for the test instead of run."""

    def run_dialog(self, dialog: QDialog) -> bool:
        self.last_dialog = dialog
        return False


@pytest.fixture
def window(qtbot: QtBot, newsroom: Newsroom, tmp_path: Path) -> Iterator[DialogKeeper]:
    load_demo(newsroom)
    window = make_window(qtbot, newsroom, tmp_path, kind=DialogKeeper)
    window.open_first_article(FIRST)
    first = newsroom.get(FIRST)
    qtbot.waitUntil(lambda: window.keeper.saved_article is not None)
    qtbot.waitUntil(lambda: window.article_list.selected_ids() == [first.id])
    yield window
    window.session.tasks.wait()


def open_id(window: DialogKeeper) -> int:
    saved = window.keeper.saved_article
    assert saved is not None and saved.id is not None
    return saved.id


def after_new_article(qtbot: QtBot, window: DialogKeeper, newsroom: Newsroom) -> int:
    window.new_article()
    qtbot.waitUntil(lambda: window.editor.headline.text() == "")
    assert window.article_list.selected_ids() == []  # the old row does not stay lit
    qtbot.keyClicks(window.editor.headline, "Ferry service resumes after the storm")
    wait_saved(qtbot, window)
    new_id = open_id(window)
    qtbot.waitUntil(lambda: window.article_list.selected_ids() == [new_id])
    return new_id


def after_related_link(qtbot: QtBot, window: DialogKeeper, newsroom: Newsroom) -> int:
    other = newsroom.get(OTHER)
    window.preview.articleLinkClicked.emit(OTHER)  # what a click on its link in the page does
    qtbot.waitUntil(lambda: window.keeper.saved_article.id == other.id)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: window.article_list.selected_ids() == [other.id])
    return other.id


def after_hiding_search(qtbot: QtBot, window: DialogKeeper, newsroom: Newsroom) -> int:
    qtbot.keyClicks(window.article_list.search, "walrus")
    qtbot.waitUntil(lambda: window.article_list.model.rowCount() == 1)
    assert window.article_list.model.summary(0).slug == OTHER
    assert window.article_list.selected_ids() == []
    return newsroom.get(FIRST).id


SITUATIONS: dict[str, Callable[[QtBot, DialogKeeper, Newsroom], int]] = {
    "new article": after_new_article,
    "related link": after_related_link,
    "hiding search": after_hiding_search,
}
situations = pytest.mark.parametrize("situation", list(SITUATIONS))


@situations
def test_export_takes_the_article_in_the_editor(
    qtbot: QtBot, window: DialogKeeper, newsroom: Newsroom, situation: str
) -> None:
    expected = SITUATIONS[situation](qtbot, window, newsroom)
    window.export_action.trigger()
    qtbot.waitUntil(lambda: isinstance(getattr(window, "last_dialog", None), ExportDialog))
    dialog = window.last_dialog
    assert isinstance(dialog, ExportDialog)
    assert dialog.current.isChecked() and dialog.current.isEnabled()
    assert dialog.request().refs == [str(expected)]


@situations
def test_history_is_the_article_in_the_editor(
    qtbot: QtBot, window: DialogKeeper, newsroom: Newsroom, situation: str
) -> None:
    expected = SITUATIONS[situation](qtbot, window, newsroom)
    dialog = window.show_history()
    assert isinstance(dialog, HistoryDialog) and dialog.article_id == expected
    dialog.close()


@situations
def test_duplicate_copies_the_article_in_the_editor(
    qtbot: QtBot, window: DialogKeeper, newsroom: Newsroom, situation: str
) -> None:
    expected = SITUATIONS[situation](qtbot, window, newsroom)
    headline = newsroom.get(expected).headline
    window.duplicate_action.trigger()
    qtbot.waitUntil(lambda: window.keeper.saved_article is None)
    assert window.editor.headline.text() == headline


@situations
def test_status_changes_and_delete_act_on_the_article_in_the_editor(
    qtbot: QtBot, window: DialogKeeper, newsroom: Newsroom, situation: str
) -> None:
    expected = SITUATIONS[situation](qtbot, window, newsroom)
    before = {summary.id: summary.status for summary in newsroom.articles()}
    status = Status.READY if before[expected] is Status.DRAFT else Status.CORRECTED
    assert window.status_actions[status].isEnabled()
    window.status_actions[status].trigger()
    qtbot.waitUntil(lambda: newsroom.get(expected).status is status)
    after = {summary.id: summary.status for summary in newsroom.articles()}
    assert after == {**before, expected: status}

    window.delete_action.trigger()
    qtbot.waitUntil(lambda: expected not in {s.id for s in newsroom.articles()})
    assert len(newsroom.articles()) == len(before) - 1
    window.undo_action.trigger()  # undo of the delete brings back the same article, open
    qtbot.waitUntil(lambda: expected in {s.id for s in newsroom.articles()})
    qtbot.waitUntil(lambda: open_id(window) == expected)
