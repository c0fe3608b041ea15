"""The live preview: the article's real page, re-rendered as the editor types.

``PreviewPane.show_article`` may be called on every keystroke. Rendering runs
on a worker thread (``session.tasks.read``); requests that arrive meanwhile
merge, so only the newest is rendered next. The page, its style sheet and its
photos are served by the app through the ``newsroom-preview:`` scheme
(``register_schemes`` must run before the QApplication exists). JavaScript is
off for the page; links open in the system browser and the preview never
navigates away. The reader's scroll position is kept across updates.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QEventLoop,
    QPointF,
    Qt,
    QTimer,
    QUrl,
    QUrlQuery,
    Signal,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebEngineCore import (
    QWebEngineScript,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from newsroom.article import Article
from newsroom.errors import NewsroomError
from newsroom.render import PREVIEW_SCHEME
from newsroom.render.preview_links import (
    STYLESHEET,
    PreviewMedia,
    PreviewPage,
    article_slug,
    render_preview,
)
from ui.errors import one_line
from ui.icons import icon as icon_named
from ui.scheme import register_schemes
from ui.session import Session
from ui.web_view import PreviewView

PHONE_WIDTH = 375  # CSS pixels, as on a small phone
DEBOUNCE_MS = 0  # merge one event loop turn of requests; the render itself throttles
EXTERNAL_SCHEMES = ("http", "https", "mailto")
_SCHEME = PREVIEW_SCHEME.encode("ascii")
__all__ = ["PreviewPane", "register_schemes"]
_WIDGET_MAX = 16_777_215  # QWIDGETSIZE_MAX


# --- what the pane's view is served: page, style sheet and photos -----------------


class _Source:
    """The pane's latest page and its photos, answered on the UI thread.

    A photo the render did not keep (evicted from memory) is read from the
    newsroom's rendition cache: one row, cheap enough for the UI thread.
    """

    def __init__(self, media: PreviewMedia) -> None:
        self.media = media
        self.page = b""
        self.served: dict[str, int] = {}

    def answer(self, path: str) -> tuple[bytes, bytes] | None:
        try:
            answer = self._answer(path)
        except NewsroomError:
            answer = None
        if answer is not None:
            self.served[path] = self.served.get(path, 0) + 1
        return answer

    def _answer(self, path: str) -> tuple[bytes, bytes] | None:
        if path in ("", "/"):
            return b"text/html;charset=utf-8", self.page
        if path == f"/{STYLESHEET}":
            return b"text/css;charset=utf-8", self.media.css.encode("utf-8")
        rendition = self.media.fetch(path.removeprefix("/"))
        if rendition is None:
            return None
        return rendition.media_type.encode("ascii"), rendition.data


# --- updating a page in place -----------------------------------------------------

_HEAD = re.compile(r"<head>(.*?)</head>", re.DOTALL | re.IGNORECASE)
_BODY = re.compile(r"(<body\b[^>]*>)(.*)</body>", re.DOTALL | re.IGNORECASE)
_STYLE = re.compile(
    r"<link\b[^>]*rel=\"stylesheet\"[^>]*>|<style\b.*?</style>", re.DOTALL | re.IGNORECASE
)
# Runs in the app's script world (the page's own scripts stay off). Style sheets are
# kept (the frame key says they are unchanged), everything else in the head replaced.
_REPLACE_JS = """function (head, body) {
  const keep = (element) => element.matches('link[rel="stylesheet"], style');
  for (const element of Array.from(document.head.children)) {
    if (!keep(element)) element.remove();
  }
  const parsed = document.createElement('template');
  parsed.innerHTML = head;
  for (const element of Array.from(parsed.content.children)) {
    if (!keep(element)) document.head.appendChild(element);
  }
  document.body.innerHTML = body;
  return true;
}"""


@dataclass(frozen=True)
class _PageParts:
    frame: str  # what needs a new document when it changes: <html>, style sheets, <body>
    head: str
    body: str


def _page_parts(html: str) -> _PageParts | None:
    head, body = _HEAD.search(html), _BODY.search(html)
    if head is None or body is None:
        return None
    opening = html[: head.start()]
    frame = "\n".join([opening, *_STYLE.findall(head.group(1)), body.group(1)])
    return _PageParts(frame, head.group(1), body.group(2))


# --- the pane -----------------------------------------------------------------------


class PreviewPane(QWidget):
    """The article's finished page, updated as it is edited."""

    rendered = Signal()  # the newest request's page has loaded
    renderFailed = Signal(str)  # the message shown
    linkOpened = Signal(QUrl)  # a link sent to the system browser
    articleLinkClicked = Signal(str)  # a link to another article: its slug

    def __init__(
        self, session: Session, parent: QWidget | None = None, *, view: PreviewView | None = None
    ) -> None:
        """``view``: a view made earlier (the main window makes one before it is shown)."""
        super().__init__(parent)
        self.session = session
        self._media = PreviewMedia(session.newsroom)
        self._source = _Source(self._media)

        self._pending: Article | None = None
        self._busy = False
        self._loading = False
        self._generation = 0
        self._scroll = QPointF(0, 0)
        self._frame_key = ""  # the style sheets etc. of the page shown (see _page_parts)
        self._awaiting_view = False  # a page waits for the view's blank first page
        # One navigation at a time: a load started before the previous one had finished was
        # at times dropped by QtWebEngine, which then never said the newer page finished.
        self._navigating = False
        self.render_count = 0  # renders started (tests and benchmarks read it)
        self.last_html = ""  # the HTML of the page last shown

        self.view = self._adopt_view(view or PreviewView(self))
        self.message = self._make_message()
        self.phone_button = self._width_button("phone", self.tr("Phone width"))
        self.desktop_button = self._width_button("desktop", self.tr("Desktop width"))
        self._frame = self._lay_out()

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._start)

    def focus_target(self) -> QWidget:
        """What gets the keyboard when the editor goes to this pane (Ctrl+3/4/5)."""
        return self.view

    def _adopt_view(self, view: PreviewView) -> PreviewView:
        view.setParent(self)
        view.setAccessibleName(self.tr("Page preview"))
        view.serve(self._source)
        view.preview_page().linkClicked.connect(self.follow_link)
        view.loadFinished.connect(self._load_finished)
        view.show()  # a view made hidden in the window's frame
        return view

    def _make_message(self) -> QLabel:
        message = QLabel(self)
        message.setAccessibleName(self.tr("Preview message"))
        message.setWordWrap(True)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        message.setMargin(6)
        message.hide()
        return message

    def _lay_out(self) -> QHBoxLayout:
        self.desktop_button.setChecked(True)
        widths = QButtonGroup(self)
        widths.setExclusive(True)
        widths.addButton(self.phone_button)
        widths.addButton(self.desktop_button)
        self.phone_button.toggled.connect(self.set_phone_width)

        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(QLabel(self.tr("Preview"), self))
        bar.addStretch(1)
        bar.addWidget(self.phone_button)
        bar.addWidget(self.desktop_button)

        frame = QHBoxLayout()
        frame.setContentsMargins(0, 0, 0, 0)
        frame.addStretch(0)
        frame.addWidget(self.view, 1)
        frame.addStretch(0)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addLayout(frame, 1)
        return frame

    def _width_button(self, icon: str, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setCheckable(True)
        button.setIcon(icon_named(icon))
        button.setText(name)
        button.setToolTip(name)
        button.setAccessibleName(name)
        return button

    # --- requests -------------------------------------------------------------

    def show_article(self, article: Article) -> None:
        """Show ``article`` as it is now; call as often as you like (requests merge)."""
        self._pending = article
        if not self._busy:
            self._debounce.start()

    def _start(self) -> None:
        if self._busy or self._pending is None:
            return
        article, self._pending = self._pending, None
        self._busy = True
        self.render_count += 1
        media = self._media
        self.session.tasks.read(
            lambda: render_preview(article, media), done=self._done, failed=self._failed
        )

    def _done(self, page: PreviewPage) -> None:
        self._busy = False
        newer = self._pending is not None
        if newer:
            self._start()
        if not newer or not self._loading:
            # A stale page is shown only when the view is idle: feedback while typing
            # without queueing loads the next render replaces at once.
            self._show(page.html)

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        if self._pending is not None:
            self._start()
            return
        text = self.tr("The preview cannot be shown: {0}").format(one_line(error))
        self.message.setText(text)
        self.message.show()
        self.renderFailed.emit(text)

    # --- showing ---------------------------------------------------------------

    def _show(self, html: str) -> None:
        self.message.hide()
        self.last_html = html
        self._source.page = html.encode("utf-8")
        self._generation += 1
        parts = _page_parts(html)
        if parts is not None and not self._loading and parts.frame == self._frame_key:
            self._update_in_place(parts)
        else:
            self._frame_key = parts.frame if parts is not None else ""
            self._load()

    def _update_in_place(self, parts: _PageParts) -> None:
        """Same style sheets: swap the head's metadata and the body, no navigation.

        Much quicker than loading a new document (no style sheet, no photo fetched
        again), and the reader stays where they were without a jump.
        """
        generation = self._generation
        code = f"({_REPLACE_JS})({json.dumps(parts.head)}, {json.dumps(parts.body)})"
        self.view.page().runJavaScript(
            code,
            QWebEngineScript.ScriptWorldId.ApplicationWorld,
            lambda _result: self._settled(generation),
        )

    def _load(self) -> None:
        if not self.view.ready:  # its blank first page is loading: this page follows it
            self._loading = True  # so a newer page waits too, rather than updating in place
            if not self._awaiting_view:
                self._awaiting_view = True
                self.view.readied.connect(self._view_ready, Qt.ConnectionType.SingleShotConnection)
            return
        if self._navigating:  # the page in flight finishes first, then the newest loads
            self._loading = True
            return
        if not self._loading:
            self._scroll = self.view.page().scrollPosition()
        self._restore_scroll_on_ready()
        url = self.view.url_for()
        query = QUrlQuery()
        query.addQueryItem("page", str(self._generation))
        url.setQuery(query)
        self._loading = True
        self._navigating = True
        self.view.load(url)

    def _view_ready(self) -> None:
        self._awaiting_view = False
        self._load()

    def _restore_scroll_on_ready(self) -> None:
        """Scroll where the reader was as soon as the new document is parsed (no jump)."""
        scripts = self.view.page().scripts()
        for old in scripts.find("newsroom-scroll"):
            scripts.remove(old)
        script = QWebEngineScript()
        script.setName("newsroom-scroll")
        script.setWorldId(QWebEngineScript.ScriptWorldId.ApplicationWorld)
        script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentReady)
        script.setSourceCode(self._scroll_js())
        scripts.insert(script)

    def _scroll_js(self) -> str:
        return f"window.scrollTo({self._scroll.x():.0f}, {self._scroll.y():.0f});"

    def _load_finished(self, ok: bool) -> None:
        url = self.view.page().url()
        if QUrlQuery(url).queryItemValue("page") != str(self._generation):
            # An earlier page (or the view's blank one): the newest follows, if one waits.
            if self._navigating:
                self._navigating = False
                if self._loading:
                    self._load()
            return
        self._navigating = False
        self._loading = False
        if not ok:
            self._frame_key = ""  # load the next one afresh
        self.view.page().history().clear()
        generation = self._generation
        # Again once images and styles are in: the page may have grown since DocumentReady.
        self.view.page().runJavaScript(
            self._scroll_js(),
            QWebEngineScript.ScriptWorldId.ApplicationWorld,
            lambda _result: self._settled(generation),
        )

    def _settled(self, generation: int) -> None:
        if generation == self._generation and not self._busy and self._pending is None:
            self.rendered.emit()

    # --- width ----------------------------------------------------------------

    def set_phone_width(self, phone: bool) -> None:
        """Phone: the page 375 px wide, centred; desktop: the pane's full width."""
        if self.phone_button.isChecked() != phone:
            (self.phone_button if phone else self.desktop_button).setChecked(True)
        if phone:
            self.view.setFixedWidth(PHONE_WIDTH)
            self._frame.setStretch(0, 1)
            self._frame.setStretch(1, 0)
            self._frame.setStretch(2, 1)
        else:
            self.view.setMinimumWidth(0)
            self.view.setMaximumWidth(_WIDGET_MAX)
            self._frame.setStretch(0, 0)
            self._frame.setStretch(1, 1)
            self._frame.setStretch(2, 0)

    # --- links ----------------------------------------------------------------

    def follow_link(self, url: QUrl) -> None:
        """A link clicked in the page: the system browser, or the article it names."""
        if url.scheme() == PREVIEW_SCHEME:
            slug = article_slug(url.path())
            if slug is not None:
                self.articleLinkClicked.emit(slug)
            return
        if url.scheme() in EXTERNAL_SCHEMES:
            self.linkOpened.emit(url)
            QDesktopServices.openUrl(url)

    # --- for tests and the benchmark ----------------------------------------------

    def served(self, path: str) -> int:
        """How many times the scheme answered ``path`` (e.g. ``/newsroom.css``) for this pane."""
        return self._source.served.get(path, 0)

    def served_paths(self) -> dict[str, int]:
        return dict(self._source.served)

    def run_js(self, code: str) -> Any:
        """Run ``code`` in the app's own script world (page scripts stay off) and wait."""
        loop = QEventLoop()
        result: list[Any] = []

        def done(value: Any) -> None:
            result.append(value)
            loop.quit()

        self.view.page().runJavaScript(code, QWebEngineScript.ScriptWorldId.ApplicationWorld, done)
        if not result:
            loop.exec()
        return result[0]

    def current_html(self) -> str:
        """The page's HTML as the view holds it now (waits for it)."""
        loop = QEventLoop()
        result: list[str] = []

        def done(value: str) -> None:
            result.append(value)
            loop.quit()

        self.view.page().toHtml(done)
        if not result:
            loop.exec()
        return result[0]
