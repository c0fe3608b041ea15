"""Run rules on a few words of text: what the text-rule tests share."""

from __future__ import annotations

import dataclasses
from typing import Any

from newsroom.article import Article
from newsroom.checks import RULES, CheckContext, Finding, apply_fix, check_article, field_text
from newsroom.settings import Settings

# The rules of punctuation, quotation marks and grammar (this package's text rules).
TEXT_RULES = tuple(
    rule_id
    for rule_id in RULES
    if rule_id.split(".", 1)[0] in ("punctuation", "quotation-marks", "grammar")
)


def article(body: str = "", **fields: Any) -> Article:
    fields.setdefault("headline", "Headline")
    return Article(body=body, **fields)


def findings(
    rule_ids: str | tuple[str, ...],
    body: str = "",
    *,
    settings: Settings | None = None,
    **fields: Any,
) -> list[Finding]:
    """The findings of ``rule_ids`` on an article with ``body`` (and other ``fields``)."""
    wanted = (rule_ids,) if isinstance(rule_ids, str) else rule_ids
    context = CheckContext(settings=settings or Settings())
    return check_article(article(body, **fields), context, rules=[RULES[each] for each in wanted])


def slips(rule_id: str, body: str = "", **kwargs: Any) -> list[tuple[str, str | None]]:
    """``(flagged text, fix)`` of each finding of ``rule_id`` in the body (or the field given)."""
    found = findings(rule_id, body, **kwargs)
    made = article(body, **{k: v for k, v in kwargs.items() if k != "settings"})
    return [(_text(made, each)[each.start : each.end], each.fix) for each in found]


def fixed(rule_id: str, body: str, **kwargs: Any) -> str:
    """The body with every fix of ``rule_id`` applied, last first (so offsets hold)."""
    made = article(body)
    found = findings(rule_id, body, **kwargs)
    for each in sorted(found, key=lambda finding: finding.start, reverse=True):
        made = apply_fix(made, each)
    return made.body


def with_settings(**values: Any) -> Settings:
    return dataclasses.replace(Settings(), **values)


def _text(made: Article, finding: Finding) -> str:
    text = field_text(made, finding.field)
    assert text is not None, finding
    return text
