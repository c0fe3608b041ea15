"""Related headlines readers cannot open are left out of what readers and partners get.

A story relates to a published story, a draft and an outside page. Every
export a reader or partner receives (a page, the PDF, NITF, NewsML-G2, ninjs,
the site) carries the published one and the outside link, never the draft;
``export`` says how many it left out. The editor's preview shows the draft,
marked. Markdown and JSON, the article's own source files, keep every one.
Once the draft is published, every format carries it.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from newsroom.article import Status
from newsroom.export.runner import ExportRequest, run_export
from newsroom.render.preview_links import PreviewMedia, render_preview
from newsroom.store import Newsroom
from tests.conftest import Cli
from tests.helpers import full_article, jpeg_bytes

DRAFT = "Talks schedule still open"
PUBLISHED = "Grain deal expires"
OUTSIDE = "UN welcomes the offer"
LEFT_OUT = "newsroom: warning: left out 1 related headline that is not published\n"


def related_story() -> dict[str, object]:
    return full_article(
        related=[
            {"slug": "grain-deal-expires"},
            {"slug": "talks-schedule"},
            {"headline": OUTSIDE, "url": "https://example.org/un-offer"},
        ]
    )


@pytest.fixture
def stories(tmp_path: Path, made_db_target: Path | str) -> Iterator[Newsroom]:
    with Newsroom.open(made_db_target, create=True, author="tester") as newsroom:
        newsroom.set_setting("base_url", "https://news.example.org/")
        newsroom.import_json(
            [
                {"slug": "grain-deal-expires", "headline": PUBLISHED, "status": "published",
                 "published_at": "2021-06-27T18:30:00+03:00"},
                {"slug": "talks-schedule", "headline": DRAFT, "status": "ready"},
                related_story(),
            ],
            base_dir=tmp_path,
        )  # fmt: skip
        yield newsroom


def exported_text(newsroom: Newsroom, fmt: str, folder: Path) -> tuple[str, list[str]]:
    """Everything the export wrote for the story, as text, and its notes."""
    result = run_export(newsroom, ExportRequest(fmt, folder, refs=["russia-offers-talks"]))
    texts = []
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".pdf":
            texts.append(_pdf_text(path))
        elif path.is_file() and path.suffix in (".html", ".xml", ".json", ".md"):
            texts.append(path.read_text(encoding="utf-8"))
    return "\n".join(texts), result.notes


def _pdf_text(path: Path) -> str:
    import subprocess

    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True)
    return " ".join(done.stdout.split())


FOR_READERS = ["html", "nitf", "newsml", "ninjs", pytest.param("pdf", marks=pytest.mark.slow)]


@pytest.mark.parametrize("fmt", FOR_READERS)
def test_a_draft_related_story_is_left_out_and_counted(
    stories: Newsroom, tmp_path: Path, fmt: str
) -> None:
    if fmt == "pdf" and shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed: the PDF cannot be read back")
    text, notes = exported_text(stories, fmt, tmp_path / "out")
    assert PUBLISHED in text and OUTSIDE in text
    assert DRAFT not in text and "talks-schedule" not in text
    assert notes == ["left out 1 related headline that is not published"]


@pytest.mark.parametrize("fmt", FOR_READERS)
def test_once_published_it_is_carried(stories: Newsroom, tmp_path: Path, fmt: str) -> None:
    if fmt == "pdf" and shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed: the PDF cannot be read back")
    stories.set_status("talks-schedule", Status.PUBLISHED)
    text, notes = exported_text(stories, fmt, tmp_path / "out")
    assert PUBLISHED in text and OUTSIDE in text and DRAFT in text
    assert notes == []


def test_the_articles_own_source_files_keep_every_related_headline(
    stories: Newsroom, tmp_path: Path
) -> None:
    for fmt in ("md", "json"):
        text, notes = exported_text(stories, fmt, tmp_path / fmt)
        assert "talks-schedule" in text, fmt
        assert notes == [], fmt


def test_the_site_leaves_it_out_until_it_is_published(stories: Newsroom, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = run_export(stories, ExportRequest("site", site, all_articles=True))
    page = lxml_html.document_fromstring((site / "russia-offers-talks.html").read_text())
    assert [a.text for a in page.xpath("//a[@class='related-headline']")] == [PUBLISHED, OUTSIDE]
    assert result.notes == ["left out 1 related headline that is not published"]
    stories.set_status("talks-schedule", Status.PUBLISHED)
    result = run_export(stories, ExportRequest("site", site, all_articles=True))
    page = lxml_html.document_fromstring((site / "russia-offers-talks.html").read_text())
    assert [a.get("href") for a in page.xpath("//a[@class='related-headline']")] == [
        "grain-deal-expires.html", "talks-schedule.html", "https://example.org/un-offer",
    ]  # fmt: skip
    assert result.notes == []


def test_the_preview_shows_it_marked_not_yet_published(stories: Newsroom) -> None:
    page = lxml_html.document_fromstring(
        render_preview(stories.get("russia-offers-talks"), PreviewMedia(stories)).html
    )
    items = page.xpath("//section[@class='related']//li")
    assert [item.xpath(".//*[contains(@class, 'related-headline')]")[0].text for item in items] == [
        PUBLISHED, DRAFT, OUTSIDE,
    ]  # fmt: skip
    marks = [item.xpath(".//span[@class='related-unpublished']/text()") for item in items]
    assert marks == [[], ["not yet published"], []]


def test_the_command_says_how_many_it_left_out(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(
        json.dumps(
            [
                {"slug": "grain-deal-expires", "headline": PUBLISHED, "status": "published"},
                {"slug": "talks-schedule", "headline": DRAFT},
                {"slug": "killed-story", "headline": "Killed", "status": "published"},
                related_story() | {"related": [
                    {"slug": "grain-deal-expires"}, {"slug": "talks-schedule"},
                    {"slug": "killed-story"},
                ]},
            ]
        ),
        encoding="utf-8",
    )  # fmt: skip
    cli.ok("import", str(tmp_path / "a.json"))
    cli.ok("set-status", "killed-story", "killed")
    result = cli.ok(
        "export", "russia-offers-talks", "--format", "nitf", "--out", str(tmp_path / "n")
    )
    assert result.err == "newsroom: warning: left out 2 related headlines that are not published\n"
    cli.ok("set-status", "talks-schedule", "published")
    result = cli.ok(
        "export", "russia-offers-talks", "--format", "ninjs", "--out", str(tmp_path / "j")
    )
    assert result.err == LEFT_OUT  # the killed one
    result = cli.ok("export", "russia-offers-talks", "--format", "md", "--out", str(tmp_path / "m"))
    assert result.err == ""


# --- what needs a base URL ------------------------------------------------------------------


@pytest.fixture
def with_photo(tmp_path: Path, made_db_target: Path | str) -> Iterator[Newsroom]:
    (tmp_path / "photo.jpg").write_bytes(jpeg_bytes(800, 500))
    with Newsroom.open(made_db_target, create=True, author="tester") as newsroom:
        newsroom.import_json(
            [full_article(related=[], photo={"file": "photo.jpg", "caption": "C.", "alt": "A"})],
            base_dir=tmp_path,
        )
        yield newsroom


def head_links(page: Path) -> dict[str, list[str]]:
    tree = lxml_html.document_fromstring(page.read_text(encoding="utf-8"))
    [ld] = tree.xpath("//script[@type='application/ld+json']/text()")
    data = json.loads(ld)
    return {
        "canonical": tree.xpath("//link[@rel='canonical']/@href"),
        "og": tree.xpath("//meta[starts-with(@property, 'og:') and "
                         "(@property='og:url' or @property='og:image')]/@content"),
        "twitter": tree.xpath("//meta[@name='twitter:image']/@content"),
        "ld": [data[key]["url"] if key == "image" else data[key]
               for key in ("url", "image") if key in data],
    }  # fmt: skip


def test_a_site_without_a_base_url_leaves_out_what_must_be_absolute(
    with_photo: Newsroom, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    result = run_export(with_photo, ExportRequest("site", site, all_articles=True))
    assert not (site / "sitemap.xml").exists()
    assert head_links(site / "russia-offers-talks.html") == {
        "canonical": [], "og": [], "twitter": [], "ld": [],
    }  # fmt: skip
    index = lxml_html.document_fromstring((site / "index.html").read_text(encoding="utf-8"))
    assert index.xpath("//link[@rel='canonical']") == []
    [warning] = result.warnings  # said once
    assert "Settings" not in str(warning) and "newsroom config base_url" in str(warning)

    # With one, all of them are there and absolute; clearing it takes the sitemap away again.
    with_photo.set_setting("base_url", "https://news.example.org/")
    result = run_export(with_photo, ExportRequest("site", site, all_articles=True))
    assert result.warnings == []
    found = head_links(site / "russia-offers-talks.html")
    page = "https://news.example.org/russia-offers-talks.html"
    assert found["canonical"] == [page] and found["og"][0] == page
    image = found["og"][1]
    assert image.startswith("https://news.example.org/media/") and image.endswith(".jpg")
    assert found["twitter"] == [image] and found["ld"] == [page, image]
    locs = etree.parse(str(site / "sitemap.xml")).getroot()
    assert all(loc.text.startswith("https://") for loc in locs.iter("{*}loc"))
    with_photo.set_setting("base_url", "")
    result = run_export(with_photo, ExportRequest("site", site, all_articles=True))
    assert site / "sitemap.xml" in result.removed and not (site / "sitemap.xml").exists()


def test_a_self_contained_page_has_no_data_uri_as_its_image(
    with_photo: Newsroom, tmp_path: Path
) -> None:
    with_photo.set_setting("base_url", "https://news.example.org/")
    request = ExportRequest("html", tmp_path / "one", refs=["russia-offers-talks"],
                            self_contained=True)  # fmt: skip
    run_export(with_photo, request)
    found = head_links(tmp_path / "one" / "russia-offers-talks.html")
    assert found["og"] == ["https://news.example.org/russia-offers-talks.html"]  # og:url only
    assert found["twitter"] == [] and found["ld"] == [
        "https://news.example.org/russia-offers-talks.html"
    ]


NITF_NS = "http://iptc.org/std/NITF/2006-10-18/"
G2_NS = "http://iptc.org/std/nar/2006-10-01/"


def _related_links(fmt: str, folder: Path) -> list[dict[str, str]]:
    """The related stories' links as a partner's XML reader sees them (attributes by name)."""
    if fmt == "nitf":
        tree = etree.parse(str(folder / "russia-offers-talks.nitf.xml"))
        items = tree.iterfind(f".//{{{NITF_NS}}}block[@class='related']//{{{NITF_NS}}}li")
        return [
            {"text": " ".join("".join(li.itertext()).split()),
             **{key: a.get(key, "") for a in li.iterfind(f".//{{{NITF_NS}}}a") for key in a.attrib}}
            for li in items
        ]  # fmt: skip
    text_item = folder / "russia-offers-talks.text.newsml.xml"  # beside its package
    if not text_item.exists():  # no photo: the text item alone
        text_item = folder / "russia-offers-talks.newsml.xml"
    tree = etree.parse(str(text_item))
    links = tree.iterfind(f".//{{{G2_NS}}}itemMeta/{{{G2_NS}}}link[@rel='irel:seeAlso']")
    return [dict(link.attrib) for link in links]


@pytest.mark.parametrize("fmt", ["nitf", "newsml"])
def test_without_a_base_url_a_partner_gets_no_page_name_for_a_link(
    stories: Newsroom, tmp_path: Path, fmt: str
) -> None:
    """``grain-deal-expires.html`` opens nothing where a partner reads the file: no link
    then (NITF: the headline as text; NewsML-G2: the story's item guid); with a base URL
    the story's web address."""
    stories.set_setting("base_url", "")
    run_export(stories, ExportRequest(fmt, tmp_path / "bare", refs=["russia-offers-talks"]))
    bare = _related_links(fmt, tmp_path / "bare")
    assert all(not link.get("href", "").endswith(".html") for link in bare), bare
    outside = [link for link in bare if link.get("href") == "https://example.org/un-offer"]
    assert len(outside) == 1  # an outside page keeps its address
    if fmt == "newsml":
        assert {"residref": "urn:newsroom:newsroom:grain-deal-expires", "rel": "irel:seeAlso",
                "title": PUBLISHED} in bare  # fmt: skip
    else:
        assert any(link["text"] == PUBLISHED and "href" not in link for link in bare), bare

    stories.set_setting("base_url", "https://news.example.org/")
    run_export(stories, ExportRequest(fmt, tmp_path / "site", refs=["russia-offers-talks"]))
    hrefs = [link.get("href") for link in _related_links(fmt, tmp_path / "site")]
    assert "https://news.example.org/grain-deal-expires.html" in hrefs
