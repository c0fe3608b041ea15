"""The static site: every published article, the news feed, sections, Atom and a sitemap.

Layout of the folder::

    index.html              the news feed, newest first (page 1)
    news/2.html …           older pages of the feed
    section/<slug>.html …   a section's articles (older ones: section/<slug>/2.html …);
                            a renamed section's old slug: a page sending readers on
    <slug>.html             one page per published (or corrected) article
    latest.html             the latest news, framed in every article page's sidebar
    atom.xml, sitemap.xml, newsroom.css, media/…

Each article page's "All news" sidebar is a frame showing ``latest.html``:
an old story's page shows today's news, yet publishing a new story rewrites
that one small page, not ten thousand old ones. (A frame rather than a
script: no script runs in our pages.)

Re-exporting is incremental: ``.newsroom-site.json`` remembers what each
page was made from (article revisions, related articles,
theme, settings). Only pages whose inputs changed are rendered again, files
whose bytes are unchanged are not rewritten, and pages of articles no longer
published are removed. Rendering uses every core when there is enough to do.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from math import ceil
from pathlib import Path
from typing import Any

from newsroom import __version__
from newsroom.article import Article, ArticleSummary, PhotoUse
from newsroom.bylines import byline_names
from newsroom.errors import ForeignSiteError, ValidationError
from newsroom.export.files import Output
from newsroom.parallel import Workers
from newsroom.photos import ARTICLE_WIDTH, make_rendition, media_tag
from newsroom.render import RENDER_VERSION
from newsroom.render.listing_meta import listing_description, listing_json_ld
from newsroom.render.page import (
    FAVICON,
    Links,
    PageContext,
    PhotoSource,
    feed_days,
    media_name,
    page_frame,
    render_article,
)
from newsroom.render.related import left_out_count
from newsroom.render.theme import Theme, load_theme
from newsroom.render.urls import article_path, public_url
from newsroom.sections import Section
from newsroom.settings import Settings
from newsroom.slug import slugify
from newsroom.store import Newsroom

MANIFEST = ".newsroom-site.json"
RECENT = ".newsroom-site-recent.json"  # quick re-exports' files, read over the manifest
NAV_SECTIONS = 12  # the masthead names the busiest sections; every section has its page
LISTING_PAGE_SIZE = 50
ATOM_ENTRIES = 50
LATEST_FILE = "latest.html"
LATEST_SIZE = 10  # stories in the frame; "All news" leads to the rest
PARALLEL_FROM = 200  # pages; below this, starting processes costs more than it saves
RENDITION_FORMATS = ("jpeg", "webp")
# Where the site writes besides its root; a killed export's temporary files are looked for there.
LEFTOVER_FOLDERS = ("media", "news", "section")

Progress = Callable[[str, int, int], None]


# --- links ----------------------------------------------------------------------


@dataclass
class PhotoSizes:
    """What pages need to name and size their photos, known before they are rendered."""

    sizes: dict[str, tuple[int, int]] = field(default_factory=dict)  # sha → rendition size
    owners: dict[str, tuple[str, str]] = field(default_factory=dict)  # sha → creator, copyright
    recipe: str = ""

    def names(self, use: PhotoUse, width: int = ARTICLE_WIDTH) -> tuple[str, str]:
        """The JPEG and WebP file names of this use's captioned renditions."""
        creator, copyright_ = self.owners.get(use.sha256, ("", ""))
        tag = media_tag(self.recipe, use.caption, use.credit, creator, copyright_)
        return (
            media_name(use.sha256, width, "jpg", tag),
            media_name(use.sha256, width, "webp", tag),
        )


