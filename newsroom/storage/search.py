"""Full-text search over articles: the one module that knows about SQLite FTS5.

The index (``article_search``, created by migration 0002) covers headline,
subtitle, lead, body, caption and tags. It reads its text from a view of the
articles that are not deleted, so the text is stored once; storage calls
``unindex`` before it changes an article and ``index`` after.

Queries are plain words, never FTS5 syntax: every word is quoted, so
``"``, ``*``, ``:``, ``-``, ``NEAR`` or ``AND`` typed by an editor cannot
break a search. On top of that, a small, forgiving language:

* words must all appear (prefixes count: ``negotiat`` finds negotiations);
* ``"two words"`` in balanced quotes is a phrase;
* ``OR`` in capitals between two words accepts either;
* ``-word`` or ``-"two words"`` leaves out articles with them.

Two orders (``ORDERS``). ``newest`` (the default) lists the matches newest
article first (highest id: the order articles came into the newsroom): FTS5
walks an index term's matches by rowid and stops after a page, so a common
word costs what a rare one does. A word is a prefix, and FTS5 answers a
prefix longer than its prefix index (2 and 3 characters) by merging every
matching term's whole list first; so in this order such a word is spelled
out as the index's own terms with that prefix, from the vocabulary
(``article_search_terms``, migration 0015: every term ever indexed, kept in
step by ``index``/``index_many``/``rebuild``), when they are few. ``best``
ranks every match by BM25 (headline weighing most, then subtitle, tags,
lead, caption, body): its cost grows with the number of matches (about 60 ms
for a word in most articles at 100,000, ten times that at a million).
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from sqlalchemy import BindParameter, bindparam, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DatabaseError

from newsroom.errors import SearchQueryError
from newsroom.text import without_forbidden

# FTS5 with external content must be told the old text before the row changes.
updates_in_place = False
INDEX = "article_search"
TERMS = "article_search_terms"  # the index's vocabulary (migration 0015)
CONTENT_VIEW = "article_search_content"
COLUMNS = ("headline", "subtitle", "lead", "body", "captions", "tags")
WEIGHTS = (10.0, 5.0, 2.0, 1.0, 1.5, 3.0)
MAX_QUERY_LENGTH = 1_000
MAX_TERMS = 32
SNIPPET_TOKENS = 16
# Highlight markers inside snippets: control characters that never occur in
# stored text (the article format refuses them), turned into offsets below.
# postgres_search.py uses the same.
HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE = "\x02", "\x03"
# Newest article first, or best match first (``best`` ranks every match: slower).
SearchOrder = Literal["newest", "best"]
ORDERS: tuple[SearchOrder, ...] = ("newest", "best")
# A prefix this short has FTS5's prefix index (prefix='2 3'): read in order, never merged.
# The prefix indexes are 2.9 KB of the index's 4.8 KB per article, and they stay: without
# them a 2-letter prefix is merged from every term it starts, 0.2 ms -> 20 ms newest
# first and 1.1 s ranked with snippets at 100,000 articles (bench/prefix_index.py).
PREFIX_INDEX_LENGTH = 3
# A prefix with more terms than this is left to FTS5 (a merge, slower for a common prefix).
MAX_SPELLED_TERMS = 32
TOKENIZER = "unicode61 remove_diacritics 2"  # as the index's (migration 0002)

_MARKERS = re.compile(f"([{HIGHLIGHT_OPEN}{HIGHLIGHT_CLOSE}])")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_CHUNK = re.compile(r'(-?)"([^"]*)"|(\S+)')


@dataclass(frozen=True)
class Term:
    text: str
    phrase: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    """A query as understood: groups of alternatives (all groups must match), exclusions."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...]


