"""The article value: duplicating it for a follow-up, the "Updated" mark."""

from __future__ import annotations

from newsroom.article import Article, Dateline, Quote, Status


def test_a_duplicate_is_a_new_draft_with_the_same_story() -> None:
    published = Article(
        headline="Night train returns", slug="night-train", subtitle="Sleeper cars",
        section="Travel", tags=("rail",), dateline=Dateline(city="MINSK"), lead="Lead.",
        body="Body.", quotes=(Quote(text="Body"),), mark="Updated", status=Status.PUBLISHED,
        id=4, revision=7,
    )  # fmt: skip
    copy = published.duplicate()
    assert (copy.headline, copy.body, copy.quotes, copy.dateline, copy.tags) == (
        published.headline, published.body, published.quotes, published.dateline, published.tags,
    )  # fmt: skip
    assert (copy.id, copy.slug, copy.status, copy.mark, copy.revision) == (
        None, "", Status.DRAFT, "", 0,
    )  # fmt: skip


def test_the_updated_mark_is_read_however_it_was_typed() -> None:
    assert Article(headline="A", mark=" updated ").is_marked_updated
    assert not Article(headline="A", mark="Exclusive").is_marked_updated
