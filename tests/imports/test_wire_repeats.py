"""One wire item met more than once: several versions in one file, and a NewsML-G2 package
dropped with the item files it names.

Several versions of an item in one file apply in version order (the oldest creates, each
later one updates it as a revision), so the history is what the agency sent, in its order.
In an ingest folder, an item arriving again at the version already imported is a duplicate:
the file goes to done/ saying "already imported as <slug>", no second article; ``newsroom
import`` of that version still refuses.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from newsroom.article import Status
from newsroom.ingest import DONE, LOG_NAME
from newsroom.store import Newsroom
from tests.conftest import Cli
from tests.helpers import jpeg_bytes, newsroom_cli

SAMPLES = Path(__file__).parent / "samples"
TWO_VERSIONS = "reuters-g2-two-versions.xml"  # version 2 listed before version 1
REUTERS_ITEM = "tag:reuters.com,2024:newsml_L4N3HZ0CD"
PACKAGE = ("dpa-g2-package.xml", "dpa-g2-text.xml", "dpa-g2-picture.xml")
DPA_TEXT_GUID = "urn:newsml:dpa.com:20090101:240603-99-112233-text"


def shown(cli: Cli, ref: str) -> dict[str, Any]:
    return dict(json.loads(cli.ok("show", "--json", ref).out))


def ninjs(tmp_path: Path, name: str, *versions: str) -> Path:
    """A ninjs file holding the given versions of one AAP item, in that order."""
    items = [
        {"uri": "urn:newsml:aap.com.au:20240315:storm", "type": "text", "version": version,
         "versioncreated": "2024-03-15T06:12:00Z", "pubstatus": "usable",
         "headline": f"Storms, version {version}", "copyrightholder": "AAP",
         "body_html": f"<p>Text of version {version}.</p>"}
        for version in versions
    ]  # fmt: skip
    file = tmp_path / name
    file.write_text(json.dumps(items), encoding="utf-8")
    return file


def log_lines(folder: Path) -> dict[str, list[str]]:
    lines = (folder / LOG_NAME).read_text(encoding="utf-8").splitlines()
    return {fields[1]: fields[2:] for fields in (line.split("\t") for line in lines)}


# --- several versions in one file ------------------------------------------------------


def test_versions_in_one_file_apply_oldest_first_as_one_article(cli: Cli) -> None:
    lines = cli.ok("import", str(SAMPLES / TWO_VERSIONS)).lines
    assert len({line.split()[0] for line in lines}) == 1  # one article, not two
    ref = lines[0].split()[0]
    article = shown(cli, ref)
    assert article["headline"] == "ECB's Lagarde says June rate cut is likely, path after that open"
    assert (article["source"]["item_id"], article["source"]["version"]) == (REUTERS_ITEM, "2")
    assert article["revision"] == 2
    history = cli.ok("history", ref).lines
    assert history[0].endswith("wire update v2 from reuters.com")  # newest first
    with Newsroom.open(cli.db) as newsroom:
        first = newsroom.revision(int(ref), 1)
    assert first.headline == "ECB's Lagarde says June rate cut is likely"
    assert first.source is not None and first.source.version == "1"


def test_versions_in_one_file_update_an_item_imported_before(cli: Cli, tmp_path: Path) -> None:
    ref = cli.ok("import", str(ninjs(tmp_path, "v1.json", "1"))).out.split()[0]
    cli.ok("import", str(ninjs(tmp_path, "v3-v2.json", "3", "2")))
    assert shown(cli, ref)["headline"] == "Storms, version 3"
    summaries = [line.split("\t")[-1] for line in cli.ok("history", ref).lines]
    assert summaries == ["wire update v3 from AAP", "wire update v2 from AAP", "Imported"]


@pytest.mark.parametrize(
    ("versions", "message"),
    [(("2", "2"), "twice at the same version"), (("2", "b"), "cannot be ordered (2, b)")],
)
def test_versions_that_cannot_be_ordered_refuse_the_file(
    cli: Cli, tmp_path: Path, versions: tuple[str, str], message: str
) -> None:
    refused = cli("import", str(ninjs(tmp_path, "same.json", *versions)))
    assert refused.code == 1
    (line,) = [line for line in refused.err.splitlines() if "error:" in line]
    assert message in line and "nothing imported" in line
    assert cli.ok("list", "--status", "incoming").lines == []


def test_different_items_in_one_file_stay_different_articles(cli: Cli, tmp_path: Path) -> None:
    """Must not merge: the Reuters message's items have guids of their own."""
    shutil.copy(SAMPLES / "reuters-g2-message.xml", tmp_path / "message.xml")
    (tmp_path / "reuters-g2-cranes.jpg").write_bytes(jpeg_bytes(800, 533))
    lines = cli.ok("import", str(tmp_path / "message.xml")).lines
    assert len({line.split()[0] for line in lines}) == len(lines) > 1


