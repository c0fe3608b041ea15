"""Full-text search: an FTS5 index over headline, subtitle, lead, body,
caption and tags, filled from the articles already in the file.

The index reads its text through a view of the articles not deleted
(external content), so the text is stored once. Only SQLite has FTS5; the
statements are kept here verbatim so this step never changes once shipped.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

STATEMENTS = (
    """
    CREATE VIEW article_search_content AS
    SELECT id, headline, subtitle, lead, body, photo_caption AS captions, tags
    FROM articles WHERE deleted_at IS NULL
    """,
    """
    CREATE VIRTUAL TABLE article_search USING fts5(
        headline, subtitle, lead, body, captions, tags,
        content='article_search_content', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    )
    """,
    "INSERT INTO article_search(article_search) VALUES ('rebuild')",
)


def upgrade() -> None:
    # FTS5 is SQLite's. PostgreSQL's full-text search (a weighted tsvector with a GIN
    # index) is not made here: it comes with the search part of issue 12, in a migration
    # of its own, so this step stays as shipped and does nothing on PostgreSQL.
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TABLE article_search")
    op.execute("DROP VIEW article_search_content")
