"""Fixtures: the article with slips, open in the real main window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from newsroom.article import Article
from newsroom.store import Newsroom
from tests.ui.checks.support import Answering, open_window, slipped_article


@pytest.fixture
def article(newsroom: Newsroom) -> Article:
    return slipped_article(newsroom)


@pytest.fixture
def window(
    qtbot: QtBot, newsroom: Newsroom, tmp_path: Path, article: Article
) -> Iterator[Answering]:
    window = open_window(qtbot, newsroom, tmp_path, article)
    yield window
    window.session.tasks.wait()
