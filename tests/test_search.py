"""Full-text search: ranked, prefix-aware, and unbreakable by what people type."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsroom.article import Article, PhotoUse, Status
from newsroom.errors import SearchQueryError
from newsroom.storage.search import match_expression, parse_query
from newsroom.store import Newsroom
from tests.helpers import jpeg_bytes


@pytest.fixture
def stories(newsroom: Newsroom) -> Newsroom:
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


def slugs(newsroom: Newsroom, query: str) -> list[str]:
    return [hit.article.slug for hit in newsroom.search(query)]


def test_ranked_headline_first(stories: Newsroom) -> None:
    assert slugs(stories, "grain") == ["grain-corridor-talks-resume", "football-results"]


def test_prefixes_match(stories: Newsroom) -> None:
    assert slugs(stories, "negotiat") == ["grain-corridor-talks-resume"]
    assert slugs(stories, "gra corr") == ["grain-corridor-talks-resume"]


def test_every_field_is_searched(stories: Newsroom) -> None:
    assert slugs(stories, "Istanbul") == ["grain-corridor-talks-resume"]  # body
    assert slugs(stories, "rain moscow") == ["weather"]  # subtitle, lead, tags
    assert slugs(stories, "sport") == ["football-results"]  # tags


def test_captions_are_searched(newsroom: Newsroom) -> None:
    info = newsroom.photos.add(jpeg_bytes())
    newsroom.create(
        Article(headline="Plain", photo=PhotoUse(info.sha256, caption="Lavrov in Ankara"))
    )
    assert slugs(newsroom, "ankara") == ["plain"]


def test_accents_and_case_do_not_matter(stories: Newsroom) -> None:
    assert slugs(stories, "cafe ZURICH") == ["cafe-owners-protest-in-zurich"]
    assert slugs(stories, "переговоры") == ["rossiya-i-kitay-dogovorilis"]
    assert slugs(stories, "ПЕКИН") == ["rossiya-i-kitay-dogovorilis"]


def test_phrases_or_and_exclusion(stories: Newsroom) -> None:
    assert slugs(stories, '"corridor talks"') == ["grain-corridor-talks-resume"]
    assert slugs(stories, '"talks corridor"') == []
    assert sorted(slugs(stories, "Istanbul OR Spartak")) == [
        "football-results",
        "grain-corridor-talks-resume",
    ]
    assert slugs(stories, "grain -spartak") == ["grain-corridor-talks-resume"]
    assert slugs(stories, "“corridor talks”") == ["grain-corridor-talks-resume"]


def test_snippets_mark_the_words_found(stories: Newsroom) -> None:
    [hit] = stories.search("Istanbul")
    start, end = hit.highlights[0]
    assert hit.snippet[start:end] == "Istanbul"
    assert "\x02" not in hit.snippet


def test_search_follows_edits_and_deletes(stories: Newsroom) -> None:
    article = stories.get("weather")
    stories.save(article.with_changes(lead="Snow expected.", tags=()))
    assert slugs(stories, "snow") == ["weather"]
    assert slugs(stories, "heavy") == []
    stories.set_status("weather", Status.PUBLISHED)
    stories.delete("weather")
    assert slugs(stories, "snow") == []
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
def test_hostile_queries_never_crash(stories: Newsroom, query: str) -> None:
    try:
        hits = stories.search(query)
    except SearchQueryError as error:
        assert str(error).startswith("search: ")
        assert "\n" not in str(error)
    else:
        assert isinstance(hits, list)


def test_operators_are_plain_words(stories: Newsroom) -> None:
    stories.create(Article(headline="NEAR and NOT: the words", body="AND OR"))
    assert slugs(stories, "NEAR") == ["near-and-not-the-words"]
    assert slugs(stories, "headline:grain") == []  # a phrase "headline grain", not column syntax


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
