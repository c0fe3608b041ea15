"""Wire files in: one file's import, and an ingest folder emptied file by file.

``import_document`` is the one path from a file's bytes to stored articles
(``read_incoming`` → ``incoming_inputs`` → ``Newsroom.import_articles``), used by
``newsroom import`` and by ``ingest_file``. ``ingest_file`` never raises for a
bad file: its result says why it failed. ``IngestFolder`` takes the files of
a folder as they arrive (``take_all`` once, or ``poll`` repeatedly with
``--watch``), moves each to ``done/`` or ``failed/`` beside it and writes a
line per file to ``ingest.log`` there.

A file still being written must not be read half-way: while watching, a file
is taken only once its size and modification time stayed the same across
two polls and at least ``MIN_QUIET`` seconds. Senders who can should still
write under a hidden name (``.name.tmp``) and rename: hidden files are never taken.

A photo is no wire item: it waits in the folder until an item names it (it
then moves to ``done/`` with the item) or for ``PHOTO_WAIT`` seconds after it
was last changed (then to ``failed/``). A NewsML-G2 file of picture items
alone (a package's picture) waits the same way, for the package or text item
that names it.

Agencies send a story's text and its photo as separate files, in either
order. An item naming a file that is not there yet (its photo, a package's
item) waits for it up to ``NAMED_WAIT`` seconds after the item was last
changed (one line "waiting" in the log), then comes in without it, with the
warning in the log. The text is never held longer; a photo arriving later
still waits for an item, and its reason in ``failed/`` names the item that
came without it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.article import Status
from newsroom.article_json import ArticleInput
from newsroom.errors import NewsroomError, StorageError
from newsroom.outside_files import check_outside, read_regular
from newsroom.photos import MAX_BYTES as MAX_PHOTO_BYTES
from newsroom.store import ImportResult, Newsroom

if TYPE_CHECKING:
    from newsroom.imports.detect import Incoming

# What a dropped file that is not wire copy comes in as (never what it says: a drop folder
# must not publish). Wire items always come in as incoming, with their source.
INGEST_STATUS = Status.DRAFT

# The largest file an import reads: an article in Newsroom JSON with the largest photo
# inline (base64: 4 characters for 3 bytes), and room for its text.
MAX_FILE_BYTES = MAX_PHOTO_BYTES // 3 * 4 + 16 * 1024 * 1024

DONE = "done"
FAILED = "failed"
LOG_NAME = "ingest.log"

# A file unchanged for this long (and across two polls) is no longer being written.
MIN_QUIET = 1.0
# How long a photo no item has named yet waits for its item, after it was last changed.
PHOTO_WAIT = 600.0
# How long an item waits for the files it names (its photo, a package's item) to arrive,
# after it was last changed: agencies send them seconds apart; the text must not wait long.
NAMED_WAIT = 60.0

# How image files start; a photo is told by its bytes, as wire files are.
_IMAGE_STARTS = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"II*\0", b"MM\0*")


@dataclass(frozen=True)
class FileImport:
    """What one file gave: the parsed articles, what the import did with each, and the
    readers' warnings (what was left out)."""

    inputs: list[ArticleInput]
    results: list[ImportResult]
    warnings: list[str]


def import_document(
    newsroom: Newsroom,
    data: bytes,
    label: str,
    base_dir: Path,
    *,
    status: Status | None = None,
    allow_outside_photos: bool = False,
    update: bool = False,
    force: bool = False,
    summary: str = "",
    take_over: bool = False,
    skip_imported: bool = False,
) -> FileImport:
    """Import the articles in ``data`` (any format ``read_incoming`` knows), all or nothing.

    ``status``, when given, is the status every article is imported into,
    whatever the file says. ``skip_imported`` skips a wire item already
    stored at this version (``Newsroom.import_articles``). Errors are one
    line starting with ``label``.
    """
    from newsroom.imports.detect import read_incoming

    return import_incoming(
        newsroom, read_incoming(data, label, base_dir), label, base_dir,
        status=status, allow_outside_photos=allow_outside_photos, update=update, force=force,
        summary=summary, take_over=take_over, skip_imported=skip_imported,
    )  # fmt: skip


