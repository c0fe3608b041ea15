"""ninjs 1.x and 2.x from agencies, through ``newsroom import`` as editors run it (issue 14)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from newsroom.imports.detect import read_incoming
from newsroom.imports.ninjs import ninjs_generation
from tests.helpers import ROOT, Run, full_article, jpeg_bytes, newsroom_cli, write_json

SAMPLES = Path(__file__).parent / "samples"
REFDATA = Path("/work/shared/refdata")

# ninjs 1.5's top-level properties (IPTC, specification/ninjs-schema_1.5.json): 1.0–1.4's and more.
NINJS_1_5 = {
    "uri", "type", "mimetype", "representationtype", "profile", "version", "firstcreated",
    "versioncreated", "contentcreated", "embargoed", "pubstatus", "urgency", "copyrightholder",
    "copyrightnotice", "usageterms", "ednote", "language", "person", "organisation", "place",
    "subject", "event", "object", "infosource", "title", "byline", "headline", "slugline",
    "located", "charcount", "wordcount", "renditions", "associations", "altids",
    "trustindicator", "$standard", "genre", "expires", "rightsinfo",
}  # fmt: skip
NINJS_1_PATTERNS = ("description_", "body_", "headline_")
# What providers add to 1.x, documented by them: Superdesk's (AAP's) feed sends guid for uri,
# priority, service and keywords; Superdesk and the BBC send authors.
PROVIDER_EXTENSIONS = {"guid", "priority", "service", "keywords", "authors"}


def imported(tmp_path: Path, sample: Path) -> tuple[dict[str, Any], Run]:
    """The sample imported with the CLI into a new newsroom, and read back with ``show --json``."""
    db = tmp_path / "newsroom.sqlite"
    run = newsroom_cli(db, "import", str(sample))
    assert run.code == 0, run.err
    article_id = run.out.split()[0]
    shown = newsroom_cli(db, "show", "--json", article_id)
    assert shown.code == 0, shown.err
    return json.loads(shown.out), run


EXPECTED = {
    "aap-ninjs1.json": {
        "headline": "Storms cut power to 40,000 Sydney homes",
        "subtitle": "",
        "byline": "Jane Citizen",
        "dateline": ("Sydney", "2024-03-15", "AAP"),
        "lead": "Severe thunderstorms have left about 40,000 homes in Sydney's west without power.",
        "body": "Severe thunderstorms have left about 40,000 homes in Sydney's west",
        "language": "en",
        "tags": ["weather", "severe weather", "storms", "power outage"],
    },
    "bbc-ninjs1.json": {
        "headline": "Lighthouse keeper's cottage to become a museum",
        "subtitle": "",
        "byline": "Rhiannon Evans, Tom Hughes",
        "dateline": ("Anglesey", "2024-03-15", "BBC"),
        "lead": "A cottage that housed keepers at South Stack for more than a century will open "
        "to visitors in the summer.",
        "body": "A cottage that housed lighthouse keepers",
        "language": "en-GB",
        "tags": ["Wales"],
    },
    "ntb-ninjs2.json": {
        "headline": "Ny rekord for elbilsalget i februar",
        "subtitle": "Nesten ni av ti nye biler var elektriske",
        "byline": "Kari Nordmann",
        "dateline": ("Oslo", "2024-03-15", "NTB"),
        "lead": "Elbilandelen av nybilsalget nådde 88,7 prosent i februar.",
        "body": "Elbilandelen av nybilsalget nådde 88,7 prosent i februar, viser tall",
        "language": "nb",
        "tags": ["økonomi"],
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_agency_file_imports_with_its_fields(tmp_path: Path, name: str) -> None:
    article, _ = imported(tmp_path, SAMPLES / name)
    expected = EXPECTED[name]
    for key in ("headline", "subtitle", "byline", "lead", "language", "tags"):
        assert article[key] == expected[key], key
    city, date, agency = expected["dateline"]
    assert article["dateline"] | {"text": ""} == {
        "city": city, "date": date, "agency": agency, "text": ""
    }  # fmt: skip
    assert article["body"].startswith(expected["body"])
    assert article["status"] == "incoming"  # a wire item, whatever its pubstatus
    document = read_incoming((SAMPLES / name).read_bytes(), name, SAMPLES).document
    assert document["status"] == "published"  # pubstatus usable


def test_body_html_keeps_its_structure(tmp_path: Path) -> None:
    article, _ = imported(tmp_path, SAMPLES / "bbc-ninjs1.json")
    assert "\n\n## Restored rooms\n\nVolunteers have spent two years" in article["body"]


@pytest.mark.parametrize(
    ("name", "href"),
    [
        ("aap-ninjs1.json", "https://photos.aap.com.au/feed/1234567/original.jpg"),
        ("bbc-ninjs1.json", "https://ichef.bbci.co.uk/news/976/cpsprodpb/1a2b/live/cottage.jpg"),
        ("ntb-ninjs2.json", "ntb-elbil.jpg"),
    ],
)
def test_a_photo_not_at_hand_is_a_warning_and_the_text_imports(
    tmp_path: Path, name: str, href: str
) -> None:
    article, run = imported(tmp_path, SAMPLES / name)
    assert article["photo"] is None
    warnings = [line for line in run.err.splitlines() if "imported without it" in line]
    assert len(warnings) == 1, run.err
    assert href in warnings[0] and "imported without it" in warnings[0]


def test_a_photo_beside_the_file_comes_with_caption_and_credit(tmp_path: Path) -> None:
    folder = tmp_path / "wire"
    folder.mkdir()
    shutil.copy(SAMPLES / "ntb-ninjs2.json", folder)
    (folder / "ntb-elbil.jpg").write_bytes(jpeg_bytes())
    article, run = imported(tmp_path, folder / "ntb-ninjs2.json")
    assert "imported without it" not in run.err
    assert article["photo"]["caption"] == "Elbiler lader på Aker brygge i Oslo."
    assert article["photo"]["credit"] == "NTB"


def test_the_source_is_returned_beside_the_article() -> None:
    cases = {
        "aap-ninjs1.json": (
            "AAP", "urn:newsml:aap.com.au:20240315:20240315000123456789", "3", 3, "ninjs 1.x"
        ),
        "bbc-ninjs1.json": (
            "BBC", "https://www.bbc.co.uk/news/articles/c9x2y4z7k1mo", "2", None, "ninjs 1.x"
        ),
        "ntb-ninjs2.json": (
            "NTB", "https://www.ntb.no/id/ntb/7a0c7f3e-5f1d-4b8e-9a64-2b1c1e0f9d11", "4", 4,
            "ninjs 2.x",
        ),
    }  # fmt: skip
    for name, (agency, item_id, version, urgency, fmt) in cases.items():
        (source,) = read_incoming((SAMPLES / name).read_bytes(), name, SAMPLES).sources
        assert (source.agency, source.item_id, source.version) == (agency, item_id, version)
        assert (source.urgency, source.format, source.file_name) == (urgency, fmt, name)


# --- telling the versions apart -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "generation"),
    [("aap-ninjs1.json", 1), ("bbc-ninjs1.json", 1), ("ntb-ninjs2.json", 2)],
)
def test_each_generation_is_told_by_its_own_fields(name: str, generation: int) -> None:
    assert ninjs_generation(json.loads((SAMPLES / name).read_text("utf-8"))) == generation


def test_newsroom_json_is_not_taken_for_ninjs() -> None:
    assert ninjs_generation(full_article()) is None
    assert ninjs_generation({"headline": "x", "byline": "y", "language": "en"}) is None
    # An identifier alone is not enough: ninjs has fields of its own.
    assert ninjs_generation({"uri": "urn:x"}) is None


def test_superdesk_guid_without_uri_is_ninjs_1() -> None:
    assert ninjs_generation({"guid": "urn:x", "versioncreated": "2024-01-01T00:00:00Z"}) == 1
    assert ninjs_generation({"guid": "urn:x", "body_html": "<p>x</p>"}) == 1


def test_standard_version_decides_when_given() -> None:
    document = {"uri": "urn:x", "$standard": {"name": "ninjs", "version": "1.4"}, "type": "text"}
    assert ninjs_generation(document) == 1
    document["$standard"] = {"name": "ninjs", "version": "2.1"}
    assert ninjs_generation(document) == 2


def test_ninjs_1_samples_use_only_ninjs_1_fields_and_providers_documented_ones() -> None:
    for name in ("aap-ninjs1.json", "bbc-ninjs1.json"):
        document = json.loads((SAMPLES / name).read_text("utf-8"))
        for item in [document, *document["associations"].values()]:
            unknown = {
                key
                for key in item
                if key not in NINJS_1_5 | PROVIDER_EXTENSIONS
                and not key.startswith(NINJS_1_PATTERNS)
            }
            assert unknown == set(), (name, unknown)
            assert isinstance(item.get("renditions", {}), dict)  # 1.x: keyed by name


def test_ninjs_2_sample_is_valid_against_the_official_schema() -> None:
    schema_file = REFDATA / "ninjs" / "ninjs-schema_2.2.json"
    if not schema_file.exists():
        pytest.skip("the ninjs 2.2 schema is not in the reference data here")
    schema = json.loads(schema_file.read_text("utf-8"))
    document = json.loads((SAMPLES / "ntb-ninjs2.json").read_text("utf-8"))
    errors = [error.message for error in Draft202012Validator(schema).iter_errors(document)]
    assert errors == []


# --- errors and Newsroom's own ninjs ------------------------------------------------------


def test_a_ninjs_picture_item_is_refused_in_one_line(tmp_path: Path) -> None:
    path = write_json(tmp_path / "photo.json", {"guid": "urn:x", "type": "picture"})
    run = newsroom_cli(tmp_path / "n.sqlite", "import", str(path))
    assert run.code == 1
    assert run.err.strip().splitlines()[-1].startswith("newsroom: error: ")
    assert (
        run.err.strip()
        .splitlines()[-1]
        .endswith("photo.json: a ninjs picture item, not a text article (type must be text)")
    )


def test_wrong_shapes_are_reported_by_field(tmp_path: Path) -> None:
    document = {"guid": "urn:x", "versioncreated": "2024-01-01T00:00:00Z", "headline": 42}
    path = write_json(tmp_path / "odd.json", document)
    run = newsroom_cli(tmp_path / "n.sqlite", "import", str(path))
    assert run.code == 1
    assert "headline" in run.err and "Traceback" not in run.err


def test_our_own_ninjs_2_2_export_still_round_trips(tmp_path: Path) -> None:
    source_db, target_db = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    article = full_article(related=[], language="fr")
    path = write_json(tmp_path / "article.json", article)
    assert newsroom_cli(source_db, "import", str(path)).code == 0
    out = tmp_path / "out"
    exported = newsroom_cli(source_db, "export", "--format", "ninjs", "--out", str(out), "--all")
    assert exported.code == 0, exported.err
    (ninjs_file,) = out.glob("*.json")
    run = newsroom_cli(target_db, "import", str(ninjs_file))
    assert run.code == 0 and "imported without it" not in run.err, run.err
    before = json.loads(newsroom_cli(source_db, "show", "--json", article["slug"]).out)
    after = json.loads(newsroom_cli(target_db, "show", "--json", article["slug"]).out)
    for key in ("headline", "subtitle", "byline", "dateline", "lead", "body", "quotes", "tags"):
        assert after[key] == before[key], key
    assert (after["status"], after["published_at"]) == (before["status"], before["published_at"])


def test_samples_live_in_the_repository() -> None:
    assert SAMPLES.is_relative_to(ROOT)
