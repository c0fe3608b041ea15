"""``newsroom sections``, run as a shell runs it: a subprocess, its output, stderr and exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[1]


class Shell:
    def __init__(self, db: Path | str) -> None:
        self.db = db

    def __call__(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "NEWSROOM_AUTHOR": "desk", "PYTHONPATH": str(CHECKOUT)}
        env.pop("NEWSROOM_DB", None)
        return subprocess.run(
            [sys.executable, "-m", "newsroom", "--db", str(self.db), *args],
            input=stdin, capture_output=True, text=True, timeout=120, env=env,
        )  # fmt: skip

    def ok(self, *args: str, stdin: str | None = None) -> list[str]:
        result = self(*args, stdin=stdin)
        assert result.returncode == 0, result.stderr
        return result.stdout.splitlines()

    def fails(self, *args: str) -> str:
        """The one-line error of a command that must fail with status 1."""
        result = self(*args)
        assert (result.returncode, result.stdout) == (1, ""), result
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert result.stderr.startswith("newsroom: error: ")
        return result.stderr.removeprefix("newsroom: error: ").rstrip("\n")


@pytest.fixture
def shell(db_target: Path | str) -> Shell:
    run = Shell(db_target)
    stories = [
        {"slug": f"s{n}", "headline": f"Story {n}", "section": section}
        for n, section in enumerate(["Sport", "Politics", "C", "C++", "Sport"], start=1)
    ]
    run.ok("import", "-", stdin=json.dumps(stories))
    return run


def test_a_list_built_from_the_articles_then_renamed_moved_and_removed(shell: Shell) -> None:
    listed = shell("sections", "list")
    assert (listed.returncode, listed.stdout) == (0, "")
    assert "keeps no section list yet" in listed.stderr
    assert shell.ok("sections", "add", "--from-articles") == [
        "1\tSport\tsport\t", "2\tPolitics\tpolitics\t", "3\tC\tc\t", "4\tC++\tc-2\t",
    ]  # fmt: skip
    assert shell.ok("sections", "add", "World", "--position", "1") == ["1\tWorld\tworld\t"]
    assert shell.ok("sections", "rename", "sport", "Sports") == [
        "Sport → Sports: 2 articles renamed; section/sport.html leads to section/sports.html"
    ]
    assert shell.ok("history", "s5")[0].endswith("\tdesk\tSection renamed: Sport → Sports")
    assert shell.ok("sections", "move", "C++", "1") == ["1\tC++\tc-2\t"]
    assert shell.ok("sections", "remove", "C", "--to", "c++") == [
        "removed C; 1 article moved to C++, its page too"
    ]
    assert json.loads("\n".join(shell.ok("sections", "list", "--json"))) == [
        {"name": "C++", "slug": "c-2", "position": 1, "aliases": ["c"]},
        {"name": "World", "slug": "world", "position": 2, "aliases": []},
        {"name": "Sports", "slug": "sports", "position": 3, "aliases": ["sport"]},
        {"name": "Politics", "slug": "politics", "position": 4, "aliases": []},
    ]
    assert shell.ok("sections", "remove", "World") == ["removed World"]
    assert json.loads("\n".join(shell.ok("show", "s3", "--json")))["section"] == "C++"


def test_errors_are_one_line_and_change_nothing(shell: Shell) -> None:
    assert shell.fails("sections", "rename", "Sport", "Sports") == (
        "Sport: the newsroom keeps no section list yet; build one with "
        "'newsroom sections add --from-articles' or add a section"
    )
    shell.ok("sections", "add", "--from-articles")
    assert shell.fails("sections", "remove", "Sport") == (
        "section 'Sport': 2 articles use it; move them to another section with --to OTHER"
    )
    assert shell.fails("sections", "add", "SPORT") == (
        "name: 'SPORT' differs from the section 'Sport' only in case, accents or spacing; "
        "use 'Sport'"
    )
    assert shell.fails("sections", "add", "Arts", "--slug", "politics") == (
        "slug 'politics' is the page of the section 'Politics'; choose another"
    )
    assert shell.fails("sections", "move", "Sport", "9") == "position: give a position from 1 to 4"
    assert "no such section on the newsroom's list" in shell.fails("sections", "remove", "Arts")
    assert shell.fails("sections", "add") == (
        "sections add: give the section's NAME, or --from-articles"
    )
    assert shell.fails("sections", "add", "Arts", "--from-articles") == (
        "sections add: give a NAME or --from-articles, not both"
    )
    usage = shell("sections", "move", "Sport", "first")
    assert usage.returncode == 2 and usage.stderr.splitlines()[-1].startswith("newsroom: error: ")
    assert shell.ok("sections", "list") == [
        "1\tSport\tsport\t", "2\tPolitics\tpolitics\t", "3\tC\tc\t", "4\tC++\tc-2\t",
    ]  # fmt: skip
    assert shell.ok("check-db")[-1].startswith("ok: ")
