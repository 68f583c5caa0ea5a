"""Tracking: the user's indicator mappings and outcomes entered by hand.

Revision ID: 0004
Revises: 0003
Create Date: 2025-11-22

`indicator_mappings` (raw → canonical indicator, `mubiao indicators map`) and
`outcomes` (`mubiao outcome add | import`). New tables only: the data already
stored is left as it is. Frozen like the others: `mubiao/store/schema.py`
declares the same tables for the running code.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "indicator_mappings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("raw", sa.Text, nullable=False),
        sa.Column("canonical", sa.Text, nullable=False),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("raw", name="uq_indicator_mappings_raw"),
    )
    op.create_table(
        "outcomes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("region", sa.String(100), nullable=False),
        sa.Column("indicator", sa.Text, nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("unit", sa.String(50), nullable=False),
        sa.Column("measure", sa.String(20), nullable=False),
        sa.Column("source", sa.Text, nullable=True),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("measure IN ('level', 'growth', 'increment')", name="ck_outcomes_measure"),
        sa.UniqueConstraint("region", "indicator", "year", "measure", name="uq_outcomes_region_indicator_year_measure"),
    )


def downgrade() -> None:
    op.drop_table("outcomes")
    op.drop_table("indicator_mappings")
