"""Whether a search has any match, answered from the index in one statement.

A query no article matches (a typo, a name not in the archive) is most of a
search-as-you-type's misses. ``newsroom_any_match`` answers it from the GIN
index alone. Its own settings keep the planner off a scan of every document
(documents are TOASTed, so the planner prices a scan far too cheap) and off
JIT compilation, for its statement only: a function's ``SET`` clauses hold
while it runs and need no transaction around the call, so a search with no
match costs one round trip. PL/pgSQL, not SQL, so the session keeps its plan
rather than planning the lookup at every call. Does nothing on SQLite.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-09
"""

from __future__ import annotations

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | None = None
depends_on: str | None = None

ANY_MATCH = """
CREATE FUNCTION newsroom_any_match(query tsquery) RETURNS boolean
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET enable_seqscan = off SET jit = off
AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM article_search WHERE document @@ query); END $$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(ANY_MATCH)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP FUNCTION newsroom_any_match(tsquery)")
