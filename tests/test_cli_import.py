"""``newsroom import`` of a long JSON list: streamed in chunks, all or nothing, progress on a tty."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsroom.cli_import import CHUNK_ARTICLES, progress_text
from newsroom.store import Newsroom
from tests.conftest import Cli

COUNT = CHUNK_ARTICLES * 2 + 500  # three chunks, the last one short
ROOT = Path(__file__).resolve().parents[1]


def article(number: int) -> dict[str, object]:
    return {
        "slug": f"story-{number}",
        "headline": f"Story number {number}",
        "section": "world" if number % 2 else "World",
        "body": f'The *first* paragraph of story {number}.\n\nHe said: "it\'s done" -- twice...',
        "related": [{"slug": f"story-{COUNT - 1}"}, {"slug": "nowhere"}] if number == 5 else [],
    }


def write_list(path: Path, articles: list[dict[str, object]]) -> Path:
    path.write_text(json.dumps(articles, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def test_a_long_list_is_imported_whole_in_chunks(cli: Cli, tmp_path: Path) -> None:
    file = write_list(tmp_path / "archive.json", [article(n) for n in range(COUNT)])
    result = cli.ok("import", str(file))
    assert result.lines == [f"{n + 1}\tstory-{n}" for n in range(COUNT)]
    # Told once for the file, not once per chunk; no progress line when stderr is not a tty.
    assert result.err.count("section: 'world' saved as 'World'") == 1
    assert " articles · " not in result.err and "\r" not in result.err
    # A related article later in the file is there once the import is done; one nowhere is told.
    assert "related article 'nowhere' is not in this newsroom yet" in result.err
    assert f"'story-{COUNT - 1}' is not" not in result.err
    shown = json.loads(cli.ok("show", "--json", f"story-{COUNT - 1}").out)
    assert shown["body"] == article(COUNT - 1)["body"]
    assert shown["section"] == "World"
    assert len(cli.ok("search", "paragraph", "--limit", "5000").lines) == COUNT


def test_a_bad_article_in_the_last_chunk_imports_nothing(cli: Cli, tmp_path: Path) -> None:
    articles = [article(n) for n in range(COUNT)]
    bad = COUNT - 10
    articles[bad]["status"] = "sideways"
    articles[bad + 1]["tags"] = 5
    cli.ok("init")
    result = cli("import", str(write_list(tmp_path / "bad.json", articles)))
    assert result.code == 1 and result.out == ""
    assert result.err.startswith(f"newsroom: error: {tmp_path / 'bad.json'}: ")
    assert f"[{bad}].status" in result.err and "(and 1 more)" in result.err
    assert len(result.err.splitlines()) == 1
    assert cli.ok("list").out == ""
    del articles[bad]["status"], articles[bad + 1]["tags"], articles[bad + 2]["headline"]
    result = cli("import", str(write_list(tmp_path / "bad.json", articles)))
    assert result.code == 1 and f"[{bad + 2}].headline: required" in result.err
    assert cli.ok("list").out == ""


def test_a_slug_repeated_chunks_apart_imports_nothing(cli: Cli, tmp_path: Path) -> None:
    articles = [article(n) for n in range(COUNT)]
    articles[COUNT - 1]["slug"] = "story-3"
    result = cli("import", str(write_list(tmp_path / "twice.json", articles)))
    assert result.code == 1
    assert result.err.endswith(f"[{COUNT - 1}].slug: 'story-3' appears twice in this file\n")
    assert cli.ok("list").out == ""


def test_broken_json_far_into_the_file_is_told_by_line_and_imports_nothing(
    cli: Cli, tmp_path: Path
) -> None:
    file = tmp_path / "broken.json"
    text = json.dumps([article(n) for n in range(COUNT)], indent=1)
    broken = text[: len(text) - 200] + "}}}"
    file.write_text(broken)
    with pytest.raises(json.JSONDecodeError) as whole:
        json.loads(broken)
    cli.ok("init")
    result = cli("import", str(file))
    assert result.code == 1
    place = f"line {whole.value.lineno}, column {whole.value.colno}: {whole.value.msg}"
    assert result.err == f"newsroom: error: {file}: not valid JSON ({place})\n"
    assert cli.ok("list").out == ""


def test_a_list_of_one_article_and_a_single_object_import_alike(cli: Cli, tmp_path: Path) -> None:
    listed = cli.ok("import", str(write_list(tmp_path / "one.json", [article(1)])))
    single = tmp_path / "single.json"
    single.write_text(json.dumps(article(2)))
    assert listed.lines + cli.ok("import", str(single)).lines == ["1\tstory-1", "2\tstory-2"]


def test_the_progress_line_reads_as_the_issue_asks() -> None:
    line = progress_text(120_000, (120_000, 120_000_000), 1_000_000_000, 120_000 / 2_300)
    assert line == "imported 120,000 of ~1,000,000 articles · 2,300/s · 6 min left"


def test_the_total_is_estimated_from_what_the_reader_has_read_ahead() -> None:
    # 1,000 imported while the reader, chunks ahead, has read 4,000 articles: a fifth of
    # the file's 64 MB. 20,000 in all, 19,000 still to import at 1,000/s. (The imported
    # count against the reader's bytes said ~5,000 and 4 s left.)
    line = progress_text(1_000, (4_000, 12_800_000), 64_000_000, 1.0)
    assert line == "imported 1,000 of ~20,000 articles · 1,000/s · 19 s left"


def run_on_a_terminal(args: list[str]) -> tuple[int, str, str]:
    """``args`` with stderr on a pseudo-terminal and stdout on a pipe: (status, out, err)."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=terminal, stdin=subprocess.DEVNULL, cwd=Path.cwd()
    )
    os.close(terminal)
    seen = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 120)
        if not ready:
            break
        try:
            data = os.read(controller, 4096)
        except OSError:  # the terminal closed: the process is gone
            break
        if not data:
            break
        seen += data
    out, _ = process.communicate(timeout=120)
    os.close(controller)
    return process.returncode, out.decode(), seen.decode()


