"""The Related tab: the article's related headlines, a search to add from, suggestions."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from newsroom.article import Article, ArticleSummary, RelatedHeadline, SearchHit
from newsroom.errors import NewsroomError, ValidationError
from newsroom.suggest import read_external_related
from ui.errors import one_line
from ui.icons import icon
from ui.related.delegate import RelatedDelegate
from ui.related.model import RelatedModel, SummaryRole
from ui.related.outside_dialog import ExternalRelatedDialog
from ui.related.suggestions import SuggestionList
from ui.session import Session
from ui.tasks import guarded

# Up to this many slugs are looked up on the UI thread (one indexed SELECT);
# more go to a worker.
LOOKUP_ON_UI_THREAD = 20
SEARCH_LIMIT = 50
SEARCH_DELAY_MS = 250


class RelatedPane(QWidget):
    """The related headlines of the article being edited."""

    changed = Signal()

    def __init__(
        self, session: Session, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.undo_stack = undo_stack
        self._article: Article | None = None
        self._requests = {"lookup": 0, "search": 0}
        self._read_only = False

        self.model = RelatedModel(undo_stack, self)
        self.model.edited.connect(self.changed)
        self.model.edited.connect(self._update_buttons)
        self._build_list()
        self._build_search()
        self._build_suggestions()
        self._build_layout()
        self._update_buttons()

    def focus_target(self) -> QWidget:
        """What gets the keyboard when the editor goes to this pane (Ctrl+3/4/5)."""
        return self.view

    def _build_list(self) -> None:
        self.view = QListView(self)
        self.view.setAccessibleName(self.tr("Related headlines"))
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        # Rows wrap to the list's width and are laid out again when it changes.
        self.view.setItemDelegate(RelatedDelegate(self.view))
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.selectionModel().currentChanged.connect(self._update_buttons)

        self.status = QLabel(self)
        self.status.setAccessibleName(self.tr("Related headlines status"))
        self.status.setWordWrap(True)
        self.status.hide()

        self.add_external_action = self._action(
            "link", self.tr("Add &outside story…"), self.add_external
        )
        self.remove_action = self._action("remove", self.tr("&Remove"), self.remove_selected)
        self.remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.up_action = self._action("up", self.tr("Move &up"), lambda: self.move_selected(-1))
        self.up_action.setShortcut(QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Up))
        self.down_action = self._action(
            "down", self.tr("Move &down"), lambda: self.move_selected(1)
        )
        self.down_action.setShortcut(QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Down))
        for action in (self.remove_action, self.up_action, self.down_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.view.addAction(action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addAction(self.add_external_action)

    def _build_search(self) -> None:
        self.search_field = QLineEdit(self)
        self.search_field.setAccessibleName(self.tr("Search the newsroom for related articles"))
        self.search_field.setPlaceholderText(self.tr("Search articles to add…"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.results = QListWidget(self)
        self.results.setAccessibleName(self.tr("Articles found"))
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.add_button = QPushButton(icon("add"), self.tr("&Add selected"), self)
        self.add_button.setAccessibleName(self.tr("Add the selected articles"))
        self.add_button.setEnabled(False)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.search)
        self.search_field.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_field.returnPressed.connect(self.search)
        self.results.itemSelectionChanged.connect(
            lambda: self.add_button.setEnabled(
                not self._read_only and bool(self.results.selectedItems())
            )
        )
        self.results.itemDoubleClicked.connect(lambda item: self._add_summaries([item]))
        self.add_button.clicked.connect(self.add_selected_results)

    def _build_suggestions(self) -> None:
        self.suggestions = SuggestionList(self.session, self._is_related, self)
        self.suggestions.chosen.connect(lambda summary: self.add_articles([summary]))
        self.suggestions.failed.connect(self._failed)
        self.model.edited.connect(self.suggestions.refilter)

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        for action in (
            self.add_external_action,
            self.remove_action,
            self.up_action,
            self.down_action,
        ):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Related headlines"), self)
        title.setBuddy(self.view)
        layout.addWidget(title)
        layout.addWidget(self.view, 3)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.search_field)
        layout.addWidget(self.results, 2)
        layout.addWidget(self.add_button)
        layout.addWidget(self.suggestions, 2)

    def _action(self, icon_name: str, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(icon(icon_name), text, self)
        action.setToolTip(text.replace("&", "").rstrip("…"))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # --- the contract -----------------------------------------------------------

    def load(self, article: Article) -> None:
        """Show ``article``'s related headlines (not an edit: ``changed`` is not emitted)."""
        self._article = article
        self._show_error("")
        slugs = [entry.slug for entry in article.related if entry.is_internal]
        self._requests["lookup"] += 1
        if len(slugs) <= LOOKUP_ON_UI_THREAD:
            try:
                found = self.session.newsroom.lookup(slugs) if slugs else {}
            except NewsroomError as error:
                self.model.set_entries(article.related, looked_up=False)
                self._show_error(one_line(error))
            else:
                self.model.set_entries(article.related)
                self.model.set_found(found)
        else:
            self.model.set_entries(article.related, looked_up=False)
            self._lookup(slugs)
        self._update_buttons()
        self.suggestions.show_for(article)

    def refresh_found(self) -> None:
        """Look the related articles up again (another editor renamed or deleted one)."""
        slugs = self.model.internal_slugs()
        if slugs:
            self._requests["lookup"] += 1
            self._lookup(slugs)

    def article_changed(self, article: Article) -> None:
        """The open article as edited (the main window calls this on every edit).

        Suggestions follow once typing pauses; the related headlines are this pane's own.
        """
        self._article = article
        self.suggestions.follow(article.with_changes(related=self.model.entries()))

    def related(self) -> tuple[RelatedHeadline, ...]:
        return self.model.entries()

    # --- lookups off the UI thread ----------------------------------------------

    def _lookup(self, slugs: Sequence[str]) -> None:
        request = self._requests["lookup"]
        newsroom = self.session.newsroom

        def done(found: dict[str, ArticleSummary]) -> None:
            if request == self._requests["lookup"]:
                self.model.set_found(found)

        self.session.tasks.read(
            lambda: newsroom.lookup(slugs),
            done=guarded(self, done),
            failed=guarded(self, self._failed),
        )

    def refresh_suggestions(self) -> None:
        """Ask for similar articles again now (off the UI thread)."""
        if self._article is not None:
            self.suggestions.show_for(self._article.with_changes(related=self.model.entries()))

    def search(self) -> None:
        """Search the newsroom for what the search field says (off the UI thread)."""
        self._search_timer.stop()
        text = self.search_field.text().strip()
        self._requests["search"] += 1
        request = self._requests["search"]
        if not text:
            self.results.clear()
            return
        newsroom = self.session.newsroom

        def done(hits: list[SearchHit]) -> None:
            if request != self._requests["search"]:
                return
            self.results.clear()
            own = self._article.id if self._article is not None else None
            for hit in hits:
                if hit.article.id != own:
                    self.results.addItem(self._summary_item(hit.article))
            if not hits:
                self._show_error(self.tr("No article matches {text}").format(text=text))
            else:
                self._show_error("")

        def failed(error: BaseException) -> None:
            if request == self._requests["search"]:
                self.results.clear()
                self._failed(error)

        self.session.tasks.read(
            lambda: newsroom.search(text, limit=SEARCH_LIMIT), done=done, failed=failed
        )

    def _summary_item(self, summary: ArticleSummary) -> QListWidgetItem:
        text = summary.headline
        if not summary.status.is_public:
            text = self.tr("{headline} ({status})").format(
                headline=summary.headline, status=summary.status.value
            )
        item = QListWidgetItem(text)
        item.setData(SummaryRole, summary)
        item.setToolTip(summary.subtitle or summary.headline)
        return item

    # --- user actions -------------------------------------------------------------

    def add_selected_results(self) -> None:
        self._add_summaries(self.results.selectedItems())

    def _add_summaries(self, items: Sequence[QListWidgetItem]) -> None:
        self.add_articles([item.data(SummaryRole) for item in items])

    def add_articles(self, summaries: Sequence[ArticleSummary]) -> bool:
        """Add these articles as internal related headlines, at the end (one undo step)."""
        if self._read_only:
            return False
        entries: list[RelatedHeadline] = []
        found: dict[str, ArticleSummary] = {}
        problems: list[str] = []
        for summary in summaries:
            entry = RelatedHeadline.internal(summary.slug)
            if self._article is not None and (
                summary.id == self._article.id or summary.slug == self._article.slug
            ):
                problems.append(self.tr("An article cannot be related to itself"))
            elif self.model.find(entry) >= 0 or entry in entries:
                problems.append(
                    self.tr("“{headline}” is already a related headline").format(
                        headline=summary.headline
                    )
                )
            else:
                entries.append(entry)
                found[summary.slug] = summary
        self._show_error(problems[0] if problems else "")
        if not entries:
            return False
        row = self.model.rowCount()
        self.model.insert_entries(row, entries, found)
        self.view.setCurrentIndex(self.model.index(row + len(entries) - 1))
        return True

    @classmethod
    def ask_external(cls, parent: QWidget) -> tuple[str, str, str] | None:
        """Ask for an outside story's headline, subtitle and link (None: cancelled)."""
        dialog = ExternalRelatedDialog(parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.values()
        finally:
            dialog.deleteLater()

    def add_external(self) -> bool:
        """Ask for an outside story and add it at the end."""
        answer = self.ask_external(self)
        if answer is None:
            return False
        try:
            entry = read_external_related(*answer)
        except ValidationError as error:
            self._show_error(str(error.problems[0]))
            return False
        if self.model.find(entry) >= 0:
            self._show_error(self.tr("That link is already a related headline"))
            return False
        self._show_error("")
        row = self.model.rowCount()
        self.model.insert_entries(row, [entry])
        self.view.setCurrentIndex(self.model.index(row))
        return True

    def remove_selected(self) -> bool:
        row = self.view.currentIndex().row()
        if row < 0:
            return False
        return self.model.remove_entries(row)

    def move_selected(self, step: int) -> bool:
        row = self.view.currentIndex().row()
        if row < 0 or not self.model.move_row(row, step):
            return False
        self.view.setCurrentIndex(self.model.index(row + step))
        return True

    # --- showing -------------------------------------------------------------------

    def suggestion_buttons(self) -> list[QToolButton]:
        """The one-click add buttons of the suggestions shown, in order."""
        return self.suggestions.buttons()

    def _is_related(self, summary: ArticleSummary) -> bool:
        return self.model.find(RelatedHeadline.internal(summary.slug)) >= 0

    def set_read_only(self, read_only: bool) -> None:
        """Related headlines and suggestions can be read, not added, moved or removed."""
        self._read_only = read_only
        self.view.setDragDropMode(
            QAbstractItemView.DragDropMode.NoDragDrop if read_only
            else QAbstractItemView.DragDropMode.InternalMove
        )  # fmt: skip
        self.suggestions.setEnabled(not read_only)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        row = self.view.currentIndex().row()
        count = self.model.rowCount()
        writable = not self._read_only
        self.remove_action.setEnabled(writable and row >= 0)
        self.up_action.setEnabled(writable and row > 0)
        self.down_action.setEnabled(writable and 0 <= row < count - 1)
        self.add_external_action.setEnabled(writable and self._article is not None)
        self.add_button.setEnabled(writable and bool(self.results.selectedItems()))

    def _failed(self, error: BaseException) -> None:
        self._show_error(one_line(error))

    def _show_error(self, message: str) -> None:
        self.status.setText(message.splitlines()[0] if message else "")
        self.status.setVisible(bool(message))
