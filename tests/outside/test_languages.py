"""A Russian and an Arabic article, read by tools that are not ours.

The newsroom is English; one article is Russian, one Arabic. Each must reach
readers and partners in its own language: the page's ``lang`` and ``dir``
(parsed by lxml's HTML parser, as a browser's would read it), ninjs
``language`` (validated by ``jsonschema`` against the ninjs 2.2 schema),
NITF and NewsML-G2 ``xml:lang`` (the IPTC XSDs still validate), and the Atom
entry's language as feedparser reports it. Before issue 13 every one of them
said ``en`` and ``ltr``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from lxml import etree, html

from tests.helpers import newsroom_cli

REFDATA = Path(__file__).resolve().parents[3] / "shared" / "refdata"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NITF = "{http://iptc.org/std/NITF/2006-10-18/}"
NAR = "{http://iptc.org/std/nar/2006-10-01/}"

STORIES = {
    "ru": {
        "headline": "Россия предлагает переговоры",
        "slug": "talks",
        "language": "ru",
        "dateline": {"city": "Москва", "date": "2021-06-28"},
        "lead": "Кремль заявил о готовности к переговорам.",
        "body": "Первый абзац.\n\nВторой абзац.",
    },
    "ar": {
        "headline": "محادثات في القاهرة",
        "slug": "cairo",
        "language": "ar",
        "dateline": {"city": "القاهرة", "date": "2021-06-28"},
        "lead": "قال المتحدث إن المحادثات ستبدأ.",
        "body": "الفقرة الأولى.",
    },
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("languages")
    db = folder / "newsroom.sqlite"
    _ok(newsroom_cli(db, "init", "--name", "Northern Wire", "--agency", "TASS"))
    _ok(newsroom_cli(db, "config", "base_url", "https://news.example.org"))
    _ok(newsroom_cli(db, "config", "agency_names", "ru=ТАСС"))
    stories = [
        {**story, "status": "published", "published_at": "2021-06-28T10:05:00+03:00"}
        for story in STORIES.values()
    ]
    (folder / "stories.json").write_text(json.dumps(stories), encoding="utf-8")
    _ok(newsroom_cli(db, "import", str(folder / "stories.json")))
    for form in ("ninjs", "nitf", "newsml", "site"):
        _ok(newsroom_cli(db, "export", "--all", "--format", form, "--out", str(folder / form)))
    return folder


def _ok(run: Any) -> None:
    assert run.code == 0, run.err


@pytest.mark.parametrize(("slug", "lang", "direction", "dateline"), [
    ("talks", "ru", "ltr", "МОСКВА, 28 июня. /ТАСС/."),
    ("cairo", "ar", "rtl", "القاهرة, June 28. /TASS/."),
])  # fmt: skip
def test_the_page_is_in_the_article_s_language(
    exported: Path, slug: str, lang: str, direction: str, dateline: str
) -> None:
    page = html.parse(str(exported / "site" / f"{slug}.html")).getroot()
    assert (page.get("lang"), page.get("dir")) == (lang, direction)
    assert page.findtext(".//span[@class='dateline']") == dateline
    # The frame around the story (masthead, sidebar, footer) stays the newsroom's English.
    for frame in page.xpath("//header[@class='masthead'] | //aside | //footer"):
        assert (frame.get("lang"), frame.get("dir")) == ("en", "ltr")
    [published] = page.xpath("//time[@class='published']")
    assert published.text.startswith("28 июня 2021" if lang == "ru" else "28 June 2021")
    # A date in English words keeps its order on a right-to-left page: its direction is its
    # own (Arabic has no month names of ours yet; "2021 June 28" read right to left is wrong).
    assert published.get("dir") == "auto"


def test_the_front_page_is_in_the_newsroom_s_language(exported: Path) -> None:
    page = html.parse(str(exported / "site" / "index.html")).getroot()
    assert (page.get("lang"), page.get("dir")) == ("en", "ltr")


@pytest.mark.parametrize(("slug", "lang"), [("talks", "ru"), ("cairo", "ar")])
def test_ninjs_says_the_language_and_passes_the_schema(
    exported: Path, slug: str, lang: str
) -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")
    schema_file = REFDATA / "ninjs" / "ninjs-schema_2.2.json"
    if not schema_file.is_file():
        pytest.skip(f"the ninjs 2.2 schema is not at {schema_file}")
    document = json.loads((exported / "ninjs" / f"{slug}.ninjs.json").read_text("utf-8"))
    assert document["language"] == lang
    schema = json.loads(schema_file.read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert [error.message for error in validator.iter_errors(document)] == []


def _xsd(*names: str) -> etree.XMLSchema:
    for name in names:
        found = sorted(REFDATA.rglob(name))
        if found:
            parser = etree.XMLParser(no_network=True)
            return etree.XMLSchema(etree.parse(str(found[0]), parser))
    pytest.skip(f"no schema named {' or '.join(names)} under {REFDATA}")


@pytest.mark.parametrize(("slug", "lang"), [("talks", "ru"), ("cairo", "ar")])
def test_nitf_carries_xml_lang_and_stays_valid(exported: Path, slug: str, lang: str) -> None:
    document = etree.parse(str(exported / "nitf" / f"{slug}.nitf.xml"))
    assert document.getroot().get(XML_LANG) == lang
    schema = _xsd("nitf-3-6.xsd")
    assert schema.validate(document), schema.error_log


@pytest.mark.parametrize(("slug", "lang"), [("talks", "ru"), ("cairo", "ar")])
def test_newsml_g2_carries_xml_lang_and_stays_valid(exported: Path, slug: str, lang: str) -> None:
    document = etree.parse(str(exported / "newsml" / f"{slug}.newsml.xml"))
    root = document.getroot()  # no photo: the text newsItem alone, else a package
    items = [root] if root.tag == f"{NAR}newsItem" else document.findall(f".//{NAR}newsItem")
    assert items and {item.get(XML_LANG) for item in items} == {lang}
    assert {inline.get(XML_LANG) for inline in document.iter(f"{NAR}inlineXML")} == {lang}
    schema = _xsd("NewsML-G2_2.*-spec-All-Power.xsd", "NewsML-G2*All-Power*.xsd")
    assert schema.validate(document), schema.error_log


def test_feedparser_reads_each_entry_s_language(exported: Path) -> None:
    feedparser = pytest.importorskip("feedparser", reason="feedparser is not installed")
    feed = feedparser.parse((exported / "site" / "atom.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.language == "en"
    languages = {entry.title: entry.title_detail.language for entry in feed.entries}
    assert languages == {STORIES["ru"]["headline"]: "ru", STORIES["ar"]["headline"]: "ar"}


def test_the_news_feed_marks_a_story_in_another_language(exported: Path) -> None:
    """The front page is English; each foreign story's line says its own language."""
    page = html.parse(str(exported / "site" / "index.html")).getroot()
    marked = {
        item.findtext(".//a[@class='listing-headline']"): item.get("lang")
        for item in page.xpath("//li[@class='listing-item']")
    }
    assert marked == {STORIES["ru"]["headline"]: "ru", STORIES["ar"]["headline"]: "ar"}


