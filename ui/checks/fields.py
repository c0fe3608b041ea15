"""A finding's field in the editor: going to it, underlining it, fixing it.

``ArticleFields`` knows where each field path of the core (``headline``,
``body``, ``photo.caption``, ``quotes[2].text``, ``related[1].url``) is on
screen. ``show(findings, checked)`` marks the findings of the last check:

- The text fields (headline, subtitle, lead, body) get a wavy underline at
  each span, as *extra selections*: a ``QTextCursor`` per span that Qt moves
  with every edit, so an underline stays on its words while the next check
  runs, and never lands at a stale place. The body's Markdown highlighter is
  left alone (no re-highlighting of a long body when findings change).
- The one-line fields (caption, credit, alt text, the dateline's city and
  agency, the byline) are ``QLineEdit``s, which have no extra selections;
  their findings are marked while the field's text is what was checked
  (``ui/text_fields.LineField.set_marks``).

Spans are code points in the core; Qt counts UTF-16 (``spans.py``).
Right-clicking inside a span offers the finding's actions (``actions.py``)
above the field's own menu; hovering shows the message. A quick fix is one
edit of the field, one undo step (``QTextCursor`` edit block, or the line
edit's own insert); in a quote or a related headline it is an undo command
on the window's stack, as every change there is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QHelpEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QToolTip,
    QWidget,
)

from newsroom.article import Article
from newsroom.checks import Finding, Severity, apply_fix, field_text
from ui.checks.actions import FindingActions
from ui.checks.look import severity_colour, wash
from ui.checks.spans import Utf16Positions, shown_span
from ui.text_fields import LineField

if TYPE_CHECKING:
    from ui.editor import ArticleEditor
    from ui.related.pane import RelatedPane

TextWidget = QTextEdit | QPlainTextEdit
_INDEXED = re.compile(r"^(quotes|related)\[(\d+)\](?:\.(\w+))?$")
_QUOTE_COLUMNS = {"text": 0, "speaker": 1, "role": 2}


@dataclass
class Mark:
    """A finding as shown in its field. ``span`` and ``shown`` (document fields only)
    follow the text as it is edited: the span itself, and what is underlined."""

    finding: Finding
    checked: str  # the field's text when it was checked
    span: QTextCursor | None = None
    shown: QTextCursor | None = None

    @property
    def words(self) -> str:
        return self.checked[self.finding.start : self.finding.end]


class ArticleFields(QObject):
    """The editor's fields as the checks see them."""

    fixRefused = Signal(object)  # a Finding whose text changed since it was checked

    def __init__(
        self,
        editor: ArticleEditor,
        related: RelatedPane,
        tabs: QTabWidget,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self.related = related
        self.tabs = tabs
        self.actions = FindingActions(self.apply_fix, self.can_fix, self.writable)
        self._marks: list[Mark] = []
        self._watched: dict[QObject, QWidget] = {}
        for widget in (*self.text_widgets().values(), *self.line_widgets().values()):
            watched = widget.viewport() if isinstance(widget, TextWidget) else widget
            watched.installEventFilter(self)
            self._watched[watched] = widget

    # --- where each field is --------------------------------------------------------

    def text_widgets(self) -> dict[str, TextWidget]:
        editor = self.editor
        return {"headline": editor.headline, "subtitle": editor.subtitle,
                "lead": editor.lead, "body": editor.body}  # fmt: skip

    def line_widgets(self) -> dict[str, QLineEdit]:
        editor, photo = self.editor, self.editor.photo
        return {
            "photo.caption": photo.caption, "photo.credit": photo.credit, "photo.alt": photo.alt,
            "dateline.city": editor.city, "dateline.agency": editor.agency,
            "byline": editor.byline,
        }  # fmt: skip

    def widget_for(self, path: str) -> QWidget | None:
        """The widget that shows field ``path`` (the list or table for an indexed one)."""
        found = self.text_widgets().get(path) or self.line_widgets().get(path)
        if found is not None:
            return found
        editor = self.editor
        others: dict[str, QWidget] = {
            "dateline": editor.city, "dateline.date": editor.date, "section": editor.section,
            "tags": editor.tags, "published_at": editor.publication.publish_at,
            "photo": editor.photo.caption, "quotes": editor.quotes.view,
            "related": self.related.view,
        }  # fmt: skip
        head = path.split("[", 1)[0]
        return others.get(path) or others.get(head)

    # --- marking ------------------------------------------------------------------------

    def show(self, findings: list[Finding], checked: Article) -> None:
        """Mark these findings of ``checked`` (the text as it was checked) in the fields."""
        self._marks = [Mark(f, field_text(checked, f.field) or "") for f in findings]
        for path, widget in self.text_widgets().items():
            self._mark_document(widget, [m for m in self._marks if m.finding.field == path])
        for path, line in self.line_widgets().items():
            marks = [m for m in self._marks if m.finding.field == path]
            if isinstance(line, LineField):
                self._mark_line(line, marks)

    def clear(self) -> None:
        self.show([], Article(headline=""))

    def marks(self, path: str | None = None) -> list[Mark]:
        return [m for m in self._marks if path is None or m.finding.field == path]

    def _mark_document(self, widget: TextWidget, marks: list[Mark]) -> None:
        text = widget.toPlainText()
        selections: list[QTextEdit.ExtraSelection] = []
        if marks and marks[0].checked == text:  # else edited since: drawn after the next check
            document, positions = widget.document(), Utf16Positions(text)
            for mark in marks:
                start, end = mark.finding.start, mark.finding.end
                mark.span = _cursor(document, positions(start), positions(end))
                shown_start, shown_end = shown_span(start, end, len(text))
                if shown_end > shown_start:
                    mark.shown = _cursor(document, positions(shown_start), positions(shown_end))
            # Errors drawn last, so they are on top where spans overlap.
            for mark in sorted(marks, key=lambda m: -m.finding.severity.rank):
                if mark.shown is not None:
                    selection = QTextEdit.ExtraSelection()
                    selection.cursor = mark.shown
                    selection.format = self._underline(widget, mark.finding.severity)
                    selections.append(selection)
        widget.setExtraSelections(selections)

    def _mark_line(self, line: LineField, marks: list[Mark]) -> None:
        text = line.text()
        spans = []
        if marks and marks[0].checked == text:
            positions = Utf16Positions(text)
            for mark in sorted(marks, key=lambda m: -m.finding.severity.rank):
                start, end = shown_span(mark.finding.start, mark.finding.end, len(text))
                if end > start:
                    colour = severity_colour(mark.finding.severity, line.palette())
                    spans.append((positions(start), positions(end), colour))
        line.set_marks(text, spans)

    @staticmethod
    def _underline(widget: QWidget, severity: Severity) -> QTextCharFormat:
        """A wavy underline in the severity's colour; errors and warnings also get a faint
        wash of it (Qt's wave is one pixel thin: alone it is easy to miss on a slip)."""
        colour = severity_colour(severity, widget.palette())
        underline = QTextCharFormat()
        underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        underline.setUnderlineColor(colour)
        if severity is not Severity.INFO:
            underline.setBackground(wash(colour))
        return underline

    # --- going to a finding ----------------------------------------------------------------

    def go_to(self, finding: Finding) -> None:
        """Show the finding's field with its span selected (its row, for a list's entry)."""
        path = finding.field
        indexed = _INDEXED.match(path)
        if indexed is not None:
            self._go_to_entry(indexed.group(1), int(indexed.group(2)), indexed.group(3) or "")
            return
        widget = self.widget_for(path)
        if widget is None:
            return
        self.editor.scroll_area.ensureWidgetVisible(widget)
        widget.setFocus()
        span = self._live_span(finding)
        if span is None:
            return
        start, end = span
        if isinstance(widget, TextWidget):
            cursor = widget.textCursor()
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            widget.setTextCursor(cursor)
            widget.ensureCursorVisible()
            self._scroll_editor_to_cursor(widget)
        elif isinstance(widget, QLineEdit):
            widget.setSelection(start, end - start)

    def _go_to_entry(self, group: str, index: int, part: str) -> None:
        if group == "related":
            self.tabs.setCurrentWidget(self.related)
            view = self.related.view
            view.setCurrentIndex(self.related.model.index(index))
            view.setFocus()
            return
        row = self._quote_row(index)
        if row < 0:
            return
        quotes = self.editor.quotes
        quotes.view.setCurrentIndex(quotes.model.index(row, _QUOTE_COLUMNS.get(part, 0)))
        self.editor.scroll_area.ensureWidgetVisible(quotes.view)
        quotes.view.setFocus()

    def _quote_row(self, index: int) -> int:
        """The quotes table's row of the article's quote ``index`` (the article leaves out
        the rows with no text yet, ``ArticleEditor.article``)."""
        rows = [r for r, q in enumerate(self.editor.quotes.model.quotes()) if q.text.strip()]
        return rows[index] if 0 <= index < len(rows) else -1

    def _scroll_editor_to_cursor(self, widget: TextWidget) -> None:
        place = widget.cursorRect().center()
        inside = widget.viewport().mapTo(self.editor.content, place)
        self.editor.scroll_area.ensureVisible(inside.x(), inside.y(), 40, 60)

    def _live_span(self, finding: Finding) -> tuple[int, int] | None:
        """The finding's span in Qt positions as the field stands now, or None when its
        text changed since the check (and no live cursor follows it)."""
        mark = self._mark_of(finding)
        if mark is not None and mark.span is not None:
            return mark.span.selectionStart(), mark.span.selectionEnd()
        widget = self.widget_for(finding.field)
        checked = mark.checked if mark is not None else None
        if isinstance(widget, QLineEdit) and checked == widget.text():
            positions = Utf16Positions(checked)
            return positions(finding.start), positions(finding.end)
        return None

    def _mark_of(self, finding: Finding) -> Mark | None:
        return next((m for m in self._marks if m.finding is finding), None) or next(
            (m for m in self._marks if m.finding == finding), None
        )

    # --- quick fixes -------------------------------------------------------------------------

    def writable(self) -> bool:
        """The article can be changed (the newsroom is not read-only)."""
        return not self.editor.body.isReadOnly()

    def can_fix(self, finding: Finding) -> bool:
        """The finding has a quick fix and the article can be changed."""
        return finding.fix is not None and self.writable()

    def apply_fix(self, finding: Finding) -> bool:
        """Replace the finding's span by its fix, as one undo step. False (and
        ``fixRefused``) when the words are no longer what was checked."""
        mark = self._mark_of(finding)
        if not self.can_fix(finding) or mark is None:
            return False
        widget = self.widget_for(finding.field)
        if isinstance(widget, TextWidget) and finding.field in self.text_widgets():
            done = self._fix_document(widget, mark)
        elif isinstance(widget, QLineEdit) and finding.field in self.line_widgets():
            done = self._fix_line(widget, mark)
        elif finding.field == "section" and (line := self.editor.section.lineEdit()) is not None:
            done = self._fix_line(line, mark)
        else:
            done = self._fix_entry(mark)
        if not done:
            self.fixRefused.emit(finding)
        return done

    def _fix_document(self, widget: TextWidget, mark: Mark) -> bool:
        if mark.span is None or widget.isReadOnly():
            return False
        cursor = QTextCursor(mark.span)
        if cursor.selectedText().replace("\u2029", "\n") != mark.words:
            return False
        cursor.beginEditBlock()
        cursor.insertText(mark.finding.fix or "")
        cursor.endEditBlock()
        end_run = getattr(widget, "end_typing_run", None)
        if callable(end_run):
            end_run()  # what is typed next does not undo with the fix
        widget.setTextCursor(cursor)
        widget.setFocus()
        return True

    def _fix_line(self, line: QLineEdit, mark: Mark) -> bool:
        if line.text() != mark.checked or line.isReadOnly() or not line.isEnabled():
            return False
        positions = Utf16Positions(mark.checked)
        start, end = positions(mark.finding.start), positions(mark.finding.end)
        if isinstance(line, LineField):
            line.end_typing_run()  # the fix is an undo step of its own, not the typing's
        line.setSelection(start, end - start)
        line.insert(mark.finding.fix or "")
        line.setFocus()
        return True

    def _fix_entry(self, mark: Mark) -> bool:
        """A quote's or a related headline's text: the fixed entry, as an undo command."""
        indexed = _INDEXED.match(mark.finding.field)
        if indexed is None:
            return False
        current = self.editor.article().with_changes(related=self.related.related())
        if field_text(current, mark.finding.field) != mark.checked:
            return False
        fixed = apply_fix(current, mark.finding)
        index = int(indexed.group(2))
        if indexed.group(1) == "related":
            return self.related.model.replace_entry(index, fixed.related[index])
        row = self._quote_row(index)
        if row < 0:
            return False
        self.editor.quotes.model.replace(row, fixed.quotes[index])
        return True

    # --- the fields' own menus and tooltips ------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ContextMenu, QEvent.Type.ToolTip):
            return False
        widget = self._watched.get(watched)
        if widget is None:
            return False
        if kind == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            return self._context_menu(widget, event)
        if isinstance(event, QHelpEvent):
            return self._tooltip(widget, event)
        return False

    def marks_at(self, widget: QWidget, point: QPoint) -> list[Mark]:
        """The findings whose underline is under ``point`` (in the widget's text area)."""
        path = next((p for p, w in self._fields() if w is widget), None)
        if path is None:
            return []
        if isinstance(widget, TextWidget):
            position = widget.cursorForPosition(point).position()
            return [m for m in self.marks(path) if _covers(m.shown, position)]
        if isinstance(widget, QLineEdit) and self.marks(path):
            checked = self.marks(path)[0].checked
            if checked != widget.text():
                return []
            at = widget.cursorPositionAt(point)
            positions = Utf16Positions(checked)
            found = []
            for mark in self.marks(path):
                start, end = shown_span(mark.finding.start, mark.finding.end, len(checked))
                if positions(start) <= at <= positions(end):
                    found.append(mark)
            return found
        return []

    def _fields(self) -> Iterator[tuple[str, QWidget]]:
        yield from self.text_widgets().items()
        yield from self.line_widgets().items()

    def _context_menu(self, widget: QWidget, event: QContextMenuEvent) -> bool:
        marks = self.marks_at(widget, event.pos())
        if not marks:
            return False
        menu = self.context_menu(widget, marks)
        menu.exec(event.globalPos())
        menu.deleteLater()
        return True

    def context_menu(self, widget: QWidget, marks: list[Mark]) -> QMenu:
        """The field's own menu with the findings' actions above it."""
        standard: QMenu | None = None
        if isinstance(widget, QTextEdit | QPlainTextEdit | QLineEdit):
            standard = widget.createStandardContextMenu()
        menu = standard or QMenu(widget)
        first = menu.actions()[0] if menu.actions() else None
        added = False
        for mark in marks:
            for action in self.actions.for_finding(mark.finding, mark.words, menu):
                menu.insertAction(first, action)  # type: ignore[arg-type]
                added = True
        if added and first is not None:
            menu.insertSeparator(first)
        return menu

    def _tooltip(self, widget: QWidget, event: QHelpEvent) -> bool:
        marks = self.marks_at(widget, event.pos())
        if not marks:
            return False
        QToolTip.showText(event.globalPos(), "\n".join(m.finding.message for m in marks), widget)
        return True


def _cursor(document: QTextDocument, start: int, end: int) -> QTextCursor:
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor


def _covers(cursor: QTextCursor | None, position: int) -> bool:
    return cursor is not None and cursor.selectionStart() <= position <= cursor.selectionEnd()
