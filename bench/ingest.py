"""Ingest benchmark: files per second for 1,000 mixed wire files, next to plain JSON import.

    python bench/ingest.py            1,000 files
    python bench/ingest.py --files N

The wire files are made from the samples in tests/imports/samples/ (NITF,
NewsML-G2, ninjs 1.x and 2.x, NewsML 1.2), each copy with its own headline
and item id. The same articles, as Newsroom JSON, are then imported in the
same run on fresh temporary SQLite newsrooms: as one JSON list, and as one
JSON file each. Every run is the real command in a process of its own.
Figures and ratios only, never pass/fail.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsroom.errors import NewsroomError  # noqa: E402
from newsroom.imports.detect import read_incoming  # noqa: E402

SAMPLES = ROOT / "tests" / "imports" / "samples"


def usable_samples() -> list[tuple[bytes, str, str, str]]:
    """Each sample that imports alone: its bytes, encoding, headline and item id."""
    found = []
    for sample in sorted(SAMPLES.iterdir()):
        data = sample.read_bytes()
        if b"<packageItem" in data:  # its items are files of their own, read from its folder
            continue
        try:
            incoming = read_incoming(data, sample.name, sample.parent)
        except NewsroomError:  # a sample needing its photo or its package: left out
            continue
        document = incoming.document
        if not isinstance(document, dict):
            continue
        # NewsML-G2 sources do not reach read_incoming yet: such files vary by headline alone.
        item_id = incoming.sources[0].item_id if incoming.sources else ""
        for encoding in ("utf-8", "iso-8859-1"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            headline = document.get("headline", "")
            if headline and headline in text and item_id in text:
                found.append((data, encoding, headline, item_id))
                break
    return found


def make_wire_files(folder: Path, count: int) -> list[str]:
    """``count`` wire files, the samples in turn, each with its own headline and id."""
    samples = usable_samples()
    kinds = []
    for number in range(count):
        data, encoding, headline, item_id = samples[number % len(samples)]
        text = data.decode(encoding)
        text = text.replace(headline, f"{headline} {number}")
        if item_id:  # NewsML-G2 items have none in read_incoming yet
            text = text.replace(item_id, f"{item_id}-{number}")
        # A slugline becomes the slug: each copy needs its own.
        text = re.sub(r"(<slugline[^>]*>)([^<]+)", rf"\g<1>\g<2>-{number}", text)
        suffix = ".json" if data.lstrip()[:1] in (b"{", b"[") else ".xml"
        (folder / f"wire-{number:04d}{suffix}").write_bytes(text.encode(encoding))
        kinds.append(suffix)
    return kinds


def as_json(wire: Path, out: Path) -> list[object]:
    """The articles of every wire file as Newsroom JSON documents, also written one per file."""
    documents = []
    for file in sorted(wire.iterdir()):
        document = read_incoming(file.read_bytes(), file.name, wire).document
        documents.append(document)
        (out / f"{file.stem}.json").write_text(json.dumps(document, ensure_ascii=False))
    return documents


def timed(args: list[str], db: Path) -> float:
    env = dict(os.environ, NEWSROOM_AUTHOR="bench")
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "newsroom", "--db", str(db), *args],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args[:2])}: failed: {done.stderr.strip()[-400:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1000)
    count = parser.parse_args().files
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        wire, singles = base / "wire", base / "json"
        wire.mkdir()
        singles.mkdir()
        kinds = make_wire_files(wire, count)
        documents = as_json(wire, singles)
        (base / "all.json").write_text(json.dumps(documents, ensure_ascii=False))
        print(f"{count} files from {len(usable_samples())} samples "
              f"({kinds.count('.xml')} XML, {kinds.count('.json')} JSON); "
              f"load average before: {os.getloadavg()[0]:.2f}, {os.cpu_count()} cores")  # fmt: skip

        startup = timed(["--version"], base / "none.sqlite")
        ingest = timed(["ingest", str(wire)], base / "ingest.sqlite")
        failed = len(list((wire / "failed").iterdir())) if (wire / "failed").is_dir() else 0
        one_list = timed(["import", str(base / "all.json")], base / "list.sqlite")
        files = sorted(str(path) for path in singles.iterdir())
        many = timed(["import", *files], base / "files.sqlite")

        print(f"process start (newsroom --version)  {startup:7.2f} s")
        for label, seconds in (
            ("ingest FOLDER (wire files)", ingest),
            ("import one JSON list", one_list),
            ("import N JSON files", many),
        ):
            print(f"{label:<36}{seconds:7.2f} s  {count / seconds:8.1f} files/s")
        print(f"ingest / JSON list: {ingest / one_list:.2f}x the time; "
              f"ingest / JSON files: {ingest / many:.2f}x the time; failed in ingest: {failed}")  # fmt: skip
        print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
