"""Article locks in the window: two ``Newsroom`` sessions on one newsroom play two editors.

The window is the real one on a real newsroom; "Anna Ivanova on desk-3" is a
second ``Newsroom`` opened on the same file (or PostgreSQL database), taking,
holding and taking over locks as her own app would.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from newsroom.article import Article, Status
from newsroom.errors import LockedError
from newsroom.store import Newsroom
from tests.ui.test_mainwindow import QuietWindow, make_window, type_at_end
from ui.locks import shown_time


class LockWindow(QuietWindow):
    """The window, with the take-over question answered by the test."""

    take_over_answer = True
    asked_take_over: list[str]

    def ask_take_over(self, holder: str) -> bool:
        self.asked_take_over = [*getattr(self, "asked_take_over", []), holder]
        return self.take_over_answer


@pytest.fixture(params=["sqlite"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The newsroom's location: an SQLite file (and a PostgreSQL database where asked)."""
    if request.param == "postgresql":
        url = request.getfixturevalue("postgres_url")
        return str(url.render_as_string(hide_password=False))
    return str(tmp_path / "newsroom.sqlite")


@pytest.fixture
def mine(target: str) -> Iterator[Newsroom]:
    """This editor's session (the window's)."""
    with Newsroom.open(target, create=True, author="Boris Petrov") as newsroom:
        yield newsroom


@pytest.fixture
def anna(mine: Newsroom, target: str) -> Iterator[Newsroom]:
    """The other editor: her own session on the same newsroom, on another machine."""
    with Newsroom.open(target, author="Anna Ivanova") as newsroom:
        newsroom.machine = "desk-3"
        yield newsroom


@pytest.fixture
def story(mine: Newsroom) -> Article:
    return mine.create(Article(headline="Harbour ice breaks early", body="The ice went out."))


def open_window(qtbot: QtBot, newsroom: Newsroom, tmp_path: Path, article: Article) -> LockWindow:
    window = make_window(qtbot, newsroom, tmp_path, kind=LockWindow)
    assert isinstance(window, LockWindow)
    window.keeper.set_delays(autosave_ms=600_000, journal_ms=10)  # saves only when asked
    assert article.id is not None
    window.open_article(article.id)
    qtbot.waitUntil(lambda: window.editor.headline.text() == article.headline)
    return window


def wait_for_banner(qtbot: QtBot, window: LockWindow, text: str) -> None:
    qtbot.waitUntil(
        lambda: window.lock_banner.isVisible() and text in window.lock_banner.message.text(),
        timeout=10_000,
    )


def assert_read_only(window: LockWindow) -> None:
    editor = window.editor
    assert editor.body.isReadOnly() and editor.headline.isReadOnly()
    assert all(line.isReadOnly() for line in editor.findChildren(QLineEdit))
    assert not window.save_action.isEnabled() and not window.delete_action.isEnabled()
    assert window.keeper.read_only
    assert window.lock_banner.take_over_button.isEnabled()  # the way out stays open


def assert_editable(window: LockWindow) -> None:
    assert not window.lock_banner.isVisible()
    assert not window.editor.body.isReadOnly() and not window.editor.headline.isReadOnly()
    assert window.save_action.isEnabled() and not window.keeper.read_only


def close(window: LockWindow) -> None:
    window.close()
    window.open_session.tasks.wait()


def test_an_article_nobody_holds_opens_to_edit_and_its_lock_is_ours(
    qtbot: QtBot, mine: Newsroom, anna: Newsroom, story: Article, tmp_path: Path
) -> None:
    window = open_window(qtbot, mine, tmp_path, story)
    qtbot.waitUntil(lambda: window.locks.held_id == story.id)
    held = anna.lock_of(story.id or 0)
    assert held is not None and held.holder == "Boris Petrov" and mine.holds(held)
    assert_editable(window)
    close(window)


