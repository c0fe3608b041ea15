"""An article with the slips a copy editor catches, and the real main window showing it."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PIL import Image
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from newsroom.article import Article, Dateline, PhotoUse, Quote, RelatedHeadline
from newsroom.checks import Finding
from newsroom.store import Newsroom
from tests.ui.test_mainwindow import QuietWindow, make_window
from ui.checks.pane import ChecksPane

# 70 characters: six over the house limit of 64.
LONG_HEADLINE = "Moscow and Kyiv agree to resume the talks on gas transit across Europe"
BODY = (
    "Talks on gas transit will resume on Monday, the ministry said.\n\n"
    "“We are ready to talk about every route and every price.” Talks begin at nine."
)
CAPTION = "The minister at the talks in Moscow"  # no full stop
OLD_LINK = "http://example.org/gas"


def photo(newsroom: Newsroom) -> str:
    data = io.BytesIO()
    Image.new("RGB", (320, 200), (40, 90, 160)).save(data, "JPEG", quality=80)
    return newsroom.photos.add(data.getvalue()).sha256


def slipped_article(newsroom: Newsroom) -> Article:
    """A 70-character headline, a quote not in the body, a caption with no full stop,
    an outside link that is not https."""
    return newsroom.create(
        Article(
            headline=LONG_HEADLINE,
            dateline=Dateline(city="Moscow", date=date.today()),
            lead="Russia and Ukraine will talk about gas transit again.",
            body=BODY,
            quotes=(Quote(text="We will never stop the gas", speaker="The minister"),),
            photo=PhotoUse(photo(newsroom), caption=CAPTION, credit="© TASS", alt="The talks"),
            related=(RelatedHeadline.external("Gas routes explained", OLD_LINK),),
            tags=("Kyiv",),  # a name the newsroom knows: no spelling finding in the headline
        )
    )


class Answering(QuietWindow):
    """Each modal dialog is handed to ``answer`` (the test's hands), then closed as it says."""

    answer: Callable[[QDialog], bool] = staticmethod(lambda dialog: False)  # type: ignore[assignment]

    def answer_dialog(self, dialog: QDialog) -> bool:
        dialog.show()
        try:
            return self.answer(dialog)
        finally:
            dialog.close()


def open_window(qtbot: QtBot, newsroom: Newsroom, tmp_path: Path, article: Article) -> Answering:
    window = make_window(qtbot, newsroom, tmp_path, kind=Answering)
    assert isinstance(window, Answering)
    window.keeper.set_delays(autosave_ms=60_000, journal_ms=60_000)  # saved when the test says
    window.open_first_article(article.slug)
    qtbot.waitUntil(lambda: window.editor.headline.text() == article.headline)
    wait_checked(qtbot, window.checks)
    return window


def wait_checked(qtbot: QtBot, pane: ChecksPane) -> None:
    """Until the pane's answer is in for the text as it stands (no check running or due)."""
    qtbot.waitUntil(lambda: pane.idle() and pane.summary.text() != "Checking…", timeout=10_000)


def rules(pane: ChecksPane) -> list[str]:
    return [finding.rule for finding in pane.findings()]


def finding(pane: ChecksPane, rule: str) -> Finding:
    return next(f for f in pane.findings() if f.rule == rule)
