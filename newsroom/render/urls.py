"""Where an article lives on the newsroom's site, and its address as printed on paper.

One builder for every export: the site writes an article's page at
``article_path(slug)``; canonical links, Atom, the sitemap, single pages,
PDFs and the interchange formats all point there through ``article_url``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from newsroom.settings import Settings
from newsroom.text import http_url_problem


def article_path(slug: str) -> str:
    """The article's page, relative to the site's root (where the site export writes it)."""
    return f"{slug}.html"


def public_url(settings: Settings, relative: str) -> str:
    """The public address of a file of the site; "" when the newsroom has no base URL."""
    return f"{settings.base_url}{relative}" if settings.base_url else ""


def article_url(settings: Settings, slug: str) -> str:
    """The article's public address; "" when the newsroom has no base URL."""
    return public_url(settings, article_path(slug))


def is_absolute(url: str) -> bool:
    """Whether ``url`` is a web address a partner can open wherever the file travels."""
    return url.startswith(("http://", "https://"))


def short_url(url: str) -> str:
    """``https://www.tass.com/politics/1234/`` → ``tass.com/politics/1234``, for print.

    Only links ``text.web_link`` takes have one; anything else gives "" (a
    link stored before that check, whose host a browser reads otherwise).
    """
    if http_url_problem(url):
        return ""
    parts = urlsplit(url)  # http(s), a host, no user name: web_link took it
    host = parts.netloc
    if host.lower().startswith("www."):
        host = host[4:]
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"
