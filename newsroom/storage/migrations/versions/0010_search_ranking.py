"""Search ranking on PostgreSQL read from a small document, not the whole article.

Migration 0008's ``document`` holds every word of an article (headline to
body, captions and tags): right for finding matches through its GIN index,
but ranking by it decompressed every match's document, most of a search's
time for a common word. Each row of ``article_search`` now also holds:

* ``rank_document``: the words of headline (A), subtitle (B), lead (C),
  captions and tags (D), made by ``article_search_rank_document`` as 0008's
  document is (stemmed and as written), short enough to stay in the row and
  with its own GIN index, so that the articles whose short texts match a
  query are found and ranked without reading a body;
* ``newest_at``: when the article was published, else last saved: matches
  found only in the body come after, newest first.

Filled here from the articles already there. Does nothing on SQLite.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | None = None
depends_on: str | None = None

RANK_DOCUMENT = """
CREATE FUNCTION article_search_rank_document(
    config regconfig, headline text, subtitle text, lead text, captions text, tags text
) RETURNS tsvector LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT setweight(newsroom_search_words(config, headline), 'A')
        || setweight(newsroom_search_words(config, subtitle), 'B')
        || setweight(newsroom_search_words(config, lead), 'C')
        || setweight(newsroom_search_words(config, captions)
                     || newsroom_search_words(config, tags), 'D')
$$
"""

FILL = """
UPDATE article_search AS s
SET rank_document = article_search_rank_document(
        CAST(coalesce((SELECT config FROM article_search_setup LIMIT 1), 'newsroom_simple')
             AS regconfig),
        a.headline, a.subtitle, a.lead, a.photo_caption, a.tags),
    newest_at = coalesce(a.published_at, a.updated_at)
FROM articles AS a
WHERE a.id = s.id
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(RANK_DOCUMENT)
    op.execute(
        "ALTER TABLE article_search ADD COLUMN rank_document tsvector, "
        "ADD COLUMN newest_at timestamptz"
    )
    op.execute(FILL)
    op.execute(
        "ALTER TABLE article_search ALTER COLUMN rank_document SET NOT NULL, "
        "ALTER COLUMN newest_at SET NOT NULL"
    )
    op.execute(
        "CREATE INDEX article_search_rank_document_gin ON article_search USING gin (rank_document)"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX article_search_rank_document_gin")
    op.execute("ALTER TABLE article_search DROP COLUMN rank_document, DROP COLUMN newest_at")
    op.execute("DROP FUNCTION article_search_rank_document")
