"""Dates typed over the old one, the ways editors type them; an impossible one is said, not kept.

Typing a date over the dateline's once silently kept the old day and year.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from newsroom.article import Article, Dateline
from newsroom.store import Newsroom
from tests.ui.test_mainwindow import make_window, wait_saved
from ui.date_fields import INVALID_PROPERTY, DateField
from ui.editor import ArticleEditor
from ui.session import Session


@pytest.fixture
def editor(session: Session, qtbot: QtBot) -> ArticleEditor:
    widget = ArticleEditor(session, QUndoStack())
    qtbot.addWidget(widget)
    widget.resize(700, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.load(Article(headline="Talks", dateline=Dateline("MOSCOW", date(2026, 11, 27), "TASS")))
    return widget


def type_over(qtbot: QtBot, field: DateField, text: str) -> None:
    """Click into the middle of the date (as a mouse user does) and type."""
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton, pos=QPoint(field.width() // 2, 5))
    qtbot.waitUntil(lambda: field.hasFocus() and field.selectedText() == field.text())
    qtbot.keyClicks(field, text)


@pytest.mark.parametrize("typed", ["28.06.2021", "2021-06-28", "28 June 2021", "June 28, 2021"])
def test_a_date_typed_over_the_old_one_replaces_it_whole(
    editor: ArticleEditor, qtbot: QtBot, typed: str
) -> None:
    type_over(qtbot, editor.date, typed)
    assert editor.article().dateline.date == date(2021, 6, 28)
    assert "June 28" in editor.dateline_text.text()
    qtbot.keyClick(editor.date, Qt.Key.Key_Tab)  # leaving writes it out in full
    assert editor.date.text() == "28 June 2021"


def test_a_date_without_a_year_is_the_nearest(editor: ArticleEditor, qtbot: QtBot) -> None:
    type_over(qtbot, editor.date, "June 28")
    today = date.today()
    assert editor.article().dateline.date in {
        date(year, 6, 28) for year in (today.year - 1, today.year, today.year + 1)
    }


def test_an_impossible_date_is_an_error_not_the_old_value(
    editor: ArticleEditor, qtbot: QtBot
) -> None:
    type_over(qtbot, editor.date, "31.06.2021")
    assert editor.date.problem() == "31.06.2021: June 2021 has 30 days"
    assert editor.input_problem() == "Dateline date: 31.06.2021: June 2021 has 30 days"
    assert "June 2021 has 30 days" in editor.status.text()
    qtbot.keyClick(editor.date, Qt.Key.Key_Tab)
    assert editor.date.text() == "31.06.2021"  # what was typed stays, marked, to be put right
    assert editor.date.property(INVALID_PROPERTY) is True
    qtbot.keyClick(editor.no_date, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    type_over(qtbot, editor.date, "30.06.2021")
    assert editor.input_problem() == "" and editor.status.text() == ""
    assert editor.article().dateline.date == date(2021, 6, 30)
    assert editor.date.property(INVALID_PROPERTY) is False


def test_the_window_saves_nothing_from_an_impossible_date(
    qtbot: QtBot, newsroom: Newsroom, tmp_path: Path
) -> None:
    article = newsroom.create(
        Article(headline="Talks resume", dateline=Dateline("MOSCOW", date(2026, 11, 27)))
    )
    window = make_window(qtbot, newsroom, tmp_path)
    window.open_first_article()
    qtbot.waitUntil(lambda: window.editor.headline.text() == "Talks resume")
    type_over(qtbot, window.editor.date, "29.02.2021")
    qtbot.waitUntil(lambda: "February 2021 has 28 days" in window.problem_label.text())
    assert newsroom.get(article.id).dateline.date == date(2026, 11, 27)
    assert [d.article.headline for d in window.journal.drafts()] == ["Talks resume"]
    qtbot.mouseClick(window.editor.city, Qt.MouseButton.LeftButton)  # away, then back
    type_over(qtbot, window.editor.date, "28.02.2021")
    wait_saved(qtbot, window)
    assert newsroom.get(article.id).dateline.date == date(2021, 2, 28)
    assert window.problem_label.text() == ""
