"""The Incoming view: wire items waiting for an editor, and where a story came from.

``IncomingPane`` is the article list (``ui/article_list.py``: lazy pages off the
UI thread, the same search, in-place refresh) held to ``Status.INCOMING``, each
row saying when, which agency and how urgent, with **Start a story** under it.
``WireBanner`` sits above the editor's fields: for a wire item, that it is the
agency's read-only text and which stories were started from it (read on the
pool); for a story, the wire item it came from. The rules (what a story
carries, that a wire item is read-only) are the core's: ``newsroom/wire_story.py``.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from newsroom.article import Article, ArticleSummary, Status, WireSource
from newsroom.wire_story import withdrawn_message
from ui.article_list import ArticleListModel, ArticleListPane, ListQuery
from ui.session import Session
from ui.tasks import guarded


class IncomingModel(ArticleListModel):
    """Wire items, newest first: each row's second line is time · agency · urgency."""

    def details(self, summary: ArticleSummary) -> str:
        parts = [self._when(summary.updated_at), summary.agency]
        if summary.urgency is not None:
            parts.append(self.tr("Urgency {0}").format(summary.urgency))
        lock = self._locks.get(summary.id)
        if lock is not None:
            parts.insert(0, self.tr("Being edited by {0}").format(lock.holder))
        return " · ".join(part for part in parts if part)


class IncomingPane(ArticleListPane):
    """The wire items, a search among them, and Start a story for the one selected."""

    model_class = IncomingModel
    startRequested = Signal(int)  # start a story from this wire item

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        for combo in (self.status, self.section, self.order):
            combo.hide()  # always incoming, newest first
        self.view.setAccessibleName(self.tr("Incoming wire items"))
        self.start_button = QPushButton(self.tr("Start a story"), self)
        self.start_button.setToolTip(
            self.tr("A new draft from the selected wire item (the wire item stays as it is)")
        )
        self.start_button.setEnabled(False)
        self.start_button.clicked.connect(self._start)
        layout = self.layout()
        assert layout is not None
        layout.addWidget(self.start_button)
        self.model.loaded.connect(self._follow_selection)
        self.view.selectionModel().currentRowChanged.connect(self._follow_selection)

    def search_words(self) -> str:
        return self.tr("Search wire items")

    def apply_query(self) -> None:
        self._pause.stop()
        self.message.clear()
        self.model.set_query(ListQuery(text=self.search.text(), status=Status.INCOMING))

    def current_id(self) -> int | None:
        current = self.view.selectionModel().currentIndex()
        if not current.isValid() or current.row() >= self.model.rowCount():
            return None
        return self.model.summary(current.row()).id

    def _follow_selection(self, *_: object) -> None:
        self.start_button.setEnabled(
            self.current_id() is not None and not self._session.newsroom.read_only
        )

    def _start(self) -> None:
        article_id = self.current_id()
        if article_id is not None:
            self.startRequested.emit(article_id)


def source_line(source: WireSource) -> str:
    """``AP item urn:… v2, file ap-nitf.xml`` (what is known of it)."""
    text = f"{source.agency or 'agency'} item {source.item_id}"
    if source.version:
        text += f" v{source.version}"
    if source.file_name:
        text += f", file {source.file_name}"
    return text


class WireBanner(QWidget):
    """Above the editor's fields: a wire item's standing, or a story's provenance."""

    startRequested = Signal()
    storyActivated = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._shown_id: int | None = None
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)  # links to the stories; text escaped
        self.label.setAccessibleName(self.tr("Wire source"))
        self.label.linkActivated.connect(lambda link: self.storyActivated.emit(int(link)))
        self.start_button = QPushButton(self.tr("Start a story"), self)
        self.start_button.clicked.connect(self.startRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.start_button)
        self.hide()

    def show_article(self, article: Article) -> None:
        """Say where ``article`` came from; nothing for an article written here."""
        self._shown_id = article.id
        source = article.source
        if source is None:
            self.hide()
            return
        incoming = article.status is Status.INCOMING
        self.start_button.setVisible(incoming)
        startable = incoming and not source.is_withdrawn
        self.start_button.setEnabled(startable and not self._session.newsroom.read_only)
        self.start_button.setToolTip("" if startable else self._withdrawn(source))
        if not incoming:
            self.label.setText(escape(self.tr("From {0}").format(source_line(source))))
            if source.is_wire_item:
                self._read_item(article.id, source)
        else:
            self.label.setText(self._wire_item_text(source, []))
            self._read_stories(article.id, source)
        self.show()

    def _withdrawn(self, source: WireSource) -> str:
        """``AP canceled this item (version 5)``, or "" when the agency did not take it back."""
        return withdrawn_message(source) if source.is_withdrawn else ""

    def _warning(self, text: str) -> str:
        """``text`` in bold, in the warning red that reads on this palette (dark or light)."""
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        return f'<b style="color:{"#ff7b72" if dark else "#b3261e"}">{escape(text)}</b>'

    def _read_item(self, article_id: int | None, source: WireSource) -> None:
        """A story's wire item as it stands now: the agency may have killed it since."""
        newsroom = self._session.newsroom

        def done(now: WireSource | None) -> None:
            if self._shown_id != article_id or now is None or not now.is_withdrawn:
                return
            taken_back = self.tr("{0}, after this story was started: check with the agency "
                                 "before it goes out.").format(self._withdrawn(now))  # fmt: skip
            text = escape(self.tr("From {0}").format(source_line(source)))
            self.label.setText(f"{text}<br>{self._warning(taken_back)}")

        self._session.tasks.read(
            lambda: newsroom.wire_item_source(source), done=guarded(self, done)
        )

    def _wire_item_text(self, source: WireSource, stories: list[ArticleSummary]) -> str:
        text = escape(self.tr("Wire item, read-only: {0}.").format(source_line(source)))
        if source.is_withdrawn:
            text += "<br>" + self._warning(
                self.tr("{0}: do not use it.").format(self._withdrawn(source))
            )
        if stories:
            links = ", ".join(f'<a href="{story.id}">{story.slug}</a>' for story in stories)
            text += " " + self.tr("Stories started from it: {0}").format(links)
        return text

    def _read_stories(self, article_id: int | None, source: WireSource) -> None:
        newsroom = self._session.newsroom

        def done(stories: list[ArticleSummary]) -> None:
            if self._shown_id == article_id:  # still the article shown
                self.label.setText(self._wire_item_text(source, stories))

        self._session.tasks.read(lambda: newsroom.stories_from(source), done=guarded(self, done))
