"""The section rule: once the newsroom keeps a section list, an article's section is on it.

Without a list (``context.sections`` empty) sections are free text and
nothing is found; an empty section is left alone. A section not on the list
is an error: a typo would open a new section page on the site. The finding
names the listed section it most likely means (the same but for case,
accents or spacing, or a close spelling), and offers it as the fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from newsroom.article import Article
from newsroom.checks.model import CheckContext, Finding, Rule, Severity, rule
from newsroom.sections import closest


@rule(
    "section.unknown",
    Severity.ERROR,
    ("section",),
    "a section that is not on the newsroom's section list",
)
def unknown_section(this: Rule, article: Article, context: CheckContext) -> Iterator[Finding]:
    name = article.section
    if not context.sections or not name or name in context.sections:
        return
    meant = closest(name, context.sections)
    advice = (
        f"did you mean {meant!r}?"
        if meant is not None
        else "choose one from the list, or add it to the list"
    )
    yield this.finding(
        "section",
        f"section {name!r} is not on the newsroom's section list; {advice}",
        0,
        len(name),
        meant,
    )
