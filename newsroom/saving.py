"""Saving articles with their body HTML: the writer's rules, then the renderer, then the write.

Storage never renders (``tests/test_boundaries.py`` keeps it so): the body's
HTML is made here, above it, and handed to the ``Writer`` as a value. New
articles are checked first, so a refused slug costs no rendering, then
rendered together (on every core for a big import: ``render.bodies``). An
update renders its body only when the body changed or its stored HTML came
from an older renderer; a change of status or headline leaves the HTML as it is.

The renderer (python-markdown, the worker processes) is imported when a body
is rendered, not with this module: commands that only read never load it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from sqlalchemy.engine import Connection

from newsroom.article import Article
from newsroom.storage import reads
from newsroom.storage.reads import Found
from newsroom.storage.writer import BodyHtml, Change, Writer

if TYPE_CHECKING:
    from newsroom.render.bodies import Rendered


def create_articles(
    writer: Writer,
    articles: Sequence[Article],
    *,
    summary: str,
    paths: Sequence[str] = (),
    rendered: Mapping[str, Rendered] | None = None,
) -> list[Article]:
    """Save new articles, all in one go; ``paths`` prefix each one's problems (``[3].body``).

    ``rendered`` holds bodies rendered beforehand (``render_ahead``), by their text.
    """
    from newsroom.render.bodies import render_bodies
    from newsroom.render.body import RENDER_VERSION

    prepared = writer.prepare_new(articles, paths)
    html = render_bodies([article.body for article in prepared], paths, rendered)
    bodies = [BodyHtml(made, RENDER_VERSION) for made in html]
    return writer.insert_new(prepared, bodies, summary=summary)


def update_article(
    writer: Writer, found: Found, article: Article, *, summary: str = "", reason: str = ""
) -> Article:
    """Save ``article`` over the stored one; no revision (and no rendering) when nothing changed."""
    change = writer.check_update(found, article, reason=reason)
    if not change.changed:
        return change.current
    return writer.write_update(change, _saved_body(writer.db, change), summary=summary)


def stored_html(connection: Connection, article_id: int, body: str) -> str | None:
    """The HTML stored with the article when it is ``body``'s, made by this renderer; else None."""
    from newsroom.render.body import RENDER_VERSION

    stored = reads.stored_body(connection, article_id)
    if stored is None:
        return None
    stored_text, html, version = stored
    return html if stored_text == body and version == RENDER_VERSION else None


def _saved_body(connection: Connection, change: Change) -> BodyHtml | None:
    """The HTML to store with the change; None keeps the stored HTML, still the renderer's own."""
    from newsroom.render.body import RENDER_VERSION, render_body_live

    body = change.article.body
    if not change.body_changed and stored_html(connection, change.found.id, body) is not None:
        return None
    # One article saved from the editor: its unchanged blocks are in the cache.
    return BodyHtml(render_body_live(body), RENDER_VERSION)
