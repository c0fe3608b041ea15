"""``newsroom copy SRC DST``: a whole newsroom into a new file or an empty database.

    copy SRC DST

SRC and DST are newsroom files or database URLs (``--db`` plays no part).
DST must be missing or empty: a copy never merges into a newsroom or
overwrites one. Progress goes to stderr: one line rewriting itself on a
terminal, a line per table otherwise (for logs). The last line on stdout says
what was copied.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

from newsroom.cli_support import Command

if TYPE_CHECKING:
    from newsroom.storage.copying import CopyReport


class ProgressLine:
    """Prints copy progress: rewritten in place on a terminal, plain lines elsewhere."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._rewrite = stream.isatty()
        self._width = 0

    def __call__(self, table: str, done: int, total: int) -> None:
        if self._rewrite:
            self._show(_doing(table, done, total))
        elif done == total:
            print(_done(table, total), file=self._stream)

    def _show(self, text: str) -> None:
        # Pad over what the previous, perhaps longer, text left on the line.
        self._stream.write("\r" + text.ljust(self._width))
        self._width = len(text)
        self._stream.flush()

    def end(self) -> None:
        if self._rewrite and self._width:
            self._stream.write("\n")
            self._stream.flush()


def _doing(table: str, done: int, total: int) -> str:
    from newsroom.storage.copying import SEARCH_STEP

    if table == SEARCH_STEP:
        return "rebuilding the search index" if done < total else "search index rebuilt"
    return f"copying {table}: {done} of {total} rows"


def _done(table: str, total: int) -> str:
    from newsroom.storage.copying import SEARCH_STEP

    return "search index rebuilt" if table == SEARCH_STEP else f"copied {table}: {total} rows"


def summary(report: CopyReport) -> str:
    return (
        f"copied {report.count('articles')} articles with {report.count('revisions')} "
        f"revisions and {report.count('photos')} photos from {report.source} "
        f"to {report.destination}"
    )


def cmd_copy(args: argparse.Namespace) -> int:
    from newsroom.storage.copying import copy_newsroom

    progress = ProgressLine(sys.stderr)
    try:
        report = copy_newsroom(args.source, args.destination, progress=progress)
    finally:
        progress.end()
    print(summary(report))
    return 0


def add_copy_command(command: Command) -> None:
    copy = command(
        "copy",
        cmd_copy,
        "copy a whole newsroom (articles, history, trash, photos, settings) into a new "
        "file or an empty database",
    )
    copy.add_argument("source", metavar="SRC", help="the newsroom to copy: a file or a URL")
    copy.add_argument(
        "destination",
        metavar="DST",
        help="a new file, or an empty database (postgresql://…); never an existing newsroom",
    )
