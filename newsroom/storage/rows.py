"""Between database rows and article values, and the one place articles are written.

``Writer`` applies every rule a save must keep — slugs unique and stable,
allowed status changes, publication time, photos present, a revision for
every change, the search index in step — inside the caller's transaction.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row, func, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from newsroom import search as fulltext
from newsroom.article import (
    CONTENT_FIELDS,
    STATUS_TRANSITIONS,
    Article,
    ArticleSummary,
    Dateline,
    PhotoUse,
    Quote,
    RelatedHeadline,
    Status,
)
from newsroom.article_json import PhotoFile, content_to_json, read_article
from newsroom.errors import FieldProblem, ValidationError
from newsroom.photos import ImageInfo
from newsroom.revisions import describe_changes, encode_snapshot
from newsroom.settings import Settings, parse_setting
from newsroom.slug import slug_problem, slugify, unique_slug
from newsroom.storage.schema import (
    ArticleRow,
    PhotoRow,
    QuoteRow,
    RelatedRow,
    RevisionRow,
    SettingRow,
    SlugAliasRow,
)

# Statuses under which an article has (had) a public address.
_PUBLISHED_STATUSES = (Status.PUBLISHED, Status.CORRECTED, Status.KILLED)

SUMMARY_COLUMNS = (
    ArticleRow.id,
    ArticleRow.slug,
    ArticleRow.headline,
    ArticleRow.subtitle,
    ArticleRow.section,
    ArticleRow.status,
    ArticleRow.mark,
    ArticleRow.published_at,
    ArticleRow.updated_at,
    ArticleRow.revision,
)


# --- reading -----------------------------------------------------------------


def to_summary(row: Row[Any]) -> ArticleSummary:
    return ArticleSummary(
        id=row.id,
        slug=row.slug,
        headline=row.headline,
        subtitle=row.subtitle,
        section=row.section,
        status=Status(row.status),
        mark=row.mark,
        published_at=row.published_at,
        updated_at=row.updated_at,
        revision=row.revision,
    )


def to_article(row: ArticleRow) -> Article:
    photo = None
    if row.photo is not None:
        photo = PhotoUse(
            sha256=row.photo.sha256,
            caption=row.photo_caption,
            credit=row.photo_credit,
            alt=row.photo_alt,
        )
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
        quotes=tuple(Quote(q.text, q.speaker, q.role, q.pull) for q in row.quotes),
        photo=photo,
        related=tuple(RelatedHeadline(r.slug, r.headline, r.subtitle, r.url) for r in row.related),
        mark=row.mark,
        status=Status(row.status),
        published_at=row.published_at,
        revision=row.revision,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def to_article_from_content(
    row: ArticleRow, content: Mapping[str, Any], *, revision: int, saved_at: datetime
) -> Article:
    """An article as a revision recorded it, with the row's id and creation time."""
    return Article(**content).with_changes(
        id=row.id, revision=revision, created_at=row.created_at, updated_at=saved_at
    )


def find(session: Session, ref: int | str) -> ArticleRow | None:
    """By id (a number), else by slug, else by an earlier slug."""
    if isinstance(ref, int) or ref.isdigit():
        return session.get(ArticleRow, int(ref))
    return find_by_slug(session, ref)


def find_by_slug(session: Session, slug: str, *, aliases: bool = True) -> ArticleRow | None:
    row = session.scalar(select(ArticleRow).where(ArticleRow.slug == slug))
    if row is None and aliases:
        alias = session.get(SlugAliasRow, slug)
        if alias is not None:
            row = session.get(ArticleRow, alias.article_id)
    return row


def photo_info(row: PhotoRow) -> ImageInfo:
    return ImageInfo(row.sha256, row.media_type, row.width, row.height, row.byte_size)


def read_settings(session: Session) -> Settings:
    """The stored settings over the defaults; a value that no longer checks out is skipped."""
    stored: dict[str, Any] = {}
    for row in session.scalars(select(SettingRow)):
        try:
            stored[row.key] = parse_setting(row.key, str(json.loads(row.value)))
        except (ValidationError, ValueError):
            continue
    return Settings().with_values(stored)


def write_setting(session: Session, key: str, value: Any) -> None:
    session.merge(SettingRow(key=key, value=json.dumps(value, ensure_ascii=False)))
    session.flush()


# --- checks ------------------------------------------------------------------


def check_integrity(connection: Connection, checked: list[str], problems: list[str]) -> None:
    verdicts = [row[0] for row in connection.execute(text("PRAGMA integrity_check"))]
    if verdicts == ["ok"]:
        checked.append("file integrity: ok")
    else:
        problems.extend(f"file integrity: {verdict}" for verdict in verdicts[:20])
    broken = connection.execute(text("PRAGMA foreign_key_check")).all()
    if broken:
        problems.append(f"references: {len(broken)} rows point at rows that do not exist")
    else:
        checked.append("references: ok")


