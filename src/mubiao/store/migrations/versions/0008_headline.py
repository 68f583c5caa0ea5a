"""records.headline: the annual target a report sets in its targets list (主要预期目标).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04

Set at extraction; `mubiao compare` and `mubiao panel` read one headline
target per region and year. Records stored before this revision are not
headlines until their documents are ingested again (`mubiao ingest` re-reads
a document whose text is unchanged only with --force; the compare stage
falls back to the first annual target of a report where it finds none).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.add_column(sa.Column("headline", sa.Boolean, nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.drop_column("headline")
