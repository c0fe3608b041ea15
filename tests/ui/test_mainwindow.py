"""The main window, driven for real: writing, saving, reopening, status, delete and undo."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from newsroom.article import Article, Status
from newsroom.demo import load_demo
from newsroom.recovery import Draft, Journal
from newsroom.store import Newsroom
from ui.mainwindow import MainWindow
from ui.session import Session
from ui.tasks import Tasks


class QuietWindow(MainWindow):
    """The real window, with its questions answered by the test instead of a dialog."""

    restore_answer = True
    conflict_answer = "mine"
    asked: list[str]

    def ask_restore(self, drafts: list[Draft]) -> bool:
        self.asked = [draft.article.headline for draft in drafts]
        return self.restore_answer

    def ask_conflict(self, message: str) -> str:
        self.asked = [message]
        return self.conflict_answer

    def ask_close_unsaved(self) -> bool:
        return True

    def run_dialog(self, dialog: QDialog) -> bool:
        """A modal dialog is answered by ``answer_dialog`` (default: accepted as it opened)."""
        self.dialogs = [*getattr(self, "dialogs", []), dialog]
        return self.answer_dialog(dialog)

    def answer_dialog(self, dialog: QDialog) -> bool:
        return True


def make_window(
    qtbot: QtBot, newsroom: Newsroom, tmp_path: Path, *, kind: type[QuietWindow] = QuietWindow
) -> QuietWindow:
    session = Session(newsroom, Tasks())
    window = kind(
        session,
        journal=Journal(newsroom.location, tmp_path / "journal"),
        state=QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat),
    )
    window.keeper.set_delays(autosave_ms=50, journal_ms=10)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def window(qtbot: QtBot, newsroom: Newsroom, tmp_path: Path) -> Iterator[QuietWindow]:
    load_demo(newsroom)
    window = make_window(qtbot, newsroom, tmp_path)
    window.open_first_article()
    qtbot.waitUntil(lambda: window.keeper.saved_article is not None)
    yield window
    window.session.tasks.wait()


def type_at_end(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.end(False)
    qtbot.keyClicks(field, text)


def wait_saved(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.keeper.dirty and window.session.tasks.idle(), timeout=10_000)


def test_the_title_names_the_open_article_and_the_newsroom(
    qtbot: QtBot, window: QuietWindow, newsroom: Newsroom
) -> None:
    headline = window.keeper.saved_article.headline
    assert window.windowTitle() == f"{headline} — Newsroom"
    newsroom.set_setting("name", "Northern Wire")
    window.apply_settings(newsroom.settings())
    assert window.windowTitle() == f"{headline} — Northern Wire"
    type_at_end(qtbot, window.editor.headline, "  now")  # as typed, runs of spaces as one
    assert window.windowTitle() == f"{headline} now — Northern Wire"
    window.editor.headline.setFocus()
    window.editor.headline.selectAll()
    qtbot.keyClick(window.editor.headline, Qt.Key.Key_Delete)
    assert window.windowTitle() == "New article — Northern Wire"


def test_an_article_written_from_scratch_is_there_after_reopening(
    qtbot: QtBot, newsroom: Newsroom, db_path: Path, tmp_path: Path
) -> None:
    window = make_window(qtbot, newsroom, tmp_path)
    window.open_first_article()  # an empty newsroom opens a new article
    qtbot.waitUntil(lambda: window.editor.headline.text() == "" and window.isVisible())
    qtbot.keyClicks(window.editor.headline, "Ice road opens to Yakutsk")
    qtbot.keyClicks(window.editor.subtitle, "Trucks cross the Lena")
    window.editor.body.setFocus()
    qtbot.keyClicks(window.editor.body, "The first trucks crossed on Friday.")
    wait_saved(qtbot, window)
    window.close()
    window.session.tasks.wait()
    with Newsroom.open(db_path) as reopened:
        [summary] = reopened.articles()
        article = reopened.get(summary.id)
    assert article.headline == "Ice road opens to Yakutsk"
    assert article.subtitle == "Trucks cross the Lena"
    assert article.body == "The first trucks crossed on Friday."


def test_typing_in_the_headline_changes_the_preview(qtbot: QtBot, window: QuietWindow) -> None:
    window.editor.headline.selectAll()
    with qtbot.waitSignal(window.preview.rendered, timeout=20_000):
        qtbot.keyClicks(window.editor.headline, "Walrus census goes digital")
    qtbot.waitUntil(
        lambda: "Walrus census goes digital" in window.preview.last_html, timeout=20_000
    )


def test_the_dateline_style_shows_in_editor_and_preview(
    qtbot: QtBot, window: QuietWindow, newsroom: Newsroom
) -> None:
    newsroom.set_setting("agency", "TASS")
    window.editor.agency.setText("TASS")
    window.editor.city.setText("Moscow")
    for style, expected in (("tass", "/TASS/"), ("ap", "(TASS) —")):
        settings = newsroom.set_setting("dateline_style", style)
        window.apply_settings(settings)
        assert expected in window.editor.dateline_text.text()
        qtbot.waitUntil(
            lambda expected=expected: expected in window.preview.last_html, timeout=20_000
        )


def test_edits_are_saved_a_moment_after_typing_stops(
    qtbot: QtBot, window: QuietWindow, newsroom: Newsroom
) -> None:
    saved = window.keeper.saved_article
    assert saved is not None and saved.id is not None
    window.editor.lead.setFocus()
    window.editor.lead.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor.lead, " Added.")
    wait_saved(qtbot, window)
    assert newsroom.get(saved.id).lead.endswith(" Added.")
    assert window.save_state_label.text().startswith("Saved")


def test_a_section_typed_in_another_spelling_takes_the_newsrooms_and_says_so(
    qtbot: QtBot, window: QuietWindow, newsroom: Newsroom
) -> None:
    saved = window.keeper.saved_article
    assert saved is not None and saved.id is not None
    other = next(name for name in newsroom.sections() if name != saved.section)
    typed = other.lower()
    combo_line = window.editor.section.lineEdit()
    assert combo_line is not None
    combo_line.selectAll()
    qtbot.keyClicks(combo_line, typed)
    wait_saved(qtbot, window)
    assert newsroom.get(saved.id).section == other
    qtbot.waitUntil(lambda: window.editor.section.currentText() == other)
    assert not window.keeper.dirty  # showing the stored spelling is not an edit
    assert f"“{typed}” saved as “{other}”" in window.statusBar().currentMessage()


def test_switching_articles_saves_the_one_left(
    qtbot: QtBot, window: QuietWindow, newsroom: Newsroom
) -> None:
    window.keeper.set_delays(autosave_ms=60_000, journal_ms=10)  # only the switch saves
    first = window.keeper.saved_article
    assert first is not None and first.id is not None
    type_at_end(qtbot, window.editor.byline, " Jr")
    other = next(s for s in newsroom.articles() if s.id != first.id)
    window.open_article(other.id)
    qtbot.waitUntil(lambda: window.editor.headline.text() == other.headline)
    assert newsroom.get(first.id).byline.endswith(" Jr")


def test_the_article_list_is_a_sound_model(qtmodeltester: object, window: QuietWindow) -> None:
    qtmodeltester.check(window.article_list.model)  # type: ignore[attr-defined]


def test_searching_the_list_narrows_it(qtbot: QtBot, window: QuietWindow) -> None:
    model = window.article_list.model
    qtbot.waitUntil(lambda: model.rowCount() == 6)
    qtbot.keyClicks(window.article_list.search, "walrus")
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert "walrus" in model.summary(0).headline.lower()


def test_a_status_filter_narrows_the_list(qtbot: QtBot, window: QuietWindow) -> None:
    pane = window.article_list
    pane.status.setCurrentIndex(pane.status.findData("published"))
    qtbot.waitUntil(lambda: pane.model.rowCount() == 3)
    assert {pane.model.summary(row).status for row in range(3)} == {Status.PUBLISHED}


def test_the_list_fetches_pages_as_it_scrolls(
    qtbot: QtBot, newsroom: Newsroom, tmp_path: Path
) -> None:
    newsroom.import_json([{"headline": f"Story number {n}"} for n in range(450)], base_dir=None)
    window = make_window(qtbot, newsroom, tmp_path)
    model = window.article_list.model
    view = window.article_list.view
    qtbot.waitUntil(lambda: model.rowCount() >= 200 and not model.is_loading())
    qtbot.wait(200)
    assert model.rowCount() == 200  # only what the view shows is read
    for expected in (400, 450):
        view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
        qtbot.waitUntil(lambda expected=expected: model.rowCount() == expected)
    assert not model.canFetchMore()


def test_publishing_from_the_toolbar_sets_the_time(
    qtbot: QtBot, window: QuietWindow, newsroom: Newsroom
) -> None:
    draft = next(s for s in newsroom.articles() if s.status is Status.DRAFT)
    window.open_article(draft.id)
    qtbot.waitUntil(lambda: window.keeper.saved_article.id == draft.id)  # type: ignore[union-attr]
    publish = window.status_actions[Status.PUBLISHED]
    assert publish.isEnabled() and not window.status_actions[Status.KILLED].isEnabled()

    def over_the_limit(dialog: QDialog) -> bool:
        # The sample draft's headline is one character over the house limit: the checks
        # stop publishing until someone says why it goes out anyway.
        dialog.reason.setText("A sample story")  # type: ignore[attr-defined]
        return True

    window.answer_dialog = over_the_limit  # type: ignore[method-assign]
    publish.trigger()
    qtbot.waitUntil(lambda: newsroom.get(draft.id).status is Status.PUBLISHED)
    assert newsroom.get(draft.id).published_at is not None
    qtbot.waitUntil(window.status_actions[Status.CORRECTED].isEnabled)
    assert not publish.isEnabled()


def test_the_updated_mark_is_set_from_the_toolbar(
    qtbot: QtBot, window: QuietWindow, newsroom: Newsroom
) -> None:
    published = next(s for s in newsroom.articles() if s.status is Status.PUBLISHED)
    window.open_article(published.id)
    qtbot.waitUntil(window.updated_action.isEnabled)
    window.updated_action.trigger()
    qtbot.waitUntil(lambda: newsroom.get(published.id).mark == "Updated")


def test_deleting_an_article_can_be_undone(
    qtbot: QtBot, window: QuietWindow, newsroom: Newsroom
) -> None:
    victim = window.keeper.saved_article
    assert victim is not None and victim.id is not None
    window.delete_action.trigger()
    qtbot.waitUntil(lambda: not newsroom.exists(victim.id or 0))
    qtbot.waitUntil(lambda: window.keeper.saved_article.id != victim.id)  # type: ignore[union-attr]
    assert window.undo_stack.canUndo()
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: newsroom.exists(victim.id or 0))
    qtbot.waitUntil(lambda: window.editor.headline.text() == victim.headline)
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: not newsroom.exists(victim.id or 0))


def test_duplicating_makes_a_new_draft(
    qtbot: QtBot, window: QuietWindow, newsroom: Newsroom
) -> None:
    source = window.keeper.saved_article
    assert source is not None
    before = newsroom.count()
    window.duplicate_action.trigger()
    qtbot.waitUntil(lambda: newsroom.count() == before + 1)
    # The copy is in the newsroom before its save's answer reaches the window.
    qtbot.waitUntil(lambda: window.keeper.saved_article is not None)
    copy = window.keeper.saved_article
    assert copy is not None and copy.id != source.id and copy.status is Status.DRAFT
    assert copy.body == source.body


def test_a_new_article_waits_for_its_headline(
    qtbot: QtBot, window: QuietWindow, newsroom: Newsroom
) -> None:
    before = newsroom.count()
    window.new_action.trigger()
    qtbot.waitUntil(lambda: window.editor.headline.text() == "")
    window.editor.body.setFocus()
    qtbot.keyClicks(window.editor.body, "Text before any headline.")
    qtbot.waitUntil(lambda: "headline" in window.problem_label.text())
    assert newsroom.count() == before
    qtbot.keyClicks(window.editor.headline, "Now it has one")
    qtbot.waitUntil(lambda: newsroom.count() == before + 1)
    qtbot.waitUntil(lambda: window.problem_label.text() == "")


def test_someone_elses_save_is_not_overwritten_silently(
    qtbot: QtBot, window: QuietWindow, newsroom: Newsroom
) -> None:
    open_article = window.keeper.saved_article
    assert open_article is not None and open_article.id is not None
    newsroom.save(newsroom.get(open_article.id).with_changes(subtitle="Their subtitle"))
    window.conflict_answer = "theirs"
    qtbot.keyClicks(window.editor.byline, "X")
    qtbot.waitUntil(lambda: window.editor.subtitle.text() == "Their subtitle", timeout=10_000)
    assert "since you opened it" in window.asked[0]


def test_a_refused_save_keeps_the_text_and_says_why(
    qtbot: QtBot, db_path: Path, tmp_path: Path
) -> None:
    """The newsroom refuses the save (here a trigger, as a full disk or a lost lock would):
    the editor keeps the text, the recovery journal holds it, and the window says why."""
    with Newsroom.open(db_path, create=True) as writable:
        writable.create(Article(headline="Frozen story"))
    with sqlite3.connect(db_path) as raw:
        raw.execute(
            "CREATE TRIGGER refuse BEFORE UPDATE ON articles "
            "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
        )
    with Newsroom.open(db_path) as newsroom:
        window = make_window(qtbot, newsroom, tmp_path)
        window.open_first_article()
        qtbot.waitUntil(lambda: window.editor.headline.text() == "Frozen story")
        type_at_end(qtbot, window.editor.headline, " thawed")
        window.save_now()
        qtbot.waitUntil(lambda: "full" in window.problem_label.text().lower(), timeout=10_000)
        assert window.editor.headline.text() == "Frozen story thawed"
        assert [d.article.headline for d in window.journal.drafts()] == ["Frozen story thawed"]
        window.close()
        window.session.tasks.wait()


def test_window_geometry_and_splitter_are_remembered(
    qtbot: QtBot, newsroom: Newsroom, tmp_path: Path
) -> None:
    first = make_window(qtbot, newsroom, tmp_path)
    first.resize(760, 540)  # the offscreen screen is 800 × 600
    first.splitter.setSizes([150, 300, 300])
    sizes = first.splitter.sizes()
    first.tabs.setCurrentIndex(2)
    first.close()
    second = make_window(qtbot, newsroom, tmp_path)
    assert (second.size().width(), second.size().height()) == (760, 540)
    assert second.splitter.sizes() == sizes
    assert second.tabs.currentIndex() == 2


def test_recent_newsrooms_are_remembered(qtbot: QtBot, window: QuietWindow) -> None:
    window.remember_newsroom()
    assert window.recent_newsrooms()[0] == str(window.newsroom.path)
    requested: list[str] = []
    window.newsroomRequested.connect(requested.append)
    window.recent_menu.actions()[0].trigger()
    assert requested == [str(window.newsroom.path)]


def test_actions_use_standard_shortcuts(window: QuietWindow) -> None:
    from PySide6.QtGui import QKeySequence

    assert window.new_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert window.save_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    menus = [menu for action in window.menuBar().actions() if (menu := action.menu())]
    assert all(action.text() or action.isSeparator() for menu in menus for action in menu.actions())


def test_every_input_has_an_accessible_name(window: QuietWindow) -> None:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
    )

    inputs = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox)
    unnamed = [
        widget
        for kind in inputs
        for widget in window.findChildren(kind)
        if not widget.accessibleName() and not _inside_combo(widget) and widget.isVisibleTo(window)
    ]
    buttons = [
        button
        for button in window.findChildren(QAbstractButton)
        if button.isVisibleTo(window)
        and not (button.text() or button.accessibleName())
        and not button.toolTip()
    ]
    assert unnamed == [] and buttons == []


def _inside_combo(widget: object) -> bool:
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox

    parent = widget.parent()  # type: ignore[attr-defined]
    return isinstance(parent, QComboBox | QAbstractSpinBox)


def test_the_preview_tab_shows_first(window: QuietWindow) -> None:
    assert window.tabs.tabText(0) == "Preview"
    assert window.tabs.widget(0) is window.preview
    assert window.tabs.tabText(1) == "Related" and window.tabs.tabText(2) == "News feed"
    assert window.splitter.orientation() == Qt.Orientation.Horizontal


def test_the_window_shows_before_the_newsroom_is_open(
    qtbot: QtBot, newsroom: Newsroom, tmp_path: Path
) -> None:
    state = QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat)
    window = QuietWindow(state=state)
    qtbot.addWidget(window)
    window.show()
    assert window.centralWidget() is window.opening_label
    assert not window.new_action.isEnabled() and not window.export_action.isEnabled()
    with qtbot.waitSignal(window.attached):
        window.attach(
            Session(newsroom, Tasks()), journal=Journal(newsroom.location, tmp_path / "j")
        )
    assert window.centralWidget() is window.splitter
    assert window.new_action.isEnabled()
    assert window.windowTitle() == "Newsroom — Newsroom"


def test_the_preview_scheme_is_registered_as_a_secure_local_scheme() -> None:
    from PySide6.QtWebEngineCore import QWebEngineUrlScheme

    from newsroom.render import PREVIEW_SCHEME

    registered = QWebEngineUrlScheme.schemeByName(PREVIEW_SCHEME.encode("ascii"))
    assert registered.name() == PREVIEW_SCHEME.encode("ascii")
    assert registered.flags() & QWebEngineUrlScheme.Flag.SecureScheme
    assert registered.flags() & QWebEngineUrlScheme.Flag.LocalScheme


def test_the_news_feed_tab_shows_the_published_stories(qtbot: QtBot, window: QuietWindow) -> None:
    model = window.feed.model
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    entries = sum(model.rowCount(model.index(day, 0)) for day in range(model.rowCount()))
    assert entries == 4  # the demo's three published stories and the corrected one


def test_backup_from_the_file_menu_writes_a_newsroom(
    qtbot: QtBot, window: QuietWindow, tmp_path: Path
) -> None:
    target = tmp_path / "copy.sqlite"
    window.ask_backup_path = lambda: target  # type: ignore[method-assign]
    window.backup_action.trigger()
    qtbot.waitUntil(lambda: "Backed up" in window.statusBar().currentMessage(), timeout=10_000)
    with Newsroom.open(target) as copy:
        assert copy.count() == 6


def test_a_locked_newsroom_keeps_the_text_and_saves_once_free(
    qtbot: QtBot, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from newsroom.storage import engine as engine_module

    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_SECONDS", 0.3)
    with Newsroom.open(db_path, create=True) as setup:
        setup.create(Article(headline="Busy story"))
    with Newsroom.open(db_path) as newsroom:
        window = make_window(qtbot, newsroom, tmp_path)
        window.open_first_article()
        qtbot.waitUntil(lambda: window.editor.headline.text() == "Busy story")
        holder = sqlite3.connect(db_path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another program is writing
        try:
            type_at_end(qtbot, window.editor.headline, " continues")
            qtbot.waitUntil(lambda: "busy" in window.problem_label.text(), timeout=10_000)
            assert window.editor.headline.text() == "Busy story continues"
            assert [d.article.headline for d in window.journal.drafts()] == ["Busy story continues"]
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        type_at_end(qtbot, window.editor.headline, "!")
        qtbot.waitUntil(lambda: window.problem_label.text() == "", timeout=10_000)
        assert newsroom.get(1).headline == "Busy story continues!"
        window.close()
        window.session.tasks.wait()


def test_history_shows_each_revision_and_restores_one(
    qtbot: QtBot, window: QuietWindow, newsroom: Newsroom
) -> None:
    from ui.history import HistoryDialog

    opened = window.keeper.saved_article
    assert opened is not None and opened.id is not None
    original = opened.headline
    window.editor.headline.setText("A rewritten headline")
    wait_saved(qtbot, window)
    revisions = len(newsroom.history(opened.id))
    dialog = window.show_history()
    assert isinstance(dialog, HistoryDialog)
    qtbot.waitUntil(lambda: dialog.revisions.count() == revisions)
    assert dialog.revisions.item(0).text().startswith(f"{revisions}. ")
    assert not dialog.restore_button.isEnabled()  # the newest is what the editor holds
    with qtbot.waitSignal(dialog.shown):
        dialog.select_revision(1)
    assert dialog.text.toPlainText().startswith(original)
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: window.editor.headline.text() == original, timeout=10_000)
    assert newsroom.get(opened.id).headline == original
    assert len(newsroom.history(opened.id)) == revisions + 1  # restoring adds a revision


def test_the_list_shows_a_whole_long_headline_over_its_details(
    qtbot: QtBot, newsroom: Newsroom, tmp_path: Path
) -> None:
    """A 70-character headline is read whole in the list at the window's default size (the
    list once cut headlines to about 14 characters), with section · status · time below."""
    from ui.article_list import DETAILS_ROLE, ArticleRowDelegate, wrapped_lines

    headline = "Russia and Germany agree to resume talks on gas transit through Poland"
    assert len(headline) == 70
    newsroom.import_json(
        [{"headline": headline, "section": "Politics", "status": "published",
          "published_at": "2021-06-28T10:05:00+03:00"}],
        base_dir=None,
    )  # fmt: skip
    window = make_window(qtbot, newsroom, tmp_path)
    window.resize(1440, 900)
    model, view = window.article_list.model, window.article_list.view
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    delegate = view.itemDelegate()
    assert isinstance(delegate, ArticleRowDelegate)
    width = view.columnWidth(0) - 2 * delegate.PADDING
    lines = wrapped_lines(headline, delegate.headline_font(view.font()), width, 2)
    assert " ".join(lines) == headline  # nothing elided
    assert model.index(0, 0).data(DETAILS_ROLE) == "Politics · Published · 28 Jun 2021"
    assert view.rowHeight(0) >= 3 * view.fontMetrics().lineSpacing()


def test_related_suggestions_follow_the_headline_as_it_is_typed(
    qtbot: QtBot, window: QuietWindow
) -> None:
    window.new_action.trigger()
    qtbot.waitUntil(lambda: window.editor.headline.text() == "")
    suggestions = window.related.suggestions
    qtbot.waitUntil(suggestions.idle, timeout=20_000)
    assert window.related.suggestion_buttons() == []
    type_at_end(qtbot, window.editor.headline, "Walruses crowd the Arctic coast")
    qtbot.waitUntil(lambda: bool(window.related.suggestion_buttons()), timeout=20_000)
    assert suggestions.reasons()[0].startswith("shares: walrus")


def test_a_new_articles_dateline_is_the_newsrooms_day(
    window: QuietWindow, newsroom: Newsroom
) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    # UTC+14 and UTC-12: at any moment at least one of them is on another day than
    # the machine's clock (UTC here), so the machine's date cannot pass for both.
    for zone in ("Pacific/Kiritimati", "Etc/GMT+12"):
        window.apply_settings(newsroom.set_setting("timezone", zone))
        assert window.blank_article().dateline.date == datetime.now(ZoneInfo(zone)).date()
