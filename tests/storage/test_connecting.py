"""Connecting to a newsroom on a server as libpq does: a service name, a password file, a
password in the URL that is never kept, and one-line errors naming the server.

Real roles and real password checks on the throwaway server (``require_password``
puts a scram-sha-256 rule in its pg_hba.conf for that role alone).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from newsroom.article import Article
from newsroom.errors import StorageError
from newsroom.store import Newsroom
from tests import pg
from tests.conftest import Cli

PASSWORD = "walrus-tusk-42"  # noqa: S105  (a throwaway test role's)


@pytest.fixture
def carol(postgres_server: pg.Server, postgres_url: URL) -> URL:
    """A role that must give its password, owning a fresh newsroom database."""
    postgres_server.require_password("carol", PASSWORD)
    assert postgres_url.database
    postgres_server.execute(f'ALTER DATABASE "{postgres_url.database}" OWNER TO carol')
    postgres_server.execute("GRANT ALL ON SCHEMA public TO carol", postgres_url.database)
    return postgres_server.url(postgres_url.database, user="carol")


def test_a_service_name_says_where_the_newsroom_is(
    postgres_url: URL, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = tmp_path / "pg_service.conf"
    host = postgres_url.query["host"]
    services.write_text(
        f"[desk]\nhost={host}\ndbname={postgres_url.database}\nuser={postgres_url.username}\n"
    )
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    with Newsroom.open("postgresql:///?service=desk", create=True, author="anna") as newsroom:
        newsroom.create(Article(headline="Walruses came ashore"))
        assert newsroom.location == "postgresql:///?service=desk"
    with Newsroom.open(postgres_url.render_as_string()) as same:
        assert [a.headline for a in same.articles()] == ["Walruses came ashore"]


def test_a_password_file_gives_the_password(
    carol: URL, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    passwords = tmp_path / "pgpass"
    passwords.write_text(f"*:*:*:carol:{PASSWORD}\n")
    passwords.chmod(0o600)  # libpq ignores a password file others can read
    monkeypatch.setenv("PGPASSFILE", str(passwords))
    with Newsroom.open(carol.render_as_string(), create=True, author="carol") as newsroom:
        assert newsroom.create(Article(headline="Kept")).revision == 1


def test_a_wrong_or_missing_password_is_one_line_and_never_shown(
    carol: URL, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    wrong = carol.set(password="not-the-password").render_as_string(  # noqa: S106
        hide_password=False
    )
    with pytest.raises(StorageError) as refused:
        Newsroom.open(wrong, create=True)
    message = str(refused.value)
    assert "password authentication failed" in message and "carol" in message
    assert "not-the-password" not in message and "\n" not in message
    assert message.startswith("postgresql://carol:***@")


def test_a_password_in_the_url_works_and_is_kept_nowhere(carol: URL) -> None:
    with_password = carol.set(password=PASSWORD).render_as_string(hide_password=False)
    with Newsroom.open(with_password, create=True, author="carol") as newsroom:
        newsroom.create(Article(headline="Walruses came ashore"))
        assert PASSWORD not in newsroom.location
        assert PASSWORD not in repr(newsroom.settings())
        assert newsroom.identity()  # the newsroom keeps its id, nothing of who connected


def test_the_cli_takes_a_server_url(
    postgres_url: URL, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSROOM_AUTHOR", "anna")
    cli = Cli(postgres_url.render_as_string(), capsys, monkeypatch)
    assert cli.ok("init", "--name", "Desk").out.startswith(
        "created a new newsroom at postgresql://"
    )
    unreachable = Cli("postgresql://anna@/news?host=/nonexistent", capsys, monkeypatch)("list")
    assert unreachable.code == 1 and unreachable.err.count("\n") == 1
    assert unreachable.err.startswith("newsroom: error: postgresql://anna@/news?host=")
    assert "Traceback" not in unreachable.err and sys.platform  # one line, no traceback


def _backend_pid(newsroom: Newsroom) -> int:
    with newsroom.db.reading() as connection:
        return int(connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one())


def test_a_pooled_connection_the_server_ended_is_replaced_not_failed_on(
    postgres_server: pg.Server, postgres_url: URL
) -> None:
    """As after a restart: the server ends the session; the next read and save just work.

    The connection was used a moment ago, so nothing pings it: the server's
    goodbye on its socket is what tells the pool to replace it.
    """
    with Newsroom.open(postgres_url.render_as_string(), create=True, author="anna") as newsroom:
        saved = newsroom.create(Article(headline="Walruses came ashore"))
        ended = _backend_pid(newsroom)
        assert ended == _backend_pid(newsroom)  # the pool gives the same one back
        # (waiting until it is gone, as a client coming back after a restart finds it)
        postgres_server.execute(
            f"SELECT pg_terminate_backend({ended}, 10000)", postgres_url.database
        )

        assert [hit.article.id for hit in newsroom.search("walruses")] == [saved.id]
        assert _backend_pid(newsroom) != ended
        assert saved.id is not None
        newsroom.save(replace(saved, headline="Walruses came ashore at dawn"))
        assert newsroom.get(saved.id).headline == "Walruses came ashore at dawn"


def test_a_read_leaves_its_connection_in_a_transaction_for_the_next_write(
    postgres_url: URL,
) -> None:
    """Reads run without a transaction; the connection goes back to the pool with them again."""
    with Newsroom.open(postgres_url.render_as_string(), create=True, author="anna") as newsroom:
        newsroom.create(Article(headline="Walruses came ashore"))
        with newsroom.db.reading() as connection:
            assert connection.connection.driver_connection.autocommit
        with newsroom.db._engine.connect() as connection:
            assert not connection.connection.driver_connection.autocommit
