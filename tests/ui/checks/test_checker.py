"""Checking off the UI thread: after a pause, merged, and never an answer for an older text."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from newsroom.article import Article
from newsroom.checks import Finding
from ui.checks.checker import PAUSE_MS, Checker
from ui.session import Session

LONG = "A headline that runs on well past the house limit of sixty-four characters"


def answers(checker: Checker) -> list[tuple[list[Finding], Article]]:
    got: list[tuple[list[Finding], Article]] = []
    checker.checked.connect(lambda findings, article: got.append((findings, article)))
    return got


def test_an_opened_article_is_checked_at_once(qtbot: QtBot, session: Session) -> None:
    checker = Checker(session)
    got = answers(checker)
    checker.start(Article(headline=LONG))
    assert not checker.idle()
    qtbot.waitUntil(checker.idle)
    [(findings, article)] = got
    assert article.headline == LONG
    assert findings[0].rule == "limits.headline"


def test_edits_are_checked_once_after_the_pause(qtbot: QtBot, session: Session) -> None:
    checker = Checker(session)
    got = answers(checker)
    checker.start(Article(headline="Gas"))
    qtbot.waitUntil(checker.idle)
    asked = checker.asked
    for length in range(4, 30):
        checker.follow(Article(headline=LONG[:length]))
    qtbot.waitUntil(checker.idle, timeout=PAUSE_MS * 10)
    assert checker.asked == asked + 1  # one check for 26 edits
    assert got[-1][1].headline == LONG[:29]


def test_an_answer_for_an_older_text_is_dropped(qtbot: QtBot, session: Session) -> None:
    checker = Checker(session)
    got = answers(checker)
    checker.start(Article(headline=LONG))  # running…
    checker.follow(Article(headline="Gas talks resume"))  # …edited before it answers
    checker.check_now()  # merged: asked again once the first answer is in
    qtbot.waitUntil(checker.idle)
    assert [article.headline for _findings, article in got] == ["Gas talks resume"]
    assert checker.asked == 2


def test_a_checker_not_following_leaves_edits_unchecked(qtbot: QtBot, session: Session) -> None:
    checker = Checker(session)
    got = answers(checker)
    checker.following = False
    checker.follow(Article(headline=LONG))
    assert checker.idle() and checker.asked == 0
    checker.check_now()  # asked for: checked all the same
    qtbot.waitUntil(checker.idle)
    assert len(got) == 1
