"""The photo library: each photo's own metadata (as read from the file, or as
the desk captioned it), code replacements for captions, and full-text search
over photos (description, the captions its uses carry, credit, keywords).

Photos stored before this read their metadata the next time they are
imported or on 'newsroom check-db --repair' (``metadata_version`` 0).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

TEXT_COLUMNS = (
    "format", "filename", "description", "credit", "creator", "copyright", "headline", "title",
    "city", "country", "keywords", "date_created", "camera",
)  # fmt: skip

SEARCH = (
    """
    CREATE VIRTUAL TABLE photo_search USING fts5(
        description, captions, credit, keywords,
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    )
    """,
    """
    INSERT INTO photo_search(rowid, description, captions, credit, keywords)
    SELECT p.id, p.description,
           coalesce((SELECT group_concat(a.photo_caption, ' ') FROM articles a
                     WHERE a.photo_id = p.id AND a.deleted_at IS NULL), ''),
           p.credit, p.keywords
    FROM photos p
    """,
)


def upgrade() -> None:
    with op.batch_alter_table("photos") as batch:
        for name in TEXT_COLUMNS:
            batch.add_column(sa.Column(name, sa.Text(), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("metadata_version", sa.Integer(), nullable=False, server_default="0")
        )
    op.create_index("ix_photos_date_created", "photos", ["date_created"])
    op.create_index("ix_photos_creator", "photos", ["creator"])
    op.create_table(
        "codes",
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_codes"),
    )
    # The photo search index is SQLite's FTS5; PostgreSQL's (a weighted tsvector with a
    # GIN index) comes with the search part of issue 12, in a migration of its own.
    if op.get_bind().dialect.name == "sqlite":
        for statement in SEARCH:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE photo_search")
    op.drop_table("codes")
    op.drop_index("ix_photos_creator", "photos")
    op.drop_index("ix_photos_date_created", "photos")
    with op.batch_alter_table("photos") as batch:
        for name in (*TEXT_COLUMNS, "metadata_version"):
            batch.drop_column(name)
