"""What can be read from a damaged newsroom file, and copying it into a new newsroom.

The damaged file is only ever opened read-only (``mode=ro``): nothing here
changes it. Tables are read row by row in rowid order; when SQLite meets a
damaged page the reader finds the first rowid past it (probing forward,
then halving back) and goes on, so a damaged page costs only the rows it
held. The new file is made by the migrations, like any new newsroom; the
readable rows are copied into it in one transaction, rows pointing at lost
ones are dropped (and reported), and both search indexes are rebuilt. The
result passes ``check-db``.
"""

from __future__ import annotations

import contextlib
import sqlite3
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import URL

from newsroom.errors import StorageError
from newsroom.storage import names
from newsroom.storage import search as fulltext
from newsroom.storage.engine import (
    WRITE_OPTION,
    can_share_memory,
    connect_raw,
    create_newsroom_engine,
    read_only_url,
)
from newsroom.storage.health import expected_schema

# Parents before children, so the counts of what was lost read naturally.
TABLES = (
    "settings", "codes", "photos", "articles", "quotes", "related_headlines",
    "slug_aliases", "revisions", "renditions",
)  # fmt: skip
# Which rows lose their meaning when the row they point at is lost.
_CHILDREN = (
    ("quotes", "article_id", "articles"),
    ("related_headlines", "article_id", "articles"),
    ("slug_aliases", "article_id", "articles"),
    ("revisions", "article_id", "articles"),
    ("renditions", "photo_id", "photos"),
)
_FIRST_ROWID = -(2**63)
_LAST_ROWID = 2**63 - 1


@dataclass
class TableReading:
    """One table as read: rows read, and the stretches of rowids that could not be."""

    table: str
    rows: int = 0
    skipped: list[tuple[int, int | None]] = field(default_factory=list)  # (after, next read)
    error: str | None = None  # the table could not be read at all

    def line(self) -> str:
        if self.error is not None:
            return f"{self.table}: unreadable ({self.error})"
        if not self.skipped:
            return f"{self.table}: {self.rows} rows, all readable"
        gaps = ", ".join(_gap(after, first) for after, first in self.skipped)
        return f"{self.table}: {self.rows} rows readable; damaged pages lost {gaps}"


def _gap(after: int, first: int | None) -> str:
    start = "the start" if after == _FIRST_ROWID else f"id {after}"
    end = "the end" if first is None else f"id {first}"
    return f"the rows between {start} and {end}"


def open_damaged(path: Path) -> sqlite3.Connection:
    """The damaged file, read-only (immutable when no ``-shm`` can be made beside it)."""
    if not path.is_file():
        raise StorageError(f"{path}: no such file")
    return connect_raw(read_only_url(path, immutable=not can_share_memory(path)))


def integrity_lines(raw: sqlite3.Connection, limit: int = 20) -> list[str]:
    try:
        return [row[0] for row in raw.execute(f"PRAGMA integrity_check({limit})")]
    except sqlite3.DatabaseError as error:
        return [f"the check itself stopped: {error}"]


def readable_rows(
    raw: sqlite3.Connection, table: str, columns: list[str], reading: TableReading
) -> Iterator[tuple[object, ...]]:
    """The table's readable rows (rowid first), stepping over damaged pages."""
    names = ", ".join(_quoted(name) for name in columns)
    scan = f"SELECT rowid, {names} FROM {_quoted(table)} WHERE rowid > ? ORDER BY rowid"  # noqa: S608
    one = f"SELECT rowid, {names} FROM {_quoted(table)} WHERE rowid = ?"  # noqa: S608
    probe = _prober(raw, table)
    after = _FIRST_ROWID
    while True:
        try:
            for row in raw.execute(scan, (after,)):
                after = row[0]
                reading.rows += 1
                yield row
            return
        except sqlite3.DatabaseError:
            pass
        # The driver reads a row ahead, so the row after ``after`` may be fine:
        # take it alone; else step over the damaged page.
        following = probe(after + 1)
        if following is None:
            return
        if following is False:
            first = _first_readable_after(raw, table, after)
            reading.skipped.append((after, first))
            if first is None:
                return
            after = first - 1
            continue
        try:
            row = raw.execute(one, (following,)).fetchone()
        except sqlite3.DatabaseError:  # its text runs on into a damaged page
            reading.skipped.append((after, following + 1))
        else:
            reading.rows += 1
            yield row
        after = following


def _first_readable_after(raw: sqlite3.Connection, table: str, after: int) -> int | None:
    """The first rowid past the damaged page that begins after ``after``; None: nothing readable."""
    probe = _prober(raw, table)
    failed, step = after, 1
    while True:
        start = min(after + step, _LAST_ROWID)
        answer = probe(start)
        if answer is not False:
            break
        if start == _LAST_ROWID:
            return None
        failed, step = start, step * 2
    ok = start
    while ok - failed > 1:  # the smallest start the damaged page does not stop
        middle = (ok + failed) // 2
        found = probe(middle)
        if found is False:
            failed = middle
        else:
            ok, answer = middle, found
    return answer if isinstance(answer, int) else None


def _prober(raw: sqlite3.Connection, table: str) -> Callable[[int], int | bool | None]:
    sql = f"SELECT rowid FROM {_quoted(table)} WHERE rowid >= ? ORDER BY rowid LIMIT 1"  # noqa: S608

    def probe(start: int) -> int | bool | None:
        """The first rowid at or after ``start``, None past the end, False when unreadable."""
        try:
            row = raw.execute(sql, (start,)).fetchone()
        except sqlite3.DatabaseError:
            return False
        return None if row is None else int(row[0])

    return probe


