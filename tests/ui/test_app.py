"""``newsroom-app`` as a user starts it: --version, --screenshot, and a window on a real X screen."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
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


# Each start takes ~5 s under load. Before the fix 2 of 5 starts lost their window: eight
# starts miss such a regression once in ~60 runs (0.6^8), and keep the suite in budget.
WATCH_ROUNDS = 8
X_TOOLS = ("xvfb-run", "xdotool", "xev", "stdbuf")


@pytest.mark.xdist_group("apps")
@pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in X_TOOLS),
    reason="needs xvfb-run, xdotool and xev (Debian's xvfb, xdotool, x11-utils; make test "
    "installs them)",
)
def test_one_window_from_launch_to_ready_on_a_virtual_screen(tmp_path: Path) -> None:
    """Under Xvfb, eight starts in a row: each shows exactly one "… — Newsroom" window, created and
    mapped once and never unmapped or re-created until the article and its preview are loaded.

    The window used to be shown, then destroyed and created anew with another X id when
    the preview's browser view joined it, so tools (and this test) lost it now and then.
    """
    env = app_env(QT_QPA_PLATFORM="xcb", HOME=str(tmp_path), XDG_STATE_HOME=str(tmp_path / "state"))
    watch = [sys.executable, str(Path(__file__).with_name("window_watch.py")), str(WATCH_ROUNDS)]
    app = [str(APP), "--db", str(tmp_path / "newsroom.sqlite")]
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1440x900x24", *watch, *app],
        capture_output=True, text=True, timeout=900, env=env,
    )  # fmt: skip
    if 'Could not load the Qt platform plugin "xcb"' in result.stderr:
        pytest.skip("Qt's xcb plugin lacks system libraries (make test installs them)")
    assert result.returncode == 0, result.stderr[-2000:]
    rounds = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rounds) == WATCH_ROUNDS
    for number, seen in enumerate(rounds, 1):
        assert seen["ready"], f"start {number}: never ready: {seen['stderr']}"
        (window,) = seen["ids"]  # exactly one window was ever on screen
        # Titled by the latest sample article once it is open, and named by the newsroom.
        (title,) = seen["titles"]
        assert title.endswith(" — Newsroom") and title != "Newsroom — Newsroom", title
        # Created and mapped once; never unmapped, destroyed or created again.
        assert seen["events"] == [["CreateNotify", window], ["MapNotify", window]], number
        assert not seen["hidden_after_shown"], number


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
    from ui.mainwindow import MainWindow

    monkeypatch.setattr(MainWindow, "run_first_start", lambda _window, _dialog: False)
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
