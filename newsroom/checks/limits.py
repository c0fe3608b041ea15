"""The house limits: how long a headline, subtitle and lead may be, how short a body.

The editor's counters take their colour from these same rules
(``over_limit``), so the counter and the Checks pane never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsroom.article import Article
from newsroom.checks.model import CheckContext, Finding, Rule, Severity, rule
from newsroom.editorial import count_words, word_spans


def _characters_over(this: Rule, path: str, text: str, limit: int, what: str) -> Iterable[Finding]:
    if len(text) > limit:
        over = len(text) - limit
        yield this.finding(
            path,
            f"{len(text)} characters, {over} over the {what} of {limit}",
            limit,
            len(text),
        )


@rule("limits.headline", Severity.ERROR, ("headline",), "a headline over the house limit")
def headline_limit(this: Rule, article: Article, context: CheckContext) -> Iterable[Finding]:
    limit = context.settings.headline_limit
    return _characters_over(this, "headline", article.headline, limit, "house limit")


@rule("limits.subtitle", Severity.WARNING, ("subtitle",), "a subtitle over its limit")
def subtitle_limit(this: Rule, article: Article, context: CheckContext) -> Iterable[Finding]:
    limit = context.settings.subtitle_limit
    return _characters_over(this, "subtitle", article.subtitle, limit, "limit")


@rule("limits.lead", Severity.WARNING, ("lead",), "a lead over its limit in words")
def lead_limit(this: Rule, article: Article, context: CheckContext) -> Iterable[Finding]:
    limit = context.settings.lead_word_limit
    words = count_words(article.lead)
    if words > limit:
        spans = word_spans(article.lead)
        start = spans[limit][0] if len(spans) > limit else 0
        yield this.finding(
            "lead",
            f"{words} words, {words - limit} over the limit of {limit}: "
            "move the rest into the body",
            start,
            len(article.lead),
        )


@rule("limits.body", Severity.WARNING, ("body",), "a body shorter than the house minimum")
def body_minimum(this: Rule, article: Article, context: CheckContext) -> Iterable[Finding]:
    minimum = context.settings.body_min_words
    if minimum and (words := count_words(article.body)) < minimum:
        yield this.finding("body", f"{words} words, fewer than the house minimum of {minimum}")


def over_limit(rule_: Rule, article: Article, context: CheckContext) -> Finding | None:
    """The finding of one limit rule on ``article``, or None: what a counter shows."""
    return next(iter(rule_.check(article, context)), None)
