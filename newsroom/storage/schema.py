"""The newsroom's tables, as SQLAlchemy's typed ORM sees them.

Portable SQL only: the same tables run on SQLite and PostgreSQL. The one
SQLite-only piece, the full-text index, belongs to ``newsroom.storage.search`` and is
created by migration 0002, not here. Changing a table means a new Alembic
migration in ``newsroom/storage/migrations/versions``; a test compares the migrated
schema with these classes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, deferred, mapped_column

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


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SettingRow(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON


class PhotoRow(Base):
    """A photo file, stored once by the SHA-256 of its bytes."""

    __tablename__ = "photos"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    media_type: Mapped[str] = mapped_column(String(64))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    byte_size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Deferred: listing photos must not pull megabytes of pixels.
    data: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))
    # What the file said (IPTC/XMP/EXIF), or what the desk captioned since.
    format: Mapped[str] = mapped_column(Text, default="", server_default="")
    filename: Mapped[str] = mapped_column(Text, default="", server_default="")
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    credit: Mapped[str] = mapped_column(Text, default="", server_default="")
    creator: Mapped[str] = mapped_column(Text, default="", server_default="", index=True)
    copyright: Mapped[str] = mapped_column(Text, default="", server_default="")
    headline: Mapped[str] = mapped_column(Text, default="", server_default="")
    title: Mapped[str] = mapped_column(Text, default="", server_default="")
    city: Mapped[str] = mapped_column(Text, default="", server_default="")
    country: Mapped[str] = mapped_column(Text, default="", server_default="")
    keywords: Mapped[str] = mapped_column(Text, default="", server_default="")  # one per line
    date_created: Mapped[str] = mapped_column(Text, default="", server_default="", index=True)
    camera: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Which metadata reader filled the fields (0: stored before there was one).
    metadata_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class CodeRow(Base):
    """A code replacement for captions and credits: ``=lav=`` → the full name."""

    __tablename__ = "codes"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    text: Mapped[str] = mapped_column(Text)


class RenditionRow(Base):
    """A resized copy of a photo for pages and feeds, made on demand and kept."""

    __tablename__ = "renditions"
    __table_args__ = (UniqueConstraint("photo_id", "width", "format"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    photo_id: Mapped[int] = mapped_column(ForeignKey("photos.id", ondelete="CASCADE"))
    width: Mapped[int] = mapped_column(Integer)  # the width asked for
    format: Mapped[str] = mapped_column(String(16))
    # What made it (encoder settings); a different recipe means remake it.
    recipe: Mapped[str] = mapped_column(String(64))
    pixel_width: Mapped[int] = mapped_column(Integer)
    pixel_height: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    data: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))


class ArticleRow(Base):
    __tablename__ = "articles"
    __table_args__ = (
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

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    headline: Mapped[str] = mapped_column(Text)
    subtitle: Mapped[str] = mapped_column(Text, default="")
    section: Mapped[str] = mapped_column(Text, default="")
    byline: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[str] = mapped_column(Text, default="")  # one tag per line, in order
    dateline_city: Mapped[str] = mapped_column(Text, default="")
    dateline_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    dateline_agency: Mapped[str] = mapped_column(Text, default="")
    lead: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    photo_id: Mapped[int | None] = mapped_column(
        ForeignKey("photos.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    photo_caption: Mapped[str] = mapped_column(Text, default="")
    photo_credit: Mapped[str] = mapped_column(Text, default="")
    photo_alt: Mapped[str] = mapped_column(Text, default="")
    mark: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="draft")
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    # The body as safe HTML, made at save time by newsroom.render.body.
    body_html: Mapped[str | None] = mapped_column(Text, nullable=True)
    render_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # A BCP 47 tag; empty: the newsroom's language (migration 0011).
    language: Mapped[str] = mapped_column(String(35), default="", server_default="")
    # Where a wire item came from (migration 0012): all empty for articles written here.
    source_agency: Mapped[str] = mapped_column(Text, default="", server_default="")
    source_item_id: Mapped[str] = mapped_column(Text, default="", server_default="")
    source_version: Mapped[str] = mapped_column(Text, default="", server_default="")
    source_urgency: Mapped[int | None] = mapped_column(Integer, nullable=True)
    source_file_name: Mapped[str] = mapped_column(Text, default="", server_default="")
    source_copyright: Mapped[str] = mapped_column(Text, default="", server_default="")
    source_format: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The file's publication status and the writer's title (migration 0013).
    source_pubstatus: Mapped[str] = mapped_column(Text, default="", server_default="")
    source_byline_title: Mapped[str] = mapped_column(Text, default="", server_default="")


class QuoteRow(Base):
    __tablename__ = "quotes"
    __table_args__ = (UniqueConstraint("article_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    speaker: Mapped[str] = mapped_column(Text, default="")
    role: Mapped[str] = mapped_column(Text, default="")
    pull: Mapped[bool] = mapped_column(Boolean, default=False)
    # A pull quote's place: after this top-level paragraph of the body; NULL: the default.
    after_paragraph: Mapped[int | None] = mapped_column(Integer, nullable=True)


class RelatedRow(Base):
    """A related headline: ``slug`` for an article of this newsroom, else headline + url."""

    __tablename__ = "related_headlines"
    __table_args__ = (UniqueConstraint("article_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    slug: Mapped[str] = mapped_column(String(80), default="", index=True)
    headline: Mapped[str] = mapped_column(Text, default="")
    subtitle: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(Text, default="")


class SlugAliasRow(Base):
    """An earlier slug of a published article: old links keep finding it."""

    __tablename__ = "slug_aliases"

    slug: Mapped[str] = mapped_column(String(80), primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )


class RevisionRow(Base):
    """One saved state of an article: its content as zlib-compressed JSON."""

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("article_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    author: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    snapshot: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))


class DictionaryWordRow(Base):
    """A word editors added to the newsroom's dictionary: spelling accepts it everywhere."""

    __tablename__ = "dictionary_words"

    word: Mapped[str] = mapped_column(String(200), primary_key=True)
    added_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SectionRow(Base):
    """A managed section: its name, its page slug and its place in the masthead."""

    __tablename__ = "sections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    position: Mapped[int] = mapped_column(Integer)


class SectionAliasRow(Base):
    """An earlier page slug of a renamed section: its old page keeps answering."""

    __tablename__ = "section_aliases"

    slug: Mapped[str] = mapped_column(String(80), primary_key=True)
    section_id: Mapped[int] = mapped_column(
        ForeignKey("sections.id", ondelete="CASCADE"), index=True
    )


class LockRow(Base):
    """An article being edited: by whom, on which machine, in which Newsroom session.

    ``session`` is the holding instance's random token; a lock whose
    ``heartbeat`` is older than ``storage.locks.LOCK_EXPIRY_SECONDS`` counts as free.
    """

    __tablename__ = "locks"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    holder: Mapped[str] = mapped_column(String(200))
    machine: Mapped[str] = mapped_column(String(255))
    session: Mapped[str] = mapped_column(String(64), index=True)
    since: Mapped[datetime] = mapped_column(UTCDateTime)
    heartbeat: Mapped[datetime] = mapped_column(UTCDateTime)
