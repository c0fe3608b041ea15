"""The newsroom's section list in its tables, inside the caller's transaction.

``sections`` holds each listed section (name and slug unique, position from
1 in masthead order); ``section_aliases`` the page slugs a section had
before it was renamed, or of a section removed into it, so those pages
still answer. Articles keep their section as text: renaming or removing a
section moves its articles through the ``Writer``, one revision each.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection

from newsroom.errors import ConflictError, NotFoundError, ValidationError
from newsroom.sections import (
    Section,
    SectionChange,
    SectionInUseError,
    SectionsAdded,
    name_problem,
    same_as,
)
from newsroom.slug import section_key, section_slugs, slug_problem, slugify, unique_slug
from newsroom.storage.reads import ARTICLES, SECTION_ALIASES, SECTIONS, sections, sections_by_age

if TYPE_CHECKING:
    from newsroom.storage.writer import Writer

NO_LIST = (
    "the newsroom keeps no section list yet; build one with "
    "'newsroom sections add --from-articles' or add a section"
)


# --- reading ---------------------------------------------------------------------------


def listed(connection: Connection) -> list[Section]:
    """The section list in masthead order; [] when the newsroom keeps none."""
    aliases: dict[int, list[str]] = {}
    for section_id, slug in connection.execute(
        select(SECTION_ALIASES.c.section_id, SECTION_ALIASES.c.slug).order_by(
            SECTION_ALIASES.c.slug
        )
    ):
        aliases.setdefault(section_id, []).append(slug)
    rows = connection.execute(
        select(SECTIONS.c.id, SECTIONS.c.name, SECTIONS.c.slug).order_by(
            SECTIONS.c.position, SECTIONS.c.id
        )
    )
    return [
        Section(row.name, row.slug, number, tuple(aliases.get(row.id, ())))
        for number, row in enumerate(rows, start=1)
    ]


def listed_names(connection: Connection) -> list[str]:
    """Only the names (what a save needs to spell a section): one small query."""
    return list(connection.scalars(select(SECTIONS.c.name)))


def page_slugs(connection: Connection) -> dict[str, str]:
    """Every section's page slug: listed sections their own, the others unique around them.

    Without a list, each section in use has the slug ``slug.section_slugs``
    gives in order of first use, as before there were lists. With one, a
    section in use but not listed gets a slug no listed section has or had.
    """
    by_age = sections_by_age(connection)
    known = listed(connection)
    if not known:
        return section_slugs(by_age)
    given = {section.name: section.slug for section in known}
    pinned = _slugs_and_aliases(known)
    rest = section_slugs([name for name in by_age if name not in given], taken=pinned)
    return {**given, **rest}


def usage(connection: Connection, name: str) -> tuple[int, int]:
    """How many articles have this section (deleted ones too), and how many of them are deleted."""
    row = connection.execute(
        select(func.count(), func.count(ARTICLES.c.deleted_at)).where(ARTICLES.c.section == name)
    ).one()
    return int(row[0]), int(row[1])


# --- changing the list -------------------------------------------------------------------


def add(
    connection: Connection, name: str, *, slug: str | None = None, position: int | None = None
) -> Section:
    """Put a section on the list (at the end, or at ``position``, moving the others down).

    Without ``slug`` it keeps the page slug its articles' section has now, so
    adding a section in use moves no page.
    """
    name = _checked_name(name)
    known = listed(connection)
    if any(section.name == name for section in known):
        raise ConflictError(f"section {name!r} is already on the newsroom's list")
    _refuse_same(name, [section.name for section in known])
    slug = _checked_slug(slug, known) if slug is not None else _page_slug(connection, name, known)
    place = _checked_position(position, len(known) + 1)
    _insert(connection, name, slug, place)
    return _section(connection, name)


def add_from_articles(connection: Connection) -> SectionsAdded:
    """List every section articles (not deleted) use, in order of first use, with its page slug."""
    known = listed(connection)
    current = page_slugs(connection)
    in_use = set(sections(connection))
    names = [section.name for section in known]
    added: list[str] = []
    folded: list[tuple[str, str]] = []
    for name in sections_by_age(connection):
        if name not in in_use or name in names:
            continue
        same = same_as(name, names)
        if same is not None:
            folded.append((name, same))
            continue
        names.append(name)
        added.append(name)
        _insert(connection, name, current[name], len(names))
    after = {section.name: section for section in listed(connection)}
    return SectionsAdded([after[name] for name in added], folded)


def rename(connection: Connection, writer: Writer, old: str, new: str) -> SectionChange:
    """Rename a listed section and every article in it (deleted ones too), one revision each.

    The page moves to the new name's slug; the old slug stays the section's
    alias, so the site still answers there. Only case, accents or spacing
    changing keeps the slug.
    """
    known = listed(connection)
    section = _listed(known, old)
    new = _checked_name(new)
    if new == section.name:
        return SectionChange(section, section, 0)
    others = [other for other in known if other.name != section.name]
    _refuse_same(new, [other.name for other in others])
    slug = _renamed_slug(connection, section, new, others)
    section_id = _section_id(connection, section.name)
    if slug != section.slug:
        connection.execute(delete(SECTION_ALIASES).where(SECTION_ALIASES.c.slug == slug))
        connection.execute(insert(SECTION_ALIASES).values(slug=section.slug, section_id=section_id))
    connection.execute(
        update(SECTIONS).where(SECTIONS.c.id == section_id).values(name=new, slug=slug)
    )
    moved = writer.move_section_articles(
        section.name, new, f"Section renamed: {section.name} → {new}"
    )
    return SectionChange(section, _section(connection, new), moved)


def move(connection: Connection, name: str, position: int) -> Section:
    """Put a listed section at ``position`` (1 is first) in the masthead."""
    known = listed(connection)
    section = _listed(known, name)
    place = _checked_position(position, len(known))
    order = [other.name for other in known if other.name != section.name]
    order.insert(place - 1, section.name)
    _renumber(connection, order)
    return _section(connection, section.name)


def remove(
    connection: Connection, writer: Writer, name: str, *, to: str | None = None
) -> SectionChange:
    """Take a section off the list; refused while articles use it, unless moved ``to`` another.

    Moved articles get a revision each, and the removed section's page slugs
    become the other section's aliases: links to the old page still land.
    """
    known = listed(connection)
    section = _listed(known, name)
    count, deleted = usage(connection, section.name)
    target = _listed(known, to) if to is not None else None
    if target is not None and target.name == section.name:
        raise ValidationError.single("to", "give another section to move the articles to")
    if count and target is None:
        raise SectionInUseError(section.name, count, deleted)
    section_id = _section_id(connection, section.name)
    moved = 0
    if target is not None:
        target_id = _section_id(connection, target.name)
        moved = writer.move_section_articles(
            section.name, target.name, f"Section removed: {section.name} → {target.name}"
        )
        connection.execute(
            update(SECTION_ALIASES)
            .where(SECTION_ALIASES.c.section_id == section_id)
            .values(section_id=target_id)
        )
        connection.execute(insert(SECTION_ALIASES).values(slug=section.slug, section_id=target_id))
    connection.execute(delete(SECTION_ALIASES).where(SECTION_ALIASES.c.section_id == section_id))
    connection.execute(delete(SECTIONS).where(SECTIONS.c.id == section_id))
    _renumber(connection, [other.name for other in known if other.name != section.name])
    return SectionChange(section, None, moved)


# --- the rules ---------------------------------------------------------------------------


def _checked_name(name: str) -> str:
    name = name.strip()
    problem = name_problem(name)
    if problem is not None:
        raise ValidationError.single("name", problem)
    return name


def _refuse_same(name: str, names: Sequence[str]) -> None:
    same = same_as(name, names)
    if same is not None:
        raise ValidationError.single(
            "name",
            f"{name!r} differs from the section {same!r} only in case, accents or spacing; "
            f"use {same!r}",
        )


def _listed(known: Sequence[Section], name: str) -> Section:
    """The listed section called ``name`` (or so but for case, accents, spacing)."""
    if not known:
        raise NotFoundError(f"{name}: {NO_LIST}")
    for section in known:
        if section.name == name:
            return section
    same = same_as(name, [section.name for section in known])
    if same is None:
        raise NotFoundError(
            f"{name}: no such section on the newsroom's list (see 'newsroom sections list')"
        )
    return next(section for section in known if section.name == same)


def _checked_slug(slug: str, known: Sequence[Section]) -> str:
    problem = slug_problem(slug)
    if problem is not None:
        raise ValidationError.single("slug", problem)
    for section in known:
        if slug == section.slug:
            raise ConflictError(
                f"slug {slug!r} is the page of the section {section.name!r}; choose another"
            )
        if slug in section.aliases:
            raise ConflictError(
                f"slug {slug!r} is an earlier slug of the section {section.name!r} (its old "
                "page leads there); choose another"
            )
    return slug


def _checked_position(position: int | None, last: int) -> int:
    if position is None:
        return last
    if not 1 <= position <= last:
        raise ValidationError.single("position", f"give a position from 1 to {last}")
    return position


def _slugs_and_aliases(known: Iterable[Section]) -> set[str]:
    return {slug for section in known for slug in (section.slug, *section.aliases)}


def _page_slug(connection: Connection, name: str, known: Sequence[Section]) -> str:
    """The slug for a section joining the list: its page's slug now, when it has a page."""
    pinned = _slugs_and_aliases(known)
    listed_names_ = {section.name for section in known}
    unlisted = {n: s for n, s in page_slugs(connection).items() if n not in listed_names_}
    spelled = name if name in unlisted else same_as(name, list(unlisted))
    if spelled is not None and unlisted[spelled] not in pinned:
        return unlisted[spelled]
    others = {slug for other, slug in unlisted.items() if other != spelled}
    return unique_slug(slugify(name), lambda slug: slug in pinned or slug in others)


