"""The newsroom: one database (usually one SQLite file) of articles, photos and settings.

``Newsroom`` is the API the CLI and the app use. Every call runs in its own
short transaction on its own connection, so one ``Newsroom`` may be shared by
threads (the app gives writes to a single worker); what it returns are plain
values from ``newsroom.article``, never live database rows.

Writes that change content make a revision, and nothing a save replaces is
lost: history lists the revisions and restore brings one back as a new one.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Select, func, select
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, undefer

from newsroom import search as fulltext
from newsroom.article import (
    RESTORABLE_FIELDS,
    Article,
    ArticleSummary,
    RevisionInfo,
    SearchHit,
    Status,
)
from newsroom.article_json import ArticleInput, PhotoFile, read_article
from newsroom.errors import NotFoundError, StorageError, ValidationError
from newsroom.photos import ImageInfo, inspect_image
from newsroom.revisions import decode_snapshot
from newsroom.settings import Settings, parse_setting
from newsroom.slug import slug_problem
from newsroom.storage import rows
from newsroom.storage.backup import sqlite_backup
from newsroom.storage.engine import (
    WRITE_OPTION,
    create_newsroom_engine,
    default_location,
    describe,
    resolve_url,
    sqlite_path,
)
from newsroom.storage.errors import translated_errors
from newsroom.storage.migrate import SCHEMA_HEAD, prepare, read_state
from newsroom.storage.schema import ArticleRow, PhotoRow, RevisionRow

Ref = int | str


def default_author() -> str:
    """Who saves: ``$NEWSROOM_AUTHOR``, else the login name."""
    from_env = os.environ.get("NEWSROOM_AUTHOR", "").strip()
    if from_env:
        return from_env
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


@dataclass(frozen=True)
class ImportResult:
    article: Article
    created: bool
    changed: bool
    warnings: tuple[str, ...] = ()


@dataclass
class CheckReport:
    """What ``check`` found: lines of findings; ``ok`` when there are no problems."""

    checked: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class Newsroom:
    """An open newsroom. Use ``Newsroom.open(path)``; close it (or use ``with``) when done."""

    def __init__(self, engine: Engine, *, author: str, opened: str = "current") -> None:
        self._engine = engine
        self.author = author
        self.opened = opened  # "created", "upgraded" or "current"

    # --- opening ---------------------------------------------------------

    @classmethod
    def open(
        cls,
        target: str | os.PathLike[str] | None = None,
        *,
        create: bool = False,
        author: str | None = None,
    ) -> Newsroom:
        """Open the newsroom at a path or URL (None: the default location).

        With ``create`` a missing or empty file becomes a new newsroom; an
        older one is upgraded (after a copy is set aside); a file from a newer
        Newsroom, or a database that is not a newsroom, is refused.
        """
        url = resolve_url(target)
        _check_location(url, create=create, is_default=target is None)
        engine = create_newsroom_engine(url)
        try:
            with translated_errors(describe(url)):
                opened = prepare(engine, create=create)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, author=author or default_author(), opened=opened)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Newsroom:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def url(self) -> URL:
        return self._engine.url

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        return sqlite_path(self._engine.url)

    @property
    def location(self) -> str:
        return describe(self._engine.url)

    @contextmanager
    def _session(self, *, write: bool = False) -> Iterator[Session]:
        with translated_errors(self.location), self._engine.connect() as connection:
            if write:
                connection.execution_options(**{WRITE_OPTION: True})
            with (
                connection.begin(),
                Session(bind=connection, autoflush=False, expire_on_commit=False) as session,
            ):
                yield session
                session.flush()

    # --- settings --------------------------------------------------------

    def settings(self) -> Settings:
        with self._session() as session:
            return rows.read_settings(session)

    def set_setting(self, key: str, value: str) -> Settings:
        """Check and store one setting given as text; returns all settings."""
        typed = parse_setting(key, value)
        with self._session(write=True) as session:
            rows.write_setting(session, key, typed)
            return rows.read_settings(session)

    # --- reading ---------------------------------------------------------

    def get(self, ref: Ref, *, include_deleted: bool = False) -> Article:
        """The article with this id, slug or earlier slug; NotFoundError otherwise."""
        with self._session() as session:
            return rows.to_article(_find(session, ref, include_deleted=include_deleted))

    def exists(self, ref: Ref) -> bool:
        try:
            self.get(ref)
        except NotFoundError:
            return False
        return True

    def articles(
        self,
        *,
        status: Status | None = None,
        section: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        order: str = "updated",
        deleted: bool = False,
    ) -> list[ArticleSummary]:
        """Article summaries, newest first (by ``updated`` or ``published`` time)."""
        query = _summary_query(status=status, section=section, deleted=deleted)
        if order == "published":
            query = query.order_by(
                ArticleRow.published_at.desc().nulls_last(), ArticleRow.id.desc()
            )
        elif order == "updated":
            query = query.order_by(ArticleRow.updated_at.desc(), ArticleRow.id.desc())
        else:
            raise ValueError(f"unknown order {order!r}")
        query = query.limit(limit).offset(offset)
        with self._session() as session:
            return [rows.to_summary(row) for row in session.execute(query)]

    def count(self, *, status: Status | None = None, section: str | None = None) -> int:
        query = _summary_query(status=status, section=section, deleted=False)
        with self._session() as session:
            return session.scalar(select(func.count()).select_from(query.subquery())) or 0

    def sections(self) -> list[str]:
        """The sections in use, alphabetically."""
        query = (
            select(ArticleRow.section)
            .where(ArticleRow.deleted_at.is_(None), ArticleRow.section != "")
            .distinct()
            .order_by(ArticleRow.section)
        )
        with self._session() as session:
            return list(session.scalars(query))

    def search(self, query: str, *, limit: int = 50, offset: int = 0) -> list[SearchHit]:
        """Articles matching ``query`` (plain words; see ``newsroom.search``), best first."""
        with self._session() as session:
            hits = fulltext.search(session.connection(), query, limit=limit, offset=offset)
            ids = [hit.article_id for hit in hits]
            found = {
                row.id: rows.to_summary(row)
                for row in session.execute(
                    _summary_query(status=None, section=None, deleted=False).where(
                        ArticleRow.id.in_(ids)
                    )
                )
            }
        return [
            SearchHit(found[hit.article_id], hit.rank, hit.snippet, hit.highlights)
            for hit in hits
            if hit.article_id in found
        ]

    def history(self, ref: Ref) -> list[RevisionInfo]:
        """An article's revisions, newest first."""
        with self._session() as session:
            row = _find(session, ref, include_deleted=True)
            revisions = session.scalars(
                select(RevisionRow)
                .where(RevisionRow.article_id == row.id)
                .order_by(RevisionRow.number.desc())
            )
            return [
                RevisionInfo(item.number, item.created_at, item.author, item.summary)
                for item in revisions
            ]

    def revision(self, ref: Ref, number: int) -> Article:
        """The article as it was saved in revision ``number``."""
        with self._session() as session:
            row = _find(session, ref, include_deleted=True)
            saved_at, snapshot = _snapshot(session, row, number)
            content = read_article(snapshot, base_dir=None, tz=UTC)
            return rows.to_article_from_content(
                row, content.fields, revision=number, saved_at=saved_at
            )

    def missing_related(self, article: Article) -> list[str]:
        """Slugs of internal related headlines with no article in this newsroom."""
        slugs = [entry.slug for entry in article.related if entry.is_internal]
        with self._session() as session:
            return [slug for slug in slugs if rows.find_by_slug(session, slug) is None]

    def photo(self, sha256: str) -> ImageInfo:
        with self._session() as session:
            return rows.photo_info(_photo_row(session, sha256))

    def photo_data(self, sha256: str) -> bytes:
        with self._session() as session:
            row = session.scalar(
                select(PhotoRow).options(undefer(PhotoRow.data)).where(PhotoRow.sha256 == sha256)
            )
            if row is None:
                raise NotFoundError(f"photo {sha256}: not in this newsroom")
            return row.data

    # --- writing ---------------------------------------------------------

    def create(self, article: Article, *, summary: str = "", author: str | None = None) -> Article:
        """Save a new article (its slug made from the headline when empty)."""
        with self._session(write=True) as session:
            writer = rows.Writer(session, author or self.author)
            return writer.create(article, summary=summary or "Created")

    def save(self, article: Article, *, summary: str = "", author: str | None = None) -> Article:
        """Save an edited article (``article.id`` set); a revision when content changed.

        The slug of an article that has been published changes only through
        ``rename``, so its address never changes by accident.
        """
        if article.id is None:
            raise ValueError("save() needs a saved article; use create() for a new one")
        with self._session(write=True) as session:
            writer = rows.Writer(session, author or self.author)
            row = _find(session, article.id)
            return writer.update(row, article, summary=summary)

    def import_articles(
        self,
        inputs: Sequence[ArticleInput],
        *,
        update: bool = False,
        summary: str = "",
        author: str | None = None,
    ) -> list[ImportResult]:
        """Create (or with ``update``, change) articles from parsed input, all or nothing."""
        results: list[ImportResult] = []
        with self._session(write=True) as session:
            writer = rows.Writer(session, author or self.author)
            taken_here: dict[str, str] = {}
            for item in inputs:
                try:
                    result = self._import_one(writer, item, update, summary, taken_here)
                except ValidationError as error:
                    raise error.within(item.problems_at) from None
                results.append(result)
        return results

    def _import_one(
        self,
        writer: rows.Writer,
        item: ArticleInput,
        update: bool,
        summary: str,
        taken_here: dict[str, str],
    ) -> ImportResult:
        slug = item.get("slug") or ""
        if slug:
            if slug in taken_here:
                raise ValidationError.single("slug", f"{slug!r} appears twice in this file")
            taken_here[slug] = item.problems_at
        existing = rows.find_by_slug(writer.session, slug, aliases=False) if slug else None
        if item.photo_file is not None:
            writer.store_photo(item.photo_file)
        if existing is None or existing.deleted_at is not None or not update:
            if existing is not None:
                raise ValidationError.single("slug", _taken_message(existing, update))
            if "headline" not in item.fields:
                raise ValidationError.single("headline", "required: every article needs a headline")
            article = Article(**item.fields)
            created = writer.create(article, summary=summary or "Imported")
            return ImportResult(created, created=True, changed=True)
        current = rows.to_article(existing)
        changed = current.with_changes(**{k: v for k, v in item.fields.items() if k != "slug"})
        saved = writer.update(existing, changed, summary=summary)
        return ImportResult(saved, created=False, changed=saved.revision != current.revision)

    def import_json(
        self, document: Any, *, base_dir: Path | None, update: bool = False, summary: str = ""
    ) -> list[ImportResult]:
        """Parse and import a JSON article document (an object or a list)."""
        from newsroom.article_json import read_articles

        inputs = read_articles(document, base_dir=base_dir, tz=self.settings().tzinfo)
        return self.import_articles(inputs, update=update, summary=summary)

    def set_status(self, ref: Ref, status: Status, *, author: str | None = None) -> Article:
        with self._session(write=True) as session:
            row = _find(session, ref)
            current = rows.to_article(row)
            writer = rows.Writer(session, author or self.author)
            return writer.update(row, current.with_changes(status=status))

    def rename(self, ref: Ref, slug: str, *, author: str | None = None) -> Article:
        """Give an article a new slug; a published one keeps answering to the old."""
        problem = slug_problem(slug)
        if problem:
            raise ValidationError.single("slug", problem)
        with self._session(write=True) as session:
            row = _find(session, ref)
            writer = rows.Writer(session, author or self.author)
            return writer.rename(row, slug)

    def restore(self, ref: Ref, number: int, *, author: str | None = None) -> Article:
        """Bring back what revision ``number`` said, as a new revision.

        The slug, status and publication time stay as they are now.
        """
        with self._session(write=True) as session:
            row = _find(session, ref)
            _, snapshot = _snapshot(session, row, number)
            content = read_article(snapshot, base_dir=None, tz=UTC).fields
            current = rows.to_article(row)
            restored = current.with_changes(
                **{key: content[key] for key in RESTORABLE_FIELDS if key in content}
            )
            writer = rows.Writer(session, author or self.author)
            return writer.update(row, restored, summary=f"Restored revision {number}")

    def delete(self, ref: Ref, *, author: str | None = None) -> Article:
        """Move an article to the trash: hidden everywhere, kept with its history."""
        with self._session(write=True) as session:
            row = _find(session, ref)
            return rows.Writer(session, author or self.author).delete(row)

    def undelete(self, ref: Ref, *, author: str | None = None) -> Article:
        with self._session(write=True) as session:
            row = _find(session, ref, include_deleted=True)
            if row.deleted_at is None:
                raise ValidationError.single("", f"article {row.slug!r} is not deleted")
            return rows.Writer(session, author or self.author).undelete(row)

    def purge(self, ref: Ref) -> None:
        """Remove a deleted article and its history for good."""
        with self._session(write=True) as session:
            row = _find(session, ref, include_deleted=True)
            if row.deleted_at is None:
                raise ValidationError.single(
                    "", f"article {row.slug!r} is not deleted; delete it before purging it"
                )
            session.delete(row)

    def add_photo(self, data: bytes) -> ImageInfo:
        """Store a photo (once per distinct file) and describe it."""
        info = inspect_image(data)
        with self._session(write=True) as session:
            rows.Writer(session, self.author).store_photo(PhotoFile(data, info, "data"))
        return info

    # --- maintenance -----------------------------------------------------

    def backup(self, destination: Path) -> Path:
        """A consistent copy of the newsroom file, safe while others write."""
        path = self.path
        if path is None:
            raise StorageError(
                f"{self.location}: backup copies SQLite newsrooms; use the server's own tools"
            )
        if destination.is_dir():
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            destination = destination / f"{path.stem}-{stamp}{path.suffix or '.sqlite'}"
        if not destination.parent.is_dir():
            raise StorageError(
                f"{destination}: cannot write the backup, the folder {destination.parent} "
                "does not exist"
            )
        if destination.resolve() == path.resolve():
            raise StorageError(f"{destination}: that is the newsroom itself; choose another path")
        sqlite_backup(path, destination)
        return destination

    def check(self, *, repair: bool = False) -> CheckReport:
        """Integrity, foreign keys, schema version, search index and revision counts."""
        report = CheckReport()
        with self._session(write=repair) as session:
            connection = session.connection()
            rows.check_integrity(connection, report.checked, report.problems)
            state = read_state(connection)
            if state.revision == SCHEMA_HEAD:
                report.checked.append(f"schema: current ({SCHEMA_HEAD})")
            else:
                report.problems.append(f"schema: {state.revision} but expected {SCHEMA_HEAD}")
            found = fulltext.problems(connection)
            if found and repair:
                fulltext.rebuild(connection)
                report.checked.append("search index: rebuilt")
            elif found:
                report.problems.extend(found)
            else:
                report.checked.append("search index: matches the articles")
            rows.check_revisions(session, report.checked, report.problems)
        return report


