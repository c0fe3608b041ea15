"""A site re-export that looks only at what changed: one edit, whatever the site's size.

The full export (``site.export_site``) plans every page: it reads every
story's summary and the manifest of every file, and compares keys. That is
linear in the site's size, seconds at 100,000 stories, even when one story
changed. After each export, ``.newsroom-site-state.json`` records what the
site was made from: the news feed as (id, revision) in order, each story's
slug, section, last-change day and photo use, the shared key of every page,
and two totals of the whole newsroom (how many articles, their revisions'
sum; revisions only grow, so any change to any article moves the sum).

A re-export first asks the database for the feed's (id, revision) pairs and
the totals (C speed). When the feed holds the same stories in the same order
and the totals moved by exactly the edits of those stories, only the edited
stories changed, and the quick path writes what shows them: their pages, the
pages whose related headlines name them, the news feed and section pages
that list them, ``latest.html`` when they are in it, ``atom.xml`` and the
sitemap. Anything else — a story published, killed, deleted or scheduled
live, a draft edited, a slug, section or photo changed, settings, sections or
theme changed, the manifest touched by hand, an export killed half way —
takes the full path, which is the reference: the quick path renders with
the same functions and keys, so the pages it writes are byte for byte the
full path's (tests compare the two).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from newsroom.article import ArticleSummary
from newsroom.export import site
from newsroom.export.files import Output
from newsroom.render.related import left_out_count
from newsroom.render.theme import Theme
from newsroom.render.urls import article_path
from newsroom.store import Newsroom

STATE = ".newsroom-site-state.json"
STATE_VERSION = 1
QUICK_MOST = 50  # stories edited since the last export; beyond, the full path is as quick


@dataclass
class SiteState:
    """What the last export made the site from (see the module's docstring)."""

    owner: str
    manifest: list[int]  # size and mtime_ns of the manifest it wrote beside
    shared: str
    extra: str
    totals: list[int]
    ids: list[int]
    revisions: list[int]
    slugs: list[str]
    sections: list[str]
    days: list[str]  # each story's last change (UTC date), the sitemap's lastmod
    newest: str  # the latest change of any story: atom.xml's updated
    photos: dict[str, str] = field(default_factory=dict)  # id → its photo use, digested
    left_out: dict[str, int] = field(default_factory=dict)  # id → related headlines left out


def forget_state(out: Path) -> None:
    """Before writing anything: an export stopped half way leaves no state, so the next
    one takes the full path, which checks every file and removes half-written ones."""
    (out / STATE).unlink(missing_ok=True)


def record_state(newsroom: Newsroom, out: Path, plan: site.Plan) -> None:
    """After a full export: what it made the site from."""
    articles = plan.articles
    left_out = {
        str(article_id): count
        for article_id, slugs in plan.related.items()
        if (count := left_out_count({article_id: slugs}, plan.targets, plan.now))
    }
    newest = max((summary.updated_at for summary in articles), default=plan.now)
    state = SiteState(
        owner=newsroom.identity(),
        manifest=_stat(out / site.MANIFEST),
        shared=plan.shared,
        extra=_extra_key(newsroom, plan),
        totals=list(newsroom.article_totals()),
        ids=[summary.id for summary in articles],
        revisions=[summary.revision for summary in articles],
        slugs=[summary.slug for summary in articles],
        sections=[summary.section for summary in articles],
        days=[summary.updated_at.date().isoformat() for summary in articles],
        newest=newest.isoformat(),
        photos={str(key): site._digest(use) for key, use in plan.photos.items()},
        left_out=left_out,
    )
    _write_state(out, state)


def quick_reexport(
    newsroom: Newsroom, out: Path, theme: Theme, now: datetime
) -> site.SiteReport | None:
    """Bring the site up to date when only some stories were edited; None: take the full path."""
    state = _read_state(out)
    if state is None or state.owner != newsroom.identity():
        return None
    if state.manifest != _stat(out / site.MANIFEST):
        return None
    output = Output(out)
    if not all(output.may_write_in(folder) for folder in site.LEFTOVER_FOLDERS):
        return None  # the full path says what is wrong
    feed = newsroom.feed_versions(now)
    if [article_id for article_id, _ in feed] != state.ids:
        return None  # a story joined, left or moved: listings shift
    edited = [
        place for place, (_, revision) in enumerate(feed) if revision != state.revisions[place]
    ]
    moved = sum(feed[place][1] - state.revisions[place] for place in edited)
    totals = newsroom.article_totals()
    if len(edited) > QUICK_MOST or list(totals) != [state.totals[0], state.totals[1] + moved]:
        return None  # something besides these stories changed (a draft, a deletion…)
    plan = _plan(newsroom, state, theme, now)
    if plan is None:
        return None
    found = newsroom.lookup([state.slugs[place] for place in edited])
    summaries = {place: found.get(state.slugs[place]) for place in edited}
    if any(not _same_place(summaries[place], state, place) for place in edited):
        return None  # renamed or moved to another section: other pages change too
    # No scan for half-written files (0.07 s in a root of 100,000 pages): the state is
    # forgotten before an export writes and recorded after its last file, so finding it
    # means the last export finished. One killed half way left none: the full path scans.
    forget_state(out)
    edits = {place: found for place, found in summaries.items() if found}
    return _write(newsroom, out, plan=plan, state=state, edited=edits, totals=totals)


def _same_place(summary: ArticleSummary | None, state: SiteState, place: int) -> bool:
    return (
        summary is not None
        and summary.id == state.ids[place]
        and summary.slug == state.slugs[place]
        and summary.section == state.sections[place]
    )


def _plan(newsroom: Newsroom, state: SiteState, theme: Theme, now: datetime) -> site.Plan | None:
    """The plan of the full path, without its stories; None when what every page shares
    (settings, theme, sections, the year) changed."""
    listed = newsroom.section_list()
    plan = site.Plan(
        settings=newsroom.settings(), theme=theme, articles=[], related={}, targets={},
        sections=site.masthead(state.sections, listed), section_slugs=newsroom.section_slugs(),
        photos={}, now=now,
        feed_tag=newsroom.feed_tag(),
        moved_sections={alias: (s.name, s.slug) for s in listed for alias in s.aliases},
    )  # fmt: skip
    plan.shared = site._shared_key(plan)
    if plan.shared != state.shared or _extra_key(newsroom, plan) != state.extra:
        return None
    return plan


def _extra_key(newsroom: Newsroom, plan: site.Plan) -> str:
    """What listings, redirects, Atom and photo names depend on beyond the shared key."""
    return site._digest(
        [plan.section_slugs, plan.moved_sections, plan.feed_tag, newsroom.photos.recipe()]
    )


def _write(
    newsroom: Newsroom,
    out: Path,
    *,
    plan: site.Plan,
    state: SiteState,
    edited: dict[int, ArticleSummary],
    totals: tuple[int, int],
) -> site.SiteReport | None:
    output = Output(out)
    where = {article_id: place for place, article_id in enumerate(state.ids)}
    slugs = [summary.slug for summary in edited.values()]
    naming = newsroom.relating_to(slugs + newsroom.slug_aliases([s.id for s in edited.values()]))
    stale = sorted(set(edited) | {where[i] for i in naming if i in where})
    pages = _summaries(newsroom, state, stale, edited)
    photos = newsroom.photo_uses([summary.id for summary in pages])
    if any(site._digest(use) != state.photos.get(str(i)) for i, use in photos.items()):
        return None  # a photo or its caption changed: renditions to write and remove
    related = newsroom.internal_related([summary.id for summary in pages])
    targets = sorted({slug for slugs_ in related.values() for slug in slugs_})
    plan = dataclasses.replace(
        plan, articles=pages, related=related, photos=photos,
        targets=newsroom.lookup(targets) if targets else {},
    )  # fmt: skip
    sizes = site.photo_sizes(newsroom, sorted({use.sha256 for use in photos.values()}))
    links = site.SiteLinks(set(state.slugs), sizes, plan.section_slugs)
    indexes = [
        index
        for index, _ in enumerate(pages)
        if not plan.up_to_date(
            output, article_path(pages[index].slug), site._article_key(plan, index, plan.shared)
        )
    ]
    site._render_articles(newsroom, plan, links, indexes, output, progress=None, jobs=None)
    _update_state(state, edited, totals, plan)
    _write_listings(newsroom, plan, links, output, state=state, edited=sorted(edited))
    plan.hashes.update(output.hashes)
    _write_recent(out, plan)
    state.manifest = _stat(out / site.MANIFEST)
    _write_state(out, state)
    return site.SiteReport(
        written=output.written,
        unchanged=len(state.ids) - len(output.written),
        pages=len(state.ids),
        rendered=len(indexes),
        related_left_out=sum(state.left_out.values()),
    )


def _summaries(
    newsroom: Newsroom, state: SiteState, places: Sequence[int], known: dict[int, ArticleSummary]
) -> list[ArticleSummary]:
    """The stories at these places of the feed (their slugs are the state's: unchanged)."""
    wanted = [state.slugs[place] for place in places if place not in known]
    found = newsroom.lookup(wanted) if wanted else {}
    return [known.get(place) or found[state.slugs[place]] for place in places]


def _update_state(
    state: SiteState, edited: dict[int, ArticleSummary], totals: tuple[int, int], plan: site.Plan
) -> None:
    for place, summary in edited.items():
        state.revisions[place] = summary.revision
        state.days[place] = summary.updated_at.date().isoformat()
        state.newest = max(datetime.fromisoformat(state.newest), summary.updated_at).isoformat()
    for summary in plan.articles:
        count = left_out_count({summary.id: plan.related[summary.id]}, plan.targets, plan.now)
        state.left_out.pop(str(summary.id), None)
        if count:
            state.left_out[str(summary.id)] = count
    state.totals = list(totals)


def _write_listings(
    newsroom: Newsroom,
    plan: site.Plan,
    links: site.SiteLinks,
    output: Output,
    *,
    state: SiteState,
    edited: list[int],
) -> None:
    """The listing pages that show an edited story; latest.html, atom.xml and the sitemap."""
    size = site.LISTING_PAGE_SIZE
    every = list(range(len(state.ids)))
    listings: dict[tuple[str, int], list[int]] = {}  # (section or "", page) → places
    for place in edited:
        listings[("", place // size + 1)] = every
        section = state.sections[place]
        if section:
            members = [p for p in every if state.sections[p] == section]
            listings[(section, members.index(place) // size + 1)] = members
    for (section, number), members in sorted(listings.items()):
        chunk = members[(number - 1) * size : number * size]
        pages = max(1, -(-len(members) // size))
        slug = site._slug_of(plan.section_slugs, section)
        file_for = site.listing_file if not section else (lambda n, s=slug: site.section_file(s, n))
        site.write_listing_page(
            plan, links, output, _summaries(newsroom, state, chunk, {}),
            title=section or "All news", place=(number, pages), file_for=file_for,
        )  # fmt: skip
    top = _summaries(newsroom, state, range(min(site.ATOM_ENTRIES, len(state.ids))), {})
    front = dataclasses.replace(plan, articles=top, bylines=newsroom.bylines([s.id for s in top]))
    if any(place < site.LATEST_SIZE for place in edited):
        site.write_latest(front, links, output)
    site.write_atom(front, output, datetime.fromisoformat(state.newest))
    if plan.settings.base_url:
        site.write_sitemap(plan, output, _sitemap(plan, state))


def _sitemap(plan: site.Plan, state: SiteState) -> list[tuple[str, str]]:
    """``site.sitemap_urls`` from the state: the same pages, without reading a story."""
    urls = [("index.html", "")]
    urls += [(article_path(slug), day) for slug, day in zip(state.slugs, state.days, strict=True)]
    urls += [
        (site.section_file(site._slug_of(plan.section_slugs, name)), "")
        for name in sorted({name for name in state.sections if name})
    ]
    return urls


# --- files ----------------------------------------------------------------------


def _stat(path: Path) -> list[int]:
    try:
        found = path.stat()
    except OSError:
        return []
    return [found.st_size, found.st_mtime_ns]


def _write_recent(out: Path, plan: site.Plan) -> None:
    files, hashes = site.read_recent(out)
    files.update(plan.keys)
    hashes.update({name: plan.hashes[name] for name in plan.keys if name in plan.hashes})
    document = {"files": files, "sha256": hashes}
    Output(out).write(site.RECENT, json.dumps(document, separators=(",", ":")))


def _write_state(out: Path, state: SiteState) -> None:
    # vars, not dataclasses.asdict: asdict deep-copies 400,000 list items (2 s at 80,000).
    document = {"version": STATE_VERSION, **vars(state)}
    Output(out).write(STATE, json.dumps(document, separators=(",", ":")))


def _read_state(out: Path) -> SiteState | None:
    try:
        data: Any = json.loads((out / STATE).read_bytes().decode("utf-8"))
        if data.pop("version") != STATE_VERSION:
            return None
        state = SiteState(**data)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    lengths = {len(state.ids), len(state.revisions), len(state.slugs), len(state.sections)}
    return state if len(lengths) == 1 and len(state.days) == len(state.ids) else None
