"""``newsroom-app``: the desktop app's entry point.

``newsroom-app [--db PATH] [--article SLUG] [--screenshot PNG [--size WxH]] [--version]``

``--screenshot`` opens the window with the article and its preview loaded,
renders it to a PNG and exits; it works on any Qt platform, offscreen too
(the README's screenshots are made this way).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom import __version__

if TYPE_CHECKING:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication, QWidget

    from newsroom.article import Article
    from newsroom.store import Newsroom
    from ui.mainwindow import MainWindow
    from ui.tasks import Tasks

SCREENSHOT_TIMEOUT_MS = 60_000
SCREENSHOT_SIZE = (1440, 900)
# Set by bench/app.py: print when the window is shown (and quit), to time the start.
BENCH_VARIABLE = "NEWSROOM_APP_BENCH"
COLOR_SCHEME_VARIABLE = "NEWSROOM_COLOR_SCHEME"
CLI_FLAG = "--newsroom-cli"


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
    parser.add_argument(
        "--size",
        metavar="WxH",
        type=_size,
        default=SCREENSHOT_SIZE,
        help="the window's size for --screenshot (default: 1440x900)",
    )
    parser.add_argument("--version", action="version", version=f"newsroom-app {__version__}")
    return parser


def _size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    fits = width.isdigit() and height.isdigit()
    if not fits or not (320 <= int(width) <= 7680 and 240 <= int(height) <= 4320):
        raise argparse.ArgumentTypeError(f"{text!r} is not a window size such as 1280x800")
    return int(width), int(height)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == [CLI_FLAG]:
        # A frozen bundle has one executable: "newsroom-app --newsroom-cli ARGS" is the
        # newsroom command (the export dialog prints PDFs through it).
        from newsroom.cli import main as cli_main

        return cli_main(arguments[1:])
    args = build_parser().parse_args(arguments)
    # Qt comes in only once arguments are understood: --help and --version stay instant.
    from ui.scheme import before_application

    before_application()  # the preview's scheme and drawing, as Qt requires
    app = _application()
    bench = os.environ.get(BENCH_VARIABLE)
    window = open_window(args.db, article=args.article, screenshot=args.screenshot is not None)
    _close_on_terminate(app)
    if bench:
        _report_for_bench(app, window, bench)
    if args.screenshot is not None:
        window.resize(*args.size)  # the same picture whatever the window was last time
        return _take_screenshot(app, window, args.screenshot)
    return app.exec()


def _report_for_bench(app: QApplication, window: MainWindow, mode: str) -> None:
    """bench/app.py times these: "shown" (the window is on screen), "typing" (the editor
    holds the article's text and the title its headline), "ready" (its preview loaded)."""
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, lambda: print("shown", flush=True))

    def typing(article: Article) -> None:
        holds = window.editor.body.toPlainText() == article.body
        if holds and window.windowTitle().startswith(article.headline or "New article"):
            print("typing", flush=True)
            window.keeper.loaded.disconnect(typing)

    def ready() -> None:
        print("ready", flush=True)
        if mode == "shown":
            app.quit()

    def attached() -> None:
        window.keeper.loaded.connect(typing)  # after the window's own: the editor is filled
        window.preview.rendered.connect(ready)

    window.attached.connect(attached)


def _close_on_terminate(app: QApplication) -> None:
    """SIGTERM (logging out, a service manager) closes the windows, which saves the work."""
    import signal

    from PySide6.QtCore import QTimer

    # Closed from the event loop, not from inside whatever Python code the signal
    # interrupted (building the panes, say).
    signal.signal(signal.SIGTERM, lambda *_: QTimer.singleShot(0, app.closeAllWindows))
    # Python runs signal handlers only when it has control: wake it now and then.
    wake = QTimer(app, interval=250)
    wake.timeout.connect(lambda: None)
    wake.start()


