import pytest

from newsroom.slug import (
    MAX_LENGTH,
    section_key,
    section_slugs,
    slug_problem,
    slugify,
    unique_slug,
)


@pytest.mark.parametrize(
    ("headline", "slug"),
    [
        ("Russia offers talks on Ukraine", "russia-offers-talks-on-ukraine"),
        ("  Putin's   visit: what's next?  ", "putins-visit-whats-next"),
        ("Россия предложила переговоры", "rossiya-predlozhila-peregovory"),
        ("Zürich café reopens", "zurich-cafe-reopens"),
        ("北京 news", "beijing-news"),
        ("2024", "article-2024"),
        ("!!!", "article"),
        ("", "article"),
    ],
)
def test_slugify(headline: str, slug: str) -> None:
    assert slugify(headline) == slug
    assert slug_problem(slugify(headline)) is None


def test_slugify_cuts_long_headlines_at_a_word() -> None:
    slug = slugify("word " * 60)
    assert len(slug) <= MAX_LENGTH
    assert not slug.endswith("-")
    assert set(slug.split("-")) == {"word"}
    assert slugify("x" * 200) == "x" * MAX_LENGTH


def test_unique_slug_counts_up() -> None:
    taken = {"talks", "talks-2"}
    assert unique_slug("talks", taken.__contains__) == "talks-3"
    assert unique_slug("fresh", taken.__contains__) == "fresh"
    long = "a" * MAX_LENGTH
    suffixed = unique_slug(long, {long}.__contains__)
    assert suffixed.endswith("-2") and len(suffixed) <= MAX_LENGTH


@pytest.mark.parametrize(
    "slug", ["Upper", "two--hyphens", "-lead", "trail-", "sp ace", "ü", "12345"]
)
def test_slug_problems(slug: str) -> None:
    assert slug_problem(slug)


def test_too_long_slug() -> None:
    assert "at most" in (slug_problem("a" * (MAX_LENGTH + 1)) or "")


def test_section_names_fold_case_accents_and_spaces() -> None:
    assert section_key("Politics") == section_key("politics") == section_key("POLITICS")
    assert section_key("Économie") == section_key("economie")
    assert section_key("C") != section_key("C++")
    assert section_key("Sport & Leisure") != section_key("Sport Leisure")


def test_section_slugs_are_unique_and_the_oldest_section_keeps_the_plain_one() -> None:
    slugs = section_slugs(["C", "C++", "Politics", "C#", "politics"])
    assert slugs == {
        "C": "c",
        "C++": "c-2",
        "Politics": "politics",
        "C#": "c-3",
        "politics": "politics-2",
    }
    # A section added later never moves the older ones.
    assert section_slugs(["C", "C++", "Politics", "C#", "politics", "c--"])["C#"] == "c-3"
    # A name that slugs to "c-2" itself does not take a numbered slug already given.
    taken = section_slugs(["C", "C 2", "C++"])
    assert len(set(taken.values())) == 3
