"""What a reader gets on paper: real PDFs printed by QtWebEngine, read back with poppler.

Where the page breaks depends on the fonts of the machine, so the tests that
check breaks print a series of variants (filler pushing the subject down a
line or a few at a time) and first show, with a theme that turns the print
rules off, that some variant really does strand the subhead or split the
quote or photo; the default theme must then keep every one of those whole.
The body is printed in two columns, so "whole" means in one column of one page.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from newsroom.errors import NewsroomError
from newsroom.export.pdf import PdfInfo, describe_pdf
from newsroom.export.runner import ExportRequest, run_export
from newsroom.store import Newsroom
from tests.helpers import jpeg_bytes

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
        reason="poppler-utils (pdftotext, pdfinfo) is not installed: PDFs cannot be read back",
    ),
]

# A theme whose custom.css undoes the print rules under test: the control.
WITHOUT_PRINT_RULES = """
@media print {
  .body h2, .body h3, .body h4, .body h5, .body h6 { break-after: auto !important; break-inside: auto !important; }
  .photo, .body blockquote, .pull-quote { break-inside: auto !important; }
}
"""
# Chromium never splits an element spanning the columns across pages, whatever the rules
# say; to show a photo can be split from its caption, its control prints one column.
IN_ONE_COLUMN = "@media print { .article { columns: auto !important; } }"
LONG_PARAGRAPH = " ".join(["The paragraph goes on for a good while about the matter."] * 12)


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def page_texts(pdf: Path) -> list[str]:
    """The text of each page (pdftotext ends every page with a form feed)."""
    count = int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(pdf)), re.MULTILINE)[1])
    return run("pdftotext", str(pdf), "-").split("\f")[:count]


def places(pdf: Path, marker: str) -> set[tuple[int, int]]:
    """Where ``marker`` is printed: (page, column), column 0 left of the middle, 1 right of it."""
    tree = etree.fromstring(run("pdftotext", "-bbox", str(pdf), "-").encode())
    found = set()
    for number, page in enumerate(tree.iter("{*}page"), start=1):
        middle = float(page.get("width", 0)) / 2
        for word in page.iter("{*}word"):
            if marker in (word.text or ""):
                found.add((number, 0 if float(word.get("xMin", 0)) < middle else 1))
    return found


def pages_with(pages: list[str], marker: str) -> list[int]:
    return [number for number, text in enumerate(pages, start=1) if marker in text]


def link_urls(pdf: Path) -> set[str]:
    """The URIs of the PDF's link annotations (``pdfinfo -url``: page, type, URL)."""
    rows = run("pdfinfo", "-url", str(pdf)).splitlines()[1:]
    return {row.split(None, 2)[2] for row in rows if len(row.split(None, 2)) == 3}


def photo_pages(pdf: Path) -> list[int]:
    rows = run("pdfimages", "-list", str(pdf)).splitlines()[2:]
    return [int(row.split()[0]) for row in rows if row.split()[2] == "image"]


def print_pdfs(
    newsroom: Newsroom, slugs: Iterable[str], out: Path, theme: Path | None = None
) -> dict[str, Path]:
    request = ExportRequest("pdf", out, refs=list(slugs), theme=theme)
    return {path.stem: path for path in run_export(newsroom, request).written}


def control_theme(tmp_path: Path, more_css: str = "") -> Path:
    folder = tmp_path / "without-print-rules"
    folder.mkdir()
    (folder / "custom.css").write_text(WITHOUT_PRINT_RULES + more_css, encoding="utf-8")
    return folder


def filler(lines: int) -> str:
    """A paragraph of ``lines`` short lines (hard line breaks): moves what follows a line down."""
    return "  \n".join(f"Filler line {number}." for number in range(1, lines + 1)) or "Start."


