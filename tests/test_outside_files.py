"""A newsroom open in this process is never read in as an outside file (photo, import, table).

Closing any descriptor of a file drops every POSIX lock the process holds on
it, SQLite's included: the next program to close the newsroom then deleted
the write-ahead log the app was still writing to.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsroom.article import Article
from newsroom.errors import NewsroomError
from newsroom.outside_files import read_outside
from newsroom.store import Newsroom

CLI = [sys.executable, "-m", "newsroom"]


def other_program_reads(db: Path) -> str:
    """What another process sees: the headlines it lists (it opens and closes the newsroom)."""
    result = subprocess.run([*CLI, "--db", str(db), "list"], capture_output=True, text=True,
                            timeout=60, check=True)  # fmt: skip
    return " / ".join(line.split("\t")[-1] for line in result.stdout.splitlines())


def test_the_open_newsroom_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    db = tmp_path / "newsroom.sqlite"
    with Newsroom.open(db, create=True) as newsroom:
        newsroom.create(Article(headline="Ice road opens"))
        for name in (db, Path(f"{db}-wal"), tmp_path / "." / "newsroom.sqlite"):
            with pytest.raises(NewsroomError) as refused:
                read_outside(name, "newsroom.sqlite")
            assert str(refused.value).startswith("newsroom.sqlite: this is the open newsroom's own")
        alias = tmp_path / "alias.sqlite"
        alias.symlink_to(db)
        with pytest.raises(NewsroomError):
            read_outside(alias)
        # Refused without being opened: this process's locks are whole, so another
        # program closing the newsroom leaves its write-ahead log alone.
        other_program_reads(db)
        assert Path(f"{db}-wal").exists()
        newsroom.save(newsroom.get(1).with_changes(headline="Ice road opens early"))
        assert other_program_reads(db) == "Ice road opens early"
    assert read_outside(db).startswith(b"SQLite format 3")  # closed: an ordinary file again


def test_importing_the_open_newsroom_is_one_line_on_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "newsroom.sqlite"
    subprocess.run([*CLI, "--db", str(db), "init"], check=True, capture_output=True)
    result = subprocess.run([*CLI, "--db", str(db), "import", str(db)],
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == 1
    assert result.stderr == (
        f"newsroom: error: {db}: this is the open newsroom's own file, not one to read in; "
        "choose another file\n"
    )
