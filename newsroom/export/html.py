"""Article pages as HTML files: ``DIR/<slug>.html``, its style sheet, its photos under media/.

Photos are web renditions (1200-pixel JPEG and WebP), never the original.
``self_contained`` puts the style sheet and the JPEG (as a data URI) inside
the one file instead, for mailing a page or archiving it.

Links to other articles (related headlines, the news feed) go to a page
written in the same export, else to the article's public URL on the site
when the newsroom has a base URL and the article is public there; otherwise
the headline is plain text. A page never links to a file that is not beside it.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from datetime import UTC, datetime

from newsroom.article import Article, ArticleSummary, PhotoUse
from newsroom.export.files import Output
from newsroom.photos import ARTICLE_WIDTH, Rendition
from newsroom.render.page import (
    FAVICON,
    FEED_SIZE,
    Links,
    PageContext,
    PhotoSource,
    favicon_data_uri,
    media_name,
    render_article,
)
from newsroom.render.related import related_for_readers
from newsroom.render.theme import Theme, load_theme
from newsroom.render.urls import article_path, article_url
from newsroom.store import Newsroom

STYLESHEET = "newsroom.css"


class FolderLinks(Links):
    """Links for pages written into one folder; collects the renditions they show.

    ``siblings`` are the slugs whose pages are written into the same folder.
    """

    def __init__(self, newsroom: Newsroom, siblings: set[str], prefix: str = "") -> None:
        super().__init__(prefix)
        self.newsroom = newsroom
        self.siblings = siblings
        self.settings = newsroom.settings()
        self.media: dict[str, Rendition] = {}

    def article(self, summary: ArticleSummary) -> str | None:
        if summary.slug in self.siblings:
            return f"{self.prefix}{article_path(summary.slug)}"
        # Only a public article has a page on the site; None shows the headline as text.
        if summary.status.is_public:
            return article_url(self.settings, summary.slug) or None
        return None

    def photo(self, use: PhotoUse) -> PhotoSource | None:
        tag = self.newsroom.photos.media_tag(use)
        jpeg, jpeg_name = self._rendition(use, "jpeg", tag)
        _, webp_name = self._rendition(use, "webp", tag)
        return PhotoSource(
            self.prefix + jpeg_name, self.prefix + webp_name, jpeg.width, jpeg.height
        )

    def favicon(self, theme: Theme) -> str:
        return f"{self.prefix}{FAVICON}"

    def _rendition(self, use: PhotoUse, fmt: str, tag: str) -> tuple[Rendition, str]:
        """The rendition with this use's caption and credit in it, kept for writing."""
        rendition = self.newsroom.photos.captioned_rendition(use, ARTICLE_WIDTH, fmt)
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
        jpeg = self.newsroom.photos.captioned_rendition(use, ARTICLE_WIDTH, "jpeg")
        encoded = base64.b64encode(jpeg.data).decode("ascii")
        return PhotoSource(f"data:{jpeg.media_type};base64,{encoded}", "", jpeg.width, jpeg.height)

    def favicon(self, theme: Theme) -> str:
        return favicon_data_uri(theme.favicon)


def export_pages(
    newsroom: Newsroom,
    articles: Sequence[Article],
    output: Output,
    *,
    self_contained: bool = False,
    theme: Theme | None = None,
    now: datetime | None = None,
    link_siblings: bool = True,
) -> int:
    """Write one page per article (and, unless self-contained, the CSS and photos).

    The pages read as at ``now`` (default: this moment): the news feed and
    related headlines show live stories only, and a scheduled article's
    page says it is embargoed. ``link_siblings=False`` is for pages that are
    only a step to another format (PDF): they link to the site, never to each
    other's HTML files. Returns how many internal related headlines the pages
    left out because readers cannot follow them (``render.related``).
    """
    theme = theme or load_theme(None)
    siblings = {article.slug for article in articles} if link_siblings else set()
    links_type = InlineLinks if self_contained else FolderLinks
    links = links_type(newsroom, siblings)
    moment = now or datetime.now(UTC)
    feed = newsroom.news_feed(FEED_SIZE, now=moment)
    settings = newsroom.settings()
    left_out = 0
    for article in articles:
        related = [entry.slug for entry in article.related if entry.is_internal]
        targets = newsroom.lookup(related) if related else {}
        context = PageContext(
            settings=settings, links=links, theme=theme, feed=feed, related=targets, now=moment
        )
        page = render_article(article, newsroom.body_html(article), context)
        output.write(article_path(article.slug), page)
        left_out += related_for_readers(article.related, targets, moment).left_out
    if not self_contained:
        output.write(STYLESHEET, theme.css)
        output.write(FAVICON, theme.favicon)
        for relative, rendition in sorted(links.media.items()):
            output.write(relative, rendition.data)
    return left_out