class SiteLinks(Links):
    def __init__(
        self, public: set[str], photos: PhotoSizes, sections: dict[str, str], prefix: str = ""
    ) -> None:
        super().__init__(prefix)
        self.public = public
        self.photos = photos
        self.sections = sections  # name → its unique slug

    def at(self, prefix: str) -> SiteLinks:
        return SiteLinks(self.public, self.photos, self.sections, prefix)

    def article(self, summary: ArticleSummary) -> str | None:
        if summary.slug not in self.public:
            return None
        return f"{self.prefix}{article_path(summary.slug)}"

    def home(self) -> str | None:
        return f"{self.prefix}index.html"

    def latest_news(self) -> str | None:
        return f"{self.prefix}{LATEST_FILE}"

    def section(self, name: str) -> str | None:
        return f"{self.prefix}{section_file(_slug_of(self.sections, name))}"

    def photo(self, use: PhotoUse) -> PhotoSource | None:
        size = self.photos.sizes.get(use.sha256)
        if size is None:
            return None
        jpeg, webp = self.photos.names(use)
        return PhotoSource(self.prefix + jpeg, self.prefix + webp, size[0], size[1])

    def favicon(self, theme: Theme) -> str:
        return f"{self.prefix}{FAVICON}"


def section_file(slug: str, page: int = 1) -> str:
    """A section's page by its unique slug (``Newsroom.section_slugs``).

    Older pages go in a folder of their own: ``section/c/2.html``, never
    ``section/c-2.html``, which is the first page of the section ``C++``
    when ``C`` came first.
    """
    return f"section/{slug}.html" if page == 1 else f"section/{slug}/{page}.html"


def listing_file(page: int) -> str:
    return "index.html" if page == 1 else f"news/{page}.html"


# --- the plan: what the site holds and what each file is made from -------------------


@dataclass
class SiteReport:
    written: list[Path] = field(default_factory=list)
    unchanged: int = 0
    removed: list[Path] = field(default_factory=list)
    # Files the last export wrote that the site no longer has, left because they changed.
    kept: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pages: int = 0
    rendered: int = 0
    # Internal related headlines the pages leave out: their articles are not published.
    related_left_out: int = 0


@dataclass
class Manifest:
    """What the last export into the folder wrote, and for which newsroom.

    ``keys``: file → what it was made from; ``hashes``: file → the SHA-256 of
    the bytes written. A file is removed only when it is listed with a hash
    and still holds those bytes, so a manifest, however wrong, can make an
    export remove only pages it wrote itself and nobody changed since.
    """

    keys: dict[str, str] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)
    owner: str = ""  # the newsroom's id; "" in manifests older than the id
    owner_name: str = ""
    problem: str = ""  # why the file could not be read (it is then taken as empty)


@dataclass
class Plan:
    settings: Settings
    theme: Theme
    articles: list[ArticleSummary]  # public, newest first
    related: dict[int, list[str]]  # article id → internal related slugs
    targets: dict[str, ArticleSummary]  # slug (or earlier slug) → article
    sections: list[str]  # the masthead's
    section_slugs: dict[str, str]  # every section's unique slug
    photos: dict[int, PhotoUse]  # article id → its photo as used (caption, credit)
    now: datetime
    feed_tag: str = ""  # the newsroom's tag: URI (Newsroom.feed_tag): Atom ids
    bylines: dict[int, str] = field(default_factory=dict)  # Atom's entries' authors
    # A listed section's earlier page slug → (its name now, its page slug now).
    moved_sections: dict[str, tuple[str, str]] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)  # file → what it is made from
    previous: Manifest = field(default_factory=Manifest)  # the last export's
    hashes: dict[str, str] = field(default_factory=dict)  # file → SHA-256 of what we wrote
    shared: str = ""  # what every page depends on (see _shared_key)

    def up_to_date(self, output: Output, name: str, key: str) -> bool:
        """Record what ``name`` is made from; True when the file there was made from that."""
        self.keys[name] = key
        return self.previous.keys.get(name) == key and self.kept(output, name)

    def kept(self, output: Output, name: str) -> bool:
        """Whether the last export's ``name`` is there to keep (its hash carried over)."""
        recorded = self.previous.hashes.get(name)
        if recorded is None or not output.exists(name):
            return False
        self.hashes[name] = recorded
        return True


