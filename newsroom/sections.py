"""Managed sections: the newsroom's list of sections, in masthead order.

Without a list, sections are free text on each article (folded at save:
``slug.section_key``). Once the newsroom keeps a list (``Newsroom.add_section``
or ``add_sections_from_articles``), its names are the spellings a save uses,
its slugs are where the site puts each section's page, and the check rule
``section.unknown`` flags an article whose section is not on it. A renamed
section keeps its earlier page slugs (``aliases``): the site answers there
with a page that sends readers on to the new one.

This module holds the values and the rules for names; the storage is
``storage/sections.py``.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from newsroom.errors import ConflictError
from newsroom.slug import section_key

NAME_MAX = 200  # the column's width
CLOSE_ENOUGH = 0.75  # difflib's ratio from which a name counts as a likely typo of another


@dataclass(frozen=True)
class Section:
    """A section on the newsroom's list: its name, its page's slug, its place in the masthead."""

    name: str
    slug: str
    position: int  # 1 is the first
    aliases: tuple[str, ...] = ()  # earlier page slugs, which still answer

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name, "slug": self.slug, "position": self.position,
            "aliases": list(self.aliases),
        }  # fmt: skip


@dataclass(frozen=True)
class SectionChange:
    """What renaming or removing a section did: the section before and now, the articles moved."""

    previous: Section
    section: Section | None  # None: removed
    articles: int


@dataclass(frozen=True)
class SectionsAdded:
    """What ``add_sections_from_articles`` did: sections added, and names left off the list.

    ``folded``: (name, listed) for a section in use that differs from one on
    the list only in case, accents or spacing; its articles take the listed
    spelling when next saved, and the check rule suggests it meanwhile.
    """

    added: list[Section]
    folded: list[tuple[str, str]]


class SectionInUseError(ConflictError):
    """A section that cannot be removed: articles use it. ``str()`` says how to move them."""

    def __init__(self, name: str, count: int, deleted: int) -> None:
        self.name = name
        self.count = count
        self.deleted = deleted
        use = "1 article uses" if count == 1 else f"{count} articles use"
        trashed = f" ({deleted} of them deleted)" if deleted and count > 1 else ""
        trashed = " (deleted)" if deleted and count == 1 else trashed
        them = "it" if count == 1 else "them"
        super().__init__(
            f"section {name!r}: {use} it{trashed}; move {them} to another section with --to OTHER"
        )


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a section's name, or None when it can (give it trimmed)."""
    if not name:
        return "a section needs a name"
    if any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in name):
        return "a section's name is one line, without tabs or control characters"
    if any("\ud800" <= char <= "\udfff" for char in name):
        return "a section's name cannot contain an unpaired surrogate"
    if len(name) > NAME_MAX:
        return f"a section's name has at most {NAME_MAX} characters (this has {len(name)})"
    return None


def same_as(name: str, names: Sequence[str]) -> str | None:
    """The name in ``names`` that is ``name`` but for case, accents or spacing (None: none is)."""
    key = section_key(name)
    for other in names:
        if section_key(other) == key:
            return other
    return None


def closest(name: str, names: Sequence[str]) -> str | None:
    """The name in ``names`` that ``name`` most likely means: the same but for case, accents
    or spacing, else the nearest close spelling (``Sprot`` → ``Sport``); None when none is near.
    """
    same = same_as(name, names)
    if same is not None:
        return same
    keys = {section_key(other): other for other in names}
    found = difflib.get_close_matches(section_key(name), list(keys), n=1, cutoff=CLOSE_ENOUGH)
    return keys[found[0]] if found else None
