"""The body's Markdown highlighter: the usual marks coloured, hostile paragraphs coloured quickly."""

from __future__ import annotations

import time

import pytest
from PySide6.QtGui import QPalette, QTextDocument
from pytestqt.qtbot import QtBot

from ui.markdown_highlighter import MarkdownHighlighter

CAP_SECONDS = 2.0  # CPU for a 100 KB paste; it took 10 to 40 s before spans were bounded


def highlighted(text: str) -> tuple[QTextDocument, MarkdownHighlighter]:
    document = QTextDocument()
    document.setPlainText(text)
    highlighter = MarkdownHighlighter(document, QPalette())  # colours the text there and then
    return document, highlighter


def format_at(document: QTextDocument, position: int) -> set[str]:
    """What the highlighter made of the character at ``position`` of the first paragraph."""
    block = document.firstBlock()
    kinds = set()
    for span in block.layout().formats():
        if span.start <= position < span.start + span.length:
            if span.format.fontItalic():
                kinds.add("italic")
            if span.format.fontWeight() > 500:
                kinds.add("bold")
            if span.format.fontUnderline():
                kinds.add("underline")
            if "monospace" in (span.format.fontFamilies() or []):
                kinds.add("code")
    return kinds


def test_the_usual_marks_are_coloured(qtbot: QtBot) -> None:
    text = "A *walrus* and **ice** near [the shore](https://example.org) with `code`."
    document, _ = highlighted(text)
    assert format_at(document, text.index("walrus")) == {"italic"}
    assert format_at(document, text.index("ice")) == {"bold"}
    assert format_at(document, text.index("shore")) == {"underline"}
    assert format_at(document, text.index("code")) == {"code"}
    assert format_at(document, text.index("near")) == set()


@pytest.mark.parametrize("unit", ["[", "**a ", " *a", "[a](", "_x "])
def test_100_kb_of_unclosed_marks_in_one_paragraph_is_coloured_quickly(
    qtbot: QtBot, unit: str
) -> None:
    text = unit * (100_000 // len(unit))
    started = time.process_time()
    document, _ = highlighted(text)
    spent = time.process_time() - started
    assert document.characterCount() == len(text) + 1
    assert spent < CAP_SECONDS, f"{spent:.1f} s of CPU to colour {len(text):,} characters"
