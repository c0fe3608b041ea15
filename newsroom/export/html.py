"""Article pages as HTML files: ``DIR/<slug>.html``, its style sheet, its photos under media/.

Photos are web renditions (1200-pixel JPEG and WebP), never the original.
``self_contained`` puts the style sheet and the JPEG (as a data URI) inside
the one file instead, for mailing a page or archiving it.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from datetime import UTC, datetime

from newsroom.article import Article, ArticleSummary, PhotoUse
from newsroom.export.files import Output
from newsroom.photos import ARTICLE_WIDTH, Rendition
from newsroom.render.page import (
    FEED_SIZE,
    Links,
    PageContext,
    PhotoSource,
    media_name,
    render_article,
)
from newsroom.render.theme import Theme, load_theme
from newsroom.store import Newsroom

STYLESHEET = "newsroom.css"


class FolderLinks(Links):
    """Links for pages written into one folder; collects the renditions they show."""

    def __init__(self, newsroom: Newsroom, exported: set[str], prefix: str = "") -> None:
        super().__init__(prefix)
        self.newsroom = newsroom
        self.exported = exported
        self.base_url = newsroom.settings().base_url
        self.media: dict[str, Rendition] = {}

    def article(self, summary: ArticleSummary) -> str | None:
        # A page written with this one is a sibling; others live on the site.
        if summary.slug in self.exported or not self.base_url:
            return f"{self.prefix}{summary.slug}.html"
        return f"{self.base_url}{summary.slug}.html"

    def photo(self, use: PhotoUse) -> PhotoSource | None:
        tag = self.newsroom.media_tag(use)
        jpeg, jpeg_name = self._rendition(use, "jpeg", tag)
        _, webp_name = self._rendition(use, "webp", tag)
        return PhotoSource(
            self.prefix + jpeg_name, self.prefix + webp_name, jpeg.width, jpeg.height
        )

    def _rendition(self, use: PhotoUse, fmt: str, tag: str) -> tuple[Rendition, str]:
        """The rendition with this use's caption and credit in it, kept for writing."""
        rendition = self.newsroom.captioned_rendition(use, ARTICLE_WIDTH, fmt)
        name = media_name(use.sha256, ARTICLE_WIDTH, rendition.extension, tag)
        self.media[name] = rendition
        return rendition, name


class InlineLinks(FolderLinks):
    """Everything inside the page: the style sheet inline, the photo as a data URI."""

    def inline_css(self) -> bool:
        return True

    def stylesheets(self) -> list[str]:
        return []

    def photo(self, use: PhotoUse) -> PhotoSource | None:
        jpeg = self.newsroom.captioned_rendition(use, ARTICLE_WIDTH, "jpeg")
        encoded = base64.b64encode(jpeg.data).decode("ascii")
        return PhotoSource(f"data:{jpeg.media_type};base64,{encoded}", "", jpeg.width, jpeg.height)


def export_pages(
    newsroom: Newsroom,
    articles: Sequence[Article],
    output: Output,
    *,
    self_contained: bool = False,
    theme: Theme | None = None,
    now: datetime | None = None,
) -> None:
    """Write one page per article (and, unless self-contained, the CSS and photos).

    The pages read as at ``now`` (default: this moment): the news feed and
    related headlines show live stories only, and a scheduled article's
    page says it is embargoed.
    """
    theme = theme or load_theme(None)
    exported = {article.slug for article in articles}
    links_type = InlineLinks if self_contained else FolderLinks
    links = links_type(newsroom, exported)
    moment = now or datetime.now(UTC)
    feed = newsroom.news_feed(FEED_SIZE, now=moment)
    settings = newsroom.settings()
    for article in articles:
        related = [entry.slug for entry in article.related if entry.is_internal]
        context = PageContext(
            settings=settings,
            links=links,
            theme=theme,
            feed=feed,
            related=newsroom.lookup(related) if related else {},
            now=moment,
        )
        page = render_article(article, newsroom.body_html(article), context)
        output.write(f"{article.slug}.html", page)
    if not self_contained:
        output.write(STYLESHEET, theme.css)
        for relative, rendition in sorted(links.media.items()):
            output.write(relative, rendition.data)
