"""Text fields that undo the way writers expect, and the one-paragraph field of headlines.

Qt's own undo merges everything typed in one go into one step, so a single
Ctrl+Z could take back a whole paragraph with the word before it. Here a step
is a typing run: a word (with the spaces after it), a newline, a paste, and
any replacement made for the writer (a typographic quote, an expanded code)
each undo on their own. Backspacing over text is one step, as in Qt.

- ``PlainTextField``: multi-line plain text (captions).
- ``ProseField``: the lead and the body, with generous line spacing.
- ``ParagraphField``: one paragraph that wraps to show all of itself, grows
  with its text, and never holds a newline (headline, subtitle): Return moves
  on to the next field, pasted line breaks become spaces.
- ``LineField``: a one-line ``QLineEdit`` with the same undo steps.

``set_text_direction`` turns any of them right to left (Arabic, Hebrew…).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QPointF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextBlockFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QTextEdit,
    QWidget,
)

PARAGRAPH_SEPARATOR = "\u2029"  # how QTextDocument.characterAt reports a line break
LINE_BREAKS = "\r\n\u2028\u2029"
LINE_HEIGHT_PROPORTIONAL = QTextBlockFormat.LineHeightTypes.ProportionalHeight.value


def starts_typing_run(previous: str, typed: str) -> bool:
    """Whether typing ``typed`` after ``previous`` (one character, "" at the start) begins
    a new undo step: a line break always, a word's first character after a space or a break."""
    if not typed:
        return False
    if any(character in LINE_BREAKS for character in typed):
        return True
    first = typed[0]
    return first.isprintable() and not first.isspace() and (not previous or previous.isspace())


class TypingRuns:
    """Where a field's undo steps begin; the fields below hand it their keys and pastes."""

    def __init__(self) -> None:
        self.new_step = False  # the next edit starts a new undo step, whatever it is

    def key(
        self, field: QPlainTextEdit | QTextEdit, event: QKeyEvent,
        handle: Callable[[QKeyEvent], None],
    ) -> None:  # fmt: skip
        cursor = field.textCursor()
        position = cursor.selectionStart()
        previous = field.document().characterAt(position - 1) if position > 0 else ""
        typed = event.text()
        # A read-only field changes nothing, and an empty edit block would still say it did.
        if field.isReadOnly() or not (
            self.new_step or cursor.hasSelection() or starts_typing_run(previous, typed)
        ):
            handle(event)
            return
        self.new_step = any(character in LINE_BREAKS for character in typed)
        # Inside an edit block of its own, this edit cannot merge into the step before;
        # what is typed after it merges into it, until the next run begins.
        cursor.beginEditBlock()
        try:
            handle(event)
        finally:
            cursor.endEditBlock()

    def paste(
        self, field: QPlainTextEdit | QTextEdit, source: QMimeData,
        insert: Callable[[QMimeData], None],
    ) -> None:  # fmt: skip
        cursor = field.textCursor()
        cursor.beginEditBlock()
        try:
            insert(source)
        finally:
            cursor.endEditBlock()
        self.new_step = True  # typing after a paste is not part of the paste


