"""The finished article page: the one renderer the live preview and every export share.

``render_page(article, newsroom)`` gathers what a page shows besides the
article — settings, the related articles' current headlines, the news feed —
and renders the theme's ``article.html``. Exports that make many pages build
a ``PageContext`` once and call ``render_article`` for each.

Safety: templates autoescape every value, so markup typed into a plain-text
field shows as text. The only HTML let through is the body (sanitised by
``render.body``), the JSON-LD block (its ``<``, ``>`` and ``&`` escaped) and
the print footer's CSS string (``css_string``).
Links to other stories come from checked slugs and http(s) URLs.
"""

from __future__ import annotations

import base64
import html as html_lib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from markupsafe import Markup, escape

from newsroom import language
from newsroom.article import PUBLIC_STATUSES as PUBLIC_STATUSES  # noqa: PLC0414 (for ui/feed.py)
from newsroom.article import (
    Article,
    ArticleSummary,
    PhotoUse,
    Quote,
    Status,
)
from newsroom.bylines import byline_names
from newsroom.dateline import dateline_text
from newsroom.photos import ARTICLE_WIDTH
from newsroom.render.pull_quotes import default_place
from newsroom.render.related import related_for_readers
from newsroom.render.theme import Theme, load_theme
from newsroom.render.urls import article_path, article_url
from newsroom.settings import Settings
from newsroom.slug import slugify
from newsroom.text import http_url_problem

if TYPE_CHECKING:
    from newsroom.store import Newsroom

FEED_SIZE = 20
FAVICON = "favicon.svg"  # the site's icon, where exports that write it put it
DESCRIPTION_LENGTH = 200


def trusted(html: str) -> Markup:
    """Mark HTML the renderer made safe itself (sanitised body, escaped JSON, our CSS).

    The one door past autoescaping: nothing typed by a person reaches it
    without going through render.body.sanitize or escape_json_for_script.
    """
    return Markup(html)  # noqa: S704


# --- where links point ------------------------------------------------------


@dataclass(frozen=True)
class PhotoSource:
    """Where a page finds a photo: a JPEG (and a WebP when there is one), and its size."""

    src: str
    webp_src: str = ""
    width: int | None = None
    height: int | None = None


class Links:
    """Where a page's links and assets point.

    The default suits one page or a flat folder of pages: ``<slug>.html``
    side by side, the style sheet beside them, photos under ``media/``.
    Exports and the preview subclass it.
    """

    # Whether pages show related articles readers cannot see yet (the editor's preview).
    preview = False

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix

    def article(self, summary: ArticleSummary) -> str | None:
        """The href of another article's page; None when it has no page here."""
        return f"{self.prefix}{article_path(summary.slug)}"

    def home(self) -> str | None:
        return None

    def section(self, name: str) -> str | None:
        return None

    def tag(self, name: str) -> str | None:
        return None

    def latest_news(self) -> str | None:
        """A page of the latest news that article pages frame in their sidebar (the static
        site's ``latest.html``); None: the sidebar lists the news feed itself."""
        return None

    def stylesheets(self) -> list[str]:
        return [f"{self.prefix}newsroom.css"]

    def inline_css(self) -> bool:
        return False

    def photo(self, use: PhotoUse) -> PhotoSource | None:
        return PhotoSource(f"{self.prefix}{media_name(use.sha256, ARTICLE_WIDTH, 'jpg')}")

    def favicon(self, theme: Theme) -> str:
        """The href of the site's icon; "" (no icon named) unless the export writes one."""
        return ""


