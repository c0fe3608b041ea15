"""The stored body HTML packed against the body it was made from.

The HTML made at save time (0003) was the body's Markdown over again with
tags: 2.5 KB of a ~400-word article's 13 KB. ``body_html_packed`` keeps it
deflated with the body as zlib's preset dictionary (storage.packing): about
90 bytes, unpacked in microseconds. The HTML already stored is packed here,
so no article has to be rendered again; going back unpacks it.

Columns are dropped in place on both engines (SQLite 3.35 and newer): a
batch copy of the articles table would cascade-delete quotes, related
headlines and revisions on SQLite. The file keeps the freed pages until it
is vacuumed.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-10
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import op

from newsroom.storage.packing import pack_html, unpack_html

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | None = None
depends_on: str | None = None

BATCH = 1_000


def upgrade() -> None:
    op.add_column("articles", sa.Column("body_html_packed", sa.LargeBinary(), nullable=True))
    _convert("body_html", "body_html_packed", pack_html)
    op.drop_column("articles", "body_html")


def downgrade() -> None:
    op.add_column("articles", sa.Column("body_html", sa.Text(), nullable=True))
    _convert("body_html_packed", "body_html", _unpacked)
    op.drop_column("articles", "body_html_packed")


def _unpacked(packed: bytes, body: str) -> str | None:
    return unpack_html(bytes(packed), body)


def _convert(source: str, target: str, convert: Callable[[Any, str], Any]) -> None:
    """``target`` = convert(``source``, body) for every article with stored HTML, by id."""
    bind = op.get_bind()
    last = 0
    while True:
        rows = bind.execute(
            sa.text(
                f"SELECT id, {source}, body FROM articles "  # noqa: S608 (our column names)
                f"WHERE id > :last AND {source} IS NOT NULL ORDER BY id LIMIT {BATCH}"
            ),
            {"last": last},
        ).fetchall()
        if not rows:
            return
        bind.execute(
            sa.text(f"UPDATE articles SET {target} = :value WHERE id = :id"),  # noqa: S608
            [{"id": row[0], "value": convert(row[1], row[2])} for row in rows],
        )
        last = rows[-1][0]
