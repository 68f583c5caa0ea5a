"""records.canonical: the indicator's standard name, for tracking across reports.

Revision ID: 0003
Revises: 0002
Create Date: 2025-11-22

Nullable: ingest leaves it empty and the tracking stage fills it in.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("records", sa.Column("canonical", sa.Text, nullable=True))
    op.create_index("ix_records_canonical", "records", ["canonical"])


def downgrade() -> None:
    op.drop_index("ix_records_canonical", table_name="records")
    with op.batch_alter_table("records") as batch:
        batch.drop_column("canonical")
