"""HTML pages, the static site and PDF, exported for real into folders and read back."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import etree
from lxml import html as lxml_html

from newsroom.article import Status
from newsroom.errors import SettingRequiredError
from newsroom.export.runner import ExportRequest, run_export
from newsroom.export.site import MANIFEST, export_site
from newsroom.export.site_quick import STATE
from newsroom.store import Newsroom
from tests.conftest import Cli
from tests.helpers import jpeg_bytes, write_json

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def local_links(page: Path) -> list[str]:
    """Every href/src of a page that points inside the export (not http, not #, not data:)."""
    document = lxml_html.document_fromstring(page.read_text(encoding="utf-8"))
    found = []
    for element in document.iter():
        for attribute in ("href", "src", "srcset"):
            value = element.get(attribute) if isinstance(element.tag, str) else None
            if value and not urlsplit(value).scheme and not value.startswith("#"):
                found.append(value)
    return found


def assert_links_resolve(folder: Path) -> int:
    checked = 0
    for page in folder.rglob("*.html"):
        for link in local_links(page):
            target = (page.parent / link).resolve()
            assert target.is_file(), f"{page.relative_to(folder)} links to missing {link}"
            checked += 1
    return checked


def test_html_export_writes_page_css_and_web_renditions(stories: Newsroom, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_export(stories, ExportRequest("html", out, refs=["russia-offers-talks"]))
    names = sorted(str(path.relative_to(out)) for path in result.written)
    assert len([name for name in names if name.startswith("media/")]) == 2
    assert {"russia-offers-talks.html", "newsroom.css", "favicon.svg"} <= set(names)
    assert assert_links_resolve(out) >= 3
    page = lxml_html.document_fromstring((out / "russia-offers-talks.html").read_text())
    jpeg = out / page.xpath("//img")[0].get("src")
    webp = out / page.xpath("//source")[0].get("srcset")
    from PIL import Image

    with Image.open(jpeg) as image:
        assert (
            image.format == "JPEG" and image.width == 1200
        )  # a web rendition, not the 1600-px original
    with Image.open(webp) as image:
        assert image.format == "WEBP"
    original = jpeg_bytes(1600, 1000)
    assert all(path.read_bytes() != original for path in out.rglob("*") if path.is_file())


def test_self_contained_page_needs_nothing_else(stories: Newsroom, tmp_path: Path) -> None:
    out = tmp_path / "single"
    run_export(
        stories, ExportRequest("html", out, refs=["russia-offers-talks"], self_contained=True)
    )
    assert [path.name for path in out.iterdir()] == ["russia-offers-talks.html"]
    page = lxml_html.document_fromstring((out / "russia-offers-talks.html").read_text())
    assert page.xpath("//link[@rel='stylesheet']") == []
    assert "prefers-color-scheme" in page.xpath("//style")[0].text
    assert page.xpath("//img")[0].get("src").startswith("data:image/jpeg;base64,")


def links_of(page: Path) -> list[str]:
    document = lxml_html.document_fromstring(page.read_text(encoding="utf-8"))
    return [
        value
        for element in document.iter()
        if isinstance(element.tag, str)
        for attribute in ("href", "src", "srcset")
        if (value := element.get(attribute))
    ]


def assert_links_are_in_the_folder_or_absolute(folder: Path) -> list[str]:
    """Every link of every page is a file in the folder, an http(s) URL or inside the page."""
    found = []
    for page in folder.glob("*.html"):
        for link in links_of(page):
            scheme = urlsplit(link).scheme
            if scheme in ("http", "https", "data") or link.startswith("#"):
                continue
            assert not scheme and (folder / link).is_file(), f"{page.name} links to {link}"
        found += links_of(page)
    return found


@pytest.mark.parametrize("self_contained", [False, True])
def test_a_single_page_links_to_other_articles_on_the_site(
    stories: Newsroom, tmp_path: Path, self_contained: bool
) -> None:
    out = tmp_path / "one"
    request = ExportRequest(
        "html", out, refs=["russia-offers-talks"], self_contained=self_contained
    )
    run_export(stories, request)
    assert_links_are_in_the_folder_or_absolute(out)
    page = lxml_html.document_fromstring((out / "russia-offers-talks.html").read_text())
    assert page.xpath("//a[@class='related-headline']/@href") == [
        "https://news.example.org/grain-deal-expires.html",  # base URL + the site's path
        "https://example.org/un-offer",
    ]
    assert "https://news.example.org/older-story.html" in page.xpath(
        "//a[@class='feed-headline']/@href"
    )


def test_without_a_base_url_a_single_page_names_other_articles_without_links(
    stories: Newsroom, tmp_path: Path
) -> None:
    stories.set_setting("base_url", "")
    out = tmp_path / "one"
    run_export(stories, ExportRequest("html", out, refs=["russia-offers-talks"]))
    links = assert_links_are_in_the_folder_or_absolute(out)
    others = {f"{summary.slug}.html" for summary in stories.articles()} - {
        "russia-offers-talks.html"
    }
    assert not [link for link in links if any(link.endswith(page) for page in others)]
    page = lxml_html.document_fromstring((out / "russia-offers-talks.html").read_text())
    assert page.xpath("//span[@class='related-headline']/text()") == ["Grain deal expires"]
    assert "An older story" in page.xpath("//span[@class='feed-headline']/text()")


def test_pages_exported_together_link_to_each_other(stories: Newsroom, tmp_path: Path) -> None:
    stories.set_setting("base_url", "")
    out = tmp_path / "two"
    run_export(
        stories, ExportRequest("html", out, refs=["russia-offers-talks", "grain-deal-expires"])
    )
    assert_links_are_in_the_folder_or_absolute(out)
    page = lxml_html.document_fromstring((out / "russia-offers-talks.html").read_text())
    assert page.xpath("//a[@class='related-headline']/@href")[0] == "grain-deal-expires.html"


def test_the_site(stories: Newsroom, tmp_path: Path) -> None:
    site = tmp_path / "site"
    report = export_site(stories, site)
    files = {str(path.relative_to(site)) for path in site.rglob("*") if path.is_file()}
    assert {"index.html", "atom.xml", "sitemap.xml", "newsroom.css", MANIFEST} <= files
    assert {"russia-offers-talks.html", "grain-deal-expires.html", "older-story.html"} <= files
    assert "a-draft.html" not in files  # only published stories
    assert {"section/politics.html", "section/economy.html"} <= files
    assert assert_links_resolve(site) > 20
    index = lxml_html.document_fromstring((site / "index.html").read_text())
    assert [a.text for a in index.xpath("//a[@class='listing-headline']")] == [
        "Russia offers talks on grain corridor", "Grain deal expires", "An older story",
    ]  # fmt: skip
    atom = etree.parse(str(site / "atom.xml")).getroot()
    assert atom.tag == f"{ATOM}feed"
    entries = atom.findall(f"{ATOM}entry")
    assert len(entries) == 3
    for entry in entries:
        for child in ("id", "title", "updated", "published", "link"):
            assert entry.find(f"{ATOM}{child}") is not None
    assert (
        entries[0].find(f"{ATOM}link").get("href")
        == "https://news.example.org/russia-offers-talks.html"
    )
    locs = [
        loc.text for loc in etree.parse(str(site / "sitemap.xml")).getroot().iter(f"{SITEMAP}loc")
    ]
    assert "https://news.example.org/older-story.html" in locs
    assert len(report.written) == len(files - {MANIFEST, STATE})  # everything is new the first time


def test_re_export_rewrites_only_what_changed(stories: Newsroom, tmp_path: Path) -> None:
    site = tmp_path / "site"
    export_site(stories, site)
    again = export_site(stories, site)
    assert again.written == [] and again.rendered == 0
    older = stories.get("older-story")
    stories.save(older.with_changes(headline="An older story, revised"))
    changed = export_site(stories, site)
    names = {str(path.relative_to(site)) for path in changed.written}
    # Its page, the latest news, the listings and feeds; not the rest.
    assert "older-story.html" in names and "index.html" in names and "atom.xml" in names
    assert "latest.html" in names  # the frame in every page's sidebar lists it
    assert "russia-offers-talks.html" not in names  # its sidebar frames latest.html
    assert "section/politics.html" not in names
    assert "media/" not in " ".join(names)


def test_killed_stories_leave_the_site(stories: Newsroom, tmp_path: Path) -> None:
    site = tmp_path / "site"
    export_site(stories, site)
    stories.set_status("grain-deal-expires", Status.KILLED)
    report = export_site(stories, site)
    assert site / "grain-deal-expires.html" in report.removed
    assert not (site / "grain-deal-expires.html").exists()
    assert not (site / "section" / "economy.html").exists()
    page = lxml_html.document_fromstring((site / "russia-offers-talks.html").read_text())
    assert [a.text for a in page.xpath("//a[@class='related-headline']")] == [
        "UN welcomes the offer"
    ]
    assert assert_links_resolve(site) > 10


def site_files(site: Path) -> set[str]:
    return {str(path.relative_to(site)) for path in site.rglob("*") if path.is_file()}


def test_a_scheduled_story_joins_the_site_when_its_time_comes(
    stories: Newsroom, tmp_path: Path
) -> None:
    goes_live = datetime(2099, 6, 28, 7, 5, tzinfo=UTC)
    # In the section of the story that relates to it, so the sections stay the same.
    grain = stories.get("grain-deal-expires")
    stories.save(grain.with_changes(section="Politics", published_at=goes_live))
    site = tmp_path / "site"
    export_site(stories, site, now=goes_live - timedelta(seconds=1))
    files = site_files(site)
    assert "grain-deal-expires.html" not in files
    everything = " ".join(
        (site / name).read_text(encoding="utf-8")
        for name in files
        if name.endswith((".html", ".xml"))
    )
    assert "grain-deal-expires" not in everything  # no feed, listing, atom, sitemap or related
    assert "Grain deal expires" not in everything

    # The clock moves past its time: the next export has it, everywhere.
    report = export_site(stories, site, now=goes_live)
    written = {str(path.relative_to(site)) for path in report.written}
    assert {"grain-deal-expires.html", "section/politics.html", "index.html"} <= written
    assert {"atom.xml", "sitemap.xml"} <= written
    assert "russia-offers-talks.html" in written  # its "Read more" now points there
    assert "older-story.html" not in written  # nothing it shows has changed
    index = lxml_html.document_fromstring((site / "index.html").read_text())
    assert index.xpath("//a[@class='listing-headline']")[0].text == "Grain deal expires"
    page = lxml_html.document_fromstring((site / "russia-offers-talks.html").read_text())
    assert [a.get("href") for a in page.xpath("//a[@class='related-headline']")] == [
        "grain-deal-expires.html", "https://example.org/un-offer",
    ]  # fmt: skip
    locs = [loc.text for loc in etree.parse(str(site / "sitemap.xml")).iter(f"{SITEMAP}loc")]
    assert "https://news.example.org/grain-deal-expires.html" in locs
    atom = etree.parse(str(site / "atom.xml")).getroot()
    assert atom.find(f"{ATOM}entry/{ATOM}title").text == "Grain deal expires"
    assert_links_resolve(site)


def test_an_unpublished_story_leaves_the_site(stories: Newsroom, tmp_path: Path) -> None:
    site = tmp_path / "site"
    export_site(stories, site)
    stories.set_status("older-story", Status.DRAFT, reason="Wrong figures")
    report = export_site(stories, site)
    assert report.removed == [site / "older-story.html"]
    assert "older-story" not in (site / "index.html").read_text()
    assert "older-story" not in (site / "sitemap.xml").read_text()
    assert_links_resolve(site)


def test_the_feed_is_paginated(tmp_path: Path) -> None:
    with Newsroom.open(tmp_path / "n.sqlite", create=True) as newsroom:
        newsroom.import_json(
            [{"headline": f"Story {n}", "status": "published", "section": "World",
              "published_at": f"2024-01-{1 + n // 24:02d}T{n % 24:02d}:00:00Z"} for n in range(120)],
            base_dir=None,
        )  # fmt: skip
        export_site(newsroom, tmp_path / "site")
    site = tmp_path / "site"
    assert (site / "news" / "2.html").is_file() and (site / "news" / "3.html").is_file()
    assert not (site / "news" / "4.html").exists()
    assert (site / "section" / "world" / "3.html").is_file()
    second = lxml_html.document_fromstring((site / "news" / "2.html").read_text())
    assert len(second.xpath("//li[@class='listing-item']")) == 50
    assert second.xpath("//a[@rel='prev']")[0].get("href") == "../index.html"
    assert second.xpath("//a[@rel='next']")[0].get("href") == "../news/3.html"
    assert assert_links_resolve(site) > 100


@pytest.mark.slow
def test_pdf_export(stories: Newsroom, tmp_path: Path) -> None:
    result = run_export(stories, ExportRequest("pdf", tmp_path, refs=["russia-offers-talks"]))
    [pdf] = result.written
    assert pdf == tmp_path / "russia-offers-talks.pdf"
    assert pdf.stat().st_mode & 0o044 == 0o044  # readable by others, like every exported file
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    assert re.search(rb"/MediaBox \[\s*0 0 59[45]\.?\d* 84[12]", data), "not A4"
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: the PDF's text was not checked")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Russia offers talks on grain corridor" in text
    assert "MOSCOW, June 28. /TASS/." in text
    assert "The Kremlin at dawn" in text
    images = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert len(images.strip().splitlines()) >= 3  # header lines and the photo


def test_export_from_the_command_line(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "p.jpg").write_bytes(jpeg_bytes())
    cli.ok("import", str(write_json(tmp_path / "a.json", [
        {"slug": "one", "headline": "One", "status": "published", "photo": {"file": "p.jpg"}},
        {"slug": "two", "headline": "Two", "status": "published"},
    ])))  # fmt: skip
    out = tmp_path / "out"
    lines = cli.ok("export", "one", "two", "--format", "html", "--out", str(out)).lines
    assert {Path(line).name for line in lines} >= {"one.html", "two.html", "newsroom.css"}
    assert all(Path(line).is_file() for line in lines)
    site_lines = cli.ok(
        "export", "--all", "--format", "site", "--out", str(tmp_path / "site")
    ).lines
    assert str(tmp_path / "site" / "index.html") in site_lines
    assert cli.ok("export", "--all", "--format", "site", "--out", str(tmp_path / "site")).out == ""
    failed = cli("export", "ghost", "--format", "html", "--out", str(tmp_path / "x"))
    assert failed.code == 1 and "ghost: no such article" in failed.err
    assert not any((tmp_path / "x").glob("*.html"))
    for args, message in [
        (["one", "--all"], "give article names or --all, not both"),
        ([], "name the articles (id or slug), or give --all"),
        (["one", "--self-contained", "--format", "md"], "--self-contained goes with --format html"),
        (["one"], "a site holds every published article"),
    ]:
        fmt = [] if "--format" in args else ["--format", "site" if args == ["one"] else "html"]
        result = cli("export", *args, *fmt, "--out", str(tmp_path / "y"))
        assert result.code == 1 and message in result.err, (args, result.err)
    usage = cli("export", "one", "--format", "docx", "--out", str(tmp_path / "y"))
    assert usage.code == 2


def test_a_site_without_a_base_url_names_the_missing_setting(cli: Cli, tmp_path: Path) -> None:
    cli.ok(
        "import", str(write_json(tmp_path / "a.json", {"headline": "One", "status": "published"}))
    )
    result = cli.ok("export", "--all", "--format", "site", "--out", str(tmp_path / "site"))
    # The command line's words, said once; the app reads the setting from the error.
    assert result.err == (
        "newsroom: warning: base_url is not set, so the site has no sitemap.xml, no canonical "
        "or og:url links, no og:image and no links in atom.xml (they must be absolute); "
        "set it with 'newsroom config base_url https://…'\n"
    )
    with Newsroom.open(cli.db) as newsroom:
        [warning] = run_export(
            newsroom, ExportRequest("site", tmp_path / "site", all_articles=True)
        ).warnings
    assert isinstance(warning, SettingRequiredError) and warning.setting == "base_url"
    assert warning.message.startswith("base_url is not set, so the site has no sitemap.xml")


@pytest.mark.slow
def test_ctrl_c_leaves_no_half_written_files(tmp_path: Path) -> None:
    db = tmp_path / "big.sqlite"
    with Newsroom.open(db, create=True) as newsroom:
        newsroom.import_json(
            [{"headline": f"Story {n}", "body": "A short story.", "status": "published",
              "published_at": f"2024-02-01T00:{n % 60:02d}:00Z"} for n in range(3000)],
            base_dir=None,
        )  # fmt: skip
    site = tmp_path / "site"
    command = [str(Path(sys.executable).with_name("newsroom")), "--db", str(db), "export", "--all",
               "--format", "site", "--out", str(site)]  # fmt: skip
    # As from a terminal: Ctrl+C at its default. A process started with SIGINT ignored (as
    # an xdist worker sometimes is) passes that on, and Python then never sees the signal:
    # the export ran to the end and exited 0 in two clean-clone runs.
    as_from_a_terminal = [sys.executable, "-c", "import os, signal, sys; "
                          "signal.signal(signal.SIGINT, signal.SIG_DFL); "
                          "os.execv(sys.argv[1], sys.argv[1:])"]  # fmt: skip
    process = subprocess.Popen([*as_from_a_terminal, *command], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(site.glob("*.html"))) < 100:
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "newsroom: interrupted" in err and "Traceback" not in err
    assert not [path for path in site.rglob("*") if ".partial" in path.name]
    pages = list(site.glob("*.html"))
    assert 0 < len(pages) < 3002
    for page in pages:
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>")
    # The next run finishes the job.
    finished = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert len(list(site.glob("*.html"))) == 3002  # the stories, index.html and latest.html


@pytest.mark.parametrize(
    ("fmt", "suffix"),
    [("nitf", ".nitf.xml"), ("newsml", ".newsml.xml"), ("ninjs", ".ninjs.json"), ("md", ".md"),
     ("json", ".json")],
)  # fmt: skip
def test_export_import_export_from_the_command_line(
    cli: Cli, tmp_path: Path, fmt: str, suffix: str
) -> None:
    """The command line round trip: what one newsroom exports, another imports as the same article."""
    (tmp_path / "p.jpg").write_bytes(jpeg_bytes(1200, 800))  # already rendition-sized
    cli.ok("import", str(write_json(tmp_path / "a.json", [
        {"slug": "story", "headline": "Story «quoted»", "subtitle": "Sub", "section": "World",
         "byline": "A. Writer", "dateline": {"city": "Kazan", "date": "2024-05-01"},
         "lead": "Lead.", "body": "Para *one*.\n\n## Sub\n\n> A quote.\n\n- a\n- b",
         "quotes": [{"text": "Hello", "speaker": "S", "role": "R", "pull": True}],
         "photo": {"file": "p.jpg", "caption": "Cap", "credit": "TASS", "alt": "Alt"},
         "related": [{"headline": "Out", "subtitle": "There", "url": "https://example.org/x"}],
         "mark": "Updated", "status": "published", "published_at": "2024-05-01T10:00:00+03:00",
         "tags": ["one", "two"]},
    ])))  # fmt: skip
    first = tmp_path / "first"
    written = cli.ok("export", "story", "--format", fmt, "--out", str(first)).lines
    # NewsML-G2 writes a package with its items beside it: the package is imported.
    [main_file] = [Path(p) for p in written if Path(p).name == f"story{suffix}"]
    other = Cli(tmp_path / "other.sqlite", cli._capsys, cli._monkeypatch)
    time.sleep(1.05)  # the second newsroom's save times always differ: no flaky pass
    assert other.ok("import", str(main_file)).lines == ["1\tstory"]
    second = tmp_path / "second"
    other.ok("export", "story", "--format", fmt, "--out", str(second))
    if fmt == "json":  # read-only bookkeeping differs between two newsrooms
        import json

        a, b = (json.loads((folder / "story.json").read_text()) for folder in (first, second))
        for key in ("id", "revision", "created_at", "updated_at"):
            a.pop(key), b.pop(key)
        assert a == b
        return
    original, again = (folder / f"story{suffix}" for folder in (first, second))
    # Bookkeeping each newsroom keeps for itself (save times, revision numbers).
    volatile = re.compile(
        rb"(sent|lastmod|created|updated|versioncreated|firstcreated|version|revision)[^\n,<]*",
        re.IGNORECASE,
    )
    assert volatile.sub(b"", original.read_bytes()) == volatile.sub(b"", again.read_bytes())


def test_newsml_writes_a_package_with_its_items_or_a_message_on_request(
    cli: Cli, tmp_path: Path
) -> None:
    (tmp_path / "p.jpg").write_bytes(jpeg_bytes(1200, 800))
    cli.ok("import", str(write_json(tmp_path / "a.json", [
        {"slug": "with-photo", "headline": "With a photo",
         "photo": {"file": "p.jpg", "caption": "Cap", "credit": "TASS", "alt": "Alt"}},
        {"slug": "text-only", "headline": "Text only"},
    ])))  # fmt: skip
    package = tmp_path / "package"
    written = cli.ok("export", "--all", "--format", "newsml", "--out", str(package)).lines
    assert sorted(Path(p).relative_to(package).as_posix() for p in written) == [
        "media/with-photo.jpg", "text-only.newsml.xml", "with-photo.newsml.xml",
        "with-photo.picture.newsml.xml", "with-photo.text.newsml.xml",
    ]  # fmt: skip
    nar = "{http://iptc.org/std/nar/2006-10-01/}"
    assert etree.parse(package / "with-photo.newsml.xml").getroot().tag == f"{nar}packageItem"
    assert etree.parse(package / "text-only.newsml.xml").getroot().tag == f"{nar}newsItem"

    message = tmp_path / "message"
    written = cli.ok(
        "export", "--all", "--format", "newsml", "--newsml-message", "--out", str(message)
    ).lines
    assert sorted(Path(p).relative_to(message).as_posix() for p in written) == [
        "media/with-photo.jpg", "text-only.newsml.xml", "with-photo.newsml.xml",
    ]  # fmt: skip
    root = etree.parse(message / "with-photo.newsml.xml").getroot()
    assert root.tag == f"{nar}newsMessage" and len(root.find(f"{nar}itemSet")) == 2

    wrong = cli("export", "--all", "--format", "ninjs", "--newsml-message", "--out", "x")
    assert (wrong.code, wrong.err) == (
        1,
        "newsroom: error: --newsml-message goes with --format newsml\n",
    )
