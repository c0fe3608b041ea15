"""The exported PDF as readers' tools see it: poppler (pdfinfo, pdftotext) and exiftool.

What a PDF says about itself (title, author, subject, language) is what a viewer's
title bar, a library's catalogue and a screen reader show; how the page is laid out
(the measure of a line, the caption against the body, the related list at the end)
is read from the word boxes poppler finds on the printed page. Nothing here reads
the PDF back with the library that wrote its metadata.
"""

from __future__ import annotations

import re
import shutil
import statistics
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from newsroom import __version__
from newsroom.export.pdf import PdfJob, print_pdfs
from newsroom.export.runner import ExportRequest, run_export
from newsroom.store import Newsroom
from tests.helpers import jpeg_bytes
from tests.outside.pdf_tools import (
    CAPTION,
    PARAGRAPHS,
    Line,
    lines,
    page_height,
    realistic_articles,
    run,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("pdfinfo") is None or shutil.which("pdftotext") is None,
        reason="poppler-utils (pdfinfo, pdftotext) is not installed: `make outside-tools`",
    ),
]
XMP = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pdf-info")


@pytest.fixture(scope="module")
def desk(folder: Path) -> Iterator[Newsroom]:
    (folder / "photo.jpg").write_bytes(jpeg_bytes(1600, 1000))
    with Newsroom.open(folder / "newsroom.sqlite", create=True, author="tester") as opened:
        opened.set_setting("name", "Northern Wire")
        opened.set_setting("agency", "TASS")
        opened.set_setting("timezone", "Europe/Moscow")
        opened.set_setting("base_url", "https://news.example.org")
        agency_copy = {"slug": "agency-copy", "headline": "Agency copy", "status": "published"}
        opened.import_json([*realistic_articles("photo.jpg"), agency_copy], base_dir=folder)
        yield opened


def export(newsroom: Newsroom, out: Path, *slugs: str) -> dict[str, Path]:
    written = run_export(newsroom, ExportRequest("pdf", out, refs=list(slugs))).written
    return {path.stem: path for path in written}


@pytest.fixture(scope="module")
def story(desk: Newsroom, folder: Path) -> Path:
    """The realistic story (about 900 words, photo, pull quote, ten related headlines)."""
    return export(desk, folder / "out", "russia-offers-talks")["russia-offers-talks"]


def info(pdf: Path) -> dict[str, str]:
    """pdfinfo's fields (``Title:   …``) by name."""
    rows = (row.partition(":") for row in run("pdfinfo", "-enc", "UTF-8", str(pdf)).splitlines())
    return {name.strip(): value.strip() for name, _, value in rows}


def xmp(pdf: Path) -> etree._Element:
    """The XMP packet as poppler reads it (``pdfinfo -meta``)."""
    packet = run("pdfinfo", "-meta", str(pdf))
    assert packet.strip(), "the PDF has no XMP metadata stream"
    start, end = packet.index("<x:xmpmeta"), packet.rindex("</x:xmpmeta>")
    return etree.fromstring(packet[start : end + len("</x:xmpmeta>")].encode())


def xmp_values(packet: etree._Element, name: str) -> list[str]:
    return [item.text or "" for item in packet.iterfind(f".//dc:{name}//rdf:li", XMP)]


def catalog_language(pdf: Path) -> str:
    """The catalog's /Lang, as exiftool reads it (its PDF:Language tag)."""
    if shutil.which("exiftool") is None:
        pytest.skip("exiftool is not installed (libimage-exiftool-perl): /Lang cannot be read")
    return run("exiftool", "-s3", "-PDF:Language", str(pdf)).strip()


def test_pdfinfo_shows_the_title_author_subject_keywords_and_creator(story: Path) -> None:
    fields = info(story)
    assert fields["Title"] == "Russia offers talks on reopening the grain corridor"
    assert fields["Author"] == "Ivan Petrov"
    assert fields["Subject"].startswith("The Kremlin says it is ready to meet “at any level”")
    assert fields["Keywords"] == "Russia, Ukraine, grain"
    assert fields["Creator"] == f"Newsroom {__version__}"


