"""File ▸ Connect to server…: a newsroom on a PostgreSQL server, by URL, with its password.

The URL is what libpq understands (``postgresql://anna@desk-server/newsroom``,
with ``?sslmode=require`` or ``?service=desk``); the password is typed apart
from it, so it never shows in the window's title, the recent list or a
message, and is kept only where the editor asks: the system keyring.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui import credentials
from ui.sizing import characters_wide

EXAMPLE = "postgresql://anna@desk-server/newsroom"


class ConnectDialog(QDialog):
    def __init__(self, parent: QWidget | None, location: str = "", note: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to a newsroom server"))
        self.note = QLabel(note or self.tr("A newsroom shared by the desk, on PostgreSQL."))
        self.note.setWordWrap(True)
        self.url = QLineEdit(location, self)
        self.url.setPlaceholderText(EXAMPLE)
        self.url.setAccessibleName(self.tr("Server URL"))
        self.url.setMinimumWidth(characters_wide(self.url, 48))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.password.setPlaceholderText(self.tr("none: a password file or the server trusts you"))
        self.remember = QCheckBox(self.tr("Remember the password in the system keyring"), self)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Server &URL:"), self.url)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow("", self.remember)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.connect_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.connect_button.setText(self.tr("Connect"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.url.textChanged.connect(self._check)
        self._check()
        (self.password if location else self.url).setFocus()

    def _check(self) -> None:
        typed = self.url.text().strip()
        fine = credentials.server_url(typed) is not None
        self.connect_button.setEnabled(fine)
        if typed and not fine:
            self.problem.setText(
                self.tr("Give a postgresql:// URL, for example {0}").format(EXAMPLE)
            )
        else:
            self.problem.setText("")

    def location(self) -> str:
        """Where to connect, password included when one was typed (for opening only)."""
        return credentials.with_password(self.url.text().strip(), self.password.text())

    def remembered_message(self) -> str:
        """Keep the password if asked; returns a problem to tell, or ''."""
        if not (self.remember.isChecked() and self.password.text()):
            return ""
        try:
            credentials.remember(self.url.text().strip(), self.password.text())
        except credentials.NoKeyringError as error:
            return str(error)
        return ""
