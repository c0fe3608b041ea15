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

from collections.abc import Iterable, Iterator, Sequence

from newsroom.article import Article, RelatedHeadline
from newsroom.checks.model import CheckContext, Finding, Rule, Severity, rule
from newsroom.slug import slug_problem
from newsroom.text import forbidden_character, http_url_problem

# Longest accepted values, in characters: generous for any real story,
# small enough that a pasted file or a runaway script is caught.
LINE_MAX = 2_000
MARK_MAX = 40
LEAD_MAX = 20_000
BODY_MAX = 1_000_000  # 160,000 words; the worst Markdown within the render limits costs ~25 s
QUOTE_MAX = 20_000


def text_problem(text: str, limit: int) -> str | None:
    """Why ``text`` cannot be stored (a forbidden character, too long), or None."""
    bad = forbidden_character(text)
    if bad:
        return bad
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


@rule("integrity.quote", Severity.ERROR, ("quotes",), "a quote without its words", at_save=True)
def quote_has_words(this: Rule, article: Article, _: CheckContext) -> Iterable[Finding]:
    for index, quote in enumerate(article.quotes):
        if not quote.text:
            yield this.finding(f"quotes[{index}].text", "a quote needs its text")


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