def export_site(
    newsroom: Newsroom,
    out: Path,
    *,
    theme: Theme | None = None,
    progress: Progress | None = None,
    jobs: int | None = None,
    now: datetime | None = None,
    replace: bool = False,
) -> SiteReport:
    """Write (or bring up to date) the static site in ``out``, as it stands at ``now``.

    Only stories live at ``now`` (default: this moment) are on it: a
    scheduled story joins the site at the first export after its time.
    A folder holding another newsroom's site is refused unless ``replace``;
    a folder with no manifest gets the site beside what it holds.
    """
    # Imported here: site_quick builds on this module's functions.
    from newsroom.export import site_quick

    theme = theme or load_theme(None)
    now = now or datetime.now(UTC)
    output = Output(out)
    out.mkdir(parents=True, exist_ok=True)
    if not replace:
        quick = site_quick.quick_reexport(newsroom, out, theme, now)
        if quick is not None:
            return quick
    previous = _read_manifest(out)
    identity = newsroom.identity()
    _check_owner(out, previous, identity, replace=replace)
    site_quick.forget_state(out)
    if replace and previous.owner != identity:
        previous.keys = dict.fromkeys(previous.keys, "")  # remove theirs, render all ours
    plan = _plan(newsroom, theme, now)
    older_section_pages = [f"section/{slug}" for slug in plan.section_slugs.values()]
    output.remove_leftovers(["", *LEFTOVER_FOLDERS, *older_section_pages])
    plan.previous = previous
    plan.shared = _shared_key(plan)
    report = SiteReport(
        pages=len(plan.articles),
        related_left_out=left_out_count(plan.related, plan.targets, plan.now),
    )
    if previous.problem:
        report.warnings.append(previous.problem)
    sizes = _write_media(newsroom, plan, output, progress)
    links = SiteLinks({summary.slug for summary in plan.articles}, sizes, plan.section_slugs)
    stale = _stale_articles(plan, output)
    _render_articles(newsroom, plan, links, stale, output, progress=progress, jobs=jobs)
    report.rendered = len(stale)
    _write_listings(plan, links, output)
    plan.keys["newsroom.css"] = _digest(plan.theme.css)
    output.write("newsroom.css", plan.theme.css)
    plan.keys[FAVICON] = _digest(plan.theme.favicon)
    output.write(FAVICON, plan.theme.favicon)
    _remove_unpublished(previous, plan, output, report)
    plan.hashes.update(output.hashes)
    _write_manifest(out, plan, identity)
    site_quick.record_state(newsroom, out, plan)
    report.written = output.written
    report.unchanged = len(output.unchanged) + (len(plan.articles) - len(stale))
    return report


def _plan(newsroom: Newsroom, theme: Theme, now: datetime) -> Plan:
    articles = newsroom.news_feed(now=now)
    related = newsroom.internal_related([summary.id for summary in articles])
    slugs = {slug for slugs in related.values() for slug in slugs}
    listed = newsroom.section_list()
    return Plan(
        settings=newsroom.settings(),
        theme=theme,
        articles=articles,
        related=related,
        targets=newsroom.lookup(sorted(slugs)) if slugs else {},
        sections=masthead([summary.section for summary in articles], listed),
        section_slugs=newsroom.section_slugs(),
        photos=newsroom.photo_uses([summary.id for summary in articles]),
        now=now,
        feed_tag=newsroom.feed_tag(),
        bylines=newsroom.bylines([summary.id for summary in articles[:ATOM_ENTRIES]]),
        moved_sections={
            alias: (section.name, section.slug) for section in listed for alias in section.aliases
        },
    )


def masthead(sections: Sequence[str], listed: Sequence[Section]) -> list[str]:
    """The sections the masthead names (``sections``: each story's): the list's, in its
    order, when the newsroom keeps one; else the busiest, alphabetically. Only sections
    with a page (a story on the site)."""
    counts = Counter(section for section in sections if section)
    if listed:
        return [section.name for section in listed if section.name in counts][:NAV_SECTIONS]
    return sorted(name for name, _ in counts.most_common(NAV_SECTIONS))