def _renamed_slug(
    connection: Connection, section: Section, new: str, others: Sequence[Section]
) -> str:
    """The slug of ``section`` renamed ``new``: the new name's, free of every other section's.

    Its own earlier slugs may come back (renamed back again), and so may the
    page of articles already filed under the new name without its being listed.
    """
    base = slugify(new)
    if base == section.slug:
        return base
    pinned = _slugs_and_aliases(others)
    key = section_key(new)
    listed_names_ = {other.name for other in (*others, section)}
    unlisted = {
        slug
        for name, slug in page_slugs(connection).items()
        if name not in listed_names_ and section_key(name) != key
    }
    return unique_slug(
        base, lambda slug: slug != section.slug and (slug in pinned or slug in unlisted)
    )


# --- writing -------------------------------------------------------------------------------


def _insert(connection: Connection, name: str, slug: str, position: int) -> None:
    connection.execute(
        update(SECTIONS)
        .where(SECTIONS.c.position >= position)
        .values(position=SECTIONS.c.position + 1)
    )
    connection.execute(insert(SECTIONS).values(name=name, slug=slug, position=position))


def _renumber(connection: Connection, order: Sequence[str]) -> None:
    for number, name in enumerate(order, start=1):
        connection.execute(update(SECTIONS).where(SECTIONS.c.name == name).values(position=number))


def _section_id(connection: Connection, name: str) -> int:
    found = connection.scalar(select(SECTIONS.c.id).where(SECTIONS.c.name == name))
    assert found is not None, name
    return int(found)


def _section(connection: Connection, name: str) -> Section:
    return next(section for section in listed(connection) if section.name == name)
