"""A language per newsroom and per article: the tag, its direction, dates and datelines
in it, the setting, the JSON format, the CLI, the migration and the copy."""

from __future__ import annotations

import json
from datetime import UTC, date
from pathlib import Path

import pytest
from sqlalchemy import text

from newsroom import language
from newsroom.article import Article, Dateline
from newsroom.article_json import content_to_json, read_article
from newsroom.checks import save_problems
from newsroom.dateline import dateline_text
from newsroom.errors import ValidationError
from newsroom.render.page import day_label
from newsroom.settings import Settings, parse_setting
from newsroom.storage.copying import copy_newsroom
from newsroom.storage.engine import create_newsroom_engine, resolve_url
from newsroom.storage.migrate import upgrade
from newsroom.store import Newsroom
from tests.conftest import Cli
from tests.test_migrations import ARTICLE_AT_0001, REVISION_AT_0001

JUNE_28 = date(2021, 6, 28)
MOSCOW = Dateline(city="Москва", date=JUNE_28)


# --- tags and directions ----------------------------------------------------------------


@pytest.mark.parametrize(("typed", "kept"), [
    ("ru", "ru"), ("EN_gb", "en-GB"), ("az-arab", "az-Arab"), ("zh-Hant-TW", "zh-Hant-TW"),
    ("sr-Latn-RS", "sr-Latn-RS"), ("de-CH-1996", "de-CH-1996"), (" fa ", "fa"),
])  # fmt: skip
def test_well_formed_tags_are_kept_in_bcp_47_case(typed: str, kept: str) -> None:
    assert language.language_problem(typed) == ""
    assert language.normalize(typed) == kept


@pytest.mark.parametrize("typed", ["english", "russian", "x-private", "e", "en-", "ru ru", "1a"])
def test_what_is_not_a_tag_is_refused_saying_what_to_give(typed: str) -> None:
    assert "give one such as en, ru, ar" in language.language_problem(typed)


@pytest.mark.parametrize(("tag", "direction"), [
    ("ar", "rtl"), ("he", "rtl"), ("fa", "rtl"), ("ur", "rtl"), ("ar-EG", "rtl"), ("yi", "rtl"),
    ("az-Arab", "rtl"),  # the script decides: Azerbaijani in Arabic letters
    ("en", "ltr"), ("ru", "ltr"), ("ku-Latn", "ltr"), ("tr", "ltr"), ("zh", "ltr"),
    ("ar-Latn", "ltr"),  # Arabic in Latin letters (Arabizi) reads left to right
])  # fmt: skip
def test_the_direction_follows_the_script(tag: str, direction: str) -> None:
    assert language.direction(tag) == direction


# --- dates and datelines -------------------------------------------------------------------


def test_a_russian_tass_dateline_reads_as_tass_writes_it() -> None:
    assert dateline_text(MOSCOW, "tass", default_agency="ТАСС", lang="ru") == (
        "МОСКВА, 28 июня. /ТАСС/."
    )
    english = Dateline(city="Moscow", date=JUNE_28)
    assert dateline_text(english, "tass", default_agency="TASS") == "MOSCOW, June 28. /TASS/."


@pytest.mark.parametrize(("style", "shown"), [
    ("ap", "МОСКВА (ТАСС) —"),
    ("reuters", "МОСКВА, 28 июня (ТАСС) -"),
    ("plain", "МОСКВА, 28 июня —"),
    ("{city}, {weekday}, {day} {mon} {year}", "Москва, понедельник, 28 июн. 2021"),
    ("{CITY}, {month_ap} {day}", "МОСКВА, июня 28"),
])  # fmt: skip
def test_every_built_in_style_and_pattern_has_russian_words(style: str, shown: str) -> None:
    assert dateline_text(MOSCOW, style, default_agency="ТАСС", lang="ru-RU") == shown


def test_languages_without_their_own_names_fall_back_to_english_months() -> None:
    cairo = Dateline(city="القاهرة", date=date(2021, 9, 3))
    assert dateline_text(cairo, "tass", default_agency="TASS", lang="ar") == (
        "القاهرة, September 3. /TASS/."
    )
    assert dateline_text(cairo, "{CITY}, {month_ap} {day}", lang="de") == "القاهرة, Sept. 3"


@pytest.mark.parametrize(("lang", "shown"), [
    ("ru", "28 июня 2021"), ("en", "28 June 2021"), ("en-GB", "28 June 2021"), ("ar", "28 June 2021"),
])  # fmt: skip
def test_page_dates_follow_the_language(lang: str, shown: str) -> None:
    assert day_label(JUNE_28, lang) == shown


# --- the settings ------------------------------------------------------------------------


def test_the_newsroom_language_takes_any_tag_and_names_the_setting_when_it_cannot() -> None:
    assert Settings().language == "en"
    assert parse_setting("language", "he-il") == "he-IL"
    with pytest.raises(ValidationError, match=r"^language: 'hebrew' is not a BCP 47"):
        parse_setting("language", "hebrew")