def _shared_key(plan: Plan) -> str:
    """What every page depends on: renderer, theme, settings, sections, the year."""
    year = plan.now.astimezone(plan.settings.tzinfo).year
    masthead = [(name, plan.section_slugs.get(name)) for name in plan.sections]
    return _digest(
        [__version__, RENDER_VERSION, _theme_digest(plan.theme), plan.settings.as_dict(),
         masthead, year]
    )  # fmt: skip


def _theme_digest(theme: Theme) -> str:
    environment = theme.environment
    assert environment.loader is not None
    sources = [
        environment.loader.get_source(environment, name)[0]
        for name in (
            "base.html",
            "article.html",
            "blocks.html",
            "listing.html",
            "latest.html",
            "atom.xml",
            "sitemap.xml",
        )
    ]
    return _digest([theme.css, *sources])


def _article_key(plan: Plan, index: int, shared: str) -> str:
    summary = plan.articles[index]
    targets = [plan.targets.get(slug) for slug in plan.related.get(summary.id, [])]
    return _digest([
        shared,
        [summary.id, summary.revision],
        # Liveness too: a scheduled story's "Read more" appears once its time has come.
        [[t.id, t.slug, t.revision, t.status.value, t.is_live(plan.now)] if t else None
         for t in targets],
        plan.photos.get(summary.id),  # the photo, its caption and credit
        plan.section_slugs.get(summary.section),  # where its section link goes
    ])  # fmt: skip


def _stale_articles(plan: Plan, output: Output) -> list[int]:
    """Indexes of the articles whose pages must be rendered again."""
    return [
        index
        for index, summary in enumerate(plan.articles)
        if not plan.up_to_date(
            output, article_path(summary.slug), _article_key(plan, index, plan.shared)
        )
    ]


# --- photos ----------------------------------------------------------------------


def _write_media(
    newsroom: Newsroom, plan: Plan, output: Output, progress: Progress | None
) -> PhotoSizes:
    """Renditions of every photo on the site, each use's caption and credit in its file.

    The pixels are made once per photo (in parallel when many are missing)
    and kept in the newsroom; a file is written only when its name — which
    says what it carries — is not in the folder yet.
    """
    hashes = sorted({use.sha256 for use in plan.photos.values()})
    made_with = newsroom.photos.recipe()
    missing = [
        (sha, fmt)
        for sha in hashes
        for fmt in RENDITION_FORMATS
        if not newsroom.photos.has_rendition(sha, ARTICLE_WIDTH, fmt, made_with)
    ]
    if missing:
        _make_renditions(newsroom, missing, progress)
    photos = photo_sizes(newsroom, hashes)
    uses = sorted(set(plan.photos.values()), key=lambda use: (use.sha256, use.caption, use.credit))
    for number, use in enumerate(uses, start=1):
        for fmt, name in zip(RENDITION_FORMATS, photos.names(use), strict=True):
            plan.keys[name] = use.sha256
            if not plan.kept(output, name):
                output.write(
                    name, newsroom.photos.captioned_rendition(use, ARTICLE_WIDTH, fmt).data
                )
        if progress:
            progress("photos", number, len(uses))
    return photos


def photo_sizes(newsroom: Newsroom, hashes: Sequence[str]) -> PhotoSizes:
    """Names and sizes of these photos' renditions (made already) for pages to show them."""
    made_with = newsroom.photos.recipe()
    return PhotoSizes(
        sizes=newsroom.photos.rendition_sizes(hashes, ARTICLE_WIDTH, "jpeg", made_with),
        owners={p.sha256: (p.creator, p.copyright) for p in newsroom.photos.records(hashes)},
        recipe=made_with,
    )


