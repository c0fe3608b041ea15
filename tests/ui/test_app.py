"""``newsroom-app`` as a user starts it: --version, --screenshot, and a window on a real X screen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from newsroom.store import Newsroom

APP = Path(sys.executable).with_name("newsroom-app")


def app_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "QTWEBENGINE_DISABLE_SANDBOX": "1", **extra}


def test_newsroom_app_answers_version_without_a_display() -> None:
    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    result = subprocess.run(
        [str(APP), "--version"], capture_output=True, text=True, timeout=60, env=env
    )
    assert result.returncode == 0 and result.stdout.startswith("newsroom-app ")


@pytest.mark.xdist_group("apps")
def test_screenshot_shows_the_article_and_its_preview(tmp_path: Path) -> None:
    db, png = tmp_path / "newsroom.sqlite", tmp_path / "window.png"
    result = subprocess.run(
        [str(APP), "--db", str(db), "--article", "night-train-returns", "--screenshot", str(png)],
        capture_output=True, text=True, timeout=180, env=app_env(QT_QPA_PLATFORM="offscreen"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    with Image.open(png) as image:
        assert image.width >= 800 and image.height >= 600
        # The preview half of the window holds a rendered page: many colours, not a blank.
        preview = image.convert("RGB").crop((image.width * 2 // 3, 100, image.width, image.height))
        assert len(preview.getcolors(maxcolors=1_000_000) or []) > 50
    with Newsroom.open(db) as newsroom:  # the first start created the sample newsroom
        assert newsroom.count() == 6


def test_a_bad_newsroom_file_is_a_one_line_error(tmp_path: Path) -> None:
    not_a_newsroom = tmp_path / "notes.sqlite"
    not_a_newsroom.write_text("shopping list\n", encoding="utf-8")
    result = subprocess.run(
        [str(APP), "--db", str(not_a_newsroom), "--screenshot", str(tmp_path / "x.png")],
        capture_output=True, text=True, timeout=120, env=app_env(QT_QPA_PLATFORM="offscreen"),
    )  # fmt: skip
    assert result.returncode == 1
    assert f"newsroom-app: error: {not_a_newsroom}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not_a_newsroom.read_text(encoding="utf-8") == "shopping list\n"


@pytest.mark.xdist_group("apps")
@pytest.mark.skipif(
    shutil.which("xvfb-run") is None or shutil.which("xwininfo") is None,
    reason="needs xvfb-run and xwininfo (Debian's xvfb and x11-utils; make test installs them)",
)
def test_the_window_appears_on_a_virtual_screen(tmp_path: Path) -> None:
    """Under Xvfb, the window maps with a title starting "Newsroom"; xwininfo lists it."""
    script = tmp_path / "look.sh"
    script.write_text(
        f"""
        "{APP}" --db "{tmp_path / "newsroom.sqlite"}" &
        app=$!
        for _ in $(seq 1 300); do
            if xwininfo -root -tree | grep -q '"Newsroom — '; then
                xwininfo -root -tree | grep '"Newsroom — '
                kill $app; wait $app; exit 0
            fi
            sleep 0.5
        done
        kill $app; exit 3
        """,
        encoding="utf-8",
    )
    env = app_env(QT_QPA_PLATFORM="xcb", HOME=str(tmp_path), XDG_STATE_HOME=str(tmp_path / "state"))
    started = time.monotonic()
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1440x900x24", "sh", str(script)],
        capture_output=True, text=True, timeout=400, env=env,
    )  # fmt: skip
    if 'Could not load the Qt platform plugin "xcb"' in result.stderr:
        pytest.skip("Qt's xcb plugin lacks system libraries (make test installs them)")
    assert result.returncode == 0, (result.stdout + result.stderr)[-2000:]
    assert '"Newsroom — Newsroom"' in result.stdout
    assert time.monotonic() - started < 390


def test_opening_another_newsroom_replaces_the_window(
    qtbot: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File ▸ Open: a window for the other newsroom, then the first one closes; a file that is
    not a newsroom is a message, and the window already open stays."""
    from PySide6.QtCore import QSettings

    from ui import app

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    shown: list[str] = []
    monkeypatch.setattr(app, "report_error", lambda _parent, message: shown.append(message))
    first = app.open_window(str(tmp_path / "first.sqlite"))
    qtbot.waitSignal(first.attached, timeout=30_000).wait()  # type: ignore[attr-defined]
    second_db = tmp_path / "second.sqlite"
    first.newsroomRequested.emit(str(second_db))
    second = app._windows[-1]
    qtbot.waitUntil(lambda: second.session is not None and not first.isVisible(), timeout=30_000)  # type: ignore[attr-defined]
    assert second.newsroom.path == second_db and first not in app._windows

    bad = tmp_path / "notes.sqlite"
    bad.write_text("not a newsroom", encoding="utf-8")
    second.newsroomRequested.emit(str(bad))
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)  # type: ignore[attr-defined]
    assert str(bad) in shown[0]
    assert second.isVisible() and app._windows == [second]
    second.close()
    second.session.close()
    app._windows.clear()
