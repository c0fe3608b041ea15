"""A story started from a wire item carries its source into every export, and reads back.

Each format says it in its own place (NITF: ``del-list``, ``urgency``,
``doc.rights`` and ``nr:source``; NewsML-G2: the text item's ``infoSource``,
``urgency`` and ``link rel="irel:derivedFrom"``; ninjs: ``infosources``,
``urgency`` and a ``derived-from`` association; JSON and Markdown: the
article's ``source`` whole), every file stays valid against IPTC's schemas,
and the name of the file on our ingest folder never reaches a partner.

Read back, our own export of such a story is an ordinary article whose
source names the agency's item; the agency's own file is a wire item
(Incoming). Both go through the real path: ``newsroom export`` and
``newsroom import`` in processes of their own, ``show --json`` to look.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from lxml import etree

from newsroom.export.context import build_context
from newsroom.export.newsml import newsml_files, write_newsml_message
from newsroom.export.ninjs import write_ninjs
from newsroom.export.nitf import write_nitf
from newsroom.store import Newsroom
from tests.conftest import REFDATA
from tests.helpers import newsroom_cli

NITF = "{http://iptc.org/std/NITF/2006-10-18/}"
NAR = "{http://iptc.org/std/nar/2006-10-01/}"
NR = "{urn:newsroom:ns:1}"
INGEST_FILE = "/srv/wire/ingest/AP-0f3c9a2e.xml"
SOURCE = {
    "agency": "AP",
    "item_id": "0f3c9a2e7b1d4e6f8a9b0c1d2e3f4a5b",
    "version": "3",
    "urgency": 2,
    "file_name": INGEST_FILE,
    "copyright": "Copyright 2024 The Associated Press. All rights reserved.",
    "format": "NITF",
    "pubstatus": "",
    "byline_title": "",
}
# What partners receive of it (and so what their copy reads back as): no file name.
SHARED = {**SOURCE, "file_name": ""}
STORY = {
    "slug": "storm-cuts-power",
    "headline": "Storm cuts power to 40,000 homes",
    "byline": "Anna Berg",
    "dateline": {"city": "Boston", "date": "2024-03-15", "agency": "AP"},
    "lead": "A late-winter storm cut power across the state.",
    "body": "Crews worked through the night.\n",
    "status": "published",
    "published_at": "2024-03-15T09:00:00+00:00",
    "source": SOURCE,
}
# An AP-style NITF file: the agency's own item, as the ingest folder receives it.
AGENCY_NITF = """<?xml version="1.0" encoding="UTF-8"?>
<nitf version="-//IPTC//DTD NITF 3.4//EN">
  <head>
    <title>Storm cuts power</title>
    <docdata management-status="usable">
      <doc-id regsrc="AP" id-string="0f3c9a2e7b1d4e6f8a9b0c1d2e3f4a5b"/>
      <urgency ed-urg="2"/>
      <date.issue norm="20240315T061200Z"/>
      <du-key version="3" key="US-Storm"/>
      <doc.copyright holder="AP" year="2024"/>
    </docdata>
  </head>
  <body>
    <body.head>
      <hedline><hl1>Storm cuts power to 40,000 homes</hl1></hedline>
      <byline>By ANNA BERG</byline>
    </body.head>
    <body.content>
      <p>BOSTON (AP) — A late-winter storm cut power across the state.</p>
      <p>Crews worked through the night.</p>
    </body.content>
  </body>
