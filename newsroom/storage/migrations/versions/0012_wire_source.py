"""Where a wire item came from, kept with its article; and the Incoming status.

An imported wire item records its agency, the item's id (guid) and version,
urgency, copyright line, the file's name and format: a newer version of the
same item then updates that article, an older one is refused. Articles
written here have all of them empty (urgency NULL). ``incoming`` joins the
statuses: a wire item as the agency sent it, not a draft of anybody's yet.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | None = None
depends_on: str | None = None

STATUSES_BEFORE = "'draft', 'ready', 'published', 'corrected', 'killed'"
STATUSES_AFTER = "'incoming', " + STATUSES_BEFORE
# In the models' order (the schema tests compare column order on both engines).
COLUMNS = (
    "source_agency", "source_item_id", "source_version", "source_urgency", "source_file_name",
    "source_copyright", "source_format",
)  # fmt: skip


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        for name in COLUMNS:
            if name == "source_urgency":
                batch.add_column(sa.Column(name, sa.Integer(), nullable=True))
            else:
                batch.add_column(sa.Column(name, sa.Text(), nullable=False, server_default=""))
    op.create_index("ix_articles_source", "articles", ["source_agency", "source_item_id"])
    _status_check(STATUSES_BEFORE, STATUSES_AFTER)


def downgrade() -> None:
    op.execute("DELETE FROM articles WHERE status = 'incoming'")
    _status_check(STATUSES_AFTER, STATUSES_BEFORE)
    op.drop_index("ix_articles_source", "articles")
    for name in reversed(COLUMNS):
        # In place on both engines (SQLite 3.35 and newer drop a column): a batch copy of
        # the table would cascade-delete quotes, related headlines and revisions on SQLite.
        op.drop_column("articles", name)


def _status_check(before: str, after: str) -> None:
    """The status CHECK from allowing ``before`` to allowing ``after``.

    PostgreSQL alters the constraint. SQLite cannot, and its batch mode
    would copy the table and drop the old one, which (foreign keys on, as
    Newsroom's connections have them) deletes every quote, related headline
    and revision by cascade. So SQLite's stored table text is edited in
    place, the procedure SQLite documents for changing a CHECK
    (lang_altertable.html, "other kinds of table schema changes"); rows
    already stored satisfy the new CHECK, which only widens or narrows the
    list of statuses.
    """
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        # 0001 named the CHECK through the naming convention; this one names it as it is
        # (op.f), so the upgrade drops the first and the downgrade the second.
        upgrading = after == STATUSES_AFTER
        dropped = "ck_articles_status" if upgrading else op.f("ck_articles_status")
        made = op.f("ck_articles_status") if upgrading else "ck_articles_status"
        op.drop_constraint(dropped, "articles", type_="check")
        op.create_check_constraint(made, "articles", f"status IN ({after})")
        return
    stored = bind.execute(
        sa.text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'articles'")
    ).scalar_one()
    old, new = f"status IN ({before})", f"status IN ({after})"
    if str(stored).count(old) != 1:
        raise RuntimeError(f"the articles table's status CHECK is not {old!r}")
    version = bind.execute(sa.text("PRAGMA schema_version")).scalar_one()
    bind.execute(sa.text("PRAGMA writable_schema = ON"))
    bind.execute(
        sa.text("UPDATE sqlite_master SET sql = :sql WHERE type = 'table' AND name = 'articles'"),
        {"sql": str(stored).replace(old, new)},
    )
    bind.execute(sa.text(f"PRAGMA schema_version = {int(version) + 1}"))
    bind.execute(sa.text("PRAGMA writable_schema = OFF"))
