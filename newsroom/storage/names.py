"""The names a newsroom knows, for spelling: asked word by word, through an index.

The words of tags, bylines, dateline cities and quote speakers, and the
capitalised words (after the first) of published and corrected headlines
(``words.name_words``). Drafts' headlines are left out: a slip there would
become a known name. Deleted articles count.

``article_names`` (migration 0018) holds each article's name words, one row
a word, under an index on the word. The writer replaces an article's rows in
the same save whenever its sources change (a tag or byline edited, a
headline published or corrected), so a typo that was fixed never stays a
known name; a purge removes them with the article. Spelling asks only about
the words it finds in no word list (a handful an article): the question
costs what the open article needs, whatever the archive holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select
from sqlalchemy.engine import Connection

from newsroom.article import Article, Status
from newsroom.storage.database import Database
from newsroom.storage.schema import ARTICLE_NAMES, ARTICLES, QUOTES
from newsroom.words import name_words

# Words per IN list: well under every engine's limit of bound parameters.
_CHUNK = 500
# Articles read at a time by ``rebuild``: memory stays flat in the newsroom's size.
_REBUILD_BATCH = 5_000
_PUBLIC = (Status.PUBLISHED.value, Status.CORRECTED.value)

# An article's texts that names come from: tags, byline, dateline city, its quotes'
# speakers (each a tuple of lines), and the headline when published or corrected, else "".
Sources = tuple[tuple[str, ...], str, str, tuple[str, ...], str]


def sources_of(article: Article) -> Sources:
    headline = article.headline if article.status.value in _PUBLIC else ""
    speakers = tuple(quote.speaker for quote in article.quotes)
    return (tuple(article.tags), article.byline, article.dateline.city, speakers, headline)


def words_of(sources: Sources) -> frozenset[str]:
    """The folded name words of one article's sources.

    Each text is cut on its own (``name_words`` cuts at whitespace, so the
    words of texts together are the words of each): a byline, a city or a
    speaker that recurs across an import is cut once.
    """
    tags, byline, city, speakers, headline = sources
    found = frozenset().union(*map(_text_words, (*tags, byline, city, *speakers)))
    return found | _headline_words(headline) if headline else found


@lru_cache(maxsize=20_000)
def _text_words(text: str) -> frozenset[str]:
    return frozenset(name_words([text])) if text else frozenset()


def _headline_words(headline: str) -> frozenset[str]:
    return frozenset(name_words([headline], skip_first=True))


def insert_names(connection: Connection, articles: Sequence[Article]) -> None:
    """The name rows of new articles (with their ids)."""
    rows = [
        {"word": word, "article_id": article.id}
        for article in articles
        for word in words_of(sources_of(article))
    ]
    if rows:
        connection.execute(insert(ARTICLE_NAMES), rows)


def replace_names(connection: Connection, before: Article, after: Article) -> None:
    """An article's name rows as ``after`` has them, when its sources changed since ``before``."""
    new = sources_of(after)
    if sources_of(before) == new:
        return
    connection.execute(delete(ARTICLE_NAMES).where(ARTICLE_NAMES.c.article_id == after.id))
    insert_names(connection, [after])


def rebuild(connection: Connection) -> None:
    """Every article's name rows made again from the articles (migration, recovery, repair)."""
    connection.execute(delete(ARTICLE_NAMES))
    for rows in _all_sources(connection):
        found = [
            {"word": word, "article_id": article_id}
            for article_id, sources in rows
            for word in words_of(sources)
        ]
        if found:
            connection.execute(insert(ARTICLE_NAMES), found)


def problems(connection: Connection) -> list[str]:
    """How the stored name rows differ from the articles' (empty when they agree)."""
    wrong = []
    for rows in _all_sources(connection):
        ids = [article_id for article_id, _ in rows]
        stored = _stored_words(connection, ids[0], ids[-1])
        wrong += [i for i, sources in rows if stored.get(i, frozenset()) != words_of(sources)]
    orphans = connection.scalar(
        select(func.count())
        .select_from(ARTICLE_NAMES)
        .where(~ARTICLE_NAMES.c.article_id.in_(select(ARTICLES.c.id)))
    )
    shown = ", ".join(map(str, wrong[:5])) + (" …" if len(wrong) > 5 else "")
    return [f"known names: article {shown} out of step"] * bool(wrong) + [
        f"known names: {orphans} rows of articles that are gone"
    ] * bool(orphans)


