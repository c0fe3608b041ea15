"""docs/team.md's set-up, run as written on a server of its own: the owner creates the newsroom,
the desk's roles work in it with the grants the page gives, and publishing follows the role.

The SQL is read from the page itself, so the page cannot drift from what works.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsroom.article import Article, Status
from newsroom.errors import NotAllowedError
from newsroom.store import Newsroom
from tests import pg

PAGE = Path(__file__).parents[2] / "docs" / "team.md"


def sql_blocks() -> list[str]:
    return re.findall(r"```sql\n(.*?)```", PAGE.read_text(encoding="utf-8"), flags=re.S)


def statements(block: str) -> list[str]:
    """The block's statements, psql's own commands and comments left out."""
    lines = [line for line in block.splitlines() if not line.startswith(("\\", "--"))]
    return [part.strip() for part in " ".join(lines).split(";") if part.strip()]


@pytest.fixture
def server() -> Iterator[pg.Server]:
    with pg.server_or_skip() as started:  # its own: the page's roles are the cluster's
        yield started


def test_the_desk_set_up_as_the_page_says_works(
    server: pg.Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSROOM_AUTHOR", raising=False)
    roles_and_database, grants = sql_blocks()[:2]
    for statement in statements(roles_and_database):
        server.execute(statement.replace("'…'", "'x'"))

    def as_role(role: str) -> str:
        return server.url("newsroom", user=role).render_as_string()

    with Newsroom.open(as_role("newsroom_owner"), create=True) as owner:
        owner.set_setting("name", "Northern Wire")
    for statement in statements(grants):
        server.execute(statement, "newsroom")

    with Newsroom.open(as_role("boris")) as boris:
        story = boris.create(Article(headline="Walruses came ashore", body="On the beach."))
        boris.lock(story.id or 0)
        story = boris.save(story.with_changes(body="Hundreds of walruses on the beach."))
        assert [hit.article.id for hit in boris.search("walrus")] == [story.id]
        boris.set_status(story.id or 0, Status.READY)
        assert boris.history(story.id or 0)[-1].author == "boris"
        boris.unlock(story.id or 0)
    with Newsroom.open(as_role("anna")) as anna:
        anna.set_setting("publish_role", "newsroom_publishers")
        watcher = anna.watch_changes()
        try:
            with Newsroom.open(as_role("boris")) as boris:
                with pytest.raises(NotAllowedError, match="boris is not one"):
                    boris.set_status(story.id or 0, Status.PUBLISHED)
                boris.create(Article(headline="A second story"))
            assert watcher.wait(5.0)  # the desk role's writes are announced too
        finally:
            watcher.close()
        assert anna.set_status(story.id or 0, Status.PUBLISHED).status is Status.PUBLISHED
        assert anna.check().ok, anna.check().problems
