"""A wire item's publication status: read from every format, stored with the source, and an
agency's kill (a canceled or withheld version) updates the item it takes back.

Through the real path: ``newsroom import`` in-process on both engines (the ``cli`` fixture)
and in a process of its own; the migration that added the columns goes down and up again.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from newsroom.article import Status, WireSource
from newsroom.storage.engine import create_newsroom_engine, resolve_url
from newsroom.storage.migrate import upgrade
from newsroom.store import Newsroom
from tests.conftest import Cli
from tests.helpers import newsroom_cli
from tests.test_migrations import ARTICLE_AT_0001, REVISION_AT_0001, downgraded_counting

SAMPLES = Path(__file__).parent / "samples"
DPA = "dpa Deutsche Presse-Agentur GmbH"

# Each format's publication status as its sample gives it, in IPTC's words.
PUBSTATUSES = {
    "efe-nitf.xml": "usable",  # <docdata management-status="usable">
    "ap-nitf.xml": "",  # AP's NITF gives none
    "dpa-g2-text.xml": "usable",  # <pubStatus qcode="stat:usable"/>
    "dpa-g2-kill.xml": "canceled",
    "aap-ninjs1.json": "usable",  # "pubstatus": "usable"
    "afp-newsml1.xml": "usable",  # <Status FormalName="Usable"/>
}


def shown(cli: Cli, ref: str) -> dict[str, Any]:
    return dict(json.loads(cli.ok("show", "--json", ref).out))


def ninjs_kill(tmp_path: Path, version: str, pubstatus: str) -> Path:
    """AAP's ninjs 1.x item at ``version``, with the publication status given."""
    file = tmp_path / f"aap-{pubstatus}-v{version}.json"
    document = {
        "uri": "urn:newsml:aap.com.au:20240315:storm", "type": "text", "version": version,
        "versioncreated": "2024-03-15T06:12:00Z", "pubstatus": pubstatus, "urgency": 3,
        "headline": "Storms cut power", "copyrightholder": "AAP",
        "body_html": "<p>Crews worked through the night.</p>",
    }  # fmt: skip
    file.write_text(json.dumps(document), encoding="utf-8")
    return file


@pytest.mark.parametrize("name", sorted(PUBSTATUSES))
def test_each_format_s_publication_status_is_stored_with_the_source(cli: Cli, name: str) -> None:
    (line,) = cli.ok("import", str(SAMPLES / name)).lines
    article = shown(cli, line.split()[0])
    assert article["source"]["pubstatus"] == PUBSTATUSES[name]
    assert article["status"] == "incoming"  # whatever the file says: a wire item waits


def test_a_kill_updates_the_item_it_takes_back_as_a_revision(cli: Cli) -> None:
    first = cli.ok("import", str(SAMPLES / "dpa-g2-text.xml")).out.split()[0]
    again = cli.ok("import", str(SAMPLES / "dpa-g2-kill.xml")).out.split()[0]
    assert again == first  # the same article, not a second one
    article = shown(cli, first)
    assert article["headline"] == "Achtung: Meldung zurückgezogen - Hochwasser am Rhein"
    assert (article["source"]["version"], article["source"]["pubstatus"]) == ("5", "canceled")
    assert (article["revision"], article["status"]) == (2, "incoming")
    assert f"wire kill v5 from {DPA}: canceled" in cli.ok("history", first).out
    assert "version 5, urgency 2, CANCELED (NewsML-G2" in cli.ok("show", first).out
    with Newsroom.open(cli.db) as newsroom:  # the history keeps what the agency sent first
        assert "Pegel steigt weiter" in newsroom.revision(int(first), 1).headline


def test_a_withheld_version_is_a_kill_and_a_usable_one_an_update(cli: Cli, tmp_path: Path) -> None:
    first = cli.ok("import", str(ninjs_kill(tmp_path, "1", "usable"))).out.split()[0]
    cli.ok("import", str(ninjs_kill(tmp_path, "2", "withheld")))
    cli.ok("import", str(ninjs_kill(tmp_path, "3", "usable")))  # released again
    history = cli.ok("history", first).out
    assert "wire kill v2 from AAP: withheld" in history
    assert "wire update v3 from AAP" in history
    assert shown(cli, first)["source"]["pubstatus"] == "usable"


