"""NITF as agencies send it (AP, EFE, NTB, PA, AAP): every sample imports, with its structure.

The samples in ``samples/`` are made-up stories in each agency's NITF
(structure, encodings and quirks as they send them). Each is imported the
way an editor does it: ``newsroom import FILE`` in a real process, and the
same reader and Newsroom API in-process for the details. The dateline and
byline rules are pure functions with their own tables of cases that must
and must not parse.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsroom.article import Article, Status
from newsroom.export.nitf import NEWSROOM_NS
from newsroom.imports.detect import Incoming, read_document, read_incoming
from newsroom.imports.wire_item import WireSource
from newsroom.imports.wire_text import (
    WireDateline,
    byline_parts,
    name_case,
    split_dateline,
)
from newsroom.store import Newsroom
from tests.helpers import jpeg_bytes


def nitf_source(agency: str, item_id: str, version: str, file_name: str, **more: str) -> WireSource:
    return WireSource(
        agency=agency, item_id=item_id, version=version, file_name=file_name, format="NITF", **more
    )


SAMPLES = Path(__file__).parent / "samples"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    """The samples copied to a folder of their own (photos are looked for beside them)."""
    folder = tmp_path / "wire"
    folder.mkdir()
    for sample in SAMPLES.glob("*-nitf.xml"):
        (folder / sample.name).write_bytes(sample.read_bytes())
    return folder


def imported(newsroom: Newsroom, file: Path) -> tuple[Article, Incoming]:
    """The article a wire file becomes, through the reader and the API the CLI calls."""
    read = read_incoming(file.read_bytes(), file.name, file.parent)
    [result] = newsroom.import_json(read.document, base_dir=file.parent)
    return result.article, read


# Per sample: what an editor must find after the import.
EXPECTED: dict[str, dict[str, Any]] = {
    "ap-nitf.xml": {
        "headline": "Lunch counters make a comeback as office workers return",
        "subtitle": "",  # AP sends no hl2
        "byline": "Bernard Condon",
        "dateline": ("New York", None, "AP"),
        "lead": "The lunch counter, a fixture of American downtowns for a century,",
        "body": "Diners that closed during the pandemic are reopening",
        "language": "",  # none in the file: the newsroom's
        "source": nitf_source(
            "AP",
            "7f3c2a9e61d44b0c9a1e5d2b8c4f0a17",
            "",
            "ap-nitf.xml",
            byline_title="AP Business Writer",
        ),
        "warning": None,
    },
    "efe-nitf.xml": {
        "headline": "El Gobierno aprueba un plan para renovar los trenes de cercanías",
        "subtitle": "",  # EFE's hl2 is its keyword line, not a subtitle
        "byline": "lrs/jac",
        "dateline": ("Madrid", date(2024, 6, 28), "EFE"),
        "lead": "El Consejo de Ministros ha aprobado este viernes un plan",
        "body": "Según el Ministerio de Transportes",
        "language": "es-ES",
        "source": nitf_source("Agencia EFE", "40517733", "", "efe-nitf.xml", pubstatus="usable"),
        "warning": None,
    },
    "ntb-nitf.xml": {
        "headline": "Rekordmange tok toget i sommerferien",
        "subtitle": "",
        "byline": "Kari Nordmann",
        "dateline": ("Oslo", None, "NTB"),
        "lead": "Aldri før har så mange reist med tog i fellesferien",  # NTB's lead="true"
        "body": "## Flere avganger\n\nTogselskapene satte inn ekstra avganger på Bergensbanen",
        "language": "nb-NO",
        "source": nitf_source(
            "NTB", "NTB-5b1e0c7a-3f42-4d8e-9c61-2a7d4e9b0f13_3", "3", "ntb-nitf.xml"
        ),
        "warning": "photo iJIJyyF0tiE is not beside the file: imported without it",
    },
    "pa-nitf.xml": {
        "headline": "Private rents rise at slowest pace for two years",
        "subtitle": "",
        "byline": "Sam Whitfield",
        "dateline": ("London", None, "PA"),
        "lead": "Tenants in England saw the smallest yearly rise in rents",  # the abstract
        "body": "Average private rents rose by 6.1% in the year to May",
        "language": "en-GB",
        "source": nitf_source(
            "PA Media",
            "c41d8e20-6b3a-4f1e-9d77-0a5f3e2b9c48HHH-2-1",
            "2",
            "pa-nitf.xml",
            pubstatus="usable",
            byline_title="PA Property Correspondent",
        ),
        "warning": None,
    },
    "aap-nitf.xml": {
        "headline": "Bushfire crews hold lines west of Sydney",
        "subtitle": "Cooler weather gives firefighters a break in the Blue Mountains",
        "byline": "Jane Mackenzie",
        # "June 28" without a year: the year is the item's (issued 28 June 2024).
        "dateline": ("Sydney", date(2024, 6, 28), "AAP"),
        "lead": "Firefighters have held containment lines overnight",  # the abstract's bare text
        # AAP's <br/> line wraps are layout, not line breaks.
        "body": "Crews have strengthened containment lines around two fires in the Blue",
        "language": "",
        "source": nitf_source(
            "Australian Associated Press", "AAP.312874510.7204113", "", "aap-nitf.xml"
        ),
        "warning": "photo https://images.aap.example/2024/06/28/bushfire-blue-mountains.jpg "
        "is on the web (imports never fetch): imported without it",
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_agency_sample_imports_with_its_structure(
    newsroom: Newsroom, samples: Path, name: str
) -> None:
    expected = EXPECTED[name]
    article, read = imported(newsroom, samples / name)
    assert article.headline == expected["headline"]
    assert article.subtitle == expected["subtitle"]
    assert article.byline == expected["byline"]
    city, day, agency = expected["dateline"]
    assert (article.dateline.city, article.dateline.date, article.dateline.agency) == (
        city,
        day,
        agency,
    )
    assert article.lead.startswith(expected["lead"])
    assert article.body.startswith(expected["body"])
    assert article.language == expected["language"]
    assert read.sources == [expected["source"]]
    assert article.photo is None
    if expected["warning"] is None:
        assert read.warnings == []
    else:
        [warning] = read.warnings
        assert warning.startswith(expected["warning"])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_agency_dateline_leaves_the_text(newsroom: Newsroom, samples: Path, name: str) -> None:
    """The house style prints the dateline once: the agency's own is gone from lead and body."""
    article, _ = imported(newsroom, samples / name)
    opening = f"{article.dateline.city.upper()}"
    assert not article.lead.upper().startswith(opening)
    assert not article.body.upper().startswith(opening)
    assert f"({article.dateline.agency})" not in article.lead + article.body


