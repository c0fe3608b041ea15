"""The rule ``section.unknown``: a section not on the newsroom's list, once there is one."""

from __future__ import annotations

from newsroom.article import Article
from newsroom.checks import RULES, CheckContext, apply_fix, check_article
from newsroom.checks.model import Severity
from newsroom.store import Newsroom

LISTED = ("Politics", "Sport", "Économie", "World")
RULE = [RULES["section.unknown"]]


def findings(section: str, sections: tuple[str, ...] = LISTED) -> list:
    article = Article(headline="A story", section=section)
    return check_article(article, CheckContext(sections=sections), rules=RULE)


def test_a_section_not_on_the_list_is_an_error() -> None:
    [found] = findings("Culture")
    assert (found.rule, found.severity, found.field) == (
        "section.unknown",
        Severity.ERROR,
        "section",
    )
    assert (found.start, found.end, found.fix) == (0, len("Culture"), None)
    assert found.message == (
        "section 'Culture' is not on the newsroom's section list; "
        "choose one from the list, or add it to the list"
    )


def test_the_close_name_is_suggested_and_is_the_fix() -> None:
    assert [f.fix for f in findings("politics")] == ["Politics"]
    assert [f.fix for f in findings("ECONOMIE")] == ["Économie"]
    assert [f.fix for f in findings("Sprot")] == ["Sport"]
    assert [f.fix for f in findings("Wrold ")] == ["World"]
    [found] = findings("Politcs")
    assert found.message.endswith("did you mean 'Politics'?")
    fixed = apply_fix(Article(headline="A story", section="Politcs"), found)
    assert fixed.section == "Politics"
    assert findings(fixed.section) == []


def test_nothing_is_found_on_the_list_without_a_list_or_without_a_section() -> None:
    for section in LISTED:
        assert findings(section) == []
    assert findings("Anything at all", sections=()) == []
    assert findings("") == []


def test_with_the_newsrooms_own_list(newsroom: Newsroom) -> None:
    newsroom.add_section("Sport")
    newsroom.rename_section("Sport", "Sports")
    context = CheckContext(sections=tuple(s.name for s in newsroom.section_list()))
    article = newsroom.create(Article(headline="Old habits", section="Sport"))
    assert [f.fix for f in check_article(article, context, rules=RULE)] == ["Sports"]
