"""Findings in their fields: wavy underlines at the right words, quick fixes as one undo step."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QPlainTextEdit, QTextEdit
from pytestqt.qtbot import QtBot

from newsroom.article import Article, Quote
from newsroom.checks import RULES, CheckContext, Finding, Rule, Severity
from newsroom.checks.model import rule
from newsroom.store import Newsroom
from tests.ui.checks.support import (
    BODY,
    CAPTION,
    LONG_HEADLINE,
    OLD_LINK,
    Answering,
    finding,
    open_window,
    rules,
    wait_checked,
)
from ui.checks.look import severity_colour

# The present rules fix a caption and a link; a body fix is a rule like this one (the
# punctuation rules bring their own): a real rule, registered for the test's length.
BANGS = "test.doubled-bang"


@pytest.fixture
def doubled_bangs() -> Iterator[Rule]:
    @rule(BANGS, Severity.WARNING, ("body",), "a doubled exclamation mark")
    def bangs(this: Rule, article: Article, _: CheckContext) -> Iterable[Finding]:
        texts = [("body", article.body)]
        texts += [(f"quotes[{i}].text", quote.text) for i, quote in enumerate(article.quotes)]
        for path, text in texts:
            for found in re.finditer("!!", text):
                yield this.finding(path, "one exclamation mark is enough", *found.span(), fix="!")

    yield bangs
    RULES.pop(BANGS)


def underlines(field: QTextEdit | QPlainTextEdit) -> list[tuple[str, QTextCharFormat]]:
    """Each underline's words, as the field holds them now, and its format."""
    found = []
    for selection in field.extraSelections():
        words = selection.cursor.selectedText()  # type: ignore[attr-defined]
        found.append((words, QTextCharFormat(selection.format)))  # type: ignore[attr-defined]
    return found


def test_each_finding_is_a_wavy_underline_in_its_colour(window: Answering) -> None:
    [(words, headline_format)] = underlines(window.editor.headline)
    assert words == LONG_HEADLINE[64:]
    assert headline_format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    palette = window.editor.headline.palette()
    assert headline_format.underlineColor() == severity_colour(Severity.ERROR, palette)
    wash = headline_format.background().color()  # an error is also washed in its colour
    assert wash.rgb() == severity_colour(Severity.ERROR, palette).rgb() and wash.alpha() < 64
    [(quotation, body_format)] = underlines(window.editor.body)  # no one says it: a note
    assert quotation.startswith("“We are ready to talk about every route and every price.”")
    assert body_format.underlineColor() == severity_colour(Severity.INFO, palette)
    assert body_format.background().style() == Qt.BrushStyle.NoBrush  # a note: only the wave
    assert underlines(window.editor.lead) == []
    assert severity_colour(Severity.ERROR, palette) != severity_colour(Severity.WARNING, palette)


def test_an_astral_character_before_a_span_does_not_shift_it(
    qtbot: QtBot, newsroom: Newsroom, tmp_path: object
) -> None:
    emoji = "🎻 "  # one code point, two UTF-16 units (and a space)
    article = newsroom.create(
        Article(headline=emoji + LONG_HEADLINE, body="𝄞 Music 😀 first.\n\n" + BODY, tags=("Kyiv",))
    )
    window = open_window(qtbot, newsroom, tmp_path, article)  # type: ignore[arg-type]
    shown = finding(window.checks, "limits.headline")
    assert shown.start == 64  # code points
    [(words, _format)] = underlines(window.editor.headline)
    assert words == (emoji + LONG_HEADLINE)[64:]
    attribution = finding(window.checks, "quotes.attribution")
    [(quotation, _format)] = underlines(window.editor.body)
    assert quotation == article.body[attribution.start : attribution.end]
    window.checks.fields.go_to(attribution)
    assert window.editor.body.textCursor().selectedText() == quotation
    window.checks.fields.go_to(shown)
    assert window.editor.headline.textCursor().selectedText() == words
    window.session.tasks.wait()


