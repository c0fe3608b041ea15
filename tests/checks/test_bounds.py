"""Hostile text: a field made to produce a finding at every character stays a short list."""

from __future__ import annotations

from collections import Counter

import pytest

from newsroom.article import Article
from newsroom.checks import FINDINGS_PER_RULE, CheckContext, check_article
from newsroom.checks.integrity import BODY_MAX
from newsroom.checks.quotation_marks import MARKS_READ_MAX


@pytest.mark.parametrize(
    "body",
    [
        "Yes , no " * (BODY_MAX // 9),  # a space before punctuation again and again
        "Stop.. " * (BODY_MAX // 7),
        "the the " * (BODY_MAX // 8),
        "”" * 10_000,  # closing marks that never opened
        "a apple " * (BODY_MAX // 8),
    ],
    ids=["spaces", "stops", "repeats", "strays", "a-an"],
)
def test_a_rule_lists_its_first_findings_and_says_there_are_more(body: str) -> None:
    findings = check_article(Article(headline="h", body=body), CheckContext())
    per_rule = Counter(finding.rule for finding in findings)
    assert max(per_rule.values()) == FINDINGS_PER_RULE + 1
    capped = next(rule for rule, count in per_rule.items() if count > FINDINGS_PER_RULE)
    [more] = [f for f in findings if f.rule == capped and "more than" in f.message]
    assert f"more than {FINDINGS_PER_RULE} findings" in more.message


def test_a_wall_of_quotation_marks_is_read_to_a_bound() -> None:
    body = "“" * (MARKS_READ_MAX * 10)  # each opens, none closes: one paragraph, never prose
    [finding] = [f for f in check_article(Article(headline="h", body=body)) if f.field == "body"]
    assert finding.rule == "quotation-marks.unmatched"
    assert f"more than {MARKS_READ_MAX:,} quotation marks" in finding.message


def test_prose_is_never_near_the_bounds(clean: Article) -> None:
    marks = sum(clean.body.count(mark) for mark in "“”‘’\"'«»„")
    assert marks < MARKS_READ_MAX // 20
