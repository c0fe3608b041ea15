"""The wheel: resources and migrations travel inside it, and it works installed on its own."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [built] = out.glob("newsroom-*.whl")
    return built


def test_the_wheel_carries_resources_and_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "newsroom/_resources/demo/articles.json" in names
    assert "newsroom/_resources/demo/photos/walruses.jpg" in names
    assert "newsroom/storage/migrations/versions/0002_search.py" in names
    assert "newsroom/storage/migrations/script.py.mako" in names
    assert "ui/app.py" in names
    assert not any(name.startswith(("tests/", "bench/")) for name in names)


def test_the_user_guide_has_one_source_and_it_ships(wheel: Path) -> None:
    """resources/help/user-guide.md is the guide; docs/user-guide.md only points there."""
    source = ROOT / "resources" / "help" / "user-guide.md"
    with zipfile.ZipFile(wheel) as built:
        assert built.read("newsroom/_resources/help/user-guide.md") == source.read_bytes()
    pointer = (ROOT / "docs" / "user-guide.md").read_text(encoding="utf-8")
    assert "../resources/help/user-guide.md" in pointer and "\n## " not in pointer
    headings = [
        line for line in source.read_text(encoding="utf-8").splitlines() if line[:3] == "## "
    ]
    documents = [ROOT / "README.md", *ROOT.glob("docs/**/*.md"), *ROOT.glob("resources/**/*.md")]
    copies = [
        path.relative_to(ROOT)
        for path in documents
        if path != source
        and sum(heading in path.read_text(encoding="utf-8") for heading in headings) > 2
    ]
    assert len(headings) >= 8 and copies == []
    assert "(resources/help/user-guide.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_installed_wheel_works_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    scratch = tmp_path / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(scratch)], check=True, timeout=120
    )
    python = scratch / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    # The dependencies come from the test environment's site-packages (a plain
    # path: its .pth files, among them the editable checkout, are not read).
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")

    where = subprocess.run(
        [
            str(python),
            "-c",
            "import newsroom, newsroom.resources as r; print(newsroom.__file__); print(r.root())",
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    ).stdout.splitlines()
    assert all(line.startswith(str(scratch)) for line in where), where
    assert where[1].endswith("newsroom/_resources")

    newsroom = scratch / "bin" / "newsroom"
    db = tmp_path / "from-wheel.sqlite"
    init = subprocess.run(
        [str(newsroom), "--db", str(db), "init", "--demo"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert init.returncode == 0, init.stderr
    assert len(init.stdout.splitlines()) == 7  # "created …" and six articles
    shown = json.loads(
        subprocess.run(
            [str(newsroom), "--db", str(db), "show", "walrus-count-arctic-station", "--json"],
            check=True,
            capture_output=True,
            text=True,
            cwd=tmp_path,
        ).stdout
    )
    assert shown["photo"]["media_type"] == "image/jpeg" and shown["photo"]["width"] == 1200
    assert shown["dateline"]["text"] == "MURMANSK, November 24."
    # Rendering reads the theme (templates, CSS) from inside the installed package.
    pages = tmp_path / "pages"
    exported = subprocess.run(
        [str(newsroom), "--db", str(db), "export", "walrus-count-arctic-station", "--format", "html",
         "--out", str(pages)],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    page = (pages / "walrus-count-arctic-station.html").read_text(encoding="utf-8")
    assert "Arctic station counts record number of walruses" in page
    assert "prefers-color-scheme" in (pages / "newsroom.css").read_text(encoding="utf-8")
    # The app's user guide reads from inside the installed package too.
    guide = subprocess.run(
        [str(python), "-c", "from ui.help.guide import guide_html; print(guide_html())"],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert guide.returncode == 0, guide.stderr
    assert '<h2 id="writing-an-article">Writing an article</h2>' in guide.stdout