def test_the_photo_comes_in_once_it_is_beside_the_file(newsroom: Newsroom, samples: Path) -> None:
    """The same file with NTB's photo saved beside it under its id: photo and caption import."""
    (samples / "iJIJyyF0tiE").write_bytes(jpeg_bytes(1200, 800))
    article, read = imported(newsroom, samples / "ntb-nitf.xml")
    assert read.warnings == []
    assert article.photo is not None
    assert article.photo.caption == "Foto: NTB / Scanpix"


def test_a_photo_outside_the_folder_is_still_refused(newsroom: Newsroom, tmp_path: Path) -> None:
    """Missing photos become warnings only inside the file's folder: outside stays refused."""
    nitf = (
        b"<nitf><body><body.head><hedline><hl1>H</hl1></hedline></body.head><body.content>"
        b"<p>Text.</p><media media-type='image'><media-reference source='../../gone.jpg'/>"
        b"</media></body.content></body></nitf>"
    )
    read = read_incoming(nitf, "x.xml", tmp_path)
    assert read.warnings == []
    with pytest.raises(Exception, match="points outside the imported file's folder"):
        newsroom.import_json(read.document, base_dir=tmp_path)


def test_newsrooms_own_nitf_is_read_exactly_as_written() -> None:
    """Wire rules are for someone else's files: in Newsroom's own, the first paragraph stays."""
    own = (
        f"<nitf xmlns:nr='{NEWSROOM_NS}'><head><docdata><nr:status>draft</nr:status></docdata>"
        "</head><body><body.head><hedline><hl1>H</hl1><hl2>H</hl2></hedline>"
        "<byline>By ANNA PETROVA</byline></body.head>"
        "<body.content><p>MOSCOW (TASS) — First.</p></body.content></body></nitf>"
    )
    document = read_document(own.encode(), "own.xml")
    assert document["subtitle"] == "H"
    assert document["byline"] == "By ANNA PETROVA"
    assert document["lead"] == ""
    assert document["body"].startswith("MOSCOW (TASS)")


def test_a_one_paragraph_story_becomes_a_lead_with_an_empty_body(newsroom: Newsroom) -> None:
    nitf = (
        b"<nitf><body><body.head><hedline><hl1>Flash</hl1></hedline></body.head>"
        b"<body.content><p>LONDON (Reuters) - Markets fell.</p></body.content></body></nitf>"
    )
    [result] = newsroom.import_json(read_document(nitf, "flash.xml"), base_dir=None)
    assert (result.article.lead, result.article.body) == ("Markets fell.", "")
    assert (result.article.dateline.city, result.article.dateline.agency) == ("London", "Reuters")


