"""The article and its parts, as plain immutable values.

These are what the rest of Newsroom passes around: storage turns rows into
them, the JSON article format parses into them, the renderer and exporters
read them, the app edits copies of them (``dataclasses.replace``). They hold
no database session, so they cross threads freely.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

# Status lives in a light module of its own (the command line's parser needs it); the
# aliases re-export it here, where the rest of Newsroom finds it (mypy --strict).
from newsroom.status import PUBLIC_STATUSES as PUBLIC_STATUSES  # noqa: PLC0414
from newsroom.status import Status as Status  # noqa: PLC0414

# The mark that flags a published story as updated; the page then says "Updated at 14:05".
UPDATED_MARK = "Updated"

# Which status may follow which. A published (or corrected) story may be taken
# back to draft (unpublished), with a reason: see ``needs_reason``. A killed
# story stays killed: agencies withdraw it for good, and a reworked story goes
# out as a new article. An incoming wire item stays as the agency sent it (a
# newer version of it updates it): editors start a story from it instead.
STATUS_TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.INCOMING: frozenset(),
    Status.DRAFT: frozenset({Status.READY, Status.PUBLISHED}),
    Status.READY: frozenset({Status.DRAFT, Status.PUBLISHED}),
    Status.PUBLISHED: frozenset({Status.DRAFT, Status.CORRECTED, Status.KILLED}),
    Status.CORRECTED: frozenset({Status.DRAFT, Status.KILLED}),
    Status.KILLED: frozenset(),
}


def needs_reason(old: Status, new: Status) -> bool:
    """Whether moving from ``old`` to ``new`` must say why (kept in the history).

    Taking back a story readers could see (unpublishing) is the one such move.
    """
    return old.is_public and new is Status.DRAFT


def is_live(status: Status, published_at: datetime | None, now: datetime) -> bool:
    """Readers see the story at ``now``: public, and its publication time has come.

    The one rule of scheduling: a published story whose time is still ahead
    is held (scheduled, embargoed until then). Lists that select public
    stories in SQL say the same with ``published_at <= now``
    (``storage.reads``).
    """
    return status.is_public and published_at is not None and published_at <= now


def is_scheduled(status: Status, published_at: datetime | None, now: datetime) -> bool:
    """Published, but held until a publication time still ahead of ``now``."""
    return status.is_public and published_at is not None and published_at > now


# How Newsroom's own exports name their items (``urn:newsroom:<newsroom>:<slug>``):
# such a file read back is one of our articles, not a wire item.
OWN_ITEM_PREFIX = "urn:newsroom:"


# The publication statuses under which an agency takes an item back (IPTC's pubstatus).
WITHDRAWN_PUBSTATUSES = frozenset({"withheld", "canceled"})


@dataclass(frozen=True)
class WireSource:
    """Where a wire item came from, as its file says: kept with the article it became.

    ``version`` is the agency's own text (usually digits); ``urgency`` runs
    from 1 (most urgent) to 9, None when the file gives none. ``pubstatus``
    is the file's publication status in IPTC's words ("usable", "withheld",
    "canceled", "embargoed"; empty when it gives none): a withheld or
    canceled item is one the agency took back (``is_withdrawn``).
    ``byline_title`` is the writer's title the agency gives apart from the
    name (AP's "AP Business Writer"): the agency's description of its
    writer, kept with the source so the byline stays names only.
    """

    agency: str = ""
    item_id: str = ""  # the item's id or guid
    version: str = ""
    urgency: int | None = None
    file_name: str = ""
    copyright: str = ""
    format: str = ""  # "NITF", "NewsML-G2", "NewsML 1.2", "ninjs 1.x"…
    pubstatus: str = ""
    byline_title: str = ""

    @property
    def is_empty(self) -> bool:
        return self == WireSource()

    @property
    def is_wire_item(self) -> bool:
        """An agency's item, named by its id (not one of Newsroom's own exports)."""
        return bool(self.item_id) and not self.item_id.startswith(OWN_ITEM_PREFIX)

    @property
    def is_withdrawn(self) -> bool:
        """The agency withheld or canceled the item (a kill): no story may go out from it."""
        return self.pubstatus in WITHDRAWN_PUBSTATUSES


@dataclass(frozen=True)
class Dateline:
    """Where and when the story was filed; its text comes from the house style."""

    city: str = ""
    date: date | None = None
    agency: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.city and self.date is None and not self.agency


# Where a pull quote goes when the editor has not placed it: after this paragraph.
DEFAULT_PULL_QUOTE_PLACE = 2


@dataclass(frozen=True)
class Quote:
    """A quotation from the story; ``pull`` ones are set as pull quotes on the page.

    ``after_paragraph`` places a pull quote after that top-level paragraph of
    the body (0: before the first); None leaves it at the default place,
    ``DEFAULT_PULL_QUOTE_PLACE``. A body with fewer paragraphs has it after
    its last one.
    """

    text: str
    speaker: str = ""
    role: str = ""
    pull: bool = False
    after_paragraph: int | None = None


@dataclass(frozen=True)
class PhotoUse:
    """A stored photo (by content hash) as used in one article.

    Caption, credit and alt text belong to this use, not to the photo: the
    same picture may be captioned differently in two stories.
    """

    sha256: str
    caption: str = ""
    credit: str = ""
    alt: str = ""


@dataclass(frozen=True)
class RelatedHeadline:
    """One entry of the related-headlines sidebar.

    Either internal (``slug`` of another article in this newsroom, shown with
    that article's current headline and subtitle) or external (``headline``,
    ``subtitle`` and an http(s) ``url``).
    """

    slug: str = ""
    headline: str = ""
    subtitle: str = ""
    url: str = ""

    @property
    def is_internal(self) -> bool:
        return bool(self.slug)

    @classmethod
    def internal(cls, slug: str) -> RelatedHeadline:
        return cls(slug=slug)

    @classmethod
    def external(cls, headline: str, url: str, subtitle: str = "") -> RelatedHeadline:
        return cls(headline=headline, subtitle=subtitle, url=url)


@dataclass(frozen=True)
class Article:
    """A news article. ``id`` is ``None`` until the article is first saved."""

    headline: str
    slug: str = ""
    subtitle: str = ""
    section: str = ""
    byline: str = ""
    tags: tuple[str, ...] = ()
    dateline: Dateline = field(default_factory=Dateline)
    lead: str = ""
    body: str = ""
    quotes: tuple[Quote, ...] = ()
    photo: PhotoUse | None = None
    related: tuple[RelatedHeadline, ...] = ()
    mark: str = ""
    status: Status = Status.DRAFT
    published_at: datetime | None = None
    # A BCP 47 tag (ru, ar, en-GB); empty: the newsroom's language.
    language: str = ""
    # Where a wire item came from (agency, item id, version, file); None: written here.
    source: WireSource | None = None
    # Read-only: set by storage.
    id: int | None = None
    revision: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def with_changes(self, **changes: Any) -> Article:
        return dataclasses.replace(self, **changes)

    def duplicate(self) -> Article:
        """A new draft with this article's content: a follow-up or a rewrite.

        What the story says comes along; where it is in its life (slug, status,
        publication, mark) and the bookkeeping do not.
        """
        return Article(
            headline=self.headline, subtitle=self.subtitle, section=self.section,
            byline=self.byline, tags=self.tags, dateline=self.dateline, lead=self.lead,
            body=self.body, quotes=self.quotes, photo=self.photo, related=self.related,
            language=self.language,
        )  # fmt: skip

    def language_or(self, default: str) -> str:
        """The article's language, else ``default`` (the newsroom's)."""
        return self.language or default

    @property
    def is_marked_updated(self) -> bool:
        return self.mark.strip().lower() == UPDATED_MARK.lower()

    def is_live(self, now: datetime) -> bool:
        """Readers see it at ``now`` (see the module's ``is_live``)."""
        return is_live(self.status, self.published_at, now)

    def is_scheduled(self, now: datetime) -> bool:
        """Published but held (embargoed) until a time after ``now``."""
        return is_scheduled(self.status, self.published_at, now)


# The fields an editor writes, in the order the JSON format lists them.
# Everything else on Article is bookkeeping kept by storage.
CONTENT_FIELDS: tuple[str, ...] = (
    "slug",
    "headline",
    "subtitle",
    "section",
    "language",
    "byline",
    "dateline",
    "lead",
    "body",
    "quotes",
    "photo",
    "related",
    "mark",
    "status",
    "published_at",
    "tags",
    "source",
)

# Restoring a revision brings back what the story said, never where it is
# in its life (a published article stays published at the same address) nor
# where it came from (the wire item's latest version stays the one on record).
RESTORABLE_FIELDS: tuple[str, ...] = tuple(
    name for name in CONTENT_FIELDS if name not in ("slug", "status", "published_at", "source")
)


class ArticleSummary(NamedTuple):
    """What lists and search results show of an article, without its text.

    A named tuple rather than a dataclass: lists build thousands of these, and
    a tuple is three times quicker to make.
    """

    id: int
    slug: str
    headline: str
    subtitle: str
    section: str
    status: Status
    mark: str
    published_at: datetime | None
    updated_at: datetime
    revision: int
    # The article's own language (BCP 47), empty: the newsroom's.
    language: str = ""
    # A wire item's (or a story's started from one) agency and urgency (1 most urgent).
    agency: str = ""
    urgency: int | None = None

    def is_live(self, now: datetime) -> bool:
        return is_live(self.status, self.published_at, now)

    def is_scheduled(self, now: datetime) -> bool:
        return is_scheduled(self.status, self.published_at, now)


@dataclass(frozen=True)
class SearchHit:
    """An article found by full-text search; ``rank`` (higher is better) in best-match order."""

    article: ArticleSummary
    rank: float | None
    snippet: str
    # Where the query's words are in the snippet: (start, end) offsets.
    highlights: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class RevisionInfo:
    """One entry of an article's history."""

    number: int
    created_at: datetime
    author: str
    summary: str
