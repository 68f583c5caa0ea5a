"""Alembic environment for mubiao's store, run by `mubiao.store.engine.migrate`.

The store passes an open connection (already in a transaction) through
`config.attributes["connection"]`; the `alembic` command line may instead give
`sqlalchemy.url` (see docs/store.md, "Writing a migration").
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from mubiao.store.schema import VERSION_TABLE, metadata

config = context.config


def _run(connection: object) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table=VERSION_TABLE,
        render_as_batch=True,  # SQLite alters tables by copying them
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.begin() as conn:
        _run(conn)
