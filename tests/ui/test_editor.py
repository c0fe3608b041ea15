"""The article editor, driven through its real widgets and models."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPalette, QUndoStack
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from newsroom.article import Article, Dateline, PhotoUse, Quote
from newsroom.checks import Severity
from newsroom.demo import load_demo
from newsroom.settings import Settings
from newsroom.store import Newsroom
from ui.checks.look import severity_colour
from ui.editor import WARNING_PROPERTY, ArticleEditor
from ui.quotes import NOT_IN_BODY_ROLE, PULL, TEXT
from ui.session import Session

BODY = 'The coach said she had studied rook endgames "every evening for a year".'


class Edits:
    """Counts ``edited`` signals."""

    def __init__(self, editor: ArticleEditor) -> None:
        self.count = 0
        editor.edited.connect(self._seen)

    def _seen(self) -> None:
        self.count += 1


def saved(newsroom: Newsroom, **fields: object) -> Article:
    values: dict[str, object] = {"headline": "Chess prodigy draws with grandmaster", "body": BODY}
    values.update(fields)
    return newsroom.create(Article(**values))  # type: ignore[arg-type]


def press_undo(widget: QWidget, qtbot: QtBot) -> None:
    sequence = QKeySequence(QKeySequence.StandardKey.Undo)[0]
    qtbot.keyClick(widget, sequence.key(), sequence.keyboardModifiers())


def test_load_then_article_gives_every_demo_article_back_unchanged(
    editor: ArticleEditor, newsroom: Newsroom, session: Session, qtbot: QtBot
) -> None:
    load_demo(newsroom)
    edits = Edits(editor)
    summaries = newsroom.articles()
    assert len(summaries) >= 6
    for summary in summaries:
        article = newsroom.get(summary.id)
        editor.load(article)
        assert editor.article() == article
    session.tasks.wait()
    qtbot.waitUntil(lambda: editor.photo.photo() is not None or not editor.article().photo)
    assert editor.article() == article
    assert edits.count == 0


def test_edited_on_typing_but_never_on_load(
    editor: ArticleEditor, newsroom: Newsroom, qtbot: QtBot
) -> None:
    edits = Edits(editor)
    article = saved(newsroom, dateline=Dateline(city="Moscow"), quotes=(Quote("a"),))
    editor.load(article)
    assert edits.count == 0
    qtbot.keyClicks(editor.subtitle, "x")
    assert edits.count == 1
    qtbot.keyClicks(editor.body, "y")
    editor.no_date.click()
    assert edits.count == 3
    editor.load(article)
    assert edits.count == 3
    assert editor.article() == article


def test_headline_count_warns_past_the_limit(
    editor: ArticleEditor, newsroom: Newsroom, qtbot: QtBot
) -> None:
    editor.load(saved(newsroom, headline="Short"))
    editor.apply_settings(Settings(headline_limit=10))
    assert editor.headline_count.text() == "5 / 10"
    assert not editor.headline_count.property(WARNING_PROPERTY)
    qtbot.keyClick(editor.headline, Qt.Key.Key_End)
    qtbot.keyClicks(editor.headline, " news!")
    assert editor.headline_count.text().startswith("11 / 10")
    assert "too long" in editor.headline_count.text()
    assert editor.headline_count.property(WARNING_PROPERTY) == "error"  # the rule's severity
    red = severity_colour(Severity.ERROR, editor.palette())
    assert editor.headline_count.palette().color(QPalette.ColorRole.Window) == red
    qtbot.keyClick(editor.headline, Qt.Key.Key_Backspace)
    assert editor.headline_count.text() == "10 / 10"
    assert not editor.headline_count.property(WARNING_PROPERTY)
    assert editor.article().headline == "Short news"


def test_lead_counts_words_and_warns_past_its_limit(
    editor: ArticleEditor, newsroom: Newsroom, qtbot: QtBot
) -> None:
    editor.load(saved(newsroom))
    editor.apply_settings(Settings(lead_word_limit=4))
    qtbot.keyClicks(editor.lead, "Three short words")
    assert editor.lead_count.text() == "3 / 4 words"
    assert not editor.lead_count.property(WARNING_PROPERTY)
    qtbot.keyClicks(editor.lead, " and more")
    assert editor.lead_count.property(WARNING_PROPERTY) == "warning"
    assert "5 / 4 words" in editor.lead_count.text()


def test_dateline_is_shown_live_in_the_house_style(
    editor: ArticleEditor, newsroom: Newsroom, qtbot: QtBot
) -> None:
    editor.load(saved(newsroom, dateline=Dateline(city="Moscow", date=date(2024, 6, 28))))
    editor.apply_settings(Settings(agency="TASS", dateline_style="tass"))
    assert editor.dateline_text.text() == "MOSCOW, June 28. /TASS/."
    editor.apply_settings(Settings(agency="TASS", dateline_style="ap"))
    assert editor.dateline_text.text() == "MOSCOW (TASS) —"
    qtbot.keyClicks(editor.agency, "Reuters")
    assert editor.dateline_text.text() == "MOSCOW (Reuters) —"
    editor.apply_settings(Settings(dateline_style="{city}, {weekday} {day} {month_ap}"))
    assert editor.dateline_text.text() == "Moscow, Friday 28 June"
    editor.no_date.click()
    assert editor.article().dateline == Dateline(city="Moscow", agency="Reuters")


# The offscreen platform cannot raise or grab for the completion popup; it says so.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_city_completion_offers_an_earlier_city(
    newsroom: Newsroom, session: Session, undo_stack: QUndoStack, qtbot: QtBot
) -> None:
    saved(newsroom, dateline=Dateline(city="Yekaterinburg"))
    saved(newsroom, headline="Second", dateline=Dateline(city="Yerevan"))
    saved(newsroom, headline="Third", dateline=Dateline(city="Yerevan"))
    assert newsroom.dateline_cities() == ["Yerevan", "Yekaterinburg"]
    assert newsroom.dateline_cities("yek") == ["Yekaterinburg"]
    editor = ArticleEditor(session, undo_stack)
    qtbot.addWidget(editor)
    editor.show()
    editor.load(Article(headline="New"))
    qtbot.waitUntil(session.tasks.idle)  # the section list has come
    assert editor.cities.rowCount() == 0  # not read while the article opens: a full count
    editor.city.setFocus()
    qtbot.waitUntil(lambda: editor.cities.rowCount() == 2)  # read once the field is used
    qtbot.keyClicks(editor.city, "yek")
    completer = editor.city_completer
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "Yekaterinburg"
    assert completer.popup().isVisible()
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    assert editor.article().dateline.city == "Yekaterinburg"


def test_typographic_quotes_as_you_type_and_one_undo_restores(
    editor: ArticleEditor, newsroom: Newsroom, qtbot: QtBot
) -> None:
    editor.load(saved(newsroom, body=""))
    editor.body.setFocus()
    qtbot.keyClicks(editor.body, 'She said "yes')
    assert editor.body.toPlainText() == "She said “yes"
    qtbot.keyClicks(editor.body, "\" -- it's done")
    assert editor.body.toPlainText() == "She said “yes” — it’s done"
    editor.body.selectAll()
    qtbot.keyClick(editor.body, Qt.Key.Key_Delete)
    qtbot.keyClicks(editor.body, 'x "')
    assert editor.body.toPlainText() == "x “"
    press_undo(editor.body, qtbot)
    assert editor.body.toPlainText() == 'x "'
    assert editor.body.textCursor().position() == 3
    editor.typographic.click()
    assert not editor.typographic.isChecked()
    qtbot.keyClicks(editor.body, "a' b--")
    assert editor.body.toPlainText() == "x \"a' b--"


def test_body_word_count_and_reading_time(
    editor: ArticleEditor, newsroom: Newsroom, qtbot: QtBot
) -> None:
    editor.load(saved(newsroom, body=""))
    assert editor.body_stats.text() == "0 words · 0 min read"
    editor.body.setPlainText("## Heading\n\n" + "word " * 458)
    qtbot.waitUntil(lambda: editor.body_stats.text() == "459 words · 2 min read")
    qtbot.keyClicks(editor.body, "one more")
    qtbot.waitUntil(lambda: editor.body_stats.text() == "461 words · 3 min read")


def test_quotes_add_edit_remove_with_undo_and_the_verbatim_flag(
    editor: ArticleEditor, newsroom: Newsroom, undo_stack: QUndoStack, qtbot: QtBot
) -> None:
    editor.load(saved(newsroom))
    edits = Edits(editor)
    model = editor.quotes.model
    # Add the text selected in the body.
    cursor = editor.body.textCursor()
    start = BODY.index("every")
    cursor.setPosition(start)
    cursor.setPosition(start + len("every evening for a year"), cursor.MoveMode.KeepAnchor)
    editor.body.setTextCursor(cursor)
    qtbot.mouseClick(editor.quotes.add_button, Qt.MouseButton.LeftButton)
    assert model.quotes() == (Quote("every evening for a year"),)
    assert model.index(0, TEXT).data(NOT_IN_BODY_ROLE) is False
    assert edits.count == 1
    # Edit it through the model: the changed words are not in the body.
    assert model.setData(model.index(0, TEXT), "every morning for a year")
    assert model.index(0, TEXT).data(NOT_IN_BODY_ROLE) is True
    assert "verbatim" in model.index(0, TEXT).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, TEXT).data(Qt.ItemDataRole.DecorationRole) is not None
    model.setData(model.index(0, 1), "Anna Petrova")
    model.setData(model.index(0, 2), "coach")
    undo_stack.undo()
    undo_stack.undo()
    assert model.quotes() == (Quote("every morning for a year"),)
    undo_stack.undo()
    assert model.quotes() == (Quote("every evening for a year"),)
    assert model.index(0, TEXT).data(NOT_IN_BODY_ROLE) is False
    # Straight vs curly quotes and line breaks do not matter.
    model.add(Quote('rook endgames "every\n evening'))
    assert model.index(1, TEXT).data(NOT_IN_BODY_ROLE) is False
    model.add(Quote("Rook endgames"))
    assert model.index(2, TEXT).data(NOT_IN_BODY_ROLE) is True  # case does
    # Editing the body re-checks the quotes.
    editor.body.moveCursor(cursor.MoveOperation.Start)
    qtbot.keyClicks(editor.body, "Rook endgames. ")
    qtbot.waitUntil(lambda: model.index(2, TEXT).data(NOT_IN_BODY_ROLE) is False)
    # Remove, undo, redo.
    editor.quotes.view.setCurrentIndex(model.index(0, TEXT))
    qtbot.mouseClick(editor.quotes.remove_button, Qt.MouseButton.LeftButton)
    assert [q.text for q in model.quotes()] == ['rook endgames "every\n evening', "Rook endgames"]
    undo_stack.undo()
    assert model.rowCount() == 3
    assert editor.article().quotes[0] == Quote("every evening for a year")
    undo_stack.redo()
    assert model.rowCount() == 2


def test_pull_quote_mark(editor: ArticleEditor, newsroom: Newsroom, undo_stack: QUndoStack) -> None:
    editor.load(saved(newsroom, quotes=(Quote("rook endgames"), Quote("a year"))))
    model = editor.quotes.model
    editor.quotes.view.setCurrentIndex(model.index(1, TEXT))
    assert editor.quotes.pull_button.isEnabled()
    editor.quotes.pull_button.click()
    assert editor.article().quotes == (Quote("rook endgames"), Quote("a year", pull=True))
    assert model.index(1, PULL).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    model.setData(model.index(0, PULL), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert editor.article().quotes[0].pull
    undo_stack.undo()
    undo_stack.undo()
    assert not any(q.pull for q in editor.article().quotes)
    assert not editor.quotes.pull_button.isChecked()


def test_commands_of_an_earlier_article_do_nothing_after_load(
    editor: ArticleEditor, newsroom: Newsroom, undo_stack: QUndoStack
) -> None:
    first = saved(newsroom)
    second = saved(newsroom, headline="Other", quotes=(Quote("kept"),))
    editor.load(first)
    editor.quotes.model.add(Quote("rook"))
    editor.load(second)
    undo_stack.undo()
    assert editor.article() == second


def test_quotes_model_passes_the_model_tester(
    editor: ArticleEditor, newsroom: Newsroom, qtmodeltester: object
) -> None:
    quotes = (Quote("every evening", "Anna", "coach", pull=True), Quote("not there"), Quote("x"))
    editor.load(saved(newsroom, quotes=quotes))
    qtmodeltester.check(editor.quotes.model)  # type: ignore[attr-defined]
    editor.quotes.model.add(Quote("rook"))
    editor.quotes.model.remove(0)
    qtmodeltester.check(editor.quotes.model)  # type: ignore[attr-defined]


def test_a_demo_photo_shows_its_metadata_and_keeps_its_use(
    editor: ArticleEditor, newsroom: Newsroom, qtbot: QtBot
) -> None:
    load_demo(newsroom)
    article = next(
        found for s in newsroom.articles() if (found := newsroom.get(s.id)).photo is not None
    )
    editor.load(article)
    with qtbot.waitSignal(editor.photo.thumbnailShown, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: editor.photo.photo() is not None)
    assert editor.photo.metadata_labels["size"].text() != ""
    assert editor.article().photo == article.photo
    changed = dataclasses.replace(article.photo, alt="Something else")  # type: ignore[type-var]
    editor.photo.alt.setText(changed.alt)
    assert editor.article().photo == changed
    assert isinstance(article.photo, PhotoUse)


def test_every_input_has_an_accessible_name(editor: ArticleEditor) -> None:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QHeaderView,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
    )

    kinds = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox,
             QAbstractButton, QAbstractItemView)  # fmt: skip
    # Parts Qt makes inside a widget (a combo box's line edit, a table's header) are not inputs.
    inner = {editor.section.lineEdit(), editor.date.findChild(QLineEdit)}
    inputs = [
        w for w in editor.findChildren(QWidget)
        if isinstance(w, kinds) and not isinstance(w, QHeaderView) and w not in inner
        and w.window() is editor and not w.objectName().startswith("qt_")
    ]  # fmt: skip
    assert len(inputs) > 15
    assert [type(w).__name__ for w in inputs if not w.accessibleName()] == []


def test_the_editor_places_a_pull_quote(
    editor: ArticleEditor, newsroom: Newsroom, undo_stack: QUndoStack, qtbot: QtBot
) -> None:
    """The pull quote once rendered only after the last paragraph; the editor places it."""
    # Its words come late in the story: the house's place (after paragraph 2) stands.
    body = "The final opened quietly.\n\nThen it burned.\n\nA draw.\n\n" + BODY
    editor.load(saved(newsroom, body=body, quotes=(Quote("rook endgames"),)))
    panel = editor.quotes
    assert not panel.place.isVisible()  # not a pull quote yet
    panel.view.setCurrentIndex(panel.model.index(0, TEXT))
    panel.pull_button.click()
    assert panel.place.isVisible() and panel.place.value() == 2  # the default place
    assert panel.place.text() == "after paragraph 2"
    panel.place.setFocus()
    qtbot.keyClick(panel.place, Qt.Key.Key_Up)
    assert editor.article().quotes == (Quote("rook endgames", pull=True, after_paragraph=3),)
    panel.place.setValue(0)
    assert panel.place.text() == "before the first paragraph"
    assert editor.article().quotes[0].after_paragraph == 0
    undo_stack.undo()
    assert editor.article().quotes[0].after_paragraph == 3 and panel.place.value() == 3