class PlainTextField(QPlainTextEdit):
    """Multi-line plain text whose undo steps are typing runs (see the module's notes)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runs = TypingRuns()

    def end_typing_run(self) -> None:
        """What is typed next is a step of its own (after a replacement made by code)."""
        self._runs.new_step = True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._runs.key(self, event, super().keyPressEvent)

    def insertFromMimeData(self, source: QMimeData) -> None:
        self._runs.paste(self, source, super().insertFromMimeData)


class ProseField(QTextEdit):
    """Prose (lead, body): plain text only, set with generous line spacing; undo as above.

    A ``QTextEdit`` rather than a plain-text edit because only its layout honours
    a block's line height. Every block gets ``LINE_HEIGHT`` percent: set on load,
    inherited by the blocks typed or pasted after.
    """

    LINE_HEIGHT = 150

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self._runs = TypingRuns()
        self._space_lines()

    def end_typing_run(self) -> None:
        self._runs.new_step = True

    def setPlainText(self, text: str) -> None:
        super().setPlainText(text)
        self._space_lines()

    def _space_lines(self) -> None:
        """Every block at ``LINE_HEIGHT`` percent, as no undo step (it is how text looks)."""
        document = self.document()
        document.setUndoRedoEnabled(False)  # what was just loaded has no undo history yet
        cursor = QTextCursor(document)
        cursor.select(QTextCursor.SelectionType.Document)
        spacing = QTextBlockFormat()
        spacing.setLineHeight(self.LINE_HEIGHT, LINE_HEIGHT_PROPORTIONAL)
        cursor.mergeBlockFormat(spacing)
        document.setUndoRedoEnabled(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.isReadOnly():
            self._new_paragraph()
            return
        self._runs.key(self, event, super().keyPressEvent)

    def _new_paragraph(self) -> None:
        """Return: a line break, one undo step of its own. (QTextEdit's own Return may add a
        second, invisible step for list and indent formats, which plain text never has.)"""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.removeSelectedText()  # typed over, as any key types over a selection
        cursor.insertBlock()
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        self._runs.new_step = True

    def insertFromMimeData(self, source: QMimeData) -> None:
        plain = QMimeData()
        plain.setText(source.text())  # never a format from elsewhere
        self._runs.paste(self, plain, super().insertFromMimeData)


class ParagraphField(PlainTextField):
    """One paragraph, wrapped and shown whole; Return moves on, pasted breaks become spaces.

    Reads like a ``QLineEdit`` for the code around it: ``text()``, ``setText()``,
    ``setCursorPosition()``; ``textEdited`` fires for the user's changes only.
    """

    textEdited = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, most_lines: int = 4) -> None:
        super().__init__(parent)
        self._most_lines = most_lines
        self.setTabChangesFocus(True)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.document().setDocumentMargin(3)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self.textChanged.connect(self._fit_height)
        self._fit_height()

    # --- reading like a line edit ------------------------------------------------------

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        """Replace the text (undo starts afresh, as ``setPlainText`` does)."""
        self.setPlainText(one_line(text))

    def setCursorPosition(self, position: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(self.toPlainText())))
        self.setTextCursor(cursor)

    def end(self, mark: bool) -> None:
        """The cursor to the end (``mark``: selecting what it passes), as a line edit's."""
        mode = QTextCursor.MoveMode.KeepAnchor if mark else QTextCursor.MoveMode.MoveAnchor
        self.moveCursor(QTextCursor.MoveOperation.End, mode)

    # --- no newline --------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.focusNextChild()  # as Tab: one paragraph never holds a line break
            return
        before = self.toPlainText()
        super().keyPressEvent(event)
        if self.toPlainText() != before:
            self.textEdited.emit(self.toPlainText())

    def insertFromMimeData(self, source: QMimeData) -> None:
        flattened = QMimeData()
        flattened.setText(one_line(source.text()))
        super().insertFromMimeData(flattened)
        self.textEdited.emit(self.toPlainText())

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasText()

    # --- as tall as its text -----------------------------------------------------------

    def _line_count(self) -> int:
        layout = self.document().firstBlock().layout()
        return max(1, min(layout.lineCount() if layout is not None else 1, self._most_lines))

    def _fit_height(self, *_: object) -> None:
        lines = self._line_count()
        margins = self.contentsMargins()
        document_margin = int(self.document().documentMargin())
        height = (
            lines * self.fontMetrics().lineSpacing()
            + 2 * document_margin + margins.top() + margins.bottom() + 2
        )  # fmt: skip
        if height != self.height() or self.minimumHeight() != height:
            self.setFixedHeight(height)
        # More lines than shown (a very narrow window): scroll rather than hide text.
        overflow = self.document().firstBlock().layout().lineCount() > self._most_lines
        policy = Qt.ScrollBarPolicy
        self.setVerticalScrollBarPolicy(
            policy.ScrollBarAsNeeded if overflow else policy.ScrollBarAlwaysOff
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.height())


