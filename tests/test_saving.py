"""Saving with the body's HTML made above storage (newsroom/saving.py).

The stored HTML is the renderer's (with its version), it is made again only
when the body changed or an older renderer made it, and a bad input is
refused by the writer's rules before any body is rendered.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsroom.article import Article, Status
from newsroom.errors import ValidationError
from newsroom.render.bodies import PARALLEL_BODIES
from newsroom.render.body import RENDER_VERSION, render_body
from newsroom.storage.packing import pack_html, unpack_html
from newsroom.store import Newsroom

BODY = "A first paragraph.\n\nA second, with a footnote.[^1]\n\n[^1]: The note."
# What no renderer makes: seeing it after a write means the write did not render.
KEPT = "<p>kept as stored</p>"
UNCLOSED_LINKS = "[a](" * 8_000  # refused by the render limits


def html_in_file(db_path: Path, slug: str) -> tuple[str | None, int]:
    """The stored HTML (packed against the stored body) and its render version."""
    with sqlite3.connect(db_path) as connection:
        packed, body, version = connection.execute(
            "SELECT body_html_packed, body, render_version FROM articles WHERE slug = ?", (slug,)
        ).fetchone()
    return unpack_html(packed, body), version


def put_html_in_file(db_path: Path, slug: str, html: str, version: int) -> None:
    """As a newsroom file could hold it: HTML set behind the writer's back."""
    with sqlite3.connect(db_path) as connection:
        (body,) = connection.execute("SELECT body FROM articles WHERE slug = ?", (slug,)).fetchone()
        connection.execute(
            "UPDATE articles SET body_html_packed = ?, render_version = ? WHERE slug = ?",
            (pack_html(html, body), version, slug),
        )


def test_new_and_edited_bodies_are_stored_as_the_renderer_makes_them(
    newsroom: Newsroom, db_path: Path
) -> None:
    saved = newsroom.create(Article(headline="Story", body=BODY))
    assert html_in_file(db_path, saved.slug) == (render_body(BODY), RENDER_VERSION)
    edited = BODY.replace("first", "new first")
    newsroom.save(saved.with_changes(body=edited))
    assert html_in_file(db_path, saved.slug) == (render_body(edited), RENDER_VERSION)


def test_saves_that_leave_the_body_alone_do_not_render_it(
    newsroom: Newsroom, db_path: Path
) -> None:
    saved = newsroom.create(Article(headline="Story", body=BODY))
    put_html_in_file(db_path, saved.slug, KEPT, RENDER_VERSION)
    newsroom.save(saved.with_changes(headline="A better headline"))
    newsroom.set_status(saved.slug, Status.READY)
    newsroom.rename(saved.slug, "renamed")
    newsroom.delete("renamed")
    newsroom.undelete("renamed")
    assert newsroom.get("renamed").revision == 6
    assert html_in_file(db_path, "renamed") == (KEPT, RENDER_VERSION)


def test_html_from_an_older_renderer_is_made_again_by_the_next_save(
    newsroom: Newsroom, db_path: Path
) -> None:
    saved = newsroom.create(Article(headline="Story", body=BODY))
    put_html_in_file(db_path, saved.slug, KEPT, RENDER_VERSION - 1)
    newsroom.set_status(saved.slug, Status.READY)
    assert html_in_file(db_path, saved.slug) == (render_body(BODY), RENDER_VERSION)


def test_restoring_an_older_body_renders_it(newsroom: Newsroom, db_path: Path) -> None:
    saved = newsroom.create(Article(headline="Story", body=BODY))
    newsroom.save(saved.with_changes(body="Replaced."))
    newsroom.restore(saved.slug, 1)
    assert html_in_file(db_path, saved.slug) == (render_body(BODY), RENDER_VERSION)


def test_a_status_change_over_a_body_stored_before_the_limits_is_refused_on_body(
    newsroom: Newsroom, db_path: Path
) -> None:
    saved = newsroom.create(Article(headline="Story", body="Fine."))
    with sqlite3.connect(db_path) as connection:
        connection.execute(
            "UPDATE articles SET body = ?, render_version = 1 WHERE slug = ?",
            (UNCLOSED_LINKS, saved.slug),
        )
    newsroom.check(repair=True)  # the search index, after that edit behind its back
    with pytest.raises(ValidationError) as refused:
        newsroom.set_status(saved.slug, Status.READY)
    assert [problem.path for problem in refused.value.problems] == ["body"]
    assert newsroom.get(saved.slug).status is Status.DRAFT


@pytest.mark.parametrize("count", [4, PARALLEL_BODIES * 2])  # in this process; in workers
def test_an_import_is_refused_by_its_rules_before_its_bodies_are_rendered(
    newsroom: Newsroom, count: int
) -> None:
    articles = [{"headline": f"Story {n}", "body": "Words."} for n in range(count)]
    articles[0]["slug"] = "Not a slug!"
    articles[3]["body"] = UNCLOSED_LINKS
    with pytest.raises(ValidationError) as refused:
        newsroom.import_json(articles, base_dir=None)
    assert [problem.path for problem in refused.value.problems] == ["[0].slug"]
    articles[0]["slug"] = "a-slug"
    with pytest.raises(ValidationError) as refused:
        newsroom.import_json(articles, base_dir=None)
    assert [problem.path for problem in refused.value.problems] == ["[3].body"]
    assert newsroom.count() == 0
