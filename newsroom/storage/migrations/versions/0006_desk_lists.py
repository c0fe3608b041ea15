"""The desk's lists: the newsroom's own dictionary and its managed sections.

``dictionary_words`` holds the words editors added (the spelling check
accepts them in every article). ``sections`` is the list of sections in
masthead order (a newsroom without rows keeps free-text sections);
``section_aliases`` keeps the page slug a renamed section had, so its old
page still answers in the site export.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "dictionary_words",
        sa.Column("word", sa.String(200), nullable=False),
        sa.Column("added_by", sa.String(200), nullable=False, server_default=""),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("word", name="pk_dictionary_words"),
    )
    op.create_table(
        "sections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("slug", sa.String(80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sections"),
        sa.UniqueConstraint("name", name="uq_sections_name"),
        sa.UniqueConstraint("slug", name="uq_sections_slug"),
    )
    op.create_table(
        "section_aliases",
        sa.Column("slug", sa.String(80), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["section_id"], ["sections.id"],
            name="fk_section_aliases_section_id_sections", ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("slug", name="pk_section_aliases"),
    )  # fmt: skip
    op.create_index("ix_section_aliases_section_id", "section_aliases", ["section_id"])


def downgrade() -> None:
    op.drop_index("ix_section_aliases_section_id", table_name="section_aliases")
    op.drop_table("section_aliases")
    op.drop_table("sections")
    op.drop_table("dictionary_words")