@pytest.mark.parametrize("target", ["sqlite", "postgresql"], indirect=True)
def test_an_article_another_editor_holds_opens_read_only_saying_who_and_since(
    qtbot: QtBot, mine: Newsroom, anna: Newsroom, story: Article, tmp_path: Path
) -> None:
    lock = anna.lock(story.id or 0)
    window = open_window(qtbot, mine, tmp_path, story)
    since = shown_time(lock.since, mine.settings().tzinfo)
    wait_for_banner(qtbot, window, f"Being edited by Anna Ivanova on desk-3 since {since}")
    assert_read_only(window)
    assert not window.lock_banner.copy_button.isVisible()  # nothing typed here to give back
    qtbot.keyClicks(window.editor.body, "typed")
    assert window.editor.body.toPlainText() == "The ice went out."
    assert window.save_state_label.text() == "Read-only"
    still = anna.lock_of(story.id or 0)
    assert still is not None and anna.holds(still)
    close(window)


def test_taking_over_asks_names_her_then_edits_and_the_history_says_so(
    qtbot: QtBot, mine: Newsroom, anna: Newsroom, story: Article, tmp_path: Path
) -> None:
    anna.lock(story.id or 0)
    window = open_window(qtbot, mine, tmp_path, story)
    wait_for_banner(qtbot, window, "Being edited by Anna Ivanova")
    window.lock_banner.take_over_button.click()
    qtbot.waitUntil(lambda: not window.article_locked, timeout=10_000)
    assert window.asked_take_over == ["Anna Ivanova"]
    assert_editable(window)
    taken = anna.lock_of(story.id or 0)
    assert taken is not None and mine.holds(taken)
    history = mine.history(story.id or 0)
    assert history[0].summary == "Took over the lock from Anna Ivanova on desk-3"
    assert window.keeper.saved_article is not None
    assert window.keeper.saved_article.revision == history[0].number  # reloaded after it
    type_at_end(qtbot, window.editor.headline, ", again")
    window.save_now()
    qtbot.waitUntil(lambda: anna.get(story.id or 0).headline.endswith(", again"), timeout=10_000)
    with pytest.raises(LockedError):
        anna.save(anna.get(story.id or 0).with_changes(subtitle="Hers"))
    close(window)


def test_declining_the_take_over_leaves_her_lock_alone(
    qtbot: QtBot, mine: Newsroom, anna: Newsroom, story: Article, tmp_path: Path
) -> None:
    anna.lock(story.id or 0)
    window = open_window(qtbot, mine, tmp_path, story)
    wait_for_banner(qtbot, window, "Being edited by Anna Ivanova")
    window.take_over_answer = False
    window.lock_banner.take_over_button.click()
    window.open_session.tasks.wait()
    assert_read_only(window)
    held = anna.lock_of(story.id or 0)
    assert held is not None and anna.holds(held)
    assert (
        mine.history(story.id or 0)[0].summary != "Took over the lock from Anna Ivanova on desk-3"
    )
    close(window)


def test_moving_to_another_article_and_closing_release_the_locks(
    qtbot: QtBot, mine: Newsroom, anna: Newsroom, story: Article, tmp_path: Path
) -> None:
    other = mine.create(Article(headline="Ferry timetable changes"))
    window = open_window(qtbot, mine, tmp_path, story)
    qtbot.waitUntil(lambda: window.locks.held_id == story.id)
    window.open_article(other.id or 0)
    qtbot.waitUntil(lambda: window.locks.held_id == other.id, timeout=10_000)
    assert anna.lock_of(story.id or 0) is None
    assert anna.lock_of(other.id or 0) is not None
    close(window)
    assert anna.locks() == {}
    anna.lock(other.id or 0)  # free for her at once, not after the lock expires


def test_an_article_taken_over_turns_read_only_and_keeps_the_text_typed(
    qtbot: QtBot, mine: Newsroom, anna: Newsroom, story: Article, tmp_path: Path
) -> None:
    window = open_window(qtbot, mine, tmp_path, story)
    qtbot.waitUntil(lambda: window.locks.held_id == story.id)
    window.locks.beat()  # still ours: nothing to say
    window.open_session.tasks.wait()
    qtbot.wait(20)
    assert_editable(window)
    window.editor.body.setFocus()
    window.editor.body.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor.body, " Typed before she took over.")
    lock = anna.take_over(story.id or 0)
    window.locks.beat()  # the heartbeat, without waiting 15 s for its timer
    moment = shown_time(lock.since, mine.settings().tzinfo)
    wait_for_banner(qtbot, window, f"Anna Ivanova took over this article at {moment}")
    assert_read_only(window)
    typed = "The ice went out. Typed before she took over."
    assert window.editor.body.toPlainText() == typed  # still on screen, to select and copy
    kept = [draft for draft in window.journal.drafts() if draft.article.body == typed]
    assert len(kept) == 1 and kept[0].article.id == story.id
    assert "Typed" not in anna.get(story.id or 0).body  # nothing saved over her
    assert window.lock_banner.copy_button.isVisible()
    window.lock_banner.copy_button.click()
    assert typed in QGuiApplication.clipboard().text()
    window.lock_banner.show_copy_button.click()
    qtbot.addWidget(window.recovery_dialog)
    assert typed in window.recovery_dialog.text.toPlainText()
    window.recovery_dialog.close()
    assert not window.keeper.dirty  # kept in the journal: closing does not ask
    close(window)
    assert "Typed" not in anna.get(story.id or 0).body  # closing saved nothing over hers
    assert [draft.article.body for draft in window.journal.drafts()] == [typed]


