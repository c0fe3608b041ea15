"""The editor's section field: the newsroom's list to pick from; a new name typed is asked about.

The question is a real message box, opened without blocking; the test
answers it from a timer (``when_modal``) as a person would, by its buttons.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from newsroom.article import Article
from newsroom.store import Newsroom
from tests.ui.modal import when_modal
from tests.ui.test_mainwindow import QuietWindow, make_window, wait_saved
from ui.editor import ArticleEditor
from ui.session import Session

SIGNAL_MS = 20_000


@pytest.fixture
def editor(session: Session, qtbot: QtBot) -> ArticleEditor:
    widget = ArticleEditor(session, QUndoStack())
    qtbot.addWidget(widget)
    widget.resize(1000, 800)
    widget.show()
    return widget


def items(editor: ArticleEditor) -> list[str]:
    return [editor.section.itemText(row) for row in range(editor.section.count())]


def type_section(qtbot: QtBot, editor: ArticleEditor, text: str) -> None:
    line = editor.section.lineEdit()
    assert line is not None
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)


def answer(button_text: str) -> None:
    """The next message box is answered with the button labelled ``button_text``."""

    def click(box: QMessageBox) -> None:
        [button] = [b for b in box.buttons() if b.text() == button_text]
        button.click()

    when_modal(click, kind=QMessageBox)  # type: ignore[arg-type]


def listed_newsroom(newsroom: Newsroom) -> None:
    newsroom.import_json(
        [{"headline": "Old", "section": "Zoology"}], base_dir=None
    )  # in use, not listed
    for name in ("World", "Politics", "Sport"):
        newsroom.add_section(name)


def test_without_a_list_the_field_offers_the_sections_in_use(
    qtbot: QtBot, session: Session
) -> None:
    session.newsroom.import_json(
        [{"headline": "A", "section": "Sport"}, {"headline": "B", "section": "Arts"}],
        base_dir=None,
    )
    widget = ArticleEditor(session, QUndoStack())
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: items(widget) == ["Arts", "Sport"], timeout=SIGNAL_MS)
    type_section(qtbot, widget, "Culture")
    qtbot.keyClick(widget.section.lineEdit(), Qt.Key.Key_Return)
    assert widget.section.question is None  # no list: nothing to ask


def test_with_a_list_the_field_offers_it_in_masthead_order(qtbot: QtBot, session: Session) -> None:
    listed_newsroom(session.newsroom)
    widget = ArticleEditor(session, QUndoStack())
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: items(widget) == ["World", "Politics", "Sport"], timeout=SIGNAL_MS)
    widget.load(Article(headline="New", section="Zoology"))
    assert widget.section.currentText() == "Zoology"  # shown as saved, nothing asked
    assert widget.section.question is None
    widget.section.setCurrentIndex(1)
    widget.section.activated.emit(1)  # what a pick from the popup sends
    assert widget.article().section == "Politics"


def test_a_new_name_typed_asks_to_join_the_list_and_add_adds_it(
    qtbot: QtBot, editor: ArticleEditor, session: Session
) -> None:
    listed_newsroom(session.newsroom)
    editor.reload_lists()
    qtbot.waitUntil(lambda: items(editor) == ["World", "Politics", "Sport"], timeout=SIGNAL_MS)
    type_section(qtbot, editor, "Culture")
    answer("Add")
    with qtbot.waitSignal(editor.section.sectionAdded, timeout=SIGNAL_MS) as added:
        editor.byline.setFocus()  # leaving the field asks
    assert added.args[0].name == "Culture"
    assert [s.name for s in session.newsroom.section_list()] == [
        "World", "Politics", "Sport", "Culture",
    ]  # fmt: skip
    qtbot.waitUntil(lambda: items(editor)[-1] == "Culture", timeout=SIGNAL_MS)
    assert editor.section.currentText() == "Culture"


def test_keep_as_typed_leaves_the_list_alone(
    qtbot: QtBot, editor: ArticleEditor, session: Session
) -> None:
    listed_newsroom(session.newsroom)
    editor.reload_lists()
    qtbot.waitUntil(lambda: items(editor) == ["World", "Politics", "Sport"], timeout=SIGNAL_MS)
    type_section(qtbot, editor, "Culture")
    qtbot.keyClick(editor.section.lineEdit(), Qt.Key.Key_Return)
    box = editor.section.question
    assert box is not None and box.text() == "Add section “Culture” to the newsroom's list?"
    answer("Keep as typed")
    qtbot.waitUntil(lambda: editor.section.question is None, timeout=SIGNAL_MS)
    assert editor.section.currentText() == "Culture"
    assert [s.name for s in session.newsroom.section_list()] == ["World", "Politics", "Sport"]
    editor.byline.setFocus()  # leaving again asks no more: nothing typed since
    assert editor.section.question is None


def test_a_listed_name_in_another_spelling_is_not_asked_about(
    qtbot: QtBot, editor: ArticleEditor, session: Session
) -> None:
    listed_newsroom(session.newsroom)
    editor.reload_lists()
    qtbot.waitUntil(lambda: items(editor) == ["World", "Politics", "Sport"], timeout=SIGNAL_MS)
    type_section(qtbot, editor, "sport ")
    qtbot.keyClick(editor.section.lineEdit(), Qt.Key.Key_Return)
    assert editor.section.question is None  # the save spells it "Sport"


def test_a_section_renamed_in_settings_shows_in_the_open_article(
    qtbot: QtBot, newsroom: Newsroom, tmp_path: Path
) -> None:
    newsroom.import_json(
        [{"slug": "match", "headline": "Match", "section": "Sport"}], base_dir=None
    )
    newsroom.add_sections_from_articles()
    window: QuietWindow = make_window(qtbot, newsroom, tmp_path)
    window.open_first_article("match")
    qtbot.waitUntil(lambda: window.editor.section.currentText() == "Sport", timeout=SIGNAL_MS)
    loads: list[Article] = []
    window.keeper.loaded.connect(loads.append)
    newsroom.add_section("Arts")  # as Settings ▸ Sections does: the open article is untouched
    window.sections_changed(newsroom.section_list())
    qtbot.waitUntil(lambda: items(window.editor) == ["Sport", "Arts"], timeout=SIGNAL_MS)
    window.session.tasks.wait()
    qtbot.wait(50)
    assert loads == []  # not reopened: its undo history stays
    newsroom.rename_section("Sport", "Sports")
    window.sections_changed(newsroom.section_list())
    qtbot.waitUntil(lambda: window.editor.section.currentText() == "Sports", timeout=SIGNAL_MS)
    assert [article.section for article in loads] == ["Sports"]
    qtbot.waitUntil(lambda: items(window.editor) == ["Sports", "Arts"], timeout=SIGNAL_MS)
    window.editor.headline.setText("Match report")  # the next save is no conflict
    wait_saved(qtbot, window)
    assert newsroom.get("match").headline == "Match report"
    window.session.tasks.wait()
