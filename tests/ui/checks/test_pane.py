"""The Checks tab lists the open article's findings, follows the typing and leads to each one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot

from newsroom.article import Article, Status
from newsroom.store import Newsroom
from tests.ui.checks.support import (
    CAPTION,
    LONG_HEADLINE,
    Answering,
    finding,
    rules,
    wait_checked,
)
from ui.checks.model import FindingRole
from ui.checks.pane import ChecksPane


def click_row(qtbot: QtBot, pane: ChecksPane, rule: str) -> None:
    row = rules(pane).index(rule)
    view = pane.view
    view.scrollTo(pane.model.index(row))
    place = view.visualRect(pane.model.index(row)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=place)


def test_the_pane_lists_the_slips_most_serious_first(window: Answering) -> None:
    pane = window.checks
    found = rules(pane)
    assert {"limits.headline", "quotes.verbatim", "photo.caption-stop", "related.https"} <= set(
        found
    )
    severities = [f.severity.rank for f in pane.findings()]
    assert severities == sorted(severities)  # errors first
    assert window.tabs.tabText(window.tabs.indexOf(pane)) == f"Checks ({len(found)})"
    headline = finding(pane, "limits.headline")
    index = pane.model.index(found.index("limits.headline"))
    assert index.data(Qt.ItemDataRole.DisplayRole) == headline.message
    assert index.data(FindingRole) is headline
    icon = index.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and not icon.isNull()
    place = pane.model.index(found.index("photo.caption-stop")).data(Qt.ItemDataRole.UserRole + 2)
    assert place.startswith("Photo caption") and place.endswith("photo.caption-stop")
    assert pane.summary.text().startswith("2 errors, ")


def test_an_article_without_slips_has_no_findings(
    qtbot: QtBot, window: Answering, newsroom: Newsroom
) -> None:
    from datetime import date

    from newsroom.article import Dateline

    clean = newsroom.create(
        Article(
            headline="Gas talks resume on Monday",
            dateline=Dateline(city="Moscow", date=date.today()),
            body="Talks on gas transit will resume on Monday, the ministry said.",
        )
    )
    window.open_article(clean.id or 0)
    qtbot.waitUntil(lambda: window.editor.headline.text() == clean.headline)
    wait_checked(qtbot, window.checks)
    assert window.checks.findings() == []
    assert window.tabs.tabText(window.tabs.indexOf(window.checks)) == "Checks"
    assert window.checks.summary.text().startswith("No findings")
    assert window.editor.headline.extraSelections() == []


def test_clicking_a_finding_selects_its_words_in_its_field(qtbot: QtBot, window: Answering) -> None:
    pane = window.checks
    window.tabs.setCurrentWidget(pane)
    click_row(qtbot, pane, "limits.headline")
    headline = window.editor.headline
    qtbot.waitUntil(headline.hasFocus)
    assert headline.textCursor().selectedText() == LONG_HEADLINE[64:]

    click_row(qtbot, pane, "photo.caption-stop")
    caption = window.editor.photo.caption
    qtbot.waitUntil(caption.hasFocus)
    assert caption.selectedText() == ""  # the place where the full stop goes: the end
    assert caption.cursorPosition() == len(CAPTION)

    click_row(qtbot, pane, "quotes.verbatim")
    quotes = window.editor.quotes.view
    qtbot.waitUntil(quotes.hasFocus)
    assert quotes.currentIndex().row() == 0

    click_row(qtbot, pane, "related.https")
    qtbot.waitUntil(window.related.view.hasFocus)
    assert window.tabs.currentWidget() is window.related
    assert window.related.view.currentIndex().row() == 0


def test_typing_is_checked_after_a_pause_in_one_merged_request(
    qtbot: QtBot, window: Answering
) -> None:
    pane = window.checks
    asked = pane.checker.asked
    headline = window.editor.headline
    headline.setFocus()
    headline.moveCursor(headline.textCursor().MoveOperation.End)
    for _ in range(14):  # " across Europe" away: 56 characters, within the limit
        qtbot.keyClick(headline, Qt.Key.Key_Backspace)
    assert not pane.idle()  # waiting for the pause
    wait_checked(qtbot, pane)
    assert pane.checker.asked == asked + 1
    assert "limits.headline" not in rules(pane)
    assert headline.extraSelections() == []
    assert window.editor.headline_count.text() == "56 / 64"


def test_the_counters_say_too_long_exactly_when_the_pane_does(
    qtbot: QtBot, window: Answering
) -> None:
    count = window.editor.headline_count
    shown = finding(window.checks, "limits.headline")
    assert count.text() == "70 / 64 — too long"
    assert count.toolTip() == shown.message  # the rule's own words
    newsroom = window.newsroom
    newsroom.set_setting("headline_limit", "70")
    window.apply_settings(newsroom.settings())
    assert count.text() == "70 / 70"
    wait_checked(qtbot, window.checks)
    assert "limits.headline" not in rules(window.checks)

    lead = window.editor.lead
    lead.setFocus()
    newsroom.set_setting("lead_word_limit", "5")
    window.apply_settings(newsroom.settings())
    assert window.editor.lead_count.text().endswith("— too long")
    wait_checked(qtbot, window.checks)
    assert window.editor.lead_count.toolTip() == finding(window.checks, "limits.lead").message


def test_a_new_article_is_checked_at_once(qtbot: QtBot, window: Answering) -> None:
    window.new_article()
    qtbot.waitUntil(lambda: window.editor.headline.text() == "")
    wait_checked(qtbot, window.checks)
    assert rules(window.checks) == ["integrity.headline", "dateline.city"]
    assert window.status_actions[Status.PUBLISHED].text() == "Publish… (1 error)"
    qtbot.keyClicks(window.editor.headline, "Gas talks resume")
    wait_checked(qtbot, window.checks)
    assert rules(window.checks) == ["dateline.city"]
    assert window.status_actions[Status.PUBLISHED].text() == "Publish…"
    assert window.status_actions[Status.PUBLISHED].iconText() == "Publish"
