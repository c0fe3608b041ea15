"""Install size of the PyInstaller bundle, by part, against the issue 15 target (≤ 300 MB).

    make bundle && python bench/bundle_size.py             dist/newsroom/
    python bench/bundle_size.py PATH/TO/newsroom --top 30   another build, more of its biggest files
    python bench/bundle_size.py --gzip                      also the size as a .tar.gz download

Sizes are the bytes of the files (symbolic links count nothing: PyInstaller links each
library into the top folder), in MB of 10^6 bytes, MiB beside the total. Each part is a
folder or kind of file; what the spec leaves out, and why, is in packaging/bundle_trim.py.
A figure, not a test: it says whether the target is met and by how much.
"""

from __future__ import annotations

import argparse
import io
import tarfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[1]
TARGET_MB = 300
MB = 1_000_000
QT = PurePosixPath("_internal/PySide6/Qt")


def _is_python(path: PurePosixPath) -> bool:
    return (
        path.name.startswith("libpython")
        or path.name == "base_library.zip"
        or (len(path.parts) > 2 and path.parts[1].startswith("python3"))
    )


# (part, test on the path inside the bundle); the first that matches names a file's part.
PARTS: list[tuple[str, Callable[[PurePosixPath], bool]]] = [
    ("Chromium (libQt6WebEngineCore)", lambda p: p.name.startswith("libQt6WebEngineCore")),
    ("ICU data (libicudata, Qt's)", lambda p: p.name.startswith("libicudata")),
    ("Qt libraries, other", lambda p: p.is_relative_to(QT / "lib")),
    ("QtWebEngine resources", lambda p: p.is_relative_to(QT / "resources")),
    ("QtWebEngine helper program", lambda p: p.is_relative_to(QT / "libexec")),
    ("Qt translations", lambda p: p.is_relative_to(QT / "translations")),
    ("Qt plugins", lambda p: p.is_relative_to(QT / "plugins")),
    ("QML modules", lambda p: p.is_relative_to(QT / "qml")),
    ("PySide6 bindings", lambda p: p.parent == PurePosixPath("_internal/PySide6")),
    ("Python (libpython, standard library)", _is_python),
    ("the app's code (the executable, its zipped modules)", lambda p: p.parent.name == ""),
    ("Newsroom resources and migrations", lambda p: p.is_relative_to("_internal/newsroom")),
    ("system libraries copied from the build machine", lambda p: p.parent.name == "_internal"),
]


def files_of(bundle: Path) -> dict[PurePosixPath, int]:
    """Each regular file's size by its path inside the bundle (links left out)."""
    return {
        PurePosixPath(path.relative_to(bundle).as_posix()): path.lstat().st_size
        for path in sorted(bundle.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def part_of(path: PurePosixPath) -> str:
    for name, matches in PARTS:
        if matches(path):
            return name
    return f"Python package {path.parts[1]}" if len(path.parts) > 2 else "other"


class _Counter(io.RawIOBase):
    """A file that keeps nothing and counts the bytes written to it."""

    def __init__(self) -> None:
        self.count = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.count += len(data)
        return len(data)


def gzip_size(bundle: Path) -> int:
    """The bytes of the bundle as a .tar.gz (symbolic links kept as links)."""
    sink = _Counter()
    with tarfile.open(fileobj=sink, mode="w:gz", compresslevel=6) as archive:
        archive.add(bundle, arcname=bundle.name)
    return sink.count


def report(bundle: Path, top: int, with_gzip: bool) -> None:
    files = files_of(bundle)
    total = sum(files.values())
    parts: Counter[str] = Counter()
    for path, size in files.items():
        parts[part_of(path)] += size
    print(f"bundle {bundle}: {len(files)} files")
    packages = Counter({k: v for k, v in parts.items() if k.startswith("Python package ")})
    named = Counter({k: v for k, v in parts.items() if k not in packages})
    for name, size in named.most_common():
        print(f"  {size / MB:8.1f} MB  {name}")
    small = sum(size for size in packages.values() if size < MB)
    for name, size in packages.most_common():
        if size >= MB:
            print(f"  {size / MB:8.1f} MB  {name}")
    print(f"  {small / MB:8.1f} MB  Python packages under 1 MB each")
    print(f"largest {top} files:")
    for path, size in Counter(files).most_common(top):
        print(f"  {size / MB:8.1f} MB  {path}")
    verdict = (
        "met" if total <= TARGET_MB * MB else f"NOT met, {(total / MB) - TARGET_MB:.1f} MB over"
    )
    print(
        f"total: {total / MB:.1f} MB ({total / 2**20:.1f} MiB); target ≤ {TARGET_MB} MB: {verdict}"
    )
    if with_gzip:
        print(f"as a .tar.gz download: {gzip_size(bundle) / MB:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("bundle", nargs="?", type=Path, default=ROOT / "dist" / "newsroom")
    parser.add_argument("--top", type=int, default=20, help="how many of the largest files")
    parser.add_argument("--gzip", action="store_true", help="also pack it as a .tar.gz")
    args = parser.parse_args()
    if not (args.bundle / "newsroom-app").is_file():
        parser.error(f"{args.bundle}: no newsroom-app inside; build it first with make bundle")
    report(args.bundle, args.top, args.gzip)


if __name__ == "__main__":
    main()
