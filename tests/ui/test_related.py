"""The related headlines pane: order, undo, drag-and-drop, adding and suggestions."""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from newsroom.article import Article, RelatedHeadline, Status
from newsroom.demo import load_demo
from ui.related import ExternalRelatedDialog, MissingRole, RelatedPane
from ui.session import Session

WALRUS = "walrus-count-arctic-station"
SNOW = "first-snow-northern-regions"
TRAM = "kazan-approves-river-tram-line"
GUIDE = RelatedHeadline.external(
    "How walruses are counted from the air",
    "https://example.org/walrus-surveys",
    subtitle="A guide to aerial wildlife surveys",
)


class _Answers(RelatedPane):
    """A pane whose outside-story dialog answers from a list instead of asking."""

    answers: ClassVar[list[tuple[str, str, str] | None]] = []

    @classmethod
    def ask_external(cls, parent: Any) -> tuple[str, str, str] | None:
        return cls.answers.pop(0)


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
    widget = _Answers(session, QUndoStack())
    qtbot.addWidget(widget)
    widget.resize(420, 700)
    widget.show()
    widget.load(story)
    return widget


def _order(pane: RelatedPane) -> list[str]:
    return [entry.slug or entry.url for entry in pane.related()]


START = [SNOW, GUIDE.url, TRAM, "no-such-story"]


def test_the_list_shows_current_headlines_links_and_flags_missing_articles(
    pane: RelatedPane, qtmodeltester: Any, session: Session
) -> None:
    model = pane.model
    qtmodeltester.check(model)
    assert _order(pane) == START
    snow = session.newsroom.get(SNOW)
    assert model.index(0).data() == f"{snow.headline}\n{snow.subtitle}"
    assert model.index(1).data() == f"{GUIDE.headline}\n{GUIDE.url}"
    assert model.index(3).data(MissingRole) is True
    assert "no-such-story" in model.index(3).data()
    assert model.index(0).data(MissingRole) is False


def test_move_rows_through_the_model_then_undo(pane: RelatedPane, qtbot: QtBot) -> None:
    with qtbot.waitSignal(pane.changed):
        assert pane.model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 3)
    assert _order(pane) == [GUIDE.url, TRAM, SNOW, "no-such-story"]
    assert not pane.model.moveRows(QModelIndex(), 1, 1, QModelIndex(), 2)  # onto itself
    with qtbot.waitSignal(pane.changed):
        pane.undo_stack.undo()
    assert _order(pane) == START
    pane.undo_stack.redo()
    assert _order(pane) == [GUIDE.url, TRAM, SNOW, "no-such-story"]


def test_drag_and_drop_through_mime_data_is_one_undoable_move(pane: RelatedPane) -> None:
    model = pane.model
    data = model.mimeData([model.index(3)])
    assert model.mimeTypes() == [data.formats()[0]]
    assert model.supportedDropActions() == Qt.DropAction.MoveAction
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert _order(pane) == ["no-such-story", SNOW, GUIDE.url, TRAM]
    assert pane.undo_stack.count() == 1
    pane.undo_stack.undo()
    assert _order(pane) == START
    # Dropped onto an item: placed before it; dropped past the end: appended.
    assert model.dropMimeData(
        model.mimeData([model.index(0)]), Qt.DropAction.MoveAction, -1, -1, QModelIndex()
    )
    assert _order(pane) == [GUIDE.url, TRAM, "no-such-story", SNOW]


def test_drops_from_elsewhere_or_of_an_earlier_article_are_refused(
    pane: RelatedPane, story: Article
) -> None:
    model = pane.model
    stale = model.mimeData([model.index(0)])
    pane.load(story)
    assert not model.canDropMimeData(stale, Qt.DropAction.MoveAction, 2, 0, QModelIndex())
    assert not model.dropMimeData(stale, Qt.DropAction.MoveAction, 2, 0, QModelIndex())
    assert _order(pane) == START


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
    assert _order(pane) == [TRAM, SNOW, GUIDE.url, "no-such-story"]


