"""Checks and clean-ups of the text people type, shared by articles and settings."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

import ada_url

# C0 controls other than tab, line feed and carriage return cannot be stored
# in XML (NITF, NewsML-G2) nor in PostgreSQL text; U+FFFE/U+FFFF are
# non-characters XML also refuses. Unpaired surrogates cannot be encoded.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029\x85]+\s*")
_LINE_BREAK = re.compile("[\r\n\u2028\u2029\x85]")
# The forbidden characters as they look in UTF-8 (surrogates cannot be encoded at all):
# checked this way, at C speed, a body takes half the time _FORBIDDEN's scan does, and an
# import checks every article's body twice (as it reads it, and as it saves it). From
# this length on: for a headline the regular expression alone is quicker.
_BYTES_CHECK_FROM = 512
_FORBIDDEN_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
_ALLOWED_BYTES = bytes(byte for byte in range(256) if byte not in _FORBIDDEN_BYTES)
_NON_CHARACTERS_UTF8 = ("\ufffe".encode(), "\uffff".encode())


def forbidden_character(text: str) -> str | None:
    """Describe the first character that may not be stored, or None when all are fine."""
    if len(text) >= _BYTES_CHECK_FROM and _surely_storable(text):
        return None
    found = _FORBIDDEN.search(text)
    if found is None:
        return None
    char = found.group()
    kind = "an unpaired surrogate" if "\ud800" <= char <= "\udfff" else "a control character"
    return f"contains {kind} (U+{ord(char):04X}) at position {found.start()}; remove it"


def _surely_storable(text: str) -> bool:
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError:
        return False  # an unpaired surrogate
    return not encoded.translate(None, _ALLOWED_BYTES) and not any(
        character in encoded for character in _NON_CHARACTERS_UTF8
    )


def without_forbidden(text: str) -> str:
    """``text`` with every character that may not be stored replaced by a space."""
    return _FORBIDDEN.sub(" ", text)


def one_line(text: str) -> str:
    """A single-line field as stored: trimmed, line breaks turned into spaces."""
    if _LINE_BREAK.search(text) is None:
        return text.strip()  # the common case, without _LINE_BREAKS' slow scan
    return _LINE_BREAKS.sub(" ", text).strip()


@dataclass(frozen=True)
class WebLink:
    """An http(s) link as a browser reads it (the WHATWG URL Standard, via ada)."""

    href: str  # as written (accepted links have nothing browsers would read otherwise)
    host: str  # ASCII (international names in punycode), IPv6 in brackets
    port: str


def web_link(url: str) -> WebLink:
    """``url`` read as an http(s) link, or ValueError saying in one line why it is not one.

    The one check of every link people type (related headlines, the base
    URL, pasted links). A link is taken only when Python's ``urlsplit`` and a
    browser's parser cannot disagree on where it goes: no user name or
    password (``https://www.google.com@evil.example/`` goes to evil.example),
    no backslashes (a browser reads ``https://x\\@evil.example/`` as host
    ``x``, Python as ``evil.example``), no spaces or control characters
    (browsers silently drop tabs and line breaks: ``jav\tascript:``), written
    ``scheme://host`` in full, and a host that is not percent-encoded.
    """
    if not url:
        raise ValueError("give a link (https://…)")
    if any(char.isspace() or unicodedata.category(char) == "Cc" for char in url):
        raise ValueError("a link cannot contain spaces or control characters")
    if "\\" in url:
        raise ValueError("a link cannot contain a backslash (browsers read it as '/')")
    scheme, colon, rest = url.partition(":")
    if not colon or scheme.lower() not in ("http", "https"):
        raise ValueError("only http and https links are allowed")
    if not rest.startswith("//") or rest.startswith("///"):
        raise ValueError(f"{url!r}: write the link as https://host/… (two slashes, then the host)")
    authority = _AUTHORITY_END.split(rest[2:], maxsplit=1)[0]
    if not authority:
        raise ValueError(f"{url!r} has no host name (write it as https://example.com/…)")
    if "@" in authority:
        raise ValueError(
            "a link cannot carry a user name or password (the part before '@'): "
            "it hides where the link goes"
        )
    if "%" in authority:
        raise ValueError(f"{url!r}: the host name cannot be percent-encoded")
    try:
        parsed = ada_url.parse_url(url, attributes=("hostname", "port", "protocol"))
    except ValueError:
        raise ValueError(f"{url!r} is not a valid link") from None
    if not parsed["hostname"]:
        raise ValueError(f"{url!r} has no host name (write it as https://example.com/…)")
    if parsed["port"] == "0":
        raise ValueError(f"{url!r}: port 0 is not a port a site answers on")
    try:
        urlsplit(url).port  # noqa: B018 - Python must read the same link (it checks the port)
    except ValueError:
        raise ValueError(f"{url!r} is not a valid link") from None
    return WebLink(url, str(parsed["hostname"]), str(parsed["port"]))


# Where the host (and port) end: WHATWG ends it at / ? # (and \ for http, refused above).
_AUTHORITY_END = re.compile(r"[/?#]")


def http_url_problem(url: str) -> str | None:
    """Why ``url`` is not a usable http(s) link, or None when it is (see ``web_link``)."""
    try:
        web_link(url)
    except ValueError as error:
        return str(error)
    return None


def link_domain(url: str) -> str:
    """The site a link goes to, as readers name it: ``https://www.tass.com/world/1`` → ``tass.com``.

    Lower case, without ``www.`` or a trailing dot, international names in
    their own letters (``xn--e1afmkfd.com`` → ``пример.com``); "" when the
    link has no host. Read as a browser reads it, so the name shown is where
    the link goes, even for a link stored before ``web_link`` checked it.
    """
    try:
        host = str(ada_url.parse_url(url.strip(), attributes=("hostname",))["hostname"])
    except ValueError:
        return ""
    host = host.strip("[]").rstrip(".").removeprefix("www.")
    try:
        return str(ada_url.idna_to_unicode(host))
    except (ValueError, UnicodeError):
        return host