def test_the_xmp_metadata_says_what_the_info_dictionary_says(story: Path) -> None:
    fields, packet = info(story), xmp(story)
    assert xmp_values(packet, "title") == [fields["Title"]]
    assert xmp_values(packet, "creator") == [fields["Author"]]
    assert xmp_values(packet, "description") == [fields["Subject"]]
    assert sorted(xmp_values(packet, "subject")) == ["Russia", "Ukraine", "grain"]
    assert xmp_values(packet, "language") == ["en"]


def test_the_language_is_in_the_catalog(story: Path) -> None:
    assert catalog_language(story) == "en"


def test_the_language_is_the_printed_pages(tmp_path: Path) -> None:
    """/Lang follows the page's <html lang>, whatever language the page is in."""
    page = tmp_path / "page.html"
    page.write_text(
        '<!DOCTYPE html><html lang="ru"><title>Т</title><p>Москва, 28 июня.</p></html>',
        encoding="utf-8",
    )
    [pdf] = print_pdfs([PdfJob(page, tmp_path / "page.pdf")])
    assert catalog_language(pdf) == "ru"
    assert xmp_values(xmp(pdf), "language") == ["ru"]


def test_without_a_byline_the_author_is_the_agency(desk: Newsroom, tmp_path: Path) -> None:
    pdf = export(desk, tmp_path, "agency-copy")["agency-copy"]
    fields = info(pdf)
    assert fields["Author"] == "TASS"
    assert fields["Title"] == "Agency copy"
    assert "Keywords" not in fields  # no tags, no empty field


def test_the_pdf_claims_no_tags_it_does_not_have(story: Path) -> None:
    # QtWebEngine's printer writes no structure tree; a /MarkInfo saying "Marked"
    # without one would send a screen reader into an empty tree.
    if info(story)["Tagged"] == "yes":
        assert run("pdfinfo", "-struct", str(story)).strip(), "tagged, but no structure tree"


def test_the_export_folder_holds_the_pdf_alone(desk: Newsroom, tmp_path: Path) -> None:
    export(desk, tmp_path, "agency-copy")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["agency-copy.pdf"]
    assert (tmp_path / "agency-copy.pdf").stat().st_mode & 0o044 == 0o044  # others may read it


# --- the printed page --------------------------------------------------------


def body_lines(pdf: Path) -> list[Line]:
    """The lines of the body's paragraphs: their text is in the body and they are body-sized."""
    body_text = " ".join(" ".join(PARAGRAPHS).split())
    found = [line for line in lines(pdf) if len(line.text) > 20 and line.text in body_text]
    size = statistics.mode(round(line.height, 1) for line in found)
    return [line for line in found if round(line.height, 1) == size]


def test_a_body_line_holds_a_readable_measure(story: Path) -> None:
    """About 60 characters a line (two columns on A4), never the 110 of one 180 mm line."""
    measured = [len(line.text) for line in body_lines(story)]
    assert len(measured) > 40
    assert max(measured) <= 80, measured
    assert 50 <= statistics.median(measured) <= 75, measured


def test_the_caption_is_smaller_than_the_body(story: Path) -> None:
    # Word boxes are the font's height at its size; the caption's sans serif draws a
    # taller box per point than the body's serif, so "smaller" here is if anything strict.
    [caption] = [line for line in lines(story) if line.text.startswith(CAPTION[:30])]
    body = body_lines(story)[0]
    assert caption.height < body.height, (caption.height, body.height)


def test_ten_related_headlines_take_less_than_half_a_page(story: Path) -> None:
    printed = lines(story)
    [title] = [line for line in printed if line.text.upper() == "READ MORE"]
    [last] = [line for line in printed if line.text == "example.org/un-offer"]
    assert last.page == title.page, "the related list runs onto another page"
    used = last.words[0].y_max - title.words[0].y_min
    assert used < page_height(story) / 2, used


def test_every_related_headline_is_printed_with_its_address(story: Path) -> None:
    text = " ".join(line.text for line in lines(story))
    for slug in ("grain-deal-expires", "turkey-offers-talks"):
        assert re.search(rf"news\.example\.org/{slug}\.html", text), slug
