"""Quick re-exports: after editing stories, only the pages that show them are made again.

Each test exports a real newsroom, changes it, exports again, and compares the
folder with a fresh export of the same newsroom into an empty folder, byte for
byte: whichever path a re-export takes, the site must be the one a full export
makes. Whether the quick path ran is seen in its records: the manifest stays as
the last full export wrote it, and the quick re-export's files are listed apart.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsroom.article import Status
from newsroom.errors import NewsroomError
from newsroom.export.site import MANIFEST, RECENT, SiteReport, export_site
from newsroom.export.site_quick import STATE
from newsroom.store import Newsroom
from tests.helpers import ROOT

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
RECORDS = {MANIFEST, RECENT, STATE}
COUNT = 120  # three pages of the news feed


def _story(number: int) -> dict[str, object]:
    story: dict[str, object] = {
        "slug": f"story-{number}",
        "headline": f"Story number {number}",
        "section": ("World", "Economy", "Sport")[number % 3],
        "body": f"Text of story {number}.",
        "status": "published",
        "published_at": f"2024-05-{1 + number // 24:02d}T{number % 24:02d}:00:00+00:00",
    }
    if number == 5:
        story["related"] = [{"slug": "story-60"}, {"slug": "story-draft"}]
    return story


@pytest.fixture
def stories(tmp_path: Path, made_db_target: Path | str) -> Iterator[Newsroom]:
    with Newsroom.open(made_db_target, create=True, author="tester") as newsroom:
        newsroom.set_setting("base_url", "https://news.example.org/")
        drafts = [{"slug": "story-draft", "headline": "A draft", "status": "draft"}]
        newsroom.import_json([*map(_story, range(COUNT)), *drafts], base_dir=tmp_path)
        yield newsroom


def files_in(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name not in RECORDS
    }


def reexport(newsroom: Newsroom, site: Path, tmp_path: Path) -> tuple[SiteReport, set[str]]:
    """Export again; assert the site is what a fresh export makes; the names written."""
    report = export_site(newsroom, site, now=NOW)
    fresh = tmp_path / f"fresh-{len(list(tmp_path.iterdir()))}"
    export_site(newsroom, fresh, now=NOW)
    assert files_in(site) == files_in(fresh)
    return report, {str(path.relative_to(site)) for path in report.written}


def edit(newsroom: Newsroom, slug: str, **changes: object) -> None:
    newsroom.save(newsroom.get(slug).with_changes(**changes))


@pytest.fixture
def site(stories: Newsroom, tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    export_site(stories, folder, now=NOW)
    return folder


def quick_ran(site: Path, manifest_before: bytes) -> bool:
    return (site / MANIFEST).read_bytes() == manifest_before and (site / RECENT).exists()


def test_an_edit_rewrites_its_page_the_listings_showing_it_and_the_feeds(
    stories: Newsroom, site: Path, tmp_path: Path
) -> None:
    manifest = (site / MANIFEST).read_bytes()
    # story-60 is the 60th newest of 120: page 2 of the news feed, page 1 of World's 40;
    # story-5 names it among its related headlines. (atom.xml's "updated" moves with any
    # edit, to the second; the sitemap's lastmod only when the day changes.)
    edit(stories, "story-60", headline="Story sixty, updated")
    report, written = reexport(stories, site, tmp_path)
    assert quick_ran(site, manifest)
    assert written - {"atom.xml"} == {
        "story-60.html",
        "story-5.html",
        "news/2.html",
        "section/world.html",
    }
    assert report.rendered == 2


def test_an_edit_of_a_story_others_name_rewrites_their_pages_too(
    stories: Newsroom, site: Path, tmp_path: Path
) -> None:
    manifest = (site / MANIFEST).read_bytes()
    edit(stories, "story-60", headline="Story sixty, renamed headline")
    _, written = reexport(stories, site, tmp_path)
    assert quick_ran(site, manifest)
    assert "story-5.html" in written  # its related headline shows the new headline
    assert "Story sixty, renamed headline" in (site / "story-5.html").read_text()


def test_an_edit_among_the_latest_rewrites_latest_html(
    stories: Newsroom, site: Path, tmp_path: Path
) -> None:
    manifest = (site / MANIFEST).read_bytes()
    edit(stories, f"story-{COUNT - 1}", subtitle="New subtitle")
    _, written = reexport(stories, site, tmp_path)
    assert quick_ran(site, manifest)
    assert {"latest.html", "index.html", f"story-{COUNT - 1}.html"} <= written


def test_nothing_changed_writes_nothing(stories: Newsroom, site: Path, tmp_path: Path) -> None:
    manifest = (site / MANIFEST).read_bytes()
    report, written = reexport(stories, site, tmp_path)
    assert (site / MANIFEST).read_bytes() == manifest
    assert written == set() and report.rendered == 0


def test_a_renamed_story_leaves_its_old_page_and_others_point_to_the_new(
    stories: Newsroom, site: Path, tmp_path: Path
) -> None:
    stories.rename("story-60", "story-sixty")
    _, written = reexport(stories, site, tmp_path)
    assert not (site / "story-60.html").exists()
    assert {"story-sixty.html", "story-5.html"} <= written
    assert 'href="story-sixty.html"' in (site / "story-5.html").read_text()


def test_a_deleted_story_loses_its_page_even_after_quick_edits(
    stories: Newsroom, site: Path, tmp_path: Path
) -> None:
    edit(stories, "story-60", headline="Edited once")
    reexport(stories, site, tmp_path)
    edit(stories, "story-60", headline="Edited twice")
    reexport(stories, site, tmp_path)
    stories.delete("story-60")
    report, _ = reexport(stories, site, tmp_path)
    assert not (site / "story-60.html").exists()
    assert site / "story-60.html" in report.removed  # the quick edits' hashes were kept
    assert report.kept == []


def test_a_draft_named_as_related_changed_updates_the_page_naming_it(
    stories: Newsroom, site: Path, tmp_path: Path
) -> None:
    stories.set_status(
        "story-draft", Status.PUBLISHED, published_at=datetime(2024, 4, 1, tzinfo=UTC)
    )
    _, written = reexport(stories, site, tmp_path)
    assert {"story-draft.html", "story-5.html"} <= written


def test_a_section_change_rewrites_both_sections_pages(
    stories: Newsroom, site: Path, tmp_path: Path
) -> None:
    edit(stories, "story-60", section="Sport")
    _, written = reexport(stories, site, tmp_path)
    assert {"section/sport.html", "section/world.html"} <= written


def test_a_manifest_changed_by_hand_takes_the_full_path(
    stories: Newsroom, site: Path, tmp_path: Path
) -> None:
    (site / MANIFEST).write_bytes((site / MANIFEST).read_bytes() + b" ")
    edit(stories, "story-60", headline="After the manifest was touched")
    reexport(stories, site, tmp_path)
    assert not (site / RECENT).exists()  # the full path wrote the manifest anew


def test_a_page_removed_by_hand_comes_back_at_the_next_full_export(
    stories: Newsroom, site: Path, tmp_path: Path
) -> None:
    (site / STATE).unlink()  # as an export stopped half way leaves it
    (site / "story-7.html").unlink()
    _, written = reexport(stories, site, tmp_path)
    assert written == {"story-7.html"}


# A full site export in its own process, killed (SIGKILL: no clean-up at all) once it has
# written its first pages, as a crash or a power cut leaves it.
KILLED_EXPORT = """
import os, signal, sys
from datetime import datetime
from pathlib import Path
from newsroom.export.site import export_site
from newsroom.store import Newsroom

