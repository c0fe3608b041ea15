"""The crash-recovery journal: drafts kept outside the newsroom until saved."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from newsroom.article import Article, Dateline, PhotoUse, Quote, RelatedHeadline
from newsroom.recovery import Journal, differs_from_saved
from newsroom.store import Newsroom


def full_article() -> Article:
    return Article(
        headline="Walrus count rises",
        subtitle="Record on the ice",
        section="Science",
        byline="Anna",
        tags=("arctic", "walrus"),
        dateline=Dateline(city="MURMANSK", date=date(2026, 11, 27), agency="TASS"),
        lead="A lead.",
        body="A body with “quotes”.\n\n## Subhead",
        quotes=(Quote(text="So many", speaker="Ivan", role="ranger", pull=True),),
        photo=PhotoUse(sha256="ab" * 32, caption="Walruses", credit="TASS", alt="Walruses"),
        related=(RelatedHeadline.internal("other"), RelatedHeadline.external("X", "https://x.org")),
        mark="Updated",
    )


def test_a_draft_comes_back_as_it_was_typed(tmp_path: Path) -> None:
    journal = Journal("/tmp/a.sqlite", tmp_path)
    article = full_article().with_changes(id=7, revision=3)
    journal.record("article-7", article)
    [draft] = Journal("/tmp/a.sqlite", tmp_path).drafts()
    assert draft.key == "article-7"
    assert draft.article == article


def test_an_unsaveable_draft_is_still_kept(tmp_path: Path) -> None:
    journal = Journal("/tmp/a.sqlite", tmp_path)
    journal.record("new-1", Article(headline="", body="Typed before any headline"))
    [draft] = journal.drafts()
    assert draft.article.id is None and draft.article.body == "Typed before any headline"


def test_forgetting_the_last_draft_removes_the_journal(tmp_path: Path) -> None:
    journal = Journal("/tmp/a.sqlite", tmp_path)
    journal.record("new-1", Article(headline="One"))
    journal.record("article-2", Article(headline="Two", id=2))
    journal.forget("new-1")
    assert [d.key for d in journal.drafts()] == ["article-2"]
    journal.forget("article-2")
    assert not journal.path.exists()


def test_each_newsroom_has_its_own_journal(tmp_path: Path) -> None:
    Journal("/tmp/a.sqlite", tmp_path).record("new-1", Article(headline="A"))
    assert Journal("/tmp/b.sqlite", tmp_path).drafts() == []


def test_a_damaged_journal_offers_nothing_and_does_not_fail(tmp_path: Path) -> None:
    journal = Journal("/tmp/a.sqlite", tmp_path)
    journal.record("new-1", Article(headline="A"))
    journal.path.write_text("{not json", encoding="utf-8")
    assert journal.drafts() == []
    journal.record("new-2", Article(headline="B"))
    assert [d.key for d in journal.drafts()] == ["new-2"]


def test_a_damaged_entry_is_skipped_and_the_rest_offered(tmp_path: Path) -> None:
    journal = Journal("/tmp/a.sqlite", tmp_path)
    journal.record("new-1", Article(headline="A"))
    journal.record("new-2", Article(headline="B"))
    document = json.loads(journal.path.read_text(encoding="utf-8"))
    document["drafts"]["new-1"]["content"]["status"] = "no such status"
    journal.path.write_text(json.dumps(document), encoding="utf-8")
    assert [d.article.headline for d in journal.drafts()] == ["B"]


def test_a_draft_equal_to_the_saved_article_is_not_news(newsroom: Newsroom) -> None:
    saved = newsroom.create(Article(headline="Same"))
    assert not differs_from_saved(saved, newsroom.get(saved.id or 0))
    assert differs_from_saved(saved.with_changes(body="more"), saved)
