"""The story with related headlines of every kind, and the pane showing it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from newsroom.article import Article, RelatedHeadline
from newsroom.demo import load_demo
from tests.ui.related.stories import GUIDE, SNOW, TRAM, Answers
from ui.related.pane import RelatedPane
from ui.session import Session


@pytest.fixture
def story(session: Session) -> Article:
    load_demo(session.newsroom)
    return session.newsroom.create(
        Article(
            headline="Walruses crowd the Arctic coast as sea ice drifts north",
            subtitle="Researchers expect another record count at the station",
            tags=("wildlife", "Arctic"),
            section="Science",
            related=(
                RelatedHeadline.internal(SNOW),
                GUIDE,
                RelatedHeadline.internal(TRAM),
                RelatedHeadline.internal("no-such-story"),
            ),
        )
    )


@pytest.fixture
def pane(qtbot: QtBot, session: Session, story: Article) -> RelatedPane:
    widget = Answers(session, QUndoStack())
    qtbot.addWidget(widget)
    widget.resize(420, 700)
    widget.show()
    widget.load(story)
    return widget
