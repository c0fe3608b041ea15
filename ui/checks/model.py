"""The open article's findings as a Qt list model, most serious first.

Each row is a ``Finding`` (the core's, untouched) with the words its span
covers in the text that was checked, so the list can show what it is about
(``Body · “those who is” · grammar.agreement``) without the editor's fields.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QGuiApplication

from newsroom.article import Article
from newsroom.checks import RULES, Finding, Severity, field_text
from ui.checks.look import severity_icon

FindingRole = Qt.ItemDataRole.UserRole + 1
PlaceRole = Qt.ItemDataRole.UserRole + 2  # the row's second line: field, words, rule
SeverityRole = Qt.ItemDataRole.UserRole + 3
ModelIndex = QModelIndex | QPersistentModelIndex
EXCERPT = 36  # characters of the span shown at most
_QUOTE_MARKS = "\"'“”‘’«»„‚"

_FIELD_NAMES = {
    "headline": "Headline", "subtitle": "Subtitle", "section": "Section", "byline": "Byline",
    "tags": "Tags", "slug": "Slug", "lead": "Lead", "body": "Body", "mark": "Mark",
    "dateline": "Dateline", "dateline.city": "Dateline city", "dateline.date": "Dateline date",
    "dateline.agency": "Agency", "photo": "Photo", "photo.caption": "Photo caption",
    "photo.credit": "Photo credit", "photo.alt": "Photo alt text", "status": "Status",
    "published_at": "Publication time", "quotes": "Quotes", "related": "Related headlines",
}  # fmt: skip
_INDEXED = re.compile(r"^(quotes|related)\[(\d+)\](?:\.(\w+))?$")
_PARTS = {
    "text": "", "speaker": "speaker", "role": "role", "url": "link",
    "headline": "headline", "subtitle": "subtitle",
}  # fmt: skip


def field_label(path: str) -> str:
    """A field path as the editor reads it: ``quotes[1].speaker`` → ``Quote 2, speaker``."""
    tr = QCoreApplication.translate
    indexed = _INDEXED.match(path)
    if indexed is None:
        return tr("checks", _FIELD_NAMES.get(path, path))
    group, number, part = indexed.group(1), int(indexed.group(2)) + 1, indexed.group(3) or ""
    label = tr("checks", "Quote {0}" if group == "quotes" else "Related headline {0}")
    label = label.format(number)
    detail = _PARTS.get(part, part)
    return f"{label}, {tr('checks', detail)}" if detail else label


@dataclass(frozen=True)
class Shown:
    """A finding as listed: the words it covers in the text checked ("" for none)."""

    finding: Finding
    words: str


def excerpt(article: Article, finding: Finding) -> str:
    text = field_text(article, finding.field)
    if not text or finding.end <= finding.start:
        return ""
    words = " ".join(text[finding.start : finding.end].split())
    return words if len(words) <= EXCERPT else words[: EXCERPT - 1].rstrip() + "…"


def _reads(shown: Shown) -> tuple[str, str, str, str, str | None, str]:
    """What a row shows and offers: equal for the same finding at another place."""
    finding = shown.finding
    return (finding.rule, finding.severity.value, finding.field, finding.message, finding.fix,
            shown.words)  # fmt: skip


class FindingsModel(QAbstractListModel):
    """The findings of the last check, in the core's order (errors first)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Shown] = []

    def set_findings(self, findings: Sequence[Finding], checked: Article) -> bool:
        """Show these findings; False when the list reads as before (only places moved:
        typing elsewhere in the field), which changes the rows without a word to the view,
        so a long list is not laid out again at every pause in typing."""
        rows = [Shown(finding, excerpt(checked, finding)) for finding in findings]
        if [_reads(row) for row in rows] == [_reads(row) for row in self._rows]:
            self._rows = rows
            return False
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()
        return True

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self.endResetModel()

    def findings(self) -> list[Finding]:
        return [row.finding for row in self._rows]

    def finding(self, index: ModelIndex) -> Finding | None:
        row = index.row() if index.isValid() else -1
        return self._rows[row].finding if 0 <= row < len(self._rows) else None

    def count(self, severity: Severity | None = None) -> int:
        return sum(1 for row in self._rows if severity in (None, row.finding.severity))

    # --- Qt's side ---------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        shown = self._rows[index.row()]
        finding = shown.finding
        if role == Qt.ItemDataRole.DisplayRole:
            return finding.message
        if role == Qt.ItemDataRole.DecorationRole:
            return severity_icon(finding.severity, QGuiApplication.palette())
        if role == PlaceRole:
            return self._place(shown)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(finding)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self._severity_name(finding.severity)}: {finding.message}"
        if role == FindingRole:
            return finding
        if role == SeverityRole:
            return finding.severity.value
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # --- behind the scenes ----------------------------------------------------------

    @staticmethod
    def _place(shown: Shown) -> str:
        parts = [field_label(shown.finding.field)]
        if shown.words:
            quoted = shown.words[0] in _QUOTE_MARKS  # a quotation shows its own marks
            parts.append(shown.words if quoted else f"“{shown.words}”")
        parts.append(shown.finding.rule)
        return " · ".join(parts)

    def _tooltip(self, finding: Finding) -> str:
        rule = RULES.get(finding.rule)
        summary = rule.summary if rule is not None else ""
        head = f"{self._severity_name(finding.severity)} [{finding.rule}]: {summary}"
        return f"{head}\n{finding.message}" if summary else finding.message

    def _severity_name(self, severity: Severity) -> str:
        names = {
            Severity.ERROR: self.tr("Error"),
            Severity.WARNING: self.tr("Warning"),
            Severity.INFO: self.tr("Note"),
        }
        return names[severity]