def test_an_abstract_repeated_as_the_first_paragraph_is_not_printed_twice() -> None:
    nitf = (
        b"<nitf><body><body.head><hedline><hl1>H</hl1></hedline><abstract><p>ON THIS DAY</p>"
        b"</abstract></body.head><body.content><p>ON THIS DAY</p><p>1878: A match.</p>"
        b"</body.content></body></nitf>"
    )
    document = read_document(nitf, "pa.xml")
    assert (document["lead"], document["body"]) == ("ON THIS DAY", "1878: A match.\n")


def test_a_language_that_is_no_tag_is_a_warning_not_a_refusal() -> None:
    nitf = b"<nitf baselang='not a tag'><body><body.content><p>x</p></body.content></body></nitf>"
    read = read_incoming(nitf, "x.xml")
    assert "language" not in read.document
    assert read.warnings == [
        "language 'not a tag' is not a language tag; the article takes the newsroom's language",
    ]


# --- the command line ------------------------------------------------------------------


def test_newsroom_import_reads_every_sample_and_names_what_it_left_out(
    samples: Path, tmp_path: Path
) -> None:
    """``newsroom import`` in its own process: all five import; the two photos are warnings."""
    files = sorted(str(path) for path in samples.glob("*.xml"))
    env = {**os.environ, "NEWSROOM_AUTHOR": "desk"}
    env.pop("NEWSROOM_DB", None)
    done = subprocess.run(
        [sys.executable, "-m", "newsroom", "--db", str(tmp_path / "n.sqlite"), "import", *files],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 5
    warnings = [line for line in done.stderr.splitlines() if "created a new newsroom" not in line]
    assert len(warnings) == 2, done.stderr
    assert all(warning.startswith("newsroom: warning: ") for warning in warnings)
    beside = "ntb-nitf.xml: photo iJIJyyF0tiE is not beside the file: imported without it"
    assert any(beside in w for w in warnings)
    assert any("aap-nitf.xml: photo https://images.aap.example/" in w for w in warnings)
    with Newsroom.open(tmp_path / "n.sqlite") as newsroom:
        incoming = newsroom.articles(status=Status.INCOMING)  # wire items wait apart
        bylines = sorted(newsroom.bylines([summary.id for summary in incoming]).values())
        stored = [newsroom.get(summary.id) for summary in incoming]
    assert bylines == sorted(expected["byline"] for expected in EXPECTED.values())
    # AP's and PA's byttl is kept with the item's source, never glued to the byline's names.
    titles = {
        (a.byline, a.source.byline_title) for a in stored if a.source and a.source.byline_title
    }
    assert titles == {
        ("Bernard Condon", "AP Business Writer"),
        ("Sam Whitfield", "PA Property Correspondent"),
    }


# --- datelines: what must parse and what must not ---------------------------------------

DATELINES = [
    ("NEW YORK (AP) — The lunch counter", WireDateline("New York", "AP"), "The lunch counter"),
    ("MADRID, 28 jun (EFE).- El Gobierno", WireDateline("Madrid", "EFE", 6, 28), "El Gobierno"),
    ("LONDON (PA) - Rents rose", WireDateline("London", "PA"), "Rents rose"),
    ("SYDNEY, June 28 AAP - Crews", WireDateline("Sydney", "AAP", 6, 28), "Crews"),
    ("OSLO (NTB): Aldri før", WireDateline("Oslo", "NTB"), "Aldri før"),
    ("MOSCOW, June 28 (Reuters) - Russia", WireDateline("Moscow", "Reuters", 6, 28), "Russia"),
    ("Tegucigalpa, Jan 2 (EFE).- Test.", WireDateline("Tegucigalpa", "EFE", 1, 2), "Test."),
    ("SAN JUAN, Puerto Rico (AP) — Power", WireDateline("San Juan, Puerto Rico", "AP"), "Power"),
    ("WINSTON-SALEM, N.C. (AP) — A", WireDateline("Winston-Salem, N.C.", "AP"), "A"),
    ("RIO DE JANEIRO (AFP) - Rain", WireDateline("Rio de Janeiro", "AFP"), "Rain"),
    ("ST. LOUIS (AP) — Heat", WireDateline("St. Louis", "AP"), "Heat"),
    ("MADRID, 28 de junio (EFE).- X", WireDateline("Madrid", "EFE", 6, 28), "X"),
    ("   LONDON (PA Media) - X", WireDateline("London", "PA Media"), "X"),
    ("NEW YORK (AP)—X", WireDateline("New York", "AP"), "X"),
    ("LONDON (REUTERS) - X", WireDateline("London", "Reuters"), "X"),
]
NOT_DATELINES = [
    "The lunch counter, a fixture of American downtowns, is back.",
    "Apple (AAPL) — shares fell in early trading.",  # not an agency
    '"We are ready," he said (AP) - then left.',  # a quote
    "«Vi er klare», sier hun (NTB): x",
    "In London (Reuters) - a sentence, not a dateline.",
    "Officials said (AP) — more later.",
    "NEW YORK — The city without an agency.",
    "LONDON (PA)",  # nothing after it
    "LONDON (PA) - ",
    "PARIS, Hello 28 (AFP) - not a month.",
    "MADRID, 40 jun (EFE).- no such day.",
    "Shares in AAP - a company - rose.",
]


@pytest.mark.parametrize(("text", "dateline", "rest"), DATELINES)
def test_wire_datelines_parse(text: str, dateline: WireDateline, rest: str) -> None:
    assert split_dateline(text) == (dateline, rest)


@pytest.mark.parametrize("text", NOT_DATELINES)
def test_text_that_is_no_dateline_stays_text(text: str) -> None:
    assert split_dateline(text) is None


@pytest.mark.parametrize(
    ("dateline", "issued", "expected"),
    [
        (WireDateline("Madrid", "EFE", 6, 28), date(2024, 6, 28), date(2024, 6, 28)),
        (WireDateline("Sydney", "AAP", 12, 31), date(2025, 1, 1), date(2024, 12, 31)),
        (WireDateline("Oslo", "NTB", 1, 1), date(2024, 12, 31), date(2025, 1, 1)),
        (WireDateline("Oslo", "NTB", 2, 29), date(2025, 3, 1), date(2024, 2, 29)),
        (WireDateline("Oslo", "NTB"), date(2024, 6, 28), None),
        (WireDateline("Oslo", "NTB", 6, 28), None, None),
    ],
)
def test_a_dateline_day_takes_the_year_nearest_the_items_date(
    dateline: WireDateline, issued: date | None, expected: date | None
) -> None:
    assert dateline.date_near(issued) == expected


# --- bylines ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "name", "title"),
    [
        ("By BERNARD CONDON", "Bernard Condon", ""),
        ("By KRISTIE RIEKEN AP Sports Writer", "Kristie Rieken", "AP Sports Writer"),
        ("By CALEB JONES The Associated Press", "Caleb Jones", "The Associated Press"),
        ("By JOHN MCDONALD and SEAN O'NEILL", "John McDonald and Sean O'Neill", ""),
        ("By ALEXANDER MACLEOD AND EMMANUEL MACRON", "Alexander MacLeod and Emmanuel Macron", ""),
        ("By MARY SMITH-JONES", "Mary Smith-Jones", ""),
        ("By LUDWIG VAN BEETHOVEN III", "Ludwig van Beethoven III", ""),
        ("By JUAN DE LA CRUZ and MARINE LE PEN", "Juan de la Cruz and Marine Le Pen", ""),
        ("Por ANA GARCÍA", "Ana García", ""),
        (
            "By Sam Whitfield, PA Property Correspondent",
            "Sam Whitfield",
            "PA Property Correspondent",
        ),
        # Mixed case is kept as written.
        ("By DeShawn McCartney", "DeShawn McCartney", ""),
        ("Geir Molnes / Faktisk.no", "Geir Molnes / Faktisk.no", ""),
        ("Anna Ivanova, Moscow correspondent", "Anna Ivanova, Moscow correspondent", ""),
        ("lrs/jac", "lrs/jac", ""),
        ("By A. Writer", "A. Writer", ""),
        ("By J.R. SMITH", "J.R. Smith", ""),
        ("", "", ""),
    ],
)
def test_bylines_in_the_newsrooms_case_with_the_title_apart(
    byline: str, name: str, title: str
) -> None:
    assert byline_parts(byline) == (name, title)


def test_name_case_keeps_text_that_is_not_all_capitals() -> None:
    assert name_case("van der Berg") == "van der Berg"
    assert name_case("O'NEILL") == "O'Neill"
    assert name_case("D'ANGELO") == "D'Angelo"
    assert name_case("1234") == "1234"
