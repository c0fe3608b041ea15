"""How the preview's view is drawn: in software, so the window never composes through OpenGL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsroom.article import Article
from newsroom.store import Newsroom
from tests.xvfb import installed as xvfb_installed
from tests.xvfb import xvfb
from ui.scheme import CHROMIUM_FLAGS, NO_GPU, QUICK_BACKEND, compose_in_software


def test_by_default_the_view_is_drawn_in_software_without_a_gpu_process() -> None:
    environ: dict[str, str] = {}
    compose_in_software(environ)
    assert environ == {QUICK_BACKEND: "software", CHROMIUM_FLAGS: NO_GPU}


def test_the_users_chromium_flags_are_kept_and_the_flag_added_once() -> None:
    environ = {CHROMIUM_FLAGS: "--remote-debugging-port=9222"}
    compose_in_software(environ)
    compose_in_software(environ)
    assert environ[CHROMIUM_FLAGS] == f"--remote-debugging-port=9222 {NO_GPU}"


def test_a_backend_the_user_chose_stands() -> None:
    environ = {QUICK_BACKEND: "rhi", CHROMIUM_FLAGS: "--lang=fi"}
    compose_in_software(environ)
    assert environ == {QUICK_BACKEND: "rhi", CHROMIUM_FLAGS: "--lang=fi"}


# On a real X server the main window, the preview in it, reports how it is drawn, what
# the preview shows after typing, and whether the preview's pixels hold the page.
CHILD = textwrap.dedent(
    """
    import json, sys, time
    from ui.scheme import before_application
    before_application()
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QTextCursor
    from PySide6.QtQuickWidgets import QQuickWidget
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from newsroom.recovery import Journal
    from newsroom.store import Newsroom
    from pathlib import Path
    from ui.mainwindow import MainWindow
    from ui.session import Session
    from ui.tasks import Tasks

    db, folder = sys.argv[1:3]
    app = QApplication([])
    newsroom = Newsroom.open(db)
    window = MainWindow(Session(newsroom, Tasks()), journal=Journal(newsroom.location, Path(folder)),
                        state=QSettings(folder + "/state.ini", QSettings.Format.IniFormat))
    window.resize(1200, 800)
    window.show()
    window.open_first_article()
    def wait(condition):
        while not condition():
            app.processEvents()
    wait(lambda: "Harbour ice breaks early" in window.preview.last_html)
    window.editor.body.setFocus()
    window.editor.body.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClicks(window.editor.body, " Ferries run again.")
    wait(lambda: "Ferries run again." in window.preview.current_html())
    [quick] = window.preview.view.findChildren(QQuickWidget)
    def colours():
        picture = window.preview.view.grab().toImage()
        return len({picture.pixel(x, y) for x in range(0, picture.width(), 7)
                    for y in range(0, picture.height(), 7)})
    deadline = time.monotonic() + 10  # the page's pixels follow its text: Chromium paints
    while colours() < 2 and time.monotonic() < deadline:
        app.processEvents()
    print(json.dumps({
        "surface": window.windowHandle().surfaceType().name,
        "drawn with": quick.quickWindow().rendererInterface().graphicsApi().name,
        "colours in the preview": colours(),
    }), flush=True)
    window.close()
    window.session.tasks.wait()
    """
)


@pytest.fixture(scope="module")
def x_display() -> Iterator[str]:
    """An Xvfb of the test's own: the xcb platform with software OpenGL, as on a VM."""
    if not xvfb_installed():
        pytest.skip("Xvfb is not installed")
    with xvfb("1280x1024x24") as display:
        yield display


def drawn_on_x(display: str, db_path: Path, folder: Path, **env: str) -> dict[str, object]:
    with Newsroom.open(db_path, create=True) as newsroom:
        if newsroom.count() == 0:
            newsroom.create(Article(headline="Harbour ice breaks early", body="Ice."))
    environ = {k: v for k, v in os.environ.items() if k not in (QUICK_BACKEND, CHROMIUM_FLAGS)}
    environ.update(QT_QPA_PLATFORM="xcb", DISPLAY=display, **env)
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(db_path), str(folder)],
        capture_output=True, text=True, timeout=120, env=environ,
    )  # fmt: skip
    assert child.returncode == 0, child.stderr[-3000:]
    answer: dict[str, object] = json.loads(child.stdout.splitlines()[-1])
    return answer


@pytest.mark.xdist_group("apps")
def test_on_an_x_server_the_window_is_flushed_as_an_image_and_the_preview_shows_typing(
    x_display: str, db_path: Path, tmp_path: Path
) -> None:
    drawn = drawn_on_x(x_display, db_path, tmp_path)
    assert drawn["surface"] == "RasterSurface"  # not composed through OpenGL at each repaint
    assert drawn["drawn with"] == "Software"
    assert drawn["colours in the preview"] > 1  # the page's pixels, not a blank or black box


@pytest.mark.xdist_group("apps")
def test_with_the_users_own_backend_the_window_composes_through_opengl(
    x_display: str, db_path: Path, tmp_path: Path
) -> None:
    drawn = drawn_on_x(x_display, db_path, tmp_path, **{QUICK_BACKEND: "rhi"})
    assert drawn["surface"] == "OpenGLSurface"
    assert drawn["drawn with"] == "OpenGL"
