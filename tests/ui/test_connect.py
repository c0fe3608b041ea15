"""File ▸ Connect to server…: a newsroom on PostgreSQL by URL, its password typed apart, kept
only in the system keyring when asked, asked for again when the server wants one.

The keyring here is an in-memory one put in keyring's own backend slot (the
system's Secret Service is not there on a test machine); the server, its
roles and its password checks are real.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import URL

from newsroom.article import Article
from newsroom.store import Newsroom
from tests.storage.test_connecting import PASSWORD, carol  # noqa: F401  (the fixture)
from tests.ui.app_windows import close_app_windows
from ui import credentials
from ui.connect_dialog import ConnectDialog


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.kept.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    kept = MemoryKeyring()
    keyring.set_keyring(kept)
    yield kept
    keyring.set_keyring(before)


def test_the_dialog_takes_a_url_and_a_password_apart(
    qtbot: QtBot, memory_keyring: MemoryKeyring
) -> None:
    dialog = ConnectDialog(None)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.url, "desk-server/newsroom")
    assert not dialog.connect_button.isEnabled()
    assert "postgresql://" in dialog.problem.text()
    dialog.url.setText("postgresql://anna@desk-server/newsroom?sslmode=require")
    assert dialog.connect_button.isEnabled() and dialog.problem.text() == ""
    qtbot.keyClicks(dialog.password, "s3cret:@/x")
    assert dialog.password.echoMode() is dialog.password.EchoMode.Password
    # The location opens with the password in it, quoted.
    assert "anna:s3cret%3A%40%2Fx@desk-server" in dialog.location()
    dialog.remember.setChecked(True)
    assert dialog.remembered_message() == ""
    key = "postgresql://anna@desk-server/newsroom?sslmode=require"
    assert memory_keyring.kept == {("Newsroom", key): "s3cret:@/x"}
    assert credentials.remembered(key) == "s3cret:@/x"
    assert credentials.key_of(dialog.location()) == key  # what the recent list keeps


def test_no_keyring_is_said_and_nothing_is_kept(qtbot: QtBot) -> None:
    from keyring.backends.fail import Keyring as NoKeyring

    before = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    try:
        dialog = ConnectDialog(None, "postgresql://anna@desk/news")
        qtbot.addWidget(dialog)
        dialog.password.setText("secret")
        dialog.remember.setChecked(True)
        assert "no keyring" in dialog.remembered_message()
        assert credentials.remembered("postgresql://anna@desk/news") is None
    finally:
        keyring.set_keyring(before)


def test_a_remembered_password_opens_the_newsroom_and_a_wrong_one_asks_again(
    qtbot: QtBot,
    carol: URL,  # noqa: F811
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtCore import QSettings

    from ui import app
    from ui.mainwindow import MainWindow

    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    monkeypatch.setattr(MainWindow, "run_first_start", lambda _window, _dialog: False)
    location = carol.render_as_string()  # no password in it
    with Newsroom.open(credentials.with_password(location, PASSWORD), create=True) as made:
        made.create(Article(headline="Walruses came ashore"))
    credentials.remember(location, "an-old-password")
    asked: list[tuple[str, str]] = []

    def typed_again(_window: MainWindow, where: str = "", note: str = "") -> str:
        asked.append((where, note))
        return credentials.with_password(where, PASSWORD)

    monkeypatch.setattr(MainWindow, "ask_server", typed_again)
    app.open_window(location)
    qtbot.waitUntil(lambda: any(w.session is not None for w in app._windows), timeout=30_000)
    try:
        ((where, note),) = asked
        assert where == credentials.key_of(location) and where.startswith("postgresql://carol@")
        assert "password authentication failed" in note and PASSWORD not in note
        window = next(w for w in app._windows if w.session is not None)
        assert window.newsroom.articles()[0].headline == "Walruses came ashore"
        assert PASSWORD not in window.windowTitle() and PASSWORD not in window.newsroom.location
        # Kept as it can be opened again: no password, not even a mask taken for one.
        assert window.recent_newsrooms()[0] == credentials.key_of(location)
        assert "***" not in window.recent_newsrooms()[0]
        assert memory_keyring.kept == {}  # the wrong one was forgotten, nothing new asked to keep
    finally:
        close_app_windows()
