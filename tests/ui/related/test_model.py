"""The related headlines model: rows, order, drag-and-drop data and undo."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from newsroom.article import Article, RelatedHeadline, Status
from tests.ui.related.stories import GUIDE, SNOW, START, TRAM, order
from ui.related.model import DomainRole, HeadlineRole, MissingRole, SubtitleRole
from ui.related.pane import RelatedPane
from ui.session import Session


def test_the_list_shows_current_headlines_links_and_flags_missing_articles(
    pane: RelatedPane, qtmodeltester: Any, session: Session
) -> None:
    model = pane.model
    qtmodeltester.check(model)
    assert order(pane) == START
    snow = session.newsroom.get(SNOW)
    assert model.index(0).data() == f"{snow.headline}\n{snow.subtitle}"
    assert model.index(3).data(MissingRole) is True
    assert "no-such-story" in model.index(3).data()
    assert model.index(0).data(MissingRole) is False


def test_articles_and_outside_stories_give_headline_and_subtitle_alike(
    pane: RelatedPane, qtmodeltester: Any, session: Session
) -> None:
    model = pane.model
    snow = session.newsroom.get(SNOW)
    article, outside = model.index(0), model.index(1)
    assert (article.data(HeadlineRole), article.data(SubtitleRole)) == (
        snow.headline,
        snow.subtitle,
    )
    assert (outside.data(HeadlineRole), outside.data(SubtitleRole)) == (
        GUIDE.headline,
        GUIDE.subtitle,
    )
    assert outside.data() == f"{GUIDE.headline}\n{GUIDE.subtitle}"  # not the whole link
    # The outside story's site, not its whole link; none for an article of ours.
    assert outside.data(DomainRole) == "example.org"
    assert article.data(DomainRole) == ""
    assert not outside.data(Qt.ItemDataRole.DecorationRole).isNull()  # the link marker
    assert article.data(Qt.ItemDataRole.DecorationRole) is None
    assert outside.data(Qt.ItemDataRole.AccessibleTextRole).endswith("outside link to example.org")
    assert GUIDE.url in outside.data(Qt.ItemDataRole.ToolTipRole)

    tass = RelatedHeadline.external("Walrus census ends", "https://www.tass.com/science/123")
    model.insert_entries(model.rowCount(), [tass])
    last = model.index(model.rowCount() - 1)
    assert last.data(DomainRole) == "tass.com"
    assert last.data(SubtitleRole) == ""
    assert last.data() == "Walrus census ends"
    qtmodeltester.check(model)


def test_move_rows_through_the_model_then_undo(pane: RelatedPane, qtbot: QtBot) -> None:
    with qtbot.waitSignal(pane.changed):
        assert pane.model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 3)
    assert order(pane) == [GUIDE.url, TRAM, SNOW, "no-such-story"]
    assert not pane.model.moveRows(QModelIndex(), 1, 1, QModelIndex(), 2)  # onto itself
    with qtbot.waitSignal(pane.changed):
        pane.undo_stack.undo()
    assert order(pane) == START
    pane.undo_stack.redo()
    assert order(pane) == [GUIDE.url, TRAM, SNOW, "no-such-story"]


def test_drag_and_drop_through_mime_data_is_one_undoable_move(pane: RelatedPane) -> None:
    model = pane.model
    data = model.mimeData([model.index(3)])
    assert model.mimeTypes() == [data.formats()[0]]
    assert model.supportedDropActions() == Qt.DropAction.MoveAction
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert order(pane) == ["no-such-story", SNOW, GUIDE.url, TRAM]
    assert pane.undo_stack.count() == 1
    pane.undo_stack.undo()
    assert order(pane) == START
    # Dropped onto an item: placed before it; dropped past the end: appended.
    assert model.dropMimeData(
        model.mimeData([model.index(0)]), Qt.DropAction.MoveAction, -1, -1, QModelIndex()
    )
    assert order(pane) == [GUIDE.url, TRAM, "no-such-story", SNOW]


def test_drops_from_elsewhere_or_of_an_earlier_article_are_refused(
    pane: RelatedPane, story: Article
) -> None:
    model = pane.model
    stale = model.mimeData([model.index(0)])
    pane.load(story)
    assert not model.canDropMimeData(stale, Qt.DropAction.MoveAction, 2, 0, QModelIndex())
    assert not model.dropMimeData(stale, Qt.DropAction.MoveAction, 2, 0, QModelIndex())
    assert order(pane) == START


def test_the_view_drags_and_drops_inside_itself_only(pane: RelatedPane) -> None:
    """What a mouse drag in the view relies on.

    The offscreen platform's QDrag.exec returns IgnoreAction at once, so a
    real mouse drag cannot be driven in these tests; a drop in the view ends
    in ``model.moveRow`` (QListView, InternalMove), tested above.
    """
    view = pane.view
    assert view.dragDropMode() == view.DragDropMode.InternalMove
    assert view.dragEnabled() and view.defaultDropAction() == Qt.DropAction.MoveAction
    model = pane.model
    assert model.flags(model.index(0)) & Qt.ItemFlag.ItemIsDragEnabled
    assert not model.flags(model.index(0)) & Qt.ItemFlag.ItemIsDropEnabled
    assert model.flags(QModelIndex()) & Qt.ItemFlag.ItemIsDropEnabled
    assert model.moveRow(QModelIndex(), 2, QModelIndex(), 0)  # as QListView::dropEvent calls it
    assert order(pane) == [TRAM, SNOW, GUIDE.url, "no-such-story"]


def test_many_related_articles_are_looked_up_off_the_ui_thread(
    qtbot: QtBot, session: Session, qtmodeltester: Any
) -> None:
    newsroom = session.newsroom
    targets = [
        newsroom.create(Article(headline=f"Story number {n}", status=Status.PUBLISHED))
        for n in range(30)
    ]
    article = newsroom.create(
        Article(
            headline="Round-up",
            related=tuple(RelatedHeadline.internal(t.slug) for t in targets),
        )
    )
    pane = RelatedPane(session, QUndoStack())
    qtbot.addWidget(pane)
    pane.load(article)
    qtbot.waitUntil(lambda: pane.model.index(29).data() == "Story number 29")
    assert pane.model.index(0).data() == "Story number 0"
    assert not any(pane.model.index(row).data(MissingRole) for row in range(30))
    qtmodeltester.check(pane.model)
