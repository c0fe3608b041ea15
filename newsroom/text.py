"""Checks and clean-ups of the text people type, shared by articles and settings."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# C0 controls other than tab, line feed and carriage return cannot be stored
# in XML (NITF, NewsML-G2) nor in PostgreSQL text; U+FFFE/U+FFFF are
# non-characters XML also refuses. Unpaired surrogates cannot be encoded.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029\x85]+\s*")


def forbidden_character(text: str) -> str | None:
    """Describe the first character that may not be stored, or None when all are fine."""
    found = _FORBIDDEN.search(text)
    if found is None:
        return None
    char = found.group()
    kind = "an unpaired surrogate" if "\ud800" <= char <= "\udfff" else "a control character"
    return f"contains {kind} (U+{ord(char):04X}) at position {found.start()}; remove it"


def without_forbidden(text: str) -> str:
    """``text`` with every character that may not be stored replaced by a space."""
    return _FORBIDDEN.sub(" ", text)


def one_line(text: str) -> str:
    """A single-line field as stored: trimmed, line breaks turned into spaces."""
    return _LINE_BREAKS.sub(" ", text).strip()


def http_url_problem(url: str) -> str | None:
    """Why ``url`` is not a usable http(s) link, or None when it is."""
    if not url:
        return "give a link (https://…)"
    if any(char.isspace() or unicodedata.category(char) == "Cc" for char in url):
        return "a link cannot contain spaces or control characters"
    try:
        parts = urlsplit(url)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        return f"{url!r} is not a valid link"
    if parts.scheme.lower() not in ("http", "https"):
        return "only http and https links are allowed"
    if not parts.hostname or not port_ok:
        return f"{url!r} has no host name (write it as https://example.com/…)"
    return None


def link_domain(url: str) -> str:
    """The site a link goes to, as readers name it: ``https://www.tass.com/world/1`` → ``tass.com``.

    Lower case, without ``www.`` or a trailing dot, international names in
    their own letters (``xn--e1afmkfd.com`` → ``пример.com``); "" when the
    link has no host.
    """
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    host = host.rstrip(".").removeprefix("www.")
    try:
        return host.encode("ascii").decode("idna")
    except UnicodeError:  # not ASCII already, or not valid IDNA: shown as written
        return host
