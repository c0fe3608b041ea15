"""Copy benchmark: how long ``newsroom copy`` takes, and how much memory it holds.

    python bench/copying.py                      1,000 articles (3 revisions each), 200 photos
    python bench/copying.py --articles N --photos P

Builds a newsroom (photos are noise JPEGs, ~0.7 MB each, the hard case for
memory), then runs ``newsroom copy`` in a process of its own and prints the
time, rows and megabytes per second, and that process's peak memory beside
the newsroom's size: the copy streams rows, so the peak stays far below it.
SQLite's page-by-page backup of the same file is timed as a baseline.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsroom.store import Newsroom  # noqa: E402


def noise_jpeg() -> bytes:
    pixels = Image.frombytes("RGB", (1200, 800), os.urandom(1200 * 800 * 3))
    buffer = io.BytesIO()
    pixels.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def build(path: Path, articles: int, photos: int) -> None:
    with Newsroom.open(path, create=True, author="bench") as newsroom:
        hashes = [newsroom.photos.add(noise_jpeg()).sha256 for _ in range(photos)]
        for sha in hashes[: photos // 4]:
            newsroom.photos.rendition(sha, 640)
        for start in range(0, articles, 100):
            document = [
                {
                    "headline": f"Story {index} on grain talks and the river bridge",
                    "lead": "The council met on Monday. " * 3,
                    "body": "A paragraph of the story, about the talks and the budget. " * 60,
                    "photo": {"sha256": hashes[index % photos], "caption": f"Photo {index}"},
                }
                for index in range(start, min(start + 100, articles))
            ]
            newsroom.import_json(document, base_dir=None)
        for summary in newsroom.articles():
            article = newsroom.get(summary.id or 0)
            for edit in range(2):
                article = newsroom.save(dataclasses.replace(article, mark=f"Edit {edit}"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000)
    parser.add_argument("--photos", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "source.sqlite"
        started = time.perf_counter()
        build(source, args.articles, args.photos)
        print(f"built {args.articles} articles, {args.photos} photos "
              f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
        megabytes = source.stat().st_size / 1e6
        for command in ("copy", "backup"):
            target = Path(folder) / f"{command}.sqlite"
            argv = [sys.executable, "-m", "newsroom"]
            argv += ["copy", str(source), str(target)] if command == "copy" else [
                "--db", str(source), "backup", str(target)]  # fmt: skip
            started = time.perf_counter()
            subprocess.run(argv, cwd=ROOT, check=True, capture_output=True)
            seconds = time.perf_counter() - started
            # The peak of all children so far: the copy, measured first, is alone in it.
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            memory = f"; peak memory of its process {peak:.0f} MB" if command == "copy" else ""
            print(f"{command:>6}: {seconds:.2f} s for {megabytes:.0f} MB "
                  f"({megabytes / seconds:.0f} MB/s){memory}")  # fmt: skip


if __name__ == "__main__":
    main()
