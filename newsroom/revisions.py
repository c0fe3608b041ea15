"""Revisions: what a saved state of an article keeps, and how it is summed up.

A revision keeps the article's content in the JSON article format (photo by
its SHA-256), compressed. The format is Newsroom's stable contract, so a
revision written years ago still reads after any schema change.
"""

from __future__ import annotations

import json
import threading
import zlib
from collections.abc import Callable, Sequence
from typing import Any

from newsroom.article import Article
from newsroom.article_json import content_to_json

# How each field is named in a revision summary: the house words.
FIELD_NAMES = {
    "slug": "slug",
    "headline": "headline",
    "subtitle": "subtitle",
    "section": "section",
    "language": "language",
    "byline": "byline",
    "dateline": "dateline",
    "lead": "lead",
    "body": "body",
    "quotes": "quotes",
    "photo": "photo",
    "related": "related headlines",
    "mark": "mark",
    "published_at": "publication time",
    "tags": "tags",
    "source": "wire source",
}


# zlib's level: the snapshots' format (any level reads back).
LEVEL = 6
# From this many snapshots on, they are compressed on a thread of their own (a big import).
THREADED_SNAPSHOTS = 200


def encode_snapshot(article: Article) -> bytes:
    return zlib.compress(_snapshot_json(article), LEVEL)


def _snapshot_json(article: Article) -> bytes:
    return json.dumps(content_to_json(article), ensure_ascii=False).encode("utf-8")


def encode_snapshots_meanwhile(articles: Sequence[Article]) -> Callable[[], list[bytes]]:
    """Start making the snapshots of ``articles``; the call returned waits for them.

    A big import writes a thousand articles while their snapshots compress:
    zlib lets go of the interpreter while it works, and so does SQLite while
    it indexes them, so the two share the machine's cores. Fewer than
    ``THREADED_SNAPSHOTS`` are made at once, here (one article saved).
    """
    documents = [_snapshot_json(article) for article in articles]
    if len(documents) < THREADED_SNAPSHOTS:
        made = [zlib.compress(document, LEVEL) for document in documents]
        return lambda: made
    compressed: list[bytes] = []
    failed: list[BaseException] = []

    def compress() -> None:
        try:
            compressed.extend(zlib.compress(document, LEVEL) for document in documents)
        except BaseException as error:  # told to the caller, who waits for it
            failed.append(error)

    thread = threading.Thread(target=compress, name="snapshots", daemon=True)
    thread.start()

    def wait() -> list[bytes]:
        thread.join()
        if failed:
            raise failed[0]
        return compressed

    return wait


def decode_snapshot(blob: bytes) -> dict[str, Any]:
    content = json.loads(zlib.decompress(blob).decode("utf-8"))
    if not isinstance(content, dict):
        raise ValueError("a revision snapshot must hold an article object")
    return content


def changed_fields(old: Article, new: Article) -> list[str]:
    """The content fields that differ between two states, in the format's order."""
    before, after = content_to_json(old), content_to_json(new)
    return [key for key in before if before[key] != after[key]]


def describe_changes(old: Article, new: Article, reason: str = "") -> str:
    """A short summary such as ``Status: draft → published; edited headline, body``.

    A ``reason`` (why the status changed) ends it: ``…. Reason: legal hold``.
    """
    changed = changed_fields(old, new)
    parts = []
    if "status" in changed:
        parts.append(f"Status: {old.status.value} → {new.status.value}")
    edited = [FIELD_NAMES[key] for key in changed if key in FIELD_NAMES]
    if edited:
        parts.append(("edited " if parts else "Edited ") + ", ".join(edited))
    summary = "; ".join(parts)
    return f"{summary}. Reason: {reason}" if reason else summary