def check_revisions(session: Session, checked: list[str], problems: list[str]) -> None:
    counts = (
        select(
            RevisionRow.article_id,
            func.count().label("n"),
            func.max(RevisionRow.number).label("top"),
        )
        .group_by(RevisionRow.article_id)
        .subquery()
    )
    mismatched = session.execute(
        select(ArticleRow.slug, ArticleRow.revision, counts.c.n, counts.c.top)
        .outerjoin(counts, counts.c.article_id == ArticleRow.id)
        .where(
            (counts.c.n.is_(None))
            | (counts.c.n != ArticleRow.revision)
            | (counts.c.top != ArticleRow.revision)
        )
        .limit(20)
    ).all()
    if not mismatched:
        checked.append("revisions: every article's history is complete")
    for slug, revision, count, top in mismatched:
        problems.append(
            f"revisions: {slug} is at revision {revision} but has {count or 0} revisions "
            f"(newest {top or 0})"
        )


# --- writing -----------------------------------------------------------------


class Writer:
    """Writes articles inside one transaction, keeping every rule of a save."""

    def __init__(self, session: Session, author: str) -> None:
        self.session = session
        self.author = author
        # Whole seconds: times read cleanly everywhere they are shown.
        self.now = datetime.now(UTC).replace(microsecond=0)

    @property
    def connection(self) -> Connection:
        return self.session.connection()

    def store_photo(self, photo: PhotoFile) -> int:
        """The id of the stored photo with these bytes, storing it the first time."""
        existing = self.session.scalar(
            select(PhotoRow.id).where(PhotoRow.sha256 == photo.info.sha256)
        )
        if existing is not None:
            return existing
        row = PhotoRow(
            sha256=photo.info.sha256,
            media_type=photo.info.media_type,
            width=photo.info.width,
            height=photo.info.height,
            byte_size=photo.info.byte_size,
            created_at=self.now,
            data=photo.data,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def create(self, article: Article, *, summary: str) -> Article:
        article = validated(article)
        if article.slug:
            self._check_slug_free(article.slug, owner=None)
        else:
            slug = unique_slug(slugify(article.headline), self._slug_taken)
            article = article.with_changes(slug=slug)
        article = self._with_publication_time(article)
        self._check_related(article)
        row = ArticleRow(created_at=self.now, updated_at=self.now, revision=0, deleted_at=None)
        row.slug = article.slug
        self._write_content(row, article)
        self._write_children(row, None, article)
        self.session.add(row)
        self.session.flush()
        return self._commit_revision(row, summary)

    def update(self, row: ArticleRow, article: Article, *, summary: str = "") -> Article:
        """Save ``article`` over ``row``; no revision when nothing changed."""
        current = to_article(row)
        article = self._checked_update(row, current, validated(article))
        if _content(current) == _content(article):
            return current
        if article.slug != current.slug:
            self._set_slug(row, article.slug)
        fulltext.unindex(self.connection, row.id)
        self._write_content(row, article)
        self._write_children(row, current, article)
        row.updated_at = self.now
        self.session.flush()
        fulltext.index(self.connection, row.id)
        return self._commit_revision(row, summary or describe_changes(current, article))

    def rename(self, row: ArticleRow, slug: str) -> Article:
        if slug == row.slug:
            return to_article(row)
        old = row.slug
        self._check_slug_free(slug, owner=row.id)
        self._set_slug(row, slug)
        return self._commit_revision(row, f"Renamed: {old} → {slug}")

    def delete(self, row: ArticleRow) -> Article:
        fulltext.unindex(self.connection, row.id)
        row.deleted_at = self.now
        self.session.flush()
        return self._commit_revision(row, "Deleted")

    def undelete(self, row: ArticleRow) -> Article:
        row.deleted_at = None
        self.session.flush()
        fulltext.index(self.connection, row.id)
        return self._commit_revision(row, "Undeleted")

    # --- the rules -------------------------------------------------------

    def _checked_update(self, row: ArticleRow, current: Article, article: Article) -> Article:
        article = article.with_changes(slug=article.slug or current.slug)
        if article.slug != current.slug:
            if current.status in _PUBLISHED_STATUSES:
                raise ValidationError.single(
                    "slug",
                    f"the article was published as {current.slug!r}; its slug changes only "
                    "by renaming it ('newsroom rename'), so old links keep working",
                )
            problem = slug_problem(article.slug)
            if problem:
                raise ValidationError.single("slug", problem)
            self._check_slug_free(article.slug, owner=row.id)
        if article.status != current.status:
            allowed = STATUS_TRANSITIONS[current.status]
            if article.status not in allowed:
                names = ", ".join(sorted(s.value for s in allowed)) or "none: it stays killed"
                raise ValidationError.single(
                    "status",
                    f"cannot go from {current.status.value} to {article.status.value} "
                    f"(allowed: {names})",
                )
        article = self._with_publication_time(article)
        self._check_related(article)
        return article

    def _with_publication_time(self, article: Article) -> Article:
        if article.status in _PUBLISHED_STATUSES and article.published_at is None:
            return article.with_changes(published_at=self.now)
        return article

    def _check_related(self, article: Article) -> None:
        problems = [
            FieldProblem(f"related[{index}].slug", "an article cannot be related to itself")
            for index, entry in enumerate(article.related)
            if entry.is_internal and entry.slug == article.slug
        ]
        if problems:
            raise ValidationError(problems)

    def _slug_taken(self, slug: str) -> bool:
        return find_by_slug(self.session, slug) is not None

    def _check_slug_free(self, slug: str, *, owner: int | None) -> None:
        holder = find_by_slug(self.session, slug)
        if holder is None or holder.id == owner:
            return
        how = "is the slug" if holder.slug == slug else "was an earlier slug"
        raise ValidationError.single(
            "slug",
            f"{slug!r} {how} of article {holder.id} ({holder.slug}); choose another slug",
        )

    def _set_slug(self, row: ArticleRow, slug: str) -> None:
        """Change the slug; the article keeps answering to the old one as an alias."""
        self.session.merge(SlugAliasRow(slug=row.slug, article_id=row.id))
        former = self.session.get(SlugAliasRow, slug)
        if former is not None and former.article_id == row.id:
            self.session.delete(former)
        self.session.flush()
        row.slug = slug
        self.session.flush()

    # --- rows ------------------------------------------------------------

    def _photo_id(self, photo: PhotoUse | None) -> int | None:
        if photo is None:
            return None
        found = self.session.scalar(select(PhotoRow.id).where(PhotoRow.sha256 == photo.sha256))
        if found is None:
            raise ValidationError.single(
                "photo.sha256",
                f"no photo {photo.sha256[:12]}… in this newsroom; give the photo's file or data",
            )
        return found

    def _write_content(self, row: ArticleRow, article: Article) -> None:
        row.headline = article.headline
        row.subtitle = article.subtitle
        row.section = article.section
        row.byline = article.byline
        row.tags = "\n".join(article.tags)
        row.dateline_city = article.dateline.city
        row.dateline_date = article.dateline.date
        row.dateline_agency = article.dateline.agency
        row.lead = article.lead
        row.body = article.body
        row.photo_id = self._photo_id(article.photo)
        photo = article.photo or PhotoUse(sha256="")
        row.photo_caption, row.photo_credit, row.photo_alt = photo.caption, photo.credit, photo.alt
        row.mark = article.mark
        row.status = article.status.value
        row.published_at = article.published_at

    def _write_children(self, row: ArticleRow, current: Article | None, article: Article) -> None:
        quotes = [
            QuoteRow(position=i, text=q.text, speaker=q.speaker, role=q.role, pull=q.pull)
            for i, q in enumerate(article.quotes)
        ]
        related = [
            RelatedRow(position=i, slug=r.slug, headline=r.headline, subtitle=r.subtitle, url=r.url)
            for i, r in enumerate(article.related)
        ]
        if current is None:
            row.quotes, row.related = quotes, related
            return
        # Old rows go first (and are flushed) so positions never clash.
        if current.quotes != article.quotes:
            row.quotes.clear()
            self.session.flush()
            row.quotes.extend(quotes)
        if current.related != article.related:
            row.related.clear()
            self.session.flush()
            row.related.extend(related)
        # The photo relationship follows photo_id on the next load.
        self.session.flush()
        self.session.expire(row, ["photo"])

    def _commit_revision(self, row: ArticleRow, summary: str) -> Article:
        row.revision += 1
        self.session.flush()
        self.session.expire(row, ["photo"])
        article = to_article(row)
        self.session.add(
            RevisionRow(
                article_id=row.id,
                number=row.revision,
                created_at=self.now,
                author=self.author,
                summary=summary,
                snapshot=encode_snapshot(article),
            )
        )
        self.session.flush()
        if row.revision == 1:
            fulltext.index(self.connection, row.id)
        return article


def _content(article: Article) -> tuple[Any, ...]:
    return tuple(getattr(article, name) for name in CONTENT_FIELDS)


def validated(article: Article) -> Article:
    """The article after the same checks and clean-ups as the JSON article format.

    The app builds articles directly; running them through the one validator
    means an edit in a window obeys exactly the rules an imported file does.
    """
    parsed = read_article(content_to_json(article), base_dir=None, tz=UTC)
    return article.with_changes(**parsed.fields)
