"""The words of the names each article gives, for spelling, one indexed row a word.

Spelling accepts a word some article uses as a name (its tags, byline,
dateline city, quote speakers, its headline once published or corrected:
``storage/names.py``). Reading those of every article took 9 s and 430 MB at a
million articles; ``article_names`` answers "is this a known name?" for the
few words an article's check asks about through its primary key (word first).
The writer keeps it in step in the same save; filled here from the articles.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-12
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    from newsroom.storage import names  # the words as spelling cuts them: one definition

    op.create_table(
        "article_names",
        sa.Column("word", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("word", "article_id"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_article_names_article_id", "article_names", ["article_id"])
    names.rebuild(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_article_names_article_id", table_name="article_names")
    op.drop_table("article_names")
