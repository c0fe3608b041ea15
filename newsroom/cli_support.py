"""What every ``newsroom`` command shares: opening the newsroom, output, argument types.

Light on purpose: the parser is built from this module, so it imports the
standard library and light modules only; the core (``Newsroom``, SQLAlchemy)
comes in when a command opens the newsroom.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from newsroom.errors import NewsroomError
from newsroom.outside_files import read_outside

if TYPE_CHECKING:
    from newsroom.store import Newsroom

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

Handler = Callable[[argparse.Namespace], int]
Command = Callable[[str, Handler, str], argparse.ArgumentParser]


def open_newsroom(
    args: argparse.Namespace, *, create: bool = False, announce: bool = True
) -> Newsroom:
    """The newsroom of ``--db``; writing commands (``create``) make it when missing or empty.

    Either is said once on stderr (``announce``; ``init`` says it itself):
    a newsroom made where none was, so a mistyped path does not pass
    unnoticed, and a newsroom opened read-only, with why.
    """
    from newsroom.store import Newsroom

    newsroom = Newsroom.open(args.db, create=create, author=args.author)
    if announce and newsroom.opened == "created":
        warn(f"created a new newsroom at {newsroom.location}")
    if newsroom.read_only:
        warn(
            f"{newsroom.location}: read-only here ({newsroom.read_only}); "
            "reading, search, export and backup work, changes are refused"
        )
    return newsroom


def input_label(name: str) -> str:
    """How messages name a file given on the command line ('-' is standard input)."""
    return "<stdin>" if name == "-" else name


def read_input(name: str, *, folder_hint: str, stdin: bool = True) -> bytes:
    """The bytes of a file named on the command line ('-': standard input, when allowed).

    Trouble is one line naming the file; ``folder_hint`` says what to give
    instead of a folder ("a file to import", "a photo file").
    """
    label = input_label(name) if stdin else name
    try:
        if stdin and name == "-":
            return sys.stdin.buffer.read()
        return read_outside(Path(name), label)
    except FileNotFoundError:
        raise NewsroomError(f"{label}: no such file") from None
    except IsADirectoryError:
        raise NewsroomError(f"{label}: is a folder; give {folder_hint}") from None
    except OSError as error:
        raise NewsroomError(f"{label}: cannot read it ({error.strerror or error})") from None


def print_json(value: Any, out: TextIO | None = None) -> None:
    json.dump(value, out or sys.stdout, ensure_ascii=False, indent=2)
    (out or sys.stdout).write("\n")


def when(moment: datetime | None, tz: tzinfo) -> str:
    return "" if moment is None else moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def line(*fields: object) -> str:
    # Tabs and line breaks inside a field would break the one-record-per-line promise.
    return "\t".join(str(field).replace("\t", " ").replace("\n", " ") for field in fields)


def warn(message: str) -> None:
    print(f"newsroom: warning: {message}", file=sys.stderr)


class Parser(argparse.ArgumentParser):
    """argparse, with its usage errors in our one-line form (exit status 2)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"newsroom: error: {message}\n")


def positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("give a number of 1 or more")
    return number


def reason_text(text: str) -> str:
    """A reason given on the command line: something to keep in the history."""
    if not text.strip():
        raise argparse.ArgumentTypeError("give a reason: say why (it is kept in the history)")
    return text


def command_group(commands: Any, name: str, help_text: str, description: str) -> Command:
    """A command with actions of its own (``newsroom photo import …``) added to ``commands``.

    Returns the function that adds one action: ``action(name, handler, help)``.
    """
    group = commands.add_parser(name, help=help_text, description=description)
    actions = group.add_subparsers(
        dest=f"{name}_command", metavar="ACTION", required=True, parser_class=Parser
    )

    def action(verb: str, handler: Handler, verb_help: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = actions.add_parser(
            verb, help=verb_help, description=verb_help
        )
        sub.set_defaults(handler=handler)
        return sub

    return action