def test_move_up_and_down_with_alt_arrows_then_undo(pane: RelatedPane, qtbot: QtBot) -> None:
    pane.view.setFocus()
    pane.view.setCurrentIndex(pane.model.index(1))
    with qtbot.waitSignal(pane.changed):
        qtbot.keyClick(pane.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert _order(pane) == [GUIDE.url, SNOW, TRAM, "no-such-story"]
    assert pane.view.currentIndex().row() == 0
    assert not pane.up_action.isEnabled()
    qtbot.keyClick(pane.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(pane.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert _order(pane) == [SNOW, TRAM, GUIDE.url, "no-such-story"]
    pane.undo_stack.undo()
    pane.undo_stack.undo()
    pane.undo_stack.undo()
    assert _order(pane) == START


def test_remove_then_undo(pane: RelatedPane, qtbot: QtBot) -> None:
    pane.view.setCurrentIndex(pane.model.index(1))
    with qtbot.waitSignal(pane.changed):
        pane.remove_action.trigger()
    assert _order(pane) == [SNOW, TRAM, "no-such-story"]
    with qtbot.waitSignal(pane.changed):
        pane.undo_stack.undo()
    assert _order(pane) == START
    assert pane.related()[1] == GUIDE


def test_add_from_a_search_of_the_newsroom(pane: RelatedPane, qtbot: QtBot) -> None:
    qtbot.keyClicks(pane.search_field, "night train")
    qtbot.keyClick(pane.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pane.results.count() > 0)
    assert "Night train" in pane.results.item(0).text()
    pane.results.item(0).setSelected(True)
    assert pane.add_button.isEnabled()
    with qtbot.waitSignal(pane.changed):
        qtbot.mouseClick(pane.add_button, Qt.MouseButton.LeftButton)
    assert _order(pane) == [*START, "night-train-returns"]
    assert pane.model.index(4).data().startswith("Night train between two capitals")
    # Twice is refused with a message, and nothing is added.
    qtbot.mouseClick(pane.add_button, Qt.MouseButton.LeftButton)
    assert "already a related headline" in pane.status.text()
    assert len(pane.related()) == 5
    pane.undo_stack.undo()
    assert _order(pane) == START


def test_a_search_that_cannot_run_says_so_in_one_line(pane: RelatedPane, qtbot: QtBot) -> None:
    qtbot.keyClicks(pane.search_field, '"" -')
    qtbot.keyClick(pane.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(pane.status.isVisible)
    assert pane.status.text().startswith("search:")
    assert pane.results.count() == 0


def test_add_an_outside_story_checks_the_link(pane: RelatedPane, qtbot: QtBot) -> None:
    _Answers.answers = [("Ice survey", "", "ftp://example.org/ice"), None]
    with qtbot.assertNotEmitted(pane.changed):
        assert not pane.add_external()
    assert pane.status.text() == "url: only http and https links are allowed"
    assert _order(pane) == START
    assert not pane.add_external()  # cancelled
    _Answers.answers = [(" Ice survey ", "From the air", "https://example.org/ice")]
    with qtbot.waitSignal(pane.changed):
        pane.add_external_action.trigger()
    assert pane.related()[-1] == RelatedHeadline.external(
        "Ice survey", "https://example.org/ice", subtitle="From the air"
    )
    assert not pane.status.isVisible()


def test_the_outside_story_dialog_keeps_bad_input_and_names_the_field(qtbot: QtBot) -> None:
    dialog = ExternalRelatedDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.headline, "Ice survey")
    qtbot.keyClicks(dialog.url, "example.org/ice")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert dialog.error.text() == "url: only http and https links are allowed"
    dialog.url.setText("https://example.org/ice")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.values() == ("Ice survey", "", "https://example.org/ice")


def test_suggestions_offer_the_related_demo_article_and_add_it_in_one_click(
    pane: RelatedPane, qtbot: QtBot, session: Session
) -> None:
    qtbot.waitUntil(lambda: bool(pane.suggestion_buttons()))
    buttons = pane.suggestion_buttons()
    walrus = session.newsroom.get(WALRUS)
    assert buttons[0].accessibleName() == f"Add {walrus.headline}"
    with qtbot.waitSignal(pane.changed):
        qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    assert _order(pane) == [*START, WALRUS]
    # Once related, it is no longer suggested; undo brings it back.
    names = [button.accessibleName() for button in pane.suggestion_buttons()]
    assert f"Add {walrus.headline}" not in names
    pane.undo_stack.undo()
    names = [button.accessibleName() for button in pane.suggestion_buttons()]
    assert f"Add {walrus.headline}" in names


def test_load_emits_no_change_and_old_commands_do_nothing(
    pane: RelatedPane, qtbot: QtBot, session: Session
) -> None:
    pane.model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 2)
    other = session.newsroom.get(WALRUS)
    with qtbot.assertNotEmitted(pane.changed):
        pane.load(other)
    assert _order(pane) == [SNOW, GUIDE.url]
    pane.undo_stack.undo()  # the move belonged to the article shown before
    assert _order(pane) == [SNOW, GUIDE.url]


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
