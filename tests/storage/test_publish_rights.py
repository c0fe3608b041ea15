"""Publishing limited to a database role on PostgreSQL; the editor named by the role.

Real roles on the throwaway server: ``anna`` is in ``newsroom_publishers``,
``boris`` is not. The SQLite case shows the setting limits nobody there.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from newsroom.article import Article, Status
from newsroom.errors import NotAllowedError
from newsroom.store import Newsroom
from tests import pg
from tests.conftest import Cli

ROLE = "newsroom_publishers"


@pytest.fixture
def desk(postgres_server: pg.Server, postgres_url: URL) -> Iterator[dict[str, str]]:
    """A newsroom on the server, ``anna`` a publisher and ``boris`` a reporter."""
    database = postgres_url.database
    assert database
    for statement in (
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ROLE}') "
        f"THEN CREATE ROLE {ROLE}; END IF; END $$",
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'anna') "
        f"THEN CREATE ROLE anna LOGIN IN ROLE {ROLE}; END IF; END $$",
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'boris') "
        "THEN CREATE ROLE boris LOGIN; END IF; END $$",
    ):
        postgres_server.execute(statement)
    with Newsroom.open(postgres_url.render_as_string(), create=True, author="admin") as admin:
        admin.set_setting("publish_role", ROLE)
    postgres_server.execute(f"GRANT ALL ON SCHEMA public TO {ROLE}, boris", database)
    postgres_server.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {ROLE}, boris", database)
    postgres_server.execute(
        f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {ROLE}, boris", database
    )
    yield {
        name: postgres_server.url(database, user=name).render_as_string()
        for name in ("anna", "boris")
    }


def test_the_editor_is_the_database_role(
    desk: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSROOM_AUTHOR", raising=False)
    with Newsroom.open(desk["boris"]) as boris:
        assert boris.author == "boris"
        article = boris.create(Article(headline="Walruses came ashore"))
        assert boris.history(article.id)[-1].author == "boris"
    monkeypatch.setenv("NEWSROOM_AUTHOR", "Boris Sokolov")  # a display name wins
    with Newsroom.open(desk["boris"]) as boris:
        assert boris.author == "Boris Sokolov"


def test_only_members_of_the_role_publish(desk: dict[str, str]) -> None:
    with Newsroom.open(desk["boris"]) as boris:
        story = boris.create(Article(headline="Walruses came ashore", body="On the beach."))
        assert boris.set_status(story.id, Status.READY).status is Status.READY
        with pytest.raises(NotAllowedError, match=f"limited to members of '{ROLE}'.*boris"):
            boris.set_status(story.id, Status.PUBLISHED)
        with pytest.raises(NotAllowedError, match="create it as published"):
            boris.create(Article(headline="Straight to the site", status=Status.PUBLISHED))
        assert boris.get(story.id).status is Status.READY  # nothing changed
    with Newsroom.open(desk["anna"]) as anna:
        published = anna.set_status(story.id, Status.PUBLISHED)
        assert published.status is Status.PUBLISHED
    with Newsroom.open(desk["boris"]) as boris:
        live = boris.get(story.id)
        with pytest.raises(NotAllowedError, match="change a story readers can see"):
            boris.save(live.with_changes(body="Rewritten on the live page."))
        with pytest.raises(NotAllowedError, match="delete a story readers can see"):
            boris.delete(story.id)
        assert boris.get(story.id).body == "On the beach."


def test_the_cli_says_who_may_publish(
    desk: dict[str, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with Newsroom.open(desk["boris"]) as boris:
        boris.create(Article(headline="Walruses came ashore", slug="walruses", body="Beach."))
    as_boris = Cli(desk["boris"], capsys, monkeypatch)
    refused = as_boris("set-status", "walruses", "published")
    assert refused.code == 1 and refused.out == ""
    assert refused.err.count("\n") == 1
    assert refused.err.startswith("newsroom: error: walruses: you may not move it to published")
    as_boris.ok("set-status", "walruses", "ready")
    Cli(desk["anna"], capsys, monkeypatch).ok("set-status", "walruses", "published")


def test_a_role_the_server_lacks_is_named(desk: dict[str, str]) -> None:
    with Newsroom.open(desk["anna"]) as anna:
        anna.set_setting("publish_role", "night_desk")
        story = anna.create(Article(headline="Walruses came ashore", body="Beach."))
        with pytest.raises(NotAllowedError, match="'night_desk', which the server does not have"):
            anna.set_status(story.id, Status.PUBLISHED)


def test_sqlite_limits_nobody(tmp_path: Path) -> None:
    with Newsroom.open(tmp_path / "n.sqlite", create=True, author="anna") as newsroom:
        newsroom.set_setting("publish_role", ROLE)
        story = newsroom.create(Article(headline="Walruses came ashore", body="Beach."))
        assert newsroom.set_status(story.id, Status.PUBLISHED).status is Status.PUBLISHED


def test_a_role_name_is_checked() -> None:
    from newsroom.errors import ValidationError
    from newsroom.settings import parse_setting

    assert parse_setting("publish_role", " newsroom_publishers ") == "newsroom_publishers"
    assert parse_setting("publish_role", "") == ""
    with pytest.raises(ValidationError, match=r"publish_role.*not a database role name"):
        parse_setting("publish_role", "x; DROP TABLE articles")
