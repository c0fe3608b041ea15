"""One of two editors saving the same article as fast as they can, reloading on a conflict.

Run by tests/storage/test_no_lost_update.py: ``python tests/rival_saver.py NEWSROOM NAME COUNT``.
Each save writes a body naming this editor and the save's number; a line
``<revision> <number>`` is printed only once that save has committed.
"""

from __future__ import annotations

import sys

from newsroom.errors import ConflictError
from newsroom.store import Newsroom

SLUG = "contested"


def main(target: str, name: str, count: int) -> None:
    with Newsroom.open(target, author=name) as newsroom:
        article = newsroom.get(SLUG)
        number = 1
        while number <= count:
            try:
                article = newsroom.save(article.with_changes(body=body(name, number)))
            except ConflictError:
                article = newsroom.get(SLUG)  # someone saved meanwhile: read theirs, try again
                continue
            print(article.revision, number, flush=True)
            number += 1


def body(name: str, number: int) -> str:
    return f"Save {number} by {name}."


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
