"""Rebuild the SQLite search index with the terms `text.bigrams` now makes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22

Pairs that held punctuation (治，) are no longer index terms, and each run of
letters and digits ends with its last character alone: a fifth fewer terms,
so indexing a document costs less. Queries are built the same way for both
forms, so only SQLite needs the rebuild: its FTS5 table is contentless, and
removing a passage from it means giving back exactly the terms it was indexed
with, which the old form no longer matches. PostgreSQL keeps each passage's
terms in its own row; its old rows stay valid and are replaced as documents
are re-ingested.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

#: Passages re-indexed per round trip, to bound memory on large stores.
BATCH = 5000


def legacy_bigrams(text: str) -> str:
    """The index terms before this revision: every overlapping pair of each space-separated word."""
    pairs = (" ".join(map(str.__add__, word, word[1:])) for word in text.lower().split())
    return " ".join(filter(None, pairs))


def _rebuild(terms_of: object) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    op.execute("INSERT INTO passages_fts (passages_fts) VALUES ('delete-all')")
    last = 0
    while True:
        rows = bind.execute(
            sa.text("SELECT id, text FROM passages WHERE id > :last ORDER BY id LIMIT :n"), {"last": last, "n": BATCH}
        ).all()
        if not rows:
            break
        bind.execute(
            sa.text("INSERT INTO passages_fts (rowid, bigrams) VALUES (:id, :bigrams)"),
            [{"id": r.id, "bigrams": terms_of(r.text)} for r in rows],  # type: ignore[operator]
        )
        last = rows[-1].id


def upgrade() -> None:
    from mubiao.store.text import bigrams  # index and queries must share it

    _rebuild(bigrams)


def downgrade() -> None:
    _rebuild(legacy_bigrams)
