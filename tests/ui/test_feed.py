"""The news feed tab: days and labels as the page renders them, marks, activation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from newsroom.article import Article, Status
from newsroom.demo import load_demo
from newsroom.store import Newsroom
from ui.feed import HEADLINE, MARK, SECTION, TIME, FeedModel, FeedPane
from ui.session import Session

SNOW = "first-snow-northern-regions"
NIGHT = "night-train-returns"
TRAM = "kazan-approves-river-tram-line"
WALRUS = "walrus-count-arctic-station"


def _feed(session: Session, qtbot: QtBot) -> FeedPane:
    pane = FeedPane(session)
    qtbot.addWidget(pane)
    pane.resize(700, 500)
    pane.show()
    with qtbot.waitSignal(pane.loaded):
        pane.refresh()
    return pane


def _rows(model: FeedModel) -> list[tuple[str, list[tuple[str, ...]]]]:
    days = []
    for day in range(model.rowCount()):
        parent = model.index(day, 0)
        entries = [
            tuple(model.index(row, column, parent).data() for column in range(4))
            for row in range(model.rowCount(parent))
        ]
        days.append((parent.data(), entries))
    return days


@pytest.fixture
def demo(newsroom: Newsroom) -> Newsroom:
    load_demo(newsroom)
    return newsroom


def test_public_articles_grouped_by_day_newest_first(
    demo: Newsroom, session: Session, qtbot: QtBot, qtmodeltester: Any
) -> None:
    pane = _feed(session, qtbot)
    qtmodeltester.check(pane.model)
    headline = {slug: demo.get(slug).headline for slug in (SNOW, NIGHT, TRAM, WALRUS)}
    # The newsroom's zone is UTC: the demo's +03:00 times are three hours earlier.
    assert _rows(pane.model) == [
        ("26 November 2026", [("04:30", "Updated", headline[SNOW], "Weather")]),
        (
            "25 November 2026",
            [
                ("16:05", "Exclusive", headline[NIGHT], "Travel"),
                ("11:15", "", headline[TRAM], "Cities"),
            ],
        ),
        ("24 November 2026", [("06:40", "", headline[WALRUS], "Science")]),
    ]
    # Drafts and ready articles are not in the feed.
    shown = {entry[2] for _, entries in _rows(pane.model) for entry in entries}
    assert demo.get("village-bakery-wins-bread-award").headline not in shown
    assert pane.model.headerData(TIME, Qt.Orientation.Horizontal) == "Time"


def test_days_follow_the_newsrooms_time_zone(
    demo: Newsroom, session: Session, qtbot: QtBot
) -> None:
    demo.set_setting("timezone", "Pacific/Auckland")  # UTC+13 in November
    pane = _feed(session, qtbot)
    days = _rows(pane.model)
    assert [label for label, _ in days] == ["26 November 2026", "24 November 2026"]
    assert [entry[0] for entry in days[0][1]] == ["17:30", "05:05", "00:15"]
    assert days[1][1][0][0] == "19:40"


def test_editing_a_mark_saves_it_and_emits_mark_changed(
    demo: Newsroom, session: Session, qtbot: QtBot
) -> None:
    pane = _feed(session, qtbot)
    walrus = demo.get(WALRUS)
    index = pane.model.find(walrus.id or 0)
    assert index.isValid() and index.data() == ""
    pane.view.setCurrentIndex(index)
    pane.view.edit(index)
    editor = pane.view.indexWidget(index)
    assert isinstance(editor, QComboBox)
    assert editor.findText("Video") >= 0
    editor.lineEdit().selectAll()
    qtbot.keyClicks(editor.lineEdit(), "Video")
    with qtbot.waitSignal(pane.markChanged) as changed:
        qtbot.keyClick(editor.lineEdit(), Qt.Key.Key_Return)
    assert changed.args == [walrus.id]
    saved = demo.get(WALRUS)
    assert saved.mark == "Video"
    assert saved.revision == walrus.revision + 1
    assert pane.model.find(walrus.id or 0).data() == "Video"


def test_a_free_text_mark_through_the_model_and_a_refused_one(
    demo: Newsroom, session: Session, qtbot: QtBot
) -> None:
    pane = _feed(session, qtbot)
    snow = demo.get(SNOW)
    index = pane.model.find(snow.id or 0)
    with qtbot.waitSignal(pane.markChanged):
        assert pane.model.setData(index, "  Live   blog ")
    assert demo.get(SNOW).mark == "Live blog"
    # Too long for a mark: the article keeps its mark, the feed shows it, one line says why.
    with qtbot.assertNotEmitted(pane.markChanged, wait=0):
        assert pane.model.setData(pane.model.find(snow.id or 0), "x" * 60)
        qtbot.waitUntil(pane.status.isVisible)
    assert pane.status.text().startswith("Mark “")
    assert "mark: at most 40 characters" in pane.status.text()
    assert "\n" not in pane.status.text()
    assert pane.model.find(snow.id or 0).data() == "Live blog"
    assert demo.get(SNOW).mark == "Live blog"


def test_only_the_mark_column_of_article_rows_is_editable(
    demo: Newsroom, session: Session, qtbot: QtBot
) -> None:
    pane = _feed(session, qtbot)
    model = pane.model
    day = model.index(0, 0)
    article = model.index(0, MARK, day)
    assert model.flags(article) & Qt.ItemFlag.ItemIsEditable
    for column in (TIME, HEADLINE, SECTION):
        assert not model.flags(model.index(0, column, day)) & Qt.ItemFlag.ItemIsEditable
        assert not model.setData(model.index(0, column, day), "Video")
    assert not model.flags(day) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(day, "Video")


def test_double_click_activates_the_article(demo: Newsroom, session: Session, qtbot: QtBot) -> None:
    pane = _feed(session, qtbot)
    night = demo.get(NIGHT)
    index = pane.model.find(night.id or 0).siblingAtColumn(HEADLINE)
    pane.view.scrollTo(index)
    where = pane.view.visualRect(index).center()
    # A real double click: a press (the view remembers the pressed row), then the double click.
    qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    with qtbot.waitSignal(pane.articleActivated) as activated:
        qtbot.mouseDClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert activated.args == [night.id]
    # A day row activates nothing.
    day = pane.view.visualRect(pane.model.index(0, 0)).center()
    qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=day)
    with qtbot.assertNotEmitted(pane.articleActivated):
        qtbot.mouseDClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=day)


def test_the_feed_shows_the_latest_page_then_more(
    newsroom: Newsroom, session: Session, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ui.feed.PAGE_SIZE", 3)
    start = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    for n in range(5):
        newsroom.create(
            Article(
                headline=f"Story {n}",
                status=Status.PUBLISHED,
                published_at=start + timedelta(hours=n),
            )
        )
    pane = _feed(session, qtbot)
    headlines = [e[2] for _, entries in _rows(pane.model) for e in entries]
    assert headlines == ["Story 4", "Story 3", "Story 2"]
    assert pane.more_button.isVisible()
    with qtbot.waitSignal(pane.loaded):
        qtbot.mouseClick(pane.more_button, Qt.MouseButton.LeftButton)
    headlines = [e[2] for _, entries in _rows(pane.model) for e in entries]
    assert headlines == ["Story 4", "Story 3", "Story 2", "Story 1", "Story 0"]
    assert not pane.more_button.isVisible()


def test_refresh_picks_up_new_articles_and_an_empty_feed_says_so(
    newsroom: Newsroom, session: Session, qtbot: QtBot, qtmodeltester: Any
) -> None:
    pane = _feed(session, qtbot)
    assert pane.model.rowCount() == 0
    assert pane.status.text() == "No published articles yet"
    qtmodeltester.check(pane.model)
    newsroom.create(
        Article(
            headline="Ferry resumes",
            status=Status.PUBLISHED,
            published_at=datetime(2026, 5, 2, 8, 5, tzinfo=UTC),
        )
    )
    with qtbot.waitSignal(pane.loaded):
        pane.refresh()
    assert _rows(pane.model) == [("2 May 2026", [("08:05", "", "Ferry resumes", "")])]
    assert not pane.status.isVisible()
    assert pane.model.rowCount(pane.model.index(0, 1)) == 0
    assert pane.model.parent(QModelIndex()) == QModelIndex()
