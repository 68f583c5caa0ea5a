"""The store's tables, as they stand at the newest migration.

Names are plain English nouns so that the database reads well in sqlite3,
psql or Datasette: `regions`, `documents` (one row per source document, its
newest version), `document_versions` (every version ever ingested),
`document_texts` (the full texts), `sections`, `passages` (the paragraphs
full-text search looks into) and `records` (the extracted numbers).

Offsets are named `start_char`/`end_char` (not `start`/`end`, which are SQL
keywords). Section paths are JSON arrays of headings.

The migrations in `migrations/versions/` build this schema step by step and do
not import it; `tests/store/test_schema.py` checks that the two agree.
"""

from __future__ import annotations

from typing import get_args

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

from mubiao.lang.regions import Level
from mubiao.model import Comparator, Kind, Measure

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

REGION_LEVELS: tuple[str, ...] = get_args(Level)
DOCUMENT_KINDS = ("report", "interpretation", "communique", "other")
#: The codes of a record's fields, spelled once in `mubiao.model`.
RECORD_KINDS: tuple[str, ...] = get_args(Kind)
COMPARATORS: tuple[str, ...] = get_args(Comparator)
MEASURES: tuple[str, ...] = get_args(Measure)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


regions = Table(
    "regions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("level", String(20), nullable=True),
    Column("parent_id", Integer, ForeignKey("regions.id"), nullable=True),
    Column("code", String(12), nullable=True),  # administrative division code, e.g. 430400
    CheckConstraint(_one_of("level", REGION_LEVELS), name="level"),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    # sha256 of source, region and report year: what makes two ingests "the same document"
    Column("identity", String(64), nullable=False, unique=True),
    Column("name", String(500), nullable=False),
    Column("source_path", Text, nullable=True),
    Column("region_id", Integer, ForeignKey("regions.id"), nullable=True, index=True),
    Column("report_year", Integer, nullable=True, index=True),
    Column("kind", String(20), nullable=False),
    Column("title", Text, nullable=True),
    Column("format", String(20), nullable=False),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("n_chars", Integer, nullable=False),
    Column("n_sections", Integer, nullable=False),
    Column("n_records", Integer, nullable=False),
    Column("folded", Integer, nullable=False),
    # where the document came from, as the user gave it (publisher, URL, publication): migration 0009
    Column("provenance", Text, nullable=True),
    CheckConstraint(_one_of("kind", DOCUMENT_KINDS), name="kind"),
)

document_versions = Table(
    "document_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("n_records", Integer, nullable=False),
    UniqueConstraint("document_id", "version"),
)

document_texts = Table(
    "document_texts",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("text", Text, nullable=False),  # cleaned text: section and passage offsets
    Column("original", Text, nullable=False),  # as loaded: record offsets
)

sections = Table(
    "sections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("level", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("path", JSON, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
)

passages = Table(
    "passages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("section_id", Integer, ForeignKey("sections.id", ondelete="SET NULL"), nullable=True),
    Column("position", Integer, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

records = Table(
    "records",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("section_id", Integer, ForeignKey("sections.id", ondelete="SET NULL"), nullable=True),
    Column("position", Integer, nullable=False),
    Column("doc", String(500), nullable=False),
    Column("quote", Text, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("indicator", Text, nullable=False, index=True),
    # indexed by migration 0005: the dashboard sorts records by value
    Column("value", Float, nullable=False, index=True),
    Column("value_max", Float, nullable=True),
    Column("unit", String(50), nullable=False),
    Column("comparator", String(10), nullable=False),
    Column("measure", String(20), nullable=False),
    Column("year", Integer, nullable=True, index=True),
    Column("period_start", Integer, nullable=True),
    Column("section_path", JSON, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("region", String(100), nullable=True),
    Column("report_year", Integer, nullable=True),
    Column("number_text", Text, nullable=False),
    Column("extra", JSON(none_as_null=True), nullable=True),
    # added by migration 0003: the indicator's standard name, resolved when the record is written
    # and again when the vocabulary or a user's mapping changes (`mubiao.store.canonical`)
    Column("canonical", Text, nullable=True),
    Index(None, "canonical"),
    # added by migration 0008: the annual target of the report's targets list (主要预期目标)
    Column("headline", Boolean, nullable=False, server_default=false()),
)

# Migration 0004: the user's raw → canonical indicator mappings (`mubiao indicators map RAW
# CANONICAL`), matched after `vocabulary.fold` wherever an indicator is resolved.
indicator_mappings = Table(
    "indicator_mappings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("raw", Text, nullable=False, unique=True),  # as the user typed it
    Column("canonical", Text, nullable=False),  # a name of data/indicators.yaml
    Column("entered_at", DateTime(timezone=True), nullable=False),
)

# Migration 0004: outcomes entered by hand or imported from CSV (`mubiao outcome add | import`);
# the tracker reads them as achievement records of no report year (later than any target).
outcomes = Table(
    "outcomes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("region", String(100), nullable=False),  # normalised (衡阳 → 衡阳市)
    Column("indicator", Text, nullable=False),  # as given; resolved like any raw indicator
    Column("year", Integer, nullable=False),
    Column("value", Float, nullable=False),
    Column("unit", String(50), nullable=False),
    Column("measure", String(20), nullable=False),
    Column("source", Text, nullable=True),  # where the figure comes from (统计公报…); the verdict's outcome_doc
    Column("entered_at", DateTime(timezone=True), nullable=False),
    CheckConstraint(_one_of("measure", MEASURES), name="measure"),
    # one figure per region, indicator, year and measure: adding it again replaces it
    UniqueConstraint("region", "indicator", "year", "measure"),
)

# Migration 0007: facts about the store itself, e.g. which indicator vocabulary
# the stored canonical names were resolved with.
store_facts = Table(
    "store_facts",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

#: The SQLite full-text table (migration 0002); PostgreSQL indexes passages.text with pg_trgm.
PASSAGES_FTS = "passages_fts"
#: The table Alembic keeps the schema revision in; its presence marks a mubiao database.
VERSION_TABLE = "mubiao_version"
