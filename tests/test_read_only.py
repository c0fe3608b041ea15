"""A newsroom this process cannot write opens read-only: reading works, writes are refused.

Two real cases: the file on a read-only file system (a read-only bind mount,
which needs root and mount rights) and a file with the immutable attribute
(chattr +i; tests run as root, where permission bits do not stop writes).
Each skips visibly when the machine cannot make it.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import Run, full_article, jpeg_bytes, newsroom_cli, write_json


def ok(db: Path, *args: str) -> Run:
    run = newsroom_cli(db, *args)
    assert run.code == 0, run.err
    return run


def make_newsroom(folder: Path) -> Path:
    folder.mkdir()
    db = folder / "newsroom.sqlite"
    photo = folder / "photo.jpg"
    photo.write_bytes(jpeg_bytes(800, 600))
    article = full_article(related=[], photo={"file": "photo.jpg", "caption": "The talks"})
    ok(db, "import", str(write_json(folder / "a.json", article)))
    ok(db, "import", str(write_json(folder / "b.json", {"headline": "Second story"})))
    photo.unlink()
    (folder / "a.json").unlink()
    (folder / "b.json").unlink()
    return db


@pytest.fixture
def on_read_only_mount(tmp_path: Path) -> Iterator[Path]:
    source = make_newsroom(tmp_path / "source").parent
    mounted = tmp_path / "mounted"
    mounted.mkdir()
    made = subprocess.run(["mount", "--bind", str(source), str(mounted)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot make a read-only mount here: {made.stderr.decode().strip()}")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(mounted)], check=True)
        yield mounted / "newsroom.sqlite"
    finally:
        subprocess.run(["umount", str(mounted)], check=True)


@pytest.fixture
def immutable_file(tmp_path: Path) -> Iterator[Path]:
    db = make_newsroom(tmp_path / "source")
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed (Debian package e2fsprogs)")
    made = subprocess.run(["chattr", "+i", str(db)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"this file system has no immutable attribute: {made.stderr.decode().strip()}")
    try:
        yield db
    finally:
        subprocess.run(["chattr", "-i", str(db)], check=True)


def _digest(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


def _reads_search_exports_and_backs_up(db: Path, tmp_path: Path, why: str) -> None:
    before = _digest(db)
    listed = ok(db, "list")
    assert [line.split("\t")[-1] for line in listed.out.splitlines()] == [
        "Second story",
        "Russia offers talks on grain corridor",
    ]
    notes = listed.err.splitlines()
    assert len(notes) == 1 and "read-only here" in notes[0] and why in notes[0]
    assert "Dmitry Peskov" in ok(db, "show", "russia-offers-talks").out
    assert ok(db, "search", "grain").out.splitlines()[0].endswith("grain corridor")
    pages = ok(db, "export", "--format", "html", "--all", "--out", str(tmp_path / "pages"))
    assert (tmp_path / "pages" / "russia-offers-talks.html").is_file(), pages.out
    assert list((tmp_path / "pages" / "media").glob("*.jpg"))
    for _ in range(2):  # the second export still knows the folder for this newsroom's site
        ok(db, "export", "--format", "site", "--all", "--out", str(tmp_path / "site"))
    assert (tmp_path / "site" / "index.html").is_file()
    ok(db, "backup", str(tmp_path / "copy.sqlite"))
    assert "Second story" in ok(tmp_path / "copy.sqlite", "list").out
    checked = ok(db, "check-db")
    assert "ok: search index: holds every article" in checked.out, checked.out
    refused = newsroom_cli(db, "set-status", "second-story", "ready")
    assert refused.code == 1
    assert refused.err.splitlines()[-1].startswith("newsroom: error: ")
    assert "read-only here" in refused.err and "nothing was saved" in refused.err
    assert _digest(db) == before


def test_a_newsroom_on_a_read_only_file_system_reads_and_refuses_writes(
    on_read_only_mount: Path, tmp_path: Path
) -> None:
    _reads_search_exports_and_backs_up(on_read_only_mount, tmp_path, "read-only file system")
    assert sorted(path.name for path in on_read_only_mount.parent.iterdir()) == ["newsroom.sqlite"]


def test_an_immutable_newsroom_reads_and_refuses_writes(
    immutable_file: Path, tmp_path: Path
) -> None:
    _reads_search_exports_and_backs_up(immutable_file, tmp_path, "cannot be written")
