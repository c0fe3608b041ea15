"""``newsroom dictionary …``: the newsroom's own words, which spelling accepts everywhere.

    dictionary add WORD...       add words (each checked first: one bad word adds none)
    dictionary remove WORD...    remove words, whatever their case
    dictionary list [--json]     the words, alphabetically

A word already there (in any case) or not there is said on stderr and is
not an error, so a script may repeat a command safely.
"""

from __future__ import annotations

import argparse
from typing import Any

from newsroom.cli_support import command_group, open_newsroom, print_json, warn


def cmd_dictionary_add(args: argparse.Namespace) -> int:
    with open_newsroom(args, create=True) as newsroom:
        added = newsroom.add_words(args.words)
    _report(args.words, added, done="added", other="already in the dictionary")
    return 0


def cmd_dictionary_remove(args: argparse.Namespace) -> int:
    with open_newsroom(args) as newsroom:
        removed = newsroom.remove_words(args.words)
    _report(args.words, removed, done="removed", other="not in the dictionary")
    return 0


def _report(asked: list[str], changed: list[str], *, done: str, other: str) -> None:
    for word in changed:
        print(f"{done} {word}")
    pending = {word.casefold() for word in changed}
    for word in (word.strip() for word in asked):
        if word.casefold() in pending:
            pending.discard(word.casefold())  # the one that made the change
        else:
            warn(f"{word}: {other}")


def cmd_dictionary_list(args: argparse.Namespace) -> int:
    with open_newsroom(args) as newsroom:
        words = newsroom.dictionary()
    if args.json:
        print_json(words)
    else:
        for word in words:
            print(word)
    return 0


def add_dictionary_commands(commands: Any) -> None:
    """The ``dictionary`` command group, added to the main parser's subcommands."""
    verb = command_group(
        commands, "dictionary", "the newsroom's own words, which spelling accepts",
        "The newsroom's dictionary: words spelling accepts in every article.",
    )  # fmt: skip

    add = verb("add", cmd_dictionary_add, "add words (names, terms) spelling should accept")
    add.add_argument("words", nargs="+", metavar="WORD")
    remove = verb("remove", cmd_dictionary_remove, "remove words, whatever their case")
    remove.add_argument("words", nargs="+", metavar="WORD")
    listing = verb("list", cmd_dictionary_list, "the words, alphabetically")
    listing.add_argument("--json", action="store_true", help="print a JSON list")
