"""documents.provenance: where a document came from, as the user gave it (publisher, URL, publication).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04

Set with `mubiao ingest --source TEXT`, the upload form's 来源 field, or
`documents set --source`; shown on every page that quotes the document, so a
reader can check a figure against where it was published. Documents stored
before this revision have none.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("provenance", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("provenance")
