"""store_facts: which indicator vocabulary the stored canonical names were resolved with.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04

Canonical indicator names are now written with each record at ingest. A store
made before keeps its names as they were (some null); the table starts empty,
so the first `Store` opened on it finds no vocabulary stamp and resolves every
record once (`mubiao.store.canonical.ensure_current`).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "store_facts",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("store_facts")