def parse_query(query: str) -> ParsedQuery:
    """Understand an editor's query; SearchQueryError when there is nothing to search for."""
    if len(query) > MAX_QUERY_LENGTH:
        raise SearchQueryError(
            f"search: the query is too long ({len(query)} characters; at most {MAX_QUERY_LENGTH})"
        )
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    cleaned = without_forbidden(query).translate(_QUOTES)
    for minus, quoted, bare in _CHUNK.findall(_balanced(cleaned)):
        if bare == "OR" and groups:
            join_next = True
            continue
        negative = bool(minus) or (bare.startswith("-") and len(bare) > 1)
        if quoted or minus:
            term = Term(quoted, phrase=True)
        else:
            term = Term(bare[1:] if negative else bare)
        if not _has_word(term.text):
            continue
        if negative:
            excluded.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    if not groups:
        raise SearchQueryError("search: give at least one word to search for")
    if sum(len(group) for group in groups) + len(excluded) > MAX_TERMS:
        raise SearchQueryError(f"search: too many words (at most {MAX_TERMS})")
    return ParsedQuery(tuple(tuple(group) for group in groups), tuple(excluded))


def _balanced(query: str) -> str:
    """An unbalanced double quote is taken as a plain character."""
    if query.count('"') % 2 == 0:
        return query
    last = query.rfind('"')
    return query[:last] + " " + query[last + 1 :]


def _has_word(term: str) -> bool:
    return any(char.isalnum() for char in term)


Spelled = dict[Term, tuple[str, ...]]


def match_expression(parsed: ParsedQuery, spelled: Spelled | None = None) -> str:
    """The FTS5 MATCH expression for a parsed query; every term is a quoted string.

    ``spelled``: words whose prefix is written out as the index terms it stands for.
    """
    spelled = spelled or {}
    groups = []
    for group in parsed.groups:
        alternatives = " OR ".join(_fts_term(term, spelled.get(term)) for term in group)
        groups.append(f"({alternatives})" if len(group) > 1 else alternatives)
    expression = " AND ".join(groups)
    if parsed.excluded:
        left_out = " OR ".join(_fts_term(term, spelled.get(term)) for term in parsed.excluded)
        expression = f"({expression}) NOT ({left_out})"
    return expression


def _fts_term(term: Term, spelled: tuple[str, ...] | None = None) -> str:
    if spelled is not None:
        # No index term has the prefix: the word itself, exact, finds nothing at no cost.
        words = [_quoted(word) for word in spelled] or [_quoted(term.text)]
        return f"({' OR '.join(words)})" if len(words) > 1 else words[0]
    # A word matches as a prefix; a phrase matches exactly as given.
    return _quoted(term.text) if term.phrase else _quoted(term.text) + "*"


def _quoted(text_: str) -> str:
    return '"' + text_.replace('"', '""') + '"'


def spelled_out(raw: sqlite3.Connection, parsed: ParsedQuery) -> Spelled:
    """The words of ``parsed`` FTS5 would answer by a merge, as the index terms they stand for.

    Only plain ASCII words (the tokenizer only lowercases them, so the word is
    its own index spelling) longer than the prefix index, with at most
    ``MAX_SPELLED_TERMS`` terms; any other word stays a prefix.
    """
    terms = [*(term for group in parsed.groups for term in group), *parsed.excluded]
    spelled: Spelled = {}
    for term in terms:
        word = term.text.lower()
        if term.phrase or len(word) <= PREFIX_INDEX_LENGTH:
            continue
        if not (word.isascii() and word.isalnum()):
            continue
        beyond = word[:-1] + chr(ord(word[-1]) + 1)  # the first string after every "word…"
        found = raw.execute(
            f"SELECT term FROM {TERMS} WHERE term >= ? AND term < ? LIMIT ?",
            (word, beyond, MAX_SPELLED_TERMS + 1),
        ).fetchall()
        if len(found) <= MAX_SPELLED_TERMS:
            spelled[term] = tuple(row[0] for row in found)
    return spelled


@lru_cache(maxsize=8)
def ranked_sql(columns: tuple[str, ...]) -> str:
    """The ranking statement: the best matches, then the articles' ``columns`` for those only.

    Ranking inside a subquery first means an article row is read for the few
    hits shown, not for every match: twice as fast for a common word.
    """
    selected = ", ".join(f"articles.{column}" for column in columns)
    weights = ", ".join(str(weight) for weight in WEIGHTS)
    return f"""
SELECT {selected}, best.score
FROM (
    SELECT rowid AS id, bm25({INDEX}, {weights}) AS score
    FROM {INDEX}
    WHERE {INDEX} MATCH :match
    ORDER BY score
    LIMIT :limit OFFSET :offset
) AS best
JOIN articles ON articles.id = best.id
ORDER BY best.score
"""