</nitf>
"""


@pytest.fixture(scope="module")
def schemas() -> dict[str, Any]:
    if not REFDATA.is_dir():
        pytest.skip(f"the IPTC reference schemas are not at {REFDATA}")
    parser = etree.XMLParser(no_network=True)

    def xsd(relative: str) -> Any:
        return etree.XMLSchema(etree.parse(str(REFDATA / relative), parser))

    ninjs = json.loads((REFDATA / "ninjs" / "ninjs-schema_2.2.json").read_text("utf-8"))
    checker = Draft202012Validator.FORMAT_CHECKER
    return {
        "nitf": xsd("nitf/nitf-3-6.xsd"),
        "newsml": xsd("newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd"),
        "ninjs": Draft202012Validator(ninjs, format_checker=checker),
    }


def story(newsroom: Newsroom, tmp_path: Path, **changes: Any) -> Any:
    """The story saved through the Newsroom API (as Start a story will leave it), exported."""
    newsroom.set_setting("agency", "NW")
    newsroom.import_json({**STORY, **changes}, base_dir=tmp_path)
    context, _ = build_context(newsroom, newsroom.get(changes.get("slug", STORY["slug"])))
    return context


def valid_xml(schema: Any, root: Any) -> None:
    assert schema.validate(root), "\n".join(str(error) for error in schema.error_log)


def valid_ninjs(schemas: dict[str, Any], document: Any) -> None:
    errors = [f"{list(e.path)}: {e.message}" for e in schemas["ninjs"].iter_errors(document)]
    assert not errors, errors


# --- where each format carries it --------------------------------------------------


def test_nitf_names_the_agency_in_the_delivery_trail_and_the_item_exactly(
    newsroom: Newsroom, tmp_path: Path, schemas: dict[str, Any]
) -> None:
    root = etree.fromstring(write_nitf(story(newsroom, tmp_path)))
    valid_xml(schemas["nitf"], root)
    docdata = root.find(f"{NITF}head/{NITF}docdata")
    trail = [(s.get("level-number"), s.get("src-name")) for s in docdata.iter(f"{NITF}from-src")]
    assert trail == [("1", "AP"), ("2", "NW")]  # the agency first, then us
    assert docdata.find(f"{NITF}urgency").get("ed-urg") == "2"
    assert docdata.find(f"{NITF}doc.rights").get("owner") == "The Associated Press"
    assert docdata.find(f"{NITF}doc.copyright").get("holder") == "NW"  # the story is ours
    assert docdata.find(f"{NITF}doc-id").get("id-string").startswith("urn:newsroom:")
    exact = docdata.find(f"{NR}source")
    assert (exact.get("item-id"), exact.get("version"), exact.get("agency")) == (
        SOURCE["item_id"], "3", "AP",
    )  # fmt: skip


def test_newsml_g2_links_the_text_item_to_the_agency_item(
    newsroom: Newsroom, tmp_path: Path, schemas: dict[str, Any]
) -> None:
    context = story(newsroom, tmp_path)
    message = etree.fromstring(write_newsml_message(context))
    valid_xml(schemas["newsml"], message)
    [nitf] = message.iter(f"{NITF}nitf")
    valid_xml(schemas["nitf"], etree.ElementTree(copy.deepcopy(nitf)))
    [text] = [etree.fromstring(data) for data in newsml_files(context).values()]
    valid_xml(schemas["newsml"], text)
    [link] = text.findall(f"{NAR}itemMeta/{NAR}link")
    assert (link.get("rel"), link.get("residref"), link.get("version")) == (
        "irel:derivedFrom", SOURCE["item_id"], "3",
    )  # fmt: skip
    meta = text.find(f"{NAR}contentMeta")
    assert meta.findtext(f"{NAR}urgency") == "2"
    source = meta.find(f"{NAR}infoSource")
    assert (source.get("role"), source.findtext(f"{NAR}name")) == ("cpprole:contentSource", "AP")


def test_ninjs_names_the_agency_as_an_infosource_and_the_item_as_an_association(
    newsroom: Newsroom, tmp_path: Path, schemas: dict[str, Any]
) -> None:
    document = json.loads(write_ninjs(story(newsroom, tmp_path)))
    valid_ninjs(schemas, document)
    role = "http://cv.iptc.org/newscodes/contentprodpartyrole/contentSource"
    assert document["infosources"] == [{"name": "AP"}, {"name": "AP", "role": role}]
    assert document["urgency"] == 2
    [item] = [a for a in document["associations"] if a["name"] == "derived-from"]
    assert item["uri"] == f"{document['uri']}#derived-from"  # AP's id is not a URI
    assert item["altids"] == [{"role": "wire-item-id", "value": SOURCE["item_id"]}]
    assert (item["version"], item["copyrightnotice"]) == ("3", SOURCE["copyright"])


def test_an_item_id_that_is_a_uri_is_the_associations_uri(
    newsroom: Newsroom, tmp_path: Path, schemas: dict[str, Any]
) -> None:
    guid = "urn:newsml:aap.com.au:20240315:storm"
    context = story(newsroom, tmp_path, source={**SOURCE, "item_id": guid, "urgency": None})
    document = json.loads(write_ninjs(context))
    valid_ninjs(schemas, document)
    [item] = [a for a in document["associations"] if a["name"] == "derived-from"]
    assert item["uri"] == guid
    assert "urgency" not in document  # the agency gave none
    nitf = etree.fromstring(write_nitf(context))
    valid_xml(schemas["nitf"], nitf)
    assert nitf.find(f".//{NITF}urgency") is None


def test_a_story_of_our_own_carries_no_provenance(
    newsroom: Newsroom, tmp_path: Path, schemas: dict[str, Any]
) -> None:
    context = story(newsroom, tmp_path, source=None)
    nitf = etree.fromstring(write_nitf(context))
    for name in ("del-list", "urgency", "doc.rights"):
        assert nitf.find(f".//{NITF}{name}") is None, name
    assert nitf.find(f".//{NR}source") is None
    text = etree.fromstring(write_newsml_message(context))
    assert text.find(f".//{NAR}infoSource") is None
    assert [link.get("rel") for link in text.iter(f"{NAR}link")] == []
    document = json.loads(write_ninjs(context))
    valid_ninjs(schemas, document)
    assert document["infosources"] == [{"name": "AP"}]  # the dateline's agency only
    assert "urgency" not in document
    assert all(a["name"] != "derived-from" for a in document.get("associations", []))


def test_markup_in_the_source_stays_text_and_every_file_stays_valid(
    newsroom: Newsroom, tmp_path: Path, schemas: dict[str, Any]
) -> None:
    odd = '<b>"A&P"</b> ]]> &amp;'
    source = {**SOURCE, "agency": odd, "item_id": f"id {odd}", "version": odd, "copyright": odd}
    context = story(newsroom, tmp_path, source=source)
    nitf = etree.fromstring(write_nitf(context))
    valid_xml(schemas["nitf"], nitf)
    assert nitf.find(f".//{NR}source").get("item-id") == f"id {odd}"
    for data in [write_newsml_message(context), *newsml_files(context).values()]:
        valid_xml(schemas["newsml"], etree.fromstring(data))
    valid_ninjs(schemas, json.loads(write_ninjs(context)))


# --- nothing private --------------------------------------------------------------------


def export_with_cli(db: Path, fmt: str, out: Path) -> list[Path]:
    run = newsroom_cli(db, "export", STORY["slug"], "--format", fmt, "--out", str(out))
    assert run.code == 0, run.err
    return sorted(path for path in out.rglob("*") if path.is_file() and path.suffix != ".jpg")


@pytest.fixture
def sourced_db(tmp_path: Path) -> Path:
    """A newsroom file holding the story with its source (saved through the Newsroom API)."""
    db = tmp_path / "desk.sqlite"
    with Newsroom.open(db, create=True, author="tester") as newsroom:
        story(newsroom, tmp_path)
    return db


@pytest.mark.parametrize("fmt", ["nitf", "newsml", "ninjs"])
def test_the_ingest_file_name_never_reaches_a_partner(
    sourced_db: Path, tmp_path: Path, fmt: str
) -> None:
    """The name of the file on our ingest folder tells a partner nothing of the story and
    something of our machines (folders, naming): the partner formats leave it out."""
    files = export_with_cli(sourced_db, fmt, tmp_path / fmt)
    assert files
    for file in files:
        data = file.read_bytes()
        assert SOURCE["item_id"].encode() in data or file.name.endswith(".picture.newsml.xml")
        assert b"AP-0f3c9a2e" not in data and b"/srv/wire" not in data, file.name


@pytest.mark.parametrize("fmt", ["json", "md"])
def test_our_own_source_formats_keep_the_whole_source(
    sourced_db: Path, tmp_path: Path, fmt: str
) -> None:
    """JSON and Markdown are the article's own files (they import back as it is), so the
    source is there whole, the ingest file's name included."""
    [file] = export_with_cli(sourced_db, fmt, tmp_path / fmt)
    assert INGEST_FILE in file.read_text("utf-8")


