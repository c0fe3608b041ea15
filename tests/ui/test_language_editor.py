"""The article's language in the editor: picked or typed, saved, undone; the text direction.

Driven through the real window (autosave, the preview) or the real editor,
typing into the language field as a person would.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from newsroom.article import Article, Dateline, Quote
from newsroom.store import Newsroom
from tests.ui.test_mainwindow import make_window, wait_saved
from ui.editor import ArticleEditor
from ui.quotes import PULL, TEXT

LTR, RTL = Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft
PREVIEW_MS = 20_000


def choose_language(qtbot: QtBot, editor: ArticleEditor, typed: str) -> None:
    """Type into the language field and press Return, as an editor would."""
    line = editor.language.lineEdit()
    assert line is not None
    line.setFocus()
    line.selectAll()
    for character in typed:  # QTest types ASCII only: "Русский" is sent as key events
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, character)
            QApplication.sendEvent(line, event)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def directions(editor: ArticleEditor) -> set[Qt.LayoutDirection]:
    """The directions of every field holding the article's words (one when all agree)."""
    found: set[Qt.LayoutDirection] = {editor.quotes.text_direction()}
    for field in editor.text_direction_fields():
        found.add(field.layoutDirection())
        document = getattr(field, "document", None)
        if document is not None:
            found.add(document().defaultTextOption().textDirection())
    return found


def ink(field: QWidget) -> tuple[int, int]:
    """The leftmost and rightmost columns of dark pixels in ``field`` as painted."""
    image = field.grab().toImage()
    columns = [
        x for x in range(6, image.width() - 6)
        if any(image.pixelColor(x, y).lightness() < 100 for y in range(4, image.height() - 4))
    ]  # fmt: skip
    return (min(columns), max(columns)) if columns else (-1, -1)


def test_right_to_left_text_is_set_at_the_right_edge(editor: ArticleEditor) -> None:
    editor.load(Article(headline="سد", subtitle="سد", lead="سد", language="ar"))
    for field in (editor.headline, editor.subtitle, editor.lead):
        left, _right = ink(field)
        assert left > field.width() / 2, field.accessibleName()
    editor.load(Article(headline="سد", subtitle="سد", lead="سد", language="en"))
    for field in (editor.headline, editor.subtitle, editor.lead):
        _left, right = ink(field)
        assert right < field.width() / 2, field.accessibleName()


def test_the_fields_follow_the_language_chosen(qtbot: QtBot, editor: ArticleEditor) -> None:
    editor.load(Article(headline="سد النهضة", body="بدأ الملء الرابع."))
    assert directions(editor) == {LTR}  # an English newsroom, no language of its own
    choose_language(qtbot, editor, "ar")
    assert editor.article().language == "ar"
    assert editor.language.currentText() == "العربية (ar)"  # shown as the list names it
    assert directions(editor) == {RTL}
    choose_language(qtbot, editor, "Русский")  # a name on the list picks it too
    assert editor.article().language == "ru"
    assert directions(editor) == {LTR}
    choose_language(qtbot, editor, "az-arab")  # a tag off the list, its script right to left
    assert editor.article().language == "az-Arab"
    assert directions(editor) == {RTL}


def test_an_rtl_line_field_puts_its_cursor_at_the_right(
    qtbot: QtBot, editor: ArticleEditor
) -> None:
    editor.load(Article(headline="x", language="he"))
    alt = editor.photo.alt
    assert isinstance(alt, QLineEdit) and alt.layoutDirection() == RTL
    credit = editor.photo.credit
    credit.setText("")
    credit.grab()  # painted (a line edit places its text when it paints)
    # Empty, the cursor of a right-to-left field stands at its right edge.
    assert credit.cursorRect().center().x() > credit.width() / 2
    editor.load(Article(headline="x", language="en"))
    credit.grab()
    assert credit.cursorRect().center().x() < credit.width() / 2


def test_the_newsroom_language_sets_the_direction_when_the_article_has_none(
    editor: ArticleEditor, newsroom: Newsroom
) -> None:
    settings = newsroom.set_setting("language", "fa")
    editor.apply_settings(settings)
    editor.load(Article(headline="x"))
    assert directions(editor) == {RTL}
    assert editor.language.currentText() == "Newsroom's language (فارسی)"
    editor.load(Article(headline="x", language="en-GB"))
    assert directions(editor) == {LTR}


def test_a_russian_tass_dateline_reads_as_tass_writes_it(
    editor: ArticleEditor, newsroom: Newsroom
) -> None:
    newsroom.set_setting("agency", "TASS")
    newsroom.set_setting("agency_names", "ru=ТАСС")
    editor.apply_settings(newsroom.set_setting("dateline_style", "tass"))
    moscow = Dateline(city="Москва", date=date(2021, 6, 28))
    editor.load(Article(headline="Пожар", dateline=moscow, language="ru"))
    assert editor.dateline_text.text() == "МОСКВА, 28 июня. /ТАСС/."
    editor.load(Article(headline="Fire", dateline=Dateline(city="Moscow", date=date(2021, 6, 28))))
    assert editor.dateline_text.text() == "MOSCOW, June 28. /TASS/."


