"""The preview's browser view, its page and the ``newsroom-preview:`` scheme that feeds it.

Kept light (Qt and one constant, no renderer) because the main window makes
its view in the frame, before the window is first shown: a QtWebEngine view
drawn with OpenGL (when the user chooses a Qt Quick backend other than the
app's software one, ``ui.scheme.compose_in_software``) composes through the
GPU surface it needs, and a window shown without one is destroyed and created
anew (a new X window id, a flicker, a window that tools and window managers
lose) when the view joins it later. Made first, the window is created once
with the right surface; ``ui.preview`` later adopts the view and fills it.

Every view has a host name of its own (``newsroom-preview://view3/``); the
scheme handler answers it from that view's ``PreviewSource``: the page, its
style sheet and its photos, from memory, on the UI thread.
"""

from __future__ import annotations

import atexit
import functools
import itertools
import weakref
from typing import Protocol

import shiboken6
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QEvent,
    QIODevice,
    QObject,
    QUrl,
    Signal,
)
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestJob,
    QWebEngineUrlSchemeHandler,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from newsroom.render import PREVIEW_SCHEME

_SCHEME = PREVIEW_SCHEME.encode("ascii")
_hosts = itertools.count(1)


class PreviewSource(Protocol):
    """What a view's host serves: ``answer(path)`` gives (media type, bytes) or None."""

    def answer(self, path: str) -> tuple[bytes, bytes] | None: ...


class _Blank:
    """A view's source until a pane adopts it: an empty page, nothing else."""

    def answer(self, path: str) -> tuple[bytes, bytes] | None:
        return (b"text/html;charset=utf-8", b"") if path in ("", "/") else None


class _SchemeHandler(QWebEngineUrlSchemeHandler):
    """Answers ``newsroom-preview://<host>/…`` from the source registered for that host."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.sources: dict[str, PreviewSource] = {}

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        source = self.sources.get(job.requestUrl().host())
        answer = None if source is None else source.answer(job.requestUrl().path())
        if answer is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        media_type, data = answer
        buffer = QBuffer(job)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(media_type, buffer)


_views: weakref.WeakSet[PreviewView] = weakref.WeakSet()


@functools.cache
def _profile() -> tuple[QWebEngineProfile, _SchemeHandler]:
    """The app's one browser profile (off the record) with the scheme handler on it."""
    profile = QWebEngineProfile(QCoreApplication.instance())  # no name: off the record
    handler = _SchemeHandler(profile)
    profile.installUrlSchemeHandler(_SCHEME, handler)
    atexit.register(_release_views)
    return profile, handler


def _release_views() -> None:
    """Pages must go before the profile (which goes with the application), or Chromium warns."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    for view in list(_views):
        if shiboken6.isValid(view):
            shiboken6.delete(view)


class PreviewWebPage(QWebEnginePage):
    """Shows its own host's pages only; a clicked link is handed on as ``linkClicked``."""

    linkClicked = Signal(QUrl)

    def __init__(self, host: str, profile: QWebEngineProfile, parent: QObject) -> None:
        super().__init__(profile, parent)
        self.host = host

    def is_ours(self, url: QUrl) -> bool:
        """The page of this view itself (any query), not a photo or another view's page."""
        return (
            url.scheme() == PREVIEW_SCHEME and url.host() == self.host and url.path() in ("", "/")
        )

    def acceptNavigationRequest(
        self, url: QUrl | str, kind: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        url = QUrl(url)
        if kind == QWebEnginePage.NavigationType.NavigationTypeLinkClicked:
            if self.is_ours(url):
                return True  # a footnote or other anchor on the page itself
            self.linkClicked.emit(url)
            return False
        return self.is_ours(url) and kind != QWebEnginePage.NavigationType.NavigationTypeBackForward


class PreviewView(QWebEngineView):
    """A browser view locked to its own host: JavaScript, plugins and error pages off.

    ``ready`` is False until its first, blank page has loaded (``readied`` then):
    a page asked for while that load is under way can be dropped by Chromium
    without a word, so the first real page waits for it.
    """

    readied = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = f"view{next(_hosts)}"
        profile, handler = _profile()
        self._handler = handler
        handler.sources[self.host] = _Blank()
        host = self.host
        self.destroyed.connect(lambda *_: handler.sources.pop(host, None))
        _views.add(self)
        page = PreviewWebPage(self.host, profile, self)
        self.setPage(page)
        attribute = QWebEngineSettings.WebAttribute
        settings = page.settings()
        settings.setAttribute(attribute.JavascriptEnabled, False)
        settings.setAttribute(attribute.LocalContentCanAccessRemoteUrls, False)
        settings.setAttribute(attribute.PluginsEnabled, False)
        settings.setAttribute(attribute.ErrorPageEnabled, False)
        # Loading (even a blank page) creates the view's GPU-composed child, so a
        # window the view is in gets the surface it needs from its very first show.
        self.ready = False
        self.loadFinished.connect(self._first_load_finished)
        self.load(self.url_for())

    def _first_load_finished(self, _ok: bool) -> None:
        if not self.ready:
            self.ready = True
            self.readied.emit()

    def preview_page(self) -> PreviewWebPage:
        page = self.page()
        assert isinstance(page, PreviewWebPage)
        return page

    def serve(self, source: PreviewSource) -> None:
        """From now on this view's host answers from ``source``."""
        self._handler.sources[self.host] = source

    def url_for(self, path: str = "/") -> QUrl:
        return QUrl(f"{PREVIEW_SCHEME}://{self.host}{path}")
