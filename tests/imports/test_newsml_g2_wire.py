"""NewsML-G2 as agencies send it: qcodes through catalogs, messages, packages, XHTML (issue 14).

Each sample is imported the way an editor does (``newsroom import FILE`` in
a process of its own) and read back from the newsroom; the source, which the
article cannot hold yet, is checked on the reader's result.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from newsroom.errors import NewsroomError
from newsroom.imports.detect import read_document
from newsroom.imports.newsml import read_g2
from newsroom.imports.wire_item import WireSource
from newsroom.imports.xml_input import parse_xml
from newsroom.store import Newsroom
from tests.helpers import jpeg_bytes, newsroom_cli

SAMPLES = Path(__file__).parent / "samples"
NAR = "http://iptc.org/std/nar/2006-10-01/"

EXPECTED: dict[str, dict[str, Any]] = {
    "ansa-g2-text.xml": {
        "slug": "wire-riapre-il-ponte-sul-tevere-dopo-due-anni-di-lavori",  # not ANSA's key
        "headline": "Riapre il ponte sul Tevere dopo due anni di lavori",
        "subtitle": "Il sindaco: traffico più scorrevole già da domani",
        "byline": "di Giulia Ferri",
        "dateline": ("Roma", "2024-06-03", "ANSA"),
        "lead": "Il ponte chiuso dal 2022 torna percorribile da lunedì.",
        "body": "Il ponte, chiuso dal 2022 per il rifacimento",
        "photo": None,
        "language": "it",
        "source": WireSource(
            "ANSA", "urn:newsml:ansa.it:20240603:ANSA-0193", "2", 3, "", pubstatus="usable"
        ),
    },
    "reuters-g2-message.xml": {
        "slug": "wire-harbour-cranes-fall-silent-as-dockers-strike-over-pay",
        "headline": "Harbour cranes fall silent as dockers strike over pay",
        "subtitle": "Union says talks broke down on Friday",
        "byline": "Alice Harper",
        "dateline": ("London", "2024-06-03", "Reuters"),
        "lead": "Cranes at three of Britain's busiest ports stood idle on Monday",
        "body": "The union said talks with port operators broke down on Friday.",
        "photo": ("Idle cranes at the port of Felixstowe, June 3, 2024.", "REUTERS/Tom Baker"),
        "language": "en",
        "source": WireSource(
            "reuters.com", "tag:reuters.com,2024:newsml_L1N3HX0AB", "3", 3, "", pubstatus="usable"
        ),
    },
    "dpa-g2-package.xml": {
        "slug": "wire-hochwasser-am-rhein-pegel-steigt-weiter",
        "headline": "Hochwasser am Rhein: Pegel steigt weiter",
        "subtitle": "Schifffahrt zwischen Bonn und Düsseldorf eingestellt",
        "byline": "Jonas Weber",
        "dateline": ("Köln", "2024-06-03", "dpa"),
        "lead": "Der Rhein steigt bei Köln weiter an. Die Schifffahrt ist eingestellt.",
        "body": "Der Pegel lag am Montagmorgen bei 8,10 Metern, teilte die Stadt mit.\n\n"
        "## Warnung für Anwohner",
        "photo": ("Der Rhein bei Köln am Montagmorgen.", "dpa/Oliver Berg"),
        "language": "de",
        "source": WireSource(
            "dpa Deutsche Presse-Agentur GmbH",
            "urn:newsml:dpa.com:20090101:240603-99-112233-text",
            "4",
            4,
            "",
            pubstatus="usable",
        ),
    },
    "stt-g2-text.xml": {
        "slug": "wire-raitiovaunulinja-10-jatkuu-pasilaan",
        "headline": "Raitiovaunulinja 10 jatkuu Pasilaan",
        "subtitle": "",
        "byline": "Matti Virtanen",
        "dateline": ("Helsinki", "2024-06-03", "STT"),
        "lead": "Raitiovaunulinja 10 jatkuu elokuussa Pasilaan.",
        # The XHTML alternative, not the plain text: its emphasis, heading and list.
        "body": "Kaupunki kertoi asiasta **maanantaina**.\n\n### Uudet pysäkit\n\n- Pasilan asema",
        "photo": None,
        "language": "fi",
        "source": WireSource(
            "STT", "urn:newsml:stt.fi:20240603:101234567", "1", 5, "", pubstatus="usable"
        ),
    },
}


@pytest.fixture
def wire(tmp_path: Path) -> Path:
    """The samples in a folder of their own, with the photos their items name beside them."""
    folder = tmp_path / "wire"
    shutil.copytree(SAMPLES, folder, ignore=shutil.ignore_patterns("*.py"))
    for photo in ("reuters-g2-cranes.jpg", "dpa-g2-rhein.jpg"):
        (folder / photo).write_bytes(jpeg_bytes(800, 533))
    return folder


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_agencys_file_imports_with_its_fields(wire: Path, name: str) -> None:
    db = wire / "newsroom.sqlite"
    run = newsroom_cli(db, "import", str(wire / name))
    assert run.code == 0, run.err
    expected = EXPECTED[name]
    with Newsroom.open(db) as newsroom:
        article = newsroom.get(expected["slug"])
        assert article.headline == expected["headline"]
        assert article.subtitle == expected["subtitle"]
        assert article.byline == expected["byline"]
        dateline = article.dateline
        city, day, agency = expected["dateline"]
        assert (dateline.city, str(dateline.date), dateline.agency) == (city, day, agency)
        assert article.lead.startswith(expected["lead"])
        assert article.body.startswith(expected["body"])
        assert article.language == expected["language"]
        if expected["photo"] is None:
            assert article.photo is None
        else:
            assert article.photo is not None
            assert (article.photo.caption, article.photo.credit) == expected["photo"]
    source = read_g2(parse_xml((wire / name).read_bytes()), wire, name).sources[0]
    assert source == replace(expected["source"], file_name=name, format="NewsML-G2")


def test_a_reuters_message_gives_each_text_item_and_says_what_it_left(wire: Path) -> None:
    name = "reuters-g2-message.xml"
    reading = read_g2(parse_xml((wire / name).read_bytes()), wire, name)
    headlines = [article["headline"] for article in reading.articles]
    assert headlines == [
        "Harbour cranes fall silent as dockers strike over pay",
        "Ferry operator cancels evening crossings",
    ]
    # The picture goes to the item that links it, its largest local rendition; not the other.
    assert reading.articles[0]["photo"]["file"] == "reuters-g2-cranes.jpg"
    assert "photo" not in reading.articles[1]
    # No located: the city from the dateline text, in ordinary case; the date from the item.
    assert reading.articles[1]["dateline"] == {
        "city": "Dover",
        "date": "2024-06-03",
        "agency": "Reuters",
    }
    assert [source.urgency for source in reading.sources] == [3, 1]
    assert reading.skipped == [
        "item tag:reuters.com,2024:newsml_VA3X9 (icls:video): not text or a picture"
    ]


def item(item_class: str, catalogs: str = "", *, content: str = "") -> bytes:
    content = content or "<inlineData>One.\n\nTwo.</inlineData>"
    return (
        f'<newsItem xmlns="{NAR}" guid="urn:t:1" version="1">{catalogs}'
        f'<itemMeta><itemClass qcode="{item_class}"/></itemMeta>'
        f"<contentMeta><headline>H</headline></contentMeta><contentSet>{content}</contentSet>"
        "</newsItem>"
    ).encode()


IPTC_REF = '<catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_41.xml"/>'
REUTERS_REF = (
    '<catalogRef href="http://xml.media.reuters.com/g2-standards/catalogs/'
    'ReutersMedia_G2-Standards-Catalog_v1.xml"/>'
)


def embedded(alias: str, uri: str) -> str:
    return f'<catalog><scheme alias="{alias}" uri="{uri}"/></catalog>'


@pytest.mark.parametrize(
    ("item_class", "catalogs"),
    [
        ("ninat:text", IPTC_REF),
        ("icls:text", REUTERS_REF),
        ("ninat:text", ""),  # no catalog at all: IPTC's aliases, as minimal files assume
        ("zz:text", embedded("zz", "http://cv.iptc.org/newscodes/ninature/")),
        ("zz:text", embedded("zz", "https://cv.iptc.org/newscodes/ninature")),
    ],
)
def test_text_is_known_by_its_scheme_not_its_alias(item_class: str, catalogs: str) -> None:
    assert read_document(item(item_class, catalogs), "t.xml")["headline"] == "H"


@pytest.mark.parametrize(
    ("item_class", "catalogs"),
    [
        # The alias ninat bound to some other scheme is not IPTC's Nature of News Item.
        ("ninat:text", embedded("ninat", "http://example.com/cv/kinds/")),
        ("ninat:picture", IPTC_REF),
    ],
)
def test_an_item_whose_class_means_something_else_is_not_text(
    item_class: str, catalogs: str
) -> None:
    with pytest.raises(NewsroomError, match=r"^t\.xml: the NewsML-G2 file holds no text item"):
        read_document(item(item_class, catalogs), "t.xml")


def test_an_alias_no_catalog_defines_is_a_one_line_error_naming_it_and_the_file(
    wire: Path,
) -> None:
    name = "acme-g2-unknown-alias.xml"
    run = newsroom_cli(wire / "newsroom.sqlite", "import", str(wire / name))
    assert run.code == 1
    [line] = run.err.strip().splitlines()[-1:]
    assert line.startswith(f"newsroom: error: {wire / name}: the qcode 'acls:text'")
    assert "'acls'" in line and "acme-catalog.xml" in line
    assert "Traceback" not in run.err
    with pytest.raises(NewsroomError, match=r"^x\.xml: .*alias 'icls' and none of its catalogs"):
        read_document(item("icls:text", IPTC_REF), "x.xml")


def test_the_richest_alternative_is_read() -> None:
    plain = "<inlineData>Short.</inlineData>"
    longer = "<inlineData>A longer plain text.\n\nWith a second paragraph.</inlineData>"
    xhtml = (
        '<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml">'
        "<body><p>Lead.</p><p>Rich <em>x</em>.</p></body></html></inlineXML>"
    )
    rich = read_document(item("ninat:text", IPTC_REF, content=plain + xhtml + longer), "t.xml")
    assert (rich["lead"], rich["body"]) == ("Lead.", "Rich *x*.\n")
    plain_only = read_document(item("ninat:text", IPTC_REF, content=plain + longer), "t.xml")
    assert plain_only["lead"] == "A longer plain text."


def test_a_package_in_a_message_finds_its_items_there() -> None:
    """An agency's message: the package's itemRefs point at items in the same message."""
    text = (SAMPLES / "dpa-g2-text.xml").read_bytes().split(b"?>", 1)[1]
    picture = (SAMPLES / "dpa-g2-picture.xml").read_bytes().split(b"?>", 1)[1]
    pack = (SAMPLES / "dpa-g2-package.xml").read_bytes().split(b"?>", 1)[1]
    pack = pack.replace(b' href="dpa-g2-text.xml"', b"").replace(b' href="dpa-g2-picture.xml"', b"")
    message = f'<newsMessage xmlns="{NAR}"><header/><itemSet>'.encode()
    message += pack + picture + text + b"</itemSet></newsMessage>"
    document = read_document(message, "m.xml")  # no folder needed: nothing is read beside
    assert document["headline"] == "Hochwasser am Rhein: Pegel steigt weiter"
    assert document["photo"]["file"] == "dpa-g2-rhein.jpg"  # by the package group, no link


def test_a_package_reads_only_files_beside_it(wire: Path) -> None:
    package = (wire / "dpa-g2-package.xml").read_bytes()
    with pytest.raises(NewsroomError, match=r"p\.xml: a NewsML-G2 package: .*dpa-g2-text\.xml"):
        read_document(package, "p.xml")
    elsewhere = package.replace(b'href="dpa-g2-picture.xml"', b'href="../secret/picture.xml"')
    reading = read_g2(parse_xml(elsewhere), wire, "p.xml")
    assert reading.skipped == [
        "package item ../secret/picture.xml: not a file beside the package, not read"
    ]
    assert "photo" not in reading.articles[0]
    (wire / "dpa-g2-text.xml").unlink()
    with pytest.raises(NewsroomError, match=r"not beside it \(dpa-g2-text\.xml\)$"):
        read_document(package, "p.xml", wire)
