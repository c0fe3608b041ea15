"""Suggested related headlines and the checks of outside stories typed by hand."""

from __future__ import annotations

import pytest

from newsroom.article import Article, RelatedHeadline, Status
from newsroom.demo import load_demo
from newsroom.errors import ValidationError
from newsroom.store import Newsroom
from newsroom.suggest import (
    MAX_QUERY_TERMS,
    distinctive_words,
    external_related_problem,
    outside_story_prefill,
    read_external_related,
    similar_articles,
    suggest_related,
)

WALRUS_SLUG = "walrus-count-arctic-station"


def _walrus_story(newsroom: Newsroom, **changes: object) -> Article:
    article = Article(
        headline="Walruses return to the Arctic coast as ice drifts north",
        subtitle="Researchers at the station expect another record count",
        lead="Scientists counting walruses on the drifting ice say the herd is growing.",
        tags=("wildlife", "Arctic"),
        section="Science",
    ).with_changes(**changes)
    return newsroom.create(article)


def test_distinctive_words_leave_out_stop_words_short_words_and_numbers() -> None:
    article = Article(
        headline="The council and the mayor say 2029 is the year for a new tram",
        lead="It is on the way.",
        tags=("transport",),
    )
    words = distinctive_words(article)
    assert "council" in words and "mayor" in words and "transport" in words
    assert "tram" in words
    for dropped in ("the", "and", "say", "2029", "year", "new", "it", "is", "way"):
        assert dropped not in words


def test_distinctive_words_are_capped_and_headline_words_come_first() -> None:
    lead = " ".join(f"word{chr(97 + i)}{chr(97 + j)}" for i in range(10) for j in range(10))
    article = Article(headline="Glaciers retreat", lead=lead)
    words = distinctive_words(article)
    assert len(words) == MAX_QUERY_TERMS
    assert words[:2] == ["glacier", "retreat"]


def test_plural_words_are_searched_by_their_stem() -> None:
    assert distinctive_words(Article(headline="Walruses"))[0] == "walrus"


def test_a_clearly_related_demo_article_is_suggested_first(newsroom: Newsroom) -> None:
    load_demo(newsroom)
    story = _walrus_story(newsroom)
    found = similar_articles(newsroom, story)
    assert found, "no suggestion"
    assert found[0].slug == WALRUS_SLUG
    assert story.id not in [summary.id for summary in found]


def test_the_article_itself_and_its_related_articles_are_left_out(newsroom: Newsroom) -> None:
    load_demo(newsroom)
    walrus = newsroom.get(WALRUS_SLUG)
    found = similar_articles(newsroom, walrus)
    slugs = [summary.slug for summary in found]
    assert WALRUS_SLUG not in slugs
    assert "first-snow-northern-regions" not in slugs  # already related
    story = _walrus_story(newsroom, related=(RelatedHeadline.internal(WALRUS_SLUG),))
    assert WALRUS_SLUG not in [summary.slug for summary in similar_articles(newsroom, story)]


def test_an_earlier_slug_in_related_still_leaves_the_article_out(newsroom: Newsroom) -> None:
    load_demo(newsroom)
    newsroom.rename(WALRUS_SLUG, "walrus-record")
    story = _walrus_story(newsroom, related=(RelatedHeadline.internal(WALRUS_SLUG),))
    assert "walrus-record" not in [summary.slug for summary in similar_articles(newsroom, story)]


def test_public_articles_come_before_drafts_and_killed_ones_are_left_out(
    newsroom: Newsroom,
) -> None:
    draft = newsroom.create(Article(headline="Walruses walruses walruses on the ice"))
    public = newsroom.create(Article(headline="Ice survey finds walruses", status=Status.PUBLISHED))
    killed = newsroom.create(Article(headline="Walruses walruses counted", status=Status.PUBLISHED))
    newsroom.set_status(killed.id or 0, Status.KILLED)
    story = Article(headline="Walruses on drifting ice")
    found = similar_articles(newsroom, story)
    ids = [summary.id for summary in found]
    assert ids == [public.id, draft.id]


def test_limit_and_an_article_without_words(newsroom: Newsroom) -> None:
    load_demo(newsroom)
    story = _walrus_story(newsroom)
    assert len(similar_articles(newsroom, story, limit=1)) == 1
    assert similar_articles(newsroom, Article(headline="It is on")) == []


