"""The dialog that asks for an outside story: headline, subtitle and link.

It opens wide enough for a whole headline and link, and takes a line copied
before it opened: a link goes to the link field, plain text to the headline
(``newsroom.suggest.outside_story_prefill``); nothing is fetched.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from newsroom.suggest import external_related_problem, outside_story_prefill
from ui.sizing import LINE_FIELD_CHARACTERS, characters_wide, fit_to_content


class ExternalRelatedDialog(QDialog):
    """Headline, subtitle and link of an outside story, checked like the JSON import."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add an outside story"))
        self.headline = QLineEdit(self)
        self.headline.setAccessibleName(self.tr("Headline of the outside story"))
        self.subtitle = QLineEdit(self)
        self.subtitle.setAccessibleName(self.tr("Subtitle of the outside story"))
        self.url = QLineEdit(self)
        self.url.setAccessibleName(self.tr("Link to the outside story"))
        self.url.setPlaceholderText("https://…")
        self.error = QLabel(self)
        self.error.setAccessibleName(self.tr("Problem"))
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Headline:"), self.headline)
        form.addRow(self.tr("&Subtitle:"), self.subtitle)
        form.addRow(self.tr("&Link:"), self.url)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        for field in (self.headline, self.subtitle, self.url):
            field.textEdited.connect(self.error.hide)
            field.setMinimumWidth(characters_wide(field, LINE_FIELD_CHARACTERS))
        self.prefill(QGuiApplication.clipboard().text())
        fit_to_content(self)

    def prefill(self, copied: str) -> None:
        """Fill the headline or the link from copied text; the cursor goes where typing is next."""
        headline, url = outside_story_prefill(copied)
        self.headline.setText(headline)
        self.url.setText(url)
        (self.url if headline and not url else self.headline).setFocus()

    def values(self) -> tuple[str, str, str]:
        return self.headline.text(), self.subtitle.text(), self.url.text()

    def accept(self) -> None:
        problem = external_related_problem(*self.values())
        if problem is not None:
            self.error.setText(problem)
            self.error.show()
            field = {"headline": self.headline, "subtitle": self.subtitle, "url": self.url}.get(
                problem.split(":", 1)[0]
            )
            if field is not None:
                field.setFocus()
            return
        super().accept()