def _application() -> QApplication:
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from ui import garbage
    from ui.icons import icon

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Newsroom")
    app.setOrganizationName("Newsroom")
    app.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName("io.newsroom.Newsroom")  # packaging/*.desktop
    app.setWindowIcon(icon("app"))
    _color_scheme(app)
    garbage.install(app)
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
) -> MainWindow:
    """A window, shown at once; the newsroom opens on a worker thread and then fills it.

    Opening loads the storage layer (most of a second of imports) and, for a
    new newsroom, writes the sample stories; the window is on screen meanwhile.
    A newsroom that cannot be opened is a one-line message, and the app ends
    with status 1.
    """
    from ui.mainwindow import MainWindow
    from ui.tasks import Tasks

    window = MainWindow()
    window.newsroomRequested.connect(lambda where: _switch(window, where))
    _windows.append(window)
    window.show()
    tasks = Tasks(window)  # lives as long as the window, the session's too
    # Nobody is there to answer the first-start page of a screenshot or a benchmark:
    # a new newsroom gets the sample stories straight away.
    unattended = screenshot or bool(os.environ.get(BENCH_VARIABLE))
    samples = not window.recent_newsrooms()  # the very first newsroom: samples offered
    author = window.display_name()  # read here: the window's settings live on this thread
    tasks.write(
        lambda: _open_newsroom(db, samples=unattended, author=author, article=article),
        done=lambda opened: _attach(window, tasks, opened, unattended=unattended, samples=samples),
        failed=lambda error: _not_opened(window, error, screenshot, db),
    )
    return window


@dataclass(frozen=True)
class _Opened:
    """What the worker thread opened: the newsroom, and the article to show first (None:
    none yet, or a new newsroom) with why the one asked for could not be shown ("" if it was)."""

    newsroom: Newsroom
    article: Article | None = None
    problem: str = ""


def _open_newsroom(
    db: str | None, *, samples: bool, author: str | None = None, article: str | None = None
) -> _Opened:
    """On the worker thread: open (or create, with the sample stories if asked) the newsroom,
    and read the article to show first, so the editor holds it as soon as the panes exist."""
    from newsroom.store import Newsroom
    from ui import credentials

    if db is not None and (password := credentials.remembered(db)):
        db = credentials.with_password(db, password)
    newsroom = Newsroom.open(db, create=True, author=author)
    if newsroom.opened == "created":
        if not samples:
            return _Opened(newsroom)  # the first-start page comes first
        from newsroom.demo import load_demo

        load_demo(newsroom)
    return _first_article(newsroom, article)


def _first_article(newsroom: Newsroom, slug: str | None) -> _Opened:
    """``slug`` (id or slug), else the most recently updated article, else none."""
    from newsroom.errors import NewsroomError
    from ui.errors import one_line

    problem = ""
    if slug:
        try:
            return _Opened(newsroom, newsroom.get(slug))
        except NewsroomError as error:
            problem = one_line(error)
    latest = newsroom.articles(limit=1)
    return _Opened(newsroom, newsroom.get(latest[0].id) if latest else None, problem)


def _attach(
    window: MainWindow, tasks: Tasks, opened: _Opened, *, unattended: bool, samples: bool
) -> None:
    from ui.session import Session

    newsroom = opened.newsroom
    window.attach(Session(newsroom, tasks))
    window.remember_newsroom()
    if newsroom.opened == "created" and not unattended:
        window.first_start(samples=samples)  # its name, agency, time zone, dateline style
    elif unattended or not window.offer_recovery():
        window.show_first_article(opened.article, opened.problem)


def _not_opened(
    window: MainWindow, error: BaseException, screenshot: bool, where: str | None
) -> None:
    from PySide6.QtWidgets import QApplication

    from ui import credentials
    from ui.errors import one_line

    message = one_line(error)
    if screenshot or os.environ.get(BENCH_VARIABLE):
        print(f"newsroom-app: error: {message}", file=sys.stderr)
    elif where and credentials.server_url(where) and credentials.wants_password(message):
        # The server wants a password (or another one): ask, then try in a new window.
        credentials.forget(where)
        retry = window.ask_server(credentials.key_of(where), message)
        if retry is not None:
            open_window(retry)
    else:
        report_error(window, message)
    window.close()
    _windows.remove(window)
    if not _windows:  # nothing else open: the app ends, with status 1
        QApplication.exit(1)


def report_error(parent: QWidget | None, message: str) -> None:
    """A newsroom that cannot be opened, said in a dialog. Tests replace this function."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(parent, "Newsroom", message)


def _switch(window: MainWindow, where: str) -> None:
    """Open another newsroom: a new window for it, then this one closes (saving first)."""
    replacement = open_window(where)
    replacement.attached.connect(lambda: _close_replaced(window))


def _close_replaced(window: MainWindow) -> None:
    if window.close():
        _windows.remove(window)
        if window.session is not None:
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
    window.attached.connect(
        lambda: window.preview.rendered.connect(lambda: QTimer.singleShot(300, shoot))
    )
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, timed_out)
    app.exec()
    if window.session is not None:
        window.keeper.flush()
        window.session.close()
    return result["code"]


if __name__ == "__main__":
    sys.exit(main())
