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

SPELLING = "spelling.unknown"

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
        self,
        apply_fix: Callable[[Finding], object],
        can_fix: Callable[[Finding], bool],
        writable: Callable[[], bool],
    ) -> None:
        self._apply_fix = apply_fix
        self._can_fix = can_fix
        self._writable = writable
        # Adds a word to the newsroom's dictionary (set by the pane, which has the session).
        self.add_word: Callable[[str], object] | None = None

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
        """ "Add “word” to the dictionary" for an unknown word (rule ``spelling.unknown``):
        every article of the newsroom then accepts it."""
        add_word = self.add_word
        if finding.rule != SPELLING or not words.strip() or add_word is None:
            return []
        if not self._writable():
            return []
        tr = QCoreApplication.translate
        action = QAction(tr("checks", "Add “{0}” to the dictionary").format(_short(words)), parent)
        action.setObjectName("add-to-dictionary")
        action.triggered.connect(lambda _checked=False: add_word(words.strip()))
        return [action]
