"""The live preview: the real page in a browser view, re-rendered as the article changes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from newsroom.article import Article
from newsroom.demo import load_demo
from newsroom.store import Newsroom
from ui.preview import PHONE_WIDTH, PreviewPane
from ui.session import Session

WAIT_MS = 20_000

# Chromium and Qt probe for a GPU on the offscreen platform and say they found none,
# once per process, in whichever test first shows a browser view.
pytestmark = pytest.mark.qt_log_ignore(
    "QRhiGles2: Failed",
    "Failed to create RHI",
    "Vulkan",
    "GBM is not supported",
    "GPUInfo not initialized",
    "Unable to detect GPU vendor",
)


@pytest.fixture
def pane(qtbot: QtBot, session: Session) -> Iterator[PreviewPane]:
    widget = PreviewPane(session)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    session.tasks.wait()


def show(qtbot: QtBot, pane: PreviewPane, article: Article) -> None:
    with qtbot.waitSignal(pane.rendered, timeout=WAIT_MS):
        pane.show_article(article)


def long_body(paragraphs: int = 80) -> str:
    sentence = "The night train left the old station on time and crossed the plain. "
    return "\n\n".join(f"Paragraph {n}. " + sentence * 4 for n in range(paragraphs))


def test_the_page_shows_the_headline(qtbot: QtBot, pane: PreviewPane) -> None:
    show(qtbot, pane, Article(headline="Walrus count rises", lead="Scientists counted."))
    html = pane.current_html()
    assert "Walrus count rises" in html
    assert "Scientists counted." in html
    # The style sheet came through the preview's own scheme.
    assert pane.served("/newsroom.css") >= 1


def test_a_changed_headline_shows_up(qtbot: QtBot, pane: PreviewPane) -> None:
    article = Article(headline="Walrus count rises")
    show(qtbot, pane, article)
    show(qtbot, pane, article.with_changes(headline="Walrus count falls"))
    html = pane.current_html()
    assert "Walrus count falls" in html
    assert "Walrus count rises" not in html


def test_rapid_requests_merge_and_the_newest_wins(qtbot: QtBot, pane: PreviewPane) -> None:
    article = Article(headline="Draft", body=long_body(20))
    requests = 40
    with qtbot.waitSignal(pane.rendered, timeout=WAIT_MS):
        for number in range(requests):
            pane.show_article(article.with_changes(headline=f"Headline number {number}"))
    assert f"Headline number {requests - 1}</h1>" in pane.current_html()
    assert pane.render_count < requests


def test_the_photo_is_served_through_the_scheme(
    qtbot: QtBot, pane: PreviewPane, newsroom: Newsroom
) -> None:
    load_demo(newsroom)
    articles = [newsroom.get(summary.id) for summary in newsroom.articles()]
    with_photo = next(article for article in articles if article.photo is not None)
    assert with_photo.photo is not None
    show(qtbot, pane, with_photo)
    served = {path: count for path, count in pane.served_paths().items() if "/media/" in path}
    assert served, pane.served_paths()
    assert any(with_photo.photo.sha256 in path for path in served)
    # The image decoded in the page: its natural width is the rendition's.
    width = pane.run_js("document.querySelector('figure.photo img').naturalWidth")
    assert width and width > 0


def test_the_scroll_position_is_kept(qtbot: QtBot, pane: PreviewPane) -> None:
    article = Article(headline="A long story", body=long_body())
    show(qtbot, pane, article)
    pane.run_js("window.scrollTo(0, 1500)")
    qtbot.waitUntil(lambda: pane.view.page().scrollPosition().y() >= 1400, timeout=WAIT_MS)
    show(qtbot, pane, article.with_changes(headline="A longer story"))
    assert "A longer story" in pane.current_html()
    assert pane.run_js("window.scrollY") >= 1400


def test_phone_width_narrows_the_page(qtbot: QtBot, pane: PreviewPane) -> None:
    show(qtbot, pane, Article(headline="Narrow"))
    assert pane.run_js("window.innerWidth") > PHONE_WIDTH + 100
    qtbot.mouseClick(pane.phone_button, Qt.MouseButton.LeftButton)
    assert pane.phone_button.isChecked() and not pane.desktop_button.isChecked()
    qtbot.waitUntil(lambda: pane.run_js("window.innerWidth") == PHONE_WIDTH, timeout=WAIT_MS)
    pane.desktop_button.click()
    qtbot.waitUntil(lambda: pane.run_js("window.innerWidth") > PHONE_WIDTH + 100, timeout=WAIT_MS)


class Browser(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url)


@pytest.fixture
def browser() -> Iterator[Browser]:
    receiver = Browser()
    QDesktopServices.setUrlHandler("https", receiver, "open")
    yield receiver
    QDesktopServices.unsetUrlHandler("https")


def test_a_clicked_link_opens_in_the_browser(
    qtbot: QtBot, pane: PreviewPane, browser: Browser
) -> None:
    article = Article(headline="Links", body="See [the report](https://example.org/report).")
    show(qtbot, pane, article)
    before = pane.view.page().url()
    with qtbot.waitSignal(pane.linkOpened, timeout=WAIT_MS) as opened:
        pane.run_js("document.querySelector('.body a').click()")
    assert opened.args[0] == QUrl("https://example.org/report")
    assert browser.opened == [QUrl("https://example.org/report")]
    assert pane.view.page().url() == before
    assert "Links" in pane.current_html()


def test_a_render_error_shows_a_message(
    qtbot: QtBot, pane: PreviewPane, newsroom: Newsroom, tmp_path: Path
) -> None:
    theme = tmp_path / "broken-theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "templates" / "article.html").write_text("{% if %}", encoding="utf-8")
    newsroom.set_setting("theme", str(theme))
    with qtbot.waitSignal(pane.renderFailed, timeout=WAIT_MS):
        pane.show_article(Article(headline="Broken"))
    assert pane.message.isVisible()
    assert "template article.html" in pane.message.text()
    newsroom.set_setting("theme", "")
    show(qtbot, pane, Article(headline="Fixed"))
    assert not pane.message.isVisible()
    assert "Fixed" in pane.current_html()


def test_a_page_asked_for_while_the_view_loads_its_blank_page_is_shown(
    qtbot: QtBot, session: Session
) -> None:
    """The view loads a blank page of its own when made (for the window's surface); a page
    asked for before that load ends was once dropped by Chromium, and the preview stayed blank."""
    for delay in range(0, 60, 3):  # asked for at each moment of the blank page's load
        widget = PreviewPane(session)
        qtbot.addWidget(widget)
        widget.show()
        qtbot.wait(delay)
        with qtbot.waitSignal(widget.rendered, timeout=5_000):
            widget.show_article(Article(headline=f"Asked for after {delay} ms"))
        assert f"Asked for after {delay} ms" in widget.current_html()
        widget.close()
