"""The store: a database of documents, their sections, passages and records.

`Store(url)` opens (creating or migrating) a SQLite file or a PostgreSQL
database; see docs/store.md for the schema, the search index and the CLI.
"""

from __future__ import annotations

from mubiao.store.core import Store
from mubiao.store.engine import default_url
from mubiao.store.ingest import IngestSummary
from mubiao.store.query import StoredDocument
from mubiao.store.search import Hit
from mubiao.store.write import Outcome

__all__ = ["Hit", "IngestSummary", "Outcome", "Store", "StoredDocument", "default_url"]