def test_a_save_refused_for_the_lock_shows_the_banner_not_an_error(
    qtbot: QtBot, mine: Newsroom, anna: Newsroom, story: Article, tmp_path: Path
) -> None:
    window = open_window(qtbot, mine, tmp_path, story)
    qtbot.waitUntil(lambda: window.locks.held_id == story.id)
    anna.take_over(story.id or 0)  # before this window's heartbeat finds out
    type_at_end(qtbot, window.editor.headline, " overnight")
    window.save_now()
    wait_for_banner(qtbot, window, "Being edited by Anna Ivanova on desk-3 since")
    assert_read_only(window)
    assert "Not saved" not in window.problem_label.text()
    assert window.editor.headline.text() == "Harbour ice breaks early overnight"
    drafts = window.journal.drafts()
    assert [draft.article.headline for draft in drafts] == ["Harbour ice breaks early overnight"]
    assert window.lock_banner.copy_button.isVisible()
    assert anna.get(story.id or 0).headline == "Harbour ice breaks early"
    close(window)


def test_the_article_turns_editable_once_its_holder_lets_go(
    qtbot: QtBot, mine: Newsroom, anna: Newsroom, story: Article, tmp_path: Path
) -> None:
    anna.lock(story.id or 0)
    window = open_window(qtbot, mine, tmp_path, story)
    wait_for_banner(qtbot, window, "Being edited by Anna Ivanova")
    window.locks.beat()  # she still holds it: still read-only, the banner as it was
    window.open_session.tasks.wait()
    qtbot.wait(20)
    assert_read_only(window)
    anna.save(anna.get(story.id or 0).with_changes(subtitle="Her last change"))
    anna.unlock(story.id or 0)
    window.locks.beat()
    qtbot.waitUntil(lambda: not window.article_locked, timeout=10_000)
    qtbot.waitUntil(lambda: window.editor.subtitle.text() == "Her last change")
    assert_editable(window)
    close(window)


def test_a_take_over_is_seen_at_once_through_the_change_feed_not_the_next_heartbeat(
    qtbot: QtBot, mine: Newsroom, anna: Newsroom, story: Article, tmp_path: Path
) -> None:
    window = open_window(qtbot, mine, tmp_path, story)
    qtbot.waitUntil(lambda: window.locks.held_id == story.id)
    window.locks.heartbeat.stop()  # only the change feed may tell this window
    anna.take_over(story.id or 0)
    wait_for_banner(qtbot, window, "Anna Ivanova took over this article")
    assert_read_only(window)
    close(window)


def test_a_take_over_by_a_command_that_then_ended_is_still_told(
    qtbot: QtBot, mine: Newsroom, anna: Newsroom, story: Article, tmp_path: Path
) -> None:
    """``newsroom set-status … --force`` takes the lock, writes, and lets go as it ends: no
    lock is left to see, but the history says who took it."""
    window = open_window(qtbot, mine, tmp_path, story)
    qtbot.waitUntil(lambda: window.locks.held_id == story.id)
    window.editor.body.setFocus()
    qtbot.keyClicks(window.editor.body, " Typed meanwhile.")
    anna.set_status(story.id or 0, Status.READY, take_over=True)
    anna.release_locks()
    wait_for_banner(qtbot, window, "Anna Ivanova took over this article")
    assert_read_only(window)
    assert any("Typed meanwhile." in d.article.body for d in window.journal.drafts())
    close(window)