def import_incoming(
    newsroom: Newsroom,
    incoming: Incoming,
    label: str,
    base_dir: Path,
    *,
    status: Status | None = None,
    allow_outside_photos: bool = False,
    update: bool = False,
    force: bool = False,
    summary: str = "",
    take_over: bool = False,
    skip_imported: bool = False,
) -> FileImport:
    """``import_document`` for a file already read (``read_incoming``)."""
    from newsroom.imports.detect import incoming_inputs

    try:
        inputs = incoming_inputs(
            incoming,
            base_dir=base_dir,
            tz=newsroom.settings().tzinfo,
            allow_outside_photos=allow_outside_photos,
        )
        if status is not None:
            for item in inputs:
                if not item.from_wire:  # a wire item is incoming with its source, always
                    item.fields["status"] = status
        results = newsroom.import_articles(
            inputs, update=update, force=force, summary=summary, take_over=take_over,
            skip_imported=skip_imported,
        )  # fmt: skip
    except StorageError:
        raise
    except NewsroomError as error:
        raise NewsroomError(f"{label}: {error}") from error
    return FileImport(inputs, results, incoming.warnings)


def read_wire_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a file to import: a regular file of at most ``limit`` bytes.

    Raises NewsroomError naming the file for a refusal, OSError when it cannot be read.
    """
    check_outside(path, str(path))
    not_regular = "not a regular file (a folder, a pipe or a device)"
    try:
        return read_regular(
            path, label=str(path), limit=limit, not_regular=not_regular, kind="a file to import",
            flags=_WIRE_FILE_FLAGS,
        )  # fmt: skip
    except IsADirectoryError:
        raise NewsroomError(f"{path}: {not_regular}") from None


# A dropped file is opened without waiting (a named pipe); unlike a photo an imported
# document names, a link in the folder is followed (the folder is the desk's own).
_WIRE_FILE_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


@dataclass(frozen=True)
class IngestResult:
    """One file taken from an ingest folder: the articles made, or why it failed."""

    file: Path
    articles: tuple[tuple[int | None, str], ...] = ()  # (id, slug) of each article made
    reason: str = ""  # why it failed, one line; empty when imported
    warnings: tuple[str, ...] = ()
    photos: tuple[Path, ...] = ()  # photo (and picture item) files beside it it took
    moved_to: Path | None = None  # where the file went (None: it had vanished)
    # Slugs of wire items the file repeats at the version already imported (a package
    # and the item files it names, dropped together): done, not a second article.
    duplicates: tuple[str, ...] = ()
    # Files beside it that it names and that are not there yet: it waits for them, untaken.
    waiting_for: tuple[str, ...] = ()
    holding: tuple[str, ...] = ()  # while it waits: the item files it read, kept for it
    pictures_only: bool = False  # a G2 file of picture items: waits for an item naming it
    came_without: tuple[str, ...] = ()  # files it names that were not there (warned)

    @property
    def ok(self) -> bool:
        return not self.reason


def ingest_file(
    newsroom: Newsroom, path: Path, *, status: Status = INGEST_STATUS, hold: bool = False
) -> IngestResult:
    """Import one wire file as new articles in ``status``; never raises for a bad file.

    With ``hold``, a file naming files beside it that are not there yet is
    not imported: its result says what it waits for. A storage failure (the
    newsroom unreachable) is raised: the file is not to blame and must stay
    where it is, to be taken again.
    """
    from newsroom.imports.detect import read_incoming
    from newsroom.imports.newsml import NoTextItemError

    try:
        incoming = read_incoming(read_wire_file(path), path.name, path.parent)
        if hold and incoming.missing:
            held = tuple(incoming.item_files)
            return IngestResult(path, waiting_for=tuple(incoming.missing), holding=held)
        imported = import_incoming(
            newsroom, incoming, path.name, path.parent, status=status, skip_imported=True
        )
    except StorageError:
        raise
    except NoTextItemError as error:
        if hold and error.missing:
            return IngestResult(path, waiting_for=error.missing)
        reason = _without_prefix(str(error), path)
        return IngestResult(path, reason=reason, pictures_only=error.pictures_only)
    except NewsroomError as error:
        return IngestResult(path, reason=_without_prefix(str(error), path))
    except FileNotFoundError:
        return IngestResult(path, reason="the file vanished before it could be read")
    except OSError as error:
        return IngestResult(path, reason=f"cannot read it ({error.strerror or error})")
    except Exception as error:  # a reader's bug on one file must not stop the queue
        return IngestResult(
            path, reason=f"unexpected {type(error).__name__}: {error} (a bug: please report it)"
        )
    made = [result for result in imported.results if not result.duplicate]
    return IngestResult(
        path,
        articles=tuple((result.article.id, result.article.slug) for result in made),
        warnings=tuple(imported.warnings),
        photos=_photos_beside(path.parent, imported.inputs)
        + tuple(path.parent / name for name in incoming.picture_files),
        duplicates=tuple(r.article.slug for r in imported.results if r.duplicate),
        came_without=tuple(incoming.missing),
    )


def _without_prefix(message: str, path: Path) -> str:
    """The reason alone, one line: the log names the file already."""
    for prefix in (f"{path.name}: ", f"{path}: "):
        if message.startswith(prefix):
            message = message[len(prefix) :]
    return " ".join(message.split())


def _photos_beside(folder: Path, inputs: list[ArticleInput]) -> tuple[Path, ...]:
    """The photo files the articles took from ``folder`` itself (not from below it)."""
    found: list[Path] = []
    for item in inputs:
        source = item.photo_file.source if item.photo_file else ""
        if source and source != "data":
            photo = Path(source)
            if photo.parent.resolve() == folder.resolve() and photo not in found:
                found.append(photo)
    return tuple(found)


@dataclass
class _Seen:
    signature: tuple[int, int]  # size, modification time (ns)
    since: float  # when this signature was first seen (monotonic clock)


@dataclass
class IngestFolder:
    """A folder wire files arrive in, emptied into ``newsroom`` file by file."""

    newsroom: Newsroom
    folder: Path
    status: Status = INGEST_STATUS
    quiet: float = MIN_QUIET
    photo_wait: float = PHOTO_WAIT
    named_wait: float = NAMED_WAIT
    _seen: dict[str, _Seen] = field(default_factory=dict, repr=False)
    # Items waiting for files they name: the names, the item's size and time then, and the
    # item files it read (a package's text item: not taken alone while the package waits).
    _waiting: dict[str, tuple[tuple[str, ...], tuple[int, int], tuple[str, ...]]] = field(
        default_factory=dict, repr=False
    )
    # Files an item came in without after waiting: the file's name -> the item's.
    _came_without: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if not self.folder.is_dir():
            raise NewsroomError(
                f"{self.folder}: no such folder (give the folder wire files arrive in)"
            )

    def take_all(self) -> Iterator[IngestResult]:
        """Every file there now, whether or not it is still changing (one run)."""
        return self._take(lambda _path, _info: True)

    def poll(self) -> Iterator[IngestResult]:
        """The files that stopped changing since the last poll (``--watch``)."""
        now = time.monotonic()
        steady: set[str] = set()
        seen: dict[str, _Seen] = {}
        for path, info in self._files():
            signature = (info.st_size, info.st_mtime_ns)
            before = self._seen.get(path.name)
            if before is None or before.signature != signature:
                seen[path.name] = _Seen(signature, now)
            else:
                seen[path.name] = before
                if now - before.since >= self.quiet:
                    steady.add(path.name)
        self._seen = seen
        return self._take(lambda path, _info: path.name in steady)

    def _take(self, ready: Callable[[Path, os.stat_result], bool]) -> Iterator[IngestResult]:
        files = [(path, ready(path, info)) for path, info in self._files()]
        photos = [(path, taken) for path, taken in files if _is_photo(path)]
        items = [path for path, taken in files if taken and path not in dict(photos)]
        # An item waits while a photo beside it (perhaps its own) is still being written.
        if all(taken for _, taken in photos):
            for path in items:
                # Not a file another took, nor an item file a waiting package holds.
                taken = not path.exists() or self._held(path)
                result = None if taken else self._ingest(path)
                if result is not None:
                    yield result
        for path, taken in photos:
            result = self._photo_waited(path) if taken else None
            if result is not None:
                yield result

    def _files(self) -> list[tuple[Path, os.stat_result]]:
        """The folder's regular files to take, oldest first: not hidden, not the log."""
        found: list[tuple[Path, os.stat_result]] = []
        for entry in os.scandir(self.folder):
            if entry.name.startswith(".") or entry.name == LOG_NAME:
                continue
            try:
                if entry.is_file(follow_symlinks=False):
                    found.append((Path(entry.path), entry.stat(follow_symlinks=False)))
            except FileNotFoundError:
                continue  # gone between the listing and the look
        return sorted(found, key=lambda pair: (pair[1].st_mtime_ns, pair[0].name))

    def _ingest(self, path: Path) -> IngestResult | None:
        """The file imported and moved; None while it waits (said once, when it starts)."""
        age, signature = _age(path)
        hold = age < self.named_wait
        if hold and self._still_waiting(path, signature):
            return None
        result = ingest_file(self.newsroom, path, status=self.status, hold=hold)
        if result.waiting_for:
            said = path.name in self._waiting
            self._waiting[path.name] = (result.waiting_for, signature, result.holding)
            if not said:
                self._log(result)
            return None if said else result
        self._waiting.pop(path.name, None)
        if result.pictures_only:
            return self._photo_waited(path, result.reason)
        for name in result.came_without:
            self._came_without[name] = path.name
        if result.ok:
            moved = _move(path, self.folder / DONE)
            for photo in result.photos:
                _move(photo, self.folder / DONE)
        else:
            moved = _move(path, self.folder / FAILED)
        result = _with_move(result, moved)
        self._log(result)
        return result

    def _held(self, path: Path) -> bool:
        """An item file a package waiting in the folder named: taken with the package."""
        return any(
            path.name in holding and (self.folder / name).exists()
            for name, (_, _, holding) in self._waiting.items()
        )

    def _still_waiting(self, path: Path, signature: tuple[int, int]) -> bool:
        """The item waited before, unchanged, and none of the files it names has come."""
        waiting = self._waiting.get(path.name)
        if waiting is None or waiting[1] != signature:
            return False
        return not any((self.folder / name).exists() for name in waiting[0])

    def _photo_waited(self, path: Path, refused: str = "") -> IngestResult | None:
        """A photo (or a file of picture items) alone goes to failed/ once it waited
        ``photo_wait`` for its item; ``refused`` is why the picture file is no article."""
        try:
            age = time.time() - path.stat().st_mtime
        except FileNotFoundError:
            return None  # an item took it meanwhile
        if age < self.photo_wait:
            return None
        what = "a picture item file" if refused else "a photo"
        reason = f"{what} no wire item named within {self.photo_wait / 60:g} minutes"
        if path.name in self._came_without:
            reason = (
                f"{what} that arrived after its item {self._came_without[path.name]} came in "
                "without it: add it to that article by hand"
            )
        result = _with_move(IngestResult(path, reason=reason), _move(path, self.folder / FAILED))
        self._log(result)
        return result

    def _log(self, result: IngestResult) -> None:
        moment = datetime.now(UTC).isoformat(timespec="seconds")
        if result.waiting_for:
            outcome = f"waiting\t{_waiting_line(result.waiting_for, self.named_wait)}"
        elif result.ok:
            made = [f"{id_} {slug}" for id_, slug in result.articles]
            repeated = [f"already imported as {slug}" for slug in result.duplicates]
            outcome = "done\t" + ", ".join(made + repeated)
            if result.warnings:  # what it came in without
                outcome += "\t" + "; ".join(result.warnings)
        else:
            outcome = f"failed\t{result.reason}"
        with (self.folder / LOG_NAME).open("a", encoding="utf-8") as log:
            log.write(f"{moment}\t{result.file.name}\t{outcome}\n")


