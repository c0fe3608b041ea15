"""Reading articles: from rows to values, lean on the paths people wait for.

Lists and search run as one plain SQL statement on the driver's connection
(a single SELECT is its own consistent snapshot) and build values directly:
SQLAlchemy's per-row machinery would cost more than SQLite's own work.
Loading one whole article uses SQLAlchemy Core.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Table, bindparam, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import BindParameter

from newsroom.article import (
    Article,
    ArticleSummary,
    Dateline,
    PhotoUse,
    Quote,
    RelatedHeadline,
    Status,
    WireSource,
)
from newsroom.errors import ValidationError
from newsroom.photos import ImageInfo, Rendition
from newsroom.settings import Settings, parse_setting
from newsroom.storage import schema
from newsroom.storage.backend import Backend, backend_of
from newsroom.storage.packing import unpack_html

if TYPE_CHECKING:
    from newsroom.photos.library import Photo

ARTICLES = schema.ARTICLES
PHOTOS = schema.PHOTOS
QUOTES = schema.QUOTES
RELATED = schema.RELATED
REVISIONS = schema.REVISIONS
ALIASES = schema.ALIASES
SETTINGS = schema.SETTINGS
RENDITIONS = schema.RENDITIONS
DICTIONARY = schema.DICTIONARY
SECTIONS = schema.SECTIONS
SECTION_ALIASES = schema.SECTION_ALIASES

SUMMARY_COLUMNS = (
    "id", "slug", "headline", "subtitle", "section", "status", "mark",
    "published_at", "updated_at", "revision", "language", "source_agency", "source_urgency",
)  # fmt: skip


@dataclass(frozen=True)
class Found:
    """Where an article is and what state it is in, without its text."""

    id: int
    slug: str
    status: Status
    revision: int
    deleted: bool


def moment(value: Any) -> datetime | None:
    """A stored time (SQLite text or a driver's datetime) as an aware UTC datetime."""
    if value is None:
        return None
    parsed = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


_STATUSES: dict[str, Status] = {status.value: status for status in Status}


def summary(row: Sequence[Any]) -> ArticleSummary:
    """An ArticleSummary from a row holding SUMMARY_COLUMNS in order (the hot path of lists)."""
    updated = moment(row[8])
    assert updated is not None
    published = None if row[7] is None else moment(row[7])
    return ArticleSummary(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        _STATUSES[row[5]],
        row[6],
        published,
        updated,
        row[9],
        row[10],
        row[11],
        row[12],
    )


def summaries(
    connection: Connection,
    *,
    status: Status | None = None,
    statuses: Sequence[Status] | None = None,
    section: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    order: str = "updated",
    deleted: bool = False,
    live_at: datetime | None = None,
) -> list[ArticleSummary]:
    """Summaries, newest first; with ``live_at`` only stories published by then.

    ``live_at`` is the SQL form of ``article.is_live`` (give the public
    statuses with it): a scheduled story, published at a time still ahead,
    is left out.
    """
    db = backend_of(connection)
    # Unpublished articles come last. Written without "published_at IS NULL" so the
    # published_at index can give the order; the news feed (live_at) has no NULLs at all.
    nulls = "" if live_at is not None else db.nulls_last
    orders = {
        "updated": "updated_at DESC, id DESC",
        "published": f"published_at DESC{nulls}, id DESC",
    }
    if order not in orders:
        raise ValueError(f"unknown order {order!r}")
    wanted = [status] if status is not None else list(statuses or [])
    # In publication order, walk the published_at index and test the status row by row
    # (keeping the planner off the status index): the news feed at 100,000 articles
    # takes 0.3 ms this way on SQLite, against 400 ms sorting every published story.
    where, params = _filters(
        db, statuses=wanted, section=section, deleted=deleted,
        status_indexed=order != "published", live_at=live_at,
    )  # fmt: skip
    sql = (
        f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM articles WHERE {where} "  # noqa: S608
        f"ORDER BY {orders[order]} LIMIT ? OFFSET ?"
    )
    rows = db.rows(connection, sql, (*params, db.no_limit if limit is None else limit, offset))
    return [summary(row) for row in rows]


def feed_versions(
    connection: Connection, statuses: Sequence[Status], live_at: datetime
) -> list[tuple[int, int]]:
    """(id, revision) of every story in ``summaries(statuses=…, order="published",
    live_at=…)``, in the same order: what a site re-export compares, at C speed."""
    db = backend_of(connection)
    where, params = _filters(
        db, statuses=statuses, section=None, deleted=False, status_indexed=False, live_at=live_at
    )
    sql = f"SELECT id, revision FROM articles WHERE {where} ORDER BY published_at DESC, id DESC"  # noqa: S608
    # The driver's own tuples: converting 100,000 rows in Python costs more than the query.
    return cast("list[tuple[int, int]]", list(map(tuple, db.rows(connection, sql, params))))


def article_totals(connection: Connection) -> tuple[int, int]:
    """How many articles the newsroom holds (any status, deleted too) and their revisions'
    sum: revisions only grow, so any change to any article moves the sum."""
    db = backend_of(connection)
    row = db.rows(connection, "SELECT count(*), sum(revision) FROM articles", ()).fetchone()
    return int(row[0]), int(row[1] or 0)


def relating_to(connection: Connection, slugs: Sequence[str]) -> set[int]:
    """Ids of the articles with an internal related headline naming one of ``slugs``."""
    rows = _rows_for_ids(
        connection, "SELECT DISTINCT article_id FROM related_headlines WHERE slug IN ({})", slugs
    )
    return {int(row[0]) for row in rows}


def slug_aliases(connection: Connection, article_ids: Sequence[int]) -> list[str]:
    """The earlier slugs of these articles."""
    found: list[str] = []
    db = backend_of(connection)
    for start in range(0, len(article_ids), 400):
        chunk = list(article_ids[start : start + 400])
        rows = db.rows(
            connection,
            f"SELECT slug FROM slug_aliases WHERE article_id IN ({', '.join('?' * len(chunk))})",  # noqa: S608
            chunk,
        )
        found.extend(str(row[0]) for row in rows)
    return found


def count(connection: Connection, *, status: Status | None, section: str | None) -> int:
    db = backend_of(connection)
    where, params = _filters(
        db, statuses=[status] if status is not None else [], section=section, deleted=False
    )
    row = db.rows(connection, f"SELECT count(*) FROM articles WHERE {where}", params)  # noqa: S608
    return int(row.fetchone()[0])


def _filters(
    db: Backend,
    *,
    statuses: Sequence[Status],
    section: str | None,
    deleted: bool,
    status_indexed: bool = True,
    live_at: datetime | None = None,
) -> tuple[str, tuple[Any, ...]]:
    clauses = ["deleted_at IS NOT NULL" if deleted else "deleted_at IS NULL"]
    params: list[Any] = []
    if statuses:
        column = "status" if status_indexed else db.status_unindexed
        clauses.append(f"{column} IN ({', '.join('?' * len(statuses))})")
        params.extend(status.value for status in statuses)
    elif not deleted:
        # Wire items wait apart (asked for by their status): not in the desk's lists.
        clauses.append("status <> ?")
        params.append(Status.INCOMING.value)
    if section is not None:
        clauses.append("section = ?")
        params.append(section)
    if live_at is not None:
        # A range on the published_at index, which also gives the news feed its order.
        clauses.append("published_at <= ?")
        params.append(db.moment(live_at))
    return " AND ".join(clauses), tuple(params)


def lookup(connection: Connection, slugs: Iterable[str]) -> dict[str, ArticleSummary]:
    """Articles (not deleted) by current or earlier slug."""
    wanted = sorted(set(slugs))
    found: dict[str, ArticleSummary] = {}
    columns = ", ".join(f"a.{column}" for column in SUMMARY_COLUMNS)
    db = backend_of(connection)
    for start in range(0, len(wanted), 400):
        chunk = wanted[start : start + 400]
        marks = ", ".join("?" * len(chunk))
        rows = db.rows(
            connection,
            f"SELECT a.slug, {columns} FROM articles a "  # noqa: S608
            f"WHERE a.slug IN ({marks}) AND a.deleted_at IS NULL "
            f"UNION ALL SELECT s.slug, {columns} FROM slug_aliases s "
            f"JOIN articles a ON a.id = s.article_id "
            f"WHERE s.slug IN ({marks}) AND a.deleted_at IS NULL",
            (*chunk, *chunk),
        )
        found.update((row[0], summary(row[1:])) for row in rows)
    return found


def sections(connection: Connection) -> list[str]:
    """Sections with at least one article not deleted, alphabetically.

    The distinct names are walked through the section index one name at a
    time (each the least name after the last: a few index probes per
    section, whatever the number of articles), then one indexed probe per
    name for an article not deleted. A DISTINCT read every index entry:
    214 ms at a million articles, at every start of the app.
    """
    rows = backend_of(connection).rows(
        connection,
        "WITH RECURSIVE used(name) AS ("
        "SELECT min(section) FROM articles UNION ALL "
        "SELECT (SELECT min(section) FROM articles WHERE section > used.name) "
        "FROM used WHERE used.name IS NOT NULL) "
        "SELECT name FROM used WHERE name IS NOT NULL AND name != '' AND EXISTS ("
        "SELECT 1 FROM articles a WHERE a.section = used.name AND a.deleted_at IS NULL) "
        "ORDER BY name",
    )
    return [row[0] for row in rows]


def section_in_use(connection: Connection, name: str) -> bool:
    """Whether any article (deleted ones too) has ever had this section, spelled exactly."""
    found = (
        backend_of(connection)
        .rows(connection, "SELECT 1 FROM articles WHERE section = ? LIMIT 1", (name,))
        .fetchone()
    )
    return found is not None


def sections_by_age(connection: Connection) -> list[str]:
    """Every section ever used (deleted articles too), in the order each first appeared.

    The order gives numbered section slugs (``slug.section_slugs``), so it
    must not change as articles come and go: an article's id is its age.
    """
    rows = backend_of(connection).rows(
        connection,
        "SELECT section FROM articles WHERE section != '' GROUP BY section ORDER BY MIN(id)",
    )
    return [row[0] for row in rows]


def dateline_cities(connection: Connection, prefix: str = "", limit: int = 200) -> list[str]:
    """Cities of earlier datelines (articles not deleted), the most used first."""
    city = ARTICLES.c.dateline_city
    used = func.count()
    query = select(city).where(ARTICLES.c.deleted_at.is_(None), city != "")
    if prefix:
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(city.ilike(escaped + "%", escape="\\"))
    query = query.group_by(city).order_by(used.desc(), city).limit(limit)
    return list(connection.scalars(query))


# --- the newsroom's words, for spelling ---------------------------------------------


def dictionary_words(connection: Connection) -> list[str]:
    """The words editors added to the newsroom's dictionary, as typed, alphabetically."""
    return list(connection.scalars(select(DICTIONARY.c.word).order_by(DICTIONARY.c.word)))


def find(connection: Connection, ref: int | str) -> Found | None:
    """By id (a number), else by slug, else by an earlier slug."""
    if isinstance(ref, int) or ref.isdigit():
        return _found(connection, ARTICLES.c.id == int(ref))
    return find_slug(connection, ref)


def find_slug(connection: Connection, slug: str, *, aliases: bool = True) -> Found | None:
    found = _found(connection, ARTICLES.c.slug == slug)
    if found is None and aliases:
        owner = connection.scalar(select(ALIASES.c.article_id).where(ALIASES.c.slug == slug))
        if owner is not None:
            found = _found(connection, ARTICLES.c.id == owner)
    return found


def find_slugs(connection: Connection, slugs: Iterable[str]) -> dict[str, Found]:
    """The articles (deleted ones too) whose current slug is one of ``slugs``."""
    wanted = sorted(set(slugs))
    found: dict[str, Found] = {}
    for start in range(0, len(wanted), 400):
        rows = connection.execute(
            select(*FOUND_COLUMNS).where(ARTICLES.c.slug.in_(wanted[start : start + 400]))
        )
        found.update((row.slug, as_found(row)) for row in rows)
    return found


FOUND_COLUMNS = (
    ARTICLES.c.id, ARTICLES.c.slug, ARTICLES.c.status, ARTICLES.c.revision, ARTICLES.c.deleted_at,
)  # fmt: skip


def as_found(row: Any) -> Found:
    return Found(row.id, row.slug, Status(row.status), row.revision, row.deleted_at is not None)


def find_held(connection: Connection, article_id: int) -> Found | None:
    """By id, taking the article's row lock until the transaction ends (PostgreSQL's
    ``FOR UPDATE``; SQLite's write transaction holds everything already)."""
    row = connection.execute(_FIND_HELD, {"article_id": article_id}).first()
    return None if row is None else as_found(row)


# Every save runs these: built once (building a statement costs more than running it).
_BY_ID: BindParameter[int] = bindparam("article_id")
_FIND_HELD = select(*FOUND_COLUMNS).where(ARTICLES.c.id == _BY_ID).with_for_update()


def _found(connection: Connection, condition: Any) -> Found | None:
    row = connection.execute(select(*FOUND_COLUMNS).where(condition)).first()
    return None if row is None else as_found(row)


def slug_owners(connection: Connection, slugs: Iterable[str]) -> dict[str, int]:
    """Which of ``slugs`` are taken (as a current or an earlier slug), and by which article."""
    wanted = sorted(set(slugs))
    owners: dict[str, int] = {}
    for start in range(0, len(wanted), 400):
        chunk = wanted[start : start + 400]
        current = select(ARTICLES.c.slug, ARTICLES.c.id).where(ARTICLES.c.slug.in_(chunk))
        earlier = select(ALIASES.c.slug, ALIASES.c.article_id).where(ALIASES.c.slug.in_(chunk))
        owners.update((row[0], row[1]) for row in connection.execute(current.union_all(earlier)))
    return owners


def load(connection: Connection, article_id: int) -> Article:
    """The whole article with this id (which must exist)."""
    by_id = {"article_id": article_id}
    row = connection.execute(_LOAD_ARTICLE, by_id).one()
    quotes = connection.execute(_LOAD_QUOTES, by_id)
    related = connection.execute(_LOAD_RELATED, by_id)
    return _article_from_row(
        row,
        tuple(_quote(*quote) for quote in quotes),
        tuple(RelatedHeadline(*entry) for entry in related),
    )


QUOTE_COLUMNS = (
    QUOTES.c.text, QUOTES.c.speaker, QUOTES.c.role, QUOTES.c.pull, QUOTES.c.after_paragraph,
)  # fmt: skip
_LOAD_ARTICLE = (
    select(ARTICLES, PHOTOS.c.sha256.label("photo_sha256"))
    .outerjoin(PHOTOS, PHOTOS.c.id == ARTICLES.c.photo_id)
    .where(ARTICLES.c.id == _BY_ID)
)
_LOAD_QUOTES = (
    select(*QUOTE_COLUMNS).where(QUOTES.c.article_id == _BY_ID).order_by(QUOTES.c.position)
)
_LOAD_RELATED = (
    select(RELATED.c.slug, RELATED.c.headline, RELATED.c.subtitle, RELATED.c.url)
    .where(RELATED.c.article_id == _BY_ID)
    .order_by(RELATED.c.position)
)


def _quote(text_: str, speaker: str, role: str, pull: Any, after_paragraph: int | None) -> Quote:
    return Quote(text_, speaker, role, bool(pull), after_paragraph)


def _article_from_row(
    row: Any, quotes: tuple[Quote, ...], related: tuple[RelatedHeadline, ...]
) -> Article:
    photo = None
    if row.photo_sha256 is not None:
        photo = PhotoUse(row.photo_sha256, row.photo_caption, row.photo_credit, row.photo_alt)
    return Article(
        id=row.id,
        slug=row.slug,
        headline=row.headline,
        subtitle=row.subtitle,
        section=row.section,
        byline=row.byline,
        tags=tuple(row.tags.split("\n")) if row.tags else (),
        dateline=Dateline(row.dateline_city, row.dateline_date, row.dateline_agency),
        lead=row.lead,
        body=row.body,
        quotes=quotes,
        photo=photo,
        related=related,
        mark=row.mark,
        language=row.language,
        source=_source_from_row(row),
        status=Status(row.status),
        published_at=row.published_at,
        revision=row.revision,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _source_from_row(row: Any) -> WireSource | None:
    source = WireSource(
        agency=row.source_agency, item_id=row.source_item_id, version=row.source_version,
        urgency=row.source_urgency, file_name=row.source_file_name,
        copyright=row.source_copyright, format=row.source_format,
        pubstatus=row.source_pubstatus, byline_title=row.source_byline_title,
    )  # fmt: skip
    return None if source.is_empty else source


def find_wire_item(connection: Connection, agency: str, item_id: str) -> tuple[Found, str] | None:
    """The incoming article (not deleted) a wire item became, with its stored version; else None.

    Only the wire item itself: a story started from it carries the same source
    but is the editor's, and a newer version from the agency never touches it.
    """
    row = connection.execute(
        _wire_item(agency, item_id, *FOUND_COLUMNS, ARTICLES.c.source_version)
    ).first()
    return None if row is None else (as_found(row), row.source_version)


_SOURCE_COLUMNS = (
    ARTICLES.c.source_agency, ARTICLES.c.source_item_id, ARTICLES.c.source_version,
    ARTICLES.c.source_urgency, ARTICLES.c.source_file_name, ARTICLES.c.source_copyright,
    ARTICLES.c.source_format, ARTICLES.c.source_pubstatus, ARTICLES.c.source_byline_title,
)  # fmt: skip


def wire_item_source(connection: Connection, source: WireSource) -> WireSource | None:
    """The source as the wire item ``source`` names now holds it (its latest version from
    the agency: a kill included); None when that item is not in the newsroom."""
    row = connection.execute(_wire_item(source.agency, source.item_id, *_SOURCE_COLUMNS)).first()
    return None if row is None else _source_from_row(row)


def _wire_item(agency: str, item_id: str, *columns: Any) -> Any:
    """``columns`` of the incoming article (not deleted) a wire item became, newest first."""
    return (
        select(*columns)
        .where(
            ARTICLES.c.source_agency == agency,
            ARTICLES.c.source_item_id == item_id,
            ARTICLES.c.status == Status.INCOMING.value,
            ARTICLES.c.deleted_at.is_(None),
        )
        .order_by(ARTICLES.c.id.desc())
    )


def stories_from(connection: Connection, agency: str, item_id: str) -> list[ArticleSummary]:
    """The stories (not deleted) editors started from a wire item, newest first."""
    db = backend_of(connection)
    sql = (
        f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM articles "  # noqa: S608
        "WHERE source_agency = ? AND source_item_id = ? AND status <> ? AND deleted_at IS NULL "
        "ORDER BY id DESC"
    )
    rows = db.rows(connection, sql, (agency, item_id, Status.INCOMING.value))
    return [summary(row) for row in rows]


def photo_info(connection: Connection, sha256: str) -> ImageInfo | None:
    row = connection.execute(
        select(PHOTOS.c.sha256, PHOTOS.c.media_type, PHOTOS.c.width, PHOTOS.c.height,
               PHOTOS.c.byte_size).where(PHOTOS.c.sha256 == sha256)
    ).first()  # fmt: skip
    return None if row is None else ImageInfo(*row)


def photo_data(connection: Connection, sha256: str) -> bytes | None:
    data = connection.scalar(select(PHOTOS.c.data).where(PHOTOS.c.sha256 == sha256))
    return None if data is None else bytes(data)


def rendition(
    connection: Connection, sha256: str, width: int, fmt: str, recipe: str
) -> Rendition | None:
    """A stored rendition made with this recipe, or None."""
    row = connection.execute(
        select(RENDITIONS.c.data, RENDITIONS.c.pixel_width, RENDITIONS.c.pixel_height)
        .join(PHOTOS, PHOTOS.c.id == RENDITIONS.c.photo_id)
        .where(
            PHOTOS.c.sha256 == sha256,
            RENDITIONS.c.width == width,
            RENDITIONS.c.format == fmt,
            RENDITIONS.c.recipe == recipe,
        )
    ).first()
    return (
        None if row is None else Rendition(bytes(row.data), row.pixel_width, row.pixel_height, fmt)
    )


def stored_body(connection: Connection, article_id: int) -> tuple[str, str | None, int] | None:
    """The stored body, its HTML and the render version that made the HTML."""
    row = connection.execute(
        select(ARTICLES.c.body, ARTICLES.c.body_html_packed, ARTICLES.c.render_version).where(
            ARTICLES.c.id == article_id
        )
    ).first()
    if row is None:
        return None
    return row.body, _body_html(row.body_html_packed, row.body), row.render_version


def _body_html(packed: bytes | None, body: str) -> str | None:
    return None if packed is None else unpack_html(bytes(packed), body)


def revision_snapshot(
    connection: Connection, article_id: int, number: int
) -> tuple[datetime, bytes] | None:
    row = connection.execute(
        select(REVISIONS.c.created_at, REVISIONS.c.snapshot).where(
            REVISIONS.c.article_id == article_id, REVISIONS.c.number == number
        )
    ).first()
    return None if row is None else (row.created_at, bytes(row.snapshot))


def history(connection: Connection, article_id: int) -> list[tuple[int, datetime, str, str]]:
    rows = connection.execute(
        select(REVISIONS.c.number, REVISIONS.c.created_at, REVISIONS.c.author, REVISIONS.c.summary)
        .where(REVISIONS.c.article_id == article_id)
        .order_by(REVISIONS.c.number.desc())
    )
    return [(row.number, row.created_at, row.author, row.summary) for row in rows]


# The newsroom's id, kept among the settings but not one people set.
IDENTITY_KEY = "newsroom_id"


# The newsroom's tag: URI for feeds (RFC 4151), kept like the id: made once, never changed.
FEED_TAG_KEY = "feed_tag"


def read_identity(connection: Connection) -> str | None:
    return read_hidden_setting(connection, IDENTITY_KEY)


def read_hidden_setting(connection: Connection, key: str) -> str | None:
    """A text kept among the settings that people do not set (the id, the feed tag)."""
    value = connection.execute(select(SETTINGS.c.value).where(SETTINGS.c.key == key)).scalar()
    try:
        found = json.loads(value) if value is not None else None
    except ValueError:
        return None
    return found if isinstance(found, str) and found else None


def read_settings(connection: Connection) -> Settings:
    """The stored settings over the defaults; a value that no longer checks out is skipped."""
    stored: dict[str, Any] = {}
    for key, value in connection.execute(select(SETTINGS.c.key, SETTINGS.c.value)):
        try:
            stored[key] = parse_setting(key, str(json.loads(value)))
        except (ValidationError, ValueError):
            continue
    return Settings().with_values(stored)


# --- checks ------------------------------------------------------------------


def check_revisions(connection: Connection, checked: list[str], problems: list[str]) -> None:
    counts = (
        select(
            REVISIONS.c.article_id,
            func.count().label("n"),
            func.max(REVISIONS.c.number).label("top"),
        )
        .group_by(REVISIONS.c.article_id)
        .subquery()
    )
    mismatched = connection.execute(
        select(ARTICLES.c.slug, ARTICLES.c.revision, counts.c.n, counts.c.top)
        .outerjoin(counts, counts.c.article_id == ARTICLES.c.id)
        .where(
            (counts.c.n.is_(None))
            | (counts.c.n != ARTICLES.c.revision)
            | (counts.c.top != ARTICLES.c.revision)
        )
        .limit(20)
    ).all()
    if not mismatched:
        checked.append("revisions: every article's history is complete")
    for slug, revision, number, top in mismatched:
        problems.append(
            f"revisions: {slug} is at revision {revision} but has {number or 0} revisions "
            f"(newest {top or 0})"
        )


# --- bulk reads for exports ------------------------------------------------------


def first_article_time(connection: Connection) -> datetime | None:
    """When the newsroom's first article was made (deleted ones too); None without any."""
    found = connection.execute(select(func.min(ARTICLES.c.created_at))).scalar()
    return cast("datetime | None", found)


def bylines(connection: Connection, article_ids: Sequence[int]) -> dict[int, str]:
    """The byline of each of these articles (those without one are left out)."""
    rows = _rows_for_ids(
        connection, "SELECT id, byline FROM articles WHERE byline != '' AND id IN ({})", article_ids
    )
    return {int(article_id): str(byline) for article_id, byline in rows}


def _rows_for_ids(connection: Connection, sql: str, ids: Sequence[int | str]) -> Iterator[Any]:
    """The rows of ``sql`` (its ``{}`` the list of ids or slugs) for ``ids``, 500 at a time:
    a statement's parameters are bounded (SQLite's default limit is 999)."""
    db = backend_of(connection)
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        yield from db.rows(connection, sql.format(", ".join("?" * len(chunk))), chunk)


def internal_related(connection: Connection, article_ids: Sequence[int]) -> dict[int, list[str]]:
    """For each article, the slugs of its internal related headlines, in page order."""
    found: dict[int, list[str]] = {article_id: [] for article_id in article_ids}
    db = backend_of(connection)
    for start in range(0, len(article_ids), 500):
        chunk = list(article_ids[start : start + 500])
        rows = db.rows(
            connection,
            f"SELECT article_id, slug FROM related_headlines "  # noqa: S608
            f"WHERE slug != '' AND article_id IN ({', '.join('?' * len(chunk))}) "
            "ORDER BY article_id, position",
            chunk,
        )
        for article_id, slug in rows:
            found[article_id].append(slug)
    return found


def load_many(
    connection: Connection, article_ids: Sequence[int]
) -> dict[int, tuple[Article, str | None, int]]:
    """Whole articles with their stored body HTML and its render version, in bulk."""
    loaded: dict[int, tuple[Article, str | None, int]] = {}
    for start in range(0, len(article_ids), 500):
        chunk = list(article_ids[start : start + 500])
        quotes = _children(connection, QUOTES, chunk, QUOTE_COLUMNS)
        related = _children(
            connection,
            RELATED,
            chunk,
            (RELATED.c.slug, RELATED.c.headline, RELATED.c.subtitle, RELATED.c.url),
        )
        rows = connection.execute(
            select(ARTICLES, PHOTOS.c.sha256.label("photo_sha256"))
            .outerjoin(PHOTOS, PHOTOS.c.id == ARTICLES.c.photo_id)
            .where(ARTICLES.c.id.in_(chunk))
        )
        for row in rows:
            article = _article_from_row(
                row,
                tuple(_quote(*quote) for quote in quotes.get(row.id, [])),
                tuple(RelatedHeadline(*entry) for entry in related.get(row.id, [])),
            )
            html = _body_html(row.body_html_packed, row.body)
            loaded[row.id] = (article, html, row.render_version)
    return loaded


def _children(
    connection: Connection, table: Table, ids: list[int], columns: tuple[Any, ...]
) -> dict[int, list[tuple[Any, ...]]]:
    rows = connection.execute(
        select(table.c.article_id, *columns)
        .where(table.c.article_id.in_(ids))
        .order_by(table.c.article_id, table.c.position)
    )
    found: dict[int, list[tuple[Any, ...]]] = {}
    for row in rows:
        found.setdefault(row[0], []).append(tuple(row[1:]))
    return found


def photo_uses(connection: Connection, article_ids: Sequence[int]) -> dict[int, PhotoUse]:
    """For each of these articles that has a photo, the photo as it uses it."""
    rows = _rows_for_ids(
        connection,
        "SELECT a.id, p.sha256, a.photo_caption, a.photo_credit, a.photo_alt "
        "FROM articles a JOIN photos p ON p.id = a.photo_id WHERE a.id IN ({})",
        article_ids,
    )
    return {row[0]: PhotoUse(*row[1:]) for row in rows}


def rendition_sizes(
    connection: Connection, hashes: Sequence[str], width: int, fmt: str, recipe: str
) -> dict[str, tuple[int, int]]:
    """The pixel sizes of stored renditions, by photo, without reading any of them."""
    found: dict[str, tuple[int, int]] = {}
    for start in range(0, len(hashes), 500):
        rows = connection.execute(
            select(PHOTOS.c.sha256, RENDITIONS.c.pixel_width, RENDITIONS.c.pixel_height)
            .join(PHOTOS, PHOTOS.c.id == RENDITIONS.c.photo_id)
            .where(
                PHOTOS.c.sha256.in_(list(hashes[start : start + 500])),
                RENDITIONS.c.width == width,
                RENDITIONS.c.format == fmt,
                RENDITIONS.c.recipe == recipe,
            )
        )
        found.update((row[0], (row[1], row[2])) for row in rows)
    return found


def has_rendition(connection: Connection, sha256: str, width: int, fmt: str, recipe: str) -> bool:
    row = connection.execute(
        select(RENDITIONS.c.id)
        .join(PHOTOS, PHOTOS.c.id == RENDITIONS.c.photo_id)
        .where(
            PHOTOS.c.sha256 == sha256,
            RENDITIONS.c.width == width,
            RENDITIONS.c.format == fmt,
            RENDITIONS.c.recipe == recipe,
        )
    ).first()
    return row is not None


# --- the photo library ------------------------------------------------------------

CODES = schema.CODES
_PHOTO_COLUMNS = (
    PHOTOS.c.id, PHOTOS.c.sha256, PHOTOS.c.width, PHOTOS.c.height, PHOTOS.c.format,
    PHOTOS.c.media_type, PHOTOS.c.byte_size, PHOTOS.c.filename, PHOTOS.c.created_at,
    PHOTOS.c.description, PHOTOS.c.credit, PHOTOS.c.creator, PHOTOS.c.copyright,
    PHOTOS.c.headline, PHOTOS.c.title, PHOTOS.c.city, PHOTOS.c.country, PHOTOS.c.keywords,
    PHOTOS.c.date_created, PHOTOS.c.camera,
)  # fmt: skip


def _photo(row: Any) -> Photo:
    # Here, not above: the photo library reads metadata through XML (lxml), which a
    # list, a search or an article's text never needs.
    from newsroom.photos.library import Photo
    from newsroom.photos.metadata import PhotoMetadata

    return Photo(
        id=row.id, sha256=row.sha256, width=row.width, height=row.height,
        format=row.format or row.media_type.split("/")[-1].upper(), media_type=row.media_type,
        byte_size=row.byte_size, filename=row.filename, created_at=row.created_at,
        metadata=PhotoMetadata(
            description=row.description, credit=row.credit, creator=row.creator,
            copyright=row.copyright, headline=row.headline, title=row.title, city=row.city,
            country=row.country, keywords=tuple(row.keywords.split("\n")) if row.keywords else (),
            date_created=row.date_created, camera=row.camera,
        ),
    )  # fmt: skip


def photo(connection: Connection, ref: int | str) -> Photo | None:
    """A photo by id, or by its SHA-256 (or a unique prefix of at least 8 hex digits)."""
    query = select(*_PHOTO_COLUMNS)
    if isinstance(ref, int) or ref.isdigit():
        query = query.where(PHOTOS.c.id == int(ref))
    elif len(ref) >= 8:
        query = query.where(PHOTOS.c.sha256.like(f"{ref.lower()}%")).limit(2)
    else:
        return None
    rows = connection.execute(query).all()
    return _photo(rows[0]) if len(rows) == 1 else None


def photos(
    connection: Connection,
    *,
    since: str | None = None,
    until: str | None = None,
    creator: str | None = None,
    ids: Sequence[int] | None = None,
    hashes: Sequence[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Photo]:
    """Photos, newest first; ``since``/``until`` bound the date created (ISO, inclusive)."""
    query = select(*_PHOTO_COLUMNS).order_by(PHOTOS.c.id.desc())
    if since:
        query = query.where(PHOTOS.c.date_created >= since)
    if until:
        # Inclusive of the whole day: "2024-05-01" keeps 2024-05-01T23:59.
        query = query.where(PHOTOS.c.date_created < until + "\uffff", PHOTOS.c.date_created != "")
    if creator:
        query = query.where(func.lower(PHOTOS.c.creator).contains(creator.lower()))
    if ids is not None:
        query = query.where(PHOTOS.c.id.in_(list(ids)))
    if hashes is not None:
        query = query.where(PHOTOS.c.sha256.in_(list(hashes)))
    return [_photo(row) for row in connection.execute(query.limit(limit).offset(offset))]


def photo_users(connection: Connection, photo_id: int) -> list[ArticleSummary]:
    """The articles (not deleted) that show this photo, newest first."""
    columns = ", ".join(SUMMARY_COLUMNS)
    rows = backend_of(connection).rows(
        connection,
        f"SELECT {columns} FROM articles WHERE photo_id = ? AND deleted_at IS NULL "  # noqa: S608
        "ORDER BY updated_at DESC, id DESC",
        (photo_id,),
    )
    return [summary(row) for row in rows]


def photo_ids(connection: Connection) -> list[int]:
    return list(connection.execute(select(PHOTOS.c.id)).scalars())


def photos_to_reread(connection: Connection, version: int) -> list[int]:
    """Photos whose metadata was read by an older reader (or none)."""
    query = select(PHOTOS.c.id).where(PHOTOS.c.metadata_version < version)
    return list(connection.scalars(query))


def codes(connection: Connection) -> dict[str, str]:
    return {row.code: row.text for row in connection.execute(select(CODES.c.code, CODES.c.text))}
