"""A wire item's photo that is not beside the file, or on the web: a warning naming it, and
the text imports (every reader alike: NITF, NewsML-G2, ninjs, NewsML 1).

A picture item file alone (the picture of a NewsML-G2 package) is no article: refused
with a message saying what to import instead. Each test imports through ``newsroom import``
(in-process, on both engines) or the reader, with the real samples copied to tmp_path.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from newsroom.imports.detect import read_incoming
from tests.conftest import Cli
from tests.helpers import jpeg_bytes, newsroom_cli

SAMPLES = Path(__file__).parent / "samples"
# Each reader's sample naming a photo beside it: the photo's name and the headline.
NAMING_A_PHOTO = {
    "reuters-g2-message.xml": ("reuters-g2-cranes.jpg", "Harbour cranes fall silent"),
    "ntb-ninjs2.json": ("ntb-elbil.jpg", "Ny rekord for elbilsalget i februar"),
    "afp-newsml1.xml": ("afp-gare.jpg", "Grève à la SNCF: un TGV sur deux circulera samedi"),
    "ntb-nitf.xml": ("iJIJyyF0tiE", "Rekordmange tok toget i sommer"),
}


def shown(cli: Cli, ref: str) -> dict[str, Any]:
    return dict(json.loads(cli.ok("show", "--json", ref).out))


@pytest.mark.parametrize("sample", NAMING_A_PHOTO)
def test_a_photo_not_beside_the_file_is_a_warning_and_the_text_imports(
    cli: Cli, tmp_path: Path, sample: str
) -> None:
    photo, headline = NAMING_A_PHOTO[sample]
    shutil.copy(SAMPLES / sample, tmp_path / sample)

    run = cli.ok("import", str(tmp_path / sample))

    warning = f"{sample}: photo {photo} is not beside the file: imported without it"
    assert warning in run.err
    assert "JSON" not in run.err
    first = shown(cli, run.lines[0].split("\t")[0])
    assert first["headline"].startswith(headline)
    assert first["photo"] is None and first["status"] == "incoming"


@pytest.mark.parametrize("sample", NAMING_A_PHOTO)
def test_the_photo_beside_the_file_comes_in_without_a_warning(
    cli: Cli, tmp_path: Path, sample: str
) -> None:
    photo, _ = NAMING_A_PHOTO[sample]
    shutil.copy(SAMPLES / sample, tmp_path / sample)
    (tmp_path / photo).write_bytes(jpeg_bytes(800, 533))

    run = cli.ok("import", str(tmp_path / sample))

    assert "imported without it" not in run.err
    first = shown(cli, run.lines[0].split("\t")[0])
    assert first["photo"] is not None
    assert first["photo"]["caption"] or first["photo"]["credit"]


def test_reuters_message_without_its_photo_in_a_process_of_its_own(tmp_path: Path) -> None:
    """The case found with a real folder: once the whole file failed, naming a JSON file."""
    shutil.copy(SAMPLES / "reuters-g2-message.xml", tmp_path / "message.xml")
    run = newsroom_cli(tmp_path / "n.sqlite", "import", str(tmp_path / "message.xml"))
    assert run.code == 0, run.err
    assert len(run.out.splitlines()) == 2  # both text items of the message
    warnings = [line for line in run.err.splitlines() if "created a new newsroom" not in line]
    assert warnings == [
        f"newsroom: warning: {tmp_path / 'message.xml'}: photo reuters-g2-cranes.jpg "
        "is not beside the file: imported without it"
    ]


def test_a_g2_picture_only_on_the_web_is_a_warning_too(tmp_path: Path) -> None:
    message = (SAMPLES / "reuters-g2-message.xml").read_bytes()
    on_the_web = message.replace(
        b'href="reuters-g2-cranes.jpg"', b'href="https://pictures.example/cranes.jpg"'
    )
    read = read_incoming(on_the_web, "m.xml", tmp_path)
    assert read.warnings == [
        "photo https://pictures.example/cranes.jpg is on the web (imports never fetch): "
        "imported without it"
    ]
    assert read.missing == []  # nothing to wait for: it will never be beside the file


def test_the_missing_photo_is_listed_for_an_ingest_folder_to_wait_for(tmp_path: Path) -> None:
    for sample, (photo, _) in NAMING_A_PHOTO.items():
        read = read_incoming((SAMPLES / sample).read_bytes(), sample, tmp_path)
        assert read.missing == [photo], sample
    beside = read_incoming((SAMPLES / "aap-ninjs1.json").read_bytes(), "a.json", tmp_path)
    assert beside.missing == []  # its photo is on the web


def test_a_missing_photo_message_names_the_kind_of_file(cli: Cli, tmp_path: Path) -> None:
    """A path the article format cannot read names the file it is relative to, as it is."""
    story = tmp_path / "story.md"
    story.write_text("---\nheadline: A story\nimage: gone.jpg\n---\nText.\n", encoding="utf-8")
    run = cli("import", str(story))
    assert run.code == 1
    assert "gone.jpg: no such file (paths are relative to the Markdown file)" in run.err
    (tmp_path / "story.json").write_text(
        json.dumps({"headline": "A story", "body": "Text.", "photo": {"file": "gone.jpg"}}),
        encoding="utf-8",
    )
    run = cli("import", str(tmp_path / "story.json"))
    assert "(paths are relative to the JSON file)" in run.err


def test_a_picture_item_file_alone_says_what_to_import(cli: Cli, tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "dpa-g2-picture.xml", tmp_path / "dpa-g2-picture.xml")
    run = cli("import", str(tmp_path / "dpa-g2-picture.xml"))
    assert run.code == 1
    assert run.err.strip().endswith(
        "dpa-g2-picture.xml: the NewsML-G2 file holds no text item, only pictures: import the "
        "package or text item that names it, with this file beside it"
    )


def test_a_package_without_its_picture_item_imports_its_text(cli: Cli, tmp_path: Path) -> None:
    for name in ("dpa-g2-package.xml", "dpa-g2-text.xml"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    run = cli.ok("import", str(tmp_path / "dpa-g2-package.xml"))
    assert "package item dpa-g2-picture.xml is not beside the file: read without it" in run.err
    article = shown(cli, run.lines[0].split("\t")[0])
    assert article["headline"] == "Hochwasser am Rhein: Pegel steigt weiter"
    assert article["photo"] is None


def test_a_text_item_linking_to_a_picture_item_file_takes_its_photo(tmp_path: Path) -> None:
    """A G2 text item's ``link`` to a picture item in a file of its own, beside it."""
    text = (SAMPLES / "dpa-g2-text.xml").read_text(encoding="utf-8")
    link = (
        '<link rel="irel:seeAlso" residref="urn:newsml:dpa.com:20090101:240603-99-112233-pic" '
        'href="dpa-g2-picture.xml" contenttype="application/vnd.iptc.g2.newsitem+xml"/>'
    )
    linked = text.replace("</itemMeta>", f"  {link}\n  </itemMeta>", 1).encode()
    shutil.copy(SAMPLES / "dpa-g2-picture.xml", tmp_path / "dpa-g2-picture.xml")
    (tmp_path / "dpa-g2-rhein.jpg").write_bytes(jpeg_bytes(800, 533))

    read = read_incoming(linked, "t.xml", tmp_path)

    assert read.warnings == [] and read.picture_files == ["dpa-g2-picture.xml"]
    assert read.document["photo"]["credit"] == "dpa/Oliver Berg"
    assert read.document["photo"]["caption"] == "Der Rhein bei Köln am Montagmorgen."
    (tmp_path / "dpa-g2-picture.xml").unlink()
    read = read_incoming(linked, "t.xml", tmp_path)
    assert read.missing == ["dpa-g2-picture.xml"] and "photo" not in read.document