def _make_renditions(
    newsroom: Newsroom, missing: list[tuple[str, str]], progress: Progress | None
) -> None:
    quality = newsroom.settings().rendition_quality
    made_with = newsroom.photos.recipe()
    originals = {sha: newsroom.photos.data(sha) for sha, _ in missing}
    work = [(originals[sha], fmt, quality[fmt]) for sha, fmt in missing]
    with Workers(len(work) // 4) as pool:
        made = pool.map(_rendition_job, work) if pool else map(_rendition_job, work)
        for number, ((sha, _), rendition) in enumerate(zip(missing, made, strict=True), start=1):
            newsroom.photos.store_rendition(sha, ARTICLE_WIDTH, rendition, made_with)
            if progress:
                progress("renditions", number, len(missing))


def _rendition_job(job: tuple[bytes, str, int]) -> Any:
    data, fmt, quality = job
    return make_rendition(data, ARTICLE_WIDTH, fmt, quality)


# --- article pages ---------------------------------------------------------------

# Set in the parent before worker processes fork; workers read it, never the database.
_JOB: dict[str, Any] = {}


def _render_articles(
    newsroom: Newsroom,
    plan: Plan,
    links: SiteLinks,
    stale: list[int],
    output: Output,
    *,
    progress: Progress | None,
    jobs: int | None,
) -> None:
    if not stale:
        return
    loaded = newsroom.load_many([plan.articles[index].id for index in stale])
    _JOB.update(plan=plan, links=links, loaded=loaded, root=output.root)
    for template in ("article.html", "base.html", "blocks.html"):
        plan.theme.environment.get_template(template)  # compiled once, before workers fork
    batches = [stale[start : start + 100] for start in range(0, len(stale), 100)]
    done = 0
    try:
        with Workers(len(stale) // PARALLEL_FROM, jobs) as pool:
            results = pool.map(_render_batch, batches) if pool else map(_render_batch, batches)
            for written, unchanged, hashes in results:
                output.written.extend(written)
                output.unchanged.extend(unchanged)
                plan.hashes.update(hashes)
                done += len(written) + len(unchanged)
                if progress:
                    progress("pages", done, len(stale))
    finally:
        _JOB.clear()


def _render_batch(indexes: list[int]) -> tuple[list[Path], list[Path], dict[str, str]]:
    plan: Plan = _JOB["plan"]
    links: SiteLinks = _JOB["links"]
    loaded: dict[int, tuple[Article, str | None, int]] = _JOB["loaded"]
    output = Output(_JOB["root"])
    for index in indexes:
        summary = plan.articles[index]
        article, stored_html, version = loaded[summary.id]
        if stored_html is not None and version == RENDER_VERSION:
            html = stored_html
        else:
            from newsroom.render.body import render_body  # Markdown: only for old bodies

            try:
                html = render_body(article.body)
            except ValidationError as error:  # a body stored before the render limits
                raise error.within(summary.slug) from None
        context = PageContext(
            settings=plan.settings,
            links=links,
            theme=plan.theme,
            related=plan.targets,  # no feed: the sidebar frames latest.html
            sections=plan.sections,
            now=plan.now,
        )
        output.write(article_path(summary.slug), render_article(article, html, context))
    return output.written, output.unchanged, output.hashes


# --- listings, feeds, sitemap -------------------------------------------------


def _write_listings(plan: Plan, links: SiteLinks, output: Output) -> None:
    _write_listing_pages(
        plan, links, output, items=plan.articles, title="All news", file_for=listing_file
    )
    for section in sorted({summary.section for summary in plan.articles if summary.section}):
        members = [summary for summary in plan.articles if summary.section == section]
        _write_listing_pages(
            plan, links, output, items=members, title=section,
            file_for=functools.partial(section_file, _slug_of(plan.section_slugs, section)),
        )  # fmt: skip
    _write_section_redirects(plan, output)
    write_latest(plan, links, output)
    newest = max((summary.updated_at for summary in plan.articles), default=plan.now)
    write_atom(plan, output, newest)
    write_sitemap(plan, output, sitemap_urls(plan))


def _write_section_redirects(plan: Plan, output: Output) -> None:
    """At each earlier page slug of a renamed section, a page sending readers to its page now.

    What a static site can do (as Hugo's aliases): a meta refresh, with the
    new page as canonical and a plain link; kept out of search engines and
    the sitemap. Written only while the section has a page; listed in the
    manifest like every page, so it goes when the alias does.
    """
    pages = {
        _slug_of(plan.section_slugs, summary.section)
        for summary in plan.articles
        if summary.section
    }
    for old, (name, slug) in sorted(plan.moved_sections.items()):
        if slug not in pages or old in pages:
            continue
        target = section_file(slug)
        page = redirect_page(
            name,
            href=target.rsplit("/", 1)[-1],
            canonical=public_url(plan.settings, target),
            icon=f"../{FAVICON}",
            lang=plan.settings.language,
        )  # fmt: skip  (no base URL: no canonical link, which must be absolute)
        if not plan.up_to_date(output, section_file(old), _digest(page)):
            output.write(section_file(old), page)


def redirect_page(
    title: str, *, href: str, canonical: str = "", icon: str = "", lang: str = "en"
) -> str:
    """A page that sends the reader on to ``href``, relative so it works wherever the site is
    (``canonical``: the new page's public address, for search engines; "": none;
    ``icon``: the site's favicon, so the browser does not ask for a missing /favicon.ico;
    ``lang``: the newsroom's language, which screen readers speak the page in)."""
    to = html.escape(href)
    name = html.escape(title)
    link = f'<link rel="canonical" href="{html.escape(canonical)}">\n' if canonical else ""
    icon_link = f'<link rel="icon" href="{html.escape(icon)}">\n' if icon else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{name}</title>\n{icon_link}"
        f"{link}"
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={to}">\n'
        "</head>\n<body>\n"
        f'<p>This section has moved: <a href="{to}">{name}</a>.</p>\n'
        "</body>\n</html>\n"
    )


def _write_listing_pages(
    plan: Plan,
    links: SiteLinks,
    output: Output,
    *,
    items: Sequence[ArticleSummary],
    title: str,
    file_for: Callable[[int], str],
) -> None:
    pages = max(1, ceil(len(items) / LISTING_PAGE_SIZE))
    for number in range(1, pages + 1):
        chunk = items[(number - 1) * LISTING_PAGE_SIZE : number * LISTING_PAGE_SIZE]
        write_listing_page(
            plan, links, output, chunk, title=title, place=(number, pages), file_for=file_for
        )


def write_listing_page(
    plan: Plan,
    links: SiteLinks,
    output: Output,
    chunk: Sequence[ArticleSummary],
    *,
    title: str,
    place: tuple[int, int],
    file_for: Callable[[int], str],
) -> None:
    """Page ``place[0]`` of ``place[1]`` of a listing, unless made from the same already."""
    number, pages = place
    name = file_for(number)
    key = _digest([plan.shared, title, number, pages, [(i.id, i.revision) for i in chunk]])
    if plan.up_to_date(output, name, key):
        return
    prefix = "../" * name.count("/")
    context = PageContext(
        plan.settings, links.at(prefix), plan.theme, feed=chunk, sections=plan.sections,
        now=plan.now,
    )  # fmt: skip
    section = title if title != "All news" else ""
    frame = page_frame(context, section_page=section)
    frame["canonical"] = public_url(plan.settings, name)
    description = listing_description(plan.settings, section, chunk, number)
    listing = {
        "title": title,
        "description": description,
        "json_ld": listing_json_ld(
            plan.settings, title=title, page_file=name, items=chunk, description=description
        ),
        "days": feed_days(chunk, context),
        "number": number,
        "pages": pages,
        "newer_href": prefix + file_for(number - 1) if number > 1 else "",
        "older_href": prefix + file_for(number + 1) if number < pages else "",
        "atom_href": f"{prefix}atom.xml",
    }
    output.write(name, plan.theme.render("listing.html", page=frame, listing=listing))


def write_latest(plan: Plan, links: SiteLinks, output: Output) -> None:
    """``latest.html``: the newest stories, for the frame in article pages' sidebars."""
    chunk = plan.articles[:LATEST_SIZE]
    key = _digest([plan.shared, "latest", [(item.id, item.revision) for item in chunk]])
    if plan.up_to_date(output, LATEST_FILE, key):
        return
    context = PageContext(
        plan.settings, links, plan.theme, feed=chunk, sections=plan.sections, now=plan.now
    )
    latest = {"title": "All news", "days": feed_days(chunk, context), "more_href": listing_file(1)}
    output.write(
        LATEST_FILE, plan.theme.render("latest.html", page=page_frame(context), latest=latest)
    )


def _slug_of(section_slugs: dict[str, str], section: str) -> str:
    """The section's unique slug; its plain slug for a name the newsroom has not stored."""
    return section_slugs.get(section) or slugify(section)


def write_atom(plan: Plan, output: Output, newest: datetime) -> None:
    """The Atom feed (RFC 4287) of the newest stories.

    Ids are tag: URIs from the newsroom's tag and each article's id, so they stay
    the same whatever the base URL and however often a story is renamed. Links are
    absolute: without a base URL there are none, and each entry carries its text
    as content instead (an entry needs one or the other).
    """
    tz = plan.settings.tzinfo
    entries = []
    for summary in plan.articles[:ATOM_ENTRIES]:
        published = summary.published_at or summary.updated_at
        entries.append({
            "headline": summary.headline,
            "id": entry_id(plan.feed_tag, summary.id),
            "href": public_url(plan.settings, article_path(summary.slug)),
            "published": published.astimezone(tz).isoformat(),
            "updated": max(summary.updated_at, published).astimezone(tz).isoformat(),
            "authors": entry_authors(plan.bylines.get(summary.id, ""), plan.settings),
            "section": summary.section,
            "summary": summary.subtitle,
            # xml:lang on the entry only where it differs from the feed's.
            "lang": summary.language if summary.language != plan.settings.language else "",
        })  # fmt: skip
    feed = {
        "title": plan.settings.name,
        "lang": plan.settings.language,
        "id": plan.feed_tag,
        "updated": newest.astimezone(tz).isoformat(),
        "self_href": public_url(plan.settings, "atom.xml"),
        "home_href": public_url(plan.settings, "index.html"),
        "entries": entries,
    }
    if not plan.up_to_date(output, "atom.xml", _digest([plan.shared, feed])):
        output.write("atom.xml", plan.theme.render("atom.xml", feed=feed))


def entry_id(feed_tag: str, article_id: int) -> str:
    """An Atom entry's id: ``tag:newsroom.invalid,2026-12-01:<newsroom>:article-42``."""
    return f"{feed_tag}:article-{article_id}"


def entry_authors(byline: str, settings: Settings) -> list[str]:
    """Each name of the byline; without one, the agency (the site's name if none is set)."""
    return byline_names(byline) or [settings.agency or settings.name]


def sitemap_urls(plan: Plan) -> list[tuple[str, str]]:
    """Each page of the sitemap and the day its article last changed ("" for others)."""
    urls = [("index.html", "")]
    urls += [
        (article_path(summary.slug), summary.updated_at.date().isoformat())
        for summary in plan.articles
    ]
    sections = sorted({summary.section for summary in plan.articles if summary.section})
    urls += [(section_file(_slug_of(plan.section_slugs, name)), "") for name in sections]
    return urls


def write_sitemap(plan: Plan, output: Output, pages: list[tuple[str, str]]) -> None:
    """The sitemap, whose addresses must be absolute: none without a base URL."""
    if not plan.settings.base_url:
        return  # an old one we wrote goes with the other files the site no longer has
    urls = [{"loc": public_url(plan.settings, name), "lastmod": day} for name, day in pages]
    if not plan.up_to_date(output, "sitemap.xml", _digest([plan.shared, urls])):
        output.write("sitemap.xml", plan.theme.render("sitemap.xml", urls=urls))


# --- the manifest -------------------------------------------------------------------


def _read_manifest(out: Path) -> Manifest:
    path = out / MANIFEST
    if not path.exists() and not path.is_symlink():
        return Manifest()
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
        files, hashes = data["files"], data.get("sha256", {})
        if not isinstance(files, dict) or not isinstance(hashes, dict):
            raise TypeError
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "damaged"
        return Manifest(problem=f"{path}: {reason}; read as empty, so nothing is removed")
    recent_files, recent_hashes = read_recent(out)
    files.update(recent_files)
    hashes.update(recent_hashes)
    keys = {str(name): str(key) for name, key in files.items() if _inside(str(name))}
    return Manifest(
        keys=keys,
        hashes={name: str(hashes[name]) for name in keys if isinstance(hashes.get(name), str)},
        owner=str(data.get("newsroom") or ""),
        owner_name=str(data.get("newsroom_name") or ""),
    )


def read_recent(out: Path) -> tuple[dict[str, str], dict[str, str]]:
    """What quick re-exports (``site_quick``) wrote since the manifest: file → key, file →
    SHA-256. Read over the manifest; gone when a full export rewrites the manifest."""
    try:
        data = json.loads((out / RECENT).read_bytes().decode("utf-8"))
        files, hashes = data["files"], data["sha256"]
        if isinstance(files, dict) and isinstance(hashes, dict):
            return files, hashes
    except (OSError, ValueError, TypeError, KeyError):
        pass
    return {}, {}


def _inside(name: str) -> bool:
    """Whether a manifest entry names a file inside the site folder (no ``..``, not absolute).

    On the name's text alone: a manifest holds a hundred thousand names."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    return ".." not in name.split("/") and not (len(name) > 1 and name[1] == ":")


def _check_owner(out: Path, manifest: Manifest, identity: str, *, replace: bool) -> None:
    if replace or not manifest.owner or manifest.owner == identity:
        return
    raise ForeignSiteError(str(out), manifest.owner_name)


def _write_manifest(out: Path, plan: Plan, identity: str) -> None:
    # Compact on purpose: indenting switches json to its slow pure-Python encoder.
    document = {
        "generator": f"Newsroom {__version__}",
        "newsroom": identity,
        "newsroom_name": plan.settings.name,
        "files": plan.keys,
        "sha256": {name: plan.hashes[name] for name in plan.keys if name in plan.hashes},
    }
    Output(out).write(MANIFEST, json.dumps(document, separators=(",", ":")))
    (out / RECENT).unlink(missing_ok=True)  # now in the manifest


def _remove_unpublished(previous: Manifest, plan: Plan, output: Output, report: SiteReport) -> None:
    """Files the last export made that the site no longer has (killed or deleted stories).

    Only a file still holding the bytes the manifest says we wrote goes; one
    changed since is left and reported (once: it leaves the manifest). A
    manifest from before hashes were kept proves nothing, except for photo
    renditions: their names (photo hash, width, caption tag) are ours alone,
    and older versions' renditions may carry the original's comments.
    """
    for name in sorted(set(previous.keys) - set(plan.keys)):
        path = output.path(name)
        if not path.exists() and not path.is_symlink():
            continue
        recorded = previous.hashes.get(name)
        legacy_rendition = not previous.hashes and _OUR_RENDITION.fullmatch(name) is not None
        if (recorded is not None or legacy_rendition) and output.remove(name, recorded):
            report.removed.append(path)
        else:
            report.kept.append(path)


# media_name's shape: the photo's SHA-256 (first 20 hex digits), the width, a caption tag.
_OUR_RENDITION = re.compile(r"media/[0-9a-f]{20}-[0-9]{1,5}(-[0-9a-f]{6,64})?\.(jpg|webp)")


def _digest(value: Any) -> str:
    # repr of lists, tuples, dicts built in a fixed order, str, int and datetime is
    # deterministic, and several times quicker than JSON for ten thousand keys.
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=16).hexdigest()
