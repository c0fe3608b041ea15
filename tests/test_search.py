"""Full-text search: newest first or ranked, prefix-aware, and unbreakable by what people type.

Tests about what matches run in both orders (``order``): the newest-first
order spells a prefix out as the index's own terms, the ranked one does not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsroom.article import Article, PhotoUse, Status
from newsroom.errors import SearchQueryError
from newsroom.storage.search import ORDERS, SearchOrder, match_expression, parse_query
from newsroom.store import Newsroom
from tests.helpers import jpeg_bytes


@pytest.fixture
def stories(newsroom: Newsroom) -> Newsroom:
    return _with_stories(newsroom)


@pytest.fixture(scope="module")
def stories_to_read(module_targets: Callable[[str], Path | str]) -> Iterator[Newsroom]:
    """``stories`` shared by the tests of a module that only search (on each engine)."""
    with Newsroom.open(module_targets("stories"), create=True, author="tester") as newsroom:
        yield _with_stories(newsroom)


def _with_stories(newsroom: Newsroom) -> Newsroom:
    newsroom.create(
        Article(headline="Grain corridor talks resume", body="Negotiators met in Istanbul.")
    )
    newsroom.create(
        Article(
            headline="Football results",
            body="The grain of truth: Spartak won 2-1.",
            tags=("sport",),
        )
    )
    newsroom.create(
        Article(
            headline="Weather",
            subtitle="Rain in Moscow",
            lead="Heavy rain expected.",
            tags=("weather", "Moscow"),
        )
    )
    newsroom.create(Article(headline="Café owners protest in Zürich", body="Prices rose."))
    newsroom.create(
        Article(headline="Россия и Китай договорились", body="Переговоры прошли в Пекине.")
    )
    return newsroom


@pytest.fixture(params=ORDERS)
def order(request: pytest.FixtureRequest) -> SearchOrder:
    value: SearchOrder = request.param
    return value


def slugs(newsroom: Newsroom, query: str, order: SearchOrder = "newest") -> list[str]:
    return [hit.article.slug for hit in newsroom.search(query, order=order)]


def test_ranked_headline_first(stories_to_read: Newsroom) -> None:
    assert slugs(stories_to_read, "grain", "best") == [
        "grain-corridor-talks-resume",
        "football-results",
    ]


def test_newest_first_by_default(stories_to_read: Newsroom) -> None:
    """The article created last comes first, whatever its rank; nothing is ranked."""
    hits = stories_to_read.search("grain")
    assert [hit.article.slug for hit in hits] == ["football-results", "grain-corridor-talks-resume"]
    assert [hit.rank for hit in hits] == [None, None]
    assert all(
        rank is not None
        for rank in (hit.rank for hit in stories_to_read.search("grain", order="best"))
    )


def test_newest_pages_follow_on(newsroom: Newsroom) -> None:
    for number in range(7):
        newsroom.create(Article(headline=f"Harvest report {number}", body="Harvesters at work."))
    pages = [
        [hit.article.slug for hit in newsroom.search("harvest", limit=3, offset=offset)]
        for offset in (0, 3, 6)
    ]
    assert pages == [
        ["harvest-report-6", "harvest-report-5", "harvest-report-4"],
        ["harvest-report-3", "harvest-report-2", "harvest-report-1"],
        ["harvest-report-0"],
    ]


def test_newest_first_reaches_past_the_newest_articles(newsroom: Newsroom) -> None:
    """Matches among the newest articles and far below them come in one page, newest first.

    (On PostgreSQL the newest ``NEWEST_WALK`` articles are read one by one and
    the index answers for the rest: both parts must meet in order, with pages.)
    """
    from newsroom.storage.postgres_search import NEWEST_WALK

    newest = NEWEST_WALK + 49  # the number of the newest article
    walrus_at = {newest, newest - 3, newest - NEWEST_WALK // 2, 29, 9}
    puffin_at = {newest - 30, newest - 60, 4}  # none among the newest 20 read first
    for number in range(newest + 1):
        body = "Walruses came ashore." if number in walrus_at else "Seals stayed."
        body += " Puffins nested." if number in puffin_at else ""
        newsroom.create(Article(headline=f"Shore report {number}", body=body))
    for word, found in (("walruses", walrus_at), ("puffins", puffin_at)):
        wanted = [f"shore-report-{number}" for number in sorted(found, reverse=True)]
        assert [hit.article.slug for hit in newsroom.search(word)] == wanted
        assert [hit.article.slug for hit in newsroom.search(word, snippets=False)] == wanted
        paged = [newsroom.search(word, limit=2, offset=offset) for offset in (0, 2, 4)]
        assert [hit.article.slug for page in paged for hit in page] == wanted


def test_a_prefix_of_many_words_still_matches_all(newsroom: Newsroom, order: SearchOrder) -> None:
    """More words with the prefix than are spelled out: FTS5 merges them, as before."""
    words = [f"wordsmith{chr(97 + n // 26)}{chr(97 + n % 26)}" for n in range(40)]
    for word in words:
        newsroom.create(Article(headline=f"About {word}"))
    assert len(newsroom.search("wordsmith", limit=100, order=order)) == 40
    assert len(newsroom.search("wordsmithb", limit=100, order=order)) == 14


def test_a_prefix_matches_words_indexed_since(stories: Newsroom, order: SearchOrder) -> None:
    """New words (a new article, an edit) join the vocabulary the newest order spells from."""
    assert slugs(stories, "negotiat", order) == ["grain-corridor-talks-resume"]
    stories.create(Article(headline="Negotiations stall", body="Negotiating goes on."))
    article = stories.get("weather")
    stories.save(article.with_changes(lead="Negotiators shelter from the rain."))
    assert sorted(slugs(stories, "negotiat", order)) == [
        "grain-corridor-talks-resume",
        "negotiations-stall",
        "weather",
    ]
    assert sorted(slugs(stories, "negotiat -stall", order)) == [
        "grain-corridor-talks-resume",
        "weather",
    ]
    assert slugs(stories, "negotiatz", order) == []
    assert slugs(stories, "shelter OR zzzzzz", order) == ["weather"]


def test_prefixes_match(stories_to_read: Newsroom, order: SearchOrder) -> None:
    assert slugs(stories_to_read, "negotiat", order) == ["grain-corridor-talks-resume"]
    assert slugs(stories_to_read, "gra corr", order) == ["grain-corridor-talks-resume"]


def test_every_field_is_searched(stories_to_read: Newsroom, order: SearchOrder) -> None:
    assert slugs(stories_to_read, "Istanbul", order) == ["grain-corridor-talks-resume"]  # body
    assert slugs(stories_to_read, "rain moscow", order) == ["weather"]  # subtitle, lead, tags
    assert slugs(stories_to_read, "sport", order) == ["football-results"]  # tags


def test_captions_are_searched(newsroom: Newsroom) -> None:
    info = newsroom.photos.add(jpeg_bytes())
    newsroom.create(
        Article(headline="Plain", photo=PhotoUse(info.sha256, caption="Lavrov in Ankara"))
    )
    assert slugs(newsroom, "ankara") == ["plain"]


def test_accents_and_case_do_not_matter(stories_to_read: Newsroom, order: SearchOrder) -> None:
    assert slugs(stories_to_read, "cafe ZURICH", order) == ["cafe-owners-protest-in-zurich"]
    assert slugs(stories_to_read, "переговоры", order) == ["rossiya-i-kitay-dogovorilis"]
    assert slugs(stories_to_read, "ПЕКИН", order) == ["rossiya-i-kitay-dogovorilis"]


def test_phrases_or_and_exclusion(stories_to_read: Newsroom, order: SearchOrder) -> None:
    assert slugs(stories_to_read, '"corridor talks"', order) == ["grain-corridor-talks-resume"]
    assert slugs(stories_to_read, '"talks corridor"', order) == []
    assert sorted(slugs(stories_to_read, "Istanbul OR Spartak", order)) == [
        "football-results",
        "grain-corridor-talks-resume",
    ]
    assert slugs(stories_to_read, "grain -spartak", order) == ["grain-corridor-talks-resume"]
    assert slugs(stories_to_read, "“corridor talks”", order) == ["grain-corridor-talks-resume"]


def test_snippets_mark_the_words_found(stories_to_read: Newsroom, order: SearchOrder) -> None:
    [hit] = stories_to_read.search("Istanbul", order=order)
    start, end = hit.highlights[0]
    assert hit.snippet[start:end] == "Istanbul"
    assert "\x02" not in hit.snippet


def test_snippets_can_be_left_out(stories: Newsroom, engine: str) -> None:
    [hit] = stories.search("Istanbul", snippets=False)
    assert hit.article.slug == "grain-corridor-talks-resume"
    if engine == "sqlite":  # PostgreSQL makes them in its one statement anyway
        assert (hit.snippet, hit.highlights) == ("", ())


def test_a_word_no_article_has_leaves_out_only_its_own_group(
    stories_to_read: Newsroom, order: SearchOrder
) -> None:
    assert slugs(stories_to_read, "zyxwvut grain", order) == []
    assert slugs(stories_to_read, "zyxwvut OR istanbul", order) == ["grain-corridor-talks-resume"]
    assert slugs(stories_to_read, "istanbul -zyxwvut", order) == ["grain-corridor-talks-resume"]


def test_search_follows_edits_and_deletes(stories: Newsroom, order: SearchOrder) -> None:
    article = stories.get("weather")
    stories.save(article.with_changes(lead="Snow expected.", tags=()))
    assert slugs(stories, "snow", order) == ["weather"]
    assert slugs(stories, "heavy", order) == []
    stories.set_status("weather", Status.PUBLISHED)
    stories.delete("weather")
    assert slugs(stories, "snow", order) == []
    assert stories.check().ok


HOSTILE = [
    '"',
    '""',
    '"unbalanced',
    'unbalanced"',
    "'",
    "*",
    "**",
    "grain*",
    "*grain",
    "-",
    "--",
    "-grain",
    "NOT",
    "AND",
    "OR",
    "NEAR",
    "NEAR(grain talks)",
    "grain AND",
    "OR grain",
    "grain OR",
    "grain NOT talks",
    "headline:grain",
    "body:",
    ":",
    "^grain",
    "grain^",
    "(",
    ")",
    "(grain",
    "grain)",
    "{headline}: x",
    "a:b:c",
    "+",
    "grain + talks",
    "\\",
    "%",
    "_",
    "___",
    "'; DROP TABLE articles; --",
    "\x00",
    "\ud800",
    "\u200b",
    "   ",
    "\t\n",
    "😀",
    "grain 😀",
    "ⅷ",
    "٣",
    "x" * 999,
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_crash(
    stories_to_read: Newsroom, query: str, order: SearchOrder
) -> None:
    try:
        hits = stories_to_read.search(query, order=order)
    except SearchQueryError as error:
        assert str(error).startswith("search: ")
        assert "\n" not in str(error)
    else:
        assert isinstance(hits, list)


def test_operators_are_plain_words(stories: Newsroom, order: SearchOrder) -> None:
    stories.create(Article(headline="NEAR and NOT: the words", body="AND OR"))
    assert slugs(stories, "NEAR", order) == ["near-and-not-the-words"]
    assert (
        slugs(stories, "headline:grain", order) == []
    )  # a phrase "headline grain", not column syntax


def test_empty_and_oversized_queries_are_clear_errors(stories: Newsroom) -> None:
    with pytest.raises(SearchQueryError, match="give at least one word"):
        stories.search("  *** ")
    with pytest.raises(SearchQueryError, match="too long"):
        stories.search("x" * 1001)
    with pytest.raises(SearchQueryError, match="too many words"):
        stories.search(" ".join(["word"] * 40))


def test_match_expression_quotes_every_term() -> None:
    parsed = parse_query('grain "corridor talks" a OR b -"c d" -e')
    assert match_expression(parsed) == (
        '("grain"* AND "corridor talks" AND ("a"* OR "b"*)) NOT ("c d" OR "e"*)'
    )
    assert match_expression(parse_query('x"y')) == '"x"* AND "y"*'


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=60))
def test_any_text_is_a_query_or_a_clear_error(
    tmp_path_factory: pytest.TempPathFactory, query: str
) -> None:
    newsroom = _shared_newsroom(tmp_path_factory)
    try:
        newsroom.search(query)
    except SearchQueryError as error:
        assert str(error).startswith("search: ")


_NEWSROOMS: dict[str, Newsroom] = {}


def _shared_newsroom(factory: pytest.TempPathFactory) -> Newsroom:
    if "shared" not in _NEWSROOMS:
        path: Path = factory.mktemp("search") / "n.sqlite"
        newsroom = Newsroom.open(path, create=True)
        newsroom.create(
            Article(headline="Grain corridor", body="some text with “quotes” and - dashes")
        )
        _NEWSROOMS["shared"] = newsroom
    return _NEWSROOMS["shared"]