def test_a_terminal_sees_the_progress_line_and_a_pipe_does_not(tmp_path: Path) -> None:
    file = write_list(tmp_path / "archive.json", [article(n) for n in range(COUNT)])
    db = tmp_path / "n.sqlite"
    Newsroom.open(db, create=True).close()
    command = [sys.executable, "-m", "newsroom", "--db", str(db), "import", str(file)]
    code, out, err = run_on_a_terminal(command)
    assert code == 0, err
    assert out.splitlines()[-1] == f"{COUNT}\tstory-{COUNT - 1}"
    drawn = [part for part in err.replace("\r\n", "\n").split("\r") if part.strip()]
    assert drawn[-1].startswith(f"imported {COUNT:,} articles · ")
    assert drawn[-1].endswith("\n")
    for line in drawn[:-1]:
        assert line.startswith("imported ") and " of ~" in line and "/s" in line, line
    piped = subprocess.run(
        [sys.executable, "-m", "newsroom", "--db", str(tmp_path / "m.sqlite"), "import", str(file)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert piped.returncode == 0 and len(piped.stdout.splitlines()) == COUNT
    assert " articles · " not in piped.stderr and "\r" not in piped.stderr
    with Newsroom.open(tmp_path / "m.sqlite") as newsroom:
        assert newsroom.count() == COUNT


def test_an_import_killed_midway_leaves_the_newsroom_as_before(tmp_path: Path) -> None:
    # All or nothing even when the process dies: killed while chunks are being written
    # (the read-ahead thread and the snapshot thread at work), the file is whole and
    # holds what it held; the same import then goes through.
    db = tmp_path / "n.sqlite"
    command = [sys.executable, "-m", "newsroom", "--db", str(db)]
    kept = write_list(tmp_path / "kept.json", [{"slug": "kept", "headline": "Kept"}])
    subprocess.run([*command, "import", str(kept)], check=True, capture_output=True, cwd=ROOT)
    big = write_list(tmp_path / "big.json", [article(n) for n in range(COUNT * 5)])
    process = subprocess.Popen(
        [*command, "import", str(big)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        cwd=ROOT, start_new_session=True,
    )  # fmt: skip
    wal = Path(f"{db}-wal")
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 1_500_000:  # chunks written, not committed
            break
        time.sleep(0.01)
    assert process.poll() is None, "the import ended before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)  # the import and its render workers
    process.wait(timeout=30)
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert raw.execute("SELECT slug FROM articles").fetchall() == [("kept",)]
        assert raw.execute("SELECT count(*) FROM revisions").fetchone() == (1,)
    checked = subprocess.run([*command, "check-db"], capture_output=True, text=True, cwd=ROOT)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    again = subprocess.run([*command, "import", str(big)], capture_output=True, cwd=ROOT)
    assert again.returncode == 0
    with Newsroom.open(db) as newsroom:
        assert newsroom.count() == COUNT * 5 + 1
