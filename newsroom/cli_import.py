"""``newsroom import`` of a large JSON list: streamed, all or nothing, with a progress line.

A file that is a JSON list of Newsroom articles is read one article at a
time (``imports.json_stream``) and imported a thousand at a time into one
transaction (``Newsroom.import_stream``), so memory stays flat however long
the list: what is reported per article (its id and slug, notes) waits in a
temporary file until the import commits, then goes out as before. Anything
else (one article, ninjs, XML, Markdown, standard input) is read whole by
the caller.

On a terminal, stderr shows ``imported 120,000 of ~1,000,000 articles ·
2,300/s · 6 min left``, redrawn in place and ended with a newline; piped, it
shows nothing.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any, BinaryIO

from newsroom.article_json import ArticleInput, read_article
from newsroom.cli_support import line, warn
from newsroom.errors import FieldProblem, NewsroomError, StorageError, ValidationError
from newsroom.imports.detect import _as_given
from newsroom.imports.json_stream import JsonList
from newsroom.imports.ninjs import is_ninjs
from newsroom.outside_files import check_outside
from newsroom.store import ImportResult, Newsroom

CHUNK_ARTICLES = 1_000  # per statement batch; what is held at once
_SNIFF_BYTES = 64


@dataclass
class StreamOptions:
    """What ``newsroom import`` was asked, as the streamed import needs it."""

    update: bool = False
    force: bool = False
    summary: str = ""
    allow_outside_photos: bool = False
    # Article ids locked by other sessions (taken over with --force): told once imported.
    locked: dict[int, Any] = field(default_factory=dict)


def import_json_list(
    newsroom: Newsroom,
    path: Path,
    options: StreamOptions,
    told_taken_over: Callable[[Any], None],
    unchecked_updates: Callable[[str, list[str]], None],
    *,
    progress: IO[str] | None = None,
) -> bool:
    """Import ``path`` streamed when it is a JSON list of Newsroom articles; False when it is
    not (nothing read into the newsroom: import it whole)."""
    label = str(path)
    check_outside(path, label)
    with path.open("rb") as stream:
        if not _starts_a_list(stream):
            return False
        elements = JsonList(stream, label)
        items = _prefixed(elements.items(), label)
        first = next(items, None)
        if first is None:
            raise NewsroomError(f"{label}: the file holds an empty list: no articles to import")
        if is_ninjs(first):
            return False  # wire items: the wire readers take the whole file
        meter = Progress(path.stat().st_size, progress or sys.stderr)
        report = _Report(newsroom, label, meter, elements.read_so_far, options.locked)
        tz = newsroom.settings().tzinfo  # read here: the chunks are read on a thread
        chunks = _chunks(chain([first], items), tz, path.parent, options)
        with report:
            try:
                newsroom.import_stream(
                    chunks, report.add, update=options.update, force=options.force,
                    summary=options.summary, take_over=options.force,
                )  # fmt: skip
            except NewsroomError as error:
                meter.stop()
                message = str(error)
                if isinstance(error, StorageError) or message.startswith(f"{label}: "):
                    raise
                raise NewsroomError(f"{label}: {message}") from error
            meter.finish()
            report.publish(told_taken_over, unchecked_updates)
    return True


def _starts_a_list(stream: BinaryIO) -> bool:
    head = stream.read(_SNIFF_BYTES)
    stream.seek(0)
    text = head.removeprefix(b"\xef\xbb\xbf").decode("latin-1").lstrip(" \t\r\n")
    return text.startswith("[")


def _prefixed(items: Iterator[Any], label: str) -> Iterator[Any]:
    """The elements; the reader's own errors already name the file."""
    try:
        yield from items
    except RecursionError:
        raise NewsroomError(f"{label}: nested too deeply to read") from None


def _chunks(
    elements: Iterator[Any], tz: tzinfo, base_dir: Path, options: StreamOptions
) -> Iterator[list[ArticleInput]]:
    """The articles read and checked, a chunk at a time; every problem of a chunk at once.

    Read on a thread (``Newsroom.import_stream``): it touches no newsroom.
    """
    index = 0
    while chunk := list(islice(elements, CHUNK_ARTICLES)):
        inputs: list[ArticleInput] = []
        problems: list[FieldProblem] = []
        for element in chunk:
            where = f"[{index}]"
            index += 1
            try:
                parsed = read_article(
                    _as_given(element), base_dir=base_dir, tz=tz,
                    allow_outside_photos=options.allow_outside_photos,
                )  # fmt: skip
            except ValidationError as error:
                problems.extend(error.within(where).problems)
                continue
            parsed.problems_at = where
            inputs.append(parsed)
        if problems:
            raise ValidationError(problems)
        yield inputs


