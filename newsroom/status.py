"""An article's status, apart from the article so that light modules can name it.

``newsroom.article`` names it too; the command line's parser (the statuses
``list --status`` and ``set-status`` accept) takes it from here without
loading the article's dataclasses.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """Where an article is in its life, from wire copy in to withdrawal.

    INCOMING is a wire item as the agency sent it, not a draft of anybody's
    yet: never public, never published itself (a story is started from it).
    """

    INCOMING = "incoming"
    DRAFT = "draft"
    READY = "ready"
    PUBLISHED = "published"
    CORRECTED = "corrected"
    KILLED = "killed"

    @property
    def is_public(self) -> bool:
        """Readers can see it (it is on the site and in the news feed)."""
        return self in (Status.PUBLISHED, Status.CORRECTED)


# The statuses under which readers see a story once its publication time has come.
PUBLIC_STATUSES: tuple[Status, ...] = (Status.PUBLISHED, Status.CORRECTED)