_SNIPPET = f"snippet({INDEX}, -1, '{HIGHLIGHT_OPEN}', '{HIGHLIGHT_CLOSE}', '…', {SNIPPET_TOKENS})"


@lru_cache(maxsize=8)
def newest_sql(columns: tuple[str, ...], snippets: bool) -> str:
    """The newest matches (highest id first): the articles' ``columns``, then a snippet or ''.

    FTS5 walks the matches by rowid, newest first, and stops at the page: no
    match beyond it is read, let alone ranked, and a snippet is made for the
    page's rows only (in the same statement, where FTS5 knows the match).
    """
    selected = ", ".join(f"articles.{column}" for column in columns)
    snippet = _SNIPPET if snippets else "''"
    return f"""
SELECT {selected}, newest.snippet
FROM (
    SELECT rowid AS id, {snippet} AS snippet FROM {INDEX} WHERE {INDEX} MATCH :match
    ORDER BY rowid DESC
    LIMIT :limit OFFSET :offset
) AS newest
JOIN articles ON articles.id = newest.id
ORDER BY newest.id DESC
"""


@lru_cache(maxsize=64)
def snippet_sql(count: int) -> str:
    """Snippets for ``count`` articles already found.

    A separate statement because SQLite would otherwise compute a snippet for
    every match before sorting: with a common word, most of the work.
    """
    ids = ", ".join("?" * count)
    return f"SELECT rowid, {_SNIPPET} FROM {INDEX} WHERE {INDEX} MATCH ? AND rowid IN ({ids})"


@dataclass(frozen=True)
class RawHit:
    """One match: the requested article columns, its rank (higher is better), a snippet.

    ``rank`` is None in the ``newest`` order, which ranks nothing.
    """

    columns: tuple[Any, ...]
    rank: float | None
    snippet: str
    highlights: tuple[tuple[int, int], ...]


def search(
    connection: Connection,
    query: str,
    columns: tuple[str, ...],
    *,
    limit: int = 50,
    offset: int = 0,
    order: SearchOrder = "newest",
    snippets: bool = True,
) -> list[RawHit]:
    """Articles matching ``query`` in ``order``, with a highlighted snippet (or '' without
    ``snippets``: a list that shows none need not wait for them).

    ``columns`` are article columns to return, ``id`` first.
    """
    if columns[0] != "id":
        raise ValueError("search columns start with id")
    parsed = parse_query(query)
    raw = _driver(connection)
    page = {"limit": limit, "offset": offset}
    if order == "best":
        return _best(raw, parsed, columns, page, snippets=snippets)
    spelled = spelled_out(raw, parsed)
    if _nothing_can_match(parsed, spelled):
        return []
    match = match_expression(parsed, spelled)
    rows = raw.execute(newest_sql(columns, snippets), {"match": match, **page}).fetchall()
    width = len(columns)
    return [RawHit(tuple(row[:width]), None, *highlights(row[width] or "")) for row in rows]


def _nothing_can_match(parsed: ParsedQuery, spelled: Spelled) -> bool:
    """A group of words none of which the index has as a prefix: no article matches."""
    return any(all(spelled.get(term) == () for term in group) for group in parsed.groups)


def _best(
    raw: sqlite3.Connection,
    parsed: ParsedQuery,
    columns: tuple[str, ...],
    page: dict[str, int],
    *,
    snippets: bool,
) -> list[RawHit]:
    match = match_expression(parsed)
    rows = raw.execute(ranked_sql(columns), {"match": match, **page}).fetchall()
    if not rows:
        return []
    found: dict[int, str] = {}
    if snippets:
        ids = [row[0] for row in rows]
        found = dict(raw.execute(snippet_sql(len(ids)), (match, *ids)).fetchall())
    width = len(columns)
    return [
        RawHit(tuple(row[:width]), -float(row[width]), *highlights(found.get(row[0]) or ""))
        for row in rows
    ]


