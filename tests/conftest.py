"""Fixtures: a real newsroom file per test, the CLI run in-process, and a real PostgreSQL."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from newsroom.cli import main
from newsroom.store import Newsroom
from tests import pg

REFDATA = Path(__file__).resolve().parents[2] / "shared" / "refdata"

# Tests run Qt without a display, and QtWebEngine (PDF export) as root in CI:
# Chromium refuses root unless its sandbox is off. Set here, not in the app.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "newsroom.sqlite"


@pytest.fixture
def newsroom(db_path: Path) -> Iterator[Newsroom]:
    with Newsroom.open(db_path, create=True, author="tester") as opened:
        yield opened


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


class Cli:
    """Runs ``newsroom`` in-process against the test's newsroom file."""

    def __init__(
        self, db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ):
        self.db = db
        self._capsys = capsys
        self._monkeypatch = monkeypatch

    def __call__(self, *args: str, stdin: str | bytes | None = None) -> CliResult:
        if stdin is not None:
            data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
            self._monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        try:
            code = main(["--db", str(self.db), *args])
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        out, err = self._capsys.readouterr()
        return CliResult(code, out, err)

    def ok(self, *args: str, stdin: str | bytes | None = None) -> CliResult:
        result = self(*args, stdin=stdin)
        assert result.code == 0, result.err
        return result


@pytest.fixture
def cli(db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setenv("NEWSROOM_AUTHOR", "tester")
    monkeypatch.delenv("NEWSROOM_DB", raising=False)
    return Cli(db_path, capsys, monkeypatch)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[pg.Server]:
    """One throwaway PostgreSQL server per test process; skips, saying why, where none can run."""
    try:
        server = pg.start_server()
    except pg.NoServerError as why:
        pytest.skip(f"no PostgreSQL server for this test: {why}")
    yield server
    pg.stop_server(server)


@pytest.fixture
def postgres_url(postgres_server: pg.Server) -> Iterator[URL]:
    """A fresh, empty database on the test server, dropped after the test."""
    name = postgres_server.create_database()
    yield postgres_server.url(name)
    postgres_server.drop_database(name)
