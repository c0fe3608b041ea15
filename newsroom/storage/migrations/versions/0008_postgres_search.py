"""Full-text search on PostgreSQL: a weighted tsvector per article and per photo,
each with a GIN index, filled from the articles and photos already there.

The index is a side table (``article_search``, ``photo_search``) that storage
keeps in step as it does FTS5 on SQLite, so ``articles`` and ``photos`` have
the same columns on both engines. A document is made by a function defined
here (``article_search_document``, ``photo_search_document``): the fill below
and every later ``index`` call make it the same way, and a change to it is a
new migration. ``article_search_setup`` holds the text-search configuration
the index was built with (from the newsroom's language), so a query uses the
same one and a change of language is seen and rebuilt, not mixed.

Accents do not matter (as on SQLite) when the ``unaccent`` extension can be
made here; without it (a role that may not, a server without contrib) the
configurations leave accents as written. Does nothing on SQLite.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import json

from alembic import op
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None

# The newsroom's language (settings key "language", JSON) → our configuration.
CONFIGURATIONS = {"en": "newsroom_english", "ru": "newsroom_russian"}
FALLBACK = "newsroom_simple"
# Each of ours copies PostgreSQL's own, with accents stripped from non-ASCII words first.
BASES = {"newsroom_english": "english", "newsroom_russian": "russian", "newsroom_simple": "simple"}
STEMMERS = {"english": "english_stem", "russian": "russian_stem", "simple": "simple"}

DOCUMENTS = (
    # One field's words, stemmed by the configuration and, for prefixes and words a
    # stemmer shortens ("negotiat" must find "negotiators"), as written.
    """
    CREATE FUNCTION newsroom_search_words(config regconfig, field text) RETURNS tsvector
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN config = 'newsroom_simple'::regconfig
                    THEN to_tsvector(config, field)
                    ELSE to_tsvector(config, field) || to_tsvector('newsroom_simple', field) END
    $$
    """,
    """
    CREATE FUNCTION article_search_document(
        config regconfig, headline text, subtitle text, lead text, body text,
        captions text, tags text
    ) RETURNS tsvector LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT setweight(newsroom_search_words(config, headline), 'A')
            || setweight(newsroom_search_words(config, subtitle), 'B')
            || setweight(newsroom_search_words(config, lead), 'C')
            || setweight(newsroom_search_words(config, body)
                         || newsroom_search_words(config, captions)
                         || newsroom_search_words(config, tags), 'D')
    $$
    """,
    """
    CREATE FUNCTION photo_search_document(
        config regconfig, description text, captions text, credit text, keywords text
    ) RETURNS tsvector LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT setweight(newsroom_search_words(config, description), 'A')
            || setweight(newsroom_search_words(config, captions), 'B')
            || setweight(newsroom_search_words(config, keywords), 'C')
            || setweight(newsroom_search_words(config, credit), 'D')
    $$
    """,
)

TABLES = (
    "CREATE TABLE article_search_setup (config text NOT NULL)",
    """
    CREATE TABLE article_search (
        id integer PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        document tsvector NOT NULL
    )
    """,
    "CREATE INDEX article_search_document_gin ON article_search USING gin (document)",
    """
    CREATE TABLE photo_search (
        id integer PRIMARY KEY REFERENCES photos (id) ON DELETE CASCADE,
        document tsvector NOT NULL
    )
    """,
    "CREATE INDEX photo_search_document_gin ON photo_search USING gin (document)",
)

FILL = (
    "INSERT INTO article_search_setup (config) VALUES (:config)",
    """
    INSERT INTO article_search (id, document)
    SELECT id, article_search_document(CAST(:config AS regconfig), headline, subtitle, lead,
                                       body, photo_caption, tags)
    FROM articles WHERE deleted_at IS NULL
    """,
    """
    INSERT INTO photo_search (id, document)
    SELECT p.id, photo_search_document(
        CAST(:config AS regconfig), p.description,
        coalesce((SELECT string_agg(a.photo_caption, ' ' ORDER BY a.id) FROM articles a
                  WHERE a.photo_id = p.id AND a.deleted_at IS NULL), ''),
        p.credit, p.keywords)
    FROM photos p
    """,
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    unaccent = _unaccent_made()
    for name, base in BASES.items():
        op.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {base})")
        if unaccent:
            op.execute(
                f"ALTER TEXT SEARCH CONFIGURATION {name} "
                f"ALTER MAPPING FOR word, hword, hword_part WITH unaccent, {STEMMERS[base]}"
            )
    for statement in (*DOCUMENTS, *TABLES):
        op.execute(statement)
    stored = bind.execute(text("SELECT value FROM settings WHERE key = 'language'")).scalar()
    for statement in FILL:
        bind.execute(text(statement), {"config": _configuration(stored)})


def _configuration(stored: str | None) -> str:
    """The configuration for the newsroom's language as stored (JSON); English by default."""
    try:
        language = str(json.loads(stored)).strip().lower() if stored else "en"
    except ValueError:
        language = "en"
    return CONFIGURATIONS.get(language, FALLBACK)


def _unaccent_made() -> bool:
    """Make the unaccent extension if this role may (trusted since PostgreSQL 13)."""
    bind = op.get_bind()
    available = bind.execute(
        text("SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'")
    ).scalar()
    if not available:
        return False
    try:
        with bind.begin_nested():
            bind.execute(text("CREATE EXTENSION IF NOT EXISTS unaccent"))
    except DatabaseError:
        return False
    return True


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in ("photo_search", "article_search", "article_search_setup"):
        op.execute(f"DROP TABLE {table}")
    op.execute("DROP FUNCTION photo_search_document, article_search_document")
    op.execute("DROP FUNCTION newsroom_search_words")
    for name in BASES:
        op.execute(f"DROP TEXT SEARCH CONFIGURATION {name}")
