"""Which related headlines a reader gets: the one rule for pages, the site and every export.

An internal related headline names another article of this newsroom. Readers
and partners get it only while that article is live (published or corrected,
its time come): a draft, a story that is ready or killed, one still scheduled
or one in the trash has no page a reader could open, so a link to it would be
dead. External related headlines (outside URLs) are always kept. The editor's
preview alone shows the unpublished ones too, marked as not yet published.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from newsroom.article import ArticleSummary, RelatedHeadline


@dataclass(frozen=True)
class ShownRelated:
    """A related headline as shown: an external entry, or an internal one with its article now."""

    entry: RelatedHeadline
    target: ArticleSummary | None = None  # the article an internal entry names now
    published: bool = True  # False only in the preview: the article is not live yet


@dataclass(frozen=True)
class RelatedForReaders:
    shown: tuple[ShownRelated, ...]
    left_out: int  # internal related headlines readers cannot follow


def related_for_readers(
    related: Sequence[RelatedHeadline],
    targets: Mapping[str, ArticleSummary],
    now: datetime,
    *,
    preview: bool = False,
) -> RelatedForReaders:
    """The related headlines readers get at ``now``, in the editor's order, and how many not.

    ``targets``: internal slugs (earlier slugs too) → the article they name now
    (``Newsroom.lookup``). With ``preview`` an existing article that is not
    live is shown, marked unpublished, instead of left out.
    """
    shown: list[ShownRelated] = []
    left_out = 0
    for entry in related:
        if not entry.is_internal:
            shown.append(ShownRelated(entry))
            continue
        target = targets.get(entry.slug)
        if target is not None and target.is_live(now):
            shown.append(ShownRelated(entry, target))
        elif preview and target is not None:
            shown.append(ShownRelated(entry, target, published=False))
        else:
            left_out += 1
    return RelatedForReaders(tuple(shown), left_out)


def left_out_count(
    slugs_by_article: Mapping[int, Sequence[str]],
    targets: Mapping[str, ArticleSummary],
    now: datetime,
) -> int:
    """How many internal related headlines of these articles readers do not get."""
    entries = (
        [RelatedHeadline.internal(slug) for slug in slugs] for slugs in slugs_by_article.values()
    )
    return sum(related_for_readers(related, targets, now).left_out for related in entries)


def left_out_note(count: int) -> str:
    """What an export says about them: ``left out 2 related headlines that are not published``."""
    noun = "headline" if count == 1 else "headlines"
    verb = "is" if count == 1 else "are"
    return f"left out {count} related {noun} that {verb} not published"
