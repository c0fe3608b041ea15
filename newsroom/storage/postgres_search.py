"""Full-text search on PostgreSQL: the twin of ``search.py`` (SQLite FTS5), same functions.

The index (made by migration 0008) is a side table of weighted ``tsvector``
documents with a GIN index: headline (A) above subtitle (B) above lead (C)
above body, captions and tags (D). Storage keeps it in step exactly as on
SQLite (``unindex`` before an article changes, ``index`` after), so the
articles table is the same on both engines. Documents are made by the
migration's SQL functions; each holds the words stemmed by the newsroom's
language and as written, so morphology ("переговоры" finds "переговорах")
and prefixes ("negotiat" finds "negotiators") both work.

Matching and ranking read different documents (migration 0010). ``document``
(everything) finds the matches through its GIN index; ``rank_document``
(headline, subtitle, lead, captions, tags: short enough to stay in the row,
with its own GIN index) ranks them, so a common word does not decompress a
body per match. Articles whose short texts match the whole query come
first, best ranked; articles found only with their body follow, newest
first (``newest_at``: published, else last saved). GIN keeps no positions:
a phrase, or an exclusion, is checked in ``document`` for the rows examined
in rank order only, until a page is full.

Two orders, as on SQLite: ``newest`` (the default: the newest matches by id,
nothing ranked) and ``best`` (the ranking above).

The query language is search.py's (one parser). Every term becomes its own
bound parameter: a word as a quoted lexeme (quotes and backslashes escaped)
with ``:*``, a phrase through ``phraseto_tsquery``, which reads no syntax at
all. The tsquery's shape (&&, ||, !!) is written here, never by the editor.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from newsroom.storage.search import (
    HIGHLIGHT_CLOSE,
    HIGHLIGHT_OPEN,
    RawHit,
    SearchOrder,
    Term,
    highlights,
    parse_query,
)
from newsroom.storage.snippets import lexemes_of, snippet

# Configurations made by migration 0008, by the newsroom's language.
CONFIGURATIONS = {"en": "newsroom_english", "ru": "newsroom_russian"}
AS_WRITTEN = "newsroom_simple"  # also the configuration of any other language
# ts_rank's weights for D, C, B, A: body/captions/tags 1, lead 2, subtitle 5, headline 10,
# as search.WEIGHTS (ts_rank takes them at most 1).
WEIGHTS = "{0.1, 0.2, 0.5, 1.0}"
PHOTO_WEIGHTS = "{0.25, 0.5, 0.75, 1.0}"  # credit 1, keywords 2, captions 3, description 4
RANK_NORMALIZATION = 1  # divide by 1 + log(length): a long body does not win by length alone
SNIPPET_OPTIONS = (
    f"StartSel={HIGHLIGHT_OPEN}, StopSel={HIGHLIGHT_CLOSE}, MaxWords=16, MinWords=6, ShortWord=2, "
    'MaxFragments=1, FragmentDelimiter="…"'
)
_MARKER_CHARACTERS = "E'\\x02\\x03'"
_OPEN_SQL = "E'\\x02'"


@dataclass(frozen=True)
class TsQuery:
    """A tsquery as SQL with its parameters: every editor's word is a parameter.

    ``loose`` is a tsquery the GIN index answers alone, found by every article
    ``sql`` finds and maybe more: phrases as their words anywhere, phrases left
    out not left out. The index holds no positions, so a phrase is checked in
    the documents themselves (``has_phrase``), only for the articles examined.
    """

    sql: str
    parameters: Mapping[str, str] = field(compare=False)  # the SQL is the same for any words
    loose: str = ""
    has_phrase: bool = False
    has_exclusion: bool = False


# Search as you type asks for the same few queries again and again; translating one
# is a tenth of a search with no hits. (A query that fails to parse is not kept.)
@lru_cache(maxsize=256)
def ts_query(query: str, config_sql: str) -> TsQuery:
    """The tsquery for an editor's query (search.py's language); SearchQueryError as there.

    ``config_sql`` is the SQL expression of the configuration (a regconfig).
    """
    parsed = parse_query(query)
    parameters: dict[str, str] = {}
    names: dict[Term, str] = {}

    def term_sql(term: Term, *, loose: bool = False) -> str:
        if term not in names:
            names[term] = f"t{len(parameters)}"
            parameters[names[term]] = term.text if term.phrase else quoted_prefix(term.text)
        name = names[term]
        if term.phrase:
            function = "plainto_tsquery" if loose else "phraseto_tsquery"
            return _both_configurations(function + "({}, :" + name + ")", config_sql)
        return _both_configurations("to_tsquery({}, :" + name + ")", config_sql)

    def shaped(*, loose: bool) -> str:
        groups = [" || ".join(term_sql(t, loose=loose) for t in group) for group in parsed.groups]
        sql = " && ".join(f"({group})" for group in groups)
        left_out = [term for term in parsed.excluded if not (loose and term.phrase)]
        if left_out:
            sql = f"({sql}) && !!({' || '.join(term_sql(term) for term in left_out)})"
        return sql

    terms = [*(term for group in parsed.groups for term in group), *parsed.excluded]
    strict, loose = shaped(loose=False), shaped(loose=True)
    return TsQuery(
        strict,
        MappingProxyType(parameters),  # shared by every caller of the cache: read-only
        loose,
        has_phrase=any(term.phrase for term in terms),
        has_exclusion=bool(parsed.excluded),
    )


def _both_configurations(call: str, config_sql: str) -> str:
    """A term matched stemmed by the language, and as written (see the documents).

    (Where the language's configuration is the as-written one, the two are the same.)
    """
    as_written = call.format(f"'{AS_WRITTEN}'::regconfig")
    return f"{call.format(config_sql)} || {as_written}"


def quoted_prefix(word: str) -> str:
    """``word`` as one tsquery lexeme matched as a prefix: nothing in it is syntax."""
    escaped = word.replace("\\", "\\\\").replace("'", "''")
    return f"'{escaped}':*"


def configuration(connection: Connection) -> str:
    """The configuration the index was built with (queries must use the same)."""
    stored = connection.execute(text("SELECT config FROM article_search_setup")).scalar()
    return str(stored) if stored else language_configuration(connection)


def language_configuration(connection: Connection) -> str:
    """The configuration the newsroom's language setting asks for."""
    stored = connection.execute(text("SELECT value FROM settings WHERE key = 'language'")).scalar()
    try:
        language = str(json.loads(stored)).strip().lower() if stored else "en"
    except ValueError:
        language = "en"
    # A BCP 47 tag: en-GB stems as English.
    return CONFIGURATIONS.get(language.split("-", 1)[0], AS_WRITTEN)


# --- articles -----------------------------------------------------------------------


# The configuration the index was built with, read inside each search statement (no round
# trip of its own); the newsroom's language when no index was built yet, as ``configuration``.
_CONFIG_SQL = f"""coalesce(
    (SELECT config FROM article_search_setup LIMIT 1),
    (SELECT CASE split_part(lower(btrim(value, '" ')), '-', 1) {
    " ".join(f"WHEN '{language}' THEN '{name}'" for language, name in CONFIGURATIONS.items())
} ELSE '{AS_WRITTEN}' END FROM settings WHERE key = 'language'),
    '{CONFIGURATIONS["en"]}')"""
# The configuration and the editor's query as tsqueries, one row (``query`` in the statements).
_QUERY_ROW = f"""
    SELECT setup.config, {{query.sql}} AS q, {{query.loose}} AS loose
    FROM (SELECT CAST({_CONFIG_SQL} AS regconfig) AS config) AS setup
"""
_HEADLINE_FIELDS = (("a", "headline"), ("b", "subtitle"), ("c", "lead"))


@lru_cache(maxsize=64)
def search_sql(columns: tuple[str, ...], query: TsQuery) -> str:
    """One statement: the best matches, then the articles' ``columns`` and a snippet for those.

    The best matches come in two tiers, in this order: articles whose short
    texts (the rank document: headline, subtitle, lead, captions, tags) match
    the whole query, best ranked first; then those matched only with their
    body, the best partial rank first, then newest first. The first tier is
    found through the rank document's own index and ranked without reading a
    body; the second is only run when the first has too few (PostgreSQL runs
    the parts of a UNION ALL in turn and stops at the LIMIT). Where a
    document must still be read (a phrase, an exclusion), it is read in rank
    order, only until enough are found.
    """
    rank = f"ts_rank('{WEIGHTS}', s.rank_document, query.q, {RANK_NORMALIZATION})"
    headed = _tier(
        f"SELECT s.id, s.document, s.newest_at, 1 + {rank} AS rank, 1 AS tier",
        "s.rank_document @@ query.q",
        checked=query.has_phrase or query.has_exclusion,
    )
    bodied = _tier(
        # Below 1 and above 0 (higher is better), whatever the short texts' partial rank.
        f"SELECT s.id, s.document, s.newest_at, ({rank} + 0.001) / ({rank} + 1.001) AS rank, "
        "2 AS tier",
        "s.document @@ query.loose AND NOT s.rank_document @@ query.q",
        checked=query.has_phrase,
    )
    return _with_snippets(
        columns,
        query,
        f"({headed}) UNION ALL ({bodied}) LIMIT :limit OFFSET :offset",
        _ORDER.format(table="marked"),
    )


# The newest articles ``newsroom_newest`` (migration 0017) reads one by one (20, then 80
# more) before it asks the index for the rest.
NEWEST_WALK = 100

# The texts a snippet may come from, in the order a tie is given to (snippets.py).
SNIPPET_FIELDS = ("headline", "subtitle", "lead", "body", "photo_caption", "tags")


@lru_cache(maxsize=64)
def newest_sql(columns: tuple[str, ...], query: TsQuery, snippets: bool) -> bytes:
    """One statement: the newest matches (highest id first), their ``columns``, maybe texts.

    Nothing is ranked. ``newsroom_newest`` (migration 0017) finds the ids:
    the newest documents read one by one, then the index below them. With
    ``snippets``, the query as the server read it and the texts a snippet is
    cut from (``snippets.py``) follow the columns. In psycopg's spelling of
    parameters: the statement is run on the driver's connection.
    """
    selected = ", ".join(f"articles.{column}" for column in columns)
    texts = ""
    if snippets:
        texts = ", CAST(query.q AS text), " + ", ".join(
            f"articles.{name}" for name in SNIPPET_FIELDS
        )
    phrase = "true" if query.has_phrase else "false"
    statement = f"""
SELECT {selected}{texts}
FROM ({_QUERY_ROW.format(query=query)}) AS query
CROSS JOIN LATERAL newsroom_newest(query.q, query.loose, :wanted, {phrase}) AS found(id)
JOIN articles ON articles.id = found.id
ORDER BY found.id DESC LIMIT :limit OFFSET :offset"""
    return _psycopg_parameters(statement).encode()


def _psycopg_parameters(statement: str) -> str:
    """``statement``'s ``:name`` parameters as psycopg's ``%(name)s``."""
    return _ANY_PARAMETER.sub(r"%(\1)s", statement.replace("%", "%%"))


_ANY_PARAMETER = re.compile(r"(?<!:):([a-z_]\w*)\b")


def _with_snippets(columns: tuple[str, ...], query: TsQuery, best: str, order: str) -> str:
    """The statement around ``best`` (a page of id, rank, tier, newest_at): columns, snippet.

    The snippet step is materialized so ``ts_headline`` runs once per hit shown.
    """
    selected = ", ".join(f"articles.{column}" for column in columns)
    return f"""
WITH query AS MATERIALIZED ({_QUERY_ROW.format(query=query)}),
best AS MATERIALIZED ({best}),
chosen AS MATERIALIZED (
    SELECT best.id, best.rank, best.tier, best.newest_at, query.config, query.q,
           translate({_snippet_field()}, {_MARKER_CHARACTERS}, '') AS field
    FROM best JOIN article_search ON article_search.id = best.id
         JOIN articles ON articles.id = best.id, query
),
marked AS MATERIALIZED (
    SELECT chosen.*, ts_headline(config, field, q, :options) AS stemmed FROM chosen
)
SELECT {selected}, marked.rank,
       CASE WHEN strpos(stemmed, {_OPEN_SQL}) > 0 THEN stemmed
            ELSE ts_headline('{AS_WRITTEN}'::regconfig, field, q, :options) END
FROM marked JOIN articles ON articles.id = marked.id
ORDER BY {order}
"""


_ORDER = "{table}.tier, {table}.rank DESC, {table}.newest_at DESC, {table}.id DESC"


def _tier(select: str, where: str, *, checked: bool) -> str:
    """One tier of matches in rank order: ``select`` from the index where ``where``.

    ``checked``: the whole query is matched against each row's full document,
    after sorting (the subquery's OFFSET 0 keeps the check above the sort) so
    that only the rows examined until the LIMIT are read. Otherwise the sort
    keeps only as many as can be shown.
    """
    inner = (
        f"{select} FROM article_search AS s, query WHERE {where} "
        "ORDER BY rank DESC, s.newest_at DESC, s.id DESC"
    )
    if not checked:
        return f"SELECT id, rank, tier, newest_at FROM ({inner} LIMIT :wanted) AS t"
    return (
        f"SELECT t.id, t.rank, t.tier, t.newest_at FROM ({inner} OFFSET 0) AS t, query "
        "WHERE t.document @@ query.q"
    )


def _snippet_field() -> str:
    """The field a snippet comes from: the first the whole query matches, else lead and body.

    Headline, subtitle and lead are told apart by their weights in the stored
    rank document (A, B, C), without reading the text again. Body, captions and
    tags share weight D: the short captions and tags are read again, the body
    only when one of them also matches alone (the body comes first).
    """
    by_weight = " ".join(
        f"WHEN ts_filter(article_search.rank_document, '{{{weight}}}') @@ query.q "
        f"THEN articles.{name}"
        for weight, name in _HEADLINE_FIELDS
    )
    lead_and_body = "articles.lead || E'\\n' || articles.body"
    tags = "replace(articles.tags, E'\\n', ' ')"

    def alone(field: str) -> str:
        return f"newsroom_search_words(query.config, {field}) @@ query.q"

    return f"""CASE {by_weight}
        WHEN NOT ts_filter(article_search.document, '{{d}}') @@ query.q THEN {lead_and_body}
        WHEN {alone("articles.photo_caption")} OR {alone(tags)} THEN
            CASE WHEN {alone("articles.body")} THEN articles.body
                 WHEN {alone("articles.photo_caption")} THEN articles.photo_caption
                 WHEN {alone(tags)} THEN {tags}
                 ELSE {lead_and_body} END
        ELSE articles.body END"""


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
    """Articles matching ``query`` in ``order``, with a highlighted snippet.

    The snippets come in the same statement, made for the page's rows only;
    in the newest order none are made when ``snippets`` is False (best order
    makes them always: its statement chooses the field by them).

    ``columns`` are article columns to return, ``id`` first.
    """
    if columns[0] != "id":
        raise ValueError("search columns start with id")
    tsquery = ts_query(query, "setup.config")
    if order == "newest":
        return _newest(connection, tsquery, columns, limit=limit, offset=offset, snippets=snippets)
    strict = _matching(connection, tsquery)
    if strict is None:
        return []
    with _through_the_index(connection):
        rows = connection.execute(
            text(search_sql(columns, tsquery)),
            {
                **tsquery.parameters,
                "strict": strict,
                "limit": limit,
                "offset": offset,
                "wanted": limit + offset,
                "options": SNIPPET_OPTIONS,
            },
        ).all()
    width = len(columns)
    return [
        RawHit(tuple(row[:width]), _rank(row[width]), *highlights(row[width + 1] or ""))
        for row in rows
    ]


def _newest(
    connection: Connection,
    query: TsQuery,
    columns: tuple[str, ...],
    *,
    limit: int,
    offset: int,
    snippets: bool,
) -> list[RawHit]:
    """The newest matches: one statement, on the driver's connection (SQLAlchemy's own
    work would be a third of the time), the snippets cut here from the texts it sends."""
    raw = connection.connection.driver_connection  # psycopg's (postgres.driver imports us)
    assert raw is not None
    parameters = {**query.parameters, "limit": limit, "offset": offset, "wanted": limit + offset}
    rows = raw.execute(newest_sql(columns, query, snippets), parameters).fetchall()
    width = len(columns)
    if not snippets:
        return [RawHit(tuple(row[:width]), None, "", ()) for row in rows]
    return [
        RawHit(
            tuple(row[:width]),
            None,
            *highlights(snippet(row[width + 1 :], lexemes_of(row[width]))),
        )
        for row in rows
    ]


def _rank(value: float | None) -> float | None:
    return None if value is None else float(value)


def _matching(connection: Connection, query: TsQuery) -> str | None:
    """The query as a tsquery's text when any article's document matches it loosely; else None.

    Every hit of either order matches the loose query in the whole document,
    so where nothing does, the search is answered with no result in one round
    trip (migration 0014's function brings its own planner settings), without
    planning the search statement. With hits, this costs one small statement
    more, and gives the search statement its query as a constant: the planner
    then knows a common word from a rare one (its statistics of the index's
    words), which a query made inside the statement hides from it.
    Driver-level: SQLAlchemy's own work would be most of the time here.
    """
    raw = connection.connection.driver_connection  # psycopg's (postgres.driver imports us)
    assert raw is not None
    row = raw.execute(_matching_sql(query.sql, query.loose), query.parameters).fetchone()
    return str(row[1]) if row[0] else None


@lru_cache(maxsize=64)
def _matching_sql(strict: str, loose: str) -> bytes:
    """The statement asking ``newsroom_any_match``, in psycopg's spelling of parameters."""
    shaped = _QUERY_ROW.format(query=TsQuery(strict, {}, loose)).replace("%", "%%")
    shaped = _NAMED_PARAMETER.sub(r"%(\1)s", shaped)
    return (
        f"SELECT {_AMONG_THE_NEWEST} OR newsroom_any_match(query.loose), CAST(query.q AS text) "
        f"FROM ({shaped}) AS query"
    ).encode()


# A common word is in one of the newest articles: read them first, as the newest order
# would. The index's list of every match would be built first (GIN has no other way):
# for a common word, most of a search's time. A rare word then asks the index.
_AMONG_THE_NEWEST = (
    "EXISTS (SELECT 1 FROM (SELECT document FROM article_search ORDER BY id DESC LIMIT 20) "
    "AS newest WHERE newest.document @@ query.loose)"
)


_NAMED_PARAMETER = re.compile(r"(?<!:):(t\d+)\b")


@contextmanager
def _through_the_index(connection: Connection) -> Iterator[None]:
    """Have the planner read the GIN index rather than every document, and compile nothing.

    Documents are stored out of line (TOAST) and the planner does not count
    reading them, so it takes a scan of every document for cheap: ten times
    slower for a rare word at 5,000 articles. With scans priced out, a plan
    looks costly enough for JIT compilation, which takes longer (a third of a
    second) than the search. Only for this statement: the connection's
    settings come back after. They are the session's, not the transaction's:
    reads run without one (``Database.reading``); where a transaction fails
    first, its rollback takes them back. A plan is made for each query's own
    words (``plan_cache_mode``): psycopg prepares a statement run often, and a
    plan made once for any words would treat a common word as a rare one.
    """
    was = connection.execute(
        text(
            "SELECT current_setting('enable_seqscan'), current_setting('jit'), "
            "current_setting('plan_cache_mode'), "
            "set_config('enable_seqscan', 'off', false), set_config('jit', 'off', false), "
            "set_config('plan_cache_mode', 'force_custom_plan', false)"
        )
    ).one()
    try:
        yield
    finally:
        connection.execute(
            text(
                "SELECT set_config('enable_seqscan', :seqscan, false), "
                "set_config('jit', :jit, false), set_config('plan_cache_mode', :plans, false)"
            ),
            {"seqscan": was[0], "jit": was[1], "plans": was[2]},
        )


_DOCUMENT = (
    "article_search_document(CAST(:config AS regconfig), headline, subtitle, lead, body, "
    "photo_caption, tags)"
)
_RANK_DOCUMENT = (
    "article_search_rank_document(CAST(:config AS regconfig), headline, subtitle, lead, "
    "photo_caption, tags)"
)
_NEWEST_AT = "coalesce(published_at, updated_at)"
# An index row as the article's row now reads: columns, then the values from ``articles``.
_INDEX_COLUMNS = "id, document, rank_document, newest_at"
_INDEX_VALUES = f"id, {_DOCUMENT}, {_RANK_DOCUMENT}, {_NEWEST_AT}"


# ``index`` is an upsert: a changed article needs no ``unindex`` first, only a deleted one.
updates_in_place = True


def unindex(connection: Connection, article_id: int) -> None:
    """Take an article out of the index; call before its row changes or is deleted."""
    connection.execute(text("DELETE FROM article_search WHERE id = :id"), {"id": article_id})


def index(connection: Connection, article_id: int) -> None:
    """Put an article (as its row now reads) into the index, unless it is deleted."""
    connection.execute(_INDEX_ONE, {"id": article_id})


def index_many(connection: Connection, article_ids: Sequence[int]) -> None:
    """Put these articles (as their rows now read) into the index, in one statement per thousand.

    The configuration is read inside the statement: a save indexes its article
    in one round trip.
    """
    for start in range(0, len(article_ids), 1000):
        connection.execute(_INDEX_MANY, {"ids": list(article_ids[start : start + 1000])})


def index_new(
    connection: Connection, article_ids: Sequence[int], rows: Sequence[Mapping[str, Any]]
) -> None:
    """New articles into the index: read back from their rows (``index_many``)."""
    index_many(connection, article_ids)


def _index_statement(which: str) -> str:
    values = _INDEX_VALUES.replace("CAST(:config AS regconfig)", "setup.config")
    return (
        f"INSERT INTO article_search ({_INDEX_COLUMNS}) SELECT {values} "
        f"FROM articles, (SELECT CAST({_CONFIG_SQL} AS regconfig) AS config) AS setup "
        f"WHERE {which} AND deleted_at IS NULL "
        "ON CONFLICT (id) DO UPDATE SET document = excluded.document, "
        "rank_document = excluded.rank_document, newest_at = excluded.newest_at"
    )


# Built once: every save indexes its article.
_INDEX_ONE = text(_index_statement("id = :id"))
_INDEX_MANY = text(_index_statement("id IN :ids")).bindparams(bindparam("ids", expanding=True))


def rebuild(connection: Connection) -> None:
    """Rebuild both indexes from the articles and photos, in the newsroom's language now."""
    config = language_configuration(connection)
    connection.execute(text("DELETE FROM article_search_setup"))
    connection.execute(
        text("INSERT INTO article_search_setup (config) VALUES (:config)"), {"config": config}
    )
    connection.execute(text("DELETE FROM article_search"))
    connection.execute(
        text(
            f"INSERT INTO article_search ({_INDEX_COLUMNS}) SELECT {_INDEX_VALUES} "
            "FROM articles WHERE deleted_at IS NULL"
        ),
        {"config": config},
    )
    connection.execute(text("DELETE FROM photo_search"))
    connection.execute(
        text(f"INSERT INTO photo_search (id, document) {_PHOTO_DOCUMENTS}"), {"config": config}
    )


def problems(connection: Connection, *, read_only: bool = False) -> list[str]:
    """What is wrong with the indexes: empty when they match the articles and photos.

    Read-only, only coverage is checked (which articles the index holds), as on
    SQLite; otherwise every document is made again and compared.
    """
    found = []
    built, wanted = configuration(connection), language_configuration(connection)
    if built != wanted:
        found.append(
            f"the search index was built for another language ({built}, not {wanted}); "
            "rebuild it with 'newsroom check-db --repair'"
        )
    missing, extra, stale = _article_differences(connection, built, words=not read_only)
    if missing or extra or stale:
        found.append(
            f"the search index leaves out {missing} articles, holds {extra} it should not "
            f"and has {stale} out of date; repair it with 'newsroom check-db --repair'"
        )
    if not read_only and _photos_differ(connection, built):
        found.append(
            "the photo search index does not match the photos; "
            "repair it with 'newsroom check-db --repair'"
        )
    return found


def _article_differences(connection: Connection, config: str, *, words: bool) -> tuple[int, ...]:
    compared = (
        f"(s.document, s.rank_document, s.newest_at) <> ({_DOCUMENT}, {_RANK_DOCUMENT}, "
        f"{_NEWEST_AT})"
        if words
        else "false"
    )
    row = connection.execute(
        text(
            "SELECT count(*) FILTER (WHERE s.id IS NULL AND a.deleted_at IS NULL),"
            " count(*) FILTER (WHERE s.id IS NOT NULL AND a.deleted_at IS NOT NULL),"
            f" count(*) FILTER (WHERE s.id IS NOT NULL AND a.deleted_at IS NULL AND {compared}) "
            # The index's rows reference articles: each has its article.
            "FROM articles a LEFT JOIN article_search s ON s.id = a.id"
        ),
        {"config": config},
    ).one()
    return tuple(int(value) for value in row)


# --- photos -------------------------------------------------------------------------

_PHOTO_DOCUMENTS = (
    "SELECT p.id, photo_search_document(CAST(:config AS regconfig), p.description, "
    "coalesce((SELECT string_agg(a.photo_caption, ' ' ORDER BY a.id) FROM articles a "
    "WHERE a.photo_id = p.id AND a.deleted_at IS NULL), ''), p.credit, p.keywords) AS document "
    "FROM photos p"
)


def index_photos(connection: Connection, photo_ids: Sequence[int]) -> None:
    """Bring the photo index up to date for these photos (their text or their uses changed)."""
    config = configuration(connection)
    for start in range(0, len(photo_ids), 500):
        chunk = sorted(set(photo_ids[start : start + 500]))
        connection.execute(
            text(
                f"INSERT INTO photo_search (id, document) {_PHOTO_DOCUMENTS} WHERE p.id IN :ids "
                "ON CONFLICT (id) DO UPDATE SET document = excluded.document"
            ).bindparams(bindparam("ids", expanding=True)),
            {"ids": chunk, "config": config},
        )


def _photos_differ(connection: Connection, config: str) -> bool:
    differ = connection.execute(
        text(
            f"SELECT count(*) FROM ({_PHOTO_DOCUMENTS}) AS wanted "
            "FULL JOIN photo_search s ON s.id = wanted.id "
            "WHERE s.id IS NULL OR wanted.id IS NULL OR s.document <> wanted.document"
        ),
        {"config": config},
    ).scalar()
    return bool(differ)


def search_photos(
    connection: Connection, query: str, *, limit: int = 50, offset: int = 0
) -> list[tuple[int, float]]:
    """Photo ids matching ``query`` (the same plain-words language), best first, with rank."""
    tsquery = ts_query(query, "setup.config")
    with _through_the_index(connection):
        rows = connection.execute(
            text(
                f"WITH query AS MATERIALIZED (SELECT setup.config, {tsquery.sql} AS q "
                f"FROM (SELECT CAST({_CONFIG_SQL} AS regconfig) AS config) AS setup) "
                f"SELECT id, ts_rank('{PHOTO_WEIGHTS}', document, query.q, {RANK_NORMALIZATION}) "
                "AS rank FROM photo_search, query "
                "WHERE document @@ query.q ORDER BY rank DESC, id LIMIT :limit OFFSET :offset"
            ),
            {**tsquery.parameters, "limit": limit, "offset": offset},
        ).all()
    return [(int(row[0]), float(row[1])) for row in rows]
