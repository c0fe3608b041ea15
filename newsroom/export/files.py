"""Writing export files safely: complete or not at all, and only when changed.

Every file is written under a temporary name in its own folder and renamed
into place, so an export interrupted (Ctrl+C, a full disk) never leaves a
half-written page where a good one was. A file whose bytes are already there
is left alone: re-exports touch only what changed, and tools that watch
modification times (rsync, web servers) see only real changes.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from newsroom.errors import NewsroomError


@dataclass
class Output:
    """An export folder and what was written into it."""

    root: Path
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    _folders: set[Path] = field(default_factory=set)
    # File names per folder (relative, "" for the root), listed once: a site asks
    # "is it there?" ten thousand times, and a stat per page is most of a re-export.
    _listed: dict[str, set[str]] = field(default_factory=dict)

    def path(self, relative: str) -> Path:
        # Checked on the name alone (no filesystem lookups): thousands of files a second.
        clean = os.path.normpath(relative)
        if Path(clean).is_absolute() or clean == ".." or clean.startswith(("../", "..\\")):
            raise NewsroomError(f"{relative}: would be written outside {self.root}")
        return self.root / clean

    def write(self, relative: str, data: bytes | str) -> Path:
        """Write ``relative`` (bytes, or text as UTF-8) unless it already holds exactly that."""
        content = data.encode("utf-8") if isinstance(data, str) else data
        target = self.path(relative)
        if _same(target, content):
            self.unchanged.append(target)
            return target
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        write_atomically(target, content)
        self.written.append(target)
        folder, _, name = relative.rpartition("/")
        if folder in self._listed:
            self._listed[folder].add(name)
        return target

    def exists(self, relative: str) -> bool:
        folder, _, name = relative.rpartition("/")
        return name in self._names(folder)

    def _names(self, folder: str) -> set[str]:
        names = self._listed.get(folder)
        if names is None:
            directory = self.path(folder) if folder else self.root
            try:
                names = {entry.name for entry in os.scandir(directory) if entry.is_file()}
            except OSError:
                names = set()
            self._listed[folder] = names
        return names


def _same(target: Path, content: bytes) -> bool:
    try:
        if target.stat().st_size != len(content):
            return False
        return target.read_bytes() == content
    except OSError:
        return False


def write_atomically(target: Path, content: bytes) -> None:
    """Write ``target`` through a temporary file in its (existing) folder, then rename it."""
    try:
        temporary = target.with_name(f".{target.name}.{os.getpid()}.partial")
        try:
            with temporary.open("wb") as handle:
                handle.write(content)
            temporary.replace(target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
    except OSError as error:
        raise NewsroomError(f"{target}: cannot write it ({error.strerror or error})") from None
