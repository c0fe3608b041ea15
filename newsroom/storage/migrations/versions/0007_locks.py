"""Article locks: who is editing which article, on which machine, since when.

One row per locked article. ``session`` is a random token naming the
Newsroom instance that holds it (two windows of one process differ);
``heartbeat`` is refreshed while the holder runs, and a lock whose
heartbeat is older than ``storage.locks.LOCK_EXPIRY_SECONDS`` counts as
free, so a crashed app's locks lapse on their own. Deleting an article
takes its lock with it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "locks",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("holder", sa.String(200), nullable=False),
        sa.Column("machine", sa.String(255), nullable=False),
        sa.Column("session", sa.String(64), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("heartbeat", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"],
            name="fk_locks_article_id_articles", ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", name="pk_locks"),
    )  # fmt: skip
    op.create_index("ix_locks_session", "locks", ["session"])


def downgrade() -> None:
    op.drop_index("ix_locks_session", table_name="locks")
    op.drop_table("locks")
