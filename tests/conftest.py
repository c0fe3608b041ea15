"""Fixtures: a real newsroom file per test, the CLI run in-process, and a real PostgreSQL."""

from __future__ import annotations

import faulthandler
import io
import os
import shutil
import sys
from collections.abc import Callable, Iterator
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


ENGINES = ("sqlite", "postgresql")
# Suites that hold for either engine run on both; the app's own tests run on SQLite.
SQLITE_ONLY_FOLDERS = ("ui",)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: a test of the SQLite file itself, not run on PostgreSQL"
    )
    config.addinivalue_line(
        "markers",
        "engine_independent: checks what is made from articles already read (a PDF's page "
        "breaks), which no engine changes; run on SQLite only, to spare the run's time",
    )


# pytest-timeout's "thread" method runs Python, so it needs the interpreter's lock. A
# deadlock that holds that lock (a worker calling Qt against the UI thread: see
# ui/handoff.py) kept its timer from ever firing, and CI stalled to its limit with no
# test named. faulthandler's watchdog is a C thread: it prints every thread's stack and
# ends the worker (xdist then names the test it crashed in) without that lock.
HUNG_TEST_SECONDS = 480  # after pytest-timeout's 420 s (pyproject.toml), which goes first


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[None]:
    faulthandler.dump_traceback_later(HUNG_TEST_SECONDS, exit=True)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every test of a newsroom (``newsroom``, ``cli``) on SQLite and on PostgreSQL.

    A test that also asks for ``db_path`` (the SQLite file), is marked
    ``sqlite_only`` or ``engine_independent``, or lives in the app's tests stays on SQLite.
    """
    if "db_target" not in metafunc.fixturenames:
        return
    folder = Path(metafunc.definition.path).relative_to(Path(__file__).parent).parts[0]
    if (
        "db_path" in metafunc.fixturenames
        or metafunc.definition.get_closest_marker("sqlite_only")
        or metafunc.definition.get_closest_marker("engine_independent")
        or folder in SQLITE_ONLY_FOLDERS
    ):
        return
    metafunc.parametrize("engine", ENGINES, indirect=True)


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    """The database engine under the test's newsroom."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "newsroom.sqlite"


@pytest.fixture
def db_target(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path | str]:
    """Where the test's newsroom lives: an SQLite file, or a fresh database on the test server.

    Empty, unless the test opens it as ``newsroom`` or asks for ``made_db_target`` (either
    would create the newsroom before the test starts anyway): then it is a copy of a
    newsroom made once per test process, which takes a few milliseconds for a file, where
    running every migration took ~0.15 s.
    Databases are made ahead, and dropped after, on threads (``pg.Copies``): the test
    waits for neither.
    """
    made_by_fixture = not {"newsroom", "made_db_target"}.isdisjoint(request.fixturenames)
    if engine == "sqlite":
        path = tmp_path / "newsroom.sqlite"
        if made_by_fixture:
            shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield path
        return
    server: pg.Server = request.getfixturevalue("postgres_server")
    databases: pg.Copies = request.getfixturevalue(
        "postgres_newsrooms" if made_by_fixture else "postgres_empty_databases"
    )
    name = databases.take()
    yield server.url(name).render_as_string(hide_password=False)
    databases.discard(name)


@pytest.fixture
def made_db_target(db_target: Path | str) -> Path | str:
    """``db_target`` already holding a new, empty newsroom (copied: see ``db_target``)."""
    return db_target


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new, empty newsroom file, for tests to copy (see ``db_target``)."""
    path = tmp_path_factory.mktemp("template") / "newsroom.sqlite"
    with Newsroom.open(path, create=True, author="tester"):
        pass
    # Closed, the file holds everything: nothing is left in a write-ahead log beside it.
    assert not path.with_name(path.name + "-wal").exists()
    return path


@pytest.fixture(scope="session")
def postgres_template(postgres_server: pg.Server) -> str:
    """A database holding a new, empty newsroom, for tests to copy (see ``db_target``)."""
    name = postgres_server.create_database()
    with Newsroom.open(postgres_server.url(name).render_as_string(hide_password=False),
                       create=True, author="tester"):  # fmt: skip
        pass
    return name


@pytest.fixture(scope="session")
def postgres_newsrooms(postgres_server: pg.Server, postgres_template: str) -> Iterator[pg.Copies]:
    """Copies of ``postgres_template``, made ahead of the tests that take them."""
    copies = postgres_server.made_ahead(postgres_template)
    yield copies
    copies.close()


@pytest.fixture(scope="session")
def postgres_empty_databases(postgres_server: pg.Server) -> Iterator[pg.Copies]:
    """Empty databases, made ahead of the tests that take them."""
    databases = postgres_server.made_ahead()
    yield databases
    databases.close()


@pytest.fixture(scope="module", params=ENGINES)
def module_targets(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str], Path | str]]:
    """For a module's shared newsrooms, on each engine in turn: ``make(name)`` gives a new,
    empty place for one (a file, or a database on the test server), removed at the end."""
    made: list[str] = []
    server: pg.Server | None = None
    if request.param == "postgresql":
        server = request.getfixturevalue("postgres_server")

    def make(name: str) -> Path | str:
        if server is None:
            return tmp_path_factory.mktemp(name) / "newsroom.sqlite"
        made.append(server.create_database())
        return server.url(made[-1]).render_as_string(hide_password=False)

    yield make
    for database in made:
        assert server is not None
        server.drop_database(database)


@pytest.fixture
def newsroom(db_target: Path | str) -> Iterator[Newsroom]:
    with Newsroom.open(db_target, create=True, author="tester") as opened:
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
        self, db: Path | str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
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
def cli(
    db_target: Path | str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Cli:
    monkeypatch.setenv("NEWSROOM_AUTHOR", "tester")
    monkeypatch.delenv("NEWSROOM_DB", raising=False)
    return Cli(db_target, capsys, monkeypatch)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[pg.Server]:
    """One throwaway PostgreSQL server per test process; skips, saying why, where none can run."""
    with pg.server_or_skip() as server:
        yield server


@pytest.fixture
def postgres_url(postgres_server: pg.Server, postgres_empty_databases: pg.Copies) -> Iterator[URL]:
    """A fresh, empty database on the test server, dropped after the test."""
    name = postgres_empty_databases.take()
    yield postgres_server.url(name)
    postgres_empty_databases.discard(name)
