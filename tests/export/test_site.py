"""The site's folder is shared ground: links, stray files, old manifests, other newsrooms.

Every test exports a real newsroom into a real folder with ``newsroom export
--format site`` (run in-process) and looks at what is on disk afterwards.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsroom.export.site import MANIFEST
from newsroom.export.site_quick import STATE
from newsroom.store import Newsroom
from tests.conftest import Cli, CliResult
from tests.helpers import jpeg_bytes


def _stories(index: int) -> list[dict[str, object]]:
    return [
        {
            "slug": f"story-{index}-{number}",
            "headline": f"Story {number} of newsroom {index}",
            "section": "World" if number % 2 else "Economy",
            "status": "published",
            "published_at": f"2021-06-{10 + number}T09:00:00+03:00",
            **({"photo": {"file": "photo.jpg", "caption": "A photo"}} if number == 1 else {}),
        }
        for number in range(1, 4)
    ]


def make_newsroom(target: Path | str, name: str, index: int = 1, *, files: Path) -> None:
    (files / "photo.jpg").write_bytes(jpeg_bytes(800, 500))
    with Newsroom.open(target, create=True, author="tester") as newsroom:
        newsroom.set_setting("name", name)
        newsroom.set_setting("base_url", "https://news.example.org")
        newsroom.import_json(_stories(index), base_dir=files)


@pytest.fixture
def site(cli: Cli, tmp_path: Path) -> Path:
    make_newsroom(cli.db, "Northern Wire", files=tmp_path)
    return tmp_path / "site"


def export(cli: Cli, site: Path, *extra: str, db: Path | None = None) -> CliResult:
    args = ["export", "--all", "--format", "site", "--out", str(site), *extra]
    if db is None:
        return cli(*args)
    return Cli(db, cli._capsys, cli._monkeypatch)(*args)


def assert_one_line_error(result: CliResult, *words: str) -> None:
    assert result.code == 1, result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsroom: error: "), result.err
    for word in words:
        assert word in lines[0], lines[0]


def files_in(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


# --- folders that are links or files --------------------------------------------------


@pytest.mark.parametrize("folder", ["media", "section"])
def test_a_folder_that_is_a_symbolic_link_is_never_followed(
    cli: Cli, site: Path, tmp_path: Path, folder: str
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    site.mkdir()
    (site / folder).symlink_to(elsewhere, target_is_directory=True)
    result = export(cli, site)
    assert_one_line_error(result, str(site / folder), "symbolic link")
    assert list(elsewhere.iterdir()) == []


def test_a_folder_linked_after_the_first_export_is_refused_too(
    cli: Cli, site: Path, tmp_path: Path
) -> None:
    cli.ok("export", "--all", "--format", "site", "--out", str(site))
    elsewhere = tmp_path / "elsewhere"
    (site / "media").rename(elsewhere)
    (site / "media").symlink_to(elsewhere, target_is_directory=True)
    before = files_in(elsewhere)
    result = export(cli, site)
    assert_one_line_error(result, str(site / "media"), "symbolic link")
    assert files_in(elsewhere) == before


@pytest.mark.parametrize("folder", ["media", "section"])
def test_a_file_where_a_folder_belongs_is_a_one_line_error(
    cli: Cli, site: Path, folder: str
) -> None:
    site.mkdir()
    (site / folder).write_text("not a folder")
    result = export(cli, site)
    assert_one_line_error(result, str(site / folder), "not a folder")
    assert (site / folder).read_text() == "not a folder"


# --- what a manifest may delete -----------------------------------------------------------


def test_a_foreign_manifest_cannot_delete_files_we_did_not_write(cli: Cli, site: Path) -> None:
    site.mkdir()
    (site / "notes.txt").write_text("my notes")
    (site / MANIFEST).write_text(json.dumps({"files": {"notes.txt": "x", "index.html": "y"}}))
    cli.ok("export", "--all", "--format", "site", "--out", str(site))
    assert (site / "notes.txt").read_text() == "my notes"


def test_a_stale_manifest_cannot_delete_a_file_it_lists(cli: Cli, site: Path) -> None:
    cli.ok("export", "--all", "--format", "site", "--out", str(site))
    manifest = json.loads((site / MANIFEST).read_text())
    (site / "notes.txt").write_text("my notes")
    manifest["files"]["notes.txt"] = "made by an older export"
    (site / MANIFEST).write_text(json.dumps(manifest))
    result = cli.ok("export", "--all", "--format", "site", "--out", str(site))
    assert (site / "notes.txt").read_text() == "my notes"
    assert "notes.txt" not in json.loads((site / MANIFEST).read_text())["files"]
    assert "removed" not in result.err


def test_a_page_changed_by_hand_is_left_and_reported_once(cli: Cli, site: Path) -> None:
    cli.ok("export", "--all", "--format", "site", "--out", str(site))
    page = site / "story-1-2.html"
    page.write_text(page.read_text() + "<!-- edited by hand -->")
    cli.ok("unpublish", "story-1-2", "--reason", "wrong")
    first = cli.ok("export", "--all", "--format", "site", "--out", str(site))
    assert page.is_file()
    assert first.err.count(str(page)) == 1, first.err
    assert "changed since" in first.err
    second = cli.ok("export", "--all", "--format", "site", "--out", str(site))
    assert str(page) not in second.err


def test_an_unchanged_page_of_a_killed_story_is_still_removed(cli: Cli, site: Path) -> None:
    cli.ok("export", "--all", "--format", "site", "--out", str(site))
    cli.ok("unpublish", "story-1-2", "--reason", "wrong")
    result = cli.ok("export", "--all", "--format", "site", "--out", str(site))
    assert not (site / "story-1-2.html").exists()
    assert f"removed {site / 'story-1-2.html'}" in result.err


def test_manifest_entries_outside_the_folder_are_dropped(
    cli: Cli, site: Path, tmp_path: Path
) -> None:
    cli.ok("export", "--all", "--format", "site", "--out", str(site))
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    manifest = json.loads((site / MANIFEST).read_text())
    manifest["files"]["../outside.txt"] = "x"
    manifest["files"][str(outside)] = "x"
    manifest.setdefault("sha256", {})["../outside.txt"] = "0" * 64
    (site / MANIFEST).write_text(json.dumps(manifest))
    cli.ok("export", "--all", "--format", "site", "--out", str(site))
    cli.ok("export", "--all", "--format", "site", "--out", str(site))
    assert outside.read_text() == "keep me"
    names = json.loads((site / MANIFEST).read_text())["files"]
    assert not [name for name in names if ".." in name or name.startswith("/")]


@pytest.mark.parametrize("damage", ["{not json", "[1, 2]", '{"files": 3}', "\udcff"])
def test_a_damaged_manifest_is_read_as_empty_with_a_warning(
    cli: Cli, site: Path, damage: str
) -> None:
    cli.ok("export", "--all", "--format", "site", "--out", str(site))
    (site / "old-page.html").write_text("an old page")
    (site / MANIFEST).write_bytes(damage.encode("utf-8", "surrogateescape"))
    result = cli.ok("export", "--all", "--format", "site", "--out", str(site))
    assert (site / "old-page.html").is_file()
    assert f"newsroom: warning: {site / MANIFEST}: " in result.err
    assert "nothing is removed" in result.err
    again = cli.ok("export", "--all", "--format", "site", "--out", str(site))
    assert again.err == "" and again.out == ""


# --- whose folder it is -------------------------------------------------------------------


def test_another_newsrooms_site_is_refused_unless_replaced(
    cli: Cli, site: Path, tmp_path: Path
) -> None:
    cli.ok("export", "--all", "--format", "site", "--out", str(site))
    theirs = files_in(site)
    other = tmp_path / "other" / "newsroom.sqlite"
    other.parent.mkdir()
    make_newsroom(other, "Southern Post", index=2, files=other.parent)
    refused = export(cli, site, db=other)
    assert_one_line_error(refused, str(site), "Northern Wire", "--replace")
    assert files_in(site) == theirs
    replaced = export(cli, site, "--replace", db=other)
    assert replaced.code == 0, replaced.err
    assert (site / "story-2-1.html").is_file()
    assert not (site / "story-1-1.html").exists()
    # Now it is the other newsroom's folder.
    assert_one_line_error(export(cli, site), "Southern Post", "--replace")


def test_the_same_newsroom_keeps_its_folder_across_opens(cli: Cli, site: Path) -> None:
    cli.ok("export", "--all", "--format", "site", "--out", str(site))
    with Newsroom.open(cli.db) as newsroom:
        first = newsroom.identity()
    with Newsroom.open(cli.db) as newsroom:
        assert newsroom.identity() == first
    cli.ok("export", "--all", "--format", "site", "--out", str(site))


def test_a_site_from_before_manifests_named_their_newsroom_is_adopted(cli: Cli, site: Path) -> None:
    cli.ok("export", "--all", "--format", "site", "--out", str(site))
    manifest = json.loads((site / MANIFEST).read_text())
    legacy = {"generator": manifest["generator"], "files": manifest["files"]}
    (site / MANIFEST).write_text(json.dumps(legacy))
    cli.ok("unpublish", "story-1-2", "--reason", "wrong")
    result = cli.ok("export", "--all", "--format", "site", "--out", str(site))
    # Without a recorded hash the old page is not provably ours: it stays, said once.
    assert (site / "story-1-2.html").is_file()
    assert "story-1-2.html" in result.err
    assert "newsroom" in json.loads((site / MANIFEST).read_text())


def test_a_folder_without_a_manifest_gets_the_site_alongside(cli: Cli, site: Path) -> None:
    site.mkdir()
    (site / "notes.txt").write_text("my notes")
    (site / "media").mkdir()
    (site / "media" / "logo.png").write_bytes(b"png")
    cli.ok("export", "--all", "--format", "site", "--out", str(site))
    assert (site / "index.html").is_file()
    assert (site / "notes.txt").read_text() == "my notes"
    assert (site / "media" / "logo.png").read_bytes() == b"png"


# --- interrupted exports ----------------------------------------------------------------------


def test_a_killed_exports_partial_files_are_removed_by_the_next_run(cli: Cli, site: Path) -> None:
    cli.ok("export", "--all", "--format", "site", "--out", str(site))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    dead_pid = int(gone.stdout)
    leftovers = [
        site / f".index.html.{dead_pid}.partial",
        site / "media" / f".photo.jpg.{dead_pid}.partial",
        site / "section" / f".world.html.{dead_pid}.partial",
    ]
    for leftover in leftovers:
        leftover.write_bytes(b"half a page")
    (site / STATE).unlink()  # as the killed export left it: forgotten before its first file
    mine = site / ".notes.txt.partial"  # not a name our writer makes
    mine.write_text("keep")
    cli.ok("export", "--all", "--format", "site", "--out", str(site))
    assert [leftover for leftover in leftovers if leftover.exists()] == []
    assert mine.read_text() == "keep"
