"""Writing export files safely: complete or not at all, and only when changed.

Every file is written under a temporary name in its own folder and renamed
into place, so an export interrupted (Ctrl+C, a full disk) never leaves a
half-written page where a good one was. A file whose bytes are already there
is left alone: re-exports touch only what changed, and tools that watch
modification times (rsync, web servers) see only real changes.

Folders below the export folder are never followed when they are symbolic
links, and a file where a folder belongs is an error: an export writes into
the folder it was given and nowhere else. (The export folder itself may be
a link: that is where its owner chose to put it.)
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
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
    # SHA-256 of every file written or found already holding its bytes, by relative name.
    hashes: dict[str, str] = field(default_factory=dict)
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
        self.folder(target.parent)
        self.hashes[relative] = hashlib.sha256(content).hexdigest()
        if _same(target, content):
            self.unchanged.append(target)
            return target
        write_atomically(target, content)
        self.written.append(target)
        folder, _, name = relative.rpartition("/")
        if folder in self._listed:
            self._listed[folder].add(name)
        return target

    def folder(self, directory: Path) -> Path:
        """``directory`` (in the export folder), made if missing; never through a link."""
        if directory not in self._folders:
            problem = self._folder_problem(directory)
            if problem:
                raise NewsroomError(problem)
            make_folder(directory)
            self._folders.add(directory)
        return directory

    def may_write_in(self, folder: str) -> bool:
        """Whether ``folder`` (relative; missing is fine) is no link and no file."""
        return self._folder_problem(self.path(folder)) is None

    def _folder_problem(self, directory: Path) -> str | None:
        """Why the export may not write into ``directory``; None when it may."""
        current = self.root
        for part in directory.relative_to(self.root).parts:
            current = current / part
            if current.is_symlink():
                return (
                    f"{current}: is a symbolic link; an export never writes through one "
                    "(make it a real folder, or export elsewhere)"
                )
            if current.exists() and not current.is_dir():
                return (
                    f"{current}: is a file, not a folder; the export needs a folder there "
                    "(move the file away)"
                )
        return None

    def exists(self, relative: str) -> bool:
        folder, _, name = relative.rpartition("/")
        return name in self._names(folder)

    def remove(self, relative: str, sha256: str | None) -> bool:
        """Delete ``relative`` if it still holds the bytes whose hash is ``sha256``.

        False (and the file left alone) when it changed, is not a plain file,
        or lies below a link; a file already gone counts as removed. ``None``
        skips the hash, for a name only we make (an old site's renditions).
        """
        target = self.path(relative)
        if self._folder_problem(target.parent):
            return False
        if not target.exists() and not target.is_symlink():
            return True
        if target.is_symlink() or not target.is_file():
            return False
        if sha256 is not None and _sha256(target) != sha256:
            return False
        target.unlink()
        return True

    def remove_leftovers(self, folders: list[str]) -> list[Path]:
        """Delete temporary files that writers killed mid-file left in ``folders``.

        Only names ``write_atomically`` makes, and only when the process named in
        them is gone: another export running into the same folder keeps its own.
        """
        removed = []
        for folder in folders:
            directory = self.path(folder) if folder else self.root
            if self._folder_problem(directory) or not directory.is_dir():
                continue
            for entry in os.scandir(directory):
                found = _PARTIAL.match(entry.name)
                if found and entry.is_file(follow_symlinks=False) and not _alive(int(found[1])):
                    with contextlib.suppress(FileNotFoundError):
                        Path(entry.path).unlink()
                    removed.append(Path(entry.path))
        return removed

    def _names(self, folder: str) -> set[str]:
        names = self._listed.get(folder)
        if names is None:
            directory = self.path(folder) if folder else self.root
            problem = self._folder_problem(directory)
            if problem:
                raise NewsroomError(problem)
            try:
                names = {entry.name for entry in os.scandir(directory) if entry.is_file()}
            except OSError:
                names = set()
            self._listed[folder] = names
        return names


_PARTIAL = re.compile(r"^\..+\.(\d{1,10})\.partial$")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # ours from an earlier call that was interrupted
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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


def make_folder(directory: Path) -> None:
    """``directory`` and its parents, made if missing; a one-line error if they cannot be."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise NewsroomError(
            f"{directory}: cannot create the folder ({error.strerror or error})"
        ) from None
