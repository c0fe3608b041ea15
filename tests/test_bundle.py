"""The desktop integration files and the PyInstaller bundle built from packaging/."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
APP_ID = "io.newsroom.Newsroom"


def test_the_desktop_file_validates_and_names_the_app() -> None:
    desktop = PACKAGING / f"{APP_ID}.desktop"
    text = desktop.read_text(encoding="utf-8")
    assert "Exec=newsroom-app" in text and f"Icon={APP_ID}" in text
    # The app announces the same desktop file name, so docks match its windows to it.
    assert f'setDesktopFileName("{APP_ID}")' in (ROOT / "ui" / "app.py").read_text()
    if shutil.which("desktop-file-validate") is None:
        pytest.skip("desktop-file-validate (Debian's desktop-file-utils) is not installed")
    result = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_the_appstream_metadata_validates() -> None:
    metainfo = PACKAGING / f"{APP_ID}.metainfo.xml"
    tree = etree.parse(str(metainfo))
    assert tree.findtext("id") == APP_ID
    assert tree.find("launchable").text == f"{APP_ID}.desktop"
    if shutil.which("appstreamcli") is None:
        pytest.skip("appstreamcli (Debian's appstream) is not installed")
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(metainfo)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_icon_is_an_svg_with_its_own_colours() -> None:
    svg = etree.parse(str(PACKAGING / "icons" / f"{APP_ID}.svg")).getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert "currentColor" not in etree.tostring(svg).decode()  # a launcher has no text colour


@pytest.mark.xdist_group("apps")
@pytest.mark.slow
def test_the_bundle_runs_the_app_and_the_command_line(tmp_path: Path) -> None:
    pytest.importorskip(
        "PyInstaller", reason="PyInstaller is not installed (make test installs it)"
    )
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", str(PACKAGING / "newsroom.spec"), "--noconfirm",
         "--distpath", str(tmp_path / "dist"), "--workpath", str(tmp_path / "build")],
        capture_output=True, text=True, timeout=900, cwd=ROOT,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr[-3000:]
    bundle = tmp_path / "dist" / "newsroom"
    app = bundle / "newsroom-app"
    assert_left_out_what_the_app_does_not_use(bundle / "_internal")
    assert_every_library_loads(bundle / "_internal")
    # The user guide (Help ▸ User guide) travels with resources/, byte for byte.
    [guide] = (tmp_path / "dist" / "newsroom").glob("**/newsroom/_resources/help/user-guide.md")
    assert guide.read_bytes() == (ROOT / "resources" / "help" / "user-guide.md").read_bytes()
    # Outside the checkout and the venv: only what the bundle carries.
    env = {
        "PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen",
        "QTWEBENGINE_DISABLE_SANDBOX": "1", "XDG_STATE_HOME": str(tmp_path / "state"),
    }  # fmt: skip
    run = {"capture_output": True, "text": True, "timeout": 180, "env": env, "cwd": tmp_path}
    version = subprocess.run([str(app), "--version"], **run)
    assert version.stdout.startswith("newsroom-app ")
    cli_version = subprocess.run([str(app), "--newsroom-cli", "--version"], **run)
    assert cli_version.stdout.startswith("newsroom "), cli_version.stderr[-2000:]
    db, png = tmp_path / "n.sqlite", tmp_path / "window.png"
    shot = subprocess.run([str(app), "--db", str(db), "--screenshot", str(png)], **run)
    assert shot.returncode == 0 and png.stat().st_size > 50_000, shot.stderr[-2000:]
    assert_the_preview_is_drawn(png)
    listed = subprocess.run([str(app), "--newsroom-cli", "--db", str(db), "list"], **run)
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 6  # the sample stories
    # The checks' word lists travel inside the bundle: English and Russian spelling work.
    checked = subprocess.run([str(app), "--newsroom-cli", "--db", str(db), "check", "--all"], **run)
    assert checked.returncode == 1, checked.stderr[-2000:]  # the sample draft's long headline
    spelling = [line for line in checked.stdout.splitlines() if "[spelling.unknown]" in line]
    assert spelling and all("snowploughs" in line for line in spelling), checked.stdout
    pdf = subprocess.run(
        [str(app), "--newsroom-cli", "--db", str(db), "export", "night-train-returns",
         "--format", "pdf", "--out", str(tmp_path / "pdf")], **run,
    )  # fmt: skip
    assert pdf.returncode == 0, pdf.stderr[-2000:]
    assert (tmp_path / "pdf" / "night-train-returns.pdf").read_bytes().startswith(b"%PDF-")


def assert_left_out_what_the_app_does_not_use(internal: Path) -> None:
    """packaging/bundle_trim.py's rules held: no QML, one Chromium locale, no unused bindings."""
    qt = internal / "PySide6" / "Qt"
    assert not (qt / "qml").exists()
    assert [path.name for path in (qt / "translations").rglob("*.*")] == ["en-US.pak"]
    bindings = {path.name.split(".")[0] for path in (internal / "PySide6").glob("Qt*.so")}
    assert {"QtWebEngineWidgets", "QtSvg"} <= bindings
    assert not bindings & {"QtQuick", "QtQml", "QtMultimedia", "Qt3DCore", "QtCharts"}
    assert not list(internal.glob("libgtk-3*"))  # only GTK's platform theme needed it
    assert (qt / "resources" / "icudtl.dat").is_file()
    assert (qt / "libexec" / "QtWebEngineProcess").is_file()
    if (internal / "libnss3.so").exists():  # Chromium's NSS opens its modules by name
        assert (internal / "libsoftokn3.so").is_file() and (internal / "libnssckbi.so").is_file()


LOAD_EVERY_LIBRARY = """
import ctypes, os, sys
from pathlib import Path
for path in sorted(Path(sys.argv[1]).rglob("*")):
    if path.is_file() and not path.is_symlink() and "libpython" not in path.name:
        with path.open("rb") as file:
            if file.read(4) == b"\\x7fELF" and path.name != "QtWebEngineProcess":
                ctypes.CDLL(str(path), mode=os.RTLD_LAZY)
"""


def assert_every_library_loads(internal: Path) -> None:
    """Each shared library and extension module, stripped or not, is one the loader takes."""
    paths = f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"
    loaded = subprocess.run(
        [sys.executable, "-c", LOAD_EVERY_LIBRARY, str(internal)],
        capture_output=True, text=True, timeout=120,
        env={"LD_LIBRARY_PATH": paths, "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert loaded.returncode == 0, loaded.stderr[-2000:]


def assert_the_preview_is_drawn(png: Path) -> None:
    """The preview (the window's right third) shows the page: a photo's many colours, no blank."""
    with Image.open(png) as shot:
        width, height = shot.size
        preview = shot.convert("RGB").crop((width * 2 // 3, height // 8, width, height))
        colours = preview.getcolors(maxcolors=1_000_000) or []
    assert len(colours) > 2000, f"{len(colours)} colours in the preview: not drawn?"
