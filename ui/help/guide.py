"""Help ▸ User guide: the editor's guide, rendered in a window of the app or in the browser.

The guide is Markdown in ``resources/help/user-guide.md``, so it travels in
the wheel and the bundle as the themes do (``newsroom.resources``). Its
headings get ids from python-markdown's ``toc`` extension, which slugs a
plain heading as GitHub does: the guide's ``#section`` links work in the app,
in a browser and on the forge alike. Outside links open in the system
browser; the guide's own links scroll to their section.
"""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

import markdown
from PySide6.QtCore import QEvent, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from newsroom import resources

GUIDE = ("help", "user-guide.md")
PAGE_NAME = "user-guide.html"
OUTSIDE_SCHEMES = frozenset({"http", "https", "mailto"})
TEXT_MARGIN = 12  # px around the text: reads as a page, not a field
# The browser's copy follows the reader's light or dark setting by itself.
PAGE_CSS = """
:root { color-scheme: light dark; }
body { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 46em;
       margin: 2em auto; padding: 0 1em; }
code { font-family: ui-monospace, monospace; font-size: 0.92em; }
table { border-collapse: collapse; }
th, td { border: 1px solid color-mix(in srgb, currentColor 30%, transparent);
         padding: 0.2em 0.7em; text-align: left; }
"""


def guide_markdown() -> str:
    """The guide's source, wherever resources/ is (checkout, wheel, bundle)."""
    return resources.read_text(*GUIDE)


def guide_html() -> str:
    """The guide's body as HTML; headings carry the ids its links point to."""
    return str(markdown.markdown(guide_markdown(), extensions=["toc", "tables", "sane_lists"]))


def guide_page(title: str) -> str:
    """The guide as a standalone page for a web browser."""
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{PAGE_CSS}</style></head>"
        f"<body>\n{guide_html()}\n</body></html>\n"
    )


def page_folder() -> Path:
    """The browser's copy lives in the user cache folder: rewritten each time, never piling up."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(location or tempfile.gettempdir()) / "help"


def write_guide_page(folder: Path, title: str) -> Path:
    """Write the page whole under a temporary name, then rename: a browser never reads half."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / PAGE_NAME
    partial = folder / f".{PAGE_NAME}.part"
    partial.write_text(guide_page(title), encoding="utf-8")
    partial.replace(target)
    return target


def _style_sheet(palette: QPalette) -> str:
    """What QTextBrowser's HTML subset needs beyond the palette (text and links follow it)."""
    shade = palette.color(QPalette.ColorRole.AlternateBase).name()
    rule = palette.color(QPalette.ColorRole.Mid).name()
    return (
        f"code {{ background-color: {shade}; font-family: monospace; }}"
        "table { border-collapse: collapse; margin-top: 4px; }"
        f"th, td {{ border: 1px solid {rule}; padding: 3px 10px; }}"
        "h1 { font-size: x-large; } h2 { font-size: large; margin-top: 18px; }"
    )


class GuideWindow(QDialog):
    """The user guide, readable while writing (not modal)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("User guide — Newsroom"))
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName(self.tr("User guide"))
        self.browser.setOpenLinks(False)  # followed here: sections scroll, the rest goes out
        self.browser.document().setDocumentMargin(TEXT_MARGIN)
        self.browser.anchorClicked.connect(self.follow_link)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.browser_button = QPushButton(self.tr("Open in &browser"), self)
        self.browser_button.setToolTip(self.tr("Show the guide in your web browser"))
        self.browser_button.clicked.connect(self.open_in_browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.browser_button)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(bottom)
        self._show_guide()
        self._fit_to_content()

    def _show_guide(self) -> None:
        self.browser.document().setDefaultStyleSheet(_style_sheet(self.palette()))
        self.browser.setHtml(guide_html())

    def _fit_to_content(self) -> None:
        """About 80 characters wide and as tall as the guide, within the screen."""
        available = self.screen().availableGeometry()
        text_width = min(self.fontMetrics().averageCharWidth() * 84, available.width() * 3 // 4)
        self.browser.document().setTextWidth(text_width)
        chrome = self.sizeHint().height() - self.browser.sizeHint().height()
        wanted = int(self.browser.document().size().height()) + chrome + 8
        margin = self.browser.verticalScrollBar().sizeHint().width() + 2 * TEXT_MARGIN + 40
        self.resize(text_width + margin, min(wanted, available.height() * 17 // 20))

    def changeEvent(self, event: QEvent) -> None:
        """The palette changed (light ↔ dark): redraw the guide in it, where the reader was."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            position = self.browser.verticalScrollBar().value()
            self._show_guide()
            self.browser.verticalScrollBar().setValue(position)

    def follow_link(self, url: QUrl) -> None:
        self.message.clear()
        if not url.scheme() and not url.path() and url.hasFragment():
            self.browser.scrollToAnchor(url.fragment())
        elif url.scheme() in OUTSIDE_SCHEMES:
            if not QDesktopServices.openUrl(url):
                self.message.setText(self.tr("No web browser opened {0}").format(url.toString()))
        else:
            self.message.setText(
                self.tr("{0}: the guide cannot open this kind of link").format(url.toString())
            )

    def open_in_browser(self) -> Path | None:
        """The guide as a page in the user cache folder, opened in the web browser."""
        self.message.clear()
        try:
            page = write_guide_page(page_folder(), self.windowTitle())
        except OSError as error:
            self.message.setText(
                self.tr("Could not write the guide for the browser: {0}").format(error)
            )
            return None
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(page))):
            self.message.setText(self.tr("No web browser opened {0}").format(page))
        return page
