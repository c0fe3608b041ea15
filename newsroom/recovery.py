"""Crash recovery: what the editor typed, kept on disk until the newsroom has it.

The app autosaves a few seconds after typing stops, but a crash, a power
cut or a newsroom that refuses the write (locked, read-only, disk full) can
come first. So every change is also written, within about a second, to a
small journal file outside the newsroom — one per newsroom, in the user's
state folder — and removed once the save has landed. On the next start,
drafts still in the journal that differ from what the newsroom holds are
offered back.

The journal keeps each draft in the JSON article format (``content_to_json``)
with its article id and the revision it was based on, written to a
temporary file and renamed, so a crash while writing leaves the previous
journal whole. Drafts are read back leniently: an unsaved draft may not yet
pass the checks a save makes (a new article without a headline), and
recovery must not refuse what the editor typed.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import platformdirs

from newsroom.article import Article, Dateline, PhotoUse, Quote, RelatedHeadline, Status
from newsroom.article_json import content_to_json

JOURNAL_VERSION = 1


def default_folder() -> Path:
    return Path(platformdirs.user_state_dir("newsroom", appauthor=False)) / "recovery"


@dataclass(frozen=True)
class Draft:
    """Unsaved work on one article. ``article.id`` is None for an article never saved."""

    key: str  # "article-<id>" or "new-<n>": one draft per open article
    article: Article
    written_at: datetime


class Journal:
    """The recovery journal of one newsroom (named by its location)."""

    def __init__(self, newsroom_location: str, folder: Path | None = None) -> None:
        digest = hashlib.sha256(newsroom_location.encode("utf-8")).hexdigest()[:16]
        self.folder = folder or default_folder()
        self.path = self.folder / f"{digest}.json"
        self.location = newsroom_location

    def record(self, key: str, article: Article) -> None:
        """Keep ``article`` as the draft under ``key``, replacing an earlier one."""
        drafts = self._read()
        drafts[key] = {
            "id": article.id,
            "revision": article.revision,
            "written_at": datetime.now(UTC).isoformat(),
            "content": content_to_json(article),
        }
        self._write(drafts)

    def forget(self, key: str) -> None:
        """The draft has been saved (or thrown away): drop it."""
        drafts = self._read()
        if drafts.pop(key, None) is not None:
            self._write(drafts)

    def drafts(self) -> list[Draft]:
        """Every draft in the journal, newest first."""
        found = [_draft(key, entry) for key, entry in self._read().items()]
        return sorted(
            (draft for draft in found if draft is not None),
            key=lambda draft: draft.written_at,
            reverse=True,
        )

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)

    def _read(self) -> dict[str, Any]:
        try:
            document = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # no journal, or one we cannot read: nothing to offer
        if not isinstance(document, dict) or document.get("version") != JOURNAL_VERSION:
            return {}
        drafts = document.get("drafts")
        return dict(drafts) if isinstance(drafts, dict) else {}

    def _write(self, drafts: Mapping[str, Any]) -> None:
        if not drafts:
            self.clear()
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        document = {"version": JOURNAL_VERSION, "newsroom": self.location, "drafts": drafts}
        temporary = self.path.with_suffix(".tmp")
        with temporary.open("w", encoding="utf-8") as file:
            json.dump(document, file, ensure_ascii=False)
            file.flush()
            os.fsync(file.fileno())
        temporary.replace(self.path)


def _draft(key: str, entry: Any) -> Draft | None:
    try:
        article = article_from_content(entry["content"]).with_changes(
            id=entry.get("id"), revision=int(entry.get("revision") or 0)
        )
        written_at = datetime.fromisoformat(entry["written_at"])
    except (KeyError, TypeError, ValueError, AttributeError):
        return None  # a damaged entry is skipped, the others are still offered
    return Draft(key=key, article=article, written_at=written_at)


def article_from_content(content: Mapping[str, Any]) -> Article:
    """An article from ``content_to_json`` output, without the checks a save makes."""
    dateline = content.get("dateline") or {}
    photo = content.get("photo")
    published = content.get("published_at")
    return Article(
        headline=str(content.get("headline", "")),
        slug=str(content.get("slug", "")),
        subtitle=str(content.get("subtitle", "")),
        section=str(content.get("section", "")),
        byline=str(content.get("byline", "")),
        tags=tuple(str(tag) for tag in content.get("tags", ())),
        dateline=Dateline(
            city=str(dateline.get("city", "")),
            date=date.fromisoformat(dateline["date"]) if dateline.get("date") else None,
            agency=str(dateline.get("agency", "")),
        ),
        lead=str(content.get("lead", "")),
        body=str(content.get("body", "")),
        quotes=tuple(Quote(**quote) for quote in content.get("quotes", ())),
        photo=None if not photo else PhotoUse(**photo),
        related=tuple(RelatedHeadline(**entry) for entry in content.get("related", ())),
        mark=str(content.get("mark", "")),
        status=Status(content.get("status", "draft")),
        published_at=datetime.fromisoformat(published) if published else None,
    )


def differs_from_saved(draft: Article, saved: Article) -> bool:
    """Whether the draft holds anything the saved article does not."""
    return content_to_json(draft) != content_to_json(saved)