def variants(
    newsroom: Newsroom, name: str, steps: Iterable[int], make: Any, base_dir: Path | None = None
) -> list[str]:
    documents: list[Mapping[str, Any]] = [
        {
            "slug": f"{name}-{step}",
            "headline": f"Variant {step}",
            "status": "published",
            **make(step),
        }
        for step in steps
    ]
    newsroom.import_json(documents, base_dir=base_dir)
    return [str(document["slug"]) for document in documents]


def split_ones(pdfs: Mapping[str, Path], markers: tuple[str, ...]) -> list[str]:
    """The variants whose markers do not all stand in one column of one page."""
    found = []
    for slug, pdf in pdfs.items():
        where = {frozenset(places(pdf, marker)) for marker in markers}
        if len(where) > 1:
            found.append(slug)
    return found


def check_kept_together(
    newsroom: Newsroom, slugs: list[str], markers: tuple[str, ...], tmp_path: Path
) -> None:
    """Without the print rules some variant splits ``markers`` across pages; with them none."""
    control = print_pdfs(newsroom, slugs, tmp_path / "control", control_theme(tmp_path))
    split = split_ones(control, markers)
    assert split, f"no variant split {markers} without the print rules: the test tests nothing"
    printed = print_pdfs(newsroom, split, tmp_path / "printed")
    assert split_ones(printed, markers) == []
    for pdf in printed.values():
        assert len(pages_with(page_texts(pdf), markers[0])) == 1


@pytest.mark.engine_independent  # page breaks of printed pages
def test_a_subhead_keeps_with_the_paragraph_after_it(newsroom: Newsroom, tmp_path: Path) -> None:
    slugs = variants(
        newsroom,
        "subhead",
        range(0, 60),
        lambda step: {
            "body": f"{filler(step)}\n\n## Keepwith subhead\n\nNextpara {LONG_PARAGRAPH}"
        },
    )
    check_kept_together(newsroom, slugs, ("Keepwith", "Nextpara"), tmp_path)


@pytest.mark.engine_independent  # page breaks of printed pages
def test_a_quote_in_the_body_is_not_split(newsroom: Newsroom, tmp_path: Path) -> None:
    quote = f"Quotestart {LONG_PARAGRAPH} Quoteend"
    slugs = variants(
        newsroom,
        "quote",
        range(0, 60, 2),
        lambda step: {"body": f"{filler(step)}\n\n> {quote}\n\nClosing paragraph."},
    )
    check_kept_together(newsroom, slugs, ("Quotestart", "Quoteend"), tmp_path)


@pytest.mark.engine_independent  # page breaks of printed pages
def test_a_pull_quote_is_not_split(newsroom: Newsroom, tmp_path: Path) -> None:
    text = "Pullstart " + " ".join(["we will keep counting the animals every season"] * 5)
    quote = {"text": f"{text} Pullend", "speaker": "Pullspeaker", "role": "director", "pull": True}
    slugs = variants(
        newsroom,
        "pull",
        range(0, 60, 2),
        lambda step: {
            "body": f"{filler(step)}\n\nSecond paragraph.\n\nThird paragraph.",
            "quotes": [quote],
        },
    )
    check_kept_together(newsroom, slugs, ("Pullstart", "Pullend", "Pullspeaker"), tmp_path)


@pytest.mark.engine_independent  # page breaks of printed pages
def test_the_photo_and_its_caption_are_not_split(newsroom: Newsroom, tmp_path: Path) -> None:
    (tmp_path / "photo.jpg").write_bytes(jpeg_bytes(1200, 800))
    photo = {"file": "photo.jpg", "caption": "Captionmark walruses on the ice", "credit": "TASS"}
    words = ["a", "subtitle", "that", "pushes", "the", "photo", "down", "the", "page"]
    slugs = variants(
        newsroom,
        "photo",
        range(0, 380, 6),  # the subtitle takes at most 2,000 characters
        lambda step: {
            "subtitle": " ".join(words[n % len(words)] for n in range(step)) or "Short",
            "photo": photo,
            "body": "Body paragraph.",
        },
        base_dir=tmp_path,
    )
    theme = control_theme(tmp_path, IN_ONE_COLUMN)
    control = print_pdfs(newsroom, slugs, tmp_path / "control", theme)
    split = [
        slug
        for slug, pdf in control.items()
        if photo_pages(pdf) != pages_with(page_texts(pdf), "Captionmark")
    ]
    assert split, "no variant split the photo from its caption without the print rules"
    for slug, pdf in print_pdfs(newsroom, split, tmp_path / "printed").items():
        assert photo_pages(pdf) == pages_with(page_texts(pdf), "Captionmark"), slug