# --- a package dropped with its items --------------------------------------------------


def drop_package(inbox: Path, *names: str) -> None:
    """The files, each arriving a second after the one before (ingest takes the oldest first)."""
    (inbox / "dpa-g2-rhein.jpg").write_bytes(jpeg_bytes(800, 533))
    for number, name in enumerate(names):
        shutil.copy(SAMPLES / name, inbox / name)
        os.utime(inbox / name, (1_700_000_000 + number, 1_700_000_000 + number))


def test_a_package_and_its_items_dropped_together_make_one_article(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    drop_package(inbox, *PACKAGE)
    db = tmp_path / "n.sqlite"
    run = newsroom_cli(db, "ingest", str(inbox))
    assert run.code == 0, run.err
    assert {"dpa-g2-package.xml", "dpa-g2-text.xml"} <= {p.name for p in (inbox / DONE).iterdir()}
    with Newsroom.open(db) as newsroom:
        [summary] = newsroom.articles(status=Status.INCOMING)
        article = newsroom.get(summary.id)
    # The package records its text item, not itself: the guid a later version will carry.
    assert article.source is not None and article.source.item_id == DPA_TEXT_GUID
    log = log_lines(inbox)
    outcomes = [log[name] for name in ("dpa-g2-package.xml", "dpa-g2-text.xml")]
    assert sorted(outcome[0] for outcome in outcomes) == ["done", "done"]
    assert [o[1] for o in outcomes].count(f"already imported as {article.slug}") == 1
    assert f"done\talready imported as {article.slug}" in run.out


def test_the_item_first_then_its_package_is_a_duplicate_too(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    db = tmp_path / "n.sqlite"
    drop_package(inbox, "dpa-g2-text.xml")
    assert newsroom_cli(db, "ingest", str(inbox)).code == 0
    shutil.rmtree(inbox)
    inbox.mkdir()
    drop_package(inbox, "dpa-g2-package.xml", "dpa-g2-text.xml", "dpa-g2-picture.xml")
    run = newsroom_cli(db, "ingest", str(inbox))
    assert run.code == 0, run.err
    log = log_lines(inbox)
    assert log["dpa-g2-package.xml"][0] == "done"
    assert log["dpa-g2-package.xml"][1].startswith("already imported as ")
    assert log["dpa-g2-text.xml"][1].startswith("already imported as ")
    with Newsroom.open(db) as newsroom:
        assert newsroom.get(1).source is not None
        assert newsroom.history(1)[0].number == 1  # not updated: the same version


def test_newsroom_import_of_the_same_version_still_refuses(tmp_path: Path) -> None:
    folder = tmp_path / "wire"
    folder.mkdir()
    drop_package(folder, *PACKAGE)
    db = tmp_path / "n.sqlite"
    assert newsroom_cli(db, "import", str(folder / "dpa-g2-package.xml")).code == 0
    again = newsroom_cli(db, "import", str(folder / "dpa-g2-text.xml"))
    assert again.code == 1
    assert "version 4 is not newer than version 4, already imported as" in again.err


def test_an_older_version_in_the_folder_still_fails(tmp_path: Path) -> None:
    """Must not pass as a duplicate: an older version is refused, to failed/."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    db = tmp_path / "n.sqlite"
    shutil.copy(SAMPLES / "dpa-g2-kill.xml", inbox / "dpa-g2-kill.xml")  # version 5
    assert newsroom_cli(db, "ingest", str(inbox)).code == 0
    shutil.copy(SAMPLES / "dpa-g2-text.xml", inbox / "dpa-g2-text.xml")  # version 4
    assert newsroom_cli(db, "ingest", str(inbox)).code == 0
    log = log_lines(inbox)
    assert log["dpa-g2-text.xml"][0] == "failed"
    assert "version 4 is not newer than version 5" in log["dpa-g2-text.xml"][1]
