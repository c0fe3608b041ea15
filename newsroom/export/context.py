"""What every export format gets besides the article itself.

The export runner fills an ``ExportContext`` per article: the newsroom's
settings, the body as safe HTML (made at save time), the dateline in the
house style, the photo as the runner has written it beside the export
(a web rendition, never the original), and the related headlines resolved to
what they name now. Format writers turn that into bytes and touch nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from newsroom.article import Article
from newsroom.dateline import dateline_text
from newsroom.photos import ARTICLE_WIDTH
from newsroom.render.urls import article_path, article_url
from newsroom.settings import Settings
from newsroom.slug import slugify

if TYPE_CHECKING:
    from newsroom.store import Newsroom


@dataclass(frozen=True)
class ExportPhoto:
    """The article's photo as written beside the export (``href`` is relative to the file)."""

    sha256: str
    href: str
    media_type: str
    width: int
    height: int
    caption: str
    credit: str  # as the editor typed it
    credit_line: str  # as printed: "© TASS"
    alt: str


@dataclass(frozen=True)
class ExportRelated:
    """A related headline as it reads now; ``slug`` is set for articles of this newsroom."""

    headline: str
    subtitle: str
    url: str
    slug: str = ""


@dataclass(frozen=True)
class ExportContext:
    article: Article
    settings: Settings
    body_html: str
    dateline: str
    photo: ExportPhoto | None = None
    related: tuple[ExportRelated, ...] = ()
    # The moment of the export: a story scheduled after it goes out embargoed.
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def language(self) -> str:
        """The article's language (BCP 47), else the newsroom's."""
        return self.article.language_or(self.settings.language)

    @property
    def embargoed_until(self) -> datetime | None:
        """The publication time when it is still ahead (the story is scheduled), else None."""
        article = self.article
        return article.published_at if article.is_scheduled(self.now) else None

    @property
    def canonical_url(self) -> str:
        """The article's address on the site, when the newsroom has a base URL."""
        return article_url(self.settings, self.article.slug)

    @property
    def uri(self) -> str:
        """A stable identifier: the canonical URL, else a URN from the newsroom's name."""
        if self.canonical_url:
            return self.canonical_url
        return f"urn:newsroom:{slugify(self.settings.name)}:{self.article.slug}"


@dataclass(frozen=True)
class MediaFile:
    """A file an export writes beside its article files (a photo rendition)."""

    relative: str
    data: bytes


def build_context(
    newsroom: Newsroom,
    article: Article,
    *,
    prefix: str = "",
    now: datetime | None = None,
) -> tuple[ExportContext, list[MediaFile]]:
    """The context for exporting ``article`` from ``newsroom``, and the media to write.

    The photo is the 1200-pixel JPEG rendition (never the original) as
    ``media/<slug>.jpg`` (``prefix`` is prepended to hrefs, e.g. ``../`` for
    files one folder down). ``now`` is the moment of the export (default:
    this moment): a story scheduled after it is embargoed until its time.
    """
    from newsroom.render.page import credit_line

    settings = newsroom.settings()
    media: list[MediaFile] = []
    photo = None
    if article.photo is not None:
        # The rendition carries this use's caption and credit (XMP and IPTC).
        rendition = newsroom.photos.captioned_rendition(article.photo, ARTICLE_WIDTH, "jpeg")
        # Named after the story, as agency feeds do: the name stays the same however
        # often the story goes out and comes back (a re-encoded photo has a new hash).
        relative = f"media/{article.slug}.{rendition.extension}"
        media.append(MediaFile(relative, rendition.data))
        use = article.photo
        photo = ExportPhoto(
            sha256=use.sha256,
            href=prefix + relative,
            media_type=rendition.media_type,
            width=rendition.width,
            height=rendition.height,
            caption=use.caption,
            credit=use.credit,
            credit_line=credit_line(use.credit),
            alt=use.alt,
        )
    tz = settings.tzinfo
    when = article.published_at or article.updated_at or datetime.now(tz)
    lang = article.language_or(settings.language)
    context = ExportContext(
        article=article,
        settings=settings,
        body_html=newsroom.body_html(article),
        dateline=dateline_text(
            article.dateline,
            settings.dateline_style,
            default_agency=settings.agency_in(lang),
            fallback_date=when.astimezone(tz).date(),
            lang=lang,
        ),
        photo=photo,
        related=resolve_related(newsroom, article, settings),
        now=now or datetime.now(UTC),
    )
    return context, media


def resolve_related(
    newsroom: Newsroom, article: Article, settings: Settings
) -> tuple[ExportRelated, ...]:
    """Related headlines as they read now; internal ones that no longer exist are left out."""
    slugs = [entry.slug for entry in article.related if entry.is_internal]
    targets = newsroom.lookup(slugs) if slugs else {}
    resolved = []
    for entry in article.related:
        if not entry.is_internal:
            resolved.append(ExportRelated(entry.headline, entry.subtitle, entry.url))
            continue
        target = targets.get(entry.slug)
        if target is None:
            continue
        # Interchange files keep the page's name when there is no site to point at.
        url = article_url(settings, target.slug) or article_path(target.slug)
        resolved.append(ExportRelated(target.headline, target.subtitle, url, slug=target.slug))
    return tuple(resolved)
