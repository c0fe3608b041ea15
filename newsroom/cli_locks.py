"""``newsroom locks`` and ``--force``: the command line's side of article locks.

Writing commands respect the locks editors hold in the app: an article
another session has locked is refused (``LockedError``, exit 1) unless the
command is given ``--force``, which takes the lock over (kept in the
article's history, said on stderr) and then writes. The command's own lock
is released when it ends.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from newsroom.cli_support import Command, line, open_newsroom, print_json, warn, when

if TYPE_CHECKING:
    from newsroom.storage.locks import Lock
    from newsroom.store import Newsroom, Ref

FORCE_HELP = (
    "write even while another editor has the article open: take over their lock "
    "(kept in the history)"
)


def add_force_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true", help=FORCE_HELP)


def take_over_if_forced(newsroom: Newsroom, args: argparse.Namespace, ref: Ref) -> bool:
    """With ``--force``, take the article's lock from whoever holds it, saying so.

    Returns whether the write may take over (``take_over=``): a lock taken
    between this look and the write is taken over there too.
    """
    if not args.force:
        return False
    lock = newsroom.lock_of(ref)
    if lock is not None and not newsroom.holds(lock):
        newsroom.take_over(ref)
        told_taken_over(lock)
    return True


def held_by_others(newsroom: Newsroom) -> dict[int, Lock]:
    """The live locks of other sessions, by article id."""
    return {key: lock for key, lock in newsroom.locks().items() if not newsroom.holds(lock)}


def told_taken_over(lock: Lock) -> None:
    warn(
        f"{lock.slug}: took over the lock from {lock.holder} on {lock.machine} "
        "(kept in the article's history)"
    )


def cmd_locks(args: argparse.Namespace) -> int:
    with open_newsroom(args) as newsroom:
        tz = newsroom.settings().tzinfo
        held = list(newsroom.locks().values())
    if args.json:
        print_json(
            [
                {"id": lock.article_id, "slug": lock.slug, "holder": lock.holder,
                 "machine": lock.machine, "since": lock.since.isoformat(),
                 "heartbeat": lock.heartbeat.isoformat()}
                for lock in held
            ]
        )  # fmt: skip
        return 0
    for lock in held:
        print(line(lock.article_id, lock.slug, lock.holder, lock.machine, when(lock.since, tz)))
    return 0


def add_locks_command(command: Command) -> None:
    locks = command(
        "locks", cmd_locks, "articles being edited: id, slug, editor, machine, since (oldest first)"
    )
    locks.add_argument("--json", action="store_true")
