"""``newsroom sections …``: the newsroom's section list on the command line.

    sections list [--json]
    sections add NAME [--slug S] [--position N] | add --from-articles
    sections rename OLD NEW
    sections move NAME POSITION
    sections remove NAME [--to OTHER]

A section is named as listed (case, accents and spacing aside). Without a
list, sections stay free text; ``add --from-articles`` builds one from the
sections articles use, keeping every section page where it is.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from newsroom.cli_support import (
    command_group,
    line,
    open_newsroom,
    positive,
    print_json,
    warn,
)
from newsroom.errors import NewsroomError

if TYPE_CHECKING:
    from newsroom.sections import Section


def _section_line(section: Section) -> str:
    return line(section.position, section.name, section.slug, ", ".join(section.aliases))


def cmd_sections_list(args: argparse.Namespace) -> int:
    from newsroom.storage.sections import NO_LIST

    with open_newsroom(args) as newsroom:
        sections = newsroom.section_list()
    if args.json:
        print_json([section.as_json() for section in sections])
        return 0
    if not sections:
        warn(f"{NO_LIST} (articles' sections are free text meanwhile)")
    for section in sections:
        print(_section_line(section))
    return 0


def cmd_sections_add(args: argparse.Namespace) -> int:
    if args.from_articles:
        if args.name is not None or args.slug is not None or args.position is not None:
            raise NewsroomError("sections add: give a NAME or --from-articles, not both")
        return _add_from_articles(args)
    if args.name is None:
        raise NewsroomError("sections add: give the section's NAME, or --from-articles")
    with open_newsroom(args, create=True) as newsroom:
        section = newsroom.add_section(args.name, slug=args.slug, position=args.position)
    print(_section_line(section))
    return 0


def _add_from_articles(args: argparse.Namespace) -> int:
    with open_newsroom(args, create=True) as newsroom:
        result = newsroom.add_sections_from_articles()
    for section in result.added:
        print(_section_line(section))
    for name, listed in result.folded:
        warn(
            f"{name!r} left off the list: it is {listed!r} but for case, accents or spacing; "
            f"its articles take {listed!r} when next saved"
        )
    if not result.added and not result.folded:
        warn("no section to add: every section articles use is on the list")
    return 0


def cmd_sections_rename(args: argparse.Namespace) -> int:
    with open_newsroom(args) as newsroom:
        change = newsroom.rename_section(args.old, args.new)
    before, after = change.previous, change.section
    assert after is not None
    moved = (
        f"; section/{before.slug}.html leads to section/{after.slug}.html"
        if before.slug != after.slug
        else ""
    )
    print(f"{before.name} → {after.name}: {_articles(change.articles)} renamed{moved}")
    return 0


def _articles(count: int) -> str:
    return f"{count} article{'s' if count != 1 else ''}"


def cmd_sections_move(args: argparse.Namespace) -> int:
    with open_newsroom(args) as newsroom:
        section = newsroom.move_section(args.name, args.position)
    print(_section_line(section))
    return 0


def cmd_sections_remove(args: argparse.Namespace) -> int:
    with open_newsroom(args) as newsroom:
        change = newsroom.remove_section(args.name, to=args.to)
        gone = change.previous
        into = next((s for s in newsroom.section_list() if gone.slug in s.aliases), None)
    if into is None:
        print(f"removed {gone.name}")
    else:
        moved = _articles(change.articles)
        print(f"removed {gone.name}; {moved} moved to {into.name}, its page too")
    return 0


def add_section_commands(commands: Any) -> None:
    """The ``sections`` command group, added to the main parser's subcommands."""
    verb = command_group(
        commands, "sections", "the newsroom's section list: list, add, rename, move, remove",
        "The newsroom's section list, in masthead order. Without one, sections are free text; "
        "'sections add --from-articles' builds it.",
    )  # fmt: skip

    listing = verb(
        "list", cmd_sections_list, "the list in masthead order: position, name, slug, old slugs"
    )
    listing.add_argument("--json", action="store_true")

    add = verb("add", cmd_sections_add, "put a section on the list (at the end, or --position)")
    add.add_argument("name", metavar="NAME", nargs="?")
    add.add_argument("--slug", metavar="S", help="its page's slug (default: from the name)")
    add.add_argument("--position", metavar="N", type=positive, help="its place, 1 is first")
    add.add_argument(
        "--from-articles",
        action="store_true",
        help="list every section articles use, in order of first use, keeping their pages",
    )

    rename = verb(
        "rename",
        cmd_sections_rename,
        "rename a section and every article in it (its old page leads to the new one)",
    )
    rename.add_argument("old", metavar="OLD")
    rename.add_argument("new", metavar="NEW")

    move = verb("move", cmd_sections_move, "put a section at POSITION in the masthead (1: first)")
    move.add_argument("name", metavar="NAME")
    move.add_argument("position", metavar="POSITION", type=positive)

    remove = verb(
        "remove", cmd_sections_remove, "take a section off the list (refused while articles use it)"
    )
    remove.add_argument("name", metavar="NAME")
    remove.add_argument(
        "--to", metavar="OTHER", help="move its articles (and its page) to another listed section"
    )
