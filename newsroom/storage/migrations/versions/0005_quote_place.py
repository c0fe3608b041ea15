"""Where a pull quote goes: after which top-level paragraph of the body.

Existing quotes get NULL, the default place (after the second paragraph,
``article.DEFAULT_PULL_QUOTE_PLACE``), which is where they were set before.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        batch.add_column(sa.Column("after_paragraph", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        batch.drop_column("after_paragraph")