def test_the_dateline_follows_a_language_typed(
    qtbot: QtBot, editor: ArticleEditor, newsroom: Newsroom
) -> None:
    newsroom.set_setting("agency_names", "ru=ТАСС")
    editor.apply_settings(newsroom.set_setting("dateline_style", "tass"))
    editor.load(Article(headline="x", dateline=Dateline(city="Москва", date=date(2021, 6, 28))))
    choose_language(qtbot, editor, "ru")
    assert editor.dateline_text.text() == "МОСКВА, 28 июня. /ТАСС/."


def test_a_tag_that_is_not_one_is_named_and_not_taken(qtbot: QtBot, editor: ArticleEditor) -> None:
    editor.load(Article(headline="x", language="ar"))
    assert not editor.language_problem.isVisibleTo(editor)
    choose_language(qtbot, editor, "arabic!")
    message = editor.language_problem.text()
    assert editor.language_problem.isVisibleTo(editor)
    assert message.startswith("Language: 'arabic!' is not a BCP 47 language tag")
    assert editor.input_problem() == message  # the window saves nothing while it stands
    assert editor.article().language == "ar"  # the last language chosen, until a good one
    assert directions(editor) == {RTL}
    choose_language(qtbot, editor, "he")
    assert not editor.language_problem.isVisibleTo(editor)
    assert editor.input_problem() == ""
    assert editor.article().language == "he"


def test_undo_brings_the_language_before_back(
    qtbot: QtBot, editor: ArticleEditor, undo_stack: QUndoStack
) -> None:
    editor.load(Article(headline="x"))
    choose_language(qtbot, editor, "ar")
    choose_language(qtbot, editor, "ru")
    assert undo_stack.undoText() == "Change language"
    undo_stack.undo()
    assert editor.article().language == "ar" and directions(editor) == {RTL}
    undo_stack.undo()
    assert editor.article().language == "" and directions(editor) == {LTR}
    assert editor.language.currentText() == "Newsroom's language (English)"
    undo_stack.redo()
    assert editor.article().language == "ar" and directions(editor) == {RTL}


def test_undo_of_another_article_s_language_does_nothing(
    qtbot: QtBot, editor: ArticleEditor, undo_stack: QUndoStack
) -> None:
    editor.load(Article(headline="first"))
    choose_language(qtbot, editor, "ar")
    editor.load(Article(headline="second", language="ru"))
    undo_stack.undo()
    assert editor.article().language == "ru"


def test_a_read_only_editor_offers_no_language_to_pick(editor: ArticleEditor) -> None:
    editor.load(Article(headline="x"))
    editor.set_read_only(True)
    assert not editor.language.isEnabled()
    editor.set_read_only(False)
    assert editor.language.isEnabled()


# --- in the window: saved, reopened, previewed ------------------------------------------


def test_arabic_chosen_is_saved_and_reopens_right_to_left(
    qtbot: QtBot, newsroom: Newsroom, db_path: Path, tmp_path: Path
) -> None:
    article = newsroom.create(Article(headline="سد النهضة", lead="بدأ الملء الرابع."))
    window = make_window(qtbot, newsroom, tmp_path)
    window.open_first_article()
    qtbot.waitUntil(lambda: window.keeper.saved_article is not None)
    choose_language(qtbot, window.editor, "ar")
    wait_saved(qtbot, window)
    qtbot.waitUntil(lambda: 'dir="rtl"' in window.preview.last_html, timeout=PREVIEW_MS)
    assert '<html lang="ar" dir="rtl"' in window.preview.last_html
    window.close()
    window.session.tasks.wait()

    with Newsroom.open(db_path) as reopened:
        assert reopened.get(article.id).language == "ar"  # type: ignore[arg-type]
        again = make_window(qtbot, reopened, tmp_path)
        again.open_first_article()
        qtbot.waitUntil(lambda: again.keeper.saved_article is not None)
        assert again.editor.language.currentText() == "العربية (ar)"
        assert directions(again.editor) == {RTL}
        again.close()
        again.session.tasks.wait()