class _Report:
    """What ``newsroom import`` says per article, held in temporary files until the commit."""

    def __init__(
        self,
        newsroom: Newsroom,
        label: str,
        meter: Progress,
        read: Callable[[], tuple[int, int]],
        locked: dict[int, Any],
    ) -> None:
        self.newsroom = newsroom
        self.locked = locked
        self.label = label
        self.meter = meter
        self.read = read
        self.lines = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self.warnings = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self.related: list[tuple[str, list[str]]] = []  # checked once every article is in
        self.taken: list[Any] = []  # locks of other sessions taken over, told after the commit
        self.count = 0
        self.unchecked: list[str] = []  # updated from articles without a revision

    def __enter__(self) -> _Report:
        return self

    def __exit__(self, *exception: object) -> None:
        self.lines.close()
        self.warnings.close()

    def add(self, inputs: Sequence[ArticleInput], results: list[ImportResult]) -> None:
        for item, result in zip(inputs, results, strict=True):
            if item.revision is None and result.changed and not result.created:
                self.unchecked.append(result.article.slug)
            article = result.article
            self.lines.write(line(article.id, article.slug) + "\n")
            for note in result.notes:
                self.warnings.write(f"{self.label}: {article.slug}: {note}\n")
            internal = [entry.slug for entry in article.related if entry.is_internal]
            if internal:
                self.related.append((article.slug, internal))
            if article.id in self.locked:
                self.taken.append(self.locked.pop(article.id))
        self.count += len(results)
        self.meter.update(self.count, self.read())

    def publish(
        self,
        told_taken_over: Callable[[Any], None],
        unchecked_updates: Callable[[str, list[str]], None],
    ) -> None:
        for lock in self.taken:
            told_taken_over(lock)
        self.lines.seek(0)
        shutil.copyfileobj(self.lines, sys.stdout)
        sys.stdout.flush()
        self.warnings.seek(0)
        for text in self.warnings:
            warn(text.rstrip("\n"))
        if self.unchecked:
            unchecked_updates(self.label, self.unchecked)
        for slug, wanted in self.related:
            for missing in self.newsroom.missing_slugs(wanted):
                warn(
                    f"{self.label}: {slug}: related article {missing!r} is not in this "
                    "newsroom yet; the link shows once it is"
                )


class Progress:
    """``imported 120,000 of ~1,000,000 articles · 2,300/s · 6 min left`` on a terminal."""

    EVERY = 0.25  # seconds between redraws

    def __init__(self, total_bytes: int, stream: IO[str]) -> None:
        self.total_bytes = total_bytes
        self.stream = stream
        self.shown = _is_terminal(stream)
        self.started = time.monotonic()
        self.drawn = 0.0
        self.width = 0
        self.count = 0

    def update(self, count: int, read: tuple[int, int]) -> None:
        """``count`` imported; ``read``: the articles read from the file and the bytes they
        reach (the reader runs ahead of the import)."""
        self.count = count
        now = time.monotonic()
        if self.shown and now - self.drawn >= self.EVERY:
            self.drawn = now
            self._draw(progress_text(count, read, self.total_bytes, now - self.started))

    def finish(self) -> None:
        """The line's last state (how many, how fast, how long), and a newline."""
        if self.shown and self.count:
            seconds = time.monotonic() - self.started
            self._draw(finished_text(self.count, seconds))
            self.stream.write("\n")
            self.stream.flush()

    def stop(self) -> None:
        """End a drawn line, so that the error told next has a line of its own."""
        if self.shown and self.width:
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self, text: str) -> None:
        self.stream.write("\r" + text.ljust(self.width))
        self.width = len(text)
        self.stream.flush()


def progress_text(count: int, read: tuple[int, int], total_bytes: int, seconds: float) -> str:
    """The progress line's words: ``count`` imported in ``seconds``; the total estimated
    from ``read``, the articles the reader has read and the bytes they reach. Both come
    from the reader, which runs chunks ahead of the import: the imported count against
    the reader's bytes said ~5,000 of a 20,000-article file at its first thousand."""
    rate = count / seconds if seconds > 0 else 0.0
    articles_read, bytes_read = read
    estimate = round(articles_read * total_bytes / bytes_read) if bytes_read else 0
    total = max(count, articles_read, estimate)
    text = f"imported {count:,} of ~{total:,} articles · {rate:,.0f}/s"
    return f"{text} · {_duration((total - count) / rate)} left" if rate else text


def finished_text(count: int, seconds: float) -> str:
    rate = count / seconds if seconds > 0 else 0.0
    return f"imported {count:,} articles · {rate:,.0f}/s · in {_duration(seconds)}"


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{max(1, round(seconds))} s"
    if seconds < 3600:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
