"""The rules never broken, even in a draft: what storage and every export can hold.

Text without characters XML and PostgreSQL refuse, within the lengths below,
a headline, slugs that are slugs, quotes with words, related headlines that
go somewhere (a slug of this newsroom, or an outside story with a headline
and an http(s) link a browser reads as we do), each listed once and never the
article itself. The JSON article format (``article_json``) reads files with
these same functions, and the save runs these rules (``save_problems``), so
a file and an edit in the window obey one set of rules.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence

from newsroom.article import Article, Dateline, PhotoUse, Quote, RelatedHeadline
from newsroom.checks.model import CheckContext, Finding, Rule, Severity, rule
from newsroom.language import language_problem
from newsroom.slug import slug_problem
from newsroom.text import forbidden_character, http_url_problem, one_line

# Longest accepted values, in characters: generous for any real story,
# small enough that a pasted file or a runaway script is caught.
LINE_MAX = 2_000
MARK_MAX = 40
LEAD_MAX = 20_000
BODY_MAX = 1_000_000  # 160,000 words; the worst Markdown within the render limits costs ~25 s
QUOTE_MAX = 20_000
# The furthest place a pull quote may name: far beyond any real body's paragraphs.
PARAGRAPH_MAX = 1_000_000


def text_problem(text: str, limit: int) -> str | None:
    """Why ``text`` cannot be stored (a forbidden character, too long), or None."""
    return forbidden_character(text) or length_problem(text, limit)


def length_problem(text: str, limit: int) -> str | None:
    """Why ``text`` is too long for a field that holds ``limit`` characters, or None."""
    if len(text) > limit:
        return f"at most {limit} characters (this has {len(text)})"
    return None


def same_story_as(entries: Sequence[RelatedHeadline]) -> Iterator[tuple[int, int]]:
    """``(index, first_index)`` of each related entry that repeats an earlier one."""
    seen: dict[tuple[str, str], int] = {}
    for index, entry in enumerate(entries):
        key = (entry.slug, entry.url)
        if key in seen:
            yield index, seen[key]
        else:
            seen[key] = index


def related_entry_problems(entry: RelatedHeadline) -> list[tuple[str, str]]:
    """``(field, message)`` for what makes one related entry unusable; [] when it is fine."""
    if entry.is_internal:
        problem = slug_problem(entry.slug)
        return [("slug", problem)] if problem else []
    problems: list[tuple[str, str]] = []
    if not entry.headline:
        problems.append(("headline", "an outside story needs its headline"))
    url_problem = http_url_problem(entry.url)
    if url_problem:
        problems.append(("url", url_problem))
    return problems


def _limited_fields(article: Article) -> Iterator[tuple[str, str, int]]:
    """Every text field with the most characters it may hold."""
    for name in ("slug", "headline", "subtitle", "section", "byline"):
        yield name, getattr(article, name), LINE_MAX
    yield "mark", article.mark, MARK_MAX
    yield "lead", article.lead, LEAD_MAX
    yield "body", article.body, BODY_MAX
    dateline = article.dateline
    yield "dateline.city", dateline.city, LINE_MAX
    yield "dateline.agency", dateline.agency, LINE_MAX
    for index, tag in enumerate(article.tags):
        yield f"tags[{index}]", tag, LINE_MAX
    for index, quote in enumerate(article.quotes):
        yield f"quotes[{index}].text", quote.text, QUOTE_MAX
        yield f"quotes[{index}].speaker", quote.speaker, LINE_MAX
        yield f"quotes[{index}].role", quote.role, LINE_MAX
    if article.photo is not None:
        yield "photo.caption", article.photo.caption, LEAD_MAX
        yield "photo.credit", article.photo.credit, LINE_MAX
        yield "photo.alt", article.photo.alt, LEAD_MAX
    for index, entry in enumerate(article.related):
        if not entry.is_internal:
            yield f"related[{index}].headline", entry.headline, LINE_MAX
            yield f"related[{index}].subtitle", entry.subtitle, LINE_MAX
            yield f"related[{index}].url", entry.url, LINE_MAX


@rule(
    "integrity.text",
    Severity.ERROR,
    ("*",),
    "text that cannot be stored: a control character, or longer than a field holds",
    at_save=True,
)
def storable_text(this: Rule, article: Article, _: CheckContext) -> Iterable[Finding]:
    for path, text, limit in _limited_fields(article):
        problem = text_problem(text, limit)
        if problem:
            yield this.finding(path, problem, 0, len(text))


@rule("integrity.headline", Severity.ERROR, ("headline",), "an empty headline", at_save=True)
def headline_given(this: Rule, article: Article, _: CheckContext) -> Iterable[Finding]:
    if not article.headline:
        yield this.finding("headline", "a headline cannot be empty")


@rule("integrity.slug", Severity.ERROR, ("slug",), "a slug that is not a slug", at_save=True)
def usable_slug(this: Rule, article: Article, _: CheckContext) -> Iterable[Finding]:
    problem = slug_problem(article.slug) if article.slug else None
    if problem:
        yield this.finding("slug", problem, 0, len(article.slug))


@rule(
    "integrity.language",
    Severity.ERROR,
    ("language",),
    "a language that is not a BCP 47 tag",
    at_save=True,
)
def usable_language(this: Rule, article: Article, _: CheckContext) -> Iterable[Finding]:
    problem = language_problem(article.language) if article.language else ""
    if problem:
        yield this.finding("language", problem, 0, len(article.language))


def place_problem(place: int | None) -> str | None:
    """Why a pull quote's ``after_paragraph`` cannot be stored, or None."""
    if place is None or 0 <= place <= PARAGRAPH_MAX:
        return None
    return f"expected a whole number from 0 to {PARAGRAPH_MAX}, got {place!r}"


