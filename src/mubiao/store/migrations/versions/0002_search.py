"""Full-text search over passages: FTS5 bigrams on SQLite, pg_trgm on PostgreSQL.

Revision ID: 0002
Revises: 0001
Create Date: 2025-11-22

Passages already in the database are indexed here, so an older store finds
them as soon as it is opened. docs/store.md explains the choice of index.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        from mubiao.store.text import bigrams  # index and queries must share it

        op.execute(
            "CREATE VIRTUAL TABLE passages_fts USING fts5("
            "bigrams, content='', tokenize='unicode61 remove_diacritics 0')"
        )
        rows = bind.execute(sa.text("SELECT id, text FROM passages")).all()
        if rows:
            bind.execute(
                sa.text("INSERT INTO passages_fts (rowid, bigrams) VALUES (:id, :bigrams)"),
                [{"id": r.id, "bigrams": bigrams(r.text)} for r in rows],
            )
    elif bind.dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX ix_passages_text_trgm ON passages USING gin (text gin_trgm_ops)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE passages_fts")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX ix_passages_text_trgm")