def highlights(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Strip the highlight markers out of a snippet and return where they were."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start = None
    if HIGHLIGHT_OPEN not in marked:
        return marked, ()
    for piece in _MARKERS.split(marked):
        if piece == HIGHLIGHT_OPEN:
            start = length
        elif piece == HIGHLIGHT_CLOSE:
            if start is not None:
                spans.append((start, length))
            start = None
        else:
            plain.append(piece)
            length += len(piece)
    return "".join(plain), tuple(spans)


def unindex(connection: Connection, article_id: int) -> None:
    """Take an article out of the index; call before its row changes or is deleted."""
    columns = ", ".join(COLUMNS)
    connection.execute(
        text(
            f"INSERT INTO {INDEX}({INDEX}, rowid, {columns}) "
            f"SELECT 'delete', id, {columns} FROM {CONTENT_VIEW} WHERE id = :id"
        ),
        {"id": article_id},
    )


def index(connection: Connection, article_id: int) -> None:
    """Put an article (as its row now reads) into the index, unless it is deleted."""
    index_many(connection, [article_id])


def index_many(connection: Connection, article_ids: Sequence[int]) -> None:
    """Put articles (as their rows now read) into the index, one statement per thousand.

    Their words join the vocabulary too (``_learn_terms``).
    """
    for chunk in _thousands(article_ids):
        _index_rows(connection, chunk)
        _learn_terms(connection, chunk)


def _thousands(article_ids: Sequence[int]) -> Iterator[list[int]]:
    """The ids a thousand at a time: one statement's worth (``_index_rows``)."""
    for start in range(0, len(article_ids), 1000):
        yield list(article_ids[start : start + 1000])


def _index_rows(connection: Connection, article_ids: list[int]) -> None:
    """Index these articles as their rows read, in one statement: SQLite lets go of the
    interpreter once for all of them (a statement per row took it back after each row)."""
    columns = ", ".join(COLUMNS)
    connection.execute(
        text(
            f"INSERT INTO {INDEX}(rowid, {columns}) "
            f"SELECT id, {columns} FROM {CONTENT_VIEW} WHERE id IN :ids"
        ).bindparams(bindparam("ids", expanding=True)),
        {"ids": article_ids},
    )


# FTS5 holds new index entries in memory and writes them out as a new segment whenever
# they pass its "hashsize" (1 MB by default): an import filled that every ~200 articles,
# and merged the small segments over and over. With 16 MB, 20,000 articles' insert and
# commit took 9.9-11.0 s against 12.8-14.1 s (pure sqlite3, runs alternated), queries
# after as fast. The cost: the last big merges free ~1 KB of pages per article, which
# stay in the file as free space until later writes reuse them. Only bulk writes raise
# it: a save's few entries are written at its commit whatever the limit.
BULK_PENDING_BYTES = 16 * 1024 * 1024
DEFAULT_PENDING_BYTES = 1024 * 1024


def pending_limit(raw: sqlite3.Connection, size: int) -> None:
    """Set the index's buffer of new entries (FTS5's "hashsize"): a write, in the caller's
    transaction, kept in the index's configuration."""
    raw.execute(f"INSERT INTO {INDEX}({INDEX}, rank) VALUES ('hashsize', ?)", (size,))


# From this many new articles on, their words are found on a thread (``index_new``).
THREADED_TERMS = 200
# The article columns the content view reads for each index column (migration 0002).
_CONTENT_OF = {"captions": "photo_caption"}


def index_new(
    connection: Connection, article_ids: Sequence[int], rows: Sequence[Mapping[str, Any]]
) -> None:
    """Put articles just inserted into the index; ``rows``: the values inserted (article
    columns), in ``article_ids`` order (as the content view reads them: none is deleted).

    A big batch (an import's thousand) is read back from the rows in one statement
    (``_index_rows``: 15% faster than a statement per row of values, measured, and the
    interpreter is free meanwhile), and its words are found for the vocabulary on a
    thread meanwhile from the values: an FTS5 table of the index's tokenizer in memory,
    its own connection (SQLite lets go of the interpreter in both).
    """
    if len(rows) < THREADED_TERMS:
        index_many(connection, article_ids)
        return
    values = [
        (article_id, *(row[_CONTENT_OF.get(name, name)] for name in COLUMNS))
        for article_id, row in zip(article_ids, rows, strict=True)
    ]
    terms = _terms_meanwhile(values)
    for chunk in _thousands(article_ids):
        _index_rows(connection, chunk)
    connection.exec_driver_sql(
        f"INSERT OR IGNORE INTO {TERMS}(term) VALUES (?)", [(term,) for term in terms()]
    )


def _terms_meanwhile(values: list[tuple[Any, ...]]) -> Callable[[], list[str]]:
    """Start finding the index terms of ``values`` (an id, then COLUMNS, each) on a thread;
    the call returned waits for them."""
    found: list[str] = []
    failed: list[BaseException] = []

    def tokenize() -> None:
        try:
            with closing(sqlite3.connect(":memory:")) as memory:
                memory.execute(
                    f"CREATE VIRTUAL TABLE words USING fts5({', '.join(COLUMNS)}, content='', "
                    f"detail=none, columnsize=0, tokenize='{TOKENIZER}')"
                )
                memory.execute("CREATE VIRTUAL TABLE terms USING fts5vocab(words, 'row')")
                marks = ", ".join("?" * (len(COLUMNS) + 1))
                memory.executemany(
                    f"INSERT INTO words(rowid, {', '.join(COLUMNS)}) VALUES ({marks})", values
                )
                found.extend(row[0] for row in memory.execute("SELECT term FROM terms"))
        except BaseException as error:  # told to the caller, who waits for it
            failed.append(error)

    thread = threading.Thread(target=tokenize, name="search-terms", daemon=True)
    thread.start()

    def wait() -> list[str]:
        thread.join()
        if failed:
            raise failed[0]
        return found

    return wait


# A contentless index of this connection's own (the same tokenizer, no positions): the
# terms of articles being indexed are read from it, then it is emptied.
_SCRATCH = "article_search_scratch"


def _learn_terms(connection: Connection, article_ids: list[int]) -> None:
    """Add the terms of these articles to the vocabulary (it only grows: see ``spelled_out``)."""
    columns = ", ".join(COLUMNS)
    connection.execute(
        text(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{_SCRATCH} USING fts5({columns}, "
            f"content='', detail=none, tokenize='{TOKENIZER}')"
        )
    )
    connection.execute(
        text(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{_SCRATCH}_terms "
            f"USING fts5vocab(temp, {_SCRATCH}, 'row')"
        )
    )
    connection.execute(
        text(
            f"INSERT INTO temp.{_SCRATCH}(rowid, {columns}) "
            f"SELECT id, {columns} FROM {CONTENT_VIEW} WHERE id IN :ids"
        ).bindparams(bindparam("ids", expanding=True)),
        {"ids": article_ids},
    )
    connection.execute(
        text(f"INSERT OR IGNORE INTO {TERMS}(term) SELECT term FROM temp.{_SCRATCH}_terms")
    )
    connection.execute(text(f"INSERT INTO temp.{_SCRATCH}({_SCRATCH}) VALUES ('delete-all')"))


def _index_terms(connection: Connection) -> None:
    """A view of the whole index's terms on this connection (``index_terms``)."""
    connection.execute(
        text(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{INDEX}_vocabulary "
            f"USING fts5vocab(main, {INDEX}, 'row')"
        )
    )


def rebuild(connection: Connection) -> None:
    """Rebuild the whole index and its vocabulary from the articles (repairs any drift)."""
    connection.execute(text(f"INSERT INTO {INDEX}({INDEX}) VALUES ('rebuild')"))
    _index_terms(connection)
    connection.execute(text(f"DELETE FROM {TERMS}"))
    connection.execute(text(f"INSERT INTO {TERMS}(term) SELECT term FROM temp.{INDEX}_vocabulary"))


def problems(connection: Connection, *, read_only: bool = False) -> list[str]:
    """What is wrong with the index: empty when it matches the articles.

    FTS5's own check is an INSERT, which a read-only newsroom refuses; there
    the index is checked for covering exactly the articles it should (not
    each word).
    """
    if read_only:
        return _coverage_problems(connection)
    try:
        connection.execute(
            text(f"INSERT INTO {INDEX}({INDEX}, rank) VALUES ('integrity-check', 1)")
        )
    except DatabaseError as error:
        return [
            f"the search index does not match the articles ({error.__class__.__name__}); "
            "repair it with 'newsroom check-db --repair'"
        ]
    return _vocabulary_problems(connection)


def _vocabulary_problems(connection: Connection) -> list[str]:
    """Index terms missing from the vocabulary: a newest-first search would miss their articles."""
    _index_terms(connection)
    missing = connection.execute(
        text(
            f"SELECT count(*) FROM temp.{INDEX}_vocabulary "
            f"WHERE term NOT IN (SELECT term FROM {TERMS})"
        )
    ).scalar_one()
    if not missing:
        return []
    return [
        f"the search vocabulary leaves out {missing} of the index's words; "
        "repair it with 'newsroom check-db --repair'"
    ]


def _coverage_problems(connection: Connection) -> list[str]:
    differ = (
        connection.execute(
            text(
                f"SELECT count(*) FROM (SELECT id FROM {CONTENT_VIEW} "
                f"EXCEPT SELECT id FROM {INDEX}_docsize) UNION ALL "
                f"SELECT count(*) FROM (SELECT id FROM {INDEX}_docsize "
                f"EXCEPT SELECT id FROM {CONTENT_VIEW})"
            )
        )
        .scalars()
        .all()
    )
    missing, extra = differ
    if not missing and not extra:
        return []
    return [
        f"the search index leaves out {missing} articles and holds {extra} it should not; "
        "repair it with 'newsroom check-db --repair' where the newsroom can be written"
    ]


# --- photos -------------------------------------------------------------------------

PHOTO_INDEX = "photo_search"
PHOTO_WEIGHTS = (4.0, 3.0, 1.0, 2.0)  # description, captions of its uses, credit, keywords


def index_photos(connection: Connection, photo_ids: Sequence[int]) -> None:
    """Bring the photo index up to date for these photos (their text or their uses changed)."""
    for start in range(0, len(photo_ids), 500):
        chunk = sorted(set(photo_ids[start : start + 500]))
        ids: BindParameter[list[int]] = bindparam("ids", expanding=True)
        connection.execute(
            text(f"DELETE FROM {PHOTO_INDEX} WHERE rowid IN :ids").bindparams(ids), {"ids": chunk}
        )
        connection.execute(
            text(
                f"INSERT INTO {PHOTO_INDEX}(rowid, description, captions, credit, keywords) "
                "SELECT p.id, p.description, "
                "coalesce((SELECT group_concat(a.photo_caption, ' ') FROM articles a "
                "WHERE a.photo_id = p.id AND a.deleted_at IS NULL), ''), p.credit, p.keywords "
                "FROM photos p WHERE p.id IN :ids"
            ).bindparams(ids),
            {"ids": chunk},
        )


def search_photos(
    connection: Connection, query: str, *, limit: int = 50, offset: int = 0
) -> list[tuple[int, float]]:
    """Photo ids matching ``query`` (the same plain-words language), best first, with rank."""
    match = match_expression(parse_query(query))
    weights = ", ".join(str(weight) for weight in PHOTO_WEIGHTS)
    rows = (
        _driver(connection)
        .execute(
            f"SELECT rowid, bm25({PHOTO_INDEX}, {weights}) AS score FROM {PHOTO_INDEX} "
            f"WHERE {PHOTO_INDEX} MATCH ? ORDER BY score LIMIT ? OFFSET ?",
            (match, limit, offset),
        )
        .fetchall()
    )
    return [(row[0], -float(row[1])) for row in rows]


def _driver(connection: Connection) -> sqlite3.Connection:
    from newsroom.storage.sqlite import driver

    return driver(connection)