def test_underlines_stay_on_their_words_while_the_text_before_them_changes(
    qtbot: QtBot, window: Answering
) -> None:
    body = window.editor.body
    [(before, _format)] = underlines(body)
    cursor = body.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    body.setTextCursor(cursor)
    body.setFocus()
    qtbot.keyClicks(body, "Update: ")
    [(during, _format)] = underlines(body)  # the next check is not in yet
    assert during == before
    wait_checked(qtbot, window.checks)
    [(after, _format)] = underlines(body)
    assert after == before


def test_the_caption_fix_is_one_undo_step_and_the_finding_goes(
    qtbot: QtBot, window: Answering
) -> None:
    pane = window.checks
    caption = window.editor.photo.caption
    caption.setFocus()
    caption.end(False)
    qtbot.keyClicks(caption, " today")  # typed just before: not undone with the fix
    wait_checked(qtbot, pane)
    pane.view.setCurrentIndex(pane.model.index(rules(pane).index("photo.caption-stop")))
    assert pane.fix_button.text() == "Insert “.”"
    pane.fix_button.click()
    assert caption.text() == CAPTION + " today."
    wait_checked(qtbot, pane)
    assert "photo.caption-stop" not in rules(pane)
    caption.undo()
    assert caption.text() == CAPTION + " today"
    wait_checked(qtbot, pane)
    assert "photo.caption-stop" in rules(pane)


def test_the_link_fix_from_the_row_menu_is_undone_on_the_window_stack(
    qtbot: QtBot, window: Answering
) -> None:
    pane = window.checks
    menu = pane.row_menu(pane.model.index(rules(pane).index("related.https")))
    assert menu is not None
    [fix] = [a for a in menu.actions() if a.text() == "Replace with “https://”"]
    fix.trigger()
    assert window.related.related()[0].url == OLD_LINK.replace("http://", "https://")
    wait_checked(qtbot, pane)
    assert "related.https" not in rules(pane)
    assert window.undo_stack.undoText() == "Fix related headline"
    window.undo_stack.undo()
    assert window.related.related()[0].url == OLD_LINK
    wait_checked(qtbot, pane)
    assert "related.https" in rules(pane)


def choose_from_context_menu(text: str, seen: list[list[str]]) -> QTimer:
    """When the field's context menu is up: note its entries, choose ``text``."""
    timer = QTimer()
    timer.setInterval(20)

    def look() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            timer.stop()
            seen.append([action.text() for action in menu.actions()])
            [chosen] = [action for action in menu.actions() if action.text() == text]
            menu.close()
            chosen.trigger()

    timer.timeout.connect(look)
    timer.start()
    return timer


def right_click(field: QTextEdit, position: int) -> None:
    cursor = QTextCursor(field.document())
    cursor.setPosition(position)
    point: QPoint = field.cursorRect(cursor).center()
    viewport = field.viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, viewport.mapToGlobal(point))
    QApplication.sendEvent(viewport, event)


# A popup menu on the offscreen platform: it says it cannot raise or grab the keyboard.
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_a_body_fix_from_the_fields_context_menu_is_one_undo_step(
    qtbot: QtBot, doubled_bangs: Rule, newsroom: Newsroom, tmp_path: object
) -> None:
    article = newsroom.create(Article(headline="Gas talks resume", body="They agreed!! At last."))
    window = open_window(qtbot, newsroom, tmp_path, article)  # type: ignore[arg-type]
    body = window.editor.body
    assert underlines(body)[0][0] == "!!"
    seen: list[list[str]] = []
    looking = choose_from_context_menu("Replace with “!”", seen)
    right_click(body, len("They agreed!"))
    looking.stop()
    assert seen and seen[0][0] == "Replace with “!”"
    assert "Copy" in " ".join(seen[0]) or len(seen[0]) > 2  # the field's own menu follows
    assert body.toPlainText() == "They agreed! At last."
    wait_checked(qtbot, window.checks)
    assert BANGS not in rules(window.checks)
    body.undo()
    assert body.toPlainText() == "They agreed!! At last."
    wait_checked(qtbot, window.checks)
    assert BANGS in rules(window.checks)
    window.session.tasks.wait()


