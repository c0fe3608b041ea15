"""What every export format gets besides the article itself.

The export runner fills an ``ExportContext`` per article: the newsroom's
settings, the body as safe HTML (made at save time), the dateline in the
house style, the photo as the runner has written it beside the export
(a web rendition, never the original), and the related headlines resolved to
what they name now. Format writers turn that into bytes and touch nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from newsroom.article import Article
from newsroom.settings import Settings
from newsroom.slug import slugify


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
    exported_at: datetime | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def canonical_url(self) -> str:
        """The article's address on the site, when the newsroom has a base URL."""
        base = self.settings.base_url
        return f"{base}{self.article.slug}.html" if base else ""

    @property
    def uri(self) -> str:
        """A stable identifier: the canonical URL, else a URN from the newsroom's name."""
        if self.canonical_url:
            return self.canonical_url
        return f"urn:newsroom:{slugify(self.settings.name)}:{self.article.slug}"