def test_each_suggestion_says_which_words_and_tags_it_shares(newsroom: Newsroom) -> None:
    load_demo(newsroom)
    story = _walrus_story(newsroom)
    suggestions = suggest_related(newsroom, story)
    assert [s.article for s in suggestions] == similar_articles(newsroom, story)
    walrus = suggestions[0]
    assert walrus.article.slug == WALRUS_SLUG
    assert walrus.shared_tags == ("wildlife", "Arctic")  # as the story spells them
    assert walrus.shared_words[0] == "walrus"  # "Walruses", searched by its stem
    assert {"drift", "station"} <= set(walrus.shared_words)
    # A tag shared is not repeated as a shared word.
    assert not {"arctic", "Arctic", "wildlife"} & set(walrus.shared_words)
    # Each reason is a word the story searched for and the article uses.
    searched = distinctive_words(story)
    saved = newsroom.get(WALRUS_SLUG)
    text = " ".join((saved.headline, saved.subtitle, saved.lead, saved.body)).casefold()
    for word in walrus.shared_words:
        assert word.casefold() in searched and word.casefold() in text


def test_a_word_found_only_in_the_body_is_named(newsroom: Newsroom) -> None:
    target = newsroom.create(
        Article(headline="Survey flights end", body="The pilots counted glaciers from the air.")
    )
    story = Article(headline="Glaciers retreat", tags=("climate",))
    (found,) = suggest_related(newsroom, story)
    assert found.article.id == target.id
    assert found.shared_words == ("glacier",)
    assert found.shared_tags == ()


def test_a_story_without_words_gets_no_suggestions(newsroom: Newsroom) -> None:
    load_demo(newsroom)
    assert suggest_related(newsroom, Article(headline="It is on")) == []


@pytest.mark.parametrize(
    ("headline", "subtitle", "url", "expected"),
    [
        ("", "", "https://example.org/a", "headline: an outside story needs its headline"),
        ("Walrus guide", "", "", "url: give a link (https://…)"),
        ("Walrus guide", "", "ftp://example.org/a", "url: only http and https links are allowed"),
        ("Walrus guide", "", "javascript:alert(1)", "url: only http and https links are allowed"),
        ("Walrus guide", "", "https://exa mple.org", "url: a link cannot contain spaces"),
        ("Walrus guide", "bad\x07", "https://example.org/a", "subtitle: contains a control"),
        ("x" * 2001, "", "https://example.org/a", "headline: at most 2000 characters"),
    ],
)
def test_outside_stories_are_checked_like_the_json_import(
    headline: str, subtitle: str, url: str, expected: str
) -> None:
    problem = external_related_problem(headline, subtitle, url)
    assert problem is not None and problem.startswith(expected)
    assert "\n" not in problem


def test_a_good_outside_story_is_read_as_stored() -> None:
    assert external_related_problem("Guide", "", "https://example.org/a") is None
    entry = read_external_related(
        "  How walruses\nare counted ", "A guide", "https://example.org/a"
    )
    assert entry == RelatedHeadline.external(
        "How walruses are counted", "https://example.org/a", subtitle="A guide"
    )
    with pytest.raises(ValidationError) as caught:
        read_external_related("Guide", "", "mailto:a@example.org")
    assert caught.value.problems[0].path == "url"


@pytest.mark.parametrize(
    ("copied", "expected"),
    [
        ("https://tass.com/world/1234567", ("", "https://tass.com/world/1234567")),
        ("  http://example.org/a?b=c \n", ("", "http://example.org/a?b=c")),
        ("Walruses return to the Arctic coast", ("Walruses return to the Arctic coast", "")),
        ("Putin: talks continue", ("Putin: talks continue", "")),
        ("first line\nsecond line", ("", "")),
        ("ftp://example.org/file", ("", "")),
        ("javascript://alert(1)", ("", "")),
        ("https://exa mple.org/ and more words", ("", "")),
        ("bell\x07", ("", "")),
        ("x" * 2001, ("", "")),
        ("   ", ("", "")),
    ],
)
def test_copied_text_prefills_a_link_or_a_headline(copied: str, expected: tuple[str, str]) -> None:
    assert outside_story_prefill(copied) == expected
