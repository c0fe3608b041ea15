"""The Related tab: keys, buttons, search, outside stories and suggestions."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from newsroom.article import Article, RelatedHeadline
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


def wait_idle(qtbot: QtBot, pane: RelatedPane) -> None:
    qtbot.waitUntil(pane.suggestions.idle, timeout=20_000)


def test_suggestions_follow_the_text_and_say_why(
    qtbot: QtBot, session: Session, story: Article
) -> None:
    pane = RelatedPane(session, QUndoStack())
    qtbot.addWidget(pane)
    pane.resize(420, 700)
    pane.show()
    draft = session.newsroom.create(Article(headline="Untitled"))
    pane.load(draft)
    wait_idle(qtbot, pane)
    assert pane.suggestion_buttons() == []
    # The editor types a headline and tags: after a pause the suggestions follow.
    typed = draft.with_changes(
        headline="Walruses crowd the Arctic coast as sea ice drifts", tags=("wildlife",)
    )
    pane.article_changed(typed)
    qtbot.waitUntil(lambda: bool(pane.suggestion_buttons()), timeout=20_000)
    walrus = session.newsroom.get(WALRUS)
    assert pane.suggestion_buttons()[0].accessibleName() == f"Add {walrus.headline}"
    reason = pane.suggestions.reasons()[0]
    assert reason.startswith("shares: walrus, ")
    assert "Arctic" in reason and reason.endswith(" · tag: wildlife")


def test_edits_while_asking_are_merged_into_one_more_request(
    qtbot: QtBot, pane: RelatedPane, story: Article
) -> None:
    wait_idle(qtbot, pane)
    asked = pane.suggestions.asked
    # Three articles opened one after another while the first request runs: one more
    # request, for the last of them, once the first has answered.
    for headline in ("Night train returns", "Kazan tram line", "Village bakery wins award"):
        pane.load(story.with_changes(headline=headline, subtitle="", tags=()))
    wait_idle(qtbot, pane)
    assert pane.suggestions.asked == asked + 2
    assert pane.suggestions.reasons()[0].startswith("shares: Village, bakery")
    # Typing in a row is asked once, after the pause.
    for n in range(5):
        pane.article_changed(story.with_changes(headline=f"Walruses counted {'again ' * n}"))
    wait_idle(qtbot, pane)
    assert pane.suggestions.asked == asked + 3


def test_body_edits_ask_nothing(qtbot: QtBot, pane: RelatedPane, story: Article) -> None:
    wait_idle(qtbot, pane)
    asked = pane.suggestions.asked
    pane.article_changed(story.with_changes(body="Walruses, walruses and more walruses."))
    wait_idle(qtbot, pane)
    assert pane.suggestions.asked == asked  # the words searched are the same
