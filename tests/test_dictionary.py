"""The newsroom's dictionary and the names it knows: stored, validated, used by spelling."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest

from newsroom.article import Article, Dateline, Quote, Status
from newsroom.article_json import read_article
from newsroom.checks import RULES, CheckContext, check_article
from newsroom.errors import StorageError, ValidationError
from newsroom.store import Newsroom
from tests.helpers import newsroom_cli

SPELLING = [RULES["spelling.unknown"]]


def context_of(newsroom: Newsroom) -> CheckContext:
    """The spelling part of the context the newsroom gives its checks."""
    return CheckContext(
        dictionary=frozenset(word.casefold() for word in newsroom.dictionary()),
        names=newsroom.known_names(),
    )


def unknown_words(newsroom: Newsroom, ref: str) -> list[str]:
    article = newsroom.get(ref)
    found = check_article(article, context_of(newsroom), rules=SPELLING)
    return [article.body[finding.start : finding.end] for finding in found]


def story(slug: str, body: str, **fields: object) -> Article:
    return Article(headline=f"Story {slug}", slug=slug, body=body, **fields)  # type: ignore[arg-type]


# --- the dictionary ----------------------------------------------------------------------


def test_words_are_added_once_whatever_their_case(newsroom: Newsroom) -> None:
    assert newsroom.dictionary() == []
    assert newsroom.add_words(["Peskov", "Силуанов", "peskov", " Kyiv "]) == [
        "Peskov",
        "Силуанов",
        "Kyiv",
    ]
    assert newsroom.add_words(["PESKOV", "Zelensky"]) == ["Zelensky"]
    assert newsroom.dictionary() == ["Kyiv", "Peskov", "Zelensky", "Силуанов"]


def test_who_added_a_word_and_when_is_kept(newsroom: Newsroom, db_path: Path) -> None:
    newsroom.add_words(["Peskov"])
    newsroom.add_words(["Kyiv"], author="Anna")
    with sqlite3.connect(db_path) as raw:
        rows = dict(raw.execute("SELECT word, added_by FROM dictionary_words").fetchall())
        assert raw.execute("SELECT count(*) FROM dictionary_words WHERE added_at != ''").fetchone()
    assert rows == {"Peskov": "tester", "Kyiv": "Anna"}


def test_words_are_removed_whatever_their_case(newsroom: Newsroom) -> None:
    newsroom.add_words(["Peskov", "Kyiv", "Силуанов"])
    assert newsroom.remove_words(["peskov", "СИЛУАНОВ", "never-added"]) == ["Peskov", "Силуанов"]
    assert newsroom.dictionary() == ["Kyiv"]
    assert newsroom.remove_words(["peskov"]) == []


@pytest.mark.parametrize(
    ("word", "message"),
    [
        ("", "dictionary: an empty word; give a word"),
        ("New York", "dictionary: 'New York' is more than one word; add each word on its own"),
        ("bad\x07word", "dictionary: 'bad\\x07word' contains a control character (U+0007)"),
        ("x" * 201, "dictionary: 'xxxxxxxx"),
        ("C++", "dictionary: 'C++' is not a word as spelling reads it"),
    ],
)
def test_a_bad_word_is_refused_in_one_line_and_adds_nothing(
    newsroom: Newsroom, word: str, message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        newsroom.add_words(["Peskov", word])
    text = str(refused.value)
    assert text.startswith(message) and "\n" not in text
    if len(word) > 200:
        assert text.endswith("is too long: at most 200 characters")
    assert newsroom.dictionary() == []


def test_a_word_of_200_characters_is_taken(newsroom: Newsroom) -> None:
    assert newsroom.add_words(["x" * 200]) == ["x" * 200]


@pytest.fixture
def immutable_newsroom(tmp_path: Path) -> Iterator[Path]:
    db = tmp_path / "newsroom.sqlite"
    with Newsroom.open(db, create=True, author="tester") as made:
        made.add_words(["Peskov"])
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed (Debian package e2fsprogs)")
    done = subprocess.run(["chattr", "+i", str(db)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"this file system has no immutable attribute: {done.stderr.decode().strip()}")
    try:
        yield db
    finally:
        subprocess.run(["chattr", "-i", str(db)], check=True)


def test_a_read_only_newsroom_reads_its_dictionary_and_refuses_changes(
    immutable_newsroom: Path,
) -> None:
    with Newsroom.open(immutable_newsroom, author="tester") as newsroom:
        assert newsroom.read_only
        assert newsroom.dictionary() == ["Peskov"]
        for change in (lambda: newsroom.add_words(["Kyiv"]), lambda: newsroom.remove_words(["x"])):
            with pytest.raises(StorageError, match="read-only here"):
                change()
        assert newsroom.dictionary() == ["Peskov"]


# --- spelling with the newsroom's words ------------------------------------------------------


def test_adding_a_word_removes_its_finding_from_every_article(newsroom: Newsroom) -> None:
    newsroom.create(story("first", "Talks with Qwertovsky went on."))
    newsroom.create(story("second", "Qwertovsky’s office said little; qwertovsky agreed."))
    assert unknown_words(newsroom, "first") == ["Qwertovsky"]
    assert unknown_words(newsroom, "second") == ["Qwertovsky", "qwertovsky"]
    newsroom.add_words(["QWERTOVSKY"])
    assert unknown_words(newsroom, "first") == []
    assert unknown_words(newsroom, "second") == []
    newsroom.remove_words(["qwertovsky"])
    assert unknown_words(newsroom, "first") == ["Qwertovsky"]


def test_cyrillic_words_added_to_the_dictionary_are_accepted(newsroom: Newsroom) -> None:
    newsroom.create(story("ru", "Встреча в Кваркино прошла спокойно."))
    assert unknown_words(newsroom, "ru") == ["Кваркино"]
    newsroom.add_words(["кваркино"])
    assert unknown_words(newsroom, "ru") == []


def test_names_come_from_tags_speakers_datelines_bylines_and_headlines(
    newsroom: Newsroom,
) -> None:
    body = (
        "Qwarnik met Zlotnikova in Brzeskovo. Vantrell wrote it. "
        "Kalvendorf's bid failed; Ростов-на-Дону and Кваркинский agreed."
    )
    newsroom.create(story("checked", body))
    assert unknown_words(newsroom, "checked") == [
        "Qwarnik", "Zlotnikova", "Brzeskovo", "Vantrell", "Kalvendorf", "Кваркинский",
    ]  # fmt: skip
    newsroom.create(
        Article(
            headline="Qwarnik talks",
            slug="source",
            tags=("Qwarnik", "Ростов-на-Дону"),
            byline="By Tom Vantrell",
            dateline=Dateline(city="Brzeskovo"),
            quotes=(Quote("We agree", "Anna Zlotnikova"),),
            body="Text.",
        )
    )
    published = newsroom.create(
        Article(headline="A bid by Kalvendorf fails, Кваркинский says", slug="pub")
    )
    newsroom.set_status(published.slug, Status.PUBLISHED)
    assert unknown_words(newsroom, "checked") == []


def test_the_headline_of_a_draft_and_a_headline_s_first_word_name_nothing(
    newsroom: Newsroom,
) -> None:
    newsroom.create(story("checked", "Qwarnik and Zlotnikova spoke."))
    newsroom.create(Article(headline="Talks with Qwarnik", slug="draft"))
    published = newsroom.create(Article(headline="Zlotnikova speaks", slug="pub"))
    newsroom.set_status(published.slug, Status.PUBLISHED)
    assert unknown_words(newsroom, "checked") == ["Qwarnik", "Zlotnikova"]
    assert {"qwarnik", "zlotnikova", "speaks"}.isdisjoint(newsroom.known_names())


def test_known_names_follow_changes_to_the_newsroom(newsroom: Newsroom) -> None:
    assert newsroom.known_names() == frozenset()
    newsroom.create(Article(headline="Story", slug="one", tags=("Qwarnik",)))
    assert "qwarnik" in newsroom.known_names()
    article = newsroom.get("one")
    newsroom.save(article.with_changes(tags=("Zlotnikova",)))
    names = newsroom.known_names()
    assert "zlotnikova" in names and "qwarnik" not in names
    assert newsroom.known_names() is names  # one live set per newsroom, asked as it is now


def test_known_names_of_an_imported_newsroom_file(newsroom: Newsroom) -> None:
    item = read_article(
        {"headline": "Story", "tags": ["Kamensk-Shakhtinsky"], "byline": "O’Brien"},
        base_dir=None,
        tz=UTC,
    )
    newsroom.import_articles([item])
    names = newsroom.known_names()
    assert {"kamensk-shakhtinsky", "kamensk", "shakhtinsky", "o'brien"} <= names


# --- the command line ------------------------------------------------------------------------


def test_dictionary_commands(tmp_path: Path) -> None:
    db = tmp_path / "newsroom.sqlite"
    assert newsroom_cli(db, "init").code == 0
    added = newsroom_cli(db, "dictionary", "add", "Peskov", "Силуанов", "peskov")
    assert (added.code, added.out) == (0, "added Peskov\nadded Силуанов\n")
    assert "peskov: already in the dictionary" in added.err
    listed = newsroom_cli(db, "dictionary", "list")
    assert (listed.code, listed.out) == (0, "Peskov\nСилуанов\n")
    as_json = newsroom_cli(db, "dictionary", "list", "--json")
    assert json.loads(as_json.out) == ["Peskov", "Силуанов"]
    removed = newsroom_cli(db, "dictionary", "remove", "PESKOV", "Kyiv")
    assert (removed.code, removed.out) == (0, "removed Peskov\n")
    assert "Kyiv: not in the dictionary" in removed.err
    assert newsroom_cli(db, "dictionary", "list").out == "Силуанов\n"


def test_dictionary_command_errors(tmp_path: Path) -> None:
    db = tmp_path / "newsroom.sqlite"
    assert newsroom_cli(db, "init").code == 0
    refused = newsroom_cli(db, "dictionary", "add", "Kyiv", "New York")
    assert refused.code == 1 and refused.out == ""
    assert refused.err == (
        "newsroom: error: dictionary: 'New York' is more than one word; add each word on its own\n"
    )
    assert newsroom_cli(db, "dictionary", "list").out == ""
    usage = newsroom_cli(db, "dictionary", "add")
    assert usage.code == 2 and usage.err.splitlines()[-1].startswith("newsroom: error: ")
    assert "Traceback" not in usage.err + refused.err


def test_known_names_are_kept_exact_as_articles_change(newsroom: Newsroom) -> None:
    """Saves after the first reading update the names: added names join, fixed typos leave."""
    first = newsroom.create(Article(headline="Story", slug="a", tags=("Moskow",), byline="Ann Lee"))
    newsroom.create(Article(headline="Other", slug="b", byline="Ann Lee"))
    assert {"moskow", "ann", "lee"} <= newsroom.known_names()
    newsroom.save(first.with_changes(body="A body edit changes no name."))
    newsroom.save(newsroom.get("a").with_changes(tags=("Moskow", "Qwarnik")))  # one added
    assert {"moskow", "qwarnik"} <= newsroom.known_names()
    newsroom.save(newsroom.get("a").with_changes(tags=("Moscow",), byline=""))  # the typo fixed
    names = newsroom.known_names()
    assert "moskow" not in names and "qwarnik" not in names
    assert {"moscow", "ann", "lee"} <= names  # Ann Lee still writes article b
    speaker = Quote("Words", speaker="Ivan Zlotnikov")
    newsroom.save(newsroom.get("b").with_changes(quotes=(speaker,), body="Words"))
    assert "zlotnikov" in newsroom.known_names()
    newsroom.delete("b")
    newsroom.purge("b")
    assert {"zlotnikov", "ann"}.isdisjoint(newsroom.known_names())