def _check_location(url: URL, *, create: bool, is_default: bool) -> None:
    path = sqlite_path(url)
    if path is None:
        return
    if path.is_dir():
        raise StorageError(f"{path}: is a folder; give the newsroom's file name")
    if path.exists():
        return
    if not create:
        raise StorageError(f"{path}: no newsroom here; create one with 'newsroom init'")
    if is_default or path == default_location().absolute():
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.parent.is_dir():
        raise StorageError(f"{path}: cannot create it, the folder {path.parent} does not exist")


def _taken_message(existing: ArticleRow, update: bool) -> str:
    if existing.deleted_at is not None:
        return (
            f"{existing.slug!r} belongs to a deleted article (id {existing.id}); "
            f"bring it back with 'newsroom undelete {existing.slug}' or choose another slug"
        )
    hint = "" if update else "; use --update to change it, or choose another slug"
    return f"an article with slug {existing.slug!r} already exists (id {existing.id}){hint}"


def _find(session: Session, ref: Ref, *, include_deleted: bool = False) -> ArticleRow:
    row = rows.find(session, ref)
    if row is None:
        raise NotFoundError(f"{ref}: no such article (give an id or a slug)")
    if row.deleted_at is not None and not include_deleted:
        raise NotFoundError(
            f"{ref}: that article was deleted; bring it back with 'newsroom undelete {row.slug}'"
        )
    return row


