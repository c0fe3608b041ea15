"""Help ▸ User guide: the guide from resources/, its links, and its copy for the browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html as lxml_html
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QPalette, QTextCursor
from pytestqt.qtbot import QtBot

from ui.help.guide import GuideWindow, guide_html, guide_markdown
from ui.help.menu import HelpMenu

HEADINGS = re.findall(r"^#{1,3} (.+)$", guide_markdown(), flags=re.MULTILINE)


@pytest.fixture
def guide(qtbot: QtBot, help_menu: HelpMenu) -> GuideWindow:
    help_menu.guide_action.trigger()
    shown = help_menu.window_open("guide")
    assert isinstance(shown, GuideWindow)
    qtbot.waitExposed(shown)
    return shown


def click_link(qtbot: QtBot, guide: GuideWindow, href: str) -> None:
    """Click the first link to ``href`` with the mouse, where it is drawn."""
    browser = guide.browser
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(browser.document())
                cursor.setPosition(fragment.position() + 1)
                browser.setTextCursor(cursor)
                browser.ensureCursorVisible()
                spot = browser.cursorRect(cursor).center() - QPoint(2, 0)
                qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=spot)
                return
            it += 1
        block = block.next()
    raise AssertionError(f"no link to {href} in the guide")


def heading_cursor(guide: GuideWindow, text: str) -> QTextCursor:
    block = guide.browser.document().begin()
    while block.isValid():
        if block.blockFormat().headingLevel() and block.text() == text:
            return QTextCursor(block)
        block = block.next()
    raise AssertionError(f"no heading {text!r}")


def test_the_guide_shows_every_heading_of_its_source(guide: GuideWindow) -> None:
    assert "Writing an article" in HEADINGS and "The photo library" in HEADINGS
    for heading in HEADINGS:
        heading_cursor(guide, heading)
    shown = guide.browser.toPlainText()
    assert "|---|" not in shown and "New article\tCtrl+N" not in shown  # a table, rendered


def test_a_link_to_a_section_scrolls_there(qtbot: QtBot, guide: GuideWindow) -> None:
    scroll = guide.browser.verticalScrollBar()
    assert scroll.value() == 0 and scroll.maximum() > 0
    click_link(qtbot, guide, "#the-photo-library")
    qtbot.waitUntil(lambda: scroll.value() > 0)
    # The section's heading (not its line in the contents) is now at the top of the view.
    heading = heading_cursor(guide, "The photo library")
    assert abs(guide.browser.cursorRect(heading).top()) < 40
    assert guide.message.text() == ""


def test_an_outside_link_goes_to_the_system_browser(
    qtbot: QtBot, guide: GuideWindow, opened_urls: list[QUrl]
) -> None:
    outside = "https://daringfireball.net/projects/markdown/syntax"
    click_link(qtbot, guide, outside)
    assert opened_urls == [QUrl(outside)]
    # The window still shows the guide; nothing was loaded into it.
    assert guide.browser.source() == QUrl() and guide.message.text() == ""
    heading_cursor(guide, "Writing an article")


def test_every_link_of_the_guide_leads_somewhere() -> None:
    page = lxml_html.fromstring(guide_html())
    ids = set(page.xpath("//@id"))
    links = page.xpath("//a/@href")
    assert len(links) >= 9  # the contents, a cross-reference, Markdown's syntax
    inside = [link[1:] for link in links if link.startswith("#")]
    assert [target for target in inside if target not in ids] == []
    assert all(link.startswith(("#", "https://")) for link in links), links


def test_open_in_browser_writes_the_page_and_opens_it(
    qtbot: QtBot, guide: GuideWindow, opened_urls: list[QUrl], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    qtbot.mouseClick(guide.browser_button, Qt.MouseButton.LeftButton)
    [url] = opened_urls
    page = Path(url.toLocalFile())
    assert page.is_relative_to(tmp_path / "cache") and page.name == "user-guide.html"
    document = lxml_html.parse(str(page)).getroot()
    assert document.findtext("head/title") == "User guide — Newsroom"
    assert document.get_element_by_id("the-photo-library").text_content() == "The photo library"
    assert "color-scheme: light dark" in page.read_text()  # the browser's own light or dark
    # Asked again, the same file is rewritten: nothing piles up.
    qtbot.mouseClick(guide.browser_button, Qt.MouseButton.LeftButton)
    assert sorted(path.name for path in page.parent.iterdir()) == ["user-guide.html"]


def test_a_cache_folder_that_cannot_be_written_is_said(
    qtbot: QtBot, guide: GuideWindow, opened_urls: list[QUrl], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    qtbot.mouseClick(guide.browser_button, Qt.MouseButton.LeftButton)
    assert opened_urls == []
    assert guide.message.text().startswith("Could not write the guide for the browser:")


def test_the_guide_follows_the_palette(guide: GuideWindow) -> None:
    light = guide.browser.document().defaultStyleSheet()
    palette = QPalette(guide.palette())
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#2a2e32"))
    palette.setColor(QPalette.ColorRole.Mid, QColor("#45494d"))
    guide.setPalette(palette)
    dark = guide.browser.document().defaultStyleSheet()
    assert dark != light and "#2a2e32" in dark and "#45494d" in dark
    assert "Writing an article" in guide.browser.toPlainText()


def test_the_guide_is_about_eighty_characters_wide(guide: GuideWindow) -> None:
    characters = guide.browser.viewport().width() / guide.fontMetrics().averageCharWidth()
    assert 70 < characters < 100
