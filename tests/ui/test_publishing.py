"""Publishing asks first, names the article and its time, can wait for a time, and can be undone.

Publishing used to be one click with no way back: "Back to draft" was
disabled after Publish, and nothing asked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from newsroom.article import Article, Status
from newsroom.store import Newsroom
from tests.ui.checks.support import Answering as CheckedWindow
from tests.ui.checks.support import open_window as open_checked
from tests.ui.checks.support import slipped_article, wait_checked
from tests.ui.test_mainwindow import make_window, wait_saved
from ui.publishing import KillDialog, OverrideDialog, PublishDialog, UnpublishDialog

HEADLINE = "Russia offers to resume talks on gas transit"


class Answering(CheckedWindow):
    """The window whose dialogs a test answers; here each is accepted unless it says otherwise."""

    answer: Callable[[QDialog], bool] = staticmethod(lambda dialog: True)  # type: ignore[assignment]


@pytest.fixture
def window(qtbot: QtBot, newsroom: Newsroom, tmp_path: Path) -> Iterator[Answering]:
    newsroom.set_setting("timezone", "Europe/Moscow")
    newsroom.create(Article(headline=HEADLINE, body="Moscow is ready to talk."))
    window = make_window(qtbot, newsroom, tmp_path, kind=Answering)
    assert isinstance(window, Answering)
    window.open_first_article()
    qtbot.waitUntil(lambda: window.keeper.saved_article is not None)
    yield window
    window.session.tasks.wait()


def article(newsroom: Newsroom) -> Article:
    return newsroom.get(newsroom.articles()[0].id)


def test_publish_names_the_article_and_waits_for_a_chosen_time(
    qtbot: QtBot, window: Answering, newsroom: Newsroom
) -> None:
    seen: list[str] = []

    def choose_tomorrow(dialog: QDialog) -> bool:
        assert isinstance(dialog, PublishDialog)
        seen.append(dialog.question.text())
        qtbot.mouseClick(dialog.when, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.when, "tomorrow 10:05")
        seen.append(dialog.note.text())
        assert dialog.at.isChecked() and dialog.publish_button.isEnabled()
        return True

    window.answer = choose_tomorrow
    window.status_actions[Status.PUBLISHED].trigger()
    qtbot.waitUntil(lambda: article(newsroom).status is Status.PUBLISHED)
    assert seen[0] == f"Publish “{HEADLINE}”?"
    assert seen[1].startswith("Held as scheduled until ") and "MSK" in seen[1]
    published = article(newsroom).published_at
    assert published is not None and published > datetime.now(UTC)
    local = published.astimezone(newsroom.settings().tzinfo)
    assert (local.hour, local.minute) == (10, 5)
    assert local.date() == datetime.now(newsroom.settings().tzinfo).date() + timedelta(days=1)
    qtbot.waitUntil(lambda: window.editor.publication.state.text().startswith("Scheduled for"))
    qtbot.waitUntil(lambda: "Embargoed until" in window.preview.last_html, timeout=20_000)
    qtbot.waitUntil(lambda: "Scheduled" in window.article_list.model.details(
        window.article_list.model.summary(0)))  # fmt: skip


def test_cancel_publishes_nothing(qtbot: QtBot, window: Answering, newsroom: Newsroom) -> None:
    window.answer = lambda dialog: False
    window.status_actions[Status.PUBLISHED].trigger()
    qtbot.waitUntil(lambda: bool(getattr(window, "dialogs", [])))
    window.session.tasks.wait()
    assert article(newsroom).status is Status.DRAFT


def test_a_time_typed_in_the_editor_is_the_one_proposed(
    qtbot: QtBot, window: Answering, newsroom: Newsroom
) -> None:
    field = window.editor.publication.publish_at
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(field, "28.06.2021 10:05")
    proposed: list[datetime | None] = []

    def accept_as_proposed(dialog: QDialog) -> bool:
        assert isinstance(dialog, PublishDialog)
        proposed.append(dialog.chosen_time())
        assert dialog.note.text().startswith("It shows as published at 28 June 2021, 10:05")
        return True

    window.answer = accept_as_proposed
    window.status_actions[Status.PUBLISHED].trigger()
    qtbot.waitUntil(lambda: article(newsroom).status is Status.PUBLISHED)
    expected = datetime(2021, 6, 28, 10, 5, tzinfo=newsroom.settings().tzinfo)
    assert proposed == [expected] and article(newsroom).published_at == expected
    qtbot.waitUntil(
        lambda: window.editor.publication.state.text() == "Published 28 June 2021, 10:05 MSK"
    )


def test_an_impossible_time_cannot_be_published(
    qtbot: QtBot, window: Answering, newsroom: Newsroom
) -> None:
    def type_nonsense(dialog: QDialog) -> bool:
        assert isinstance(dialog, PublishDialog)
        qtbot.mouseClick(dialog.when, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.when, "31.06.2021 10:05")
        assert dialog.note.text() == "31.06.2021: June 2021 has 30 days"
        assert not dialog.publish_button.isEnabled()
        return False

    window.answer = type_nonsense
    window.status_actions[Status.PUBLISHED].trigger()
    qtbot.waitUntil(lambda: bool(getattr(window, "dialogs", [])))
    assert article(newsroom).status is Status.DRAFT


def test_a_published_story_can_be_unpublished_with_a_reason(
    qtbot: QtBot, window: Answering, newsroom: Newsroom
) -> None:
    window.status_actions[Status.PUBLISHED].trigger()  # accepted as it opens: now
    qtbot.waitUntil(lambda: article(newsroom).status is Status.PUBLISHED)
    draft = window.status_actions[Status.DRAFT]
    qtbot.waitUntil(draft.isEnabled)
    assert draft.text() == "Unpublish…"

    def give_reason(dialog: QDialog) -> bool:
        assert isinstance(dialog, UnpublishDialog)
        assert not dialog.unpublish_button.isEnabled()  # no reason, no unpublishing
        qtbot.keyClicks(dialog.reason, "Published too early")
        assert dialog.unpublish_button.isEnabled()
        return True

    window.answer = give_reason
    draft.trigger()
    qtbot.waitUntil(lambda: article(newsroom).status is Status.DRAFT)
    assert article(newsroom).published_at is None
    summaries = [entry.summary for entry in newsroom.history(article(newsroom).id or 0)]
    assert any("Published too early" in summary for summary in summaries)
    qtbot.waitUntil(lambda: draft.text() == "Back to draft")


def test_kill_asks_and_cancel_keeps_the_story(
    qtbot: QtBot, window: Answering, newsroom: Newsroom
) -> None:
    window.status_actions[Status.PUBLISHED].trigger()
    qtbot.waitUntil(lambda: article(newsroom).status is Status.PUBLISHED)
    kill = window.status_actions[Status.KILLED]
    qtbot.waitUntil(kill.isEnabled)
    asked: list[str] = []

    def refuse(dialog: QDialog) -> bool:
        assert isinstance(dialog, KillDialog)
        asked.append(type(dialog).__name__)
        return False

    window.answer = refuse
    kill.trigger()
    qtbot.waitUntil(lambda: asked == ["KillDialog"])
    window.session.tasks.wait()
    assert article(newsroom).status is Status.PUBLISHED
    window.answer = lambda dialog: True
    kill.trigger()
    qtbot.waitUntil(lambda: article(newsroom).status is Status.KILLED)
    qtbot.waitUntil(lambda: window.editor.publication.state.text().startswith("Killed"))


def test_a_new_article_is_saved_before_it_is_published(
    qtbot: QtBot, window: Answering, newsroom: Newsroom
) -> None:
    window.new_action.trigger()
    qtbot.waitUntil(lambda: window.editor.headline.text() == "")
    qtbot.keyClicks(window.editor.headline, "Ferries run again")
    wait_saved(qtbot, window)
    window.status_actions[Status.PUBLISHED].trigger()
    qtbot.waitUntil(
        lambda: (
            {s.headline: s.status for s in newsroom.articles()}.get("Ferries run again")
            is Status.PUBLISHED
        )
    )


def test_a_new_article_can_be_published_before_any_autosave(
    qtbot: QtBot, window: Answering, newsroom: Newsroom
) -> None:
    """Publish was disabled until the first autosave, 2.5 s after typing stopped."""
    window.keeper.set_delays(autosave_ms=60_000, journal_ms=10)
    window.new_action.trigger()
    qtbot.waitUntil(lambda: window.editor.headline.text() == "")
    publish = window.status_actions[Status.PUBLISHED]
    assert not publish.isEnabled()  # nothing to publish yet
    qtbot.keyClicks(window.editor.headline, "Ferries run again")
    assert publish.isEnabled() and window.keeper.saved_article is None
    publish.trigger()  # saves, then asks (accepted as it opens: now)
    qtbot.waitUntil(
        lambda: (
            {s.headline: s.status for s in newsroom.articles()}.get("Ferries run again")
            is Status.PUBLISHED
        )
    )


# --- check errors: the publish gate asks for a reason -------------------------------------


@pytest.fixture
def slipped(qtbot: QtBot, newsroom: Newsroom, tmp_path: Path) -> Iterator[CheckedWindow]:
    """The article with a 70-character headline and a quote not in its body: two errors."""
    window = open_checked(qtbot, newsroom, tmp_path, slipped_article(newsroom))
    assert isinstance(window, CheckedWindow)
    yield window
    window.session.tasks.wait()


def test_the_publish_action_counts_the_check_errors(slipped: CheckedWindow) -> None:
    publish = slipped.status_actions[Status.PUBLISHED]
    assert publish.text() == "Publish… (2 errors)"
    assert publish.iconText() == "Publish (2 errors)"


def test_publishing_over_check_errors_asks_why_and_cancel_keeps_a_draft(
    qtbot: QtBot, slipped: CheckedWindow, newsroom: Newsroom
) -> None:
    shown: list[list[str]] = []

    def cancel(dialog: QDialog) -> bool:
        assert isinstance(dialog, PublishDialog)
        shown.append(dialog.error_list.text().splitlines())
        warnings = len(
            [f for f in newsroom.findings(article(newsroom)) if f.severity.value == "warning"]
        )
        assert warnings and dialog.warnings_note.isVisibleTo(dialog)  # the last look at them
        assert dialog.warnings_note.text().startswith(f"{warnings} check warning")
        assert dialog.publish_button.text() == "Publish &anyway"
        assert not dialog.publish_button.isEnabled()  # no reason, no publishing
        qtbot.keyClicks(dialog.reason, "   ")
        assert not dialog.publish_button.isEnabled()  # blanks are no reason
        return False

    slipped.answer = cancel
    slipped.status_actions[Status.PUBLISHED].trigger()
    qtbot.waitUntil(lambda: bool(shown))
    slipped.session.tasks.wait()
    assert article(newsroom).status is Status.DRAFT
    assert shown[0][0] == "2 check errors stand:"
    assert shown[0][1].startswith("• Headline: 70 characters, 6 over the house limit of 64")
    assert shown[0][2].startswith("• Quote 1: not in the body word for word")

    def give_reason(dialog: QDialog) -> bool:
        assert isinstance(dialog, PublishDialog)
        qtbot.keyClicks(dialog.reason, "The agency's headline, kept as sent")
        assert dialog.publish_button.isEnabled()
        return True

    slipped.answer = give_reason
    slipped.status_actions[Status.PUBLISHED].trigger()
    qtbot.waitUntil(lambda: article(newsroom).status is Status.PUBLISHED)
    [latest, *_] = newsroom.history(article(newsroom).id or 0)
    assert latest.summary.endswith("The agency's headline, kept as sent")
    assert "limits.headline" in latest.summary and "quotes.verbatim" in latest.summary


def test_the_dialog_lists_the_errors_the_pane_has_not_seen_yet(
    qtbot: QtBot, window: Answering, newsroom: Newsroom
) -> None:
    """The core's gate is the authority: the dialog asks it, not the Checks pane."""
    wait_checked(qtbot, window.checks)
    window.checks.checker.following = False  # the pane stays with the text as opened
    headline = window.editor.headline
    headline.setFocus()
    headline.end(False)
    qtbot.keyClicks(headline, " and on oil deliveries to Europe this winter")
    assert window.status_actions[Status.PUBLISHED].text() == "Publish…"
    listed: list[str] = []

    def look(dialog: QDialog) -> bool:
        assert isinstance(dialog, PublishDialog)
        listed.extend(error.rule for error in dialog.errors)
        return False

    window.answer = look
    window.status_actions[Status.PUBLISHED].trigger()
    qtbot.waitUntil(lambda: bool(listed))
    assert listed == ["limits.headline"]
    window.session.tasks.wait()
    assert article(newsroom).status is Status.DRAFT


