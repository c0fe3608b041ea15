"""The names a newsroom knows, asked word by word from ``article_names`` (storage/names.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event

from newsroom.article import Article, Dateline, Quote, Status
from newsroom.checks import RULES, check_article
from newsroom.storage.engine import create_newsroom_engine, resolve_url
from newsroom.storage.migrate import upgrade
from newsroom.store import Newsroom
from tests.conftest import Cli
from tests.helpers import full_article, write_json

SPELLING = [RULES["spelling.unknown"]]


def unknown_words(newsroom: Newsroom, article: Article) -> list[str]:
    found = check_article(article, newsroom.check_context(article), rules=SPELLING)
    return [article.body[finding.start : finding.end] for finding in found]


def test_a_name_from_each_source_is_known(newsroom: Newsroom) -> None:
    newsroom.create(Article(headline="Story", slug="tagged", tags=("Qwarnik",)))
    newsroom.create(Article(headline="Story", slug="signed", byline="Ulla Zlotnikova"))
    newsroom.create(Article(headline="Story", slug="filed", dateline=Dateline(city="Vrelsk")))
    spoken = (Quote("Words.", speaker="Ivo Brmbek"),)
    newsroom.create(Article(headline="Story", slug="quoted", quotes=spoken, body="Words."))
    newsroom.create(Article(headline="Talks in Kostrava", slug="out", status=Status.PUBLISHED))
    names = newsroom.known_names()
    assert {"qwarnik", "ulla", "zlotnikova", "vrelsk", "ivo", "brmbek", "kostrava"} <= names
    assert "talks" not in names  # a headline's first word names nothing
    checked = Article(headline="Checked", body="Qwarnik, Zlotnikova, Vrelsk, Brmbek, Kostrava.")
    assert unknown_words(newsroom, checked) == []
    assert unknown_words(newsroom, checked.with_changes(body="Qwarnyk spoke.")) == ["Qwarnyk"]


def test_a_draft_headline_names_nothing_until_it_is_published(newsroom: Newsroom) -> None:
    draft = newsroom.create(Article(headline="Talks with Qwarnik", slug="draft"))
    assert "qwarnik" not in newsroom.known_names()
    assert unknown_words(newsroom, Article(headline="C", body="Qwarnik spoke.")) == ["Qwarnik"]
    newsroom.set_status(draft.slug, Status.PUBLISHED)
    assert "qwarnik" in newsroom.known_names()
    assert unknown_words(newsroom, Article(headline="C", body="Qwarnik spoke.")) == []


def test_a_corrected_byline_s_old_spelling_stops_being_known(newsroom: Newsroom) -> None:
    first = newsroom.create(Article(headline="Story", slug="a", byline="Ulla Zlotnikowa"))
    newsroom.create(Article(headline="Other", slug="b", byline="Ulla Brmbek"))
    assert {"zlotnikowa", "ulla"} <= newsroom.known_names()
    newsroom.save(first.with_changes(byline="Ulla Zlotnikova"))
    names = newsroom.known_names()
    assert "zlotnikowa" not in names
    assert {"zlotnikova", "ulla", "brmbek"} <= names
    body = "Zlotnikowa wrote."
    assert unknown_words(newsroom, Article(headline="C", body=body)) == ["Zlotnikowa"]


def test_a_deleted_article_s_names_count_until_it_is_purged(newsroom: Newsroom) -> None:
    newsroom.create(Article(headline="Story", slug="gone", tags=("Qwarnik",)))
    newsroom.delete("gone")
    assert "qwarnik" in newsroom.known_names()
    newsroom.purge("gone")
    assert "qwarnik" not in newsroom.known_names()
    assert not newsroom.known_names()


def test_a_known_name_one_edit_away_is_suggested(newsroom: Newsroom) -> None:
    newsroom.create(Article(headline="Story", slug="signed", byline="Ulla Zlotnikova"))
    article = Article(headline="C", body="Zlotnikowa wrote.")
    found = check_article(article, newsroom.check_context(article), rules=SPELLING)
    assert [finding.fix for finding in found] == ["Zlotnikova"]


def test_checking_an_article_reads_no_article_for_its_names(newsroom: Newsroom) -> None:
    """The question costs what the open article needs: the name index, never the archive."""
    newsroom.create(Article(headline="Story", slug="signed", byline="Ulla Zlotnikova"))
    article = Article(headline="C", body="Zlotnikova and Qwarnyk met in Moscow.")
    context = newsroom.check_context(article)
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        statements.append(statement)

    event.listen(newsroom.db.engine, "before_cursor_execute", seen)
    try:
        found = check_article(article, context, rules=SPELLING)
    finally:
        event.remove(newsroom.db.engine, "before_cursor_execute", seen)
    assert [article.body[f.start : f.end] for f in found] == ["Qwarnyk"]
    asked = [each for each in statements if "article_names" in each]
    assert asked and all("articles " not in each and "quotes" not in each for each in statements)
    assert len(statements) <= 8  # a few words asked, not one query per word of the text


def test_the_names_of_a_0015_newsroom_are_filled_by_the_upgrade(db_path: Path) -> None:
    engine = create_newsroom_engine(resolve_url(db_path))
    upgrade(engine, "0015")
    engine.dispose()
    with sqlite3.connect(db_path) as raw:
        raw.execute(
            "INSERT INTO articles (id, slug, headline, byline, tags, dateline_city, status, "
            "created_at, updated_at, revision, subtitle, section, dateline_agency, lead, body, "
            "photo_caption, photo_credit, photo_alt, mark) VALUES (1, 'old', 'Talks in Kostrava', "
            "'Ulla Zlotnikova', 'Qwarnik', 'Vrelsk', 'published', '2020-01-02 08:00:00.000000', "
            "'2020-01-02 08:00:00.000000', 1, '', '', '', '', '', '', '', '', '')"
        )
        raw.execute(
            "INSERT INTO quotes (article_id, position, text, speaker, role, pull) "
            "VALUES (1, 0, 'W', 'Ivo', '', 0)"
        )
        raw.execute("INSERT INTO revisions (article_id, number, created_at, author, summary, "
                    "snapshot) VALUES (1, 1, '2020-01-02 08:00:00.000000', '', '', x'')")  # fmt: skip
    with Newsroom.open(db_path) as newsroom:
        assert newsroom.opened == "upgraded"
        assert set(newsroom.known_names()) == {
            "ulla", "zlotnikova", "qwarnik", "vrelsk", "ivo", "kostrava"
        }  # fmt: skip


@pytest.mark.sqlite_only
def test_names_out_of_step_are_named_by_check_db_and_rebuilt(cli: Cli, tmp_path: Path) -> None:
    cli.ok("import", str(write_json(tmp_path / "a.json", full_article())))
    assert "ok: known names: match the articles" in cli.ok("check-db").out
    with sqlite3.connect(cli.db) as raw:
        raw.execute("DELETE FROM article_names")
        raw.execute("INSERT INTO article_names (word, article_id) VALUES ('moskow', 1)")
    report = cli("check-db")
    assert report.code == 1
    assert "known names: article 1 out of step" in report.out
    assert "ok: known names: rebuilt" in cli.ok("check-db", "--repair").out
    assert "ok: known names: match the articles" in cli.ok("check-db").out
