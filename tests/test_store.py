"""The newsroom as a library: saving, revisions, slugs, statuses, the trash."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsroom.article import Article, Dateline, PhotoUse, Quote, RelatedHeadline, Status
from newsroom.article_json import content_to_json, read_articles
from newsroom.errors import ConflictError, NotFoundError, ValidationError
from newsroom.store import Newsroom
from tests.helpers import full_article, jpeg_bytes, write_json


def import_one(
    newsroom: Newsroom, document: dict, base_dir: Path | None = None, **kwargs: object
) -> Article:
    inputs = read_articles(document, base_dir=base_dir, tz=UTC)
    return newsroom.import_articles(inputs, **kwargs)[0].article  # type: ignore[arg-type]


def test_create_makes_a_slug_and_the_first_revision(newsroom: Newsroom) -> None:
    article = newsroom.create(Article(headline="Russia offers talks"))
    assert article.id is not None
    assert article.slug == "russia-offers-talks"
    assert article.revision == 1
    assert article.created_at == article.updated_at
    assert article.created_at is not None and article.created_at.tzinfo is not None
    [revision] = newsroom.history(article.id)
    assert (revision.number, revision.author, revision.summary) == (1, "tester", "Created")


def test_the_same_headline_twice_gets_two_slugs(newsroom: Newsroom) -> None:
    first = newsroom.create(Article(headline="Talks"))
    second = newsroom.create(Article(headline="Talks"))
    assert (first.slug, second.slug) == ("talks", "talks-2")


def test_every_field_survives_saving(newsroom: Newsroom, tmp_path: Path) -> None:
    (tmp_path / "p.jpg").write_bytes(jpeg_bytes())
    document = full_article(
        photo={"file": "p.jpg", "caption": "Kremlin", "credit": "TASS", "alt": "A tower"}
    )
    saved = import_one(newsroom, document, base_dir=tmp_path)
    again = newsroom.get(saved.slug)
    assert again == saved
    expected = read_articles(document, base_dir=tmp_path, tz=UTC)[0].fields
    for key, value in expected.items():
        assert getattr(again, key) == value, key
    assert newsroom.get(str(saved.id)) == saved
    assert newsroom.get(saved.id) == saved


def test_saving_without_changes_makes_no_revision(newsroom: Newsroom) -> None:
    article = newsroom.create(Article(headline="Quiet"))
    assert newsroom.save(article) == article
    assert newsroom.save(article.with_changes(headline="  Quiet ")).revision == 1
    assert len(newsroom.history(article.slug)) == 1


def test_each_change_is_a_revision_with_a_summary(newsroom: Newsroom) -> None:
    article = newsroom.create(Article(headline="One", body="Body one"))
    article = newsroom.save(article.with_changes(headline="Two", body="Body two"))
    article = newsroom.save(
        article.with_changes(
            quotes=(Quote("Hi", "Ann"),), related=(RelatedHeadline.external("X", "https://x.org"),)
        )
    )
    article = newsroom.save(article.with_changes(status=Status.READY), summary="Ready for the desk")
    summaries = [(r.number, r.summary) for r in newsroom.history(article.slug)]
    assert summaries == [
        (4, "Ready for the desk"),
        (3, "Edited quotes, related headlines"),
        (2, "Edited headline, body"),
        (1, "Created"),
    ]
    assert newsroom.revision(article.slug, 1).headline == "One"
    assert newsroom.revision(article.slug, 2).body == "Body two"
    assert newsroom.revision(article.slug, 4).status is Status.READY


def test_restore_brings_back_an_old_text_as_a_new_revision(newsroom: Newsroom) -> None:
    article = newsroom.create(Article(headline="Original", body="First text", tags=("a",)))
    article = newsroom.save(article.with_changes(headline="Changed", body="Second text", tags=()))
    article = newsroom.set_status(article.slug, Status.PUBLISHED)
    restored = newsroom.restore(article.slug, 1)
    assert (restored.headline, restored.body, restored.tags) == ("Original", "First text", ("a",))
    assert restored.revision == 4
    # Where the article is in its life does not go back.
    assert restored.status is Status.PUBLISHED and restored.slug == article.slug
    assert restored.published_at == article.published_at
    assert newsroom.history(article.slug)[0].summary == "Restored revision 1"
    # Nothing is lost: the text restore replaced is still in revision 3.
    assert newsroom.revision(article.slug, 3).body == "Second text"
    assert newsroom.restore(article.slug, 4).revision == 4  # the same text: nothing to do
    with pytest.raises(NotFoundError, match=r"no revision 9 \(it has revisions 1 to 4\)"):
        newsroom.restore(article.slug, 9)


def test_status_workflow(newsroom: Newsroom) -> None:
    article = newsroom.create(Article(headline="Workflow"))
    assert article.published_at is None
    ready = newsroom.set_status(article.id or 0, Status.READY)
    published = newsroom.set_status(ready.slug, Status.PUBLISHED)
    assert published.published_at is not None
    assert abs((published.published_at - datetime.now(UTC)).total_seconds()) < 60
    corrected = newsroom.set_status(ready.slug, Status.CORRECTED)
    assert corrected.published_at == published.published_at
    with pytest.raises(
        ValidationError,
        match=r"status: cannot go from corrected to ready \(allowed: draft, killed\)",
    ):
        newsroom.set_status(ready.slug, Status.READY)
    killed = newsroom.set_status(ready.slug, Status.KILLED)
    with pytest.raises(ValidationError, match="none: it stays killed"):
        newsroom.set_status(killed.slug, Status.PUBLISHED)
    with pytest.raises(ValidationError, match="none: it stays killed"):
        newsroom.set_status(killed.slug, Status.DRAFT, reason="a mistake")
    assert newsroom.history(killed.slug)[0].summary == "Status: corrected → killed"


MOSCOW = timezone(timedelta(hours=3))


def test_a_pull_quotes_place_is_saved_and_kept_in_revisions(newsroom: Newsroom) -> None:
    quotes = (Quote("Placed", pull=True, after_paragraph=1), Quote("Default", pull=True))
    article = newsroom.create(Article(headline="Quotes", quotes=quotes))
    assert newsroom.get(article.slug).quotes == quotes
    moved = (Quote("Placed", pull=True, after_paragraph=4), quotes[1])
    saved = newsroom.save(newsroom.get(article.slug).with_changes(quotes=moved))
    assert newsroom.get(article.slug).quotes == moved
    assert newsroom.history(article.slug)[0].summary == "Edited quotes"
    assert newsroom.revision(article.slug, 1).quotes == quotes
    assert newsroom.restore(article.slug, 1).quotes == quotes
    assert newsroom.load_many([saved.id or 0])[saved.id or 0][0].quotes == quotes


def test_publishing_at_a_chosen_time(newsroom: Newsroom) -> None:
    article = newsroom.create(Article(headline="Backdated"))
    when = datetime(2021, 6, 28, 10, 5, tzinfo=MOSCOW)
    published = newsroom.set_status(article.slug, Status.PUBLISHED, published_at=when)
    assert published.published_at == when
    assert newsroom.get(article.slug).published_at == when
    # Moving the time of a published story is a change like any other.
    later = when + timedelta(hours=2)
    moved = newsroom.set_status(article.slug, Status.PUBLISHED, published_at=later)
    assert moved.published_at == later
    assert newsroom.history(article.slug)[0].summary == "Edited publication time"


def test_a_publication_time_must_be_aware_and_go_with_published(newsroom: Newsroom) -> None:
    article = newsroom.create(Article(headline="Careful"))
    with pytest.raises(ValidationError, match="published_at: give the time with its time zone"):
        newsroom.set_status(article.slug, Status.PUBLISHED, published_at=datetime(2021, 6, 28))
    with pytest.raises(
        ValidationError, match="published_at: a publication time goes with the published status"
    ):
        newsroom.set_status(article.slug, Status.READY, published_at=datetime.now(UTC))
    assert newsroom.get(article.slug).revision == 1  # nothing saved


def test_a_story_published_ahead_is_scheduled_until_its_time(newsroom: Newsroom) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    live = newsroom.create(Article(headline="Live"))
    newsroom.set_status(live.slug, Status.PUBLISHED, published_at=now - timedelta(hours=1))
    held = newsroom.create(Article(headline="Held"))
    at = now + timedelta(days=1)
    scheduled = newsroom.set_status(held.slug, Status.PUBLISHED, published_at=at)
    assert scheduled.status is Status.PUBLISHED
    assert scheduled.is_scheduled(now) and not scheduled.is_live(now)
    assert not scheduled.is_scheduled(at) and scheduled.is_live(at)  # live from its very second
    assert [s.slug for s in newsroom.news_feed(now=now)] == ["live"]
    # The SQL says what the article says, to the microsecond.
    for moment in (at - timedelta(microseconds=1), at, at + timedelta(microseconds=1)):
        feed = newsroom.news_feed(now=moment)
        assert ("held" in [s.slug for s in feed]) == scheduled.is_live(moment), moment
        assert [s.is_live(moment) for s in feed] == [True] * len(feed)
    assert [s.slug for s in newsroom.news_feed(now=at)] == ["held", "live"]
    # Lists of every article still show it, and say it is held.
    [summary] = [s for s in newsroom.articles() if s.slug == "held"]
    assert summary.is_scheduled(now)


def test_unpublishing_needs_a_reason_and_ends_the_publication(newsroom: Newsroom) -> None:
    article = newsroom.create(Article(headline="Too early"))
    published = newsroom.set_status(article.slug, Status.PUBLISHED)
    with pytest.raises(
        ValidationError,
        match="reason: taking a published story back to draft needs a reason",
    ):
        newsroom.set_status(article.slug, Status.DRAFT)
    with pytest.raises(ValidationError, match="reason: taking a published story"):
        newsroom.set_status(article.slug, Status.DRAFT, reason="  \n ")
    with pytest.raises(ValidationError, match="reason: taking a published story"):
        newsroom.save(published.with_changes(status=Status.DRAFT))  # the editor's save too
    assert newsroom.get(article.slug).status is Status.PUBLISHED
    draft = newsroom.set_status(article.slug, Status.DRAFT, reason="Sent before the embargo")
    assert (draft.status, draft.published_at) == (Status.DRAFT, None)
    [latest, *_] = newsroom.history(article.slug)
    assert latest.number == draft.revision
    assert latest.summary.startswith("Status: published → draft")
    assert latest.summary.endswith("Reason: Sent before the embargo")
    assert newsroom.news_feed() == []
    # Published again, it goes out at a new time; a corrected story can come back too.
    again = newsroom.set_status(article.slug, Status.PUBLISHED)
    assert again.published_at is not None and again.published_at >= latest.created_at
    newsroom.set_status(article.slug, Status.CORRECTED)
    back = newsroom.set_status(article.slug, Status.DRAFT, reason="Legal\nhold")
    assert newsroom.history(back.slug)[0].summary.endswith("Reason: Legal hold")


def test_a_reason_that_cannot_be_stored_is_refused(newsroom: Newsroom) -> None:
    article = newsroom.create(Article(headline="H"))
    newsroom.set_status(article.slug, Status.PUBLISHED)
    with pytest.raises(ValidationError, match=r"reason: contains a control character \(U\+0001\)"):
        newsroom.set_status(article.slug, Status.DRAFT, reason="bad\x01")
    with pytest.raises(ValidationError, match="reason: at most 2000 characters"):
        newsroom.set_status(article.slug, Status.DRAFT, reason="x" * 2001)


def test_imported_published_article_keeps_its_publication_time(newsroom: Newsroom) -> None:
    article = import_one(
        newsroom,
        {"headline": "H", "status": "published", "published_at": "2021-06-28T10:05:00+03:00"},
    )
    assert article.published_at == datetime(2021, 6, 28, 7, 5, tzinfo=UTC)
    fresh = import_one(newsroom, {"headline": "H2", "status": "published"})
    assert fresh.published_at is not None


def test_a_published_slug_changes_only_by_renaming(newsroom: Newsroom) -> None:
    article = newsroom.create(Article(headline="Talks", status=Status.PUBLISHED))
    with pytest.raises(ValidationError, match="slug: the article was published as 'talks'"):
        newsroom.save(article.with_changes(slug="new-talks"))
    renamed = newsroom.rename(article.slug, "new-talks")
    assert renamed.slug == "new-talks"
    assert newsroom.get("talks").id == article.id  # the old address still finds it
    with pytest.raises(ValidationError, match="'talks' was an earlier slug of article"):
        newsroom.create(Article(headline="Other", slug="talks"))
    # Renaming back takes the old slug out of the aliases.
    back = newsroom.rename("new-talks", "talks")
    assert back.slug == "talks" and newsroom.get("new-talks").id == article.id
    assert newsroom.history(article.slug)[0].summary == "Renamed: new-talks → talks"


def test_a_draft_slug_may_change_when_saved(newsroom: Newsroom) -> None:
    article = newsroom.create(Article(headline="Draft"))
    changed = newsroom.save(article.with_changes(slug="better-slug"))
    assert changed.slug == "better-slug"
    assert newsroom.get("draft").id == article.id
    with pytest.raises(ValidationError, match="slug: 'better-slug' is the slug of article"):
        newsroom.create(Article(headline="X", slug="better-slug"))


def test_slug_rules_apply_to_api_callers_too(newsroom: Newsroom) -> None:
    with pytest.raises(ValidationError, match="slug: 'Bad Slug' is not a slug"):
        newsroom.create(Article(headline="H", slug="Bad Slug"))
    with pytest.raises(ValidationError, match="headline: a headline cannot be empty"):
        newsroom.create(Article(headline="  "))
    with pytest.raises(ValidationError, match=r"related\[0\].url: only http and https"):
        newsroom.create(
            Article(headline="H", related=(RelatedHeadline.external("x", "javascript:alert(1)"),))
        )
    with pytest.raises(ValidationError, match="slug: 'Not-A-Slug' is not a slug"):
        newsroom.rename(newsroom.create(Article(headline="A")).slug, "Not-A-Slug")


def test_an_article_cannot_be_related_to_itself(newsroom: Newsroom) -> None:
    with pytest.raises(
        ValidationError, match=r"related\[1\].slug: an article cannot be related to itself"
    ):
        newsroom.create(
            Article(
                headline="Self",
                slug="self",
                related=(RelatedHeadline.internal("other"), RelatedHeadline.internal("self")),
            )
        )


def test_photos_are_stored_once(newsroom: Newsroom, tmp_path: Path) -> None:
    write_json(tmp_path / "a.json", {})
    (tmp_path / "p.jpg").write_bytes(jpeg_bytes())
    first = import_one(
        newsroom, {"headline": "A", "photo": {"file": "p.jpg", "caption": "one"}}, base_dir=tmp_path
    )
    second = import_one(
        newsroom, {"headline": "B", "photo": {"file": "p.jpg", "caption": "two"}}, base_dir=tmp_path
    )
    assert first.photo is not None and second.photo is not None
    assert first.photo.sha256 == second.photo.sha256
    assert (first.photo.caption, second.photo.caption) == ("one", "two")
    assert newsroom.photos.data(first.photo.sha256) == jpeg_bytes()
    assert newsroom.photos.info(first.photo.sha256).width == 64
    assert len(newsroom.photos.find()) == 1


def test_an_unknown_photo_hash_is_refused(newsroom: Newsroom) -> None:
    with pytest.raises(
        ValidationError, match=r"photo\.sha256: no photo 000000000000… in this newsroom"
    ):
        newsroom.create(Article(headline="H", photo=PhotoUse(sha256="0" * 64)))


def test_delete_moves_to_the_trash_and_undelete_brings_back(newsroom: Newsroom) -> None:
    article = newsroom.create(Article(headline="Doomed story", body="searchable words"))
    newsroom.delete(article.slug)
    with pytest.raises(
        NotFoundError, match="was deleted; bring it back with 'newsroom undelete doomed-story'"
    ):
        newsroom.get(article.slug)
    assert newsroom.articles() == []
    assert [s.slug for s in newsroom.articles(deleted=True)] == ["doomed-story"]
    assert newsroom.search("searchable") == []
    with pytest.raises(ValidationError, match="belongs to a deleted article"):
        import_one(newsroom, {"headline": "x", "slug": "doomed-story"})
    back = newsroom.undelete(article.slug)
    assert [r.summary for r in newsroom.history(back.slug)][:2] == ["Undeleted", "Deleted"]
    assert [hit.article.slug for hit in newsroom.search("searchable")] == ["doomed-story"]
    assert newsroom.check().ok


def test_purge_removes_only_deleted_articles(newsroom: Newsroom) -> None:
    article = newsroom.create(Article(headline="Gone"))
    with pytest.raises(ValidationError, match="delete it before purging"):
        newsroom.purge(article.slug)
    newsroom.delete(article.slug)
    newsroom.purge(article.slug)
    with pytest.raises(NotFoundError):
        newsroom.get(article.slug, include_deleted=True)
    assert newsroom.check().ok


def test_list_filters_orders_and_counts(newsroom: Newsroom) -> None:
    for number in range(5):
        newsroom.create(
            Article(
                headline=f"Story {number}",
                section="Politics" if number % 2 else "Sport",
                status=Status.PUBLISHED if number < 2 else Status.DRAFT,
            )
        )
    latest = newsroom.articles(limit=3)
    assert [s.headline for s in latest] == ["Story 4", "Story 3", "Story 2"]
    assert [s.headline for s in newsroom.articles(section="Politics")] == ["Story 3", "Story 1"]
    assert [s.headline for s in newsroom.articles(status=Status.PUBLISHED)] == [
        "Story 1",
        "Story 0",
    ]
    assert [s.headline for s in newsroom.articles(order="published")][:2] == ["Story 1", "Story 0"]
    assert newsroom.count() == 5 and newsroom.count(section="Sport") == 3
    assert newsroom.sections() == ["Politics", "Sport"]
    assert [s.headline for s in newsroom.articles(limit=2, offset=3)] == ["Story 1", "Story 0"]


def test_update_changes_only_the_given_fields(newsroom: Newsroom) -> None:
    original = import_one(newsroom, full_article())
    updated = import_one(newsroom, {"slug": original.slug, "headline": "New headline"}, update=True)
    assert updated.headline == "New headline"
    assert updated.body == original.body and updated.quotes == original.quotes
    assert updated.revision == 2
    same = newsroom.import_articles(
        read_articles({"slug": original.slug, "headline": "New headline"}, base_dir=None, tz=UTC),
        update=True,
    )[0]
    assert not same.changed and same.article.revision == 2


def test_a_failed_import_changes_nothing(newsroom: Newsroom) -> None:
    newsroom.create(Article(headline="Existing", slug="taken"))
    documents = [
        {"headline": "New one"},
        {"headline": "New two"},
        {"headline": "Clash", "slug": "taken"},
    ]
    with pytest.raises(
        ValidationError, match=r"\[2\].slug: an article with slug 'taken' already exists"
    ):
        newsroom.import_articles(read_articles(documents, base_dir=None, tz=UTC))
    assert [s.slug for s in newsroom.articles()] == ["taken"]
    with pytest.raises(ValidationError, match=r"\[1\].slug: 'dup' appears twice in this file"):
        newsroom.import_articles(
            read_articles(
                [{"headline": "a", "slug": "dup"}, {"headline": "b", "slug": "dup"}],
                base_dir=None,
                tz=UTC,
            )
        )
    assert newsroom.count() == 1


def test_the_revision_snapshot_is_the_json_content(newsroom: Newsroom) -> None:
    article = import_one(newsroom, full_article())
    assert content_to_json(newsroom.revision(article.slug, 1)) == content_to_json(article)


def test_missing_related_articles_are_reported(newsroom: Newsroom) -> None:
    newsroom.create(Article(headline="Present", slug="present"))
    article = newsroom.create(
        Article(
            headline="H",
            related=(RelatedHeadline.internal("present"), RelatedHeadline.internal("absent")),
        )
    )
    assert newsroom.missing_related(article) == ["absent"]


def test_settings_live_in_the_file(db_path: Path) -> None:
    with Newsroom.open(db_path, create=True) as newsroom:
        assert newsroom.settings().dateline_style == "tass"
        newsroom.set_setting("agency", " TASS ")
        newsroom.set_setting("headline_limit", "80")
        newsroom.set_setting("base_url", "https://news.example.org")
    with Newsroom.open(db_path) as reopened:
        settings = reopened.settings()
    assert (settings.agency, settings.headline_limit) == ("TASS", 80)
    assert settings.base_url == "https://news.example.org/"


def test_dateline_values_round_trip(newsroom: Newsroom) -> None:
    article = newsroom.create(Article(headline="H", dateline=Dateline("Kazan", None, "")))
    assert newsroom.get(article.slug).dateline == Dateline("Kazan", None, "")


def test_a_save_over_someone_elses_newer_save_is_a_conflict(db_path: Path) -> None:
    with (
        Newsroom.open(db_path, create=True, author="anna") as anna,
        Newsroom.open(db_path, author="boris") as boris,
    ):
        created = anna.create(Article(headline="Shared story", body="v1"))
        mine = anna.get(created.slug)
        theirs = boris.get(created.slug)
        boris.save(theirs.with_changes(body="Boris's version"))
        with pytest.raises(
            ConflictError,
            match=r"shared-story: changed by boris since you opened it \(revision 1 → 2: Edited body\)",
        ):
            anna.save(mine.with_changes(body="Anna's version"))
        forced = anna.save(mine.with_changes(body="Anna's version"), force=True)
        assert forced.body == "Anna's version" and forced.revision == 3
        assert anna.revision(created.slug, 2).body == "Boris's version"  # nothing lost
        assert anna.save(forced.with_changes(body="again")).revision == 4


def test_sections_in_use_skip_the_empty_name_and_sections_with_only_deleted_articles(
    newsroom: Newsroom,
) -> None:
    for slug, section in [("a", "Sport"), ("b", "Arts"), ("c", ""), ("d", "Weather"),
                          ("e", "Weather"), ("f", "Zoo"), ("g", "Business")]:  # fmt: skip
        newsroom.create(Article(headline=f"Story {slug}", slug=slug, section=section))
    newsroom.delete("d")  # Weather keeps e
    newsroom.delete("f")  # Zoo has no article left
    newsroom.delete("b")  # nor Arts, the first name
    assert newsroom.sections() == ["Business", "Sport", "Weather"]


def test_imported_articles_get_the_next_ids_in_input_order(newsroom: Newsroom) -> None:
    # SQLite's ids are chosen by the writer (one executemany), a server's by its sequence:
    # each article, its revision and its search entry go with the id it was given.
    before = newsroom.create(Article(headline="Already here"))
    assert before.id is not None
    documents = [{"headline": f"Harbour crane {word}", "body": word} for word in ("one", "two")]
    results = newsroom.import_articles(read_articles(documents, base_dir=None, tz=UTC))
    ids = [result.article.id for result in results]
    assert ids == [before.id + 1, before.id + 2]
    for new_id, word in zip(ids, ("one", "two"), strict=True):
        assert new_id is not None
        assert newsroom.get(str(new_id)).headline == f"Harbour crane {word}"
        assert [revision.number for revision in newsroom.history(new_id)] == [1]
        assert [hit.article.id for hit in newsroom.search(f"crane {word}")] == [new_id]
    later = newsroom.create(Article(headline="After the import"))
    assert later.id == before.id + 3


def test_each_article_of_a_big_import_has_its_own_first_revision(newsroom: Newsroom) -> None:
    # Snapshots of a big batch are compressed on a thread while the index fills.
    documents = [{"headline": f"Pier {n}", "body": f"Pier {n} reopens"} for n in range(260)]
    results = newsroom.import_articles(read_articles(documents, base_dir=None, tz=UTC))
    for result in results[::37]:
        article = result.article
        assert content_to_json(newsroom.revision(article.slug, 1)) == content_to_json(article)
