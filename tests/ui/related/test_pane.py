"""The Related tab: keys, buttons, search, outside stories and suggestions."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from newsroom.article import RelatedHeadline
from tests.ui.related.stories import GUIDE, SNOW, START, TRAM, WALRUS, Answers, order
from ui.related.pane import RelatedPane
from ui.session import Session


def test_move_up_and_down_with_alt_arrows_then_undo(pane: RelatedPane, qtbot: QtBot) -> None:
    pane.view.setFocus()
    pane.view.setCurrentIndex(pane.model.index(1))
    with qtbot.waitSignal(pane.changed):
        qtbot.keyClick(pane.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert order(pane) == [GUIDE.url, SNOW, TRAM, "no-such-story"]
    assert pane.view.currentIndex().row() == 0
    assert not pane.up_action.isEnabled()
    qtbot.keyClick(pane.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(pane.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert order(pane) == [SNOW, TRAM, GUIDE.url, "no-such-story"]
    pane.undo_stack.undo()
    pane.undo_stack.undo()
    pane.undo_stack.undo()
    assert order(pane) == START


def test_remove_then_undo(pane: RelatedPane, qtbot: QtBot) -> None:
    pane.view.setCurrentIndex(pane.model.index(1))
    with qtbot.waitSignal(pane.changed):
        pane.remove_action.trigger()
    assert order(pane) == [SNOW, TRAM, "no-such-story"]
    with qtbot.waitSignal(pane.changed):
        pane.undo_stack.undo()
    assert order(pane) == START
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
    assert order(pane) == [*START, "night-train-returns"]
    assert pane.model.index(4).data().startswith("Night train between two capitals")
    # Twice is refused with a message, and nothing is added.
    qtbot.mouseClick(pane.add_button, Qt.MouseButton.LeftButton)
    assert "already a related headline" in pane.status.text()
    assert len(pane.related()) == 5
    pane.undo_stack.undo()
    assert order(pane) == START


def test_a_search_that_cannot_run_says_so_in_one_line(pane: RelatedPane, qtbot: QtBot) -> None:
    qtbot.keyClicks(pane.search_field, '"" -')
    qtbot.keyClick(pane.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(pane.status.isVisible)
    assert pane.status.text().startswith("search:")
    assert pane.results.count() == 0


def test_add_an_outside_story_checks_the_link(pane: RelatedPane, qtbot: QtBot) -> None:
    Answers.answers = [("Ice survey", "", "ftp://example.org/ice"), None]
    with qtbot.assertNotEmitted(pane.changed):
        assert not pane.add_external()
    assert pane.status.text() == "url: only http and https links are allowed"
    assert order(pane) == START
    assert not pane.add_external()  # cancelled
    Answers.answers = [(" Ice survey ", "From the air", "https://example.org/ice")]
    with qtbot.waitSignal(pane.changed):
        pane.add_external_action.trigger()
    assert pane.related()[-1] == RelatedHeadline.external(
        "Ice survey", "https://example.org/ice", subtitle="From the air"
    )
    assert not pane.status.isVisible()


def test_suggestions_offer_the_related_demo_article_and_add_it_in_one_click(
    pane: RelatedPane, qtbot: QtBot, session: Session
) -> None:
    qtbot.waitUntil(lambda: bool(pane.suggestion_buttons()))
    buttons = pane.suggestion_buttons()
    walrus = session.newsroom.get(WALRUS)
    assert buttons[0].accessibleName() == f"Add {walrus.headline}"
    with qtbot.waitSignal(pane.changed):
        qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    assert order(pane) == [*START, WALRUS]
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
    assert order(pane) == [SNOW, GUIDE.url]
    pane.undo_stack.undo()  # the move belonged to the article shown before
    assert order(pane) == [SNOW, GUIDE.url]
