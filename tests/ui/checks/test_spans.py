"""Code-point spans → Qt's UTF-16 positions, and where an empty span is underlined."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument

from ui.checks.spans import Utf16Positions, shown_span, utf16_span


def test_characters_beyond_the_basic_plane_count_twice_before_a_span() -> None:
    text = "a😀b𝄞c the the"
    start = text.index("the the")
    assert utf16_span(text, start, len(text)) == (start + 2, len(text) + 2)
    positions = Utf16Positions(text)
    assert [positions(i) for i in range(5)] == [0, 1, 3, 4, 6]


def test_qt_selects_the_same_words_at_the_converted_positions() -> None:
    text = "«Привет» 🇷🇺 said 👩‍👩‍👧 the the minister"
    document = QTextDocument(text)
    start = text.index("the the")
    end = start + len("the the")
    cursor = QTextCursor(document)
    first, last = utf16_span(text, start, end)
    cursor.setPosition(first)
    cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "the the"


def test_text_without_astral_characters_keeps_its_offsets() -> None:
    positions = Utf16Positions("Привет, «мир» — café")
    assert [positions(i) for i in (0, 5, 19)] == [0, 5, 19]


def test_an_empty_span_is_shown_on_the_character_before_it() -> None:
    assert shown_span(35, 35, 35) == (34, 35)  # a missing full stop at the end
    assert shown_span(0, 0, 10) == (0, 1)
    assert shown_span(0, 0, 0) == (0, 0)  # nothing to underline in an empty field
    assert shown_span(3, 8, 10) == (3, 8)
    assert shown_span(8, 30, 10) == (8, 10)  # never past the text
