"""Command-line memory benchmark: peak resident memory of list, search and show, small and large.

    python bench/cli_memory.py --big NEWSROOM.sqlite     a demo newsroom against that one
    python bench/cli_memory.py --big X.sqlite --runs 5

Each command runs as the whole process a user starts (``python -m newsroom …``
from this checkout, its output thrown away); its peak resident set size is the
kernel's own count for that process (``wait4``'s ``ru_maxrss``), the median of
the runs. Every command runs on a demo newsroom made in a temp folder and on
the large one, and the large one's figure is printed beside the small one's.
Target (issue 15): flat in the newsroom's size, taken here as the large
newsroom's peak within ``FLAT_TARGET`` of the small one's. Newsrooms are only read.

(Apart from ``bench/cli_start.py``, which times the same commands' start.)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLAT_TARGET = 1.10  # the large newsroom's peak over the small one's


def newsroom(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsroom", *args]


def peak_kib(command: list[str], env: dict[str, str]) -> int:
    """The process's peak resident set size in KiB (Linux reports ru_maxrss in KiB)."""
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)  # fmt: skip
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        assert process.stderr is not None
        raise SystemExit(f"{' '.join(command)}: exit {process.returncode}: "
                         f"{process.stderr.read().decode()[-500:]}")  # fmt: skip
    return usage.ru_maxrss


def first_slug_and_word(db: str, env: dict[str, str]) -> tuple[str, str]:
    """The newest article's slug, and the longest word of its headline."""
    first = subprocess.run(newsroom("--db", db, "list", "--limit", "1"), cwd=ROOT, env=env,
                           capture_output=True, text=True, check=True).stdout.split("\t")  # fmt: skip
    words = sorted((w.strip(".,:;!?\"'").lower() for w in first[4].split()), key=len)
    return first[3], words[-1]


def commands(db: str, env: dict[str, str]) -> dict[str, list[str]]:
    slug, word = first_slug_and_word(db, env)
    return {
        "list --limit 50": newsroom("--db", db, "list", "--limit", "50"),
        "search": newsroom("--db", db, "search", word),
        "show": newsroom("--db", db, "show", slug),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--big", required=True, help="the large newsroom (only read)")
    parser.add_argument("--runs", type=int, default=3, help="runs per command (default 3)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cli-memory-"))
    try:
        env = {key: value for key, value in os.environ.items() if key != "NEWSROOM_DB"}
        env.setdefault("NEWSROOM_AUTHOR", "bench")
        small = str(folder / "demo.sqlite")
        subprocess.run(newsroom("--db", small, "init", "--demo"), cwd=ROOT, env=env,
                       stdout=subprocess.DEVNULL, check=True)  # fmt: skip
        print(f"load average before: {' '.join(f'{n:.2f}' for n in os.getloadavg())}; "
              f"{os.cpu_count()} cores; median of {args.runs} runs")  # fmt: skip
        print(f"large newsroom: {args.big}")
        print(f"{'command':<18}{'demo (6 articles)':>20}{'large':>12}{'ratio':>8}  "
              f"target ≤ {FLAT_TARGET:.2f}×")  # fmt: skip
        runs = {db: commands(db, env) for db in (small, args.big)}
        for label in runs[small]:
            peaks = [
                statistics.median(peak_kib(runs[db][label], env) for _ in range(args.runs))
                for db in (small, args.big)
            ]
            ratio = peaks[1] / peaks[0]
            verdict = "met" if ratio <= FLAT_TARGET else "NOT met"
            print(f"{label:<18}{peaks[0] / 1024:>17.1f} MB{peaks[1] / 1024:>9.1f} MB"
                  f"{ratio:>7.2f}×  {verdict}")  # fmt: skip
        print(f"load average after: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
