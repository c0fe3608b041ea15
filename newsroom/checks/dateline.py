"""The dateline: where and when the story was filed, against when it is published."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from newsroom.article import Article
from newsroom.checks.model import CheckContext, Finding, Rule, Severity, rule


def _publication_date(article: Article, context: CheckContext) -> date | None:
    """The day the story is (or would be) published, in the newsroom's time zone."""
    moment = article.published_at or context.now
    if moment is None:
        return None
    return moment.astimezone(context.settings.tzinfo).date()


@rule("dateline.city", Severity.WARNING, ("dateline.city",), "a dateline without a city")
def city_given(this: Rule, article: Article, _: CheckContext) -> Iterable[Finding]:
    if not article.dateline.city:
        yield this.finding("dateline.city", "the dateline has no city: where was it filed?")


@rule("dateline.date", Severity.INFO, ("dateline.date",), "a dateline without a date")
def date_given(this: Rule, article: Article, _: CheckContext) -> Iterable[Finding]:
    if article.dateline.date is None:
        yield this.finding(
            "dateline.date", "the dateline has no date: pages print the publication date"
        )


@rule("dateline.future", Severity.ERROR, ("dateline.date",), "a dateline after publication")
def not_after_publication(this: Rule, article: Article, context: CheckContext) -> Iterable[Finding]:
    filed, published = article.dateline.date, _publication_date(article, context)
    if filed is not None and published is not None and filed > published:
        yield this.finding(
            "dateline.date",
            f"dated {filed.isoformat()}, after its publication on {published.isoformat()}",
        )


@rule("dateline.stale", Severity.WARNING, ("dateline.date",), "a dateline days before publication")
def not_stale(this: Rule, article: Article, context: CheckContext) -> Iterable[Finding]:
    days = context.settings.dateline_stale_days
    filed, published = article.dateline.date, _publication_date(article, context)
    if not days or filed is None or published is None:
        return
    age = (published - filed).days
    if age > days:
        yield this.finding(
            "dateline.date",
            f"dated {filed.isoformat()}, {age} days before publication "
            f"(the house allows {days}): stale copy, or a date to update",
        )