def test_outside_a_span_the_field_keeps_its_own_menu(window: Answering) -> None:
    fields = window.checks.fields
    body = window.editor.body
    cursor = QTextCursor(body.document())
    cursor.setPosition(3)  # "Talks", no finding there
    assert fields.marks_at(body, body.cursorRect(cursor).center()) == []
    caption = window.editor.photo.caption
    caption.end(False)
    marks = fields.marks_at(caption, caption.cursorRect().center())
    assert [mark.finding.rule for mark in marks] == ["photo.caption-stop"]


def test_a_fix_for_words_changed_since_the_check_is_refused_and_rechecked(
    qtbot: QtBot, window: Answering
) -> None:
    pane = window.checks
    stop = finding(pane, "photo.caption-stop")
    caption = window.editor.photo.caption
    caption.setText(CAPTION + " on Monday")  # not an edit the checks have seen
    assert not pane.fields.apply_fix(stop)
    assert caption.text() == CAPTION + " on Monday"
    assert pane.status.text().startswith("The text changed since it was checked")
    wait_checked(qtbot, pane)
    fresh = finding(pane, "photo.caption-stop")
    assert pane.fields.apply_fix(fresh)
    assert caption.text() == CAPTION + " on Monday."


def test_the_caption_shows_its_underline_only_while_its_text_was_checked(
    qtbot: QtBot, window: Answering
) -> None:
    caption = window.editor.photo.caption
    amber = severity_colour(Severity.WARNING, caption.palette())

    def amber_pixels() -> int:
        image = caption.grab().toImage()
        found = 0
        for y in range(image.height()):
            for x in range(image.width()):
                colour = image.pixelColor(x, y)
                if (
                    abs(colour.red() - amber.red()) < 40
                    and abs(colour.green() - amber.green()) < 40
                    and abs(colour.blue() - amber.blue()) < 60
                ):
                    found += 1
        return found

    assert amber_pixels() > 3
    caption.setText(CAPTION + " again")  # marks are for the text checked
    assert amber_pixels() == 0
    window.session.tasks.wait()


def test_a_quotes_fix_is_an_undo_step_on_the_window_stack(
    qtbot: QtBot, doubled_bangs: Rule, newsroom: Newsroom, tmp_path: object
) -> None:
    article = newsroom.create(
        Article(headline="Gas talks resume", body="He said: “Never!!” Then he left.",
                quotes=(Quote(text="Never!!", speaker="The minister"),))
    )  # fmt: skip
    window = open_window(qtbot, newsroom, tmp_path, article)  # type: ignore[arg-type]
    quotes = window.editor.quotes.model
    quotes.add(Quote(text=""), row=0)  # a row still being typed: not in the article
    window.checks.recheck()
    wait_checked(qtbot, window.checks)
    [quoted] = [f for f in window.checks.findings() if f.field == "quotes[0].text"]
    assert window.checks.fields.apply_fix(quoted)
    assert [quote.text for quote in quotes.quotes()] == ["", "Never!"]
    window.undo_stack.undo()
    assert [quote.text for quote in quotes.quotes()] == ["", "Never!!"]
    window.session.tasks.wait()


def test_a_read_only_article_offers_no_fix(qtbot: QtBot, window: Answering) -> None:
    pane = window.checks
    window.editor.set_read_only(True)
    row = pane.model.index(rules(pane).index("photo.caption-stop"))
    pane.view.setCurrentIndex(row)
    assert not pane.fix_button.isEnabled()
    menu = pane.row_menu(row)
    assert menu is not None and [a.text() for a in menu.actions()] == ["Go to the finding"]
    assert not pane.fields.apply_fix(finding(pane, "photo.caption-stop"))
    assert window.editor.photo.caption.text() == CAPTION
    assert not pane.status.isVisible()  # nothing refused: nothing was offered
