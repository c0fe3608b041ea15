"""Publishing stops at check errors; an override goes through and is kept in the history."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from newsroom.article import Article, Dateline, RelatedHeadline, Status
from newsroom.errors import ChecksFailedError
from newsroom.store import Newsroom
from tests.conftest import Cli
from tests.test_cli import assert_one_line_error

LONG = "Council approves the new river tram line after a year of public debate"
assert len(LONG) == 70


def long_headline(newsroom: Newsroom) -> Article:
    return newsroom.create(
        Article(headline=LONG, dateline=Dateline(city="Kazan"), body="The council voted.")
    )


def test_publishing_with_a_check_error_is_refused_and_nothing_changes(newsroom: Newsroom) -> None:
    article = long_headline(newsroom)
    with pytest.raises(ChecksFailedError) as refused:
        newsroom.set_status(article.id, Status.PUBLISHED)
    assert [finding.rule for finding in refused.value.findings] == ["limits.headline"]
    assert "limits.headline" in str(refused.value) and "--override" in str(refused.value)
    after = newsroom.get(article.id)
    assert (after.status, after.revision, after.published_at) == (Status.DRAFT, 1, None)


def test_an_override_publishes_and_the_revision_keeps_the_reason_and_the_rules(
    newsroom: Newsroom,
) -> None:
    article = long_headline(newsroom)
    published = newsroom.set_status(article.id, Status.PUBLISHED, override="  chief's call  ")
    assert published.status is Status.PUBLISHED
    summary = newsroom.history(article.id)[0].summary
    assert "checks overridden (limits.headline): chief's call" in summary


def test_warnings_alone_do_not_stop_publishing(newsroom: Newsroom) -> None:
    article = newsroom.create(Article(headline="Short and clean", body="Words."))  # no city
    assert any(f.rule == "dateline.city" for f in newsroom.findings(article))
    assert newsroom.set_status(article.id, Status.PUBLISHED).status is Status.PUBLISHED


def test_a_correction_is_gated_too_but_moving_a_published_time_is_not(newsroom: Newsroom) -> None:
    article = newsroom.create(Article(headline="Fine headline", dateline=Dateline(city="Kazan")))
    newsroom.set_status(article.id, Status.PUBLISHED)
    newsroom.save(newsroom.get(article.id).with_changes(headline=LONG))
    later = datetime.now(UTC) + timedelta(hours=1)
    moved = newsroom.set_status(article.id, Status.PUBLISHED, published_at=later)
    assert moved.published_at == later.replace(microsecond=0) or moved.published_at == later
    with pytest.raises(ChecksFailedError):
        newsroom.set_status(article.id, Status.CORRECTED)


def test_related_to_a_killed_article_stops_publishing(newsroom: Newsroom) -> None:
    killed = newsroom.create(Article(headline="Withdrawn story", dateline=Dateline(city="Kazan")))
    newsroom.set_status(killed.id, Status.PUBLISHED)
    newsroom.set_status(killed.id, Status.KILLED)
    article = newsroom.create(
        Article(headline="Follow-up", related=(RelatedHeadline.internal(killed.slug),))
    )
    with pytest.raises(ChecksFailedError) as refused:
        newsroom.set_status(article.id, Status.PUBLISHED)
    assert [f.rule for f in refused.value.findings] == ["related.gone"]


def test_cli_set_status_refuses_in_one_line_and_override_publishes(cli: Cli) -> None:
    cli.ok("init")
    with Newsroom.open(cli.db) as newsroom:
        slug = long_headline(newsroom).slug
    refused = cli("set-status", slug, "published")
    assert_one_line_error(refused, contains="limits.headline")
    assert "--override" in refused.err
    done = cli.ok("set-status", slug, "published", "--override", "desk chief approved")
    assert "draft → published" in done.out
    history = cli.ok("history", slug, "--json")
    assert "desk chief approved" in json.loads(history.out)[0]["summary"]


def test_cli_override_needs_words(cli: Cli) -> None:
    cli.ok("init")
    with Newsroom.open(cli.db) as newsroom:
        slug = long_headline(newsroom).slug
    assert_one_line_error(cli("set-status", slug, "published", "--override", " "), code=2)


def test_cli_check_prints_findings_as_places_and_exits_1_on_errors(cli: Cli) -> None:
    cli.ok("init")
    with Newsroom.open(cli.db) as newsroom:
        bad = long_headline(newsroom)
        good = newsroom.create(
            Article(headline="All in order", dateline=Dateline(city="Kazan"), body="Fine.")
        )
    result = cli("check", bad.slug)
    assert result.code == 1
    assert (
        f"{bad.slug}:headline:64-70: error: 70 characters, 6 over the house limit of 64 [limits.headline]"
        in result.lines
    )
    assert "checked 1 article: 1 error" in result.err
    clean = cli("check", good.slug)
    assert clean.code == 0, clean.out
    assert all(": error:" not in line for line in clean.lines)


def test_cli_check_json_all_and_status(cli: Cli) -> None:
    cli.ok("init")
    with Newsroom.open(cli.db) as newsroom:
        bad = long_headline(newsroom)
        newsroom.create(Article(headline="All in order", dateline=Dateline(city="Kazan")))
    listed = json.loads(cli("check", "--all", "--json").out)
    assert {"slug", "rule", "severity", "field", "message", "start", "end", "fix"} <= set(listed[0])
    assert any(item["slug"] == bad.slug and item["rule"] == "limits.headline" for item in listed)
    drafts = cli("check", "--status", "published")
    assert drafts.code == 0 and drafts.out == ""
    assert "checked 0 articles" in drafts.err
    assert_one_line_error(cli("check"), code=2, contains="--all")


def test_a_section_off_the_newsrooms_list_stops_publishing(newsroom: Newsroom) -> None:
    newsroom.add_section("Politics")
    article = newsroom.create(
        Article(headline="Vote tonight", section="Politcs", dateline=Dateline(city="Kazan"))
    )
    [finding] = [f for f in newsroom.findings(article) if f.rule == "section.unknown"]
    assert finding.fix == "Politics"
    with pytest.raises(ChecksFailedError):
        newsroom.set_status(article.id, Status.PUBLISHED)
    newsroom.save(newsroom.get(article.id).with_changes(section="Politics"))
    assert newsroom.set_status(article.id, Status.PUBLISHED).status is Status.PUBLISHED


def test_the_newsrooms_context_knows_its_dictionary_and_names(newsroom: Newsroom) -> None:
    article = newsroom.create(
        Article(headline="Fine", body="Ksenia Zvyagintseva visited Yerbogachen.",
                tags=("Zvyagintseva",))
    )  # fmt: skip
    unknown = {f.fix or "" for f in newsroom.findings(article) if f.rule == "spelling.unknown"}
    words = {article.body[f.start : f.end] for f in newsroom.findings(article)
             if f.rule == "spelling.unknown"}  # fmt: skip
    assert "Zvyagintseva" not in words and "Yerbogachen" in words, unknown
    newsroom.add_words(["Yerbogachen"])
    assert not [f for f in newsroom.findings(article) if f.rule == "spelling.unknown"
                and "Yerbogachen" in article.body[f.start : f.end]]  # fmt: skip