def test_the_agency_is_named_in_the_article_s_language() -> None:
    names = parse_setting("agency_names", " ru = ТАСС ;UK=ТАРС; ")
    assert names == "ru=ТАСС; uk=ТАРС"
    settings = Settings(agency="TASS", agency_names=names)
    assert [settings.agency_in(tag) for tag in ("ru", "ru-RU", "uk", "en", "ar")] == [
        "ТАСС", "ТАСС", "ТАРС", "TASS", "TASS",
    ]  # fmt: skip
    with pytest.raises(ValidationError, match="agency_names: 'ТАСС': write language=name"):
        parse_setting("agency_names", "ТАСС")


# --- the article and its JSON ------------------------------------------------------------


def test_the_json_format_round_trips_the_language_and_older_files_still_load() -> None:
    article = Article(headline="Переговоры", language="ru", dateline=MOSCOW)
    written = content_to_json(article)
    assert written["language"] == "ru"
    read = read_article(json.loads(json.dumps(written)), base_dir=None, tz=UTC)
    assert read.fields["language"] == "ru"
    older = {"headline": "Written before languages"}
    assert "language" not in read_article(older, base_dir=None, tz=UTC).fields
    tidy = read_article({"headline": "x", "language": "EN_gb"}, base_dir=None, tz=UTC)
    assert tidy.fields["language"] == "en-GB"


def test_a_bad_language_in_json_is_named_with_its_field() -> None:
    with pytest.raises(ValidationError, match=r"language: 'Russian' is not a BCP 47"):
        read_article({"headline": "x", "language": "Russian"}, base_dir=None, tz=UTC)


def test_the_save_refuses_a_language_that_is_not_a_tag() -> None:
    problems = save_problems(Article(headline="x", language="klingon!"))
    assert [(p.rule, p.field) for p in problems] == [("integrity.language", "language")]
    assert save_problems(Article(headline="x", language="ar")) == []


def test_an_article_keeps_its_language_through_save_and_lists(newsroom: Newsroom) -> None:
    saved = newsroom.create(Article(headline="Переговоры", language="ru"))
    assert newsroom.get(saved.slug).language == "ru"
    assert newsroom.create(Article(headline="Plain")).language == ""
    listed = {summary.slug: summary.language for summary in newsroom.articles()}
    assert listed == {saved.slug: "ru", "plain": ""}


# --- the CLI ------------------------------------------------------------------------------


def test_set_language_sets_and_clears_and_show_json_says_it(cli: Cli) -> None:
    cli.ok("import", "-", stdin=json.dumps({"headline": "Talks", "slug": "talks"}))
    assert cli.ok("set-language", "talks", "AR").out == "talks: language ar\n"
    assert json.loads(cli.ok("show", "--json", "talks").out)["language"] == "ar"
    assert "language: ar" in cli.ok("show", "talks").out
    assert cli.ok("set-language", "talks", "").out == "talks: language en (the newsroom's)\n"
    assert json.loads(cli.ok("show", "--json", "talks").out)["language"] == ""


def test_set_language_refuses_a_bad_tag_in_one_line_and_changes_nothing(cli: Cli) -> None:
    cli.ok("import", "-", stdin=json.dumps({"headline": "Talks", "slug": "talks"}))
    bad = cli("set-language", "talks", "arabic")
    assert bad.code == 1
    assert bad.err.startswith("newsroom: error: language: 'arabic' is not a BCP 47 language tag")
    assert len(bad.err.splitlines()) == 1
    assert json.loads(cli.ok("show", "--json", "talks").out)["revision"] == 1


# --- the migration and the copy ---------------------------------------------------------


def test_articles_from_before_0011_follow_the_newsroom_on_either_engine(
    db_target: Path | str,
) -> None:
    engine = create_newsroom_engine(resolve_url(db_target))
    upgrade(engine, "0001")  # rows written then are indexed for search by 0002 and 0008
    with engine.begin() as connection:
        connection.execute(text(ARTICLE_AT_0001))
        connection.execute(text(REVISION_AT_0001.replace("x''", ":empty")), {"empty": b""})
    engine.dispose()
    with Newsroom.open(db_target) as newsroom:
        assert newsroom.opened == "upgraded"
        article = newsroom.get("old-story")
        assert article.language == ""
        newsroom.save(article.with_changes(language="ru"))
        assert newsroom.get("old-story").language == "ru"


def test_a_copy_carries_each_article_s_language(tmp_path: Path) -> None:
    source, destination = tmp_path / "source.sqlite", tmp_path / "copy.sqlite"
    with Newsroom.open(source, create=True, author="tester") as newsroom:
        newsroom.set_setting("language", "ru")
        newsroom.create(Article(headline="مرحبا", slug="hello", language="ar"))
    copy_newsroom(source, destination)
    with Newsroom.open(destination) as copied:
        assert copied.get("hello").language == "ar"
        assert copied.settings().language == "ru"
