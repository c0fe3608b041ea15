"""A story started from a wire item the agency has since taken back.

An agency withholds or cancels an item (a kill) when it must not be used:
a legal problem, a wrong fact, a hoax. The kill updates the wire item
(``wire kill v3 from AP: canceled``) but never the editor's story, so the
story is judged by the item as it stands now (``CheckContext.wire_items``).
"""

from __future__ import annotations

from collections.abc import Iterable

from newsroom.article import Article
from newsroom.checks.model import CheckContext, Finding, Rule, Severity, rule


@rule(
    "source.withdrawn",
    Severity.ERROR,
    ("source",),
    "a story from a wire item the agency withheld or canceled",
)
def source_withdrawn(this: Rule, article: Article, context: CheckContext) -> Iterable[Finding]:
    source = article.source
    if source is None:
        return
    now = context.wire_items.get((source.agency, source.item_id))
    if now is None or not now.is_withdrawn:
        return
    version = f" (version {now.version})" if now.version else ""
    yield this.finding(
        "source",
        f"{now.agency or 'the agency'} {now.pubstatus} wire item {now.item_id}{version}, "
        "which this story was started from: check with the agency before it goes out",
    )
