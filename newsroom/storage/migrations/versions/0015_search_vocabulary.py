"""The search index's vocabulary: every term it holds, for newest-first search.

FTS5 answers a prefix longer than its prefix index (2 and 3 characters) by
merging the whole match lists of every term with that prefix before the
first match comes out: for a common word, a cost that grows with the
archive. ``article_search_terms`` lists the index's terms, so a search in
the newest-first order spells such a prefix out as its few terms, which
FTS5 reads in order and stops after a page (``storage/search.py``). It is
filled here from the index and only grows after (a term no article holds
any more matches nothing). SQLite only: PostgreSQL's index has no such cost.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-10
"""

from __future__ import annotations

from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | None = None
depends_on: str | None = None

STATEMENTS = (
    "CREATE TABLE article_search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID",
    "CREATE VIRTUAL TABLE temp.article_search_terms_0015 "
    "USING fts5vocab(main, article_search, 'row')",
    "INSERT INTO article_search_terms(term) SELECT term FROM temp.article_search_terms_0015",
    "DROP TABLE temp.article_search_terms_0015",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TABLE article_search_terms")
