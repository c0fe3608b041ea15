"""Editorial checks: every rule a copy editor applies, in one place.

``check_article(article, context)`` runs every registered rule and returns
its ``Finding``s, errors first, then by field and place. The rules live in
this package, one module per family; each is declared once with ``@rule``
(``model.py``), and everything that judges an article calls them: the save
(``save_problems``: the rules that are never broken, even in a draft), the
publish gate, ``newsroom check`` and the app's Checks pane. The families
(``model.FAMILIES``) register their rules when ``RULES`` is first read, not
when this package is imported.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice

from newsroom.article import Article
from newsroom.checks.fixes import apply_fix, with_field_text
from newsroom.checks.model import RULES, CheckContext, Finding, Rule, Severity, field_text

__all__ = [
    "FINDINGS_PER_RULE",
    "RULES",
    "CheckContext",
    "Finding",
    "Rule",
    "Severity",
    "apply_fix",
    "check_article",
    "errors_of",
    "field_text",
    "save_problems",
    "with_field_text",
]


def check_article(
    article: Article, context: CheckContext | None = None, *, rules: Iterable[Rule] | None = None
) -> list[Finding]:
    """Every finding of ``rules`` (default: all) on ``article``, most serious first."""
    context = context or CheckContext()
    found: list[Finding] = []
    for each in RULES.values() if rules is None else rules:
        found.extend(_first_findings(each, article, context))
    return sorted(found, key=_order)


# A rule's findings listed at most: a pasted wall of straight quotes has a finding per
# mark, and nobody reads the thousandth. Rules yield lazily, so the rest is never made.
FINDINGS_PER_RULE = 200


def _first_findings(rule: Rule, article: Article, context: CheckContext) -> list[Finding]:
    found = list(islice(rule.check(article, context), FINDINGS_PER_RULE + 1))
    if len(found) <= FINDINGS_PER_RULE:
        return found
    last = found[FINDINGS_PER_RULE - 1]
    more = rule.finding(
        last.field,
        f"more than {FINDINGS_PER_RULE} findings of this kind: the first "
        f"{FINDINGS_PER_RULE} are listed; fix them, and the rest show",
        last.end,
        last.end,
    )
    return [*found[:FINDINGS_PER_RULE], more]


def save_problems(article: Article) -> list[Finding]:
    """What the save refuses: the rules never broken, even in a draft."""
    return check_article(article, rules=[each for each in RULES.values() if each.at_save])


def errors_of(findings: Iterable[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.severity is Severity.ERROR]


_FIELD_ORDER = (
    "slug", "headline", "subtitle", "section", "language", "byline", "dateline", "lead", "body",
    "quotes", "photo", "related", "mark", "status", "published_at", "tags",
)  # fmt: skip


def _order(finding: Finding) -> tuple[int, int, str, int]:
    head = finding.field.split(".", 1)[0].split("[", 1)[0]
    place = _FIELD_ORDER.index(head) if head in _FIELD_ORDER else len(_FIELD_ORDER)
    return (finding.severity.rank, place, finding.field, finding.start)
