"""Markdown syntax highlighting for the body, in colours taken from the palette.

Headings, emphasis, links, blockquotes, list markers and inline code. Every
colour comes from the widget's palette (link, placeholder text, highlight),
so the dark palette works; ``refresh_palette`` picks up a changed one.
"""

from __future__ import annotations

import re

from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)

_HEADING = re.compile(r"^#{1,6}(?=\s|$).*")
_BLOCKQUOTE = re.compile(r"^\s{0,3}>.*")
_LIST_MARKER = re.compile(r"^\s*(?:[*+\-]|\d{1,9}[.)])(?=\s)")
# Spans are looked for at most SPAN_MAX characters far and in the first
# INLINE_MAX characters of a paragraph: unbounded, each unclosed "[" or "**"
# read to the end of its paragraph, and pasting 100 KB of them held the
# window for half a minute. Longer spans are rare and only lose their colour.
SPAN_MAX = 1_000
INLINE_MAX = 20_000
_STRONG = re.compile(rf"(\*\*|__)(?=\S)(.{{1,{SPAN_MAX}}}?)(?<=\S)\1")
_EMPHASIS = re.compile(rf"(?<![*_\w])([*_])(?=[^\s*_])(.{{1,{SPAN_MAX}}}?)(?<=[^\s*_])\1(?![*_\w])")
_LINK = re.compile(
    rf"!?\[[^\]\n]{{0,{SPAN_MAX}}}\]\([^)\n]{{0,{2 * SPAN_MAX}}}\)|<https?://[^>\s]+>"
)
_CODE = re.compile(r"`[^`\n]+`")


def _mix(one: QColor, other: QColor, weight: float) -> QColor:
    """``weight`` of ``one`` and the rest of ``other``."""
    rest = 1.0 - weight
    return QColor.fromRgbF(
        one.redF() * weight + other.redF() * rest,
        one.greenF() * weight + other.greenF() * rest,
        one.blueF() * weight + other.blueF() * rest,
    )


class MarkdownHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, palette: QPalette) -> None:
        super().__init__(document)
        self._formats: dict[str, QTextCharFormat] = {}
        self.refresh_palette(palette)

    def refresh_palette(self, palette: QPalette) -> None:
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        link = palette.color(QPalette.ColorRole.Link)
        accent = palette.color(QPalette.ColorRole.Highlight)

        heading = QTextCharFormat()
        heading.setFontWeight(QFont.Weight.Bold)
        heading.setForeground(_mix(accent, text, 0.6))
        strong = QTextCharFormat()
        strong.setFontWeight(QFont.Weight.Bold)
        emphasis = QTextCharFormat()
        emphasis.setFontItalic(True)
        link_format = QTextCharFormat()
        link_format.setForeground(link)
        link_format.setFontUnderline(True)
        quote = QTextCharFormat()
        quote.setForeground(_mix(text, base, 0.6))
        quote.setFontItalic(True)
        marker = QTextCharFormat()
        marker.setForeground(accent)
        marker.setFontWeight(QFont.Weight.Bold)
        code = QTextCharFormat()
        code.setFontFamilies(["monospace"])
        code.setBackground(_mix(text, base, 0.1))
        self._formats = {
            "heading": heading,
            "strong": strong,
            "emphasis": emphasis,
            "link": link_format,
            "blockquote": quote,
            "list": marker,
            "code": code,
        }
        self.rehighlight()

    def format_for(self, name: str) -> QTextCharFormat:
        """The format of one kind of markup (tests and the legend read it)."""
        return self._formats[name]

    def highlightBlock(self, text: str) -> None:
        if found := _HEADING.match(text):
            self.setFormat(0, found.end(), self._formats["heading"])
            return
        if found := _BLOCKQUOTE.match(text):
            self.setFormat(0, found.end(), self._formats["blockquote"])
        if found := _LIST_MARKER.match(text):
            self.setFormat(0, found.end(), self._formats["list"])
        end = min(len(text), INLINE_MAX)
        for name, pattern in (("strong", _STRONG), ("emphasis", _EMPHASIS)):
            for found in pattern.finditer(text, 0, end):
                self._merge(found.start(), found.end(), self._formats[name])
        for found in _LINK.finditer(text, 0, end):
            self._merge(found.start(), found.end(), self._formats["link"])
        for found in _CODE.finditer(text, 0, end):
            self.setFormat(found.start(), found.end() - found.start(), self._formats["code"])

    def _merge(self, start: int, end: int, extra: QTextCharFormat) -> None:
        for position in range(start, end):
            merged = QTextCharFormat(self.format(position))
            merged.merge(extra)
            self.setFormat(position, 1, merged)