# --- read back: our export is an article, the agency's file a wire item -----------------


def shown(db: Path, ref: str) -> dict[str, Any]:
    run = newsroom_cli(db, "show", "--json", ref)
    assert run.code == 0, run.err
    return dict(json.loads(run.out))


def imported(db: Path, file: Path) -> list[str]:
    run = newsroom_cli(db, "import", str(file))
    assert run.code == 0, run.err
    return [line.split()[0] for line in run.out.splitlines()]


@pytest.mark.parametrize(
    ("fmt", "pattern", "expected"),
    [
        ("nitf", "*.nitf.xml", SHARED),
        ("newsml", f"{STORY['slug']}.newsml.xml", SHARED),
        ("ninjs", "*.json", SHARED),
        ("md", "*.md", SOURCE),
        ("json", "*.json", SOURCE),
    ],
)
def test_our_export_reads_back_as_an_article_whose_source_names_the_agency_item(
    sourced_db: Path, tmp_path: Path, fmt: str, pattern: str, expected: dict[str, Any]
) -> None:
    out = tmp_path / "out"
    export_with_cli(sourced_db, fmt, out)
    [file] = out.glob(pattern)
    other = tmp_path / "partner.sqlite"  # another newsroom receives our export
    [ref] = imported(other, file)
    article = shown(other, ref)
    assert article["status"] == "published"  # not Incoming: the story is ours, not a wire item
    assert article["source"] == expected
    assert article["dateline"]["agency"] == "AP"