def known_among(connection: Connection, words: Iterable[str]) -> frozenset[str]:
    """Which of ``words`` (folded) are words of a name some article gives."""
    wanted = sorted(set(words))
    found: set[str] = set()
    query = (
        select(ARTICLE_NAMES.c.word)
        .where(ARTICLE_NAMES.c.word.in_(bindparam("words", expanding=True)))
        .distinct()
    )
    for start in range(0, len(wanted), _CHUNK):
        found.update(connection.scalars(query, {"words": wanted[start : start + _CHUNK]}))
    return frozenset(found)


class KnownNames(AbstractSet[str]):
    """The newsroom's known names as a set that asks the database, live, for what it is asked.

    ``word in names`` and ``names & words`` are indexed lookups of those words
    only; ``bool(names)`` reads one row. Iterating or counting reads every
    distinct name (the index alone, never the articles): for tests and tools.
    """

    def __init__(self, db: Database) -> None:
        self.db = db

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and bool(self.among([word]))

    def among(self, words: Iterable[str]) -> frozenset[str]:
        with self.db.reading() as connection:
            return known_among(connection, words)

    def __and__(self, other: Iterable[Any]) -> frozenset[str]:
        return self.among(word for word in other if isinstance(word, str))

    __rand__ = __and__

    def __bool__(self) -> bool:
        with self.db.reading() as connection:
            return connection.scalar(select(ARTICLE_NAMES.c.word).limit(1)) is not None

    def __iter__(self) -> Iterator[str]:
        with self.db.reading() as connection:
            query = select(ARTICLE_NAMES.c.word).distinct().order_by(ARTICLE_NAMES.c.word)
            return iter(list(connection.scalars(query)))

    def __len__(self) -> int:
        with self.db.reading() as connection:
            count = select(func.count(ARTICLE_NAMES.c.word.distinct()))
            return int(connection.scalar(count) or 0)

    __hash__ = None  # type: ignore[assignment]  # equal to the frozenset of its words


def _all_sources(connection: Connection) -> Iterator[list[tuple[int, Sources]]]:
    """Every article's sources, ``_REBUILD_BATCH`` articles at a time, in id order."""
    after = 0
    while True:
        rows = connection.execute(
            select(
                ARTICLES.c.id, ARTICLES.c.tags, ARTICLES.c.byline, ARTICLES.c.dateline_city,
                ARTICLES.c.status, ARTICLES.c.headline,
            )
            .where(ARTICLES.c.id > after)
            .order_by(ARTICLES.c.id)
            .limit(_REBUILD_BATCH)
        ).all()  # fmt: skip
        if not rows:
            return
        after = rows[-1].id
        speakers = _speakers(connection, rows[0].id, after)
        yield [
            (
                row.id,
                (
                    tuple(row.tags.split("\n")) if row.tags else (),
                    row.byline,
                    row.dateline_city,
                    speakers.get(row.id, ()),
                    row.headline if row.status in _PUBLIC else "",
                ),
            )
            for row in rows
        ]


def _speakers(connection: Connection, first: int, last: int) -> dict[int, tuple[str, ...]]:
    query = (
        select(QUOTES.c.article_id, QUOTES.c.speaker)
        .where(QUOTES.c.article_id.between(first, last))
        .order_by(QUOTES.c.article_id, QUOTES.c.position)
    )
    found: dict[int, list[str]] = {}
    for article_id, speaker in connection.execute(query):
        found.setdefault(article_id, []).append(speaker)
    return {article_id: tuple(each) for article_id, each in found.items()}


def _stored_words(connection: Connection, first: int, last: int) -> dict[int, frozenset[str]]:
    query = select(ARTICLE_NAMES.c.article_id, ARTICLE_NAMES.c.word).where(
        ARTICLE_NAMES.c.article_id.between(first, last)
    )
    found: dict[int, set[str]] = {}
    for article_id, word in connection.execute(query):
        found.setdefault(article_id, set()).add(word)
    return {article_id: frozenset(words) for article_id, words in found.items()}
