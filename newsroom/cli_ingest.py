"""``newsroom ingest FOLDER [--watch]``: wire files in, each to done/ or failed/ beside it;
``newsroom start-story REF``: a draft of the desk's own from an incoming wire item.

The work is ``newsroom.ingest.IngestFolder``'s; here are the arguments, the
output (one line per file) and stopping cleanly: Ctrl+C or SIGTERM while a
file is being imported lets that file finish (imported and moved, or
neither), then stops with "newsroom: interrupted" and exit status 130.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from newsroom.cli_support import Command, input_label, open_newsroom, warn
from newsroom.cli_support import line as _line

if TYPE_CHECKING:
    from newsroom.ingest import IngestResult

DEFAULT_INTERVAL = 2.0
# newsroom.ingest's DONE, FAILED and LOG_NAME, named here so that building the parser
# needs no core (tests/test_cli_start.py keeps them equal).
DONE, FAILED, LOG_NAME = "done", "failed", "ingest.log"


def add_ingest_command(command: Command) -> None:
    ingest = command(
        "ingest",
        cmd_ingest,
        f"import every wire file in a folder, moving each to {DONE}/ or {FAILED}/ beside it "
        f"with a line in {LOG_NAME} (--watch: keep taking new files as they arrive)",
    )
    ingest.add_argument("folder", metavar="FOLDER")
    ingest.add_argument(
        "--watch",
        action="store_true",
        help="keep going, taking each new file once it has stopped changing (Ctrl+C stops); "
        "senders should write under a hidden name (.name) and rename when done",
    )
    ingest.add_argument(
        "--interval",
        type=_seconds,
        default=DEFAULT_INTERVAL,
        metavar="S",
        help=f"with --watch: seconds between looks at the folder (default {DEFAULT_INTERVAL:g})",
    )


def add_start_story_command(command: Command) -> None:
    start = command(
        "start-story",
        cmd_start_story,
        "start a story from an incoming wire item: a new draft with its text, dateline, photo "
        "and source (the wire item stays as it is); prints the draft's slug",
    )
    start.add_argument("ref", metavar="REF", help="the wire item's id or slug")


def cmd_start_story(args: argparse.Namespace) -> int:
    with open_newsroom(args) as newsroom:
        story = newsroom.start_story(args.ref)
    print(story.slug)
    return 0


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0.05 <= seconds <= 3600:
        raise argparse.ArgumentTypeError("give from 0.05 to 3600 seconds")
    return seconds


def cmd_ingest(args: argparse.Namespace) -> int:
    from newsroom.ingest import MIN_QUIET, IngestFolder

    with _StopRequests() as stop, open_newsroom(args, create=True) as newsroom:
        folder = IngestFolder(newsroom, Path(args.folder), quiet=max(MIN_QUIET, args.interval))
        if not args.watch:
            _report(stop.between_files(folder.take_all()), folder.named_wait)
            return 0
        while True:
            _report(stop.between_files(folder.poll()), folder.named_wait)
            stop.sleep(args.interval)


def _report(results: Iterator[IngestResult], named_wait: float) -> None:
    from newsroom.ingest import waiting_line

    for result in results:
        name = result.file.name
        if result.waiting_for:
            print(_line(name, "waiting", waiting_line(result, named_wait)))
        elif result.ok:
            for id_, slug in result.articles:
                print(_line(name, id_, slug))
            for slug in result.duplicates:
                print(_line(name, DONE, f"already imported as {slug}"))
            for warning in result.warnings:
                warn(f"{input_label(name)}: {warning}")
        else:
            print(_line(name, FAILED, result.reason))
        sys.stdout.flush()


class _StopRequests:
    """SIGINT and SIGTERM stop between files, never in the middle of one."""

    def __init__(self) -> None:
        self.busy = False
        self.requested = False

    def __enter__(self) -> _StopRequests:
        self._before = {
            number: signal.signal(number, self._asked) for number in (signal.SIGINT, signal.SIGTERM)
        }
        return self

    def __exit__(self, *_: object) -> None:
        for number, handler in self._before.items():
            signal.signal(number, handler)

    def _asked(self, _number: int, _frame: FrameType | None) -> None:
        self.requested = True
        if not self.busy:
            raise KeyboardInterrupt

    def between_files(self, results: Iterator[IngestResult]) -> Iterator[IngestResult]:
        """``results``, each file shielded from a stop request, which is honoured after it."""
        while True:
            with self._busy():
                result = next(results, None)
            if result is None:
                return
            yield result  # reported before stopping
            if self.requested:
                raise KeyboardInterrupt

    def sleep(self, seconds: float) -> None:
        if self.requested:
            raise KeyboardInterrupt
        time.sleep(seconds)

    @contextmanager
    def _busy(self) -> Iterator[None]:
        self.busy = True
        try:
            yield
        finally:
            self.busy = False
