"""The story the related-headline tests edit, its related headlines and a pane that answers by itself."""

from __future__ import annotations

from typing import Any, ClassVar

from newsroom.article import RelatedHeadline
from ui.related.pane import RelatedPane

WALRUS = "walrus-count-arctic-station"
SNOW = "first-snow-northern-regions"
TRAM = "kazan-approves-river-tram-line"
GUIDE = RelatedHeadline.external(
    "How walruses are counted from the air",
    "https://example.org/walrus-surveys",
    subtitle="A guide to aerial wildlife surveys",
)


class Answers(RelatedPane):
    """A pane whose outside-story dialog answers from a list instead of asking."""

    answers: ClassVar[list[tuple[str, str, str] | None]] = []

    @classmethod
    def ask_external(cls, parent: Any) -> tuple[str, str, str] | None:
        return cls.answers.pop(0)


def order(pane: RelatedPane) -> list[str]:
    return [entry.slug or entry.url for entry in pane.related()]


START = [SNOW, GUIDE.url, TRAM, "no-such-story"]