def test_an_older_kill_is_refused_like_any_older_version(cli: Cli) -> None:
    cli.ok("import", str(SAMPLES / "dpa-g2-kill.xml"))
    refused = cli("import", str(SAMPLES / "dpa-g2-text.xml"))
    assert refused.code == 1
    assert "version 4 is not newer than version 5" in refused.err


def test_a_killed_item_never_reaches_readers_or_partners(cli: Cli, tmp_path: Path) -> None:
    """Canceled copy is Incoming: out of lists, the news feed and every reader export, and
    its status cannot be moved; ``WireSource.is_withdrawn`` tells the app to refuse a story."""
    first = cli.ok("import", str(SAMPLES / "dpa-g2-text.xml")).out.split()[0]
    cli.ok("import", str(SAMPLES / "dpa-g2-kill.xml"))
    assert cli("set-status", first, "published").code == 1
    assert cli.ok("list").lines == []
    for fmt in ("nitf", "newsml", "ninjs", "html", "site"):
        written = cli.ok("export", "--all", "--format", fmt, "--out", str(tmp_path / fmt)).out
        assert "hochwasser" not in written.lower(), fmt
    with Newsroom.open(cli.db) as newsroom:
        article = newsroom.get(first)
        assert article.source is not None and article.source.is_withdrawn
        assert newsroom.news_feed(now=datetime(2100, 1, 1, tzinfo=UTC)) == []


@pytest.mark.parametrize(
    ("pubstatus", "withdrawn"),
    [("canceled", True), ("withheld", True), ("usable", False), ("embargoed", False), ("", False)],
)
def test_only_canceled_and_withheld_are_withdrawn(pubstatus: str, withdrawn: bool) -> None:
    assert WireSource(item_id="x", pubstatus=pubstatus).is_withdrawn is withdrawn


def test_newsroom_import_in_its_own_process_keeps_the_kill(tmp_path: Path) -> None:
    wire = tmp_path / "wire"
    wire.mkdir()
    for name in ("dpa-g2-text.xml", "dpa-g2-kill.xml"):
        shutil.copy(SAMPLES / name, wire / name)
    db = tmp_path / "n.sqlite"
    assert newsroom_cli(db, "import", str(wire / "dpa-g2-text.xml")).code == 0
    run = newsroom_cli(db, "import", str(wire / "dpa-g2-kill.xml"))
    assert run.code == 0, run.err
    article = json.loads(newsroom_cli(db, "show", "--json", run.out.split()[0]).out)
    assert article["source"]["pubstatus"] == "canceled"
    assert article["source"]["file_name"].endswith("dpa-g2-kill.xml")


# --- migration 0013 -------------------------------------------------------------------


def test_articles_from_before_0013_have_an_empty_status_and_title(db_target: Path | str) -> None:
    engine = create_newsroom_engine(resolve_url(db_target))
    upgrade(engine, "0012")
    with engine.begin() as connection:
        connection.execute(text(ARTICLE_AT_0001))
        connection.execute(text(REVISION_AT_0001.replace("x''", ":empty")), {"empty": b""})
        connection.execute(
            text("UPDATE articles SET status = 'incoming', source_agency = 'AP', "
                 "source_item_id = 'ap-1', source_version = '2' WHERE id = 1")
        )  # fmt: skip
    engine.dispose()
    with Newsroom.open(db_target) as newsroom:
        assert newsroom.opened == "upgraded"
        article = newsroom.get("old-story")
        assert article.source == WireSource(agency="AP", item_id="ap-1", version="2")
        assert article.status is Status.INCOMING


def test_going_back_from_0013_keeps_every_quote_and_revision(db_path: Path) -> None:
    """Downgrading drops the two columns in place (a table copy would cascade-delete)."""
    with Newsroom.open(db_path, create=True, author="tester") as newsroom:
        newsroom.import_json(
            [{"headline": "H", "slug": "h", "quotes": [{"text": "Q"}],
              "source": {"agency": "AP", "item_id": "ap-1", "pubstatus": "canceled",
                         "byline_title": "AP Writer"}}],
            base_dir=None,
        )  # fmt: skip
    before, after, columns = downgraded_counting(db_path, "0012")
    assert before[0] > 0 and after == before
    assert "source_pubstatus" not in columns and "source_byline_title" not in columns
    assert "source_agency" in columns
    with Newsroom.open(db_path) as newsroom:  # and up again
        assert newsroom.opened == "upgraded"
        source = newsroom.get("h").source
        assert source is not None and (source.agency, source.pubstatus) == ("AP", "")