def _photo_row(session: Session, sha256: str) -> PhotoRow:
    row = session.scalar(select(PhotoRow).where(PhotoRow.sha256 == sha256))
    if row is None:
        raise NotFoundError(f"photo {sha256}: not in this newsroom")
    return row


def _snapshot(session: Session, row: ArticleRow, number: int) -> tuple[datetime, dict[str, Any]]:
    revision = session.scalar(
        select(RevisionRow)
        .options(undefer(RevisionRow.snapshot))
        .where(RevisionRow.article_id == row.id, RevisionRow.number == number)
    )
    if revision is None:
        raise NotFoundError(
            f"{row.slug}: no revision {number} (it has revisions 1 to {row.revision})"
        )
    return revision.created_at, decode_snapshot(revision.snapshot)


def _summary_query(
    *, status: Status | None, section: str | None, deleted: bool
) -> Select[*tuple[Any, ...]]:
    query: Select[*tuple[Any, ...]] = select(*rows.SUMMARY_COLUMNS)
    query = query.where(
        ArticleRow.deleted_at.is_not(None) if deleted else ArticleRow.deleted_at.is_(None)
    )
    if status is not None:
        query = query.where(ArticleRow.status == status.value)
    if section is not None:
        query = query.where(ArticleRow.section == section)
    return query
