"""Undo a typing run at a time, in every text field; headline and subtitle show their whole text.

An editor once pressed Ctrl+Z in the body and lost the last word together with
the whole paragraph before it. Each test types through ``QTest`` key clicks and
undoes with the real shortcut, one step at a time.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QKeySequence, QTextCursor, QUndoStack
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from ui.editor import ArticleEditor
from ui.session import Session
from ui.text_fields import LineField, ParagraphField, ProseField, starts_typing_run

HEADLINE_70 = "Russia and Germany agree to resume talks on gas transit through Poland"


@pytest.fixture
def editor(session: Session, qtbot: QtBot) -> ArticleEditor:
    widget = ArticleEditor(session, QUndoStack())
    qtbot.addWidget(widget)
    widget.resize(560, 800)  # the editor's share of a 1440×900 window
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def undo_all(widget: QWidget, qtbot: QtBot, text: Callable[[], str]) -> list[str]:
    """Press Ctrl+Z until nothing changes; the text after each press."""
    undo = QKeySequence(QKeySequence.StandardKey.Undo)[0]
    seen: list[str] = []
    while True:
        qtbot.keyClick(widget, undo.key(), undo.keyboardModifiers())
        if (seen[-1] if seen else None) == text() or len(seen) > 50:
            return seen
        seen.append(text())


def test_where_a_typing_run_begins() -> None:
    assert starts_typing_run("", "T") and starts_typing_run(" ", "t")
    assert starts_typing_run("d", "\n") and starts_typing_run("\u2029", "I")
    assert not starts_typing_run("T", "h") and not starts_typing_run("e", " ")
    assert not starts_typing_run(" ", " ") and not starts_typing_run("x", "")


def test_two_paragraphs_in_the_body_undo_word_by_word(editor: ArticleEditor, qtbot: QtBot) -> None:
    body = editor.body
    body.setFocus()
    qtbot.keyClicks(body, "Trucks crossed the river.")
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClicks(body, "Ice held firm")
    assert undo_all(body, qtbot, body.toPlainText) == [
        "Trucks crossed the river.\n\nIce held ",
        "Trucks crossed the river.\n\nIce ",
        "Trucks crossed the river.\n\n",
        "Trucks crossed the river.\n",
        "Trucks crossed the river.",  # the paragraph before is untouched by the undos above
        "Trucks crossed the ",
        "Trucks crossed ",
        "Trucks ",
        "",
    ]


def test_a_typographic_quote_and_a_paste_are_steps_of_their_own(
    editor: ArticleEditor, qtbot: QtBot
) -> None:
    body = editor.body
    body.setFocus()
    qtbot.keyClicks(body, 'He said "no')
    assert body.toPlainText() == "He said “no"
    clipboard = QMimeData()
    clipboard.setText(" and again no")
    body.insertFromMimeData(clipboard)  # what Ctrl+V does with the clipboard's text
    qtbot.keyClicks(body, " twice")
    assert undo_all(body, qtbot, body.toPlainText) == [
        "He said “no and again no ",
        "He said “no and again no",
        "He said “no",  # the paste
        "He said “",
        'He said "',  # the typographic quote, then the quote typed
        "He said ",
        "He ",
        "",
    ]


def test_the_lead_undoes_word_by_word(editor: ArticleEditor, qtbot: QtBot) -> None:
    lead = editor.lead
    lead.setFocus()
    qtbot.keyClicks(lead, "Scientists counted walruses")
    assert undo_all(lead, qtbot, lead.toPlainText) == ["Scientists counted ", "Scientists ", ""]


@pytest.mark.parametrize("field", ["headline", "subtitle", "byline", "agency", "city", "tags"])
def test_one_line_fields_undo_word_by_word(editor: ArticleEditor, qtbot: QtBot, field: str) -> None:
    widget = getattr(editor, field)
    assert isinstance(widget, ParagraphField | LineField)
    widget.setFocus()
    qtbot.keyClicks(widget, "Ice road opens")
    assert undo_all(widget, qtbot, widget.text) == ["Ice road ", "Ice ", ""]


def test_headline_and_subtitle_hold_no_newline(editor: ArticleEditor, qtbot: QtBot) -> None:
    editor.headline.setFocus()
    qtbot.keyClicks(editor.headline, "Ice road")
    qtbot.keyClick(editor.headline, Qt.Key.Key_Return)  # moves on, as Tab does
    assert editor.headline.text() == "Ice road"
    assert QApplication.focusWidget() is not editor.headline
    pasted = QMimeData()
    pasted.setText("Trucks cross\nthe Lena\r\nat dawn")
    editor.subtitle.insertFromMimeData(pasted)
    assert editor.subtitle.text() == "Trucks cross the Lena  at dawn"
    editor.headline.setText("Two\nlines")
    assert editor.headline.text() == "Two lines"


def test_a_70_character_headline_is_shown_whole(editor: ArticleEditor, qtbot: QtBot) -> None:
    """The headline field was narrower than a 70-character headline and never showed it whole."""
    editor.headline.setText(HEADLINE_70)
    editor.subtitle.setText(HEADLINE_70 + ", officials say, after months of stalled negotiations")
    for field in (editor.headline, editor.subtitle):
        assert isinstance(field, ParagraphField)
        qtbot.waitUntil(lambda field=field: field.verticalScrollBar().maximum() == 0)
        lines = field.document().firstBlock().layout().lineCount()
        assert lines >= 2  # it wrapped rather than scrolling sideways
        assert field.viewport().height() >= lines * field.fontMetrics().lineSpacing()
        assert field.horizontalScrollBar().maximum() == 0
    assert isinstance(editor.body, ProseField)


def test_lead_and_body_are_set_with_generous_line_spacing(
    editor: ArticleEditor, qtbot: QtBot
) -> None:
    body = editor.body
    body.setPlainText("One paragraph.\n\nAnother.")
    assert not body.document().isUndoAvailable()  # the spacing is how text looks, not an edit
    body.setFocus()
    body.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClicks(body, "Typed after.")
    pasted = QMimeData()
    pasted.setHtml("<p style='line-height:90%'><b>Pasted</b> from a page</p>")
    pasted.setText("Pasted from a page")
    body.insertFromMimeData(pasted)
    document = body.document()
    heights = {document.findBlockByNumber(n).blockFormat().lineHeight()
               for n in range(document.blockCount())}  # fmt: skip
    assert heights == {float(ProseField.LINE_HEIGHT)}
    assert body.toPlainText() == "One paragraph.\n\nAnother.\nTyped after.Pasted from a page"
    assert editor.lead.document().firstBlock().blockFormat().lineHeight() == ProseField.LINE_HEIGHT


def test_return_over_a_selection_replaces_it(editor: ArticleEditor, qtbot: QtBot) -> None:
    body = editor.body
    body.setFocus()
    qtbot.keyClicks(body, "Keep this cut this")
    cursor = body.textCursor()
    cursor.setPosition(9)
    cursor.setPosition(len("Keep this cut this"), QTextCursor.MoveMode.KeepAnchor)
    body.setTextCursor(cursor)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    assert body.toPlainText() == "Keep this\n"
    assert undo_all(body, qtbot, body.toPlainText)[0] == "Keep this cut this"