@pytest.fixture(scope="module")
def printed(exported: Path) -> Path:
    from newsroom.export.runner import ExportRequest, run_export
    from newsroom.store import Newsroom

    with Newsroom.open(exported / "newsroom.sqlite") as newsroom:
        run_export(newsroom, ExportRequest("pdf", exported / "pdf", refs=["talks", "cairo"]))
    return exported / "pdf"


@pytest.mark.slow
@pytest.mark.parametrize(("slug", "lang", "dateline"), [
    ("talks", "ru", "МОСКВА, 28 июня. /ТАСС/."),
    ("cairo", "ar", "القاهرة"),
])  # fmt: skip
def test_the_pdf_is_in_the_article_s_language(
    printed: Path, slug: str, lang: str, dateline: str
) -> None:
    """exiftool reads the catalog's /Lang; pdftotext finds the localized dateline."""
    for tool in ("exiftool", "pdftotext"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (make test-tools installs it)")
    pdf = str(printed / f"{slug}.pdf")
    language = subprocess.run(["exiftool", "-s3", "-PDF:Language", pdf], capture_output=True,
                              text=True, check=True).stdout.strip()  # fmt: skip
    assert language == lang
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True)
    assert dateline in " ".join(text.stdout.split())


@pytest.mark.parametrize(("slug", "dateline", "day"), [
    ("talks", "МОСКВА, 28 июня. /ТАСС/.", "28 июня 2021"),
    ("cairo", "القاهرة, June 28. /TASS/.", "June 28, 2021"),  # Arabic: English month names
])  # fmt: skip
def test_each_interchange_format_carries_the_localized_dateline(
    exported: Path, slug: str, dateline: str, day: str
) -> None:
    """ninjs's dateline description in the house style; NITF's structured dateline (also
    inside NewsML-G2) with the city as written and the date in the article's language."""
    ninjs = json.loads((exported / "ninjs" / f"{slug}.ninjs.json").read_text("utf-8"))
    described = {item["role"]: item["value"] for item in ninjs.get("descriptions", [])}
    assert described.get("dateline") == dateline
    city = STORIES["ru" if slug == "talks" else "ar"]["dateline"]["city"]
    for form, name in (("nitf", f"{slug}.nitf.xml"), ("newsml", f"{slug}.newsml.xml")):
        root = etree.parse(str(exported / form / name)).getroot()
        [line] = root.iter(f"{NITF}dateline")
        assert root.findtext(f".//{NITF}dateline//{NITF}city") == city, form
        assert line.findtext(f"{NITF}story.date") == day, form
