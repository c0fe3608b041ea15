"""A server newsroom's password, kept in the system keyring when the editor asks, never elsewhere.

The keyring (Secret Service on Linux, the macOS Keychain, the Windows
Credential Locker) holds one password per server newsroom, under the
newsroom's location without its password (``postgresql://anna@desk/news``).
Where no keyring is available the app says so and simply asks again next
time; nothing is written in clear text, not in QSettings, not in the newsroom.
"""

from __future__ import annotations

import contextlib

import keyring
from keyring.errors import KeyringError
from sqlalchemy.engine import URL

from newsroom.errors import StorageError
from newsroom.storage.engine import describe, resolve_url

SERVICE = "Newsroom"
# What libpq says when a password was wanted or was wrong: the app then asks for one.
PASSWORD_WANTED = ("password authentication failed", "no password supplied", "fe_sendauth")


class NoKeyringError(Exception):
    """There is no system keyring to keep the password in; the message says so."""


def server_url(location: str) -> URL | None:
    """The URL of a server newsroom; None for a file (or anything that does not parse)."""
    if "://" not in location:
        return None
    try:
        url = resolve_url(location)
    except StorageError:
        return None
    return None if url.get_backend_name() == "sqlite" else url


def key(url: URL) -> str:
    """Where the password is filed: the newsroom's location as messages name it."""
    # URL.set ignores None: the password is taken out by replacing the field.
    return describe(url._replace(password=None))


def key_of(location: str) -> str:
    """A location as it may be shown and kept: a server's without its password."""
    url = server_url(location)
    return location if url is None else key(url)


def remembered(location: str) -> str | None:
    """The password kept for this server newsroom, if the editor asked to remember one."""
    url = server_url(location)
    if url is None or url.password:
        return None
    try:
        return keyring.get_password(SERVICE, key(url))
    except KeyringError:
        return None


def remember(location: str, password: str) -> None:
    """Keep the password in the system keyring; NoKeyringError when there is none."""
    url = server_url(location)
    if url is None:
        return
    try:
        keyring.set_password(SERVICE, key(url), password)
    except KeyringError as error:
        raise NoKeyringError(
            f"the password could not be remembered: this system has no keyring ({error}); "
            "you will be asked for it next time"
        ) from None


def forget(location: str) -> None:
    url = server_url(location)
    if url is None:
        return
    # Nothing kept, or no keyring: either way nothing is left.
    with contextlib.suppress(KeyringError):
        keyring.delete_password(SERVICE, key(url))


def with_password(location: str, password: str) -> str:
    """The location with this password in it, for opening (never for showing or keeping)."""
    url = server_url(location)
    if url is None or not password:
        return location
    return url.set(password=password).render_as_string(hide_password=False)


def wants_password(message: str) -> bool:
    lowered = message.lower()
    return any(phrase in lowered for phrase in PASSWORD_WANTED)