def test_related_headlines_are_links_with_their_address_printed(
    stories: Newsroom, tmp_path: Path
) -> None:
    [pdf] = print_pdfs(stories, ["russia-offers-talks"], tmp_path / "out").values()
    urls = link_urls(pdf)
    # The internal one goes to its page on the site (the base URL is set); the outside one as typed.
    assert {
        "https://news.example.org/grain-deal-expires.html",
        "https://example.org/un-offer",
    } <= urls
    assert all(url.startswith("https://") for url in urls), urls  # never the temporary HTML
    text = " ".join(page_texts(pdf))
    assert "news.example.org/grain-deal-expires.html" in text
    assert "example.org/un-offer" in text and "https://example.org/un-offer" not in text


def test_without_a_base_url_internal_related_headlines_are_plain_text(
    stories: Newsroom, tmp_path: Path
) -> None:
    stories.set_setting("base_url", "")
    [pdf] = print_pdfs(stories, ["russia-offers-talks"], tmp_path / "out").values()
    assert link_urls(pdf) == {"https://example.org/un-offer"}
    assert "Grain deal expires" in " ".join(page_texts(pdf))


def test_every_page_has_the_running_footer(stories: Newsroom, tmp_path: Path) -> None:
    name = 'Northern "Wire" </style> \\ é'  # what CSS and HTML would read as syntax
    stories.set_setting("name", name)
    article = stories.get("russia-offers-talks")
    stories.save(article.with_changes(body="\n\n".join([LONG_PARAGRAPH] * 14)))
    [pdf] = print_pdfs(stories, ["russia-offers-talks"], tmp_path / "out").values()
    pages = page_texts(pdf)
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert f"{name} · russia-offers-talks" in text, f"page {number}"
        assert f"Page {number} of {len(pages)}" in text, f"page {number}"


# Counted in a process of its own: in the test process, timers and threads that earlier
# tests left behind run in the printing's event loop and move True's count too.
_REFERENCES_TO_TRUE = """
import sys
from pathlib import Path
from newsroom.export.pdf import PdfJob, print_pdfs
folder = Path(sys.argv[1])
page = folder / "page.html"
page.write_text("<!DOCTYPE html><title>Page</title><p>Text</p>", encoding="utf-8")
print_pdfs([PdfJob(page, folder / "first.pdf")])  # Qt and Chromium are loaded now
before = sys.getrefcount(True)
printed = print_pdfs([PdfJob(page, folder / f"{number}.pdf") for number in range(30)])
print(len(printed), before, sys.getrefcount(True))
"""


def test_printing_many_pdfs_in_one_process_keeps_python_sound(tmp_path: Path) -> None:
    # PySide6 6.12 drops a reference to True on every SignalInstance.disconnect(); on
    # Python 3.11 a long export then ended in "Fatal Python error: bool_dealloc".
    run = subprocess.run(
        [sys.executable, "-c", _REFERENCES_TO_TRUE, str(tmp_path)],
        capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    printed, before, after = (int(figure) for figure in run.stdout.split())
    assert printed == 30
    assert after > before - 10


def test_a_printed_file_that_is_no_pdf_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "printed.pdf"
    broken.write_bytes(b"%PDF-1.4 cut short")
    with pytest.raises(NewsroomError, match=r"printed\.pdf: the printed PDF cannot be read"):
        describe_pdf(broken, PdfInfo(title="Headline"), "en")
