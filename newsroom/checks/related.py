"""The related headlines: each goes somewhere readers can follow, once, and not too many."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from newsroom.article import Article, Status
from newsroom.checks.model import CheckContext, Finding, Rule, Severity, rule
from newsroom.text import link_domain


@rule(
    "related.gone",
    Severity.ERROR,
    ("related",),
    "a related headline to a killed, deleted or unknown article",
)
def target_alive(this: Rule, article: Article, context: CheckContext) -> Iterable[Finding]:
    if not context.related_known:
        return
    for index, entry in enumerate(article.related):
        if not entry.is_internal:
            continue
        status = context.related.get(entry.slug)
        if status is None:
            yield this.finding(
                f"related[{index}]",
                f"{entry.slug!r} is deleted or not in this newsroom: remove it or link another",
            )
        elif status is Status.KILLED:
            yield this.finding(
                f"related[{index}]", f"{entry.slug!r} was killed: readers must not be sent to it"
            )


@rule("related.unpublished", Severity.INFO, ("related",), "a related article not yet public")
def target_public(this: Rule, article: Article, context: CheckContext) -> Iterable[Finding]:
    for index, entry in enumerate(article.related):
        status = context.related.get(entry.slug) if entry.is_internal else None
        if status is not None and not status.is_public:
            yield this.finding(
                f"related[{index}]",
                f"{entry.slug!r} is a {status.value}: pages leave it out until it is published",
            )


@rule("related.https", Severity.WARNING, ("related",), "an outside link that is not https")
def secure_link(this: Rule, article: Article, _: CheckContext) -> Iterable[Finding]:
    for index, entry in enumerate(article.related):
        if not entry.is_internal and entry.url.lower().startswith("http://"):
            yield this.finding(
                f"related[{index}].url",
                "not https: browsers warn readers about plain http links",
                0,
                len("http://"),
                fix="https://",
            )


def _same_place(url: str) -> str:
    """A link as a reader would call it the same page: scheme, www. and a final / aside."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    return f"{link_domain(url)}{parts.path.rstrip('/')}?{parts.query}"


@rule("related.repeated", Severity.WARNING, ("related",), "one outside page linked twice")
def listed_once(this: Rule, article: Article, _: CheckContext) -> Iterable[Finding]:
    """Links written differently to the same page (the same link twice is ``integrity``'s)."""
    seen: dict[str, int] = {}
    for index, entry in enumerate(article.related):
        if entry.is_internal:
            continue
        key = _same_place(entry.url)
        first = seen.setdefault(key, index)
        if first != index and entry.url != article.related[first].url:
            yield this.finding(
                f"related[{index}]", f"goes to the page related[{first}] goes to; list it once"
            )


@rule(
    "related.too-many",
    Severity.WARNING,
    ("related",),
    "more related headlines than the house allows",
)
def not_too_many(this: Rule, article: Article, context: CheckContext) -> Iterable[Finding]:
    limit = context.settings.related_limit
    if len(article.related) > limit:
        yield this.finding(
            f"related[{limit}]",
            f"{len(article.related)} related headlines; the house shows at most {limit}",
        )