def waiting_line(result: IngestResult, wait: float = NAMED_WAIT) -> str:
    """What a waiting item waits for, as the log and the command say it."""
    return _waiting_line(result.waiting_for, wait)


def _waiting_line(names: tuple[str, ...], wait: float) -> str:
    return f"for {', '.join(names)}, which it names (at most {_duration(wait)})"


def _duration(seconds: float) -> str:
    if seconds >= 60:
        minutes = seconds / 60
        return f"{minutes:g} minute{'s' if minutes != 1 else ''}"
    return f"{seconds:g} seconds"


def _age(path: Path) -> tuple[float, tuple[int, int]]:
    """Seconds since the file last changed, and its size and modification time."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return 0.0, (0, 0)
    return time.time() - info.st_mtime, (info.st_size, info.st_mtime_ns)


def _with_move(result: IngestResult, moved: Path | None) -> IngestResult:
    return replace(result, moved_to=moved)


def _is_photo(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            head = stream.read(16)
    except OSError:
        return False
    return head.startswith(_IMAGE_STARTS) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def _move(path: Path, into: Path) -> Path | None:
    """Move ``path`` into the folder ``into`` under a name not taken there (None: it vanished)."""
    into.mkdir(exist_ok=True)
    target = into / path.name
    number = 1
    while target.exists():
        number += 1
        target = into / f"{path.stem}-{number}{path.suffix}"
    try:
        path.rename(target)
    except FileNotFoundError:
        return None
    return target
