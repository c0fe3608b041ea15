"""The newsroom's tables, as SQLAlchemy Core tables.

Portable SQL only: the same tables run on SQLite and PostgreSQL. The one
SQLite-only piece, the full-text index, belongs to ``newsroom.storage.search`` and is
created by migration 0002, not here. Changing a table means a new Alembic
migration in ``newsroom/storage/migrations/versions``; a test compares the migrated
schema with these tables.

Core, not the ORM: Newsroom reads and writes with Core statements only, and
declaring the tables as ORM classes cost every command the ORM's import and
mapping (about a fifth of ``newsroom show``'s whole run).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A moment in time, stored in UTC and always read back timezone-aware.

    SQLite has no time zones: it keeps naive UTC text, which sorts correctly.
    PostgreSQL keeps ``timestamptz``.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous: give a time zone")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def sqlite_text(moment: datetime) -> str:
    """A moment as SQLite keeps it in a UTCDateTime column, for comparing in plain SQL.

    Naive UTC with six fractional digits, as SQLAlchemy writes it: the texts
    then compare as the moments do.
    """
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are ambiguous: give a time zone")
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


METADATA = MetaData(naming_convention=NAMING_CONVENTION)

SETTINGS = Table(
    "settings",
    METADATA,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),  # JSON
)

# A photo file, stored once by the SHA-256 of its bytes.
PHOTOS = Table(
    "photos",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), unique=True, nullable=False),
    Column("media_type", String(64), nullable=False),
    Column("width", Integer, nullable=False),
    Column("height", Integer, nullable=False),
    Column("byte_size", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    # Listings select the columns they show: never these megabytes of pixels.
    Column("data", LargeBinary, nullable=False),
    # What the file said (IPTC/XMP/EXIF), or what the desk captioned since.
    Column("format", Text, default="", server_default="", nullable=False),
    Column("filename", Text, default="", server_default="", nullable=False),
    Column("description", Text, default="", server_default="", nullable=False),
    Column("credit", Text, default="", server_default="", nullable=False),
    Column("creator", Text, default="", server_default="", index=True, nullable=False),
    Column("copyright", Text, default="", server_default="", nullable=False),
    Column("headline", Text, default="", server_default="", nullable=False),
    Column("title", Text, default="", server_default="", nullable=False),
    Column("city", Text, default="", server_default="", nullable=False),
    Column("country", Text, default="", server_default="", nullable=False),
    Column("keywords", Text, default="", server_default="", nullable=False),  # one per line
    Column("date_created", Text, default="", server_default="", index=True, nullable=False),
    Column("camera", Text, default="", server_default="", nullable=False),
    # Which metadata reader filled the fields (0: stored before there was one).
    Column("metadata_version", Integer, default=0, server_default="0", nullable=False),
)

# A code replacement for captions and credits: ``=lav=`` → the full name.
CODES = Table(
    "codes",
    METADATA,
    Column("code", String(64), primary_key=True),
    Column("text", Text, nullable=False),
)

# A resized copy of a photo for pages and feeds, made on demand and kept.
RENDITIONS = Table(
    "renditions",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("photo_id", ForeignKey("photos.id", ondelete="CASCADE"), nullable=False),
    Column("width", Integer, nullable=False),  # the width asked for
    Column("format", String(16), nullable=False),
    # What made it (encoder settings); a different recipe means remake it.
    Column("recipe", String(64), nullable=False),
    Column("pixel_width", Integer, nullable=False),
    Column("pixel_height", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("data", LargeBinary, nullable=False),
    UniqueConstraint("photo_id", "width", "format"),
)

ARTICLES = Table(
    "articles",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("slug", String(80), unique=True, nullable=False),
    Column("headline", Text, nullable=False),
    Column("subtitle", Text, default="", nullable=False),
    Column("section", Text, default="", nullable=False),
    Column("byline", Text, default="", nullable=False),
    Column("tags", Text, default="", nullable=False),  # one tag per line, in order
    Column("dateline_city", Text, default="", nullable=False),
    Column("dateline_date", Date, nullable=True),
    Column("dateline_agency", Text, default="", nullable=False),
    Column("lead", Text, default="", nullable=False),
    Column("body", Text, default="", nullable=False),
    Column("photo_id", ForeignKey("photos.id", ondelete="RESTRICT"), nullable=True, index=True),
    Column("photo_caption", Text, default="", nullable=False),
    Column("photo_credit", Text, default="", nullable=False),
    Column("photo_alt", Text, default="", nullable=False),
    Column("mark", Text, default="", nullable=False),
    Column("status", String(16), default="draft", nullable=False),
    Column("published_at", UTCDateTime, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("deleted_at", UTCDateTime, nullable=True),
    Column("revision", Integer, default=0, nullable=False),
    Column("render_version", Integer, default=0, server_default="0", nullable=False),
    # A BCP 47 tag; empty: the newsroom's language (migration 0011).
    Column("language", String(35), default="", server_default="", nullable=False),
    # Where a wire item came from (migration 0012): all empty for articles written here.
    Column("source_agency", Text, default="", server_default="", nullable=False),
    Column("source_item_id", Text, default="", server_default="", nullable=False),
    Column("source_version", Text, default="", server_default="", nullable=False),
    Column("source_urgency", Integer, nullable=True),
    Column("source_file_name", Text, default="", server_default="", nullable=False),
    Column("source_copyright", Text, default="", server_default="", nullable=False),
    Column("source_format", Text, default="", server_default="", nullable=False),
    # The file's publication status and the writer's title sent apart (migration 0013).
    Column("source_pubstatus", Text, default="", server_default="", nullable=False),
    Column("source_byline_title", Text, default="", server_default="", nullable=False),
    # The body as safe HTML, made at save time by newsroom.render.body (for the
    # render_version above), packed against the body itself (storage.packing,
    # migration 0016): ~90 bytes for ~400 words where the HTML is 2.5 KB.
    Column("body_html_packed", LargeBinary, nullable=True),
    CheckConstraint(
        "status IN ('incoming', 'draft', 'ready', 'published', 'corrected', 'killed')",
        name="status",
    ),
    Index("ix_articles_updated_at", "updated_at"),
    Index("ix_articles_published_at", "published_at"),
    Index("ix_articles_status_updated_at", "status", "updated_at"),
    Index("ix_articles_section_updated_at", "section", "updated_at"),
    Index("ix_articles_source", "source_agency", "source_item_id"),
)

QUOTES = Table(
    "quotes",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("speaker", Text, default="", nullable=False),
    Column("role", Text, default="", nullable=False),
    Column("pull", Boolean, default=False, nullable=False),
    # A pull quote's place: after this top-level paragraph of the body; NULL: the default.
    Column("after_paragraph", Integer, nullable=True),
    UniqueConstraint("article_id", "position"),
)

# A related headline: ``slug`` for an article of this newsroom, else headline + url.
RELATED = Table(
    "related_headlines",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("slug", String(80), default="", index=True, nullable=False),
    Column("headline", Text, default="", nullable=False),
    Column("subtitle", Text, default="", nullable=False),
    Column("url", Text, default="", nullable=False),
    UniqueConstraint("article_id", "position"),
)

# An earlier slug of a published article: old links keep finding it.
ALIASES = Table(
    "slug_aliases",
    METADATA,
    Column("slug", String(80), primary_key=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), index=True, nullable=False),
)

# One saved state of an article: its content as zlib-compressed JSON.
REVISIONS = Table(
    "revisions",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("author", Text, default="", nullable=False),
    Column("summary", Text, default="", nullable=False),
    Column("snapshot", LargeBinary, nullable=False),
    UniqueConstraint("article_id", "number"),
)

# A word of a name an article gives (storage/names.py): spelling asks it by the word.
ARTICLE_NAMES = Table(
    "article_names",
    METADATA,
    Column("word", Text, primary_key=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_article_names_article_id", "article_id"),
    sqlite_with_rowid=False,
)

# A word editors added to the newsroom's dictionary: spelling accepts it everywhere.
DICTIONARY = Table(
    "dictionary_words",
    METADATA,
    Column("word", String(200), primary_key=True),
    Column("added_by", String(200), default="", server_default="", nullable=False),
    Column("added_at", UTCDateTime, nullable=False),
)

# A managed section: its name, its page slug and its place in the masthead.
SECTIONS = Table(
    "sections",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), unique=True, nullable=False),
    Column("slug", String(80), unique=True, nullable=False),
    Column("position", Integer, nullable=False),
)

# An earlier page slug of a renamed section: its old page keeps answering.
SECTION_ALIASES = Table(
    "section_aliases",
    METADATA,
    Column("slug", String(80), primary_key=True),
    Column("section_id", ForeignKey("sections.id", ondelete="CASCADE"), index=True, nullable=False),
)

# An article being edited: by whom, on which machine, in which Newsroom session.
#
# ``session`` is the holding instance's random token; a lock whose
# ``heartbeat`` is older than ``storage.locks.LOCK_EXPIRY_SECONDS`` counts as free.
LOCKS = Table(
    "locks",
    METADATA,
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("holder", String(200), nullable=False),
    Column("machine", String(255), nullable=False),
    Column("session", String(64), index=True, nullable=False),
    Column("since", UTCDateTime, nullable=False),
    Column("heartbeat", UTCDateTime, nullable=False),
)
