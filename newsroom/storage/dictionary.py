"""Writing the newsroom's dictionary: the words editors add so spelling accepts them.

Words are kept as typed and matched without regard to case, so a word is
added once whatever its case (``Peskov`` after ``peskov`` adds nothing) and
removing ``peskov`` removes ``Peskov``. Reading is ``reads.dictionary_words``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import bindparam, delete, insert
from sqlalchemy.engine import Connection

from newsroom.storage.reads import DICTIONARY, dictionary_words


def add_words(connection: Connection, words: Sequence[str], author: str) -> list[str]:
    """Store the words not there yet (in any case); returns them, in the order given."""
    present = {word.casefold() for word in dictionary_words(connection)}
    added: list[str] = []
    for word in words:
        if word.casefold() not in present:
            present.add(word.casefold())
            added.append(word)
    if added:
        now = datetime.now(UTC).replace(microsecond=0)
        connection.execute(
            insert(DICTIONARY), [{"word": w, "added_by": author, "added_at": now} for w in added]
        )
    return added


def remove_words(connection: Connection, words: Sequence[str]) -> list[str]:
    """Remove the stored words equal to any of ``words`` but for case; returns them."""
    wanted = {word.casefold() for word in words}
    removed = [word for word in dictionary_words(connection) if word.casefold() in wanted]
    if removed:
        connection.execute(
            delete(DICTIONARY).where(DICTIONARY.c.word == bindparam("gone")),
            [{"gone": word} for word in removed],
        )
    return removed