def table_columns(raw: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in raw.execute(f"PRAGMA table_info({_quoted(table)})")]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def survey(raw: sqlite3.Connection) -> list[TableReading]:
    """How much of each table can be read (reading every row, keeping none)."""
    readings = []
    for table in TABLES:
        reading = TableReading(table)
        try:
            columns = table_columns(raw, table) if table != "photos" else ["id"]
            for _ in readable_rows(raw, table, columns[:1], reading):
                pass
        except sqlite3.DatabaseError as error:
            reading.error = str(error)
        readings.append(reading)
    return readings


@dataclass
class Recovered:
    """What ``recover`` copied and what it could not."""

    readings: list[TableReading]
    lost: list[str]  # one line per thing lost that has a name (an article, a photo)


def recover(source: Path, destination: Path) -> Recovered:
    """Copy every readable row of ``source`` into a new newsroom at ``destination``."""
    if destination.exists():
        raise StorageError(f"{destination}: already exists; recover into a new file")
    if not destination.parent.is_dir():
        raise StorageError(f"{destination}: the folder {destination.parent} does not exist")
    with contextlib.closing(open_damaged(source)) as damaged:
        engine = create_newsroom_engine(URL.create("sqlite", database=str(destination)))
        try:
            from newsroom.storage.migrate import SCHEMA_HEAD, upgrade

            upgrade(engine, SCHEMA_HEAD)
            with engine.connect() as connection:
                connection.execution_options(**{WRITE_OPTION: True})
                with connection.begin():
                    raw = connection.connection.driver_connection
                    assert isinstance(raw, sqlite3.Connection)
                    raw.execute("PRAGMA defer_foreign_keys = ON")  # children checked at commit
                    readings = [_copy_table(damaged, raw, table) for table in TABLES]
                    lost = _drop_orphans(raw)
                    names.rebuild(connection)  # derived from the articles, as the index is
                    fulltext.rebuild(connection)
                    photo_ids = [row[0] for row in raw.execute("SELECT id FROM photos")]
                    fulltext.index_photos(connection, photo_ids)
        except BaseException:
            engine.dispose()
            for leftover in (destination, Path(f"{destination}-wal"), Path(f"{destination}-shm")):
                leftover.unlink(missing_ok=True)
            raise
        engine.dispose()
    return Recovered(readings, lost)


def _copy_table(damaged: sqlite3.Connection, new: sqlite3.Connection, table: str) -> TableReading:
    reading = TableReading(table)
    try:
        wanted = expected_schema()[table].column_names
        columns = [name for name in table_columns(damaged, table) if name in wanted]
        insert = (
            f"INSERT OR REPLACE INTO {_quoted(table)} "  # noqa: S608
            f"({', '.join(_quoted(name) for name in columns)}) "
            f"VALUES ({', '.join('?' * len(columns))})"
        )
        for row in readable_rows(damaged, table, columns, reading):
            new.execute(insert, row[1:])
    except sqlite3.DatabaseError as error:
        reading.error = str(error)
    return reading


def _drop_orphans(new: sqlite3.Connection) -> list[str]:
    lost = _lost_articles(new)
    for child, key, parent in _CHILDREN:
        new.execute(
            f"DELETE FROM {child} WHERE {key} NOT IN (SELECT id FROM {parent})"  # noqa: S608
        )
    without_photo = new.execute(
        "SELECT slug FROM articles WHERE photo_id IS NOT NULL "
        "AND photo_id NOT IN (SELECT id FROM photos)"
    ).fetchall()
    new.execute(
        "UPDATE articles SET photo_id = NULL, photo_caption = '', photo_credit = '', "
        "photo_alt = '' WHERE photo_id NOT IN (SELECT id FROM photos)"
    )
    lost += [f"article {slug}: its photo (the article is kept without it)"
             for (slug,) in without_photo]  # fmt: skip
    return lost


def _lost_articles(new: sqlite3.Connection) -> list[str]:
    """Articles whose row is lost but whose revisions tell what they were."""
    from newsroom.revisions import decode_snapshot

    rows = new.execute(
        "SELECT article_id, max(number) FROM revisions "
        "WHERE article_id NOT IN (SELECT id FROM articles) GROUP BY article_id"
    ).fetchall()
    lost = []
    for article_id, number in rows:
        blob = new.execute(
            "SELECT snapshot FROM revisions WHERE article_id = ? AND number = ?",
            (article_id, number),
        ).fetchone()[0]
        try:
            headline = str(decode_snapshot(blob).get("headline", ""))
        except (ValueError, zlib.error):
            headline = "?"
        lost.append(f"article {article_id}: “{headline}” (revision {number}) and its history")
    return lost


@dataclass
class Diagnosis:
    """``check-db`` on any file SQLite can open: findings as in ``CheckReport``."""

    checked: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def diagnose(path: Path) -> Diagnosis:
    """Integrity, which tables and how many rows are readable, and what recovery would save."""
    found = Diagnosis()
    try:
        with contextlib.closing(open_damaged(path)) as raw:
            verdicts = integrity_lines(raw)
            if verdicts == ["ok"]:
                found.checked.append("file integrity: ok")
            else:
                found.problems += [f"file integrity: {verdict}" for verdict in verdicts]
            readings = survey(raw)
    except sqlite3.DatabaseError as error:
        found.problems.append(f"file: SQLite cannot read it at all ({error}); restore a backup")
        return found
    for reading in readings:
        whole = reading.error is None and not reading.skipped
        (found.checked if whole else found.problems).append(f"readable: {reading.line()}")
    if found.problems:
        counts = {reading.table: reading.rows for reading in readings}
        found.problems.append(
            f"recover: 'newsroom recover NEW_FILE' would save {counts['articles']} articles, "
            f"{counts['revisions']} revisions and {counts['photos']} photos into a new newsroom, "
            "leaving this file as it is"
        )
    return found
