"""What every export format gets besides the article itself.

The export runner fills an ``ExportContext`` per article: the newsroom's
settings, the body as safe HTML (made at save time), the dateline in the
house style, the photo as the runner has written it beside the export
(a web rendition, never the original), and the related headlines resolved to
what they name now. Format writers turn that into bytes and touch nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from newsroom.article import Article
from newsroom.dateline import dateline_text
from newsroom.photos import ARTICLE_WIDTH
from newsroom.render.related import ShownRelated, related_for_readers
from newsroom.render.urls import article_path, article_url
from newsroom.settings import Settings
from newsroom.slug import slugify

if TYPE_CHECKING:
    from newsroom.store import Newsroom


# What a copyright notice puts around the holder's name: "©", "(c)", "Copyright", years.
_NOTICE_WORDS = re.compile(
    r"^(?:\s*(?:©|\(c\)|copyright\b|\d{4}(?:\s*[-–]\s*\d{4})?)[\s,.:]*)+", re.IGNORECASE
)
_TRAILING_RIGHTS = re.compile(r"[\s,.;]*all rights reserved\.?\s*$", re.IGNORECASE)


def holder_name(notice: str) -> str:
    """The holder's name in a copyright notice or credit: "© 2021 Reuters" → "Reuters"."""
    name = _NOTICE_WORDS.sub("", " ".join(notice.split()))
    return _TRAILING_RIGHTS.sub("", name).strip(" ,.;")


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
    # The photo's own rights, from its file's IPTC/XMP metadata: the holder is a name
    # ("Reuters", from the notice, else from the credit), the notice as the file says it.
    copyright_holder: str = ""
    copyright_notice: str = ""


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
    # The related headlines readers may follow (``render.related``): what the formats carry.
    related: tuple[ExportRelated, ...] = ()
    # Every related headline whose target exists, for the Markdown file (the article's own
    # source, which imports back; a static site generator leaves drafts out itself).
    all_related: tuple[ExportRelated, ...] = ()
    # Internal related headlines left out of ``related``: not published (or gone).
    related_left_out: int = 0
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
        return self.canonical_url or self.guid_of(self.article.slug)

    def guid_of(self, slug: str) -> str:
        """The URN of this newsroom's article ``slug``: its guid where there is no base URL."""
        return f"urn:newsroom:{slugify(self.settings.name)}:{slug}"


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
        own = newsroom.photos.record(use.sha256)
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
            copyright_holder=holder_name(own.copyright) or holder_name(use.credit),
            copyright_notice=" ".join(own.copyright.split()),
        )
    tz = settings.tzinfo
    when = article.published_at or article.updated_at or datetime.now(tz)
    moment = now or datetime.now(UTC)
    readers, every, left_out = resolve_related(newsroom, article, settings, moment)
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
        related=readers,
        all_related=every,
        related_left_out=left_out,
        now=moment,
    )
    return context, media


def resolve_related(
    newsroom: Newsroom, article: Article, settings: Settings, now: datetime
) -> tuple[tuple[ExportRelated, ...], tuple[ExportRelated, ...], int]:
    """Related headlines as they read now: those readers get at ``now``, every one whose
    target exists, and how many internal ones readers do not get (``render.related``)."""
    slugs = [entry.slug for entry in article.related if entry.is_internal]
    targets = newsroom.lookup(slugs) if slugs else {}
    readers = related_for_readers(article.related, targets, now, preview=True)
    shown = [_exported(shown, settings) for shown in readers.shown]
    public = tuple(item for item, each in zip(shown, readers.shown, strict=True) if each.published)
    left_out = readers.left_out + len(shown) - len(public)
    return public, tuple(shown), left_out


def _exported(shown: ShownRelated, settings: Settings) -> ExportRelated:
    entry, target = shown.entry, shown.target
    if target is None:
        return ExportRelated(entry.headline, entry.subtitle, entry.url)
    # Interchange files keep the page's name when there is no site to point at.
    url = article_url(settings, target.slug) or article_path(target.slug)
    return ExportRelated(target.headline, target.subtitle, url, slug=target.slug)
