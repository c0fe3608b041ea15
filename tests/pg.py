"""A throwaway PostgreSQL server for the tests: Debian's binaries, a Unix socket, no network.

One server per test process (each pytest-xdist worker starts its own, in its
own folder): ``initdb`` into a temporary folder, ``pg_ctl -w start`` listening
only on a socket in that folder, ``pg_ctl -m immediate stop`` and the folder
removed at the end. It is made to start quickly (about half a second) and to
be thrown away: no fsync, small buffers. Each test that needs a database gets
a fresh one (``CREATE DATABASE t_<random>``), dropped after.

PostgreSQL refuses to run as root: as root (CI, this machine) the server runs
as the ``postgres`` user Debian's package makes; any other user runs it as
themselves. When no server can be started, ``NoServerError`` says why in words,
for the tests to skip with that reason.
"""

from __future__ import annotations

import getpass
import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL

DEBIAN_BINARIES = Path("/usr/lib/postgresql")
SUPERUSER = "postgres"
# Quick to start and to throw away: nothing here needs to survive a power cut.
SERVER_OPTIONS = (
    "-c listen_addresses='' -c fsync=off -c synchronous_commit=off "
    "-c full_page_writes=off -c shared_buffers=16MB -c max_connections=50"
)
START_TIMEOUT_SECONDS = 30


class NoServerError(Exception):
    """No server can be started here; the message says why."""


def binaries() -> Path:
    """The folder holding ``initdb`` and ``pg_ctl``: on PATH, else Debian's newest version."""
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).resolve().parent
    versions = sorted(
        (folder for folder in DEBIAN_BINARIES.glob("*/bin") if (folder / "initdb").exists()),
        key=lambda folder: int(folder.parent.name) if folder.parent.name.isdigit() else 0,
    )
    if not versions:
        raise NoServerError(
            "PostgreSQL is not installed (no initdb or pg_ctl): "
            "'make test' installs Debian's postgresql package when it runs as root"
        )
    return versions[-1]