def favicon_data_uri(svg: str) -> str:
    """The icon inside the page, for a page that travels alone (base64: nothing to escape)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def media_name(sha256: str, width: int, extension: str, tag: str = "") -> str:
    """The file name of a rendition under media/: stable, so unchanged photos are not rewritten.

    ``tag`` tells apart copies of one photo that carry different captions
    (see ``photos.library.media_tag``).
    """
    suffix = f"-{tag}" if tag else ""
    return f"media/{sha256[:20]}-{width}{suffix}.{extension}"


# --- what a page needs besides the article ------------------------------------


@dataclass
class PageContext:
    settings: Settings
    links: Links
    theme: Theme
    feed: Sequence[ArticleSummary] = ()
    # Internal related slugs (and earlier slugs) → the article they name now.
    related: Mapping[str, ArticleSummary] = field(default_factory=dict)
    sections: Sequence[str] = ()
    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def tz(self) -> tzinfo:
        return self.settings.tzinfo


def context_for(
    newsroom: Newsroom,
    article: Article,
    *,
    links: Links | None = None,
    theme: Theme | None = None,
    now: datetime | None = None,
) -> PageContext:
    """Everything ``article``'s page needs from ``newsroom`` as it stands at ``now``.

    ``now`` (default: this moment) decides which stories are live: the news
    feed and the related headlines leave out what is still scheduled.
    """
    settings = newsroom.settings()
    slugs = [entry.slug for entry in article.related if entry.is_internal]
    moment = now or datetime.now(UTC)
    return PageContext(
        settings=settings,
        links=links or Links(),
        theme=theme or load_theme(settings.theme_folder),
        feed=newsroom.news_feed(FEED_SIZE, now=moment),
        related=newsroom.lookup(slugs) if slugs else {},
        now=moment,
    )


def render_page(
    article: Article,
    newsroom: Newsroom,
    *,
    links: Links | None = None,
    theme: Theme | None = None,
    body_html: str | None = None,
    now: datetime | None = None,
) -> str:
    """The article's finished page as HTML, as it reads at ``now`` (default: this moment).

    A story scheduled after ``now`` carries an "Embargoed until …" notice.
    """
    context = context_for(newsroom, article, links=links, theme=theme, now=now)
    html = newsroom.body_html(article) if body_html is None else body_html
    return render_article(article, html, context)


def render_article(article: Article, body_html: str, context: PageContext) -> str:
    """Render with everything at hand: no database access."""
    view = article_view(article, body_html, context)
    return context.theme.render("article.html", page=page_frame(context, article), a=view)


# --- the views templates see ----------------------------------------------


class View(dict[str, Any]):
    """A dict templates read as attributes (``item.time``) without a failed lookup first.

    Jinja tries ``getattr`` before ``[]``; on a plain dict that raises and
    catches an AttributeError for every field shown, the bulk of a page's
    render time. Keys must not be dict method names (``items``, ``keys``…).
    """

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def day_label(
    day: date, lang: str = language.DEFAULT_LANGUAGE, *, current_year: int | None = None
) -> str:
    """``28 June 2021`` (Russian: ``28 июня 2021``); ``28 June`` when ``current_year`` is the day's.

    The one place a page spells a date, in the page's language. Pages give the
    year unless they pass the year they are rendered in (the newsroom's, from
    ``PageContext.now``): a date without a year is read as this year's, so it
    is wrong on a story from another.
    """
    if day.year == current_year:
        return language.day_month(day, lang)
    return language.long_date(day, lang)


def page_frame(
    context: PageContext, article: Article | None = None, *, section_page: str = ""
) -> View:
    """What the frame of every page shows: masthead, date, sections, style.

    The page is in the article's language (``lang``, ``dir``); the frame around
    it (masthead, news feed, footer) is the newsroom's, marked so by
    ``site_attrs`` when the two differ, so a screen reader reads each in its
    own voice and each runs in its own direction. The masthead marks the page's
    section (``aria-current``): the article's, or ``section_page`` on a
    section's own listing.
    """
    tz = context.tz
    when = (article.published_at if article else None) or context.now
    section = article.section if article else section_page
    site_lang = context.settings.language
    lang = article.language_or(site_lang) if article else site_lang
    return View(
        {
            "lang": lang,
            "dir": language.direction(lang),
            # On the frame's elements: the newsroom's language where the article's differs.
            "site_attrs": trusted(
                f' lang="{escape(site_lang)}" dir="{language.direction(site_lang)}"'
                if site_lang != lang
                else ""
            ),
            "newsroom": context.settings.name,
            "date_label": day_label(when.astimezone(tz).date(), site_lang),
            "year": context.now.astimezone(tz).year,
            "section": section,
            "home_href": context.links.home(),
            "sections": [
                View(name=name, href=href, current=name == section)
                for name in context.sections
                if (href := context.links.section(name))
            ],
            "stylesheets": context.links.stylesheets(),
            "favicon": context.links.favicon(context.theme),
            "inline_css": trusted(_css_for_style_element(context.theme.css))
            if context.links.inline_css()
            else "",
            "canonical": canonical_url(context.settings, article.slug) if article else "",
            "print_footer": print_footer(context.settings.name, article.slug if article else ""),
            "feed": feed_days(context.feed, context, current=article.id if article else None),
            "latest_href": context.links.latest_news() if article else None,
        }
    )


def print_footer(name: str, slug: str) -> Markup:
    """The running footer's text on paper, as a CSS string: ``"Northern Wire · some-slug"``."""
    return trusted(css_string(f"{name} \u00b7 {slug}" if slug else name))


