"""Keep the source: every wire item records where it came from, comes in as Incoming, and a
newer version of it updates its article while an older one is refused.

Through the real path (``newsroom import``, in-process on both engines, and in a process of
its own for the samples), reading back with ``show --json``.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from newsroom.article import Article, Status, WireSource
from newsroom.article_json import content_to_json, read_article
from newsroom.errors import ValidationError
from newsroom.storage.copying import copy_newsroom
from newsroom.storage.engine import create_newsroom_engine, resolve_url
from newsroom.storage.migrate import upgrade
from newsroom.store import Newsroom
from tests.conftest import Cli
from tests.helpers import jpeg_bytes, newsroom_cli
from tests.test_migrations import ARTICLE_AT_0001, REVISION_AT_0001

SAMPLES = Path(__file__).parent / "samples"
# Each sample's source as the agency's file gives it: agency, item id, version, format.
SOURCES: dict[str, tuple[str, str, str, str]] = {
    "aap-ninjs1.json": (
        "AAP", "urn:newsml:aap.com.au:20240315:20240315000123456789", "3", "ninjs 1.x",
    ),
    "aap-nitf.xml": ("Australian Associated Press", "AAP.312874510.7204113", "", "NITF"),
    "ap-nitf.xml": ("", "", "", "NITF"),
    "ansa-g2-text.xml": ("", "", "", "NewsML-G2"),
    "stt-g2-text.xml": ("", "", "", "NewsML-G2"),
    "afp-newsml1.xml": ("", "", "", "NewsML 1.2"),
}  # fmt: skip
WIRE_SAMPLES = sorted(
    path.name for path in SAMPLES.iterdir() if path.suffix in (".xml", ".json")
    and path.name not in ("acme-g2-unknown-alias.xml", "dpa-g2-picture.xml")
)  # fmt: skip


@pytest.fixture
def wire(tmp_path: Path, sqlite_template: Path) -> Path:
    """The samples in a folder of their own, with the photos their items name beside them,
    and a new newsroom (``newsroom.sqlite``: a copy, where creating one takes ~1 s)."""
    folder = tmp_path / "wire"
    shutil.copytree(SAMPLES, folder)
    shutil.copyfile(sqlite_template, folder / "newsroom.sqlite")
    for photo in ("reuters-g2-cranes.jpg", "dpa-g2-rhein.jpg"):
        (folder / photo).write_bytes(jpeg_bytes(800, 533))
    return folder


def shown(cli: Cli, ref: str) -> dict[str, Any]:
    return dict(json.loads(cli.ok("show", "--json", ref).out))


def ninjs_item(tmp_path: Path, version: str, headline: str, name: str = "") -> Path:
    """An AAP-style ninjs 1.x item: the same guid each time, the version given."""
    file = tmp_path / (name or f"aap-v{version}.json")
    file.write_text(
        json.dumps(
            {
                "uri": "urn:newsml:aap.com.au:20240315:storm",
                "type": "text",
                "version": version,
                "versioncreated": "2024-03-15T06:12:00Z",
                "pubstatus": "usable",
                "urgency": 3,
                "headline": headline,
                "body_html": "<p>Crews worked through the night.</p>",
                "copyrightholder": "AAP",
            }
        ),
        encoding="utf-8",
    )
    return file


# --- every sample keeps its source ---------------------------------------------------


@pytest.mark.parametrize("name", WIRE_SAMPLES)
def test_each_sample_stores_its_source_and_comes_in_as_incoming(
    wire: Path, name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = wire / "newsroom.sqlite"
    run = newsroom_cli(db, "import", str(wire / name))
    assert run.code == 0, run.err
    read_back = Cli(db, capsys, monkeypatch)  # in this process: the import was the real path
    for line in run.out.splitlines():
        article = shown(read_back, line.split()[0])
        source = article["source"]
        assert source is not None, name
        assert source["item_id"], name
        assert source["file_name"].endswith(name)
        assert source["format"] in ("NITF", "NewsML-G2", "NewsML 1.2", "ninjs 1.x", "ninjs 2.x")
        assert source["urgency"] is None or 1 <= source["urgency"] <= 9
        assert article["status"] == "incoming"
        if name in SOURCES:
            agency, item_id, version, fmt = SOURCES[name]
            assert source["format"] == fmt
            if item_id:
                assert (source["agency"], source["item_id"]) == (agency, item_id)
                assert source["version"] == version
    assert "Source: " in read_back.ok("show", run.out.split()[0]).out


def test_g2_items_reach_the_import_with_their_sources(
    wire: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = wire / "newsroom.sqlite"
    run = newsroom_cli(db, "import", str(wire / "reuters-g2-message.xml"))
    assert run.code == 0, run.err
    ids = [line.split()[0] for line in run.out.splitlines()]
    read_back = Cli(db, capsys, monkeypatch)
    sources = [shown(read_back, i)["source"] for i in ids]
    assert len({source["item_id"] for source in sources}) == len(ids) > 1  # in step, one each
    assert all(source["format"] == "NewsML-G2" for source in sources)


# --- versions --------------------------------------------------------------------------


def test_a_newer_version_updates_the_article_as_a_revision(cli: Cli, tmp_path: Path) -> None:
    first = cli.ok("import", str(ninjs_item(tmp_path, "2", "Storms cut power"))).out.split()[0]
    again = cli.ok("import", str(ninjs_item(tmp_path, "3", "Storms cut power to 40,000")))
    assert again.out.split()[0] == first  # the same article, not a second one
    article = shown(cli, first)
    assert article["headline"] == "Storms cut power to 40,000"
    assert (article["source"]["version"], article["revision"]) == ("3", 2)
    assert article["status"] == "incoming"
    history = cli.ok("history", first).out
    assert "wire update v3 from AAP" in history


@pytest.mark.parametrize("older", ["3", "2"])
def test_an_older_or_the_same_version_is_refused_and_nothing_changes(
    cli: Cli, tmp_path: Path, older: str
) -> None:
    first = cli.ok("import", str(ninjs_item(tmp_path, "3", "Storms cut power"))).out.split()[0]
    stale = ninjs_item(tmp_path, older, "An older text", name="stale.json")
    refused = cli("import", str(stale))
    assert refused.code == 1
    (line,) = refused.err.strip().splitlines()
    assert line.startswith(f"newsroom: error: {stale}: item urn:newsml:aap.com.au:20240315:storm")
    assert f"version {older}" in line and ("version 3" in line or older == "3")
    assert "nothing imported" in line
    article = shown(cli, first)
    assert (article["headline"], article["source"]["version"], article["revision"]) == (
        "Storms cut power", "3", 1,
    )  # fmt: skip


def test_versions_that_are_not_numbers_are_not_guessed_at(cli: Cli, tmp_path: Path) -> None:
    first = cli.ok("import", str(ninjs_item(tmp_path, "a", "Storms"))).out.split()[0]
    refused = cli("import", str(ninjs_item(tmp_path, "b", "Storms again")))
    assert refused.code == 1
    assert "cannot tell whether version b is newer than version a" in refused.err
    assert shown(cli, first)["headline"] == "Storms"


def test_a_refused_version_loses_nothing_else_of_that_file(cli: Cli, tmp_path: Path) -> None:
    cli.ok("import", str(ninjs_item(tmp_path, "3", "Storms")))
    both = tmp_path / "both.json"
    stale = json.loads(ninjs_item(tmp_path, "1", "Old").read_text())
    fresh = {**stale, "uri": "urn:newsml:aap.com.au:20240315:other", "headline": "Other"}
    both.write_text(json.dumps([fresh, stale]), encoding="utf-8")
    assert cli("import", str(both)).code == 1
    assert cli.ok("list", "--status", "incoming").lines[0].endswith("Storms")  # all or nothing
    assert len(cli.ok("list", "--status", "incoming").lines) == 1


def test_our_own_exports_read_back_are_not_wire_items(cli: Cli, tmp_path: Path) -> None:
    cli.ok("import", "-", stdin=json.dumps({"headline": "Ours", "slug": "ours", "body": "Text."}))
    cli.ok("set-status", "ours", "published")
    out = tmp_path / "out"
    cli.ok("export", "ours", "--format", "ninjs", "--out", str(out))
    other = tmp_path / "other.sqlite"  # another newsroom reads it back
    made = newsroom_cli(other, "import", str(next(out.glob("*.json"))))
    assert made.code == 0, made.err
    article = json.loads(newsroom_cli(other, "show", "--json", "ours").out)
    assert (article["status"], article["source"]) == ("published", None)


# --- Incoming: apart, never public ----------------------------------------------------


def test_incoming_items_are_never_published_directly(cli: Cli, tmp_path: Path) -> None:
    first = cli.ok("import", str(ninjs_item(tmp_path, "1", "Storms"))).out.split()[0]
    for status in ("published", "draft", "ready"):
        refused = cli("set-status", first, status)
        assert refused.code == 1
        (line,) = refused.err.strip().splitlines()
        assert line.endswith("start a story from it first")
    assert shown(cli, first)["status"] == "incoming"


def test_incoming_items_stay_out_of_lists_feeds_and_exports(
    newsroom: Newsroom, tmp_path: Path
) -> None:
    wire = Article(headline="Wire", slug="wire", status=Status.INCOMING,
                   source=WireSource(agency="AP", item_id="ap-1", version="1"))  # fmt: skip
    newsroom.create(wire)
    ours = newsroom.create(Article(headline="Ours", slug="ours", body="Text."))
    newsroom.set_status("ours", Status.PUBLISHED)
    assert [s.slug for s in newsroom.articles()] == ["ours"]
    assert [s.slug for s in newsroom.articles(status=Status.INCOMING)] == ["wire"]
    assert [s.slug for s in newsroom.news_feed(now=datetime(2100, 1, 1, tzinfo=UTC))] == ["ours"]
    assert not Status.INCOMING.is_public
    assert ours.id is not None


def test_export_all_leaves_incoming_out_of_reader_formats_but_not_json(
    cli: Cli, tmp_path: Path
) -> None:
    cli.ok("import", str(ninjs_item(tmp_path, "1", "Storms")))
    cli.ok("import", "-", stdin=json.dumps({"headline": "Ours", "slug": "ours", "body": "Text."}))
    cli.ok("set-status", "ours", "published")
    for fmt in ("nitf", "html", "site"):
        written = cli.ok("export", "--all", "--format", fmt, "--out", str(tmp_path / fmt)).out
        assert "storms" not in written.lower(), fmt
    written = cli.ok("export", "--all", "--format", "json", "--out", str(tmp_path / "j")).out
    assert "storms" in written.lower()


def test_list_shows_incoming_only_when_asked(cli: Cli, tmp_path: Path) -> None:
    cli.ok("import", str(ninjs_item(tmp_path, "1", "Storms")))
    assert cli.ok("list").lines == []
    (line,) = cli.ok("list", "--status", "incoming").lines
    assert "\tincoming\t" in line


# --- the format, revisions, migration, copy ----------------------------------------------

SOURCE = WireSource(agency="dpa", item_id="urn:newsml:dpa.com:1", version="4", urgency=2,
                    file_name="dpa.xml", copyright="dpa", format="NewsML-G2")  # fmt: skip


def test_the_json_format_round_trips_the_source_and_older_files_load() -> None:
    article = Article(headline="H", slug="h", source=SOURCE)
    content = content_to_json(article)
    assert content["source"]["urgency"] == 2
    parsed = read_article(content, base_dir=None, tz=UTC)
    assert parsed.fields["source"] == SOURCE
    del content["source"]
    assert "source" not in read_article(content, base_dir=None, tz=UTC).fields
    assert content_to_json(Article(headline="H"))["source"] is None


@pytest.mark.parametrize(
    ("source", "field"),
    [({"urgency": 12}, "source.urgency"), ({"agency": 3}, "source.agency"),
     ({"guid": "x"}, "source.guid"), ("AP", "source")],
)  # fmt: skip
def test_a_bad_source_is_named_with_its_field(source: Any, field: str) -> None:
    with pytest.raises(ValidationError) as raised:
        read_article({"headline": "H", "source": source}, base_dir=None, tz=UTC)
    assert [problem.path for problem in raised.value.problems] == [field]


def test_the_source_is_kept_through_saves_revisions_and_restore(newsroom: Newsroom) -> None:
    saved = newsroom.create(Article(headline="H", slug="h", source=SOURCE))
    assert newsroom.get("h").source == SOURCE
    newsroom.save(saved.with_changes(headline="H2"))
    assert newsroom.get("h").source == SOURCE
    newsroom.restore("h", 1)
    assert newsroom.get("h").source == SOURCE
    assert newsroom.get("h").headline == "H"


def test_articles_from_before_0012_have_no_source_on_either_engine(
    db_target: Path | str,
) -> None:
    engine = create_newsroom_engine(resolve_url(db_target))
    upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.execute(text(ARTICLE_AT_0001))
        connection.execute(text(REVISION_AT_0001.replace("x''", ":empty")), {"empty": b""})
        connection.execute(
            text("INSERT INTO quotes (article_id, position, text, speaker, role, pull) "
                 "VALUES (1, 0, 'Q', '', '', false)")
        )  # fmt: skip
    engine.dispose()
    with Newsroom.open(db_target) as newsroom:
        assert newsroom.opened == "upgraded"
        article = newsroom.get("old-story")
        assert article.source is None
        assert [quote.text for quote in article.quotes] == ["Q"]  # not lost to the CHECK's change
        assert len(newsroom.history("old-story")) == 1
        assert newsroom.check().ok
    engine = create_newsroom_engine(resolve_url(db_target))
    with engine.begin() as connection:  # the status CHECK takes the new status
        connection.execute(
            text("UPDATE articles SET status = 'incoming', source_agency = 'dpa', "
                 "source_item_id = 'urn:1', source_urgency = 2 WHERE id = 1")
        )  # fmt: skip
    engine.dispose()
    with Newsroom.open(db_target) as newsroom:
        article = newsroom.get("old-story")
        assert article.status is Status.INCOMING
        assert article.source == WireSource(agency="dpa", item_id="urn:1", urgency=2)


def test_a_copy_carries_each_article_s_source(tmp_path: Path) -> None:
    source, destination = tmp_path / "source.sqlite", tmp_path / "copy.sqlite"
    with Newsroom.open(source, create=True, author="tester") as newsroom:
        newsroom.create(Article(headline="W", slug="w", status=Status.INCOMING, source=SOURCE))
    copy_newsroom(source, destination)
    with Newsroom.open(destination) as copied:
        assert copied.get("w").source == SOURCE
        assert copied.get("w").status is Status.INCOMING