def test_nothing_is_saved_while_the_language_is_not_a_tag(
    qtbot: QtBot, newsroom: Newsroom, tmp_path: Path
) -> None:
    article = newsroom.create(Article(headline="Dam fills", language="ar"))
    window = make_window(qtbot, newsroom, tmp_path)
    window.open_first_article()
    qtbot.waitUntil(lambda: window.keeper.saved_article is not None)
    choose_language(qtbot, window.editor, "ar_EG!")
    window.editor.headline.setFocus()
    window.editor.headline.end(False)
    qtbot.keyClicks(window.editor.headline, " again")
    qtbot.waitUntil(lambda: "Not saved: Language:" in window.problem_label.text())
    window.session.tasks.wait()
    stored = newsroom.get(article.id)  # type: ignore[arg-type]
    assert (stored.headline, stored.language, stored.revision) == ("Dam fills", "ar", 1)
    assert window.keeper.dirty
    choose_language(qtbot, window.editor, "ar-EG")
    wait_saved(qtbot, window)
    stored = newsroom.get(article.id)  # type: ignore[arg-type]
    assert (stored.headline, stored.language) == ("Dam fills again", "ar-EG")
    window.close()
    window.session.tasks.wait()


# --- where the pull quote stands -----------------------------------------------------------

PARAGRAPHS = ["Talks resumed on Monday.", "The minister said the deal was close.", "Nobody agreed.",
              "Markets rose.", "Shares fell later.", "The talks go on."]  # fmt: skip


def test_an_unplaced_pull_quote_says_where_the_page_sets_it(
    editor: ArticleEditor, newsroom: Newsroom, qtbot: QtBot
) -> None:
    """Its words are in paragraph 2: the page moves it three paragraphs past them."""
    quote = Quote("the deal was close", pull=True)
    body = "\n\n".join(PARAGRAPHS)
    editor.load(newsroom.create(Article(headline="Deal", body=body, quotes=(quote,))))
    panel = editor.quotes
    tip = panel.model.index(0, PULL).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "A pull quote, where the house places it (now: after paragraph 5)"
    panel.view.setCurrentIndex(panel.model.index(0, TEXT))
    assert panel.place.value() == 5 and panel.place_note.isVisibleTo(panel)
    # The body shortened: too short to set it after its words, it stands ahead of them.
    editor.body.setPlainText("\n\n".join(PARAGRAPHS[:3]))
    qtbot.waitUntil(lambda: panel.place.value() == 1)
    tip = panel.model.index(0, PULL).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "A pull quote, where the house places it (now: after paragraph 1)"


def test_a_pull_quote_placed_by_hand_says_so(editor: ArticleEditor, newsroom: Newsroom) -> None:
    quote = Quote("the deal was close", pull=True, after_paragraph=2)
    body = "\n\n".join(PARAGRAPHS)
    editor.load(newsroom.create(Article(headline="Deal", body=body, quotes=(quote,))))
    panel = editor.quotes
    tip = panel.model.index(0, PULL).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "A pull quote, after paragraph 2"
    panel.view.setCurrentIndex(panel.model.index(0, TEXT))
    assert panel.place.value() == 2 and not panel.place_note.isVisibleTo(panel)


def test_a_quote_from_the_lead_stands_away_from_it(
    editor: ArticleEditor, newsroom: Newsroom
) -> None:
    quote = Quote("talks resumed", pull=True)
    article = Article(headline="Deal", lead="Talks resumed on Monday.", body="\n\n".join(PARAGRAPHS[1:]),
                      quotes=(quote,))  # fmt: skip
    editor.load(newsroom.create(article))
    tip = editor.quotes.model.index(0, PULL).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith("(now: after paragraph 3)")


def test_the_quote_editor_writes_in_the_article_s_direction(
    qtbot: QtBot, editor: ArticleEditor
) -> None:
    editor.load(Article(headline="x", quotes=(Quote("اقتباس"),), language="ar"))
    view = editor.quotes.view
    view.setCurrentIndex(editor.quotes.model.index(0, TEXT))
    view.edit(view.currentIndex())  # the editor is made at once
    editors = [w for w in view.viewport().findChildren(QWidget) if isinstance(w, QLineEdit)]
    assert editors and all(w.layoutDirection() == RTL for w in editors)


def test_the_newsrooms_agency_follows_the_language_one_typed_stays(
    qtbot: QtBot, editor: ArticleEditor, newsroom: Newsroom, undo_stack: QUndoStack
) -> None:
    """A new article's dateline names the agency as the newsroom does (TASS); written in
    Russian it is ТАСС. An agency the editor typed (Interfax) is theirs: it stays."""
    newsroom.set_setting("agency", "TASS")
    newsroom.set_setting("agency_names", "ru=ТАСС")
    editor.apply_settings(newsroom.set_setting("dateline_style", "tass"))
    moscow = Dateline(city="Москва", date=date(2021, 6, 28), agency="TASS")
    editor.load(Article(headline="Пожар", dateline=moscow))
    choose_language(qtbot, editor, "ru")
    assert editor.agency.text() == "ТАСС"
    assert editor.dateline_text.text() == "МОСКВА, 28 июня. /ТАСС/."
    undo_stack.undo()
    assert (editor.text_language(), editor.agency.text()) == ("en", "TASS")

    editor.load(Article(headline="Пожар", dateline=replace(moscow, agency="Interfax")))
    choose_language(qtbot, editor, "ru")
    assert editor.agency.text() == "Interfax"
