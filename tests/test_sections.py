"""The newsroom's section list: add, rename, move, remove, built from articles; saves spell by it.

Every test runs on a real newsroom file. Renaming moves every article of the
section (deleted ones too) in one transaction, each with a revision, and
keeps the old page slug as an alias; a newsroom without a list behaves as
before there were lists.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from newsroom.article import Article
from newsroom.errors import ConflictError, NewsroomError, NotFoundError, ValidationError
from newsroom.sections import Section, SectionInUseError
from newsroom.store import Newsroom


def file_stories(newsroom: Newsroom, *sections: str) -> list[Article]:
    """One published story per section given, in that order (so in that age)."""
    results = newsroom.import_json(
        [
            {"slug": f"story-{number}", "headline": f"Story {number}", "section": section,
             "status": "published", "published_at": "2021-06-01T10:00:00+00:00"}
            for number, section in enumerate(sections, start=1)
        ],
        base_dir=None,
    )  # fmt: skip
    return [result.article for result in results]


def names(newsroom: Newsroom) -> list[str]:
    return [section.name for section in newsroom.section_list()]


# --- a newsroom without a list ------------------------------------------------------------


def test_without_a_list_sections_are_free_text_as_before(newsroom: Newsroom) -> None:
    file_stories(newsroom, "C", "C++", "Politics")
    assert newsroom.section_list() == []
    assert newsroom.section_slugs() == {"C": "c", "C++": "c-2", "Politics": "politics"}
    saved = newsroom.create(Article(headline="New", section="Anything goes"))
    assert saved.section == "Anything goes"


# --- adding ---------------------------------------------------------------------------------


def test_add_puts_sections_at_the_end_or_at_a_position(newsroom: Newsroom) -> None:
    assert newsroom.add_section("Politics") == Section("Politics", "politics", 1)
    newsroom.add_section("Sport")
    assert newsroom.add_section("World", position=1) == Section("World", "world", 1)
    newsroom.add_section("Économie", slug="economy", position=3)
    assert [(s.name, s.slug, s.position) for s in newsroom.section_list()] == [
        ("World", "world", 1), ("Politics", "politics", 2), ("Économie", "economy", 3),
        ("Sport", "sport", 4),
    ]  # fmt: skip


def test_a_section_in_use_keeps_its_page_slug_when_listed(newsroom: Newsroom) -> None:
    file_stories(newsroom, "C", "C++")
    assert newsroom.add_section("C++").slug == "c-2"
    assert newsroom.add_section("C#").slug == "c-3"  # c is C's page, though C is not listed
    assert newsroom.section_slugs()["C"] == "c"


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "needs a name"),
        ("   ", "needs a name"),
        ("Politics\nSport", "one line"),
        ("Politics\tSport", "one line"),
        ("Pol\x07itics", "one line"),
        ("x" * 201, "at most 200 characters (this has 201)"),
    ],
)
def test_names_that_cannot_be_sections(newsroom: Newsroom, name: str, problem: str) -> None:
    with pytest.raises(ValidationError, match="name: .*" + re.escape(problem)):
        newsroom.add_section(name)
    assert newsroom.section_list() == []


@pytest.mark.parametrize("name", ["politics", "POLITICS", " Politics ", "Pólitics", "Poli tics"])
def test_a_name_differing_only_in_case_accents_or_spacing_is_refused(
    newsroom: Newsroom, name: str
) -> None:
    newsroom.add_section("Politics")
    if name.strip() == "Politics":
        with pytest.raises(ConflictError, match="already on the newsroom's list"):
            newsroom.add_section(name)
        return
    if name == "Poli tics":  # a space inside a word is a different name
        assert newsroom.add_section(name).slug == "poli-tics"
        return
    with pytest.raises(ValidationError, match="differs from the section 'Politics' only in case"):
        newsroom.add_section(name)
    assert names(newsroom) == ["Politics"]


def test_slugs_are_unique_and_checked(newsroom: Newsroom) -> None:
    newsroom.add_section("Politics")
    with pytest.raises(
        ConflictError, match="slug 'politics' is the page of the section 'Politics'; choose"
    ):
        newsroom.add_section("Policy", slug="politics")
    with pytest.raises(ValidationError, match="slug: 'Bad Slug' is not a slug"):
        newsroom.add_section("Policy", slug="Bad Slug")
    newsroom.rename_section("Politics", "Government")
    with pytest.raises(ConflictError, match="is an earlier slug of the section 'Government'"):
        newsroom.add_section("Policy", slug="politics")
    with pytest.raises(ValidationError, match="position: give a position from 1 to 2"):
        newsroom.add_section("Policy", position=3)


# --- built from the articles -------------------------------------------------------------


def test_from_articles_lists_sections_in_order_of_first_use_keeping_their_slugs(
    newsroom: Newsroom, db_path: Path, tmp_path: Path
) -> None:
    stories = file_stories(newsroom, "Sport", "C", "Politics", "C++", "Sport", "Gone")
    newsroom.delete(stories[-1].slug)  # a section only the trash uses is not listed
    before = newsroom.section_slugs()
    added = newsroom.add_sections_from_articles()
    assert [(s.name, s.slug, s.position) for s in added.added] == [
        ("Sport", "sport", 1), ("C", "c", 2), ("Politics", "politics", 3), ("C++", "c-2", 4),
    ]  # fmt: skip
    assert added.folded == []
    after = newsroom.section_slugs()
    assert {name: after[name] for name in names(newsroom)} == {
        name: before[name] for name in names(newsroom)
    }
    assert newsroom.add_sections_from_articles().added == []  # once is enough


def test_from_articles_adds_what_is_missing_and_reports_old_spellings(
    newsroom: Newsroom, db_path: Path
) -> None:
    file_stories(newsroom, "Politics", "Sport", "Sport")
    with sqlite3.connect(db_path) as connection:  # saved before sections were folded
        connection.execute("UPDATE articles SET section = 'sport' WHERE slug = 'story-3'")
    newsroom.add_section("World")
    added = newsroom.add_sections_from_articles()
    assert [s.name for s in added.added] == ["Politics", "Sport"]
    assert added.folded == [("sport", "Sport")]
    assert names(newsroom) == ["World", "Politics", "Sport"]


# --- renaming ---------------------------------------------------------------------------------


def test_rename_moves_every_article_with_a_revision_and_keeps_the_old_slug(
    newsroom: Newsroom,
) -> None:
    stories = file_stories(newsroom, "Sport", "Politics", "Sport", "Sport")
    newsroom.delete(stories[3].slug)
    newsroom.add_sections_from_articles()
    change = newsroom.rename_section("Sport", "Sports")
    assert change.articles == 3
    assert change.section == Section("Sports", "sports", 1, aliases=("sport",))
    for story in (stories[0], stories[2]):
        article = newsroom.get(story.slug)
        assert (article.section, article.revision) == ("Sports", 2)
        latest = newsroom.history(story.slug)[0]
        assert (latest.summary, latest.author) == ("Section renamed: Sport → Sports", "tester")
        assert newsroom.revision(story.slug, 2).section == "Sports"
        assert newsroom.revision(story.slug, 1).section == "Sport"
    trashed = newsroom.get(stories[3].slug, include_deleted=True)
    assert trashed.section == "Sports"
    untouched = newsroom.get(stories[1].slug)
    assert (untouched.section, untouched.revision) == ("Politics", 1)
    assert newsroom.section_slugs()["Sports"] == "sports"
    assert "Sport" not in newsroom.section_slugs()
    assert newsroom.check().ok, newsroom.check().problems


def test_renaming_back_takes_the_old_slug_back(newsroom: Newsroom) -> None:
    newsroom.add_section("Sport")
    newsroom.rename_section("Sport", "Sports")
    assert newsroom.rename_section("sports", "Sport").section == Section(
        "Sport", "sport", 1, aliases=("sports",)
    )


def test_a_change_of_case_only_keeps_the_page(newsroom: Newsroom) -> None:
    file_stories(newsroom, "sport")
    newsroom.add_sections_from_articles()
    change = newsroom.rename_section("sport", "Sport")
    assert change.section == Section("Sport", "sport", 1)
    assert change.articles == 1
    assert newsroom.rename_section("Sport", "Sport").articles == 0


def test_rename_refuses_a_name_of_another_section(newsroom: Newsroom) -> None:
    newsroom.add_section("Sport")
    newsroom.add_section("Politics")
    with pytest.raises(ValidationError, match="differs from the section 'Politics'"):
        newsroom.rename_section("Sport", "POLITICS")
    with pytest.raises(NotFoundError, match="Culture: no such section on the newsroom's list"):
        newsroom.rename_section("Culture", "Arts")
    assert names(newsroom) == ["Sport", "Politics"]


def test_rename_needs_a_list(newsroom: Newsroom) -> None:
    file_stories(newsroom, "Sport")
    with pytest.raises(NotFoundError, match=r"keeps no section list yet.*--from-articles"):
        newsroom.rename_section("Sport", "Sports")


def test_rename_is_one_transaction(newsroom: Newsroom, db_path: Path) -> None:
    """A rename that fails on its last article leaves every article and the list as they were."""
    stories = file_stories(newsroom, "Sport", "Sport", "Sport")
    newsroom.add_sections_from_articles()
    last = newsroom.get(stories[-1].slug).id
    with sqlite3.connect(db_path) as connection:  # the database itself refuses the last revision
        connection.execute(
            f"CREATE TRIGGER refuse BEFORE INSERT ON revisions WHEN NEW.article_id = {last} "
            "BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
    with pytest.raises(NewsroomError):
        newsroom.rename_section("Sport", "Sports")
    with sqlite3.connect(db_path) as connection:
        connection.execute("DROP TRIGGER refuse")
    assert [newsroom.get(s.slug).section for s in stories] == ["Sport"] * 3
    assert [len(newsroom.history(s.slug)) for s in stories] == [1, 1, 1]
    assert newsroom.section_list() == [Section("Sport", "sport", 1)]


# --- moving and removing ---------------------------------------------------------------


def test_move_changes_the_masthead_order(newsroom: Newsroom) -> None:
    for name in ("A", "B", "C", "D"):
        newsroom.add_section(name)
    assert newsroom.move_section("D", 1).position == 1
    newsroom.move_section("a", 4)
    assert names(newsroom) == ["D", "B", "C", "A"]
    with pytest.raises(ValidationError, match="position: give a position from 1 to 4"):
        newsroom.move_section("A", 5)
    with pytest.raises(ValidationError, match="from 1 to 4"):
        newsroom.move_section("A", 0)


def test_remove_is_refused_while_articles_use_the_section(newsroom: Newsroom) -> None:
    stories = file_stories(newsroom, "Sport", "Sport", "Sport", "Politics")
    newsroom.delete(stories[0].slug)
    newsroom.add_sections_from_articles()
    with pytest.raises(SectionInUseError) as refused:
        newsroom.remove_section("Sport")
    assert str(refused.value) == (
        "section 'Sport': 3 articles use it (1 of them deleted); "
        "move them to another section with --to OTHER"
    )
    assert refused.value.count == 3
    assert names(newsroom) == ["Sport", "Politics"]


def test_remove_moves_the_articles_and_the_page_to_another_section(newsroom: Newsroom) -> None:
    stories = file_stories(newsroom, "Football", "Politics", "Sport")
    newsroom.add_sections_from_articles()
    newsroom.rename_section("Football", "Soccer")
    change = newsroom.remove_section("Soccer", to="sport")
    assert (change.previous.name, change.section, change.articles) == ("Soccer", None, 1)
    article = newsroom.get(stories[0].slug)
    assert (article.section, article.revision) == ("Sport", 3)
    assert newsroom.history(stories[0].slug)[0].summary == "Section removed: Soccer → Sport"
    assert newsroom.section_list() == [
        Section("Politics", "politics", 1),
        Section("Sport", "sport", 2, aliases=("football", "soccer")),
    ]
    with pytest.raises(ValidationError, match="to: give another section"):
        newsroom.remove_section("Sport", to="Sport")
    with pytest.raises(NotFoundError, match="Arts: no such section"):
        newsroom.remove_section("Sport", to="Arts")


def test_a_section_no_article_uses_is_removed(newsroom: Newsroom) -> None:
    newsroom.add_section("Arts")
    newsroom.add_section("Sport")
    assert newsroom.remove_section("Arts").articles == 0
    assert newsroom.section_list() == [Section("Sport", "sport", 1)]


# --- saving with a list ---------------------------------------------------------------------


def test_a_save_spells_the_section_as_the_list_does(newsroom: Newsroom, db_path: Path) -> None:
    file_stories(newsroom, "Politics")
    with sqlite3.connect(db_path) as connection:  # an older spelling still in use
        connection.execute("UPDATE articles SET section = 'politics' WHERE slug = 'story-1'")
    newsroom.add_section("Politics", slug="politics-desk")
    results = newsroom.import_json(
        [
            {"headline": "Typed", "section": "POLITICS "},
            {"headline": "Again", "section": "politics"},
        ],
        base_dir=None,
    )
    assert [result.article.section for result in results] == ["Politics", "Politics"]
    assert results[1].notes == (
        "section: 'politics' saved as 'Politics', as the section list spells it",
    )
    saved = newsroom.save(newsroom.get("story-1").with_changes(headline="Edited"))
    assert saved.section == "Politics"


def test_a_section_not_on_the_list_is_still_saved_with_its_own_page(newsroom: Newsroom) -> None:
    newsroom.add_section("Sport", slug="sport")
    newsroom.rename_section("Sport", "Sports")
    draft = newsroom.create(Article(headline="Draft", section="Sport"))
    assert draft.section == "Sport"  # not on the list: the check rule flags it
    slugs = newsroom.section_slugs()
    assert slugs == {"Sports": "sports", "Sport": "sport-2"}  # never a listed or earlier slug