@pytest.mark.parametrize(("fmt", "pattern"), [("nitf", "*.nitf.xml"), ("newsml", "*.newsml.xml"),
                                             ("ninjs", "*.json")])  # fmt: skip
def test_our_export_named_by_its_web_address_is_still_ours(
    tmp_path: Path, fmt: str, pattern: str
) -> None:
    """With a base URL our files are named by the story's address, not ``urn:newsroom:``:
    they say they are ours by their exact status, and never come in as wire items."""
    db = tmp_path / "desk.sqlite"
    with Newsroom.open(db, create=True, author="tester") as newsroom:
        newsroom.set_setting("base_url", "https://news.example.org/")
        story(newsroom, tmp_path)
    out = tmp_path / "out"
    export_with_cli(db, fmt, out)
    [file] = out.glob(pattern)
    assert b"https://news.example.org/storm-cuts-power.html" in file.read_bytes()
    other = tmp_path / "partner.sqlite"
    [ref] = imported(other, file)
    article = shown(other, ref)
    assert (article["status"], article["source"]) == ("published", SHARED)


def test_the_agency_file_is_a_wire_item_and_our_story_from_it_is_not(
    sourced_db: Path, tmp_path: Path
) -> None:
    """The same agency item twice in one newsroom: its own file comes in as Incoming; our
    export of a story derived from it comes in as an article naming it, and leaves the wire
    item as it was (no "newer version" of it, no refusal as an older one)."""
    desk = tmp_path / "other-desk.sqlite"
    agency_file = tmp_path / "AP-storm.xml"
    agency_file.write_text(AGENCY_NITF, encoding="utf-8")
    [wire] = imported(desk, agency_file)
    wire_item = shown(desk, wire)
    assert wire_item["status"] == "incoming"
    assert (wire_item["source"]["item_id"], wire_item["source"]["version"]) == (
        SOURCE["item_id"], "3",
    )  # fmt: skip

    out = tmp_path / "out"
    export_with_cli(sourced_db, "nitf", out)
    [ours] = imported(desk, next(out.glob("*.nitf.xml")))
    assert ours != wire
    article = shown(desk, ours)
    assert article["status"] == "published"
    assert article["source"]["item_id"] == SOURCE["item_id"]
    after = shown(desk, wire)
    assert (after["status"], after["revision"], after["headline"]) == (
        "incoming", wire_item["revision"], wire_item["headline"],
    )  # fmt: skip


def test_an_agency_file_claiming_a_source_of_ours_is_still_its_own_wire_item(
    tmp_path: Path,
) -> None:
    """Only our own files (they say their exact status in our namespace) have their
    ``nr:source`` read: an agency's file is named by its own doc-id, whatever it carries."""
    claim = '<nr:source xmlns:nr="urn:newsroom:ns:1" agency="XX" item-id="other" version="9"/>'
    file = tmp_path / "AP-claim.xml"
    file.write_text(AGENCY_NITF.replace("<urgency", f"{claim}\n      <urgency"), "utf-8")
    db = tmp_path / "desk.sqlite"
    [ref] = imported(db, file)
    article = shown(db, ref)
    assert article["status"] == "incoming"
    assert (article["source"]["item_id"], article["source"]["version"]) == (
        SOURCE["item_id"], "3",
    )  # fmt: skip


def test_a_source_read_back_is_checked_like_any_articles(sourced_db: Path, tmp_path: Path) -> None:
    """Our file edited by hand (an urgency of 12): one line naming the file and the field,
    and nothing imported."""
    out = tmp_path / "out"
    export_with_cli(sourced_db, "nitf", out)
    [file] = out.glob("*.nitf.xml")
    file.write_text(file.read_text("utf-8").replace('urgency="2"', 'urgency="12"'), "utf-8")
    other = tmp_path / "partner.sqlite"
    run = newsroom_cli(other, "import", str(file))
    assert run.code == 1
    (line,) = [line for line in run.err.splitlines() if "error" in line]
    assert line.startswith(f"newsroom: error: {file}: source.urgency: expected a whole number")
    assert newsroom_cli(other, "list").out.strip() == ""
