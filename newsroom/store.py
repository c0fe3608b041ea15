"""The newsroom: one database (usually one SQLite file) of articles, photos and settings.

``Newsroom`` is the API the CLI and the app use. Every call runs in its own
short transaction on its own connection, so one ``Newsroom`` may be shared by
threads (the app gives writes to a single worker); what it returns are plain
values from ``newsroom.article``, never live database rows.

Writes that change content make a revision, and nothing a save replaces is
lost: history lists the revisions and restore brings one back as a new one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import getpass
import os
import secrets
import socket
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import DBAPIError

from newsroom import outside_files
from newsroom.article import (
    PUBLIC_STATUSES,
    RESTORABLE_FIELDS,
    Article,
    ArticleSummary,
    PhotoUse,
    RevisionInfo,
    SearchHit,
    Status,
    WireSource,
)
from newsroom.errors import (
    ConflictError,
    LockedError,
    NotFoundError,
    StorageError,
    ValidationError,
)
from newsroom.sections import Section, SectionChange, SectionsAdded
from newsroom.settings import Settings, parse_setting
from newsroom.slug import slug_problem
from newsroom.storage import dictionary as dictionary_store
from newsroom.storage import locks as lock_store
from newsroom.storage import names as names_store
from newsroom.storage import reads
from newsroom.storage import sections as section_store
from newsroom.storage.backend import ChangeWatcher, backend_named, backend_of
from newsroom.storage.database import Database
from newsroom.storage.engine import (
    WRITE_OPTION,
    access,
    create_newsroom_engine,
    default_location,
    describe,
    resolve_url,
    sqlite_path,
)
from newsroom.storage.errors import explain, translated_errors
from newsroom.storage.locks import LOCK_EXPIRY_SECONDS, Holder, Lock
from newsroom.storage.migrate import SCHEMA_HEAD, prepare, read_state
from newsroom.storage.names import KnownNames
from newsroom.storage.reads import ARTICLES, Found
from newsroom.storage.search import SearchOrder
from newsroom.wire_story import refuse_edit, started_summary, story_from
from newsroom.words import dictionary_word_problem, fold

# Saving, checking, the photo desk and the JSON format are imported where they are used,
# not here: ``list``, ``show`` and ``search`` open a newsroom and read, and these (with
# Pillow, lxml and the checks behind them) were most of such a command's start
# (tests/test_cli_start.py keeps them out of the reading commands).
if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from newsroom.article_json import ArticleInput
    from newsroom.checks import CheckContext, Finding
    from newsroom.photo_desk import PhotoDesk
    from newsroom.render.bodies import Rendered
    from newsroom.storage.writer import Writer

Ref = int | str


def _writer(connection: Connection, author: str) -> Writer:
    """A writer on this write transaction (``storage.writer``, loaded by writing commands only)."""
    from newsroom.storage.writer import Writer

    return Writer(connection, author)


def default_author(engine: Engine | None = None) -> str:
    """Who saves: ``$NEWSROOM_AUTHOR``, else the database role on a server, else the login name."""
    from_env = os.environ.get("NEWSROOM_AUTHOR", "").strip()
    if from_env:
        return from_env
    if engine is not None:
        role = backend_named(engine.url.get_backend_name()).editor(engine)
        if role:
            return role
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


@dataclass(frozen=True)
class ImportResult:
    article: Article
    created: bool
    changed: bool
    # What the import changed on its own, to tell (a section saved in its existing spelling).
    notes: tuple[str, ...] = ()
    # A wire item at the version already stored, skipped (``import_articles(skip_imported=…)``).
    duplicate: bool = False


@dataclass
class CheckReport:
    """What ``check`` found: lines of findings; ``ok`` when there are no problems."""

    checked: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class Newsroom:
    """An open newsroom. Use ``Newsroom.open(path)``; close it (or use ``with``) when done.

    Its parts share one ``Database`` (``self.db``): the articles, settings,
    sections and locks are here; the photo library is ``self.photos``.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        author: str,
        opened: str = "current",
        read_only: str | None = None,
    ) -> None:
        self.db = Database(engine, read_only=read_only)
        self._names = KnownNames(self.db)
        self.author = author
        self.opened = opened  # "created", "upgraded" or "current"
        self._registered = self.path.resolve() if self.path is not None else None
        if self._registered is not None:
            outside_files.register(self._registered)  # never read in as an outside file
        # This open newsroom's lock session: a random token, so two windows of one
        # process (each with its own Newsroom) hold their locks apart.
        self.session = secrets.token_hex(16)
        self.machine = socket.gethostname() or "unknown machine"
        self.lock_expiry: float = LOCK_EXPIRY_SECONDS
        self._may_hold_locks = False  # no lock taken yet: closing need not write

    @cached_property
    def photos(self) -> PhotoDesk:
        """The photo library, its files and renditions, and the code table: a part of its own.

        Made on first use: most commands never touch a photo. It keeps no state of its
        own, so threads that ask at once may each make one, harmlessly.
        """
        from newsroom.photo_desk import PhotoDesk

        return PhotoDesk(self.db, self)

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

        A file this process cannot write (read-only file system, no write
        permission, immutable) opens read-only: ``read_only`` says why,
        reading works, and every write is refused with that reason.
        """
        url = resolve_url(target)
        _check_location(url, create=create, is_default=target is None)
        how = access(url)
        engine = create_newsroom_engine(how.url, read_only=how.read_only is not None)
        try:
            with translated_errors(describe(url)):
                opened = prepare(engine, create=create, read_only=how.read_only)
                who = author or default_author(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, author=who, opened=opened, read_only=how.read_only)

    def close(self) -> None:
        """Release this session's locks, then let go of the database."""
        if self._may_hold_locks:
            # The server gone or the file read-only: the locks lapse on their own.
            with contextlib.suppress(StorageError):
                self.release_locks()
        self.db.dispose()
        if self._registered is not None:
            outside_files.unregister(self._registered)
            self._registered = None

    def __enter__(self) -> Newsroom:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def url(self) -> URL:
        return self.db.url

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        return self.db.path

    @property
    def read_only(self) -> str | None:
        """Why this newsroom cannot be written here (None: it can); writes are refused."""
        return self.db.read_only

    @property
    def location(self) -> str:
        """The newsroom as messages name it: its file, or its URL without password."""
        return self.db.location

    def watch_changes(self) -> ChangeWatcher:
        """A watcher of every change committed to this newsroom from now on, by anyone.

        Its own connection: ``wait(timeout)`` blocks until something is committed
        (by this process too), so give it a thread of its own; close it when done.
        """
        return self.db.backend.watcher(self.url)

    # --- settings --------------------------------------------------------

    def settings(self) -> Settings:
        with self.db.reading() as connection:
            return reads.read_settings(connection)

    def set_setting(self, key: str, value: str) -> Settings:
        """Check and store one setting given as text; returns all settings."""
        from newsroom.storage.writer import write_setting

        typed = parse_setting(key, value)
        with self.db.transaction(write=True) as connection:
            write_setting(connection, key, typed)
            return reads.read_settings(connection)

    def identity(self) -> str:
        """This newsroom's id: a UUID made on first need and kept in the file.

        It travels with the file (a copy is the same newsroom) and tells, for
        example, whose site a folder holds. A newsroom that cannot be written
        and has no id yet gets one made from where it is, the same on every
        run, so its next site export still knows its own folder.
        """
        with self.db.reading() as connection:
            found = reads.read_identity(connection)
        if found:
            return found  # without the writer's modules: a site re-export asks first thing
        if self.read_only:
            return str(uuid.uuid5(uuid.NAMESPACE_URL, f"newsroom:{self.location}"))
        from newsroom.storage.writer import write_setting

        made = str(uuid.uuid4())
        try:
            with self.db.transaction(write=True) as connection:
                found = reads.read_identity(connection)  # another process may have been first
                if found:
                    return found
                write_setting(connection, reads.IDENTITY_KEY, made)
        except StorageError:
            pass
        return made

    def feed_tag(self) -> str:
        """The tag: URI (RFC 4151) that names this newsroom in feeds, made once and kept.

        ``tag:newsroom.invalid,2026-12-01:<identity>``: the date is the day the
        newsroom began (its first article's, else the day the tag is made), the
        identity tells newsrooms apart. It never depends on the base URL, so a
        feed's ids stay the same for the life of each article; it travels with
        the settings (``newsroom copy``, backups). The authority is the reserved
        ``.invalid`` name, which nobody owns and so nobody else mints tags under.
        Made on first need, not at creation: a new newsroom stays empty (a
        destination ``newsroom copy`` accepts), and its date is the same either way.
        """
        with self.db.reading() as connection:
            found = reads.read_hidden_setting(connection, reads.FEED_TAG_KEY)
            # Only when it is to be made: the oldest article is a scan (0.17 s at 100,000).
            first = None if found else reads.first_article_time(connection)
        if found:
            return found
        from newsroom.storage.writer import write_setting

        day = (first or datetime.now(UTC)).astimezone(UTC).date()
        made = f"tag:newsroom.invalid,{day.isoformat()}:{self.identity()}"
        if self.read_only:
            return made
        try:
            with self.db.transaction(write=True) as connection:
                found = reads.read_hidden_setting(connection, reads.FEED_TAG_KEY)
                if found:  # another process may have been first
                    return found
                write_setting(connection, reads.FEED_TAG_KEY, made)
        except StorageError:
            pass
        return made

    def bylines(self, article_ids: Sequence[int]) -> dict[int, str]:
        """The byline of each of these articles that has one."""
        with self.db.reading() as connection:
            return reads.bylines(connection, article_ids)

    # --- the newsroom's dictionary and the names it knows (for spelling) ----

    def dictionary(self) -> list[str]:
        """The words editors added, as they typed them, alphabetically."""
        with self.db.reading() as connection:
            return reads.dictionary_words(connection)

    def add_words(self, words: Sequence[str], *, author: str | None = None) -> list[str]:
        """Add words to the dictionary; returns those it did not hold yet (in any case).

        Every word is checked first (one word, no spaces or control characters,
        at most 200 characters): one bad word adds none.
        """
        wanted = [word.strip() for word in words]
        for word in wanted:
            problem = dictionary_word_problem(word)
            if problem:
                raise ValidationError.single("dictionary", problem)
        with self.db.transaction(write=True) as connection:
            return dictionary_store.add_words(connection, wanted, author or self.author)

    def remove_words(self, words: Sequence[str]) -> list[str]:
        """Remove words (whatever their case) from the dictionary; returns those removed."""
        with self.db.transaction(write=True) as connection:
            return dictionary_store.remove_words(connection, [word.strip() for word in words])

    def known_names(self) -> KnownNames:
        """The words of every name the newsroom uses, folded (``storage/names.py``).

        A set that asks the newsroom as it is now: ``word in names`` is one
        indexed lookup of that word, never a read of the articles.
        """
        return self._names

    # --- reading ---------------------------------------------------------

    def get(self, ref: Ref, *, include_deleted: bool = False) -> Article:
        """The article with this id, slug or earlier slug; NotFoundError otherwise."""
        with self.db.transaction() as connection:
            found = _find(connection, ref, include_deleted=include_deleted)
            return reads.load(connection, found.id)

    def exists(self, ref: Ref) -> bool:
        with self.db.reading() as connection:
            found = reads.find(connection, ref)
        return found is not None and not found.deleted

    def articles(
        self,
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
        """Article summaries, newest first (by ``updated`` or ``published`` time).

        ``live_at`` keeps only stories published by that moment (with the
        public statuses: what readers see then); ``news_feed`` is the usual way.
        """
        with self.db.reading() as connection:
            return reads.summaries(
                connection, status=status, statuses=statuses, section=section, limit=limit,
                offset=offset, order=order, deleted=deleted, live_at=live_at,
            )  # fmt: skip

    def news_feed(
        self,
        limit: int | None = None,
        *,
        now: datetime | None = None,
        offset: int = 0,
        section: str | None = None,
    ) -> list[ArticleSummary]:
        """The stories readers see at ``now`` (default: this moment), newest published first.

        Scheduled stories, published at a time still ahead, are left out
        until their time comes (``Article.is_live``).
        """
        return self.articles(
            statuses=PUBLIC_STATUSES, order="published", limit=limit, offset=offset,
            section=section, live_at=now or datetime.now(UTC),
        )  # fmt: skip

    def stories_from(self, source: WireSource) -> list[ArticleSummary]:
        """The stories editors started from the wire item ``source`` names, newest first."""
        with self.db.reading() as connection:
            return reads.stories_from(connection, source.agency, source.item_id)

    def wire_item_source(self, source: WireSource) -> WireSource | None:
        """The wire item ``source`` names as the agency's latest version left it (a kill
        included); None when it is not in this newsroom."""
        with self.db.reading() as connection:
            return reads.wire_item_source(connection, source)

    def feed_versions(self, now: datetime) -> list[tuple[int, int]]:
        """(id, revision) of each story of ``news_feed(now=now)``, in its order."""
        with self.db.reading() as connection:
            return reads.feed_versions(connection, PUBLIC_STATUSES, now)

    def article_totals(self) -> tuple[int, int]:
        """How many articles (any status, deleted too) and the sum of their revisions."""
        with self.db.reading() as connection:
            return reads.article_totals(connection)

    def relating_to(self, slugs: Sequence[str]) -> set[int]:
        """Ids of the articles whose internal related headlines name one of ``slugs``."""
        with self.db.reading() as connection:
            return reads.relating_to(connection, slugs)

    def slug_aliases(self, article_ids: Sequence[int]) -> list[str]:
        """The earlier slugs of these articles."""
        with self.db.reading() as connection:
            return reads.slug_aliases(connection, article_ids)

    def lookup(self, slugs: Sequence[str]) -> dict[str, ArticleSummary]:
        """The articles (not deleted) these slugs name now, earlier slugs included."""
        with self.db.reading() as connection:
            return reads.lookup(connection, slugs)

    def count(self, *, status: Status | None = None, section: str | None = None) -> int:
        with self.db.reading() as connection:
            return reads.count(connection, status=status, section=section)

    def section_slugs(self) -> dict[str, str]:
        """Every section's page slug, unique in this newsroom.

        Listed sections have their own (``section_list``); without a list,
        every section in use gets one in order of first use (``slug.section_slugs``).
        """
        with self.db.transaction() as connection:
            return section_store.page_slugs(connection)

    def sections(self) -> list[str]:
        """The sections in use, alphabetically."""
        with self.db.reading() as connection:
            return reads.sections(connection)

    # --- the section list --------------------------------------------------

    def section_list(self) -> list[Section]:
        """The newsroom's sections in masthead order; [] when it keeps no list."""
        with self.db.transaction() as connection:
            return section_store.listed(connection)

    def add_section(
        self, name: str, *, slug: str | None = None, position: int | None = None
    ) -> Section:
        """Put a section on the list: at the end, or at ``position`` (1 is first).

        Its page keeps the slug it has now when articles use it (unless ``slug``
        is given). A name differing from a listed one only in case, accents or
        spacing is refused: it would be the same section.
        """
        with self.db.transaction(write=True) as connection:
            return section_store.add(connection, name, slug=slug, position=position)

    def add_sections_from_articles(self) -> SectionsAdded:
        """List the sections articles use, in order of first use, each keeping its page slug."""
        with self.db.transaction(write=True) as connection:
            return section_store.add_from_articles(connection)

    def rename_section(self, old: str, new: str, *, author: str | None = None) -> SectionChange:
        """Rename a listed section and, in the same transaction, every article in it.

        Deleted articles too; each gets a revision ("Section renamed: old → new").
        The section's old page slug stays an alias: the site export answers there.
        """
        with self.db.transaction(write=True) as connection:
            writer = _writer(connection, author or self.author)
            return section_store.rename(connection, writer, old, new)

    def move_section(self, name: str, position: int) -> Section:
        """Move a listed section to ``position`` (1 is first) in the masthead."""
        with self.db.transaction(write=True) as connection:
            return section_store.move(connection, name, position)

    def remove_section(
        self, name: str, *, to: str | None = None, author: str | None = None
    ) -> SectionChange:
        """Take a section off the list: refused (SectionInUseError) while articles use it,
        unless they move ``to`` another listed section (a revision each)."""
        with self.db.transaction(write=True) as connection:
            writer = _writer(connection, author or self.author)
            return section_store.remove(connection, writer, name, to=to)

    def dateline_cities(self, prefix: str = "", limit: int = 200) -> list[str]:
        """Cities of earlier datelines starting with ``prefix``, the most used first."""
        with self.db.reading() as connection:
            return reads.dateline_cities(connection, prefix, limit)

    def search(
        self,
        query: str,
        *,
        limit: int = 50,
        offset: int = 0,
        order: SearchOrder = "newest",
        snippets: bool = True,
    ) -> list[SearchHit]:
        """Articles matching ``query`` (plain words: ``storage/search.py``), newest first,
        or best match first with ``order="best"`` (ranks every match: slower for common words).

        Without ``snippets`` a hit's snippet may be empty (for a list that shows none).
        """
        with self.db.reading() as connection:
            hits = backend_of(connection).fulltext.search(
                connection,
                query,
                reads.SUMMARY_COLUMNS,
                limit=limit,
                offset=offset,
                order=order,
                snippets=snippets,
            )
        return [
            SearchHit(reads.summary(hit.columns), hit.rank, hit.snippet, hit.highlights)
            for hit in hits
        ]

    def history(self, ref: Ref) -> list[RevisionInfo]:
        """An article's revisions, newest first."""
        with self.db.transaction() as connection:
            found = _find(connection, ref, include_deleted=True)
            return [RevisionInfo(*entry) for entry in reads.history(connection, found.id)]

    def taken_from_me(self, ref: Ref, *, since: datetime) -> RevisionInfo | None:
        """The newest take-over of this article's lock from this editor on this machine,
        recorded since ``since``; None when there was none.

        A lock taken over and let go again (a command that took it, then ended)
        leaves no lock to see: its revision says who took it. (Revisions keep
        whole seconds: ``since`` is compared at that precision.)
        """
        from newsroom.storage.writer import TAKEN_OVER

        taken_from = f"{TAKEN_OVER} {self.author} on {self.machine}"
        since = since.replace(microsecond=0)
        for entry in self.history(ref):
            if entry.created_at < since:
                return None
            if entry.summary == taken_from:
                return entry
        return None

    def revision(self, ref: Ref, number: int) -> Article:
        """The article as it was saved in revision ``number``."""
        with self.db.transaction() as connection:
            found = _find(connection, ref, include_deleted=True)
            saved_at, content = _snapshot(connection, found, number)
        return Article(**content).with_changes(id=found.id, revision=number, updated_at=saved_at)

    def check_context(self, *articles: Article, now: datetime | None = None) -> CheckContext:
        """What the editorial checks need to judge ``articles`` here (see ``newsroom.checks``).

        Their internal related headlines are looked up (one context serves a
        whole batch); ``now`` (default: the clock) is when they would be published.
        """
        with self.db.reading() as connection:
            return _check_context(connection, articles, now, self._names)

    def findings(self, article: Article, *, now: datetime | None = None) -> list[Finding]:
        """Every editorial check's findings on ``article`` (saved or not), errors first."""
        from newsroom.checks import check_article

        return check_article(article, self.check_context(article, now=now))

    def missing_related(self, article: Article) -> list[str]:
        """Slugs of internal related headlines with no article in this newsroom."""
        return self.missing_slugs([entry.slug for entry in article.related if entry.is_internal])

    def missing_slugs(self, slugs: Sequence[str]) -> list[str]:
        """Those of ``slugs`` no article in this newsroom answers to."""
        with self.db.reading() as connection:
            owners = reads.slug_owners(connection, slugs)
        return [slug for slug in slugs if slug not in owners]

    # --- bulk reads for exports -------------------------------------------

    def internal_related(self, article_ids: Sequence[int]) -> dict[int, list[str]]:
        with self.db.reading() as connection:
            return reads.internal_related(connection, article_ids)

    def photo_uses(self, article_ids: Sequence[int]) -> dict[int, PhotoUse]:
        with self.db.reading() as connection:
            return reads.photo_uses(connection, article_ids)

    def load_many(self, article_ids: Sequence[int]) -> dict[int, tuple[Article, str | None, int]]:
        """Whole articles with their stored body HTML (and its render version)."""
        with self.db.transaction() as connection:
            return reads.load_many(connection, article_ids)

    def body_html(self, article: Article) -> str:
        """The article's body as safe HTML: the one made at save time when still valid.

        An article being edited (its body differs from the stored one) is
        rendered afresh, as is one stored by an older renderer; a body beyond
        the render limits (``render.bounds``) raises ValidationError.
        """
        from newsroom.render.body import render_body_live  # not loaded by reading commands
        from newsroom.saving import stored_html

        if article.id is not None:
            with self.db.reading() as connection:
                html = stored_html(connection, article.id, article.body)
            if html is not None:
                return html
        try:
            return render_body_live(article.body)  # block by block: the editor changes one
        except ValidationError as error:  # a body beyond the render limits: say whose
            raise error.within(article.slug) from None

    # --- locks -------------------------------------------------------------

    def lock(self, ref: Ref, *, now: datetime | None = None) -> Lock:
        """Take the article's lock for this session (or refresh it when already ours).

        Refused with LockedError while another session's lock is live; one
        whose heartbeat is older than ``lock_expiry`` seconds counts as free.
        """
        moment = now or datetime.now(UTC)
        with self.db.transaction(write=True) as connection:
            found = _find(connection, ref)
            refused = lock_store.take(
                connection, found.id, self._holder(None), moment, expiry=self.lock_expiry
            )
            if refused is not None:
                raise _locked(connection, refused, moment)
            self._may_hold_locks = True
            taken = lock_store.lock_of(connection, found.id, moment, self.lock_expiry)
        assert taken is not None
        return taken

    def lock_of(self, ref: Ref, *, now: datetime | None = None) -> Lock | None:
        """The article's live lock (ours or another's); None when free or expired."""
        with self.db.transaction() as connection:
            found = _find(connection, ref, include_deleted=True)
            return lock_store.lock_of(
                connection, found.id, now or datetime.now(UTC), self.lock_expiry
            )

    def locks(self, *, now: datetime | None = None) -> dict[int, Lock]:
        """Every live lock by article id, oldest first (for lists: one query)."""
        with self.db.reading() as connection:
            return lock_store.live_locks(connection, now or datetime.now(UTC), self.lock_expiry)

    def holds(self, lock: Lock | None) -> bool:
        """Whether ``lock`` is this session's own."""
        return lock is not None and lock.session == self.session

    def unlock(self, ref: Ref) -> bool:
        """Release this session's lock on the article; another's is left alone (False)."""
        with self.db.transaction(write=True) as connection:
            found = _find(connection, ref, include_deleted=True)
            return lock_store.release(connection, self.session, found.id) > 0

    def take_over(
        self, ref: Ref, *, author: str | None = None, now: datetime | None = None
    ) -> Lock:
        """Take the article's lock whoever holds it; a live holder's loss goes in the history.

        The history gets a revision ("Took over the lock from Anna Ivanova on
        desk-3"), so the article's revision moves on by one: the first
        editor's next save is refused as a conflict instead of overwriting.
        """
        moment = now or datetime.now(UTC)
        with self.db.transaction(write=True) as connection:
            found = _find(connection, ref)
            self._take_over(connection, found, author, moment)
            taken = lock_store.lock_of(connection, found.id, moment, self.lock_expiry)
        assert taken is not None
        return taken

    def heartbeat(self, *, now: datetime | None = None) -> set[int]:
        """Refresh every lock this session holds (one statement); returns their article ids.

        An id missing from the answer is a lock taken over since: the app
        tells its editor. The app calls this every ``HEARTBEAT_SECONDS``.
        """
        if not self._may_hold_locks:
            return set()
        with self.db.transaction(write=True) as connection:
            return lock_store.beat(connection, self.session, now or datetime.now(UTC))

    def release_locks(self) -> int:
        """Release every lock this session holds (``close`` does it); returns how many."""
        with self.db.transaction(write=True) as connection:
            released = lock_store.release(connection, self.session)
        self._may_hold_locks = False
        return released

    def _holder(self, author: str | None) -> Holder:
        return Holder(self.session, author or self.author, self.machine)

    def _take_over(
        self, connection: Connection, found: Found, author: str | None, moment: datetime
    ) -> Found:
        """Take the lock in the caller's write; a live other holder is recorded. Returns
        ``found`` as it is now (a recorded take-over is a revision)."""
        previous = lock_store.other_holder(
            connection, found.id, self.session, moment, self.lock_expiry
        )
        lock_store.take(
            connection, found.id, self._holder(author), moment, expiry=self.lock_expiry,
            force=True,
        )  # fmt: skip
        self._may_hold_locks = True
        if previous is None:
            return found
        _writer(connection, author or self.author).lock_taken_over(
            found, previous.holder, previous.machine
        )
        return _find(connection, found.id, include_deleted=True)

    def _respect_lock(
        self,
        connection: Connection,
        found: Found,
        *,
        take_over: bool,
        author: str | None,
    ) -> Found:
        """Refuse a write to an article another session has locked, unless ``take_over``.

        Inside the write's transaction, so no one takes the lock between the
        check and the write. Returns ``found`` as it is now.
        """
        moment = datetime.now(UTC)
        if take_over:
            return self._take_over(connection, found, author, moment)
        holder = lock_store.other_holder(
            connection, found.id, self.session, moment, self.lock_expiry
        )
        if holder is not None:
            raise _locked(connection, holder, moment)
        return found

    # --- writing ---------------------------------------------------------

    def create(self, article: Article, *, summary: str = "", author: str | None = None) -> Article:
        """Save a new article (its slug made from the headline when empty)."""
        from newsroom.saving import create_articles

        with self.db.transaction(write=True) as connection:
            writer = _writer(connection, author or self.author)
            return create_articles(writer, [article], summary=summary or "Created")[0]

    def save(
        self,
        article: Article,
        *,
        summary: str = "",
        author: str | None = None,
        force: bool = False,
        take_over: bool = False,
    ) -> Article:
        """Save an edited article (``article.id`` set); a revision when content changed.

        When someone else saved the article after this copy was loaded (its
        ``revision`` is behind), the save is refused with a ConflictError
        rather than silently replacing their work; ``force`` saves anyway
        (their version stays in the history). The slug of a published
        article changes only through ``rename``.

        An article another session has locked is refused with LockedError
        (before the conflict check: being taken over is the news); ``take_over``
        takes the lock first (recorded in the history), as every write's
        ``take_over`` does, once the copy is known to be current.
        """
        from newsroom.saving import update_article

        if article.id is None:
            raise ValueError("save() needs a saved article; use create() for a new one")
        with self.db.transaction(write=True, one_article=True) as connection:
            # The row lock first, in the same statement: the checks below hold until the write.
            moment = datetime.now(UTC)
            held, lock = lock_store.held_with_lock(connection, article.id, moment, self.lock_expiry)
            found = _checked_found(held, article.id)
            refuse_edit(found)  # the agency's text; wire updates come through imports
            if not take_over and lock is not None and lock.session != self.session:
                # Someone else holds it: say so, whatever else changed (a take-over is
                # a revision too, and "taken over" says more than "saved meanwhile").
                raise _locked(connection, lock, moment)
            latest = None if force else _saved_since(connection, found, article.revision)
            if latest is not None:
                raise _conflict(found, article.revision, latest)
            if take_over:  # after the conflict check: a stale copy never takes anything over
                found = self._respect_lock(connection, found, take_over=True, author=author)
            writer = _writer(connection, author or self.author)
            return update_article(writer, found, article, summary=summary)

    def start_story(self, ref: Ref, *, author: str | None = None) -> Article:
        """A new draft started from the incoming wire item ``ref`` (see ``wire_story``).

        The wire item is left as it is; the draft's ``source`` links the two.
        """
        from newsroom.saving import create_articles

        with self.db.transaction(write=True) as connection:
            item = reads.load(connection, _find(connection, ref).id)
            story = story_from(item)
            assert item.source is not None  # story_from refuses items without one
            writer = _writer(connection, author or self.author)
            return create_articles(writer, [story], summary=started_summary(item.source))[0]

    def import_articles(
        self,
        inputs: Sequence[ArticleInput],
        *,
        update: bool = False,
        force: bool = False,
        summary: str = "",
        author: str | None = None,
        take_over: bool = False,
        skip_imported: bool = False,
    ) -> list[ImportResult]:
        """Create (or with ``update``, change) articles from parsed input, all or nothing.

        An update whose input gives the ``revision`` it was read at is
        refused with a ConflictError when the article was saved since, as
        the app's saves are (``save``); ``force`` updates anyway (the newer
        version stays in the history). One such conflict refuses the whole
        input, naming every conflicting article. New articles are written
        together; results come back in input order. An update of an article
        another session has locked is refused (LockedError) unless ``take_over``.

        A wire item (``ArticleInput.from_wire``) already imported is updated
        when this is a newer version of it (same agency and item id), with a
        revision saying so; an older or the same version refuses the input
        (with ``skip_imported`` the same version is skipped instead, its result
        a ``duplicate``: a drop folder sees a package and the item files it
        names). Several versions of one item in the input apply in version
        order: the first creates (or updates), each later one updates.
        """
        with self.db.transaction(write=True) as connection:
            writer = _writer(connection, author or self.author)
            return self._import_into(
                writer, inputs, update=update, force=force, summary=summary, author=author,
                take_over=take_over, skip_imported=skip_imported,
            )  # fmt: skip

    def import_stream(
        self,
        chunks: Iterable[Sequence[ArticleInput]],
        imported: Callable[[Sequence[ArticleInput], list[ImportResult]], None],
        *,
        update: bool = False,
        force: bool = False,
        summary: str = "",
        take_over: bool = False,
    ) -> int:
        """``import_articles`` for an input too large to hold: chunk by chunk, all or nothing.

        Every chunk is written in one transaction, committed after the last:
        a problem anywhere refuses the whole input, as ``import_articles``
        does. ``imported`` is told each chunk and its results as written (not
        yet committed: report them once this returns). A slug given twice in
        the input is refused, as in one ``import_articles``.
        Returns how many articles were imported.
        """
        from newsroom.parallel import ReadAhead, Workers, start_workers

        count = 0
        with self.db.transaction(write=True, bulk=True) as connection, Workers(2) as pool:
            writer = _writer(connection, self.author)
            stored_before = connection.scalar(select(func.max(ARTICLES.c.id))) or 0
            start_workers(pool)  # forked before the read-ahead thread starts
            # The next chunk is read (decoded, checked) while this one is written.
            with ReadAhead(chunks) as ahead:
                for chunk, rendered in _rendered_ahead(ahead, pool):
                    results = self._import_into(
                        writer, chunk, update=update, force=force, summary=summary,
                        author=None, take_over=take_over, skip_imported=False,
                        rendered=rendered, stored_before=stored_before,
                    )  # fmt: skip
                    writer.section_notes.clear()  # told with this chunk's results
                    count += len(results)
                    imported(chunk, results)
        return count

    def _import_into(
        self,
        writer: Writer,
        inputs: Sequence[ArticleInput],
        *,
        update: bool,
        force: bool,
        summary: str,
        author: str | None,
        take_over: bool,
        skip_imported: bool,
        rendered: Mapping[str, Rendered] | None = None,
        stored_before: int | None = None,
    ) -> list[ImportResult]:
        """``import_articles``'s work, with the writer of the caller's transaction;
        ``rendered``: bodies rendered beforehand, by their text; ``stored_before``: the
        newest article id before this input began (later ones are the input's own)."""
        connection = writer.db
        later = _later_versions(inputs)
        _check_unique_slugs([item for index, item in enumerate(inputs) if index not in later])
        wire_updates, duplicates = _wire_updates(connection, inputs, skip_imported)
        existing = _existing(connection, inputs)
        if update and not force:
            _check_read_revisions(connection, existing, inputs)
        for item in inputs:
            if item.photo_file is not None:
                writer.store_photo(item.photo_file, filename=item.photo_file.source)
            _prefill_photo(connection, item)
        results: dict[int, ImportResult] = {}
        creates: list[tuple[int, ArticleInput]] = []
        for index, item in enumerate(inputs):
            if index in later:
                continue
            if index in duplicates:
                article = reads.load(connection, duplicates[index].id)
                results[index] = ImportResult(article, False, False, duplicate=True)
                continue
            if index in wire_updates:
                held = self._respect_lock(
                    connection, wire_updates[index], take_over=take_over, author=author
                )
                results[index] = _update_one(writer, held, item, summary or _wire_update(item))
                continue
            found = existing.get(item.get("slug") or "")
            if found is None:
                creates.append((index, item))
                continue
            _check_updatable(found, item, update, stored_before)
            found = self._respect_lock(connection, found, take_over=take_over, author=author)
            results[index] = _update_one(writer, found, item, summary)
        for (index, _), article in zip(
            creates,
            _create_all(writer, [item for _, item in creates], summary, rendered),
            strict=True,
        ):
            results[index] = ImportResult(article, created=True, changed=True)
        for index in later:  # in version order, after the first version is stored
            found = _stored_version(connection, inputs[index])
            results[index] = _update_one(
                writer, found, inputs[index], summary or _wire_update(inputs[index])
            )
        return _with_notes([results[index] for index in range(len(inputs))], writer.section_notes)

    def import_json(
        self,
        document: Any,
        *,
        base_dir: Path | None,
        update: bool = False,
        force: bool = False,
        summary: str = "",
        take_over: bool = False,
    ) -> list[ImportResult]:
        """Parse and import a JSON article document (an object or a list)."""
        from newsroom.article_json import read_articles

        inputs = read_articles(document, base_dir=base_dir, tz=self.settings().tzinfo)
        return self.import_articles(
            inputs, update=update, force=force, summary=summary, take_over=take_over
        )

    def set_status(
        self,
        ref: Ref,
        status: Status,
        *,
        published_at: datetime | None = None,
        reason: str = "",
        author: str | None = None,
        override: str = "",
        take_over: bool = False,
    ) -> Article:
        """Move an article to ``status`` (``article.STATUS_TRANSITIONS`` says which may follow).

        ``published_at`` (aware; only with ``Status.PUBLISHED``) is the
        publication time, now when not given: a time ahead holds the story
        as scheduled until then (``Article.is_scheduled``); for a story
        already published it moves the time. ``reason`` goes into the
        revision's summary; taking a published or corrected story back to
        draft (unpublishing) needs one (``article.needs_reason``), and
        clears its publication time.

        Publishing (to published or corrected) is refused with
        ``ChecksFailedError`` while an error-severity check finding stands,
        unless ``override`` gives the reason to publish anyway; the override,
        its reason and the findings it passed are kept in the revision.
        """
        from newsroom.checks.workflow import GATED_STATUSES, passed_gate
        from newsroom.saving import update_article

        changes: dict[str, Any] = {"status": status}
        if published_at is not None:
            changes["published_at"] = _publication_time(status, published_at)
        with self.db.transaction(write=True) as connection:
            found = _find(connection, ref)
            found = self._respect_lock(connection, found, take_over=take_over, author=author)
            current = reads.load(connection, found.id)
            wanted = current.with_changes(**changes)
            if status in GATED_STATUSES and status != current.status:
                moment = wanted.published_at or datetime.now(UTC)
                context = _check_context(connection, [wanted], moment, self._names)
                reason = passed_gate(wanted, context, reason, override)
            writer = _writer(connection, author or self.author)
            return update_article(writer, found, wanted, reason=reason)

    def rename(
        self, ref: Ref, slug: str, *, author: str | None = None, take_over: bool = False
    ) -> Article:
        """Give an article a new slug; it keeps answering to the old one."""
        problem = slug_problem(slug)
        if problem:
            raise ValidationError.single("slug", problem)
        with self.db.transaction(write=True) as connection:
            found = _find(connection, ref)
            refuse_edit(found)
            found = self._respect_lock(connection, found, take_over=take_over, author=author)
            return _writer(connection, author or self.author).rename(found, slug)

    def restore(
        self, ref: Ref, number: int, *, author: str | None = None, take_over: bool = False
    ) -> Article:
        """Bring back what revision ``number`` said, as a new revision.

        The slug, status and publication time stay as they are now.
        """
        from newsroom.saving import update_article

        with self.db.transaction(write=True) as connection:
            found = _find(connection, ref)
            refuse_edit(found)
            found = self._respect_lock(connection, found, take_over=take_over, author=author)
            _, content = _snapshot(connection, found, number)
            current = reads.load(connection, found.id)
            restored = current.with_changes(
                **{key: content[key] for key in RESTORABLE_FIELDS if key in content}
            )
            writer = _writer(connection, author or self.author)
            return update_article(writer, found, restored, summary=f"Restored revision {number}")

    def delete(self, ref: Ref, *, author: str | None = None, take_over: bool = False) -> Article:
        """Move an article to the trash: hidden everywhere, kept with its history."""
        with self.db.transaction(write=True) as connection:
            found = _find(connection, ref)
            found = self._respect_lock(connection, found, take_over=take_over, author=author)
            return _writer(connection, author or self.author).delete(found)

    def undelete(self, ref: Ref, *, author: str | None = None, take_over: bool = False) -> Article:
        with self.db.transaction(write=True) as connection:
            found = _find(connection, ref, include_deleted=True)
            if not found.deleted:
                raise ValidationError.single("", f"article {found.slug!r} is not deleted")
            found = self._respect_lock(connection, found, take_over=take_over, author=author)
            return _writer(connection, author or self.author).undelete(found)

    def purge(self, ref: Ref, *, take_over: bool = False) -> None:
        """Remove a deleted article and its history for good."""
        with self.db.transaction(write=True) as connection:
            found = _find(connection, ref, include_deleted=True)
            if not found.deleted:
                raise ValidationError.single(
                    "", f"article {found.slug!r} is not deleted; delete it before purging it"
                )
            self._respect_lock(connection, found, take_over=take_over, author=None)
            connection.execute(delete(ARTICLES).where(ARTICLES.c.id == found.id))

    # --- maintenance -----------------------------------------------------

    def backup(self, destination: Path) -> Path:
        """A consistent copy of the newsroom in one SQLite file, safe while others write.

        An SQLite newsroom is copied page by page (SQLite's backup API); a
        newsroom on a server is copied row by row into a new SQLite newsroom
        (``storage/copying``), so a backup is always one file anyone can open.
        """
        path = self.path
        if destination.is_dir():
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            stem, suffix = (path.stem, path.suffix) if path else (self.url.database, "")
            destination = destination / f"{stem or 'newsroom'}-{stamp}{suffix or '.sqlite'}"
        if not destination.parent.is_dir():
            raise StorageError(
                f"{destination}: cannot write the backup, the folder {destination.parent} "
                "does not exist"
            )
        if path is not None and destination.resolve() == path.resolve():
            raise StorageError(f"{destination}: that is the newsroom itself; choose another path")
        self.db.backend.backup(self.url, destination)
        return destination

    def check(self, *, repair: bool = False) -> CheckReport:
        """Integrity, foreign keys, schema, search index, revision counts and photos.

        The schema is compared with what the migrations make (``storage/health``);
        ``repair`` recreates missing indexes, views, triggers and tables, and
        refills the search indexes. A part that cannot be read is a problem
        in the report, not a failure of the whole check.
        """
        from newsroom.photos.library import METADATA_VERSION

        report = CheckReport()
        with self.db.transaction(write=repair) as connection:
            backend_of(connection).check_integrity(connection, report.checked, report.problems)
            self._check_schema(connection, report, repair=repair)
            for part, step in (
                ("search index", self._check_search_index),
                ("known names", _check_known_names),
                ("revisions", reads.check_revisions),
            ):
                try:
                    step(connection, report.checked, report.problems)
                except DBAPIError as error:
                    report.problems.append(f"{part}: cannot be checked ({explain(error)})")
            unread = len(reads.photos_to_reread(connection, METADATA_VERSION))
        if unread and repair:
            count, warnings = self.photos.reread_metadata()
            report.checked.append(f"photos: metadata read again for {count}")
            report.checked.extend(f"photos: {warning}" for warning in warnings)
        elif unread:
            report.problems.append(
                f"photos: {unread} stored before their metadata was read; "
                "read it with 'newsroom check-db --repair'"
            )
        else:
            report.checked.append("photos: every photo's metadata is read")
        return report

    def _check_schema(self, connection: Connection, report: CheckReport, *, repair: bool) -> None:
        state = read_state(connection)
        if state.revision == SCHEMA_HEAD:
            report.checked.append(f"schema: current ({SCHEMA_HEAD})")
        else:
            report.problems.append(f"schema: {state.revision} but expected {SCHEMA_HEAD}")
        backend_of(connection).check_schema(
            connection, report.checked, report.problems, repair=repair
        )

    def _check_search_index(
        self, connection: Connection, checked: list[str], problems: list[str]
    ) -> None:
        writing = connection.get_execution_options().get(WRITE_OPTION, False)
        fulltext = backend_of(connection).fulltext
        found = fulltext.problems(connection, read_only=self.read_only is not None)
        if found and writing:
            fulltext.rebuild(connection)
            checked.append("search index: rebuilt")
        elif found:
            problems.extend(found)
        elif self.read_only:
            checked.append("search index: holds every article (read-only: words not re-checked)")
        else:
            checked.append("search index: matches the articles")


def _check_known_names(connection: Connection, checked: list[str], problems: list[str]) -> None:
    """The known names' rows against the articles; rebuilt by a repair."""
    found = names_store.problems(connection)
    if found and connection.get_execution_options().get(WRITE_OPTION, False):
        names_store.rebuild(connection)
        checked.append("known names: rebuilt")
    elif found:
        problems.extend(
            f"{problem}; rebuild them with 'newsroom check-db --repair'" for problem in found
        )
    else:
        checked.append("known names: match the articles")


def _check_context(
    connection: Connection, articles: Sequence[Article], now: datetime | None, names: KnownNames
) -> CheckContext:
    from newsroom.checks import CheckContext

    slugs = [entry.slug for article in articles for entry in article.related if entry.is_internal]
    targets = reads.lookup(connection, slugs) if slugs else {}
    return CheckContext(
        settings=reads.read_settings(connection),
        now=now or datetime.now(UTC),
        related={slug: target.status for slug, target in targets.items()},
        related_known=True,
        dictionary=frozenset(map(fold, reads.dictionary_words(connection))),
        names=names,
        sections=tuple(section_store.listed_names(connection)),
        codes=reads.codes(connection),
        wire_items=_wire_items_of(connection, articles),
    )


def _wire_items_of(
    connection: Connection, articles: Sequence[Article]
) -> dict[tuple[str, str], WireSource]:
    """The wire items these stories were started from, as each stands now."""
    items: dict[tuple[str, str], WireSource] = {}
    for article in articles:
        source = article.source
        if source is None or not source.is_wire_item or article.status is Status.INCOMING:
            continue
        key = (source.agency, source.item_id)
        if key not in items and (now := reads.wire_item_source(connection, source)) is not None:
            items[key] = now
    return items


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


def _prefill_photo(connection: Connection, item: ArticleInput) -> None:
    """Caption, credit and alt the input left out come from the photo's own metadata."""
    from newsroom.photo_desk import prefilled_use

    use = item.get("photo")
    if use is None or not item.photo_prefill:
        return
    photo = reads.photo(connection, use.sha256)
    if photo is None:
        return  # unknown photo: the writer reports it
    filled = prefilled_use(photo)
    item.fields["photo"] = dataclasses.replace(
        use, **{key: getattr(filled, key) for key in item.photo_prefill}
    )


def _publication_time(status: Status, published_at: datetime) -> datetime:
    if status is not Status.PUBLISHED:
        raise ValidationError.single(
            "published_at",
            f"a publication time goes with the published status, not {status.value}",
        )
    if published_at.tzinfo is None or published_at.utcoffset() is None:
        raise ValidationError.single(
            "published_at", "give the time with its time zone (a time without one is ambiguous)"
        )
    return published_at


def _taken_message(found: Found, update: bool) -> str:
    if found.deleted:
        return (
            f"{found.slug!r} belongs to a deleted article (id {found.id}); "
            f"bring it back with 'newsroom undelete {found.slug}' or choose another slug"
        )
    hint = "" if update else "; use --update to change it, or choose another slug"
    return f"an article with slug {found.slug!r} already exists (id {found.id}){hint}"


def _check_unique_slugs(inputs: Sequence[ArticleInput]) -> None:
    seen: set[str] = set()
    for item in inputs:
        slug = item.get("slug") or ""
        if slug in seen:
            raise ValidationError.single("slug", f"{slug!r} appears twice in this file").within(
                item.problems_at
            )
        if slug:
            seen.add(slug)


def _existing(connection: Connection, inputs: Sequence[ArticleInput]) -> dict[str, Found]:
    """The articles (deleted ones too) whose current slugs the inputs give."""
    return reads.find_slugs(connection, [item.get("slug") for item in inputs if item.get("slug")])


def _wire_updates(
    connection: Connection, inputs: Sequence[ArticleInput], skip_imported: bool
) -> tuple[dict[int, Found], dict[int, Found]]:
    """By input index, the stored wire items these inputs are newer versions of, and (with
    ``skip_imported``) those they repeat at the same version.

    An input that is the same or an older version of a stored item refuses
    the whole import (ConflictError), as does one whose version cannot be
    compared: guessing would put an old text over a newer one.
    """
    updates: dict[int, Found] = {}
    duplicates: dict[int, Found] = {}
    for index, item in enumerate(inputs):
        source = _wire_source(item)
        if source is None:
            continue
        stored = reads.find_wire_item(connection, source.agency, source.item_id)
        if stored is None:
            continue
        found, version = stored
        if skip_imported and source.version == version:
            duplicates[index] = found
            continue
        refusal = _not_newer(source, version, found.slug)
        if refusal:
            where = f"{item.problems_at}: " if item.problems_at else ""
            raise ConflictError(f"{where}{refusal}")
        updates[index] = found
    return updates, duplicates


def _wire_source(item: ArticleInput) -> WireSource | None:
    source = item.get("source")
    return source if item.from_wire and isinstance(source, WireSource) else None


def _later_versions(inputs: Sequence[ArticleInput]) -> list[int]:
    """Indexes of inputs that are later versions of an item given in the same input, in the
    order to apply them (by item, oldest version first; the oldest itself is not listed).

    Versions within one input must be numbers and differ: an item twice at
    the same version, or at versions that cannot be ordered, refuses the
    input (ConflictError) rather than keep one at random.
    """
    by_item: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for index, item in enumerate(inputs):
        source = _wire_source(item)
        if source is not None:
            by_item.setdefault((source.agency, source.item_id), []).append((source.version, index))
    later: list[int] = []
    for (agency, item_id), found in by_item.items():
        if len(found) < 2:
            continue
        what = f"item {item_id} from {agency or 'an unnamed agency'} is in this input"
        versions = [version for version, _ in found]
        if not all(_is_number(version) for version in versions):
            shown = ", ".join(version or "(none)" for version in versions)
            raise ConflictError(
                f"{what} {len(found)} times, at versions that cannot be ordered ({shown}); "
                "nothing imported"
            )
        if len({int(version) for version in versions}) < len(versions):
            raise ConflictError(f"{what} twice at the same version; nothing imported")
        ordered = sorted(found, key=lambda pair: int(pair[0]))
        later.extend(index for _, index in ordered[1:])
    return later


def _not_newer(source: WireSource, stored: str, slug: str) -> str:
    """Why ``source`` cannot update the article ``slug`` holding version ``stored``; "" if newer.

    Versions compare as numbers when both are digits; anything else is not guessed at.
    """
    item = f"item {source.item_id} from {source.agency or 'an unnamed agency'}"
    new, old = source.version or "(none)", stored or "(none)"
    if _is_number(source.version) and _is_number(stored):
        if int(source.version) > int(stored):
            return ""
        return (
            f"{item}: version {new} is not newer than version {old}, already imported as "
            f"{slug}; nothing imported"
        )
    if source.version == stored:
        return f"{item}: version {new} is already imported as {slug}; nothing imported"
    return (
        f"{item}: cannot tell whether version {new} is newer than version {old} (imported as "
        f"{slug}); nothing imported"
    )


def _stored_version(connection: Connection, item: ArticleInput) -> Found:
    """The stored article a later version in the same input updates (stored just before)."""
    source = _wire_source(item)
    assert source is not None
    stored = reads.find_wire_item(connection, source.agency, source.item_id)
    assert stored is not None  # the input's earlier version was stored in this transaction
    return stored[0]


def _is_number(version: str) -> bool:
    return version.isascii() and version.isdigit()


def _wire_update(item: ArticleInput) -> str:
    """The revision summary of a newer version of a wire item: ``wire update v3 from AP``;
    ``wire kill v3 from AP: canceled`` when the agency withheld or canceled it."""
    source = item.get("source")
    assert isinstance(source, WireSource)
    agency = source.agency or "the agency"
    if source.is_withdrawn:
        return f"wire kill v{source.version} from {agency}: {source.pubstatus}"
    return f"wire update v{source.version} from {agency}"


def _update_one(writer: Writer, found: Found, item: ArticleInput, summary: str) -> ImportResult:
    from newsroom.saving import update_article

    current = reads.load(writer.db, found.id)
    changes = {key: value for key, value in item.fields.items() if key != "slug"}
    try:
        saved = update_article(writer, found, current.with_changes(**changes), summary=summary)
    except ValidationError as error:
        raise error.within(item.problems_at) from None
    return ImportResult(saved, created=False, changed=saved.revision != current.revision)


def _check_updatable(
    found: Found, item: ArticleInput, update: bool, stored_before: int | None
) -> None:
    """ValidationError unless the stored article ``found`` may be updated from ``item``."""
    if stored_before is not None and found.id > stored_before:  # made by this same input
        raise ValidationError.single("slug", f"{found.slug!r} appears twice in this file").within(
            item.problems_at
        )
    if found.deleted or not update:
        raise ValidationError.single("slug", _taken_message(found, update)).within(item.problems_at)
    try:
        refuse_edit(found)
    except ValidationError as error:
        raise error.within(item.problems_at) from None


def _rendered_ahead(
    chunks: Iterable[Sequence[ArticleInput]],
    pool: ProcessPoolExecutor | None,
) -> Iterator[tuple[Sequence[ArticleInput], dict[str, Rendered]]]:
    """Each chunk with its bodies rendered, the next chunk's started before this one is given:
    the workers render while the caller writes."""
    waiting: tuple[Sequence[ArticleInput], Callable[[], dict[str, Rendered]]] | None = None
    for chunk in chunks:
        from newsroom.render.bodies import render_ahead  # not loaded by reading commands

        started = render_ahead(pool, [item.get("body") or "" for item in chunk])
        if waiting is not None:
            yield waiting[0], waiting[1]()
        waiting = (chunk, started)
    if waiting is not None:
        yield waiting[0], waiting[1]()


def _create_all(
    writer: Writer,
    items: Sequence[ArticleInput],
    summary: str,
    rendered: Mapping[str, Rendered] | None = None,
) -> list[Article]:
    from newsroom.saving import create_articles

    articles = []
    for item in items:
        if "headline" not in item.fields:
            raise ValidationError.single(
                "headline", "required: every article needs a headline"
            ).within(item.problems_at)
        articles.append(Article(**item.fields))
    return create_articles(
        writer, articles, summary=summary or "Imported", paths=[item.problems_at for item in items],
        rendered=rendered,
    )  # fmt: skip


def _saved_since(connection: Connection, found: Found, read: int | None) -> RevisionInfo | None:
    """The article's newest revision when a copy read at revision ``read`` is not the latest.

    The one check of "saved by someone else since this copy was read", for
    the app's saves and for imports of files ``show --json`` wrote: a copy
    saved over a newer revision would silently undo that revision's edits.
    None when ``read`` is the stored revision or unknown (0 or None).
    """
    if not read or read == found.revision:
        return None
    return RevisionInfo(*reads.history(connection, found.id)[0])


def _conflict(found: Found, loaded: int, latest: RevisionInfo) -> ConflictError:
    return ConflictError(
        f"{found.slug}: changed by {latest.author} since you opened it (revision {loaded} → "
        f"{found.revision}: {latest.summary}); reload it, or save anyway to keep yours on top"
    )


def _check_read_revisions(
    connection: Connection, existing: dict[str, Found], inputs: Sequence[ArticleInput]
) -> None:
    """Refuse the import when any article it updates was saved since its file was read."""
    settings: Settings | None = None
    conflicts: list[tuple[ArticleInput, str]] = []
    for item in inputs:
        found = existing.get(item.get("slug") or "")
        if found is None or found.deleted:
            continue
        latest = _saved_since(connection, found, item.revision)
        if latest is not None:
            settings = settings or reads.read_settings(connection)
            conflicts.append((item, _import_conflict(found, item.revision or 0, latest, settings)))
    if conflicts:
        (first, message), *others = conflicts
        where = f"{first.problems_at}: " if first.problems_at else ""
        more = f" (and {len(others)} more: {', '.join(item.get('slug') for item, _ in others)})"
        raise ConflictError(where + message + (more if others else ""))


def _import_conflict(found: Found, read: int, latest: RevisionInfo, settings: Settings) -> str:
    advice = "re-read it or use --force"
    if read > found.revision:
        return (
            f"{found.slug}: the file was read at revision {read} but the newsroom has only "
            f"{found.revision} (is it from another newsroom?); {advice}"
        )
    when = latest.created_at.astimezone(settings.tzinfo).strftime("%Y-%m-%d %H:%M")
    saves = found.revision - read
    several = f" (the last of {saves} saves)" if saves > 1 else ""
    return (
        f"{found.slug}: changed by {latest.author} at {when} ({settings.timezone}){several} "
        f"since revision {read} was read; {advice}"
    )


def _locked(connection: Connection, lock: Lock, now: datetime) -> LockedError:
    """The refusal naming who holds the lock, since when (in the newsroom's time zone)."""
    tz = reads.read_settings(connection).tzinfo
    since = lock.since.astimezone(tz)
    same_day = since.date() == now.astimezone(tz).date()
    shown = since.strftime("%H:%M" if same_day else "%Y-%m-%d %H:%M")
    return LockedError(lock.slug, lock.holder, lock.machine, shown)


def _find(connection: Connection, ref: Ref, *, include_deleted: bool = False) -> Found:
    return _checked_found(reads.find(connection, ref), ref, include_deleted=include_deleted)


def _checked_found(found: Found | None, ref: Ref, *, include_deleted: bool = False) -> Found:
    if found is None:
        raise NotFoundError(f"{ref}: no such article (give an id or a slug)")
    if found.deleted and not include_deleted:
        raise NotFoundError(
            f"{ref}: that article was deleted; bring it back with 'newsroom undelete {found.slug}'"
        )
    return found


def _snapshot(connection: Connection, found: Found, number: int) -> tuple[datetime, dict[str, Any]]:
    from newsroom.article_json import read_article
    from newsroom.revisions import decode_snapshot

    stored = reads.revision_snapshot(connection, found.id, number)
    if stored is None:
        raise NotFoundError(
            f"{found.slug}: no revision {number} (it has revisions 1 to {found.revision})"
        )
    saved_at, blob = stored
    content = read_article(decode_snapshot(blob), base_dir=None, tz=UTC).fields
    return saved_at, content


def _with_notes(
    results: list[ImportResult], notes: Sequence[tuple[str, str]]
) -> list[ImportResult]:
    """Each note given to the result of the article it is about (by slug)."""
    by_slug: dict[str, list[str]] = {}
    for slug, note in notes:
        by_slug.setdefault(slug, []).append(note)
    return [
        dataclasses.replace(result, notes=tuple(by_slug[result.article.slug]))
        if result.article.slug in by_slug
        else result
        for result in results
    ]
