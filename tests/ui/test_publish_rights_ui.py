"""A reporter whose database role may not publish is told so in the window; nothing changes.

On the throwaway PostgreSQL server, through the real window: ``boris`` is not
in the newsroom's ``publish_role``, so Publish leaves the story at "ready"
and the window says why in one line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from newsroom.article import Article, Status
from newsroom.store import Newsroom
from tests.storage.test_publish_rights import desk  # noqa: F401  (the fixture)
from tests.ui.test_mainwindow import make_window
from tests.ui.test_publishing import Answering


@pytest.fixture
def reporter(desk: dict[str, str]) -> Iterator[Newsroom]:  # noqa: F811
    with Newsroom.open(desk["boris"]) as boris:
        boris.create(Article(headline="Walruses came ashore", body="On the beach."))
        yield boris


def test_publishing_without_the_right_is_refused_in_one_line(
    qtbot: QtBot, reporter: Newsroom, tmp_path: Path
) -> None:
    window = make_window(qtbot, reporter, tmp_path, kind=Answering)
    window.open_first_article()
    qtbot.waitUntil(lambda: window.keeper.saved_article is not None)
    window.status_actions[Status.PUBLISHED].trigger()
    qtbot.waitUntil(lambda: "you may not" in window.problem_label.text())
    message = window.problem_label.text()
    assert "publishing is limited to members of 'newsroom_publishers'" in message
    assert "\n" not in message
    assert reporter.get(reporter.articles()[0].id).status is Status.DRAFT
    window.session.tasks.wait()
