"""The main window: the article list, the editor, and the preview, related, news-feed and checks
tabs.

The window comes in two steps, so it shows at once: the frame (menus,
toolbar, status bar, its remembered geometry), then ``attach(session)``
once the newsroom is open, which builds the panes. The app opens the
newsroom on a worker thread between the two, so the storage layer (SQLAlchemy
and friends, most of a second to import) loads while the window is already
on screen; the pane modules are imported in ``attach`` for the same reason.

The window composes the panes and wires them together; saving belongs to
``ArticleKeeper`` (ui/autosave.py), every rule to ``newsroom``. Structural
edits (related headlines, the photo, quotes, deleting an article) share one
undo stack, cleared when another article opens; text fields keep their own
undo. Window geometry and splitter positions are kept in QSettings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from newsroom.article import STATUS_TRANSITIONS, UPDATED_MARK, Article, Dateline, Status
from newsroom.errors import ChecksFailedError, ConflictError, LockedError, NewsroomError
from ui import file_dialogs
from ui.errors import one_line
from ui.icons import icon
from ui.navigation import Navigation
from ui.tasks import guarded
from ui.web_view import PreviewView

if TYPE_CHECKING:
    from newsroom.checks import Finding
    from newsroom.recovery import Draft, Journal
    from newsroom.sections import Section
    from newsroom.settings import Settings
    from newsroom.storage.locks import Lock
    from ui.history import HistoryDialog
    from ui.session import Session

MAX_RECENT = 8
STATUS_ACTIONS = (
    (Status.DRAFT, "draft", "Back to draft"),
    (Status.READY, "ready", "Ready"),
    (Status.PUBLISHED, "publish", "Publish…"),
    (Status.CORRECTED, "correct", "Corrected"),
    (Status.KILLED, "kill", "Kill"),
)


DISPLAY_NAME = "display_name"  # in the app's settings: who saves from this computer


class DeleteArticle(QUndoCommand):
    """Delete (to the trash) and, on undo, bring the article back and open it."""

    def __init__(self, window: MainWindow, article_id: int, headline: str) -> None:
        super().__init__(window.tr("Delete “{0}”").format(headline))
        self._window = window
        self._id = article_id

    def redo(self) -> None:
        self._window.run_delete(self._id, deleted=True)

    def undo(self) -> None:
        self._window.run_delete(self._id, deleted=False)


class MainWindow(QMainWindow):
    """Newsroom's one window onto one newsroom."""

    newsroomRequested = Signal(str)  # open this newsroom file in a new window
    attached = Signal()  # a newsroom is open in the window: the panes are there

    def __init__(
        self,
        session: Session | None = None,
        *,
        journal: Journal | None = None,
        state: QSettings | None = None,
    ) -> None:
        super().__init__()
        self.session: Session | None = None
        self.state = state or QSettings()
        self.undo_stack = QUndoStack(self)
        self._keep_undo = False
        self._focus_when_shown = False  # the first article shown takes the keyboard
        self._delete_runs = 0
        self._build_actions()
        self._build_menus_and_toolbar()
        self._build_status_bar()
        self.opening_label = QLabel(self.tr("Opening the newsroom…"), self)
        self.opening_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(self.opening_label)
        # The preview's browser view exists before the window is first shown, so the
        # window is created once with the surface the view needs (ui/web_view.py).
        self.preview_view = PreviewView(self)
        self.preview_view.hide()
        self._restore_frame_state()
        self.setWindowTitle(self.tr("Newsroom"))
        self._title_headline = self.tr("Newsroom")  # the open article's, once one is open
        self._session_actions_enabled(False)
        if session is not None:
            self.attach(session, journal=journal)

    def attach(self, session: Session, *, journal: Journal | None = None) -> None:
        """Show this open newsroom: build the panes and wire them (once)."""
        from newsroom.recovery import Journal
        from ui.autosave import ArticleKeeper

        self.session = session
        self.newsroom = session.newsroom
        self.settings = self.newsroom.settings()
        self.journal = journal or Journal(self.newsroom.location)
        self._build_panes()
        self.keeper = ArticleKeeper(
            session, self._compose, self.journal, input_problem=self.editor.input_problem
        )
        self._build_locks()
        self._connect()
        self._watch_changes()
        self._restore_pane_state()
        self.navigation.restore()
        self._set_title()
        self._preview_timer = QTimer(self, singleShot=True, interval=0)
        self._preview_timer.timeout.connect(self._update_preview)
        self._session_actions_enabled(True)
        self._update_actions(Article(headline=""))  # no article yet: no status to change
        self.feed.refresh()
        self.attached.emit()

    @property
    def open_session(self) -> Session:
        """The session once a newsroom is attached (the actions that need one wait till then)."""
        if self.session is None:
            raise RuntimeError("no newsroom is open in this window yet")
        return self.session

    def _session_actions_enabled(self, enabled: bool) -> None:
        """Before a newsroom is attached only the File menu's own actions work."""
        for action in self._session_actions:
            action.setEnabled(enabled)

    # --- building ----------------------------------------------------------

    def _build_panes(self) -> None:
        from ui.article_list import ArticleListPane
        from ui.checks.fields import ArticleFields
        from ui.checks.pane import ChecksPane
        from ui.editor import ArticleEditor
        from ui.feed import FeedPane
        from ui.incoming import IncomingPane, WireBanner
        from ui.preview import PreviewPane
        from ui.related.pane import RelatedPane

        assert self.session is not None
        self.article_list = ArticleListPane(self.session, self)
        self.incoming = IncomingPane(self.session, self)
        self.lists = QTabWidget(self)  # the desk's articles | wire items waiting
        self.lists.setAccessibleName(self.tr("Articles and incoming wire items"))
        self.lists.addTab(self.article_list, self.tr("Articles"))
        self.lists.addTab(self.incoming, self.tr("Incoming"))
        self.editor = ArticleEditor(self.session, self.undo_stack, self)
        self.editor.apply_settings(self.settings)
        self.wire_banner = WireBanner(self.session, self.editor)
        self.editor.set_banner(self.wire_banner)
        self.preview = PreviewPane(self.session, self, view=self.preview_view)
        self.related = RelatedPane(self.session, self.undo_stack, self)
        self.feed = FeedPane(self.session, self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Preview, related headlines, news feed and checks"))
        self.tabs.addTab(self.preview, self.tr("Preview"))
        self.tabs.addTab(self.related, self.tr("Related"))
        self.tabs.addTab(self.feed, self.tr("News feed"))
        fields = ArticleFields(self.editor, self.related, self.tabs, self)
        self.checks = ChecksPane(self.session, fields, self)
        self.tabs.addTab(self.checks, self.tr("Checks"))
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main-splitter")
        for pane in (self.lists, self.editor, self.tabs):
            self.splitter.addWidget(pane)
        # Nothing clipped at 1280×800: each pane keeps the width its rows need.
        for pane, characters in ((self.lists, 26), (self.editor, 56), (self.tabs, 36)):
            pane.setMinimumWidth(self.fontMetrics().averageCharWidth() * characters)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([300, 560, 560])
        self.setCentralWidget(self._with_read_only_banner(self.splitter))

    def _with_read_only_banner(self, panes: QWidget) -> QWidget:
        """A newsroom the core opened read-only: a strip says so and why; nothing can be typed."""
        reason = self.newsroom.read_only
        if not reason:
            self.read_only_banner: QLabel | None = None
            return panes
        banner = QLabel(
            self.tr("Read-only: {0}. You can read, search, export and back up; "
                    "changes cannot be saved.").format(reason),
            self,
        )  # fmt: skip
        banner.setObjectName("read-only-banner")
        banner.setWordWrap(True)
        banner.setAccessibleName(self.tr("Read-only newsroom"))
        banner.setStyleSheet("QLabel#read-only-banner { background: palette(highlight); "
                             "color: palette(highlighted-text); padding: 6px; }")  # fmt: skip
        self.read_only_banner = banner
        self.editor.set_read_only(True)
        self.related.set_read_only(True)
        frame = QWidget(self)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(banner)
        layout.addWidget(panes, 1)
        return frame

    def _build_locks(self) -> None:
        """The open article's lock and the banner that shows who else holds it."""
        from ui.locks import ArticleLocks, LockBanner

        assert self.session is not None
        # A read-only newsroom takes no locks: nothing can be written there anyway.
        self.locks = None if self.newsroom.read_only else ArticleLocks(self.session, self)
        self.lock_banner = LockBanner(self.editor)
        self.editor.set_banner(self.lock_banner)
        self.article_locked = False  # another editor holds the open article
        self.showing_wire_item = False  # the open article is a wire item (read-only)
        self._holder = ""  # who, as the take-over question names them
        self._recovery_key: str | None = None  # the text kept when the article was taken
        self._recovery_id: int | None = None  # ... from this article

    def _build_status_bar(self) -> None:
        self.save_state_label = QLabel(self)
        self.problem_label = QLabel(self)
        self.problem_label.setAccessibleName(self.tr("Save problems"))
        self.problem_label.setWordWrap(True)
        self.statusBar().addWidget(self.problem_label, 1)
        self.statusBar().addPermanentWidget(self.save_state_label)

    def _action(
        self,
        name: str,
        text: str,
        slot: Callable[..., object],
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if name:
            action.setIcon(icon(name))
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.new_action = self._action("new", self.tr("&New article"), self.new_article, key.New)
        self.duplicate_action = self._action(
            "duplicate", self.tr("D&uplicate article"), self.duplicate_article,
            QKeySequence("Ctrl+Shift+D"),
        )  # fmt: skip
        self.delete_action = self._action("delete", self.tr("&Delete article"), self.delete_article)
        self.start_story_action = self._action(
            "new", self.tr("Start a s&tory from the wire item"), self.start_story_from_open,
            QKeySequence("Ctrl+Shift+T"),
        )  # fmt: skip
        self.save_action = self._action("save", self.tr("&Save now"), self.save_now, key.Save)
        self.export_action = self._action(
            "export", self.tr("&Export…"), self.show_export, QKeySequence("Ctrl+Shift+E")
        )
        self.photos_action = self._action(
            "photos", self.tr("&Photo library"), self.show_photo_library, QKeySequence("Ctrl+L")
        )
        self.settings_action = self._action(
            "settings", self.tr("Se&ttings…"), self.show_settings, key.Preferences
        )
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(key.Undo)
        self.undo_action.setIcon(icon("undo"))
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcut(key.Redo)
        self.redo_action.setIcon(icon("redo"))
        self.status_actions: dict[Status, QAction] = {}
        for status, name, text in STATUS_ACTIONS:
            action = self._action(name, self.tr(text), lambda _=False, s=status: self.set_status(s))
            action.setToolTip(self.tr("Status: {0}").format(self.tr(text)))
            self.status_actions[status] = action
        self.updated_action = self._action(
            "correct", self.tr("“Updated” mark"), self.toggle_updated
        )
        self.updated_action.setCheckable(True)
        self.find_action = self._action(
            "search", self.tr("&Find articles"), self.focus_search, key.Find
        )
        self.backup_action = self._action("backup", self.tr("&Backup…"), self.backup)
        self.history_action = self._action(
            "history", self.tr("&History…"), self.show_history, QKeySequence("Ctrl+Shift+H")
        )
        self.status_actions[Status.PUBLISHED].setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.quote_action = self._action(
            "", self.tr("Add the selection as a &quote"), self.quote_selection,
            QKeySequence("Ctrl+Shift+Q"),
        )  # fmt: skip
        self.photo_action = self._action(
            "photos", self.tr("Attach a p&hoto from the library…"), self.attach_photo,
            QKeySequence("Ctrl+Shift+I"),
        )  # fmt: skip
        self.photo_file_action = self._action(
            "", self.tr("Attach a photo &file…"), self.attach_photo_file
        )
        self.navigation = Navigation(self)
        self._session_actions = [
            self.new_action, self.duplicate_action, self.delete_action, self.save_action,
            self.start_story_action, self.export_action, self.photos_action, self.settings_action,
            self.updated_action, self.find_action, self.backup_action, self.history_action,
            self.quote_action, self.photo_action, self.photo_file_action, *self.navigation.actions,
            *self.status_actions.values(),
        ]  # fmt: skip

    def _build_menus_and_toolbar(self) -> None:
        key = QKeySequence.StandardKey
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self._action("new", self.tr("New newsroom…"), self.new_newsroom))
        file_menu.addAction(
            self._action("open", self.tr("&Open newsroom…"), self.open_newsroom, key.Open)
        )
        file_menu.addAction(
            self._action("connect", self.tr("&Connect to server…"), self.connect_to_server)
        )
        self.recent_menu = file_menu.addMenu(self.tr("Recent newsrooms"))
        self._fill_recent()
        file_menu.addAction(self.backup_action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        quit_action = self._action("", self.tr("&Quit"), self.close, key.Quit)
        if quit_action.shortcut().isEmpty():  # platforms whose windows close with Alt+F4
            quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        file_menu.addAction(quit_action)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        article_menu = self.menuBar().addMenu(self.tr("&Article"))
        for action in (
            self.new_action,
            self.duplicate_action,
            self.start_story_action,
            self.delete_action,
            self.save_action,
        ):
            article_menu.addAction(action)
        article_menu.addAction(self.history_action)
        article_menu.addSeparator()
        for action in (self.quote_action, self.photo_action, self.photo_file_action):
            article_menu.addAction(action)
        article_menu.addSeparator()
        for action in self.status_actions.values():
            article_menu.addAction(action)
        article_menu.addAction(self.updated_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.navigation.add_to(view_menu)
        view_menu.addSeparator()
        view_menu.addAction(self.photos_action)
        self.toolbar = toolbar = self.addToolBar(self.tr("Article"))
        toolbar.setObjectName("article-toolbar")
        for action in (self.new_action, self.duplicate_action, self.delete_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        for action in self.status_actions.values():
            toolbar.addAction(action)
        toolbar.addAction(self.updated_action)
        toolbar.addSeparator()
        for action in (self.export_action, self.photos_action, self.settings_action):
            toolbar.addAction(action)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._short_toolbar_texts()

    def _short_toolbar_texts(self) -> None:
        """One word a button, so the whole toolbar fits a 1280-pixel window (the menus keep
        the full names; a button's tooltip is its full name)."""
        short = {
            self.new_action: self.tr("New"), self.duplicate_action: self.tr("Duplicate"),
            self.delete_action: self.tr("Delete"), self.updated_action: self.tr("Updated"),
            self.photos_action: self.tr("Photos"), self.settings_action: self.tr("Settings"),
            self.export_action: self.tr("Export"),
        }  # fmt: skip
        for action, text in short.items():
            action.setIconText(text)
            action.setToolTip(action.text().replace("&", "").rstrip("…"))
        from ui.help.menu import add_help_menu

        add_help_menu(self)  # last: Help keeps itself the last menu (ui/help/menu.py)

    def _connect(self) -> None:
        self.article_list.articleActivated.connect(self.open_article)
        self.incoming.articleActivated.connect(self.open_article)
        self.incoming.startRequested.connect(self.start_story)
        self.wire_banner.startRequested.connect(self.start_story_from_open)
        self.wire_banner.storyActivated.connect(self.open_article)
        self.feed.articleActivated.connect(self.open_article)
        self.feed.markChanged.connect(self._mark_changed_elsewhere)
        self.editor.edited.connect(self._edited)
        self.editor.publication.changeRequested.connect(self.publish)
        self.preview.articleLinkClicked.connect(self.open_slug)
        self.related.changed.connect(self._edited)
        self.keeper.loaded.connect(self._show_article)
        self.keeper.saved.connect(self._article_saved)
        self.keeper.section_respelled.connect(self._section_respelled)
        self.keeper.problem.connect(self._show_problem)
        self.keeper.conflict.connect(self._resolve_conflict)
        self.keeper.publishRefused.connect(self._publish_refused)
        self.keeper.locked.connect(self._save_refused_as_locked)
        self.checks.counted.connect(self._show_check_count)
        self.lock_banner.takeOverRequested.connect(self.take_over)
        self.lock_banner.copyRequested.connect(self.copy_recovery_text)
        self.lock_banner.showCopyRequested.connect(self.show_recovery_copy)
        if self.locks is not None:
            self.locks.refused.connect(self._locked_by_other)
            self.locks.lost.connect(self._taken_over)
            self.locks.held.connect(self._lock_held)

    # --- the open article ---------------------------------------------------

    def _compose(self) -> Article:
        return self.editor.article().with_changes(related=self.related.related())

    def current_article(self) -> Article:
        """What the editor holds now (with the bookkeeping of the last save)."""
        return self.keeper.current()

    def open_article(self, article_id: int) -> None:
        saved = self.keeper.saved_article
        if saved is not None and saved.id == article_id:
            return
        self.keeper.open_article(article_id)

    def open_slug(self, slug: str) -> None:
        """A link to another article, clicked in the preview: open it here."""
        found = self.newsroom.lookup([slug]).get(slug)
        if found is not None:
            self.open_article(found.id)

    def first_start(self, *, samples: bool = True) -> None:
        """A newsroom just made: ask for its house style (and sample articles), then open."""
        from ui.first_start import FirstStartDialog

        dialog = FirstStartDialog(self.open_session, self, samples=samples)
        dialog.settingsChanged.connect(self.apply_settings)
        if not self.run_first_start(dialog) or not dialog.sample_articles.isChecked():
            self.open_first_article()
            return
        from newsroom.demo import load_demo

        newsroom = self.newsroom
        self.open_session.tasks.write(
            lambda: load_demo(newsroom), done=lambda _: self._samples_loaded(),
            failed=self._failed,
        )  # fmt: skip

    def run_first_start(self, dialog: QDialog) -> bool:
        """Show the first-start page; True when it was accepted. Tests override it."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _samples_loaded(self) -> None:
        self.article_list.refresh_sections()
        self.article_list.refresh()
        self.feed.refresh()
        self.editor.reload_lists()
        self.open_first_article()

    def open_first_article(self, slug: str | None = None) -> None:
        """Open ``slug``, else the most recently updated article, else a new one."""
        article, problem = None, ""
        if slug:
            try:
                article = self.newsroom.get(slug)
            except NewsroomError as error:
                problem = one_line(error)
        if article is None:
            latest = self.newsroom.articles(limit=1)
            article = self.newsroom.get(latest[0].id) if latest else None
        self.show_first_article(article, problem)

    def show_first_article(self, article: Article | None, problem: str = "") -> None:
        """The article to start with, read already (None: a new one); ``problem``: why the
        one asked for is not it. The app reads it while the newsroom opens, off this thread."""
        if problem:
            self._show_problem(problem)
        # Ready to type once it shows: the headline of a new article, the body of another
        # (else the keyboard goes wherever Qt first put it, the preview's page even).
        self._focus_when_shown = True
        self.keeper.start(article if article is not None else self.blank_article())

    def _open_latest(self) -> None:
        """The most recently updated article, or a new one in an empty newsroom."""
        latest = self.newsroom.articles(limit=1)
        if latest:
            self.keeper.open_article(latest[0].id)
        else:
            self.keeper.start(self.blank_article())

    def _show_article(self, article: Article) -> None:
        if not self._keep_undo:
            self.undo_stack.clear()
        self._keep_undo = False
        self.showing_wire_item = article.id is not None and article.status is Status.INCOMING
        self._set_article_locked(False)  # until the lock's answer says otherwise
        self._apply_read_only()  # a wire item is the agency's text: read, not edited
        if self._recovery_key is not None and article.id != self._recovery_id:
            self._recovery_key = None  # another article: its banner offers no one else's text
        self.editor.load(article)
        self._set_title(article.headline)
        if self._focus_when_shown:
            self._focus_when_shown = False
            self.editor.focus_text()
        self.related.load(article)
        self.wire_banner.show_article(article)
        self.checks.load(self._compose())  # the text as the editor holds it: spans match
        self._update_actions(article)
        self._update_preview()
        self.article_list.select_article(article.id)  # a new article: no row is current
        self.incoming.select_article(article.id)
        self.save_state_label.setText(
            self.tr("Saved") if article.id is not None else self.tr("New, not saved yet")
        )
        if self.locks is not None:  # nobody edits a wire item: no lock to take
            self.locks.follow(None if self.showing_wire_item else article.id)

    def _edited(self) -> None:
        self.keeper.edited()
        if self.keeper.saved_article is None:  # a new article: Publish once it has a headline
            self._update_actions(self.keeper.current())
        self.save_state_label.setText(self.tr("Edited"))
        self._preview_timer.start()
        article = self._compose()
        self._set_title(article.headline)
        self.related.article_changed(article)  # suggestions follow the text
        self.checks.article_changed(article)  # and so do the checks

    def _update_preview(self) -> None:
        self.preview.show_article(self.keeper.current())

    def _article_saved(self, article: Article) -> None:
        if self.locks is not None and article.id != self.locks.article_id:
            self.locks.follow(article.id)  # a new article, saved for the first time
        self._update_actions(article)
        self.editor.show_publication(article)
        if not self.keeper.dirty:
            local = article.updated_at or article.created_at
            moment = f"{local.astimezone(self.settings.tzinfo):%H:%M}" if local else ""
            self.save_state_label.setText(self.tr("Saved {0}").format(moment))
        self.article_list.select_article(article.id)  # a new article's row, once listed
        self.article_list.refresh()
        self.feed.refresh()
        self._preview_timer.start()

    def _section_respelled(self, typed: str, stored: str) -> None:
        self.editor.adopt_section_spelling(typed, stored)
        message = self.tr("Section “{0}” saved as “{1}”: the newsroom's existing spelling")
        self.statusBar().showMessage(message.format(typed, stored), 10_000)

    def _update_actions(self, article: Article) -> None:
        saved = article.id is not None
        # A new article with a headline can move on at once: the move saves it first.
        movable = saved or bool(article.headline.strip())
        allowed = STATUS_TRANSITIONS[article.status] if movable else frozenset()
        for status, action in self.status_actions.items():
            action.setEnabled(status in allowed)
        public = article.status.is_public
        draft = self.status_actions[Status.DRAFT]
        draft.setText(self.tr("Unpublish…") if public else self.tr("Back to draft"))
        draft.setIconText(self.tr("Unpublish") if public else self.tr("Draft"))
        self.updated_action.setEnabled(saved and article.status.is_public)
        self.updated_action.setChecked(article.is_marked_updated)
        self.duplicate_action.setEnabled(True)
        self.delete_action.setEnabled(saved)
        self.history_action.setEnabled(saved)
        for action in (self.save_action, self.quote_action, self.photo_action,
                       self.photo_file_action):  # fmt: skip
            action.setEnabled(True)  # again, once another editor let go of the article
        wire_item = saved and article.status is Status.INCOMING
        withdrawn = article.source is not None and article.source.is_withdrawn  # a kill
        self.start_story_action.setEnabled(wire_item and not withdrawn)
        if wire_item:  # the agency's text: a story is started from it, never edited
            for action in (*self._article_changing_actions(), self.duplicate_action):
                action.setEnabled(action is self.delete_action)
        if self.session is not None and self.newsroom.read_only:
            for action in self._changing_actions():
                action.setEnabled(False)  # the core would refuse them; say so before, not after
        elif getattr(self, "article_locked", False):
            for action in self._article_changing_actions():
                action.setEnabled(False)  # another editor holds this article

    def _changing_actions(self) -> list[QAction]:
        """What writes to the newsroom (reading, search, export, backup and history do not)."""
        return [
            self.new_action, self.duplicate_action, self.delete_action, self.save_action,
            self.updated_action, self.quote_action, self.photo_action, self.photo_file_action,
            self.settings_action, self.start_story_action, *self.status_actions.values(),
        ]  # fmt: skip

    def _article_changing_actions(self) -> list[QAction]:
        """What writes to the open article (a new article or a duplicate is the editor's own)."""
        return [
            self.delete_action, self.save_action, self.updated_action, self.quote_action,
            self.photo_action, self.photo_file_action, *self.status_actions.values(),
        ]  # fmt: skip

    # --- locks -------------------------------------------------------------------

    def _set_article_locked(self, locked: bool) -> None:
        """Another editor holds the open article (True): it can be read, not changed or saved."""
        if locked == self.article_locked:
            return
        self.article_locked = locked
        self._apply_read_only()
        if not locked:
            self.lock_banner.hide()
        self._update_actions(self.keeper.current())

    def _apply_read_only(self) -> None:
        """Fields editable only for an article this window may change: not in a read-only
        newsroom, not while another editor holds it, never a wire item."""
        held = self.article_locked or self.showing_wire_item
        read_only = held or bool(self.newsroom.read_only)
        self.editor.set_read_only(read_only)
        self.related.set_read_only(read_only)
        self.keeper.set_read_only(held)

    def _locked_by_other(self, error: LockedError) -> None:
        """Opened (or saved) while another editor holds the article: read-only, and who."""
        self._holder = error.holder
        self._show_locked(error.message)

    def _save_refused_as_locked(self, error: LockedError) -> None:
        """A save lost a race for the lock: the same banner, never a bare error."""
        if self.locks is not None:
            self.locks.refused_elsewhere()
        self._locked_by_other(error)

    def _taken_over(self, lock: Lock) -> None:
        """Someone took the open article over: read-only at once, the unsaved text kept."""
        from ui.locks import shown_time

        self._holder = lock.holder
        moment = shown_time(lock.since, self.settings.tzinfo)
        self._show_locked(
            self.tr("{holder} took over this article at {time}").format(
                holder=lock.holder, time=moment
            )
        )

    def _show_locked(self, message: str) -> None:
        key = self.keeper.keep_recovery_copy()
        if key is not None:
            self._recovery_key = key
            saved = self.keeper.saved_article
            self._recovery_id = saved.id if saved is not None else None
        self._set_article_locked(True)
        self.lock_banner.show_holder(message, recovery=self._recovery_key is not None)
        self.save_state_label.setText(self.tr("Read-only"))

    def take_over(self) -> None:
        """The banner's "Take over": ask, then take the lock (the history records it)."""
        if self.locks is None or self.locks.article_id is None:
            return
        if self.ask_take_over(self._holder):
            self.locks.take_over()

    def ask_take_over(self, holder: str) -> bool:
        """Whether to take the article from ``holder``. Tests override it."""
        answer = QMessageBox.question(
            self,
            self.tr("Take over the article"),
            self.tr(
                "{0} is editing this article. Take it over?\n\n{0}'s window turns read-only "
                "and keeps their unsaved text as a recovery copy; the history records the "
                "take-over."
            ).format(holder or self.tr("Another editor")),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _lock_held(self, article_id: int) -> None:
        """The lock is ours: an article shown read-only is loaded again (a take-over is a
        revision, and its holder may have saved before letting go), now to edit."""
        if self.article_locked:
            self.keeper.open_article(article_id)

    def _recovery_copy(self) -> Article:
        """The text kept when the article was taken (what the editor shows, failing that)."""
        for draft in self.journal.drafts():
            if draft.key == self._recovery_key:
                return draft.article
        return self.keeper.current()

    def copy_recovery_text(self) -> None:
        from PySide6.QtGui import QGuiApplication

        from ui.history import revision_text

        QGuiApplication.clipboard().setText(revision_text(self._recovery_copy()))
        self.statusBar().showMessage(self.tr("Your text is on the clipboard"), 8000)

    def show_recovery_copy(self) -> QDialog:
        from ui.locks import RecoveryCopyDialog

        self.recovery_dialog = RecoveryCopyDialog(self._recovery_copy(), self)
        self.recovery_dialog.show()
        return self.recovery_dialog

    def _show_problem(self, message: str) -> None:
        self.problem_label.setText(message)
        if message:
            self.save_state_label.setText(self.tr("Not saved"))

    def _resolve_conflict(self, error: ConflictError) -> None:
        choice = self.ask_conflict(str(error))
        if choice == "mine":
            self.keeper.save_now(force=True)
        elif choice == "theirs":
            self.keeper.reload_saved()

    def ask_conflict(self, message: str) -> str:
        """ "mine", "theirs" or "" (decide later). Tests override it."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Newsroom"), message, parent=self)
        mine = box.addButton(self.tr("Keep mine"), QMessageBox.ButtonRole.AcceptRole)
        theirs = box.addButton(self.tr("Load theirs"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        return "mine" if clicked is mine else "theirs" if clicked is theirs else ""

    def _mark_changed_elsewhere(self, article_id: int) -> None:
        saved = self.keeper.saved_article
        if saved is not None and saved.id == article_id:
            latest = self.newsroom.get(article_id)
            self.keeper.saved_article = saved.with_changes(
                mark=latest.mark, revision=latest.revision
            )
            self.keeper.set_mark(latest.mark)
        self.article_list.refresh()

    # --- article actions ---------------------------------------------------------

    def save_now(self) -> None:
        self.keeper.save_now()

    def new_article(self) -> None:
        self.keeper.save_now()
        self.keeper.start(self.blank_article())
        self.editor.focus_text()  # the new article's headline

    def blank_article(self) -> Article:
        # The newsroom's day, not the machine's: a Moscow desk at 01:00 files for the new day.
        today = datetime.now(self.settings.tzinfo).date()
        agency = self.settings.agency_in(self.settings.language)
        return Article(headline="", dateline=Dateline(date=today, agency=agency))

    def duplicate_article(self) -> None:
        """A new article with this one's content, as a draft (a follow-up, a rewrite)."""
        source = self.keeper.current()
        self.keeper.save_now()
        self.keeper.start(source.duplicate(), edited=True)

    def start_story_from_open(self) -> None:
        saved = self.keeper.saved_article
        if saved is not None and saved.id is not None and saved.status is Status.INCOMING:
            self.start_story(saved.id)

    def start_story(self, wire_item_id: int) -> None:
        """A new draft from a wire item (the core's ``start_story``), opened in the editor."""
        newsroom = self.newsroom
        self.keeper.save_now()

        def done(story: Article) -> None:
            self.lists.setCurrentWidget(self.article_list)
            self.keeper.start(story)
            self.article_list.refresh()
            self.editor.focus_text()

        self.open_session.tasks.write(
            lambda: newsroom.start_story(wire_item_id), done=done, failed=self._failed
        )

    def delete_article(self) -> None:
        saved = self.keeper.saved_article
        if saved is None or saved.id is None:
            return
        self.keeper.save_now()
        self.undo_stack.push(DeleteArticle(self, saved.id, saved.headline))

    def run_delete(self, article_id: int, *, deleted: bool) -> None:
        """Delete or undelete on the writer thread, then show what follows.

        Only the newest of several quick deletes and undos decides what opens: a
        delete answered after its own undo was asked for must not open another
        article over the one the undo brings back.
        """
        newsroom = self.newsroom
        self._delete_runs += 1
        run = self._delete_runs

        def work() -> Article:
            if deleted:
                return newsroom.delete(article_id)
            return newsroom.undelete(article_id)

        def done(article: Article) -> None:
            self.article_list.refresh()
            self.incoming.refresh()
            self.feed.refresh()
            if run != self._delete_runs:
                return  # undone or redone meanwhile: that run opens what follows
            if deleted:
                self._open_after_delete(article_id)
            else:
                self._keep_undo = True
                self.keeper.start(article)

        self.open_session.tasks.write(work, done=done, failed=self._failed)

    def _open_after_delete(self, article_id: int) -> None:
        saved = self.keeper.saved_article
        if saved is None or saved.id != article_id:
            return
        self._keep_undo = True  # the delete stays undoable after the next article opens
        self._open_latest()

    def set_status(self, status: Status) -> None:
        """The toolbar's status actions; the moves readers notice ask first."""
        if status is Status.PUBLISHED:
            self.publish()
        elif status is Status.DRAFT and self._open_is_public():
            self.after_saving(self._ask_unpublish)
        elif status is Status.KILLED:
            self.after_saving(self._ask_kill)
        else:
            self.after_saving(lambda: self.keeper.set_status(status))

    def _open_is_public(self) -> bool:
        saved = self.keeper.saved_article
        return saved is not None and saved.status.is_public

    def publish(self) -> None:
        """Publish the article in the editor (or move its publication time), once saved."""
        self.after_saving(self._ask_publish)

    def _saved_or_say(self) -> Article | None:
        saved = self.keeper.saved_article
        if saved is None or saved.id is None:
            self._show_problem(self.tr("Give the article a headline first: it is not saved yet."))
            return None
        return self.keeper.current()

    def _ask_publish(self) -> None:
        """Ask when to publish; with the check errors the core would stop it on, and a reason."""

        article = self._saved_or_say()
        if article is None:
            return
        typed = self.editor.publication.publish_at.moment()
        if article.status.is_public:  # moving the time: no gate to pass
            self._confirm_publish(article, typed, [])
            return
        newsroom = self.newsroom

        def findings() -> list[Finding]:
            return newsroom.findings(article, now=typed)

        self.open_session.tasks.read(
            findings, done=lambda found: self._confirm_publish(article, typed, found),
            failed=self._failed,
        )  # fmt: skip

    def _confirm_publish(
        self, article: Article, at: datetime | None, findings: Sequence[Finding]
    ) -> None:
        from newsroom.checks import Severity, errors_of
        from ui.publishing import PublishDialog

        warnings = sum(1 for each in findings if each.severity is Severity.WARNING)
        dialog = PublishDialog(
            article, self.settings.tzinfo, self, at=at, errors=errors_of(findings),
            warnings=warnings,
        )  # fmt: skip
        # Accepted without the reason the errors need (never through its button) is no answer:
        # asking the core would only be refused, and ask again.
        if self.run_dialog(dialog) and dialog.override.ready():
            self.keeper.set_status(
                Status.PUBLISHED, published_at=dialog.chosen_time(),
                override=dialog.override_reason(),
            )  # fmt: skip

    def _publish_refused(
        self, error: ChecksFailedError, status: Status, at: datetime | None
    ) -> None:
        """The core stopped a move on check errors nobody gave a reason for (the text
        changed since the dialog, or a move that asks nothing first): ask, listing them."""
        from ui.publishing import OverrideDialog

        article = self.keeper.current()
        errors = list(error.findings)
        if status is Status.PUBLISHED:
            self._confirm_publish(article, at, errors)
            return
        dialog = OverrideDialog(article, errors, self.status_actions[status].text(), self)
        if self.run_dialog(dialog) and dialog.override.ready():
            self.keeper.set_status(status, published_at=at, override=dialog.override_reason())

    def _show_check_count(self, findings: int, errors: int) -> None:
        """The Checks tab's title counts the findings; the Publish action, the errors."""
        self.tabs.setTabText(
            self.tabs.indexOf(self.checks),
            self.tr("Checks ({0})").format(findings) if findings else self.tr("Checks"),
        )
        publish = self.status_actions[Status.PUBLISHED]
        if errors:
            count = self.tr("1 error") if errors == 1 else self.tr("{0} errors").format(errors)
            publish.setText(self.tr("Publish… ({0})").format(count))
            publish.setIconText(self.tr("Publish ({0})").format(count))
            publish.setToolTip(
                self.tr("Status: Publish — {0} of the checks stand; publishing asks why").format(
                    count
                )
            )
        else:
            publish.setText(self.tr("Publish…"))
            publish.setIconText(self.tr("Publish"))
            publish.setToolTip(self.tr("Status: {0}").format(self.tr("Publish…")))

    def _ask_unpublish(self) -> None:
        from ui.publishing import UnpublishDialog

        article = self._saved_or_say()
        if article is not None and article.status.is_public:
            dialog = UnpublishDialog(article, self)
            if self.run_dialog(dialog):
                self.keeper.set_status(Status.DRAFT, reason=dialog.reason.text().strip())

    def _ask_kill(self) -> None:
        from ui.publishing import KillDialog

        article = self._saved_or_say()
        if article is not None and self.run_dialog(KillDialog(article, self)):
            self.keeper.set_status(Status.KILLED)

    def toggle_updated(self, checked: bool) -> None:
        self.keeper.set_mark(UPDATED_MARK if checked else "")

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, LockedError):
            self._save_refused_as_locked(error)
            return
        self._show_problem(one_line(error))

    def quote_selection(self) -> None:
        """The text selected in the body becomes a quote (an empty one to type, without)."""
        self.editor.quotes.add_quote()
        self.editor.scroll_area.ensureWidgetVisible(self.editor.quotes)  # where it went

    def attach_photo(self) -> None:
        self.editor.photo.choose_from_library()

    def attach_photo_file(self) -> None:
        self.editor.photo.import_from_dialog()

    def focus_search(self) -> None:
        self.lists.setCurrentWidget(self.article_list)
        self.article_list.search.setFocus()
        self.article_list.search.selectAll()

    # --- other windows ---------------------------------------------------------------

    def show_photo_library(self) -> None:
        from ui.photos.window import PhotoLibraryWindow

        self._library = PhotoLibraryWindow(self.open_session, self)
        # Captions typed from now on expand the codes as the table now stands.
        self._library.codesChanged.connect(lambda _table: self.editor.photo.reload_codes())
        self._library.show()

    def show_history(self) -> HistoryDialog | None:
        """The open article's revisions; restoring one opens it in the editor."""
        from ui.history import HistoryDialog

        saved = self.keeper.saved_article
        if saved is None or saved.id is None:
            return None
        self.keeper.save_now()  # the history then ends with what the editor holds
        dialog = HistoryDialog(self.open_session, saved.id, self)
        dialog.restored.connect(self.keeper.start)
        dialog.open()
        return dialog

    def show_export(self) -> None:
        """The export dialog, once what the editor holds is saved ("the current article")."""
        self.after_saving(self._open_export)

    def _open_export(self) -> None:
        from ui.export_dialog import ExportDialog

        saved = self.keeper.saved_article
        current = saved.id if saved is not None else None
        dialog = ExportDialog(self.open_session, current, self.article_list.selected_ids(), self)
        self.run_dialog(dialog)

    def run_dialog(self, dialog: QDialog) -> bool:
        """Show a modal dialog and wait for it; True when accepted. Tests may override it."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def after_saving(self, then: Callable[[], None]) -> None:
        """Save what the editor holds, then ``then()`` on the UI thread once the save landed.

        The writer thread runs work in order, so a no-op queued behind the save
        reports back after the save's own result has been delivered.
        """
        self.keeper.save_now()
        self.open_session.tasks.write(lambda: None, done=lambda _: then())

    def show_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        self.keeper.save_now()  # renaming a section there renames this article's too: save first
        dialog = SettingsDialog(self.open_session, self, self.state)
        dialog.settingsChanged.connect(self.apply_settings)
        dialog.sectionsChanged.connect(self.sections_changed)
        dialog.exec()

    def sections_changed(self, sections: list[Section]) -> None:
        """The section list changed, and maybe articles with it: the lists, and the open
        article again when its section was renamed or removed (reopening restarts its undo)."""
        self.editor.reload_lists()
        self.article_list.refresh_sections()
        self.article_list.refresh()
        saved = self.keeper.saved_article
        if saved is None or saved.id is None or saved.section in {s.name for s in sections}:
            return
        newsroom, article_id = self.newsroom, saved.id

        def reopen(revision: int) -> None:
            if revision != saved.revision and not self.keeper.dirty:
                self.keeper.open_article(article_id)

        self.open_session.tasks.read(
            lambda: newsroom.get(article_id).revision, done=guarded(self, reopen)
        )

    def apply_settings(self, settings: Settings) -> None:
        self.settings = settings
        self.editor.apply_settings(settings)
        self.article_list.model.set_timezone_from(self.newsroom)
        self.feed.refresh()
        self._set_title()
        self._update_preview()
        self.checks.recheck()  # the limits and house style may have changed

    def _set_title(self, headline: str | None = None) -> None:
        """ "<headline> — <newsroom>" for the open article (its headline as typed), and
        "Newsroom — <newsroom>" until one is open."""
        if headline is not None:
            self._title_headline = " ".join(headline.split()) or self.tr("New article")
        name = self.settings.name or self.newsroom.location
        self.setWindowTitle(self.tr("{0} — {1}").format(self._title_headline, name))

    # --- newsroom files ------------------------------------------------------------

    def new_newsroom(self) -> None:
        path = self.ask_newsroom_path(save=True)
        if path is not None:
            self.newsroomRequested.emit(str(path))

    def open_newsroom(self) -> None:
        path = self.ask_newsroom_path(save=False)
        if path is not None:
            self.newsroomRequested.emit(str(path))

    def display_name(self) -> str | None:
        """Who saves from this computer, as set in Settings ▸ You; None: the role or login."""
        return str(self.state.value(DISPLAY_NAME, "") or "") or None

    def connect_to_server(self) -> None:
        location = self.ask_server()
        if location is not None:
            self.newsroomRequested.emit(location)

    def ask_server(self, location: str = "", note: str = "") -> str | None:
        """A server newsroom to open (its password in it when one was typed). Tests override it."""
        from ui.connect_dialog import ConnectDialog

        dialog = ConnectDialog(self, location, note)
        if dialog.exec() != ConnectDialog.DialogCode.Accepted:
            return None
        if problem := dialog.remembered_message():
            self._show_problem(problem)
        return dialog.location()

    def ask_newsroom_path(self, *, save: bool) -> Path | None:
        """A newsroom file chosen by the user. Tests override it."""
        kind = self.tr("Newsroom (*.sqlite *.newsroom);;All files (*)")
        if save:
            return file_dialogs.save_file(self, self.tr("New newsroom"), kind)
        return file_dialogs.open_file(self, self.tr("Open newsroom"), kind)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for location in self.recent_newsrooms():
            action = self.recent_menu.addAction(location)
            action.triggered.connect(
                lambda _=False, where=location: self.newsroomRequested.emit(where)
            )
        self.recent_menu.setEnabled(bool(self.recent_newsrooms()))

    def recent_newsrooms(self) -> list[str]:
        value = self.state.value("recent", [])
        return [str(item) for item in (value if isinstance(value, list) else [value]) if item]

    def remember_newsroom(self) -> None:
        from ui.credentials import key_of

        # A file's path, or a server's URL as it can be opened again: without any password
        # (its location shows one as "***", which would be taken for the password).
        here = str(self.newsroom.path or key_of(self.newsroom.location))
        recent = [here, *(item for item in self.recent_newsrooms() if item != here)]
        self.state.setValue("recent", recent[:MAX_RECENT])
        self._fill_recent()

    def backup(self) -> None:
        """A consistent copy of the newsroom, made on the writer thread while work goes on."""
        target = self.ask_backup_path()
        if target is None:
            return
        newsroom = self.newsroom
        self.open_session.tasks.write(
            lambda: newsroom.backup(target),
            done=lambda path: self.statusBar().showMessage(
                self.tr("Backed up to {0}").format(path), 8000
            ),
            failed=self._failed,
        )

    def ask_backup_path(self) -> Path | None:
        """Where to write the backup. Tests override it."""
        kind = self.tr("Newsroom (*.sqlite)")
        return file_dialogs.save_file(self, self.tr("Back up the newsroom"), kind)

    # --- crash recovery ---------------------------------------------------------------

    def pending_drafts(self) -> list[Draft]:
        """Drafts in the journal that hold more than the newsroom does."""
        from newsroom.recovery import differs_from_saved

        found = []
        for draft in self.journal.drafts():
            if draft.article.id is None:
                found.append(draft)
                continue
            try:
                saved = self.newsroom.get(draft.article.id, include_deleted=True)
            except NewsroomError:
                # The article is gone (purged): its text comes back as a new article.
                found.append(replace(draft, article=draft.article.with_changes(id=None)))
                continue
            if differs_from_saved(draft.article, saved):
                found.append(draft)
        return found

    def offer_recovery(self) -> bool:
        """On start: unsaved work from a crash is offered back. True when some was restored."""
        drafts = self.pending_drafts()
        if not drafts:
            self.journal.clear()
            return False
        if not self.ask_restore(drafts):
            self.journal.clear()
            return False
        first, *others = drafts
        for draft in others:  # saved straight away; the first opens in the editor
            self._restore_quietly(draft)
        self.journal.forget(first.key)
        if first.article.id is not None and self.locks is not None:
            from ui.locks import reclaim_after_crash

            # Here, as the reads above: the take-over is a revision the restored text builds on.
            reclaim_after_crash(self.newsroom, first.article.id)
        self.keeper.start(self._restorable(first.article), edited=True)
        return True

    def _restorable(self, draft: Article) -> Article:
        if draft.id is None:
            return draft
        saved = self.newsroom.get(draft.id)
        return draft.with_changes(revision=saved.revision, status=saved.status,
                                  published_at=saved.published_at)  # fmt: skip

    def _restore_quietly(self, draft: Draft) -> None:
        article, newsroom = self._restorable(draft.article), self.newsroom

        def work() -> Article:
            if article.id is None:
                return newsroom.create(article, summary="Recovered after a crash")
            if not newsroom.read_only:
                from ui.locks import reclaim_after_crash

                reclaim_after_crash(newsroom, article.id)
            saved = newsroom.save(article, summary="Recovered after a crash", force=True)
            newsroom.unlock(article.id)  # not open here: free for others
            return saved

        self.open_session.tasks.write(work, done=lambda _: self.journal.forget(draft.key),
                                 failed=self._failed)  # fmt: skip

    def ask_restore(self, drafts: list[Draft]) -> bool:
        """Whether to bring back unsaved work. Tests override it."""
        headlines = "\n".join(f"• {d.article.headline or self.tr('(no headline)')}" for d in drafts)
        answer = QMessageBox.question(
            self,
            self.tr("Newsroom"),
            self.tr(
                "Newsroom closed without saving your last changes to:\n{0}\n\nRestore them?"
            ).format(headlines),
        )
        return answer == QMessageBox.StandardButton.Yes

    # --- window state -----------------------------------------------------------------

    def _restore_frame_state(self) -> None:
        geometry = self.state.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1440, 900)
        window_state = self.state.value("window/state")
        if window_state is not None:
            self.restoreState(window_state)

    def _restore_pane_state(self) -> None:
        splitter = self.state.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        tab = self.state.value("window/tab")
        if tab is not None:
            self.tabs.setCurrentIndex(int(tab))

    def save_window_state(self) -> None:
        self.state.setValue("window/geometry", self.saveGeometry())
        self.state.setValue("window/state", self.saveState())
        if self.session is not None:
            self.state.setValue("window/splitter", self.splitter.saveState())
            self.state.setValue("window/tab", self.tabs.currentIndex())
        self.state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_window_state()
        if self.session is None or not hasattr(self, "keeper"):  # still opening
            event.accept()
            return
        if not self.keeper.flush() and not self.ask_close_unsaved():
            event.ignore()
            return
        self.changes.stop()
        self.ingest_watch.stop()
        if self.locks is not None:
            self.locks.release()  # after the last save, on the writer thread
        self.open_session.tasks.wait()
        event.accept()

    # --- live updates ----------------------------------------------------------

    def _watch_changes(self) -> None:
        """Show what anyone commits (another editor, the CLI, this window) without a refresh."""
        from ui.live import ChangeFeed

        self.changes = ChangeFeed(self.newsroom, self)
        self.changes.changed.connect(self.changed_elsewhere)
        self.changes.failed.connect(self._show_problem)
        self.changes.start()
        from ui.ingest_watch import IngestWatch

        self.ingest_watch = IngestWatch(self.open_session, self)
        self.ingest_watch.reported.connect(lambda line: self.statusBar().showMessage(line, 15_000))
        self.ingest_watch.start()

    def changed_elsewhere(self) -> None:
        """Re-read the lists in the background (each updates in place), and see whether
        the open article was taken over."""
        self.article_list.refresh()
        self.incoming.refresh()
        self.feed.refresh()
        self.related.refresh_found()
        if self.locks is not None:
            self.locks.check()
        self._follow_open_wire_item()

    def _follow_open_wire_item(self) -> None:
        """An open wire item shows the agency's newest version (a kill included) as it
        arrives: it is read-only, so there is nothing of the editor's to keep."""
        saved = self.keeper.saved_article
        if saved is None or saved.id is None or saved.status is not Status.INCOMING:
            return
        newsroom, article_id, revision = self.newsroom, saved.id, saved.revision

        def done(latest: Article) -> None:
            shown = self.keeper.saved_article
            if shown is None or shown.id != article_id:
                return
            if latest.revision != revision and shown.revision == revision:
                self.keeper.open_article(article_id)
                self.statusBar().showMessage(self.tr("The agency sent a newer version"), 10_000)

        read = lambda: newsroom.get(article_id)  # noqa: E731
        # Deleted meanwhile (NotFoundError): the lists say so; the item stays shown until left.
        self.open_session.tasks.read(read, done=guarded(self, done), failed=lambda _: None)

    def ask_close_unsaved(self) -> bool:
        """The last save failed: close anyway (the text stays in the recovery journal)?"""
        answer = QMessageBox.question(
            self,
            self.tr("Newsroom"),
            self.tr(
                "The article could not be saved: {0}\n\nClose anyway? Your text is kept "
                "and offered back the next time this newsroom opens."
            ).format(self.problem_label.text()),
        )
        return answer == QMessageBox.StandardButton.Yes
