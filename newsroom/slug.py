"""Slugs: the URL-safe name of an article, made once from its headline.

Slugs are lowercase ASCII letters, digits and single hyphens. Headlines in
any script are transliterated (``Россия`` → ``rossiia``), so every story gets
a readable address. A slug is never all digits, so it cannot be mistaken for
an article id on the command line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from anyascii import anyascii

MAX_LENGTH = 80
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
FALLBACK = "article"
# Names the static site gives its own pages.
RESERVED = frozenset({"index"})


def slug_problem(slug: str) -> str | None:
    """Why ``slug`` cannot be used as given, or None when it can."""
    if not _SLUG.match(slug):
        return (
            f"{slug!r} is not a slug: use lowercase letters, digits and single hyphens, "
            "e.g. 'russia-offers-talks'"
        )
    if len(slug) > MAX_LENGTH:
        return f"a slug has at most {MAX_LENGTH} characters (this one has {len(slug)})"
    if slug.isdigit():
        return "a slug needs a letter, so it cannot be mistaken for an article id"
    if slug in RESERVED:
        return f"{slug!r} is reserved for the site's own pages; choose another slug"
    return None


@lru_cache(maxsize=4096)
def slugify(text: str) -> str:
    """A slug for ``text``, cut at a word boundary; ``article`` when nothing is left."""
    ascii_text = anyascii(text).lower().replace("'", "")
    words = [word for word in _NOT_ALNUM.split(ascii_text) if word]
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_LENGTH:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:MAX_LENGTH]
    if not slug:
        return FALLBACK
    if slug.isdigit() or slug in RESERVED:
        return f"{FALLBACK}-{slug}"[:MAX_LENGTH]
    return slug


def section_key(name: str) -> str:
    """What makes two section names one section: the letters, case, accents and spacing aside.

    ``Politics`` and ``politics``, ``Économie`` and ``Economie`` are the same
    section; ``C`` and ``C++`` are not (they only share a slug).
    """
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


def section_slugs(names: Sequence[str], *, taken: Iterable[str] = ()) -> dict[str, str]:
    """A slug for each section, unique: ``names`` oldest first, each keeping the slug it had.

    The first name to make a slug has it plainly; a later one making the same
    slug (``C++`` after ``C``) gets the first free ``-2``, ``-3``…, so adding a
    section never moves an older section's page. Slugs in ``taken`` (those of
    the newsroom's section list) are given to none of ``names``.
    """
    given: dict[str, str] = {}
    used = set(taken)
    for name in names:
        if name in given:
            continue
        slug = unique_slug(slugify(name), used.__contains__)
        given[name] = slug
        used.add(slug)
    return given


def unique_slug(base: str, is_taken: Callable[[str], bool]) -> str:
    """``base``, or ``base-2``, ``base-3``… — the first one ``is_taken`` says is free."""
    if not is_taken(base):
        return base
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = base[: MAX_LENGTH - len(suffix)].rstrip("-") + suffix
        if not is_taken(candidate):
            return candidate
        number += 1
