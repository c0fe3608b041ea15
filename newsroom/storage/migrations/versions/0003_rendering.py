"""Rendering caches: each article's body as safe HTML (made when it is saved,
so exports never run Markdown again), and photo renditions made on demand.

Existing articles get their body HTML the next time they are saved; until
then the renderer makes it when needed (``body_html`` NULL).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("body_html", sa.Text(), nullable=True))
        batch.add_column(
            sa.Column("render_version", sa.Integer(), nullable=False, server_default="0")
        )
    op.create_table(
        "renditions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("photo_id", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("recipe", sa.String(64), nullable=False),
        sa.Column("pixel_width", sa.Integer(), nullable=False),
        sa.Column("pixel_height", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["photo_id"],
            ["photos.id"],
            name="fk_renditions_photo_id_photos",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_renditions"),
        sa.UniqueConstraint(
            "photo_id", "width", "format", name="uq_renditions_photo_id_width_format"
        ),
    )


def downgrade() -> None:
    op.drop_table("renditions")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("render_version")
        batch.drop_column("body_html")
