"""Stories started from wire items (``Newsroom.start_story``, ``newsroom start-story``).

Real agency samples imported through the real path (``ingest.import_document``,
as ``newsroom import`` and the ingest folder do) on both engines; the wire item
stays the agency's (read-only, updated only by newer versions), the story is the
desk's, and the copy of the item's source in the story links the two.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newsroom.article import Article, Dateline, PhotoUse, RelatedHeadline, Status, WireSource
from newsroom.article_json import content_to_json
from newsroom.errors import ChecksFailedError, NotFoundError, ValidationError
from newsroom.ingest import import_document
from newsroom.slug import slugify
from newsroom.store import Newsroom
from newsroom.wire_story import story_from
from tests.conftest import Cli
from tests.helpers import jpeg_bytes, newsroom_cli, write_json
from tests.imports.test_wire_status import ninjs_kill

SAMPLES = Path(__file__).parent / "imports" / "samples"
READ_ONLY = "is an incoming wire item: start a story from it to edit"


def wire_item(newsroom: Newsroom, folder: Path, name: str) -> Article:
    """The sample ``name`` imported as an incoming wire item (its photo beside it)."""
    folder.mkdir(exist_ok=True)
    shutil.copy(SAMPLES / name, folder / name)
    (folder / "afp-gare.jpg").write_bytes(jpeg_bytes(80, 60))
    imported = import_document(newsroom, (folder / name).read_bytes(), name, folder)
    [result] = imported.results
    return result.article


def ninjs_version(folder: Path, version: str, headline: str) -> Path:
    """An AAP-style ninjs 1.x item: the same guid each time, the version given."""
    folder.mkdir(exist_ok=True)
    document = {
        "uri": "urn:newsml:aap.com.au:20240315:storm", "type": "text", "version": version,
        "versioncreated": "2024-03-15T06:12:00Z", "pubstatus": "usable", "urgency": 3,
        "headline": headline, "body_html": "<p>Crews worked through the night.</p>",
        "copyrightholder": "AAP",
    }  # fmt: skip
    return write_json(folder / f"aap-v{version}.json", document)


def import_file(newsroom: Newsroom, file: Path) -> Article:
    [result] = import_document(newsroom, file.read_bytes(), file.name, file.parent).results
    return result.article


# --- starting a story -----------------------------------------------------------------


def test_a_story_carries_the_wire_items_text_photo_and_source(
    newsroom: Newsroom, tmp_path: Path
) -> None:
    item = wire_item(newsroom, tmp_path / "wire", "afp-newsml1.xml")
    assert item.status is Status.INCOMING and item.photo is not None and item.source is not None

    story = newsroom.start_story(item.slug)

    assert story.status is Status.DRAFT and story.id != item.id
    # The wire item's slug is "wire-…": the headline's own is free for the story readers see.
    assert item.slug == f"wire-{story.slug}" and story.slug == slugify(item.headline)
    for field in ("headline", "subtitle", "lead", "body", "dateline", "byline", "language"):
        assert getattr(story, field) == getattr(item, field), field
    assert story.section == item.section and story.related == item.related
    assert story.photo == item.photo  # the same stored photo, caption and credit
    assert story.photo.caption and story.photo.credit == "AFP/Julien MARTIN"
    assert story.source == item.source  # the link, and the exports' provenance
    [first] = newsroom.history(story.slug)
    version = f" v{item.source.version}" if item.source.version else ""
    assert first.summary == f"started from {item.source.agency} item {item.source.item_id}{version}"
    after = newsroom.get(item.id or 0)
    assert after == item  # the wire item untouched: same revision, same text
    assert [s.slug for s in newsroom.stories_from(item.source)] == [story.slug]


def test_start_story_refuses_what_is_not_incoming(newsroom: Newsroom) -> None:
    draft = newsroom.create(Article(headline="Our own story"))
    with pytest.raises(ValidationError, match=r"^our-own-story is not an incoming wire item"):
        newsroom.start_story(draft.slug)
    with pytest.raises(NotFoundError):
        newsroom.start_story("no-such-item")
    assert newsroom.count() == 1  # nothing made


def test_story_from_carries_related_headlines_and_tags() -> None:
    """The pure step: what a wire item gives its story (files seldom carry related ones)."""
    source = WireSource(agency="AP", item_id="a1b2", version="2", file_name="ap.xml")
    item = Article(
        headline="Storm", slug="storm", status=Status.INCOMING, source=source, tags=("weather",),
        dateline=Dateline("Miami"), photo=PhotoUse("ab" * 32, "The coast.", "AP/J. Doe"),
        related=(RelatedHeadline("older-storm", "An older storm"),), mark="URGENT", id=4,
        revision=3,
    )  # fmt: skip
    story = story_from(item)
    assert (story.related, story.tags, story.photo) == (item.related, item.tags, item.photo)
    assert (story.source, story.status, story.slug, story.mark) == (source, Status.DRAFT, "", "")
    assert story.id is None and story.revision == 0
    with pytest.raises(ValidationError, match="storm is not an incoming wire item"):
        story_from(item.with_changes(source=None))


# --- the wire item stays the agency's -------------------------------------------------


def test_a_newer_version_updates_the_wire_item_never_the_story(
    newsroom: Newsroom, tmp_path: Path
) -> None:
    item = import_file(newsroom, ninjs_version(tmp_path, "1", "Storm hits the coast"))
    story = newsroom.start_story(item.slug)
    newsroom.save(story.with_changes(headline="Storm: the desk's rewrite"))

    import_file(newsroom, ninjs_version(tmp_path, "2", "Storm hits the coast, two dead"))

    assert newsroom.get(item.slug).headline == "Storm hits the coast, two dead"
    assert newsroom.history(item.slug)[0].summary == "wire update v2 from AAP"
    kept = newsroom.get(story.slug)
    assert kept.headline == "Storm: the desk's rewrite" and kept.source == story.source
    assert kept.source is not None and kept.source.version == "1"  # what the story started from
    assert item.source is not None
    assert [s.slug for s in newsroom.stories_from(item.source)] == [story.slug]


def test_stories_from_lists_only_stories_of_that_item(newsroom: Newsroom, tmp_path: Path) -> None:
    item = import_file(newsroom, ninjs_version(tmp_path, "1", "Storm hits the coast"))
    assert item.source is not None
    assert newsroom.stories_from(item.source) == []  # the wire item itself is no story
    first = newsroom.start_story(item.slug)
    second = newsroom.start_story(item.slug)
    other = wire_item(newsroom, tmp_path / "wire", "afp-newsml1.xml")
    newsroom.start_story(other.slug)
    assert [s.slug for s in newsroom.stories_from(item.source)] == [second.slug, first.slug]
    newsroom.delete(second.slug)
    assert [s.slug for s in newsroom.stories_from(item.source)] == [first.slug]


def test_a_wire_item_is_read_only_but_can_be_deleted(newsroom: Newsroom, tmp_path: Path) -> None:
    item = import_file(newsroom, ninjs_version(tmp_path, "1", "Storm hits the coast"))
    edits = {
        "save": lambda: newsroom.save(item.with_changes(headline="Edited")),
        "rename": lambda: newsroom.rename(item.slug, "storm-renamed"),
        "restore": lambda: newsroom.restore(item.slug, 1),
    }
    for name, edit in edits.items():
        with pytest.raises(ValidationError) as refused:
            edit()
        assert str(refused.value) == f"{item.slug} {READ_ONLY}", name
    assert newsroom.get(item.slug) == item  # nothing changed, no revision

    newsroom.delete(item.slug)
    assert not newsroom.exists(item.slug)


def test_an_import_update_of_a_wire_item_is_refused(newsroom: Newsroom, tmp_path: Path) -> None:
    item = import_file(newsroom, ninjs_version(tmp_path, "1", "Storm hits the coast"))
    document = content_to_json(item.with_changes(headline="Edited"))
    with pytest.raises(ValidationError, match=READ_ONLY):
        newsroom.import_json(document, base_dir=None, update=True)
    assert newsroom.get(item.slug) == item


# --- the command ----------------------------------------------------------------------


def test_start_story_command_prints_the_drafts_slug(cli: Cli, tmp_path: Path) -> None:
    file = ninjs_version(tmp_path / "wire", "3", "Storm hits the coast")
    [line] = cli.ok("import", str(file)).lines
    item_slug = line.split("\t")[1]

    [slug] = cli.ok("start-story", item_slug).lines

    shown = json.loads(cli.ok("show", "--json", slug).out)
    assert shown["status"] == "draft" and shown["headline"] == "Storm hits the coast"
    assert shown["source"]["item_id"] == "urn:newsml:aap.com.au:20240315:storm"
    assert json.loads(cli.ok("show", "--json", item_slug).out)["revision"] == 1


def test_start_story_command_errors(tmp_path: Path) -> None:
    db = tmp_path / "news.sqlite"
    assert newsroom_cli(db, "init").code == 0
    with Newsroom.open(db, author="tester") as newsroom:
        newsroom.create(Article(headline="Our own story"))

    own = newsroom_cli(db, "start-story", "our-own-story")
    missing = newsroom_cli(db, "start-story", "nothing-here")
    usage = newsroom_cli(db, "start-story")

    assert own.code == 1 and own.err.startswith("newsroom: error: our-own-story is not an incoming")
    assert len(own.err.splitlines()) == 1 and "Traceback" not in own.err
    assert missing.code == 1 and missing.err.startswith("newsroom: error: ")
    assert usage.code == 2


# --- kills: an item the agency took back -------------------------------------------------


def aap_item(folder: Path, version: str, pubstatus: str) -> Path:
    """AAP's ninjs 1.x storm item at ``version``, with the publication status given."""
    folder.mkdir(exist_ok=True)
    return ninjs_kill(folder, version, pubstatus)


