"""The names a newsroom knows, for spelling: read once, then kept up to date cheaply.

The words of tags, bylines, dateline cities and quote speakers, and the
capitalised words (after the first) of published and corrected headlines
(``words.name_words``). Drafts' headlines are left out: a slip there would
become a known name. Deleted articles count (their ``deleted_at`` is
stored after the body: reading it would read every body).

The app checks the open article after every autosave, and each save adds a
revision. ``KnownNames.updated`` reads only the articles saved since: when
their name fields lost nothing (a body edit, a tag added), their new words
join the set; when a name may have gone (a tag or byline changed, a
published headline corrected, a purge), everything is read again, so a
typo that was fixed never stays a known name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy.engine import Connection

from newsroom.article import Status
from newsroom.storage.backend import backend_of
from newsroom.words import name_words

# An article's texts that names come from: tags, byline, dateline city, the
# headline (when published or corrected, else ""), its quotes' speakers.
Sources = tuple[str, str, str, str, str]

_ARTICLE_SOURCES = (
    "SELECT id, tags, byline, dateline_city, "
    "CASE WHEN id IN (SELECT id FROM articles WHERE status IN (?, ?)) THEN headline ELSE '' END "
    "FROM articles"
)
_CHANGED = "(SELECT article_id FROM revisions WHERE id > ?)"


@dataclass(frozen=True)
class KnownNames:
    """The names, with the revision they were read at and each article's sources."""

    newest: int  # the newest revision id read
    revisions: int  # how many revisions there were
    sources: dict[int, Sources]
    names: frozenset[str]

    @classmethod
    def read(cls, connection: Connection) -> KnownNames:
        newest, revisions = marker(connection)
        sources = _sources(connection, None)
        return cls(newest, revisions, sources, names_of(sources.values()))

    def updated(self, connection: Connection) -> KnownNames:
        """These names as the newsroom has them now (``self`` when nothing was saved)."""
        newest, revisions = marker(connection)
        if (newest, revisions) == (self.newest, self.revisions):
            return self
        if newest < self.newest or revisions < self.revisions:  # revisions removed: a purge
            return KnownNames.read(connection)
        fresh = _sources(connection, self.newest)
        if any(not _keeps(self.sources.get(key), new) for key, new in fresh.items()):
            return KnownNames.read(connection)
        sources = {**self.sources, **fresh}
        return KnownNames(newest, revisions, sources, self.names | names_of(fresh.values()))


def marker(connection: Connection) -> tuple[int, int]:
    """The revisions' newest id and their number: every save, import and purge moves it."""
    newest, number = (
        backend_of(connection)
        .rows(connection, "SELECT max(id), count(*) FROM revisions")
        .fetchone()
    )
    return (newest or 0, number)


def names_of(sources: Iterable[Sources]) -> frozenset[str]:
    """The folded name words of these articles' sources (a few long strings for Python)."""
    rows: Sequence[Sources] = list(sources)
    found = name_words(["\n".join((s[0], s[1], s[2], s[4])) for s in rows])
    found |= name_words([s[3] for s in rows if s[3]], skip_first=True)
    return frozenset(found)


def _sources(connection: Connection, since: int | None) -> dict[int, Sources]:
    """Every article's sources, or only those saved after revision id ``since``."""
    db = backend_of(connection)
    public = (Status.PUBLISHED.value, Status.CORRECTED.value)
    if since is None:
        rows = db.rows(connection, _ARTICLE_SOURCES, public)
        spoken = db.rows(connection, f"{_SPEAKERS} ORDER BY article_id, position")
    else:
        rows = db.rows(connection, f"{_ARTICLE_SOURCES} WHERE id IN {_CHANGED}", (*public, since))
        spoken = db.rows(
            connection, f"{_SPEAKERS} WHERE article_id IN {_CHANGED} ORDER BY article_id, position",
            (since,),
        )  # fmt: skip
    speakers = _joined_lines(spoken.fetchall())
    return {
        row[0]: (row[1], row[2], row[3], row[4], speakers.get(row[0], ""))
        for row in rows.fetchall()
    }


_SPEAKERS = "SELECT article_id, speaker FROM quotes"


def _joined_lines(rows: Iterable[tuple[int, str]]) -> dict[int, str]:
    """Each article's speakers, one per line (joined here: the engines spell it differently)."""
    lines: dict[int, list[str]] = {}
    for article_id, speaker in rows:
        lines.setdefault(article_id, []).append(speaker)
    return {article_id: "\n".join(found) for article_id, found in lines.items()}


def _keeps(old: Sources | None, new: Sources) -> bool:
    """Whether ``new`` still holds every line of every source ``old`` had (nothing lost)."""
    if old is None or old == new:
        return True
    pairs = zip(old, new, strict=True)
    return all(set(was.split("\n")) <= set(now.split("\n")) for was, now in pairs)