@rule(
    "integrity.quote",
    Severity.ERROR,
    ("quotes",),
    "a quote without its words, or placed nowhere",
    at_save=True,
)
def usable_quote(this: Rule, article: Article, _: CheckContext) -> Iterable[Finding]:
    for index, quote in enumerate(article.quotes):
        if not quote.text:
            yield this.finding(f"quotes[{index}].text", "a quote needs its text")
        problem = place_problem(quote.after_paragraph)
        if problem:
            yield this.finding(f"quotes[{index}].after_paragraph", problem)


@rule(
    "integrity.related",
    Severity.ERROR,
    ("related",),
    "a related headline that goes nowhere, repeats another or is the article itself",
    at_save=True,
)
def usable_related(this: Rule, article: Article, _: CheckContext) -> Iterable[Finding]:
    for index, entry in enumerate(article.related):
        for name, message in related_entry_problems(entry):
            yield this.finding(f"related[{index}].{name}", message)
        if entry.is_internal and article.slug and entry.slug == article.slug:
            yield this.finding(f"related[{index}].slug", "an article cannot be related to itself")
    for index, first in same_story_as(article.related):
        yield this.finding(f"related[{index}]", f"the same story as related[{first}]; list it once")


# --- the clean-ups every saved article gets ---------------------------------------------


def normalised(article: Article) -> Article:
    """``article`` as stored: single-line fields trimmed to one line, tags once each.

    Text keeps every character typed (markup included); only line breaks in
    fields that are one line become spaces, as the JSON article format reads them.
    An article already so (every one read from a file) comes back as it is.
    """
    cleaned: dict[str, object] = {
        "slug": one_line(article.slug), "headline": one_line(article.headline),
        "subtitle": one_line(article.subtitle), "section": one_line(article.section),
        "byline": one_line(article.byline), "mark": one_line(article.mark),
        "tags": unique_tags(article.tags), "dateline": _one_line_dateline(article.dateline),
        "quotes": tuple(_one_line_quote(quote) for quote in article.quotes),
        "photo": _one_line_photo(article.photo),
        "related": tuple(_one_line_related(entry) for entry in article.related),
    }  # fmt: skip
    changes = {name: value for name, value in cleaned.items() if getattr(article, name) != value}
    return article.with_changes(**changes) if changes else article


def unique_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as one line each, in order, without blanks or repeats (case-insensitively)."""
    kept: list[str] = []
    seen: set[str] = set()
    for tag in map(one_line, tags):
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            kept.append(tag)
    return tuple(kept)


def _one_line_dateline(dateline: Dateline) -> Dateline:
    city, agency = one_line(dateline.city), one_line(dateline.agency)
    if (city, agency) == (dateline.city, dateline.agency):
        return dateline
    return dataclasses.replace(dateline, city=city, agency=agency)


def _one_line_quote(quote: Quote) -> Quote:
    return dataclasses.replace(quote, speaker=one_line(quote.speaker), role=one_line(quote.role))


def _one_line_photo(photo: PhotoUse | None) -> PhotoUse | None:
    if photo is None:
        return None
    return dataclasses.replace(photo, credit=one_line(photo.credit), alt=one_line(photo.alt))


def _one_line_related(entry: RelatedHeadline) -> RelatedHeadline:
    return RelatedHeadline(
        slug=one_line(entry.slug), headline=one_line(entry.headline),
        subtitle=one_line(entry.subtitle), url=one_line(entry.url),
    )  # fmt: skip
