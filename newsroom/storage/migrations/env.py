"""Alembic's entry point for Newsroom's migrations.

Newsroom runs migrations itself (``newsroom.storage.migrate``) on a
connection it has already opened and begun a transaction on, so a failed
upgrade leaves the file exactly as it was.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from newsroom.storage.schema import METADATA

SEARCH_OBJECTS_PREFIXES = ("article_search", "photo_search")


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    # The full-text index (an FTS5 table, its shadow tables and its view, on
    # SQLite only) belongs to newsroom.storage.search, not to storage/schema.py's tables.
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_OBJECTS_PREFIXES))


connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError(
        "Newsroom migrations run from newsroom.storage.migrate, not the alembic command"
    )

context.configure(
    connection=connection,
    target_metadata=METADATA,
    render_as_batch=True,
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()
