"""Stories started from wire items: the desk's side of the incoming queue.

A wire item (``Status.INCOMING``) is the agency's text and stays as the agency
sent it: nobody edits it, and a newer version from the agency replaces its
text as a revision. An editor *starts a story* from it: a new draft carrying
the item's text, dateline, photo (the same stored photo, its caption and
credit kept) and related headlines, whose ``source`` is a copy of the item's
``WireSource``. That copy is the link between the two (same agency and item
id) and the provenance the story's exports carry.
"""

from __future__ import annotations

from newsroom.article import Article, Status, WireSource
from newsroom.errors import ValidationError
from newsroom.storage.reads import Found


def story_from(item: Article) -> Article:
    """The new draft an editor starts from the wire item ``item`` (not yet saved)."""
    if item.status is not Status.INCOMING or item.source is None:
        raise ValidationError.single(
            "", f"{item.slug} is not an incoming wire item: only wire items start stories"
        )
    if item.source.is_withdrawn:
        raise ValidationError.single(
            "", f"{item.slug}: {withdrawn_message(item.source)}: no story may be started from it"
        )
    return item.duplicate().with_changes(source=item.source)


def withdrawn_message(source: WireSource) -> str:
    """``AP canceled this item (version 5)``: what the agency did with a wire item."""
    version = f" (version {source.version})" if source.version else ""
    return f"{source.agency or 'the agency'} {source.pubstatus} this item{version}"


def started_summary(source: WireSource) -> str:
    """The first revision's summary: ``started from AP item urn:… v2``."""
    agency = source.agency or "the agency's"
    version = f" v{source.version}" if source.version else ""
    return f"started from {agency} item {source.item_id}{version}"


def refuse_edit(found: Found) -> None:
    """Refuse an editor's change to a wire item: it stays as the agency sent it."""
    if found.status is Status.INCOMING:
        raise ValidationError.single("", read_only_message(found.slug))


def read_only_message(slug: str) -> str:
    return f"{slug} is an incoming wire item: start a story from it to edit"
