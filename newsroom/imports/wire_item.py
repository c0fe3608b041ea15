"""What a wire reader found beside the article: where the item came from, and what it left out.

The article itself goes on as a dict in the JSON article format
(``article_json.read_articles`` checks it). The source is not stored in the
article yet: the provenance fields need a migration (a later part of issue
14), so readers return it here for the caller to keep or show. Warnings are
one line each, naming what was left out and why (a photo the file refers to
but does not carry); the import goes on without it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class WireSource:
    """Where a wire item came from: the agency, the item's id and version, the file's name."""

    agency: str = ""
    item_id: str = ""
    version: int | None = None
    file: str = ""


@dataclass(frozen=True)
class WireRead:
    """One article as a wire reader read it, with what the article has no field for yet."""

    article: dict[str, Any]
    source: WireSource = field(default_factory=WireSource)
    warnings: tuple[str, ...] = ()
    # The writer's title from the byline (AP's ``byttl``: "AP Business Writer"): kept
    # apart from the name, never glued to it; the article has no field for it yet.
    byline_title: str = ""
