"""The rule families' own actions in the app: the dictionary, a section, a misspelt word."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from newsroom.article import Article, Dateline
from newsroom.store import Newsroom
from tests.ui.checks.support import open_window, wait_checked
from ui.checks.pane import ChecksPane

PLACE = "Yerbogachen"


def story(newsroom: Newsroom, headline: str, body: str, section: str = "") -> Article:
    return newsroom.create(
        Article(
            headline=headline, section=section, body=body,
            dateline=Dateline(city="Irkutsk", date=date.today()),
        )
    )  # fmt: skip


def select(pane: ChecksPane, rule: str, words: str = "") -> None:
    for row, finding in enumerate(pane.findings()):
        mark = next(m for m in pane.fields.marks() if m.finding is finding)
        if finding.rule == rule and (not words or mark.words == words):
            pane.view.setCurrentIndex(pane.model.index(row))
            return
    raise AssertionError(f"no {rule} finding for {words!r}: {pane.findings()}")


def spelt(pane: ChecksPane) -> list[str]:
    return [m.words for m in pane.fields.marks() if m.finding.rule == "spelling.unknown"]


def test_a_word_added_to_the_dictionary_leaves_every_article(
    qtbot: QtBot, newsroom: Newsroom, tmp_path: Path
) -> None:
    first = story(newsroom, "Flood reaches the taiga", f"Water reached {PLACE} on Monday.")
    second = story(newsroom, "Village rebuilds", f"{PLACE} rebuilds its school.")
    window = open_window(qtbot, newsroom, tmp_path, first)
    pane = window.checks
    assert PLACE in spelt(pane)
    select(pane, "spelling.unknown", PLACE)
    menu = pane.row_menu(pane.view.currentIndex())
    assert menu is not None
    [add] = [a for a in menu.actions() if a.objectName() == "add-to-dictionary"]
    assert add.text() == f"Add “{PLACE}” to the dictionary"
    add.trigger()
    qtbot.waitUntil(lambda: PLACE not in spelt(pane), timeout=10_000)
    assert newsroom.dictionary() == [PLACE]
    # Every article: the other one, checked by the core and opened in the window.
    assert not [f for f in newsroom.findings(second) if f.rule == "spelling.unknown"]
    window.open_article(second.id or 0)
    qtbot.waitUntil(lambda: window.editor.headline.text() == second.headline)
    wait_checked(qtbot, pane)
    assert PLACE not in spelt(pane)
    window.session.tasks.wait()


def test_a_misspelt_word_is_fixed_in_the_body_as_one_undo_step(
    qtbot: QtBot, newsroom: Newsroom, tmp_path: Path
) -> None:
    article = story(newsroom, "Talks resume", "The talks in Moskow resume on Monday.")
    window = open_window(qtbot, newsroom, tmp_path, article)
    pane = window.checks
    select(pane, "spelling.unknown", "Moskow")
    assert pane.fix_button.text() == "Replace with “Moscow”"
    assert pane.fix_current()
    body = window.editor.body
    assert body.toPlainText() == "The talks in Moscow resume on Monday."
    pane.checker.check_now()
    wait_checked(qtbot, pane)
    assert "Moskow" not in spelt(pane) and "Moscow" not in spelt(pane)
    body.setFocus()
    qtbot.keyClick(body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert body.toPlainText() == "The talks in Moskow resume on Monday."
    window.session.tasks.wait()


def test_doubled_punctuation_in_the_body_is_fixed_from_the_pane(
    qtbot: QtBot, newsroom: Newsroom, tmp_path: Path
) -> None:
    article = story(
        newsroom, "Talks resume", "“We are ready.”. The talks resume on Monday, she said."
    )
    window = open_window(qtbot, newsroom, tmp_path, article)
    pane = window.checks
    select(pane, "punctuation.doubled")
    assert pane.fix_current()
    assert window.editor.body.toPlainText().startswith("“We are ready.” The talks")
    pane.checker.check_now()
    wait_checked(qtbot, pane)
    assert "punctuation.doubled" not in [f.rule for f in pane.findings()]
    window.session.tasks.wait()


def test_a_section_off_the_list_is_fixed_to_the_listed_name(
    qtbot: QtBot, newsroom: Newsroom, tmp_path: Path
) -> None:
    newsroom.add_section("Politics")
    article = story(newsroom, "Vote tonight", "The vote is tonight.", section="Politcs")
    window = open_window(qtbot, newsroom, tmp_path, article)
    pane = window.checks
    select(pane, "section.unknown")
    assert pane.fix_button.text() == "Replace with “Politics”"
    assert pane.fix_current()
    assert window.editor.section.currentText() == "Politics"
    pane.checker.check_now()
    wait_checked(qtbot, pane)
    assert "section.unknown" not in [f.rule for f in pane.findings()]
    window.session.tasks.wait()


def test_a_read_only_newsroom_offers_no_dictionary(
    qtbot: QtBot, newsroom: Newsroom, tmp_path: Path
) -> None:
    article = story(newsroom, "Flood reaches the taiga", f"Water reached {PLACE} on Monday.")
    window = open_window(qtbot, newsroom, tmp_path, article)
    pane = window.checks
    window.editor.set_read_only(True)
    select(pane, "spelling.unknown", PLACE)
    menu = pane.row_menu(pane.view.currentIndex())
    assert menu is not None
    assert not [a for a in menu.actions() if a.objectName() == "add-to-dictionary"]
    window.session.tasks.wait()