def _run_as() -> list[str]:
    """The command prefix that runs the server as a user PostgreSQL accepts."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam(SUPERUSER)
    except KeyError:
        raise NoServerError(
            "running as root, and there is no 'postgres' user to run PostgreSQL as "
            "(PostgreSQL refuses root)"
        ) from None
    # runuser lives in /usr/sbin, which a root shell's PATH may leave out.
    runuser = shutil.which("runuser") or shutil.which("runuser", path="/usr/sbin:/sbin")
    if runuser is None:
        raise NoServerError("running as root without runuser to start PostgreSQL as 'postgres'")
    return [runuser, "-u", SUPERUSER, "--"]


@dataclass
class Server:
    """A running throwaway server; ``url`` connects to one of its databases over its socket."""

    folder: Path
    bin: Path
    run_as: list[str]
    user: str
    # Commits acknowledged only once in the log, as on a real server: for tests that stop it.
    durable: bool = False

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, database: str = "postgres", user: str | None = None) -> URL:
        return URL.create(
            "postgresql+psycopg",
            username=user or self.user,
            database=database,
            query={"host": str(self.folder)},
        )

    def _pg_ctl(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [*self.run_as, str(self.bin / "pg_ctl"), "-D", str(self.data), *args]
        return subprocess.run(command, capture_output=True, text=True, check=False)

    def start(self) -> None:
        """Make the cluster and start the server."""
        initdb = [
            *self.run_as, str(self.bin / "initdb"), "-D", str(self.data),
            "-U", self.user, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        ]  # fmt: skip
        made = subprocess.run(initdb, capture_output=True, text=True, check=False)
        if made.returncode != 0:
            raise NoServerError(f"initdb failed: {_last_line(made.stderr)}")
        self.resume()

    def resume(self) -> None:
        """Start the server on its cluster (again, after ``stop``)."""
        commits = " -c synchronous_commit=on" if self.durable else ""
        options = f"{SERVER_OPTIONS}{commits} -k {self.folder}"
        log = str(self.folder / "server.log")
        started = self._pg_ctl(
            "-w", "-s", "-t", str(START_TIMEOUT_SECONDS), "-o", options, "-l", log, "start"
        )
        if started.returncode != 0:
            tail = _last_line(Path(log).read_text() if Path(log).exists() else started.stderr)
            raise NoServerError(f"pg_ctl could not start the server: {tail}")

    def stop(self) -> None:
        self._pg_ctl("-s", "-m", "immediate", "stop")

    def require_password(self, user: str, password: str) -> None:
        """Make ``user`` a login role that must give ``password`` (the rest stay trusted)."""
        self.execute(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{user}') "
            f"THEN CREATE ROLE {user} LOGIN; END IF; END $$"
        )
        self.execute(f"ALTER ROLE {user} PASSWORD '{password}'")
        rules = self.data / "pg_hba.conf"
        line = f"local all {user} scram-sha-256\n"
        if line not in rules.read_text():
            rules.write_text(line + rules.read_text())
            self._pg_ctl("-s", "reload")
            self.execute("SELECT pg_reload_conf()")

    def create_database(self, template: str | None = None) -> str:
        """A new database: empty, or a copy of ``template`` (which nobody may be connected to)."""
        name = f"t_{secrets.token_hex(6)}"
        # FILE_COPY: for a database this small, copying its files beats writing every block
        # to the WAL (PostgreSQL 15's default): 35-49 ms against 52-77 ms a copy, measured here.
        copied = f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""
        self.execute(f'CREATE DATABASE "{name}"{copied}')
        return name

    def drop_database(self, name: str) -> None:
        # FORCE: a test that failed may have left a connection open.
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def made_ahead(self, template: str | None = None) -> Copies:
        """New databases (copies of ``template``, or empty) made ahead and dropped after,
        on threads (``Copies``)."""
        return Copies(self, template)

    def execute(self, statement: str, database: str = "postgres") -> None:
        """One statement as the superuser, outside a transaction (CREATE DATABASE needs that)."""
        import psycopg

        with psycopg.connect(
            host=str(self.folder), user=self.user, dbname=database, autocommit=True
        ) as connection:
            connection.execute(statement.encode())


class Copies:
    """New databases (empty, or copies of a template) made ahead of need, and dropped after,
    on threads.

    ``CREATE DATABASE`` and ``DROP DATABASE`` take ~0.1 s each, nearly all of it
    waiting for the server's checkpoints (6 ms of its CPU a copy, measured): paid
    in every test on the server, it was the largest share of the suite's time.
    Made here on two threads while the tests run, a test takes a copy already
    made and leaves its drop behind. The threads wait on sockets, without the
    interpreter lock.
    """

    AHEAD = 2  # copies being made or ready: as many as the threads

    def __init__(self, server: Server, template: str | None) -> None:
        from concurrent.futures import Future, ThreadPoolExecutor

        self._server = server
        self._template = template
        self._threads = ThreadPoolExecutor(self.AHEAD, thread_name_prefix="pg-copies")
        self._ready: deque[Future[str]] = deque()
        self._drops: list[Future[None]] = []
        for _ in range(self.AHEAD):
            self._make_one()

    def _make_one(self) -> None:
        self._ready.append(
            self._threads.submit(self._server.create_database, template=self._template)
        )

    def take(self) -> str:
        """A new database, the caller's own until ``discard``."""
        name = self._ready.popleft().result()
        self._make_one()
        return name

    def discard(self, name: str) -> None:
        for finished in [drop for drop in self._drops if drop.done()]:
            finished.result()  # a drop that failed says so here
            self._drops.remove(finished)
        self._drops.append(self._threads.submit(self._server.drop_database, name))

    def close(self) -> None:
        """Drop the copies still unused; wait for every drop (their errors are raised)."""
        for made in self._ready:
            self._drops.append(self._threads.submit(self._server.drop_database, made.result()))
        self._threads.shutdown(wait=True)
        for drop in self._drops:
            drop.result()


def start_server(*, durable: bool = False) -> Server:
    """Start a throwaway server in a new temporary folder; raises NoServerError with the reason."""
    bin_folder = binaries()
    run_as = _run_as()
    # A short path under the system's temporary folder: a socket's path is limited to
    # about 100 bytes, and the server's user must be able to reach it.
    folder = Path(tempfile.mkdtemp(prefix="newsroom-pg-"))
    if run_as:
        shutil.chown(folder, user=SUPERUSER)
    user = SUPERUSER if run_as else getpass.getuser()
    server = Server(folder, bin_folder, run_as, user, durable=durable)
    try:
        server.start()
    except BaseException:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return server


@contextmanager
def server_or_skip(*, durable: bool = False) -> Iterator[Server]:
    """A server for a test (or a session), stopped after; the test skips, saying why, without."""
    import pytest

    try:
        server = start_server(durable=durable)
    except NoServerError as why:
        pytest.skip(f"no PostgreSQL server for this test: {why}")
    try:
        yield server
    finally:
        stop_server(server)


def stop_server(server: Server) -> None:
    server.stop()
    shutil.rmtree(server.folder, ignore_errors=True)


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "no message"
