"""The one place articles are written, inside the caller's transaction.

``Writer`` keeps every rule of a save: the same checks as the JSON article
format, slugs unique and stable, allowed status changes, the publication
time, photos present, a revision for every change, the search index in step.
New articles are written in bulk (one statement per table for a whole
file), so importing a thousand stories costs little more than SQLite's own
work.

Storage never renders: the body's HTML (and the version of the renderer that
made it) comes in as a value, ``BodyHtml``, made above storage by
``newsroom/saving.py``. So a save is two steps on one writer, in one
transaction: check (``prepare_new``, ``check_update``), then write
(``insert_new``, ``write_update``) with the HTML made in between.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection

from newsroom.article import CONTENT_FIELDS, Article, Status, WireSource
from newsroom.article_json import PhotoFile
from newsroom.checks import save_problems
from newsroom.checks.integrity import normalised
from newsroom.checks.workflow import checked_reason, checked_status_change
from newsroom.errors import FieldProblem, NotAllowedError, ValidationError
from newsroom.photos import Rendition
from newsroom.photos.library import METADATA_VERSION
from newsroom.photos.metadata import PhotoMetadata, read_metadata
from newsroom.revisions import describe_changes, encode_snapshot, encode_snapshots_meanwhile
from newsroom.slug import section_key, slug_problem, slugify, unique_slug
from newsroom.storage import names
from newsroom.storage.backend import backend_of
from newsroom.storage.packing import pack_html
from newsroom.storage.reads import (
    ALIASES,
    ARTICLES,
    CODES,
    PHOTOS,
    QUOTES,
    RELATED,
    RENDITIONS,
    REVISIONS,
    SETTINGS,
    Found,
    find_slug,
    load,
    load_many,
    read_settings,
    section_in_use,
    sections_by_age,
    slug_owners,
)
from newsroom.storage.sections import listed_names

# Statuses under which an article has (had) a public address.
PUBLISHED_STATUSES = (Status.PUBLISHED, Status.CORRECTED, Status.KILLED)
# How the history records a take-over: "Took over the lock from Anna Ivanova on desk-3".
TAKEN_OVER = "Took over the lock from"
# What anyone on the desk may move a story between; the rest is publishing (``publish_role``).
DESK_STATUSES = frozenset({Status.DRAFT, Status.READY})
# Every save runs it, built once; the values it is given say which columns it sets.
_UPDATE_ARTICLE = update(ARTICLES).where(ARTICLES.c.id == bindparam("article_id"))


def validated(article: Article) -> Article:
    """The article cleaned up as stored, or ValidationError: the rules never broken.

    The same integrity rules (``newsroom.checks.integrity``) the JSON article
    format reads files with, run on the article itself: an edit in a window
    obeys exactly the rules an imported file does.
    """
    cleaned = normalised(article)
    problems = save_problems(cleaned)
    if problems:
        raise ValidationError([FieldProblem(found.field, found.message) for found in problems])
    return cleaned


@dataclass(frozen=True)
class BodyHtml:
    """A body's safe HTML, stored with the article, and the version of the renderer that made it."""

    html: str
    render_version: int


@dataclass(frozen=True)
class Change:
    """An update that passed every rule, not yet written (``Writer.check_update``)."""

    found: Found
    current: Article  # as stored now
    article: Article  # as it will be stored: slug, section spelling, publication time
    reason: str  # why the status changes, for the revision's summary

    @property
    def changed(self) -> bool:
        """Whether anything would be saved (no revision otherwise)."""
        return _content(self.current) != _content(self.article)

    @property
    def body_changed(self) -> bool:
        return self.article.body != self.current.body


def metadata_columns(metadata: PhotoMetadata) -> dict[str, str]:
    """A photo's metadata as column values (keywords one per line)."""
    return {
        name: _column_value(getattr(metadata, name)) for name in PhotoMetadata.__dataclass_fields__
    }


def _column_value(value: Any) -> Any:
    return "\n".join(value) if isinstance(value, tuple | list) else value


def write_setting(connection: Connection, key: str, value: Any) -> None:
    encoded = json.dumps(value, ensure_ascii=False)
    changed = connection.execute(
        update(SETTINGS).where(SETTINGS.c.key == key).values(value=encoded)
    ).rowcount
    if not changed:
        connection.execute(insert(SETTINGS).values(key=key, value=encoded))


