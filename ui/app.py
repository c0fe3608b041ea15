"""``newsroom-app``: the desktop app's entry point.

``newsroom-app [--db PATH] [--article SLUG] [--screenshot PNG] [--version]``

``--screenshot`` opens the window with the article and its preview loaded,
renders it to a PNG and exits; it works on any Qt platform, offscreen too
(the README's screenshots are made this way).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom import __version__

if TYPE_CHECKING:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from ui.mainwindow import MainWindow

SCREENSHOT_TIMEOUT_MS = 60_000
SCREENSHOT_SIZE = (1440, 900)
# Set by bench/app.py: print when the window is shown (and quit), to time the start.
BENCH_VARIABLE = "NEWSROOM_APP_BENCH"
COLOR_SCHEME_VARIABLE = "NEWSROOM_COLOR_SCHEME"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsroom-app", description="Newsroom, the desktop app.")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the newsroom file (default: $NEWSROOM_DB or the user data folder)",
    )
    parser.add_argument("--article", metavar="SLUG", help="open this article (id or slug)")
    parser.add_argument(
        "--screenshot",
        metavar="PNG",
        type=Path,
        help="render the window, with the article and its preview loaded, to PNG and exit",
    )
    parser.add_argument("--version", action="version", version=f"newsroom-app {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Qt comes in only once arguments are understood: --help and --version stay instant.
    from ui.preview import register_schemes

    register_schemes()  # before the QApplication exists, as Qt requires
    app = _application()
    window = open_window(args.db, article=args.article, screenshot=args.screenshot is not None)
    if window is None:
        return 1
    if args.screenshot is not None:
        window.resize(*SCREENSHOT_SIZE)  # the same picture whatever the window was last time
        return _take_screenshot(app, window, args.screenshot)
    _close_on_terminate(app)
    bench = os.environ.get(BENCH_VARIABLE)
    if bench:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: print("shown", flush=True))
        if bench == "shown":
            QTimer.singleShot(0, app.quit)
    return app.exec()


def _close_on_terminate(app: QApplication) -> None:
    """SIGTERM (logging out, a service manager) closes the windows, which saves the work."""
    import signal

    from PySide6.QtCore import QTimer

    signal.signal(signal.SIGTERM, lambda *_: app.closeAllWindows())
    # Python runs signal handlers only when it has control: wake it now and then.
    wake = QTimer(app, interval=250)
    wake.timeout.connect(lambda: None)
    wake.start()


def _application() -> QApplication:
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from ui.icons import icon

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Newsroom")
    app.setOrganizationName("Newsroom")
    app.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName("newsroom")
    app.setWindowIcon(icon("app"))
    _color_scheme(app)
    return app


def _color_scheme(app: QApplication) -> None:
    """The system's light or dark palette, unless NEWSROOM_COLOR_SCHEME asks for one.

    Qt follows the desktop's colour scheme by itself; the variable is for
    screenshots and for checking both palettes on a machine that has one.
    """
    from PySide6.QtCore import Qt

    wanted = os.environ.get(COLOR_SCHEME_VARIABLE, "").lower()
    schemes = {"dark": Qt.ColorScheme.Dark, "light": Qt.ColorScheme.Light}
    if wanted not in schemes:
        return
    app.setStyle("Fusion")  # a style that draws both palettes on every platform
    app.styleHints().setColorScheme(schemes[wanted])
    if wanted == "dark" and app.palette().window().color().lightness() > 128:
        app.setPalette(_dark_palette())  # the platform has no dark theme (offscreen, some X)


def _dark_palette() -> QPalette:
    from PySide6.QtGui import QColor, QPalette

    role, palette = QPalette.ColorRole, QPalette()
    colours = {
        role.Window: "#232629", role.WindowText: "#eff0f1", role.Base: "#1b1e20",
        role.AlternateBase: "#2a2e32", role.ToolTipBase: "#31363b", role.ToolTipText: "#eff0f1",
        role.Text: "#eff0f1", role.Button: "#31363b", role.ButtonText: "#eff0f1",
        role.BrightText: "#ff6b6b", role.Highlight: "#3daee9", role.HighlightedText: "#fcfcfc",
        role.Link: "#6cb4ee", role.PlaceholderText: "#8a9096", role.Mid: "#45494d",
        role.Dark: "#141618", role.Light: "#4d5257",
    }  # fmt: skip
    for which, colour in colours.items():
        palette.setColor(which, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for which in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, which, QColor("#6e7175"))
    return palette


_windows: list[MainWindow] = []  # open windows live until closed


def open_window(
    db: str | None, *, article: str | None = None, screenshot: bool = False
) -> MainWindow | None:
    """Open the newsroom (created with sample stories when new) in a window; None on failure."""
    from PySide6.QtWidgets import QMessageBox

    from newsroom.errors import NewsroomError
    from newsroom.store import Newsroom
    from ui.mainwindow import MainWindow
    from ui.session import Session
    from ui.tasks import Tasks

    try:
        newsroom = Newsroom.open(db, create=True)
        if newsroom.opened == "created":
            # A new newsroom opens with sample stories, never empty.
            from newsroom.demo import load_demo

            load_demo(newsroom)
    except NewsroomError as error:
        if screenshot:
            print(f"newsroom-app: error: {error}", file=sys.stderr)
        else:
            QMessageBox.critical(None, "Newsroom", str(error))
        return None
    window = MainWindow(Session(newsroom, Tasks()))
    window.newsroomRequested.connect(lambda where: _switch(window, where))
    window.destroyed.connect(lambda *_: None)
    _windows.append(window)
    window.show()
    window.remember_newsroom()
    if screenshot or not window.offer_recovery():
        window.open_first_article(article)
    return window


def _switch(window: MainWindow, where: str) -> None:
    """Open another newsroom: a new window for it, then this one closes (saving first)."""
    replacement = open_window(where)
    if replacement is not None and window.close():
        _windows.remove(window)
        window.session.close()


def _take_screenshot(app: QApplication, window: MainWindow, target: Path) -> int:
    from PySide6.QtCore import QTimer

    result = {"code": 1, "shot": 0}

    def shoot() -> None:
        if result["shot"]:
            return
        result["shot"] = 1
        if window.grab().save(str(target)):
            result["code"] = 0
        else:
            print(f"newsroom-app: error: {target}: could not write the PNG", file=sys.stderr)
        app.quit()

    def timed_out() -> None:
        print("newsroom-app: error: the preview did not load in time", file=sys.stderr)
        app.quit()

    # Once the preview shows the open article, let one frame paint, then grab.
    window.preview.rendered.connect(lambda: QTimer.singleShot(300, shoot))
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, timed_out)
    app.exec()
    window.keeper.flush()
    window.session.close()
    return result["code"]


if __name__ == "__main__":
    sys.exit(main())
