"""Change notifications on PostgreSQL: every statement that changes what the app
shows announces itself on the ``newsroom_changes`` channel.

A statement-level trigger on each table a list, the news feed or the related
pane shows (articles, locks, settings, photos, sections) sends
``NOTIFY newsroom_changes, '<table>'``. The server delivers it when the
transaction commits (never for one rolled back) and sends a repeat within
one transaction once, so a copy of 100,000 articles costs one notification
per table, not one per row. Triggers catch every writer: the app, the CLI,
``psql``, another program. A watcher (``storage.postgres.NotifyWatcher``)
listens. SQLite needs nothing: watchers there ask ``PRAGMA data_version``.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None

WATCHED = ("articles", "locks", "settings", "photos", "sections")

FUNCTION = """
CREATE FUNCTION newsroom_announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('newsroom_changes', TG_TABLE_NAME);
    RETURN NULL;
END
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(FUNCTION)
    for table in WATCHED:
        op.execute(
            f"CREATE TRIGGER {table}_announce_change "
            f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION newsroom_announce_change()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in WATCHED:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_announce_change ON {table}")
    op.execute("DROP FUNCTION IF EXISTS newsroom_announce_change()")