class Writer:
    """Writes articles and photos inside one transaction."""

    def __init__(self, connection: Connection, author: str) -> None:
        self.db = connection
        self.fulltext = backend_of(connection).fulltext
        self.author = author
        # Whole seconds: times read cleanly everywhere they are shown.
        self.now = datetime.now(UTC).replace(microsecond=0)
        self._photo_ids: dict[str, int] = {}
        # One-line warnings for the caller to show (unreadable photo metadata).
        self.warnings: list[str] = []
        # Sections respelled to their existing spelling: (article slug, what to tell).
        self.section_notes: list[tuple[str, str]] = []
        self._spellings: dict[str, str] | None = None  # section_key → the stored name
        self._listed: dict[str, str] | None = None  # section_key → the name on the list
        self._exact: set[str] = set()  # section names stored as they are
        self._told: set[str] = set()
        self._publish_role: str | None = None  # the setting, once read

    # --- photos ----------------------------------------------------------

    def store_photo(
        self,
        photo: PhotoFile,
        *,
        filename: str = "",
        desk: Mapping[str, str] | None = None,
    ) -> int:
        """The id of the stored photo with these bytes, storing it the first time.

        A new photo's metadata is read from its file (problems with it become
        ``warnings``, never errors); ``desk`` fields (description, credit…)
        the picture desk gives win over the file's.
        """
        found = self._photo_id(photo.info.sha256)
        if found is not None:
            if desk:
                self.update_photo(found, desk)
            return found
        metadata, problems = read_metadata(photo.data)
        self.warnings.extend(f"{photo.source}: {problem}" for problem in problems)
        info = photo.info
        new_id = self.db.execute(
            insert(PHOTOS).values(
                sha256=info.sha256, media_type=info.media_type, width=info.width,
                height=info.height, byte_size=info.byte_size, created_at=self.now,
                data=photo.data, format=info.format, filename=filename,
                metadata_version=METADATA_VERSION,
                **{**metadata_columns(metadata), **(desk or {})},
            )
        ).inserted_primary_key  # fmt: skip
        assert new_id is not None
        self._photo_ids[info.sha256] = new_id[0]
        self.fulltext.index_photos(self.db, [new_id[0]])
        return int(new_id[0])

    def update_photo(self, photo_id: int, fields: Mapping[str, Any]) -> None:
        """Change a photo's own fields (the desk's caption, credit…); never its file."""
        values = {key: _column_value(value) for key, value in fields.items()}
        self.db.execute(update(PHOTOS).where(PHOTOS.c.id == photo_id).values(values))
        self.fulltext.index_photos(self.db, [photo_id])

    def reread_photo(self, photo_id: int) -> None:
        """Read a photo's metadata again (it was stored before there was a reader).

        Only empty fields are filled: whatever the desk wrote stays.
        """
        row = self.db.execute(select(PHOTOS).where(PHOTOS.c.id == photo_id)).first()
        if row is None:
            return
        metadata, problems = read_metadata(bytes(row.data))
        self.warnings.extend(f"photo {photo_id}: {problem}" for problem in problems)
        values: dict[str, Any] = {
            name: value
            for name, value in metadata_columns(metadata).items()
            if value and not getattr(row, name)
        }
        values["metadata_version"] = METADATA_VERSION
        self.db.execute(update(PHOTOS).where(PHOTOS.c.id == photo_id).values(values))
        self.fulltext.index_photos(self.db, [photo_id])

    def set_codes(self, table: Mapping[str, str], *, replace: bool) -> None:
        if replace:
            self.db.execute(delete(CODES))
        for code, text_ in table.items():
            self.db.execute(delete(CODES).where(CODES.c.code == code))
            self.db.execute(insert(CODES).values(code=code, text=text_))

    def store_rendition(self, sha256: str, width: int, rendition: Rendition, recipe: str) -> None:
        photo_id = self._photo_id(sha256)
        if photo_id is None:
            return  # the photo went away meanwhile; nothing to cache
        self.db.execute(
            delete(RENDITIONS).where(
                RENDITIONS.c.photo_id == photo_id,
                RENDITIONS.c.width == width,
                RENDITIONS.c.format == rendition.format,
            )
        )
        self.db.execute(
            insert(RENDITIONS).values(
                photo_id=photo_id, width=width, format=rendition.format, recipe=recipe,
                pixel_width=rendition.width, pixel_height=rendition.height, created_at=self.now,
                data=rendition.data,
            )
        )  # fmt: skip

    def _photo_id(self, sha256: str) -> int | None:
        if sha256 not in self._photo_ids:
            found = self.db.scalar(select(PHOTOS.c.id).where(PHOTOS.c.sha256 == sha256))
            if found is None:
                return None
            self._photo_ids[sha256] = found
        return self._photo_ids[sha256]

    def _required_photo_id(self, article: Article) -> int | None:
        if article.photo is None:
            return None
        found = self._photo_id(article.photo.sha256)
        if found is None:
            raise ValidationError.single(
                "photo.sha256",
                f"no photo {article.photo.sha256[:12]}… in this newsroom; "
                "give the photo's file or data",
            )
        return found

    # --- new articles ----------------------------------------------------

    def prepare_new(self, articles: Sequence[Article], paths: Sequence[str] = ()) -> list[Article]:
        """New articles checked and made ready to store, or ValidationError.

        Slugs made from headlines (unique in the newsroom and in the batch),
        sections in their stored spelling, publication times set. ``paths``
        prefix each one's problems (``[3]`` in a list import).
        """
        checked = [
            _within(validated, article, paths[index] if paths else "")
            for index, article in enumerate(articles)
        ]
        given = [article.slug for article in checked if article.slug]
        queried = set(given) | {_slug_base(a) for a in checked if not a.slug}
        owners = slug_owners(self.db, queried)
        batch: set[str] = set()
        prepared = []
        for index, article in enumerate(checked):
            where = paths[index] if paths else ""
            if article.slug:
                if article.slug in owners:
                    _raise_within(where, self._taken(article.slug, owners[article.slug]))
                slug = article.slug
            else:
                slug = unique_slug(
                    _slug_base(article),
                    lambda candidate: (
                        candidate in batch or self._is_taken(candidate, queried, owners)
                    ),
                )
            batch.add(slug)
            named = article if slug == article.slug else article.with_changes(slug=slug)
            ready = self._with_publication_time(self._spelled(named))
            prepared.append(ready)
        return prepared

    def insert_new(
        self, prepared: Sequence[Article], bodies: Sequence[BodyHtml], *, summary: str
    ) -> list[Article]:
        """Store articles from ``prepare_new``, all in one go, each with its body's HTML."""
        if not prepared:
            return []
        for article in prepared:
            if article.status not in DESK_STATUSES:
                self._require_publish_right(article.slug, f"create it as {article.status.value}")
        rows = [
            self._article_values(article, body)
            for article, body in zip(prepared, bodies, strict=True)
        ]
        ids = self._inserted_articles(rows)
        saved = [
            article.with_changes(id=new_id, revision=1, created_at=self.now, updated_at=self.now)
            for article, new_id in zip(prepared, ids, strict=True)
        ]
        self._insert_children(saved)
        snapshots = encode_snapshots_meanwhile(saved)  # compressed while the index fills
        names.insert_names(self.db, saved)
        self.fulltext.index_new(self.db, ids, rows)
        self._insert_revisions([(article, summary) for article in saved], snapshots())
        self._reindex_photos(saved)
        return saved

    def _inserted_articles(self, rows: list[dict[str, Any]]) -> list[int]:
        """Insert the article rows; their ids, in order."""
        ids = backend_of(self.db).new_ids(self.db, ARTICLES, len(rows))
        if ids is None:
            returning = insert(ARTICLES).returning(ARTICLES.c.id, sort_by_parameter_order=True)
            return [row.id for row in self.db.execute(returning, rows)]
        for row, new_id in zip(rows, ids, strict=True):
            row["id"] = new_id
        backend_of(self.db).insert_rows(self.db, ARTICLES, rows)
        return ids

    def _spelled(self, article: Article) -> Article:
        """``article`` with its section as the newsroom already spells it.

        ``politics`` is saved as ``Politics`` when that section exists (case,
        accents and spacing are not a new section); a name stored as given
        stays as it is, so newsrooms from before this rule keep their sections.
        """
        name = article.section
        if not name or name in self._exact:
            return article
        listed = self._listed_spellings().get(section_key(name))
        if listed is not None:  # once the newsroom keeps a section list, it spells first
            return self._respelled(article, listed, "as the section list spells it")
        if section_in_use(self.db, name):  # the usual case, one indexed probe per save
            self._exact.add(name)
            return article
        if self._spellings is None:  # every section once: 22 ms at 200,000 articles
            self._spellings = {}
            for known in sections_by_age(self.db):  # the oldest spelling wins
                self._spellings.setdefault(section_key(known), known)
        existing = self._spellings.setdefault(section_key(name), name)
        return self._respelled(article, existing, "the section's existing spelling")

    def _listed_spellings(self) -> dict[str, str]:
        """section_key → name for the newsroom's section list ({} without one); read once."""
        if self._listed is None:
            self._listed = {section_key(name): name for name in listed_names(self.db)}
        return self._listed

    def _respelled(self, article: Article, spelling: str, why: str) -> Article:
        """``article`` with its section spelled ``spelling``, said once per typed name."""
        name = article.section
        if spelling == name:
            self._exact.add(name)
            return article
        if name not in self._told:
            self._told.add(name)
            self.section_notes.append(
                (article.slug, f"section: {name!r} saved as {spelling!r}, {why}")
            )
        return article.with_changes(section=spelling)

    def _is_taken(self, slug: str, queried: set[str], owners: dict[str, int]) -> bool:
        if slug in queried:
            return slug in owners
        return find_slug(self.db, slug) is not None

    def _taken(self, slug: str, owner: int) -> ValidationError:
        found = find_slug(self.db, slug)
        how = "is the slug" if found is not None and found.slug == slug else "was an earlier slug"
        current = f" ({found.slug})" if found is not None and found.slug != slug else ""
        return ValidationError.single(
            "slug", f"{slug!r} {how} of article {owner}{current}; choose another slug"
        )

    def _article_values(self, article: Article, body: BodyHtml | None) -> dict[str, Any]:
        """The article's row; with ``body`` None its stored HTML stays (the body did not change)."""
        photo = article.photo
        values: dict[str, Any] = {
            "slug": article.slug,
            "headline": article.headline,
            "subtitle": article.subtitle,
            "section": article.section,
            "byline": article.byline,
            "tags": "\n".join(article.tags),
            "dateline_city": article.dateline.city,
            "dateline_date": article.dateline.date,
            "dateline_agency": article.dateline.agency,
            "lead": article.lead,
            "body": article.body,
            "photo_id": self._required_photo_id(article),
            "photo_caption": photo.caption if photo else "",
            "photo_credit": photo.credit if photo else "",
            "photo_alt": photo.alt if photo else "",
            "mark": article.mark,
            "language": article.language,
            **_source_values(article.source),
            "status": article.status.value,
            "published_at": article.published_at,
            "created_at": article.created_at or self.now,
            "updated_at": self.now,
            "deleted_at": None,
            "revision": article.revision or 1,
        }
        if body is not None:
            packed = pack_html(body.html, article.body)
            values.update(body_html_packed=packed, render_version=body.render_version)
        return values

    def _insert_children(self, articles: Sequence[Article]) -> None:
        quotes = [
            {"article_id": a.id, "position": i, "text": q.text, "speaker": q.speaker,
             "role": q.role, "pull": q.pull, "after_paragraph": q.after_paragraph}
            for a in articles
            for i, q in enumerate(a.quotes)
        ]  # fmt: skip
        related = [
            {"article_id": a.id, "position": i, "slug": r.slug, "headline": r.headline,
             "subtitle": r.subtitle, "url": r.url}
            for a in articles
            for i, r in enumerate(a.related)
        ]  # fmt: skip
        if quotes:
            self.db.execute(insert(QUOTES), quotes)
        if related:
            self.db.execute(insert(RELATED), related)

    def _insert_revisions(
        self, entries: Sequence[tuple[Article, str]], snapshots: Sequence[bytes] | None = None
    ) -> None:
        """A revision per (article, summary); ``snapshots`` already made for them, if given."""
        if snapshots is None:
            snapshots = [encode_snapshot(article) for article, _ in entries]
        backend_of(self.db).insert_rows(
            self.db,
            REVISIONS,
            [
                {"article_id": article.id, "number": article.revision, "created_at": self.now,
                 "author": self.author, "summary": summary, "snapshot": snapshot}
                for (article, summary), snapshot in zip(entries, snapshots, strict=True)
            ],
        )  # fmt: skip

    # --- changing articles -----------------------------------------------

    def check_update(self, found: Found, article: Article, *, reason: str = "") -> Change:
        """``article`` checked to be saved over the stored one, or ValidationError.

        ``reason`` says why the status changes (unpublishing needs one); it
        ends the revision's summary. Nothing is written: ``write_update`` does.
        """
        current = load(self.db, found.id)
        reason = checked_reason(reason)
        checked = self._checked_update(current, self._spelled(validated(article)), reason)
        return Change(found, current, checked, reason)

    def write_update(self, change: Change, body: BodyHtml | None, *, summary: str = "") -> Article:
        """Save a checked change with a new revision; no revision when nothing changed.

        ``body`` is the saved body's HTML; None keeps the stored HTML (only
        right when the body did not change and its HTML is the renderer's own).
        """
        found, current, article = change.found, change.current, change.article
        if not change.changed:
            return current
        if article.status != current.status and {article.status, current.status} - DESK_STATUSES:
            self._require_publish_right(current.slug, f"move it to {article.status.value}")
        elif current.status.is_public:
            self._require_publish_right(current.slug, "change a story readers can see")
        if body is None and change.body_changed:
            raise ValueError(f"{current.slug}: a changed body needs its HTML to be saved")
        if article.slug != current.slug:
            self._set_slug(found.id, current.slug, article.slug)
        saved = article.with_changes(
            id=found.id, revision=current.revision + 1, created_at=current.created_at,
            updated_at=self.now,
        )  # fmt: skip
        if not self.fulltext.updates_in_place:
            self.fulltext.unindex(self.db, found.id)
        values = self._article_values(saved, body)
        self.db.execute(_UPDATE_ARTICLE, {**values, "article_id": found.id})
        if (current.quotes, current.related) != (saved.quotes, saved.related):
            self.db.execute(delete(QUOTES).where(QUOTES.c.article_id == found.id))
            self.db.execute(delete(RELATED).where(RELATED.c.article_id == found.id))
            self._insert_children([saved])
        summary = summary or describe_changes(current, saved, change.reason)
        self._insert_revisions([(saved, summary)])
        names.replace_names(self.db, current, saved)
        self.fulltext.index(self.db, found.id)
        self._reindex_photos([current, saved])
        return saved

    def rename(self, found: Found, slug: str) -> Article:
        if slug == found.slug:
            return load(self.db, found.id)
        owners = slug_owners(self.db, [slug])
        if slug in owners and owners[slug] != found.id:
            raise self._taken(slug, owners[slug])
        self._set_slug(found.id, found.slug, slug)
        return self._lifecycle_revision(found, f"Renamed: {found.slug} → {slug}", slug=slug)

    def delete(self, found: Found) -> Article:
        if found.status.is_public:
            self._require_publish_right(found.slug, "delete a story readers can see")
        self.fulltext.unindex(self.db, found.id)
        article = self._lifecycle_revision(found, "Deleted", deleted_at=self.now)
        self._reindex_photos([article])
        return article

    def undelete(self, found: Found) -> Article:
        article = self._lifecycle_revision(found, "Undeleted", deleted_at=None)
        self.fulltext.index(self.db, found.id)
        self._reindex_photos([article])
        return article

    def _require_publish_right(self, slug: str, doing: str) -> None:
        """NotAllowedError unless this editor may publish (``publish_role``, on a server)."""
        if self._publish_role is None:  # read once: an import checks every article it creates
            self._publish_role = read_settings(self.db).publish_role
        role = self._publish_role
        if not role:
            return
        why_not = backend_of(self.db).publish_right(self.db, role)
        if why_not:
            raise NotAllowedError(f"{slug}: you may not {doing}: {why_not}")

    def lock_taken_over(self, found: Found, holder: str, machine: str) -> Article:
        """A revision saying the article's lock was taken from its live holder."""
        return self._lifecycle_revision(found, f"{TAKEN_OVER} {holder} on {machine}")

    def move_section_articles(self, old: str, new: str, summary: str) -> int:
        """Every article in section ``old`` (deleted ones too) put in ``new``, a revision each.

        In bulk, like a lifecycle revision (the text and ``updated_at`` stay):
        one UPDATE, then the snapshots 500 articles at a time. Returns how many moved.
        """
        ids = list(self.db.scalars(select(ARTICLES.c.id).where(ARTICLES.c.section == old)))
        if not ids:
            return 0
        self.db.execute(
            update(ARTICLES)
            .where(ARTICLES.c.section == old)
            .values(section=new, revision=ARTICLES.c.revision + 1)
        )
        for start in range(0, len(ids), 500):
            loaded = load_many(self.db, ids[start : start + 500])
            self._insert_revisions([(article, summary) for article, _, _ in loaded.values()])
        self._exact.discard(old)
        return len(ids)

    def _reindex_photos(self, articles: Sequence[Article]) -> None:
        """The photo index holds each photo's captions: keep it in step with its uses."""
        hashes = {article.photo.sha256 for article in articles if article.photo is not None}
        ids = [found for sha in hashes if (found := self._photo_id(sha)) is not None]
        if ids:
            self.fulltext.index_photos(self.db, ids)

    def _lifecycle_revision(self, found: Found, summary: str, **values: Any) -> Article:
        """A revision for a change of state that leaves the text as it is."""
        self.db.execute(
            update(ARTICLES)
            .where(ARTICLES.c.id == found.id)
            .values(revision=found.revision + 1, **values)
        )
        article = load(self.db, found.id)
        self._insert_revisions([(article, summary)])
        return article

    def _set_slug(self, article_id: int, old: str, new: str) -> None:
        """Change the slug; the article keeps answering to the old one as an alias."""
        self.db.execute(
            delete(ALIASES).where(ALIASES.c.slug == new, ALIASES.c.article_id == article_id)
        )
        self.db.execute(insert(ALIASES).values(slug=old, article_id=article_id))
        self.db.execute(update(ARTICLES).where(ARTICLES.c.id == article_id).values(slug=new))

    # --- the rules -------------------------------------------------------

    def _checked_update(self, current: Article, article: Article, reason: str) -> Article:
        article = article.with_changes(slug=article.slug or current.slug)
        if article.slug != current.slug:
            if current.status in PUBLISHED_STATUSES:
                raise ValidationError.single(
                    "slug",
                    f"the article was published as {current.slug!r}; its slug changes only "
                    "by renaming it ('newsroom rename'), so old links keep working",
                )
            problem = slug_problem(article.slug)
            if problem:
                raise ValidationError.single("slug", problem)
            owners = slug_owners(self.db, [article.slug])
            if article.slug in owners and owners[article.slug] != current.id:
                raise self._taken(article.slug, owners[article.slug])
        if article.status != current.status:
            article = checked_status_change(current, article, reason)
        return self._with_publication_time(article)

    def _with_publication_time(self, article: Article) -> Article:
        if article.status in PUBLISHED_STATUSES and article.published_at is None:
            return article.with_changes(published_at=self.now)
        return article


