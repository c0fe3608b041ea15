"""A wire item's publication status and its writer's title, kept with its source.

``source_pubstatus`` is the file's publication status in IPTC's words
("usable", "withheld", "canceled"…): an agency's kill of an item already
imported updates it, and the status says no story may go out from it.
``source_byline_title`` is the writer's title the agency sends apart from
the name (AP's ``byttl``: "AP Business Writer"). Both are empty for articles
written here and for wire items imported before; no CHECK changes.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | None = None
depends_on: str | None = None

# In the models' order (the schema tests compare column order on both engines).
COLUMNS = ("source_pubstatus", "source_byline_title")


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        for name in COLUMNS:
            batch.add_column(sa.Column(name, sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    for name in reversed(COLUMNS):
        # In place on both engines (SQLite 3.35 and newer drop a column): a batch copy of
        # the table would cascade-delete quotes, related headlines and revisions on SQLite.
        op.drop_column("articles", name)
