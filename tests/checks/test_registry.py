"""The rule registry: families register on first use, always in the same order."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable

import pytest

from newsroom.article import Article
from newsroom.checks import RULES, CheckContext, Finding, Rule, Severity
from newsroom.checks.model import FAMILIES, rule
from tests.helpers import ROOT

# Imports some modules, then reports which families had loaded and, after reading RULES once,
# the rule ids in order.
REPORT = """
import json, sys
for name in {imports!r}:
    __import__(name)
loaded = sorted(m for m in sys.modules if m.startswith("newsroom.checks."))
from newsroom.checks import RULES
print(json.dumps({{"loaded": loaded, "rules": list(RULES)}}))
"""


def report(*imports: str) -> dict[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", REPORT.format(imports=list(imports))],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    answer: dict[str, list[str]] = json.loads(done.stdout)
    return answer


def test_importing_the_checks_registers_no_family_until_the_rules_are_read() -> None:
    loaded = report("newsroom.checks", "newsroom.article_json")["loaded"]
    families = {f"newsroom.checks.{family}" for family in FAMILIES}
    # The JSON format uses the save's limits, in integrity; no other family comes with it.
    assert sorted(families & set(loaded)) == ["newsroom.checks.integrity"]


def test_the_rules_are_in_family_order_whichever_family_came_first() -> None:
    plain = report("newsroom.checks")["rules"]
    assert report("newsroom.checks.spelling", "newsroom.checks.integrity")["rules"] == plain
    assert report("newsroom.article_json", "newsroom.checks.wire")["rules"] == plain
    families = [rule_id.split(".")[0] for rule_id in plain]
    assert families[0] == "dateline" and families[-1] == "source"  # wire's rules say source
    assert len(plain) == len(set(plain)) == len(RULES)


def test_a_rule_registered_later_is_listed_after_the_families() -> None:
    @rule("test.later", Severity.INFO, ("body",), "a rule of no family")
    def later(this: Rule, article: Article, _: CheckContext) -> Iterable[Finding]:
        yield from ()

    try:
        assert list(RULES)[-1] == "test.later" and RULES["test.later"] is later
        with pytest.raises(ValueError, match="declared twice"):
            rule("test.later", Severity.INFO, ("body",), "again")(lambda *_: iter(()))
    finally:
        RULES.pop("test.later")
    assert "test.later" not in RULES