def test_a_refusal_by_the_core_asks_for_a_reason_and_publishes_with_it(
    qtbot: QtBot, slipped: CheckedWindow, newsroom: Newsroom
) -> None:
    asked: list[tuple[str, ...]] = []

    def give_reason(dialog: QDialog) -> bool:
        assert isinstance(dialog, PublishDialog)
        asked.append(tuple(error.rule for error in dialog.errors))
        qtbot.keyClicks(dialog.reason, "Cleared by the desk chief")
        return True

    slipped.answer = give_reason
    slipped.keeper.set_status(Status.PUBLISHED)  # no dialog, no override: the core refuses
    qtbot.waitUntil(lambda: article(newsroom).status is Status.PUBLISHED)
    assert asked == [("limits.headline", "quotes.verbatim")]
    assert slipped.problem_label.text() == ""  # a question, not a failure
    assert newsroom.history(article(newsroom).id or 0)[0].summary.endswith("desk chief")


def test_marking_corrected_over_check_errors_asks_why(
    qtbot: QtBot, slipped: CheckedWindow, newsroom: Newsroom
) -> None:
    newsroom.set_status(article(newsroom).id or 0, Status.PUBLISHED, override="Agency copy")
    slipped.keeper.refresh_saved()
    corrected = slipped.status_actions[Status.CORRECTED]
    qtbot.waitUntil(corrected.isEnabled)
    asked: list[str] = []

    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, OverrideDialog)
        asked.append(dialog.windowTitle())
        if len(asked) == 1:
            assert not dialog.go_button.isEnabled()
            return False  # cancelled: still published
        qtbot.keyClicks(dialog.override.reason, "Correction of a name; the rest as sent")
        assert dialog.go_button.text() == "Corrected anyway"
        return True

    slipped.answer = answer
    corrected.trigger()
    qtbot.waitUntil(lambda: len(asked) == 1)
    slipped.session.tasks.wait()
    assert article(newsroom).status is Status.PUBLISHED
    corrected.trigger()
    qtbot.waitUntil(lambda: article(newsroom).status is Status.CORRECTED)
    assert asked == ["Corrected", "Corrected"]
    summary = newsroom.history(article(newsroom).id or 0)[0].summary
    assert summary.endswith("Correction of a name; the rest as sent")