def _within(check: Any, article: Article, path: str) -> Article:
    try:
        result: Article = check(article)
    except ValidationError as error:
        raise error.within(path) from None
    return result


def _raise_within(path: str, error: ValidationError) -> None:
    raise error.within(path)


def _content(article: Article) -> tuple[Any, ...]:
    return tuple(getattr(article, name) for name in CONTENT_FIELDS)


def _source_values(source: WireSource | None) -> dict[str, Any]:
    """The article's wire source as its row's columns; all empty when written here."""
    source = source or WireSource()
    return {
        "source_agency": source.agency, "source_item_id": source.item_id,
        "source_version": source.version, "source_urgency": source.urgency,
        "source_file_name": source.file_name, "source_copyright": source.copyright,
        "source_format": source.format, "source_pubstatus": source.pubstatus,
        "source_byline_title": source.byline_title,
    }  # fmt: skip


# A wire item's slug starts with this: the slug of its headline stays free for the story
# an editor starts from it, the one readers see. Nobody outside reads a wire item's slug.
WIRE_SLUG_PREFIX = "wire"


def _slug_base(article: Article) -> str:
    """What a new article's slug is made from when it names none: its headline."""
    if article.status is Status.INCOMING:
        return slugify(f"{WIRE_SLUG_PREFIX} {article.headline}")
    return slugify(article.headline)