def die(stage, done, total):
    os.kill(os.getpid(), signal.SIGKILL)

with Newsroom.open(sys.argv[1]) as newsroom:
    export_site(newsroom, Path(sys.argv[2]), now=datetime.fromisoformat(sys.argv[3]), progress=die)
"""


def half_written(site: Path, name: str, pid: int) -> Path:
    """The temporary file ``files.write_atomically`` leaves for ``name`` when process
    ``pid`` dies in the middle of it."""
    path = site / f".{name}.{pid}.partial"
    path.write_text("<!DOCTYPE html><p>half a pa")
    return path


def a_dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_an_export_killed_half_way_leads_to_the_full_path_and_its_scan(
    stories: Newsroom, site: Path, tmp_path: Path, db_target: Path | str
) -> None:
    stories.set_setting("name", "Renamed")  # every page to render again
    killed = subprocess.Popen(
        [sys.executable, "-c", KILLED_EXPORT, str(db_target), str(site), NOW.isoformat()],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    _, errors = killed.communicate(timeout=120)
    assert killed.returncode == -signal.SIGKILL, errors
    assert (site / MANIFEST).exists() and not (site / STATE).exists()
    leftover = half_written(site, "story-3.html", killed.pid)
    manifest = (site / MANIFEST).read_bytes()
    edit(stories, "story-60", headline="Edited after the kill")  # alone, a quick edit
    reexport(stories, site, tmp_path)
    assert not quick_ran(site, manifest)
    assert not leftover.exists()


def test_a_quick_export_that_fails_half_way_leads_to_the_full_path(
    stories: Newsroom, site: Path, tmp_path: Path
) -> None:
    (site / "news" / "2.html").unlink()
    (site / "news" / "2.html").mkdir()  # the listing showing story-60 cannot be written
    edit(stories, "story-60", headline="Edited, then the export fails")
    with pytest.raises(NewsroomError, match=r"2\.html"):
        export_site(stories, site, now=NOW)
    assert (site / "story-60.html").exists() and not (site / STATE).exists()
    (site / "news" / "2.html").rmdir()
    leftover = half_written(site, "story-60.html", a_dead_pid())
    manifest = (site / MANIFEST).read_bytes()
    reexport(stories, site, tmp_path)
    assert not quick_ran(site, manifest)
    assert not leftover.exists()


def test_after_a_clean_finish_the_quick_path_skips_the_scan_and_the_full_path_does_not(
    stories: Newsroom, site: Path, tmp_path: Path
) -> None:
    # The state is there, so the last export finished: nothing of it can be half written.
    # A file left by some other writer waits for the next full export.
    leftover = half_written(site, "story-60.html", a_dead_pid())
    manifest = (site / MANIFEST).read_bytes()
    edit(stories, "story-60", headline="A quick edit")
    export_site(stories, site, now=NOW)
    assert quick_ran(site, manifest) and leftover.exists()
    stories.delete("story-61")  # the full path
    export_site(stories, site, now=NOW)
    assert not leftover.exists()
