"""The app's live preview: the real page, with photos and CSS served by the app itself.

The preview shows exactly what ``render_page`` makes, in a browser view
whose base URL is the app's own scheme (``newsroom-preview:``); the page's
relative links to its style sheet and photos come back to the app, which
answers them from ``PreviewMedia``. Nothing here imports Qt: ``ui/preview.py``
registers the scheme and serves what this module names.

Rendering runs on a worker thread, so ``PreviewLinks.photo`` makes (or reads
from the database cache) the renditions there and keeps them in memory; the
scheme handler runs on the UI thread and only looks them up.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsroom.article import Article, PhotoUse
from newsroom.photos import ARTICLE_WIDTH, Rendition
from newsroom.render.page import Links, PhotoSource, render_page
from newsroom.render.theme import load_theme

if TYPE_CHECKING:
    from newsroom.store import Newsroom

STYLESHEET = "newsroom.css"
MEDIA_LIMIT = 24  # renditions kept in memory (a 1200-px JPEG is ~150 kB)
_MEDIA_NAME = re.compile(r"^media/([0-9a-f]{64})-(\d+)-([0-9a-f]{8})\.(jpg|webp)$")
_FORMATS = {"jpg": "jpeg", "webp": "webp"}


def media_path(sha256: str, width: int, fmt: str, recipe: str) -> str:
    """The path of a rendition under the preview's base URL.

    The recipe (quality settings) is part of the name, so a changed setting
    gives a new address and the view never shows stale pixels.
    """
    digest = hashlib.sha256(recipe.encode("utf-8")).hexdigest()[:8]
    extension = "jpg" if fmt == "jpeg" else fmt
    return f"media/{sha256}-{width}-{digest}.{extension}"


class PreviewMedia:
    """Renditions the preview has named, kept in memory (the newest few), safe across threads."""

    def __init__(self, newsroom: Newsroom, limit: int = MEDIA_LIMIT) -> None:
        self.newsroom = newsroom
        self.limit = limit
        self._lock = threading.Lock()
        self._items: OrderedDict[str, Rendition] = OrderedDict()
        self._css = ""

    def rendition(self, sha256: str, width: int, fmt: str, recipe: str) -> tuple[str, Rendition]:
        """The path and rendition (made the first time, then read from memory)."""
        path = media_path(sha256, width, fmt, recipe)
        found = self.get(path)
        if found is None:
            found = self.newsroom.photos.rendition(sha256, width, fmt)
            self._put(path, found)
        return path, found

    def get(self, path: str) -> Rendition | None:
        with self._lock:
            found = self._items.get(path)
            if found is not None:
                self._items.move_to_end(path)
            return found

    def fetch(self, path: str) -> Rendition | None:
        """The rendition at ``path`` from memory, else from the newsroom; None for no such path.

        Raises what ``Newsroom.rendition`` raises (NotFoundError for an unknown photo).
        """
        found = self.get(path)
        if found is not None:
            return found
        match = _MEDIA_NAME.match(path)
        if match is None:
            return None
        sha256, width, _digest, extension = match.groups()
        made = self.newsroom.photos.rendition(sha256, int(width), _FORMATS[extension])
        self._put(path, made)
        return made

    def _put(self, path: str, rendition: Rendition) -> None:
        with self._lock:
            self._items[path] = rendition
            self._items.move_to_end(path)
            while len(self._items) > self.limit:
                self._items.popitem(last=False)

    @property
    def css(self) -> str:
        """The style sheet of the theme last rendered (the default theme's before any)."""
        with self._lock:
            css = self._css
        return css or load_theme(None).css

    def set_css(self, css: str) -> None:
        with self._lock:
            self._css = css


class PreviewLinks(Links):
    """Links for the preview: relative to the scheme's base URL; photos through PreviewMedia.

    The preview also shows related articles that are not published yet, marked so.
    """

    preview = True

    def __init__(self, media: PreviewMedia, recipe: str) -> None:
        super().__init__("")
        self.media = media
        self.recipe = recipe

    def photo(self, use: PhotoUse) -> PhotoSource | None:
        jpeg_path, jpeg = self.media.rendition(use.sha256, ARTICLE_WIDTH, "jpeg", self.recipe)
        webp_path, _ = self.media.rendition(use.sha256, ARTICLE_WIDTH, "webp", self.recipe)
        return PhotoSource(jpeg_path, webp_path, jpeg.width, jpeg.height)


@dataclass(frozen=True)
class PreviewPage:
    html: str
    css: str


def render_preview(article: Article, media: PreviewMedia) -> PreviewPage:
    """The article's page for the preview, in the newsroom's theme (call off the UI thread).

    The body is rendered from the article as it is now (the editor's unsaved
    text), not taken from the stored HTML when it differs.
    """
    newsroom = media.newsroom
    settings = newsroom.settings()
    theme = load_theme(settings.theme_folder)
    links = PreviewLinks(media, newsroom.photos.recipe())
    html = render_page(article, newsroom, links=links, theme=theme, body_html=None)
    media.set_css(theme.css)
    return PreviewPage(html, theme.css)


def article_slug(path: str) -> str | None:
    """The slug a preview link to another article names (``/walrus-count.html``), else None."""
    match = re.fullmatch(r"/?([a-z0-9][a-z0-9-]*)\.html", path)
    return match.group(1) if match else None