_CSS_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,")


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string that nothing typed can break out of.

    Every character but ASCII letters, digits, space and ``-_.,`` becomes a hex
    escape, so quotes, backslashes, line breaks and ``</style>`` stay text, in a
    style sheet and in a ``<style>`` element alike. An escape ends with a space,
    which CSS reads as part of it (a space after the text's own character stays).
    """
    escaped = "".join(char if char in _CSS_PLAIN else f"\\{ord(char):x} " for char in text)
    return f'"{escaped}"'


def _css_for_style_element(css: str) -> str:
    # A style sheet cannot end the <style> element early.
    return re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)


def canonical_url(settings: Settings, slug: str) -> str:
    return article_url(settings, slug)


def article_view(article: Article, body_html: str, context: PageContext) -> View:
    settings, tz = context.settings, context.tz
    lang = article.language_or(settings.language)
    published = article.published_at
    modified = article.updated_at or context.now
    photo = _photo_view(article.photo, context)
    view = View(
        {
            "headline": article.headline,
            "subtitle": article.subtitle,
            "section": article.section,
            "section_href": context.links.section(article.section) if article.section else None,
            "byline": article.byline,
            "published_iso": published.astimezone(tz).isoformat() if published else "",
            "modified_iso": modified.astimezone(tz).isoformat(),
            "published_label": _published_label(published, modified, tz, lang),
            "updated_label": _updated_label(article, tz, lang, context.now),
            "status_note": "" if article.status.is_public else article.status.value.capitalize(),
            "embargo_note": embargo_label(published, tz, lang)
            if article.is_scheduled(context.now)
            else "",
            "photo": photo,
            "dateline": dateline_text(
                article.dateline,
                settings.dateline_style,
                default_agency=settings.agency_in(lang),
                fallback_date=(published or modified).astimezone(tz).date(),
                lang=lang,
            ),
            "lead": article.lead,
            "body_parts": body_parts(
                body_html, [q for q in article.quotes if q.pull], lead=article.lead
            ),
            "tags": [View(name=tag, href=context.links.tag(tag)) for tag in article.tags],
            "related": related_views(article, context),
            "description": description(article),
        }
    )
    view["json_ld"] = json_ld(article, view, context)
    return view


def _published_label(published: datetime | None, modified: datetime, tz: tzinfo, lang: str) -> str:
    moment = (published or modified).astimezone(tz)
    return f"{day_label(moment.date(), lang)}, {moment:%H:%M}"


def embargo_label(until: datetime | None, tz: tzinfo, lang: str = language.DEFAULT_LANGUAGE) -> str:
    """``Embargoed until 28 June 2021, 10:05 MSK``: in the newsroom's time zone, named."""
    if until is None:
        return ""
    local = until.astimezone(tz)
    zone = local.tzname() or ""
    words = language.word("embargoed", lang)
    return f"{words} {day_label(local.date(), lang)}, {local:%H:%M} {zone}".rstrip()


def _updated_label(article: Article, tz: tzinfo, lang: str, now: datetime) -> str:
    """``Updated at 14:05`` on corrected and updated articles.

    With the day when it is not the day of publication (``Updated 30 November
    at 14:05``), and its year when that is not the year at ``now``.
    """
    updated = article.updated_at
    shown = article.status is Status.CORRECTED or article.is_marked_updated
    if not shown or updated is None:
        return ""
    local = updated.astimezone(tz)
    published = article.published_at.astimezone(tz).date() if article.published_at else None
    said, at = language.word("updated", lang), language.word("at", lang)
    if published is not None and published != local.date():
        day = day_label(local.date(), lang, current_year=now.astimezone(tz).year)
        return f"{said} {day} {at} {local:%H:%M}"
    return f"{said} {at} {local:%H:%M}"


def _photo_view(use: PhotoUse | None, context: PageContext) -> View | None:
    if use is None:
        return None
    source = context.links.photo(use)
    if source is None:
        return None
    return View(
        {
            "src": source.src,
            "webp_src": source.webp_src,
            "width": source.width,
            "height": source.height,
            "absolute_src": _absolute(context.settings, source.src),
            "alt": use.alt or use.caption,
            "caption": use.caption,
            "credit": credit_line(use.credit),
        }
    )


def credit_line(credit: str) -> str:
    """``© TASS`` — without a second © when the credit has one already.

    Runs of spaces and line breaks (a credit pasted from a caption sheet) become
    one space: the line is set on one line, and read aloud, as typed words.
    """
    text = " ".join(credit.split())
    if not text:
        return ""
    if text.startswith("©") or text.lower().startswith(("(c)", "copyright")):
        return text
    return f"© {text}"


def _absolute(settings: Settings, href: str) -> str:
    """``href`` as an absolute http(s) address, or "" when it has none (no base URL, a data URI).

    For og:image and the JSON-LD image, which must be absolute: "" leaves them out.
    """
    if href.startswith(("http://", "https://")):
        return href
    if not settings.base_url or href.startswith("data:"):
        return ""
    return settings.base_url + href.removeprefix("./")


def description(article: Article) -> str:
    text = article.subtitle or article.lead
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    cut = text[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def related_views(article: Article, context: PageContext) -> list[View]:
    """The sidebar in the editor's order; internal links show the target's headline now.

    Only what readers may follow (``render.related``): an internal one whose article
    is not live is left out, except in the preview, where it is marked "not yet
    published". One the page cannot link to is plain text (``href`` None).
    """
    views = []
    readers = related_for_readers(
        article.related, context.related, context.now, preview=context.links.preview
    )
    for shown in readers.shown:
        entry, target = shown.entry, shown.target
        if target is None:
            # A link stored before links were checked as browsers read them is shown unlinked.
            href = None if http_url_problem(entry.url) else entry.url
            views.append(
                View(headline=entry.headline, subtitle=entry.subtitle, href=href, external=True,
                     unpublished=False)
            )  # fmt: skip
            continue
        href = context.links.article(target)  # None: plain text, no page to link to
        views.append(
            View(headline=target.headline, subtitle=target.subtitle, href=href, external=False,
                 unpublished=not shown.published)
        )  # fmt: skip
    return views


def feed_days(
    feed: Sequence[ArticleSummary], context: PageContext, *, current: int | None = None
) -> list[View]:
    """The news feed grouped by day in the newsroom's time zone, newest first."""
    days: list[View] = []
    for summary in feed:
        if summary.published_at is None:
            continue
        label, entry = _feed_entry(summary, context)
        if not days or days[-1]["label"] != label:
            days.append(View(label=label, entries=[]))
        if summary.id == current:
            entry = _rendered(View(entry, current=True, html=""), context.theme)
        days[-1]["entries"].append(entry)
    return days


def _rendered(entry: View, theme: Theme) -> View:
    entry["html"] = trusted(theme.feed_entry(entry))
    return entry


def _feed_entry(summary: ArticleSummary, context: PageContext) -> tuple[str, View]:
    """One line of the news feed: the same on every page, so made once and kept."""
    settings = context.settings
    href = context.links.article(summary)
    return _feed_line(summary, settings.timezone, href, context.theme, settings.language)


@lru_cache(maxsize=4096)
def _feed_line(
    summary: ArticleSummary, timezone: str, href: str | None, theme: Theme, lang: str
) -> tuple[str, View]:
    # Keyed on the whole summary (its revision included), the zone, the link and the
    # theme: a changed story or setting makes a new line. Callers must not mutate it.
    assert summary.published_at is not None
    local = summary.published_at.astimezone(ZoneInfo(timezone))
    entry = View(
        time=f"{local:%H:%M}", iso=local.isoformat(), mark=summary.mark,
        headline=summary.headline, subtitle=summary.subtitle, section=summary.section,
        href=href, current=False, html="",
        # A story in another language than the feed's says so: screen readers switch voice.
        lang=summary.language if summary.language not in ("", lang) else "",
    )  # fmt: skip
    return day_label(local.date(), lang), _rendered(entry, theme)


# --- the body with its pull quotes ---------------------------------------------

_BLOCK_TAG = re.compile(r"<(/?)(p|blockquote|ul|ol|dl|table|div|pre|figure)\b[^>]*>", re.IGNORECASE)


def body_parts(body_html: str, pull_quotes: Sequence[Quote], *, lead: str = "") -> list[View]:
    """The body split at top-level paragraphs, each pull quote set at its place.

    A quote goes after paragraph ``after_paragraph`` (0: at the top of the
    body), after the last one when the body has fewer. One the editor has not
    placed goes where ``pull_quotes.default_place`` says: never just after the
    paragraph (or the ``lead``) it repeats. Quotes at the same place keep their
    order. The body is cut only between top-level elements, so its HTML stays
    as sanitised.
    """
    if not pull_quotes:
        return [View(html=trusted(body_html), quote=None)]
    spans = _paragraph_spans(body_html)
    texts = [_text_of(body_html[start:end]) for start, end in spans]
    places = sorted(
        ((_quote_offset(quote, spans, texts, lead, len(body_html)), order, quote)
         for order, quote in enumerate(pull_quotes)),
        key=lambda place: place[:2],
    )  # fmt: skip
    parts: list[View] = []
    start = 0
    for offset, _, quote in places:
        if offset > start:
            parts.append(View(html=trusted(body_html[start:offset]), quote=None))
            start = offset
        parts.append(View(html=None, quote=quote))
    if start < len(body_html):
        parts.append(View(html=trusted(body_html[start:]), quote=None))
    return parts


def _quote_offset(
    quote: Quote,
    spans: Sequence[tuple[int, int]],
    texts: Sequence[str],
    lead: str,
    body_end: int,
) -> int:
    """Where in the body HTML a pull quote goes (see ``body_parts``)."""
    if quote.after_paragraph is None:
        if not spans:
            return body_end  # no paragraph to stand by: after whatever the body holds
        after = default_place(quote.text, texts, lead=lead)
    else:
        after = quote.after_paragraph
    if after == 0:
        return 0
    if not spans:
        return body_end
    return spans[min(after, len(spans)) - 1][1]


def paragraph_texts(body_html: str) -> list[str]:
    """The text of each top-level paragraph of a body, in order: what ``body_parts`` counts
    when it places a pull quote (the editor says where the page will set one)."""
    return [_text_of(body_html[start:end]) for start, end in _paragraph_spans(body_html)]


def _paragraph_spans(html: str) -> list[tuple[int, int]]:
    """Where each top-level ``<p>…</p>`` starts and ends (not inside a quote, list or table)."""
    spans, depth, start = [], 0, 0
    for match in _BLOCK_TAG.finditer(html):
        closing, tag = match.group(1) == "/", match.group(2).lower()
        if tag == "p":
            if depth == 0:
                if closing:
                    spans.append((start, match.end()))
                else:
                    start = match.start()
        else:
            depth = max(0, depth - 1) if closing else depth + 1
    return spans


_TAG = re.compile(r"<[^>]*>")


def _text_of(fragment: str) -> str:
    """A sanitised fragment's text: tags dropped, entities read (enough to compare words)."""
    return html_lib.unescape(_TAG.sub(" ", fragment))


# --- JSON-LD ---------------------------------------------------------------------


def json_ld(article: Article, view: Mapping[str, Any], context: PageContext) -> Markup:
    """A schema.org NewsArticle, escaped so that nothing in it can end the script element."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "dateModified": view["modified_iso"],
        "publisher": {"@type": "Organization", "name": context.settings.name},
    }
    optional = {
        "alternativeHeadline": article.subtitle,
        "description": view["description"],
        "dateline": view["dateline"],
        "datePublished": view["published_iso"],
        "articleSection": article.section,
        "keywords": ", ".join(article.tags),
    }
    data.update({key: value for key, value in optional.items() if value})
    if article.byline:
        names = byline_names(article.byline)  # each author of a shared byline
        data["author"] = [{"@type": "Person", "name": name} for name in names]
    canonical = canonical_url(context.settings, article.slug)
    if canonical:
        data["url"] = canonical
        data["mainEntityOfPage"] = {"@type": "WebPage", "@id": canonical}
    photo = view["photo"]
    if photo is not None and photo["absolute_src"]:  # an image must have an absolute URL
        image = {"@type": "ImageObject", "url": photo["absolute_src"]}
        if photo["width"] and photo["height"]:  # the size of the rendition linked
            image["width"] = photo["width"]
            image["height"] = photo["height"]
        if photo["caption"]:
            image["caption"] = photo["caption"]
        if photo["credit"]:
            image["creditText"] = photo["credit"]
        data["image"] = image
    return trusted(escape_json_for_script(data))


def escape_json_for_script(data: Any) -> str:
    """JSON whose ``<``, ``>`` and ``&`` are escaped: it cannot close or open an element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def section_slug(name: str) -> str:
    return slugify(name)
