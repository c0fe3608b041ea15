"""Full-text search on PostgreSQL: the same query language and answers as SQLite's FTS5,
a weighted tsvector in the newsroom's language, and an index that cannot be fooled or left stale.

Against a real throwaway server (``postgres_url`` in tests/conftest.py); skipped, saying why,
where none can be started. Articles are written with SQLAlchemy Core and indexed as storage
does (``index`` after a write, ``unindex`` before a change), since the app opens SQLite only yet.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import (
    Engine,
    column,
    create_engine,
    event,
    insert,
    inspect,
    table,
    text,
    update,
)
from sqlalchemy.engine import URL, Connection

from newsroom.article import Article
from newsroom.errors import SearchQueryError
from newsroom.storage import postgres_search as pgsearch
from newsroom.storage.migrate import prepare, upgrade
from newsroom.storage.schema import ARTICLES, PHOTOS, SETTINGS
from newsroom.store import Newsroom
from tests import pg
from tests.test_search import HOSTILE

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
COLUMNS = ("id", "slug", "headline")

# The stories of tests/test_search.py, in the same order (so the same ids on both engines).
STORIES: list[dict[str, Any]] = [
    {"headline": "Grain corridor talks resume", "body": "Negotiators met in Istanbul."},
    {"headline": "Football results", "body": "The grain of truth: Spartak won 2-1.",
     "tags": "sport"},
    {"headline": "Weather", "subtitle": "Rain in Moscow", "lead": "Heavy rain expected.",
     "tags": "weather\nMoscow"},
    {"headline": "Café owners protest in Zürich", "body": "Prices rose."},
    {"headline": "Россия и Китай договорились", "body": "Переговоры прошли в Пекине."},
]  # fmt: skip


@pytest.fixture
def engine(postgres_url: URL) -> Iterator[Engine]:
    """A migrated PostgreSQL newsroom, empty."""
    engine = create_engine(postgres_url)
    prepare(engine, create=True)
    yield engine
    engine.dispose()


def add(connection: Connection, headline: str, **fields: Any) -> int:
    """Write an article and index it, as storage does."""
    count = connection.execute(text("SELECT count(*) FROM articles")).scalar_one()
    slug = fields.pop("slug", None) or f"a{count + 1}"
    values = {"slug": slug, "headline": headline, "status": "draft", "created_at": NOW,
              "updated_at": NOW, **fields}  # fmt: skip
    article_id = int(
        connection.execute(insert(ARTICLES).returning(ARTICLES.c.id), values).scalar_one()
    )
    pgsearch.index(connection, article_id)
    return article_id


@pytest.fixture
def stories(engine: Engine) -> Engine:
    with engine.begin() as connection:
        for story in STORIES:
            add(connection, **story)
    return engine


def ids(engine: Engine, query: str) -> list[int]:
    with engine.connect() as connection:
        return [hit.columns[0] for hit in pgsearch.search(connection, query, COLUMNS, order="best")]


def sqlite_ids(newsroom: Newsroom, query: str) -> list[int]:
    hits = newsroom.search(query, order="best")
    return [hit.article.id for hit in hits if hit.article.id is not None]


@pytest.fixture
def sqlite_stories(tmp_path: Path) -> Iterator[Newsroom]:
    newsroom = Newsroom.open(tmp_path / "newsroom.sqlite", create=True)
    for story in STORIES:
        tags = tuple(story.get("tags", "").split("\n")) if story.get("tags") else ()
        newsroom.create(Article(**{**story, "tags": tags}))
    yield newsroom
    newsroom.close()


# The two long parametrized lists below only read: one copy of the stories per module,
# not a migrated database and a newsroom file made for each of ~40 queries.
@pytest.fixture(scope="module")
def shared_stories(postgres_server: pg.Server) -> Iterator[Engine]:
    name = postgres_server.create_database()
    engine = create_engine(postgres_server.url(name))
    prepare(engine, create=True)
    with engine.begin() as connection:
        for story in STORIES:
            add(connection, **story)
    yield engine
    engine.dispose()
    postgres_server.drop_database(name)


@pytest.fixture(scope="module")
def shared_sqlite_stories(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Newsroom]:
    newsroom = Newsroom.open(tmp_path_factory.mktemp("stories") / "newsroom.sqlite", create=True)
    for story in STORIES:
        tags = tuple(story.get("tags", "").split("\n")) if story.get("tags") else ()
        newsroom.create(Article(**{**story, "tags": tags}))
    yield newsroom
    newsroom.close()


SAME_ANSWERS = [
    "grain",  # headline above body
    "negotiat",
    "gra corr",
    "Istanbul",
    "rain moscow",
    "sport",
    "cafe ZURICH",
    "переговоры",
    "ПЕКИН",
    '"corridor talks"',
    '"talks corridor"',
    "grain -spartak",
    "“corridor talks”",
    "Istanbul OR Spartak",
    "nothing-like-it",
]


@pytest.mark.parametrize("query", SAME_ANSWERS)
def test_the_same_queries_find_the_same_articles_in_the_same_order(
    shared_stories: Engine, shared_sqlite_stories: Newsroom, query: str
) -> None:
    expected = sqlite_ids(shared_sqlite_stories, query)
    found = ids(shared_stories, query)
    if " OR " in query:  # two single matches of one weight: their order is a tie
        found, expected = sorted(found), sorted(expected)
    assert found == expected


def test_headline_match_ranks_above_body_match(stories: Engine) -> None:
    with stories.connect() as connection:
        hits = pgsearch.search(connection, "grain", COLUMNS, order="best")
    assert [hit.columns[2] for hit in hits] == ["Grain corridor talks resume", "Football results"]
    assert hits[0].rank > hits[1].rank > 0


def test_phrases_or_exclusion_and_prefixes(stories: Engine) -> None:
    assert ids(stories, '"corridor talks"') == [1]
    assert ids(stories, '"talks corridor"') == []
    assert sorted(ids(stories, "Istanbul OR Spartak")) == [1, 2]
    assert ids(stories, "grain -spartak") == [1]
    assert ids(stories, 'grain -"grain of truth"') == [1]
    assert ids(stories, "negotiat") == [1]  # a prefix the stemmer would not make
    assert ids(stories, "corr") == [1]


def test_russian_morphology_with_the_newsroom_in_russian(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(insert(SETTINGS), {"key": "language", "value": json.dumps("ru")})
        pgsearch.rebuild(connection)
        add(connection, "Итоги", body="Стороны договорились на переговорах в Пекине.")
        add(connection, "Другое", body="Перемирие не наступило.")
    assert ids(engine, "переговоры") == [1]  # another ending, the same word
    assert sorted(ids(engine, "пере")) == [1, 2]  # a prefix finds both
    assert ids(engine, "перемирия") == [2]
    assert ids(engine, '"на переговорах"') == [1]
    with engine.connect() as connection:
        assert pgsearch.configuration(connection) == "newsroom_russian"
        assert pgsearch.problems(connection) == []


def test_english_stemming_finds_other_forms(stories: Engine) -> None:
    with stories.begin() as connection:
        add(connection, "Negotiations stall", body="Talking continues.")
    assert ids(stories, "negotiation") == [6, 1]  # by its stem, headline first
    assert ids(stories, "continued") == [6]  # "continues" and "continued" share a stem
    assert ids(stories, "the") == [2]  # a stop word is still a word as written


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_give_results_or_the_one_line_error_sqlite_gives(
    shared_stories: Engine, shared_sqlite_stories: Newsroom, query: str
) -> None:
    try:
        expected: list[int] | str = sqlite_ids(shared_sqlite_stories, query)
    except SearchQueryError as error:
        expected = str(error)
    try:
        found: list[int] | str = ids(shared_stories, query)
    except SearchQueryError as error:
        found = str(error)
    if isinstance(expected, str):
        assert found == expected
        assert found.startswith("search: ") and "\n" not in found
    else:
        assert isinstance(found, list)


TSQUERY_SYNTAX = [
    "grain & !grain",
    "grain | spartak",
    "!grain",
    "grain:*",
    "grain:A",
    "grain <-> corridor",
    "grain <2> corridor",
    "(grain",
    "'grain'",
    "''grain''",
    "'grain':* | 'x'",
    "\\'grain\\' | x",
    "grain\\",
    "gr\\ain",
    "it's",
    "'; SELECT pg_sleep(10); --",
    "grain\x00corridor",
    "grain " * 300,
]


@pytest.mark.parametrize("query", TSQUERY_SYNTAX)
def test_tsquery_syntax_is_read_as_plain_words(stories: Engine, query: str) -> None:
    try:
        found = ids(stories, query)
    except SearchQueryError as error:
        assert str(error).startswith("search: ") and "\n" not in str(error)
    else:
        # Never an operator: at most the articles holding every word typed.
        assert set(found) <= {1, 2}


def test_operators_typed_are_words(stories: Engine) -> None:
    with stories.begin() as connection:
        add(connection, "Grain | corridor & co", body="!bang")
    assert ids(stories, "grain | spartak") == [2]  # "|" is no word: grain AND spartak
    assert ids(stories, "!bang") == [6]


def test_huge_and_empty_queries_are_the_clear_errors_of_sqlite(stories: Engine) -> None:
    with pytest.raises(SearchQueryError, match="give at least one word"):
        ids(stories, "  *** ")
    with pytest.raises(SearchQueryError, match="too long"):
        ids(stories, "x" * 1001)
    with pytest.raises(SearchQueryError, match="too many words"):
        ids(stories, " ".join(["word"] * 40))
    assert ids(stories, " ".join(["grain"] * 32)) == [1, 2]


def test_snippets_mark_the_words_found(stories: Engine) -> None:
    with stories.connect() as connection:
        [hit] = pgsearch.search(connection, "Istanbul", COLUMNS)
        [cafe] = pgsearch.search(connection, "cafe", COLUMNS)
        [prefix] = pgsearch.search(connection, "negotiat", COLUMNS)
    start, end = hit.highlights[0]
    assert hit.snippet[start:end] == "Istanbul"
    assert "\x02" not in hit.snippet and "\x03" not in hit.snippet
    assert [cafe.snippet[a:b] for a, b in cafe.highlights] == ["Café"]
    assert [prefix.snippet[a:b] for a, b in prefix.highlights] == ["Negotiators"]


def test_marker_characters_in_the_text_cannot_fake_a_highlight(engine: Engine) -> None:
    # The article format refuses them; a row written some other way must still not fool the list.
    with engine.begin() as connection:
        add(connection, "Plain", body="\x02Fake\x03 highlight and a real word: walrus.")
    with engine.connect() as connection:
        [hit] = pgsearch.search(connection, "walrus", COLUMNS)
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["walrus"]
    assert "Fake highlight" in hit.snippet


def test_deleted_articles_are_not_found_and_edits_are_followed(stories: Engine) -> None:
    with stories.begin() as connection:
        pgsearch.unindex(connection, 3)
        connection.execute(
            update(ARTICLES).where(ARTICLES.c.id == 3).values(lead="Snow expected.", tags="")
        )
        pgsearch.index(connection, 3)
    assert ids(stories, "snow") == [3]
    assert ids(stories, "heavy") == []
    with stories.begin() as connection:
        pgsearch.unindex(connection, 3)
        connection.execute(update(ARTICLES).where(ARTICLES.c.id == 3).values(deleted_at=NOW))
        pgsearch.index(connection, 3)  # a deleted article stays out
    assert ids(stories, "snow") == []
    with stories.connect() as connection:
        assert pgsearch.problems(connection) == []
    with stories.begin() as connection:
        connection.execute(update(ARTICLES).where(ARTICLES.c.id == 3).values(deleted_at=None))
        pgsearch.index(connection, 3)  # undeleted
    assert ids(stories, "snow") == [3]


def test_limit_and_offset_page_through_the_hits(stories: Engine) -> None:
    with stories.connect() as connection:
        first = pgsearch.search(connection, "grain", COLUMNS, limit=1, order="best")
        second = pgsearch.search(connection, "grain", COLUMNS, limit=1, offset=1, order="best")
    assert [hit.columns[0] for hit in (*first, *second)] == [1, 2]


def test_problems_finds_a_stale_index_and_rebuild_mends_it(stories: Engine) -> None:
    with stories.begin() as connection:  # changes made behind the index's back
        connection.execute(update(ARTICLES).where(ARTICLES.c.id == 1).values(body="Walruses."))
        connection.execute(update(ARTICLES).where(ARTICLES.c.id == 2).values(deleted_at=NOW))
        connection.execute(text("DELETE FROM article_search WHERE id = 4"))
    with stories.connect() as connection:
        assert pgsearch.problems(connection) == [
            "the search index leaves out 1 articles, holds 1 it should not and has 1 out of "
            "date; repair it with 'newsroom check-db --repair'"
        ]
        # Read-only, the words are not compared: the out-of-date article is not seen.
        assert pgsearch.problems(connection, read_only=True) == [
            "the search index leaves out 1 articles, holds 1 it should not and has 0 out of "
            "date; repair it with 'newsroom check-db --repair'"
        ]
    with stories.begin() as connection:
        pgsearch.rebuild(connection)
    with stories.connect() as connection:
        assert pgsearch.problems(connection) == []
    assert ids(stories, "walruses") == [1]
    assert ids(stories, "spartak") == []
    assert ids(stories, "prices") == [4]


def test_short_texts_matching_the_whole_query_rank_first_then_body_matches_newest_first(
    engine: Engine,
) -> None:
    earlier, later = datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 11, 20, tzinfo=UTC)
    with engine.begin() as connection:
        old_body = add(connection, "Harbour news", body="Walrus seen.", updated_at=earlier)
        tagged = add(connection, "Harbour news", body="Nothing.", tags="walrus")
        new_body = add(connection, "Harbour news", body="A walrus again.", published_at=later)
        headline = add(connection, "Walrus in the harbour", updated_at=earlier)
        subtitle = add(connection, "Harbour news", subtitle="A walrus", updated_at=earlier)
    # Headline, subtitle, tags; then the body matches, the one published later first.
    assert ids(engine, "walrus") == [headline, subtitle, tagged, new_body, old_body]
    with engine.connect() as connection:
        ranks = [hit.rank for hit in pgsearch.search(connection, "walrus", COLUMNS, order="best")]
    assert ranks[2] > 1 > ranks[3] > 0  # higher is better, a body match above nothing


def test_phrases_and_exclusions_are_checked_in_the_whole_article(engine: Engine) -> None:
    with engine.begin() as connection:
        in_headline = add(connection, "Prime minister resigns")
        apart = add(connection, "Prime time", body="The minister spoke.")  # not the phrase
        in_body = add(connection, "Resignation", body="The prime minister resigned.")
        excluded = add(
            connection,
            "Prime minister visits",
            body="Bad weather.",
            updated_at=datetime(2026, 1, 1, tzinfo=UTC),
        )
    assert ids(engine, '"prime minister"') == [in_headline, excluded, in_body]
    assert ids(engine, '"prime minister" -weather') == [in_headline, in_body]
    assert ids(engine, 'prime -"minister spoke"') == [in_headline, excluded, in_body]
    with engine.connect() as connection:  # paging through both tiers
        pages = [
            pgsearch.search(
                connection, '"prime minister"', COLUMNS, limit=1, offset=offset, order="best"
            )
            for offset in range(4)
        ]
    assert [hit.columns[0] for page in pages for hit in page] == [in_headline, excluded, in_body]
    assert apart not in ids(engine, '"prime minister"')


def test_problems_sees_a_stale_rank_document_or_date(stories: Engine) -> None:
    with stories.begin() as connection:
        connection.execute(text("UPDATE article_search SET rank_document = '' WHERE id = 1"))
        connection.execute(
            text("UPDATE article_search SET newest_at = newest_at - interval '1 day' WHERE id = 2")
        )
    with stories.connect() as connection:
        assert pgsearch.problems(connection) == [
            "the search index leaves out 0 articles, holds 0 it should not and has 2 out of "
            "date; repair it with 'newsroom check-db --repair'"
        ]
    with stories.begin() as connection:
        pgsearch.rebuild(connection)
    with stories.connect() as connection:
        assert pgsearch.problems(connection) == []
    assert ids(stories, "grain") == [1, 2]


def test_a_change_of_language_is_a_problem_until_rebuilt(stories: Engine) -> None:
    with stories.begin() as connection:
        connection.execute(insert(SETTINGS), {"key": "language", "value": json.dumps("ru")})
    with stories.connect() as connection:
        assert pgsearch.problems(connection) == [
            "the search index was built for another language (newsroom_english, not "
            "newsroom_russian); rebuild it with 'newsroom check-db --repair'"
        ]
        # Until then, queries and new documents keep to the index's own configuration.
        assert pgsearch.configuration(connection) == "newsroom_english"
    with stories.begin() as connection:
        pgsearch.rebuild(connection)
    with stories.connect() as connection:
        assert pgsearch.problems(connection) == []
        assert pgsearch.configuration(connection) == "newsroom_russian"
    assert ids(stories, "переговоры") == [5]


def _add_photo(connection: Connection, **fields: str) -> int:
    count = connection.execute(text("SELECT count(*) FROM photos")).scalar_one()
    values = {"sha256": f"{count:064d}",
              "media_type": "image/jpeg", "width": 1, "height": 1, "byte_size": 1,
              "created_at": NOW, "data": b"x", **fields}  # fmt: skip
    photo_id = int(connection.execute(insert(PHOTOS).returning(PHOTOS.c.id), values).scalar_one())
    pgsearch.index_photos(connection, [photo_id])
    return photo_id


def test_photo_search_reads_description_captions_credit_and_keywords(engine: Engine) -> None:
    with engine.begin() as connection:
        walrus = _add_photo(connection, description="A walrus on the ice", credit="TASS")
        harbour = _add_photo(connection, description="The harbour", keywords="port\nwalrus")
        add(connection, "Ashore", photo_id=harbour, photo_caption="Ships in Murmansk.")
        pgsearch.index_photos(connection, [harbour])  # its uses changed
    with engine.connect() as connection:
        ranked = pgsearch.search_photos(connection, "walrus")
        assert [photo for photo, _ in ranked] == [walrus, harbour]  # description above keywords
        assert ranked[0][1] > ranked[1][1] > 0
        assert [p for p, _ in pgsearch.search_photos(connection, "murmansk")] == [harbour]
        assert [p for p, _ in pgsearch.search_photos(connection, "tass -harbour")] == [walrus]
        assert pgsearch.search_photos(connection, "walrus", limit=1, offset=1)[0][0] == harbour
        assert pgsearch.problems(connection) == []
        with pytest.raises(SearchQueryError, match="give at least one word"):
            pgsearch.search_photos(connection, "'")
    with engine.begin() as connection:  # the caption's article deleted behind the index's back
        connection.execute(update(ARTICLES).values(deleted_at=NOW))
        pgsearch.unindex(connection, 1)
    with engine.connect() as connection:
        assert pgsearch.problems(connection) == [
            "the photo search index does not match the photos; "
            "repair it with 'newsroom check-db --repair'"
        ]


def defaults_at(connection: Connection) -> dict[str, object]:
    """What the model fills in by itself, for the columns the database has now (an old
    schema lacks what later migrations added: language, the wire source…)."""
    present = {column["name"] for column in inspect(connection).get_columns("articles")}
    return {
        c.name: c.default.arg
        for c in ARTICLES.c
        if c.name in present and c.default is not None and not callable(c.default.arg)
    }


def test_the_migration_fills_the_index_from_existing_rows(postgres_url: URL) -> None:
    engine = create_engine(postgres_url)
    try:
        upgrade(engine, "0006")  # a newsroom from before PostgreSQL had search
        with engine.begin() as connection:
            connection.execute(insert(SETTINGS), {"key": "language", "value": json.dumps("ru")})
            photo = connection.execute(
                insert(PHOTOS).returning(PHOTOS.c.id),
                {"sha256": "b" * 64, "media_type": "image/jpeg", "width": 1, "height": 1,
                 "byte_size": 1, "created_at": NOW, "data": b"x", "description": "Кремль"},
            ).scalar_one()  # fmt: skip
            for number, story in enumerate(STORIES, start=1):
                row = {
                    **defaults_at(connection),
                    "slug": f"s{number}",
                    "status": "draft",
                    "created_at": NOW,
                    "updated_at": NOW,
                    "photo_id": photo if number == 1 else None,
                    **story,
                }
                # The columns of 0006 only: today's model has more (language, from 0011).
                old_articles = table("articles", *(column(name) for name in row))
                connection.execute(insert(old_articles), row)  # fmt: skip
            connection.execute(update(ARTICLES).where(ARTICLES.c.id == 2).values(deleted_at=NOW))
        assert prepare(engine, create=False) == "upgraded"
        with engine.connect() as connection:
            assert pgsearch.configuration(connection) == "newsroom_russian"
            assert pgsearch.problems(connection) == []  # the fill made what index() makes
            assert [p for p, _ in pgsearch.search_photos(connection, "кремля")] == [photo]
        assert ids(engine, "переговорах") == [5]
        assert ids(engine, "grain") == [1]  # the deleted article stays out
    finally:
        engine.dispose()


def test_the_search_tables_are_excluded_from_schema_comparison_and_go_with_a_downgrade(
    engine: Engine,
) -> None:
    from newsroom.storage.health import SEARCH_INDEXES

    with engine.connect() as connection:
        tables = inspect(connection).get_table_names()
    search_tables = sorted(name for name in tables if name.startswith(SEARCH_INDEXES))
    assert search_tables == ["article_search", "article_search_setup", "photo_search"]
    from alembic import command
    from alembic.config import Config

    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", "newsroom.storage:migrations")
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
    with engine.connect() as connection:
        left = [
            name
            for name in inspect(connection).get_table_names()
            if name.startswith(SEARCH_INDEXES)
        ]
        configurations = connection.execute(
            text("SELECT count(*) FROM pg_ts_config WHERE cfgname LIKE 'newsroom_%'")
        ).scalar()
    assert (left, configurations) == ([], 0)


def test_a_query_nothing_matches_is_answered_without_the_search_statement(
    stories: Engine,
) -> None:
    """One round trip (migration 0014's function), not the planning of the whole search.

    (The newest order is one statement on the driver's connection, hits or not.)
    """
    statements: list[str] = []
    event.listen(stories, "before_cursor_execute", lambda *call: statements.append(call[2]))
    with stories.connect() as connection:
        assert pgsearch.search(connection, "zyxwvut", COLUMNS, order="best") == []
        assert statements == []
        assert pgsearch.search(connection, "grain", COLUMNS, order="best")
        assert statements  # with hits, the search statement runs (through SQLAlchemy)


@pytest.mark.parametrize("autocommit", [True, False])
def test_the_planner_settings_of_a_search_come_back_after_it(
    stories: Engine, autocommit: bool
) -> None:
    def settings(connection: Connection) -> tuple[str, str]:
        row = connection.execute(text("SELECT current_setting('enable_seqscan'), "
                                      "current_setting('jit')")).one()  # fmt: skip
        return row[0], row[1]

    with stories.connect() as connection:
        if autocommit:
            connection.execution_options(isolation_level="AUTOCOMMIT")
        before = settings(connection)
        assert pgsearch.search(connection, '"corridor talks" -spartak', COLUMNS)
        assert settings(connection) == before == ("on", before[1])


def test_reads_hold_no_transaction_open_on_the_server(postgres_url: URL) -> None:
    """A read is its statement alone: no BEGIN before it, no ROLLBACK after it."""
    with Newsroom.open(postgres_url.render_as_string(hide_password=False), create=True) as newsroom:
        newsroom.create(Article(headline="Grain corridor talks resume"))
        with newsroom.db.reading() as connection:
            assert connection.execute(text("SELECT count(*) FROM articles")).scalar() == 1
            raw = connection.connection.driver_connection
            assert raw is not None
            assert raw.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
        assert [hit.article.headline for hit in newsroom.search("grain")] == [
            "Grain corridor talks resume"
        ]
