"""What a finding offers in a menu: the pane's row and the field's own context menu.

One place builds the actions, so a finding offers the same things wherever
it is right-clicked: its quick fix ("Replace with “…”", from the finding's
``fix``, whatever the rule) and what its rule family adds beside it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction

from newsroom.checks import Finding

SHOWN_FIX = 40  # characters of a replacement named in a menu at most


def fix_text(finding: Finding, words: str) -> str:
    """``Replace with “.”``: what the quick fix does, or "" when there is none."""
    if finding.fix is None:
        return ""
    tr = QCoreApplication.translate
    if finding.start == finding.end:
        return tr("checks", "Insert “{0}”").format(_short(finding.fix))
    if not finding.fix:
        return tr("checks", "Delete “{0}”").format(_short(words))
    return tr("checks", "Replace with “{0}”").format(_short(finding.fix))


def _short(text: str) -> str:
    return text if len(text) <= SHOWN_FIX else text[: SHOWN_FIX - 1] + "…"


class FindingActions:
    """Builds a finding's actions; ``apply_fix(finding)`` makes the quick fix in the editor,
    offered while ``can_fix(finding)`` (a read-only newsroom offers none)."""

    def __init__(
        self, apply_fix: Callable[[Finding], object], can_fix: Callable[[Finding], bool]
    ) -> None:
        self._apply_fix = apply_fix
        self._can_fix = can_fix

    def for_finding(self, finding: Finding, words: str, parent: QObject) -> list[QAction]:
        actions: list[QAction] = []
        label = fix_text(finding, words)
        if label and self._can_fix(finding):
            fix = QAction(label, parent)
            fix.setObjectName(f"fix-{finding.rule}")
            fix.triggered.connect(lambda _checked=False: self._apply_fix(finding))
            actions.append(fix)
        actions.extend(self.dictionary_actions(finding, words, parent))
        return actions

    def dictionary_actions(self, finding: Finding, words: str, parent: QObject) -> list[QAction]:
        """Where the newsroom dictionary's "Add “word” to the dictionary" goes, for rule
        ``spelling.unknown`` (added with the spelling rules): the word is added on the
        writer thread, then the open article is checked again. None yet."""
        return []
