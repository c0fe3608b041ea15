"""The newest-first search on PostgreSQL, in one round trip: ``newsroom_newest``.

A search in the newest order (the default) asks this function for the ids of
the newest matches. GIN cannot walk its matches newest first: it builds the
list of every match before it answers, which for a common word is most of a
search's time. So the function reads the newest documents one by one first
(a common word fills a page there), answers a query nothing matches from the
index alone, and only then asks the index for the matches below the
documents it read, with the query written into that statement as a constant
(``EXECUTE``: the planner sees the words, and tells a common one from a rare
one). Its ``SET`` clauses keep the planner off a scan of every document and
off JIT compilation for its own statements only, without a transaction, so
the search statement around it needs no settings of its own: one round trip,
where setting and restoring them took three more. Does nothing on SQLite.

A phrase is checked in the documents newest first, as far as a page needs:
the index holds no positions, so its list would be read row by row anyway.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-11
"""

from __future__ import annotations

from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | None = None
depends_on: str | None = None

# The newest 20 documents are read first; then, when the page is not full and
# something matches at all, the next 80; then the index, below those 100.
NEWEST = """
CREATE FUNCTION newsroom_newest(query tsquery, loose tsquery, wanted integer, phrase boolean)
RETURNS SETOF integer
LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 50
SET enable_seqscan = off SET jit = off
AS $$
DECLARE
    found integer := 0;
    more integer;
    below integer;
BEGIN
    RETURN QUERY SELECT w.id FROM (
        SELECT id, document FROM article_search ORDER BY id DESC LIMIT 20
    ) AS w WHERE w.document @@ query ORDER BY w.id DESC LIMIT wanted;
    GET DIAGNOSTICS found = ROW_COUNT;
    IF found >= wanted THEN
        RETURN;
    END IF;
    IF found = 0 AND NOT EXISTS (SELECT 1 FROM article_search WHERE document @@ loose) THEN
        RETURN;
    END IF;
    RETURN QUERY SELECT w.id FROM (
        SELECT id, document FROM article_search ORDER BY id DESC OFFSET 20 LIMIT 80
    ) AS w WHERE w.document @@ query ORDER BY w.id DESC LIMIT wanted - found;
    GET DIAGNOSTICS more = ROW_COUNT;
    found := found + more;
    IF found >= wanted THEN
        RETURN;
    END IF;
    SELECT min(w.id) INTO below FROM (
        SELECT id FROM article_search ORDER BY id DESC LIMIT 100
    ) AS w;
    IF below IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY EXECUTE format(
        'SELECT s.id FROM article_search AS s WHERE s.document @@ %L::tsquery AND s.id + 0 < %s '
        'ORDER BY %s DESC LIMIT %s',
        query, below, CASE WHEN phrase THEN 's.id' ELSE 's.id + 0' END, wanted - found);
END $$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(NEWEST)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP FUNCTION newsroom_newest(tsquery, tsquery, integer, boolean)")
