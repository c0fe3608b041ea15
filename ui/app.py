"""``newsroom-app``: the desktop app's entry point."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from newsroom import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsroom-app", description="Newsroom, the desktop app.")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the newsroom file (default: $NEWSROOM_DB or the user data folder)",
    )
    parser.add_argument("--version", action="version", version=f"newsroom-app {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Qt comes in only once arguments are understood: --help and --version stay instant.
    from PySide6.QtWidgets import QApplication, QMessageBox

    from newsroom.errors import NewsroomError
    from newsroom.store import Newsroom
    from ui.mainwindow import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Newsroom")
    app.setOrganizationName("Newsroom")
    try:
        newsroom = Newsroom.open(args.db, create=True)
        if newsroom.opened == "created":
            # A new newsroom opens with sample stories, never empty.
            from newsroom.demo import load_demo

            load_demo(newsroom)
    except NewsroomError as error:
        QMessageBox.critical(None, "Newsroom", str(error))
        return 1
    window = MainWindow(newsroom)
    window.show()
    try:
        return app.exec()
    finally:
        newsroom.close()


if __name__ == "__main__":
    sys.exit(main())
