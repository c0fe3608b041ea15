"""NewsML 1.2 from AFP and ANA-MPA, through ``newsroom import`` as editors run it (issue 14)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from newsroom.imports.detect import read_incoming
from tests.helpers import Run, jpeg_bytes, newsroom_cli

SAMPLES = Path(__file__).parent / "samples"


def imported(tmp_path: Path, sample: Path) -> tuple[dict[str, Any], Run]:
    db = tmp_path / "newsroom.sqlite"
    run = newsroom_cli(db, "import", str(sample))
    assert run.code == 0, run.err
    shown = newsroom_cli(db, "show", "--json", run.out.split()[0])
    assert shown.code == 0, shown.err
    return json.loads(shown.out), run


def test_afp_newsml_with_nitf_body(tmp_path: Path) -> None:
    article, run = imported(tmp_path, SAMPLES / "afp-newsml1.xml")
    assert article["headline"] == "Grève à la SNCF: un TGV sur deux circulera samedi"
    assert article["subtitle"] == "Les syndicats maintiennent leur préavis malgré les négociations"
    assert article["byline"] == "Claire DUVAL"  # "Par" is not part of the name
    assert article["dateline"]["city"] == "Paris"  # the Location's name, not "PARIS"
    assert (article["dateline"]["date"], article["dateline"]["agency"]) == ("2024-03-15", "AFP")
    # The text's own dateline is taken off; with no abstract, the first paragraph is the lead.
    assert article["lead"] == (
        "Un TGV sur deux circulera samedi en raison d'une grève des contrôleurs, "
        "a annoncé la SNCF vendredi."
    )
    assert article["body"].startswith("Les trains régionaux seront également perturbés")
    assert "PARIS, 15 mars" not in article["body"]
    assert article["language"] == "fr"
    assert article["tags"] == ["transport", "grève"]
    # A wire item comes in as Incoming, whatever its file says (the file said published).
    assert (article["status"], article["published_at"][:16]) == ("incoming", "2024-03-15T09:30")
    assert article["photo"] is None
    warnings = [line for line in run.err.splitlines() if "imported without it" in line]
    assert len(warnings) == 1 and "afp-gare.jpg is not beside the file" in warnings[0]


def test_afp_photo_beside_the_file_takes_the_high_definition_rendition(tmp_path: Path) -> None:
    folder = tmp_path / "wire"
    folder.mkdir()
    shutil.copy(SAMPLES / "afp-newsml1.xml", folder)
    (folder / "afp-gare.jpg").write_bytes(jpeg_bytes(80, 60))
    (folder / "afp-gare-quicklook.jpg").write_bytes(jpeg_bytes(16, 12))
    article, run = imported(tmp_path, folder / "afp-newsml1.xml")
    assert "imported without it" not in run.err
    assert (article["photo"]["width"], article["photo"]["height"]) == (80, 60)
    assert article["photo"]["caption"] == (
        "Des voyageurs attendent à la gare de Lyon, à Paris, le 15 mars 2024."
    )
    assert article["photo"]["credit"] == "AFP/Julien MARTIN"


def test_ana_newsml_in_iso_8859_1_with_plain_paragraphs(tmp_path: Path) -> None:
    raw = (SAMPLES / "ana-newsml1.xml").read_bytes()
    assert b'encoding="ISO-8859-1"' in raw and "é".encode("latin-1") in raw
    article, run = imported(tmp_path, SAMPLES / "ana-newsml1.xml")
    assert article["headline"] == "Café owners in Thessaloníki protest new licence fees"
    assert article["subtitle"] == ""
    assert article["byline"] == "Zoë Papadáki"
    assert article["dateline"] | {"text": ""} == {
        "city": "Thessaloniki", "date": "2024-03-15", "agency": "ANA-MPA", "text": ""
    }  # fmt: skip
    assert article["lead"].startswith("Owners of more than 200 cafés in Thessaloníki closed")
    assert article["body"].startswith("The mayor, Stélios Angeloúdis, said the fees")
    assert article["body"].count("\n\n") == 1  # two paragraphs
    assert article["language"] == "en"
    assert article["photo"] is None and "imported without it" not in run.err


def test_the_source_is_returned_beside_the_article() -> None:
    cases = {
        "afp-newsml1.xml": ("AFP", "urn:newsml:afp.com:20240315:TX-PAR-XKT42:2", "2", 3, "© 2024 AFP"),
        "ana-newsml1.xml": (
            "ANA-MPA", "urn:newsml:www.amna.gr:20240315:2891034:1", "1", 5,
            "Copyright ANA-MPA 2024",
        ),
    }  # fmt: skip
    for name, (agency, item_id, version, urgency, copyright_line) in cases.items():
        (source,) = read_incoming((SAMPLES / name).read_bytes(), name, SAMPLES).sources
        assert (source.agency, source.item_id, source.version) == (agency, item_id, version)
        assert (source.urgency, source.copyright) == (urgency, copyright_line)
        assert (source.format, source.file_name) == ("NewsML 1.2", name)


XHTML_ITEM = """<?xml version="1.0" encoding="ISO-8859-1"?>
<NewsML Version="1.2"><NewsItem>
 <Identification><NewsIdentifier><ProviderId>www.amna.gr</ProviderId>
  <NewsItemId>77</NewsItemId><RevisionId>1</RevisionId></NewsIdentifier></Identification>
 <NewsManagement><FirstCreated>20240316T080000Z</FirstCreated><Status FormalName="Withheld"/>
 </NewsManagement>
 <NewsComponent>
  <NewsLines><HeadLine>Ferry strike ends</HeadLine></NewsLines>
  <ContentItem><MediaType FormalName="Text"/><MimeType FormalName="application/xhtml+xml"/>
   <DataContent><html xmlns="http://www.w3.org/1999/xhtml"><body>
    <p>Ferries sail again from Piraeus.</p><p>Crews accepted the <em>offer</em>.</p>
   </body></html></DataContent></ContentItem>
 </NewsComponent></NewsItem></NewsML>
"""


def test_xhtml_text_and_a_withheld_item(tmp_path: Path) -> None:
    path = tmp_path / "ana-xhtml.xml"
    path.write_bytes(XHTML_ITEM.encode("latin-1"))
    article, _ = imported(tmp_path, path)
    assert article["lead"] == "Ferries sail again from Piraeus."
    assert article["body"] == "Crews accepted the *offer*.\n"
    assert article["status"] == "incoming"  # a wire item, however withheld its file says it is
    assert read_incoming(path.read_bytes(), path.name).document["status"] == "draft"
    assert article["dateline"]["agency"] == ""  # no DateLine and no Provider: none invented
    (source,) = read_incoming(path.read_bytes(), path.name).sources
    assert source.item_id == "www.amna.gr:77"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE NewsML [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><NewsML><NewsItem>&b;</NewsItem></NewsML>',
            "declares entities of its own",
        ),
        (
            b"<NewsML><NewsItem><NewsComponent><ContentItem Href='x.jpg'>"
            b"<MediaType FormalName='Photo'/></ContentItem></NewsComponent></NewsItem></NewsML>",
            "holds no text item",
        ),
        (b"<NewsML><NewsItem>", "not well-formed XML"),
    ],
)
def test_bad_files_are_refused_in_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "wire.xml"
    path.write_bytes(content)
    run = newsroom_cli(tmp_path / "n.sqlite", "import", str(path))
    assert run.code == 1
    last = run.err.strip().splitlines()[-1]
    assert last.startswith("newsroom: error: ") and message in last, run.err
    assert "Traceback" not in run.err