class LineField(QLineEdit):
    """A one-line field whose undo steps are words, like ``PlainTextField``'s.

    Qt's line edit undoes everything typed since the cursor last moved; moving
    the cursor is also the only public way to end such a step, so at a word's
    first character the cursor steps back and forth once before the key is handled.

    ``set_marks`` draws wavy underlines under parts of the text (the Checks
    pane's findings) for as long as the field holds the text they were made for.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._marked_text = ""
        self._marks: list[tuple[int, int, QColor]] = []

    def keyPressEvent(self, event: QKeyEvent) -> None:
        position = self.cursorPosition()
        previous = self.text()[position - 1 : position] if position > 0 else ""
        new_run = starts_typing_run(previous, event.text())
        if position > 0 and new_run and not self.hasSelectedText():
            self.end_typing_run()
        super().keyPressEvent(event)

    def end_typing_run(self) -> None:
        """What is typed or inserted next is an undo step of its own."""
        position = self.cursorPosition()
        self.setCursorPosition(position - 1 if position > 0 else len(self.text()))
        self.setCursorPosition(position)

    # --- wavy underlines ------------------------------------------------------------

    def set_marks(self, text: str, marks: list[tuple[int, int, QColor]]) -> None:
        """Underline ``marks`` (start, end in code points, colour) while the text is ``text``."""
        self._marked_text, self._marks = text, marks
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        text = self.text()
        if not self._marks or text != self._marked_text or self.echoMode() != self.EchoMode.Normal:
            return
        metrics = self.fontMetrics()
        # Qt gives no position → x of a line edit; its cursor rectangle is 5 pixels left of
        # the cursor's x, so the text's origin (scrolled) follows from where the cursor is.
        before_cursor = _code_points(text, self.cursorPosition())
        origin = self.cursorRect().left() + 5 - metrics.horizontalAdvance(text[:before_cursor])
        baseline = self.cursorRect().top() + metrics.ascent() + 2
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setClipRect(self.contentsRect())
        for start, end, colour in self._marks:
            left = origin + metrics.horizontalAdvance(text[:start])
            right = origin + metrics.horizontalAdvance(text[:end])
            painter.setPen(QPen(colour, 1.4))
            painter.drawPath(_wave(left, right, baseline))
        painter.end()


def _code_points(text: str, utf16: int) -> int:
    """How many characters of ``text`` the first ``utf16`` UTF-16 units hold."""
    return len(text.encode("utf-16-le")[: 2 * utf16].decode("utf-16-le", errors="ignore"))


def _wave(left: float, right: float, y: float) -> QPainterPath:
    """A wavy line from ``left`` to ``right`` (as Qt draws a wave underline)."""
    path = QPainterPath(QPointF(left, y))
    x, up = left, True
    while x < right:
        step = min(2.0, right - x)
        path.lineTo(QPointF(x + step, y - 1.5 if up else y))
        x, up = x + step, not up
    return path


def set_text_direction(field: QWidget, *, rtl: bool) -> None:
    """Lay ``field`` out in the text's direction: right to left, it aligns right and its
    cursor keys move the way the text reads (Qt moves by the paragraph's direction).

    A text edit's paragraphs take their direction from its document (set here), not
    from the widget's; a line edit and a label align by their text's first letter, and
    a plain-text edit's layout by nothing but its option, so each is also aligned here
    (an empty one too: its cursor and placeholder at the right).
    """
    direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    side |= Qt.AlignmentFlag.AlignAbsolute
    if field.layoutDirection() != direction:
        field.setLayoutDirection(direction)
    if isinstance(field, QLineEdit | QLabel):
        field.setAlignment(side | (field.alignment() & Qt.AlignmentFlag.AlignVertical_Mask))
    elif isinstance(field, QTextEdit | QPlainTextEdit):
        document = field.document()
        option = document.defaultTextOption()
        if option.textDirection() != direction or option.alignment() != side:
            option.setTextDirection(direction)
            option.setAlignment(side)
            document.setDefaultTextOption(option)


def one_line(text: str) -> str:
    """``text`` with its line breaks and tabs as single spaces (a headline is one line)."""
    for character in f"{LINE_BREAKS}\t":
        text = text.replace(character, " ")
    return text