def test_no_story_starts_from_a_killed_item(newsroom: Newsroom, tmp_path: Path) -> None:
    item = import_file(newsroom, aap_item(tmp_path, "1", "usable"))
    import_file(newsroom, aap_item(tmp_path, "2", "canceled"))
    with pytest.raises(ValidationError, match="AAP canceled this item \\(version 2\\): no story"):
        newsroom.start_story(item.slug)
    assert newsroom.stories_from(item.source or WireSource()) == []


def test_a_kill_after_the_story_started_stops_it_going_out(
    newsroom: Newsroom, tmp_path: Path
) -> None:
    """The kill updates the wire item, never the story: the story's check sees the item."""
    item = import_file(newsroom, aap_item(tmp_path, "1", "usable"))
    story = newsroom.start_story(item.slug)
    assert "source.withdrawn" not in {finding.rule for finding in newsroom.findings(story)}

    import_file(newsroom, aap_item(tmp_path, "2", "withheld"))
    assert newsroom.get(story.slug).revision == story.revision  # the story is the desk's
    [finding] = [f for f in newsroom.findings(story) if f.rule == "source.withdrawn"]
    assert finding.severity.value == "error" and finding.field == "source"
    assert "AAP withheld wire item urn:newsml:aap.com.au:20240315:storm (version 2)" in (
        finding.message
    )
    with pytest.raises(ChecksFailedError, match="withheld"):
        newsroom.set_status(story.slug, Status.PUBLISHED)

    import_file(newsroom, aap_item(tmp_path, "3", "usable"))  # released again
    assert "source.withdrawn" not in {finding.rule for finding in newsroom.findings(story)}
    assert newsroom.set_status(story.slug, Status.PUBLISHED).status is Status.PUBLISHED


def test_check_all_names_every_story_of_a_killed_item(cli: Cli, tmp_path: Path) -> None:
    slug = cli.ok("import", str(aap_item(tmp_path, "1", "usable"))).out.split()[1]
    first = cli.ok("start-story", slug).out.strip()
    second = cli.ok("start-story", slug).out.strip()
    cli.ok("import", str(aap_item(tmp_path, "2", "canceled")))
    result = cli("check", "--all")
    assert result.code == 1
    for story in (first, second):
        assert any(story in line and "AAP canceled" in line for line in result.out.splitlines())
