"""Crash safety and backups under load, with real processes on a real file."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsroom.store import Newsroom

SAVE_LOOP = Path(__file__).with_name("save_loop.py")
ROOT = Path(__file__).resolve().parents[1]
# Each kill lands at a random point of a save, in a new process each (~0.8 s): 30 of them,
# where 50 took 40 s of the suite.
KILLS = 30


def start_saving(db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(SAVE_LOOP), str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)  # reaps it and closes its pipes


def read_revisions(process: subprocess.Popen[str], count: int) -> int:
    """Wait until the process has committed ``count`` more revisions; the last one."""
    assert process.stdout is not None
    last = -1
    for _ in range(count):
        line = process.stdout.readline()
        if not line:
            raise AssertionError(
                f"the save loop stopped: {process.stderr.read() if process.stderr else ''}"
            )
        last = int(line)
    return last


def stored_revisions(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        current = raw.execute(
            "SELECT revision FROM articles WHERE slug = 'crash-target'"
        ).fetchone()
        newest = raw.execute(
            "SELECT max(number) FROM revisions JOIN articles a ON a.id = article_id "
            "WHERE a.slug = 'crash-target'"
        ).fetchone()
    return current[0], newest[0]


@pytest.mark.slow
def test_sigkill_during_saves_never_corrupts_or_loses_commits(tmp_path: Path) -> None:
    db = tmp_path / "crash.sqlite"
    chance = random.Random(20261127)
    last_committed = 0
    for run in range(KILLS):
        process = start_saving(db)
        last_committed = max(last_committed, read_revisions(process, chance.randint(1, 12)))
        time.sleep(chance.random() * 0.01)  # land anywhere in the next save
        kill(process)
        current, newest = stored_revisions(db)
        assert newest >= last_committed, (
            f"run {run}: revision {last_committed} was committed but lost"
        )
        assert current == newest, f"run {run}: article at {current} but history ends at {newest}"
    with Newsroom.open(db) as newsroom:
        report = newsroom.check()
        assert report.ok, report.problems
        assert len(newsroom.history("crash-target")) == newest


@pytest.mark.slow
def test_backup_while_another_process_writes(tmp_path: Path) -> None:
    db = tmp_path / "live.sqlite"
    process = start_saving(db)
    try:
        read_revisions(process, 5)
        with Newsroom.open(db) as newsroom:
            for number in range(5):
                copy = newsroom.backup(tmp_path / f"copy-{number}.sqlite")
                read_revisions(process, 3)  # the writer goes on between backups
                with Newsroom.open(copy) as restored:
                    report = restored.check()
                    assert report.ok, report.problems
                    article = restored.get("crash-target")
                    assert len(restored.history("crash-target")) == article.revision
                assert not Path(f"{copy}-wal").exists()
    finally:
        kill(process)
    assert not list(tmp_path.glob(".*partial*"))
