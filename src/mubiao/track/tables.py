"""The tracker's two tables in the store (migration 0004), on the store's own MetaData.

- `indicator_mappings`: the user's raw → canonical indicator mappings
  (`mubiao indicators map RAW CANONICAL`); `canonical()` gets them as `extra`
  wherever the tracker resolves an indicator;
- `outcomes`: outcomes entered by hand or imported from CSV (`mubiao outcome
  add | import`), e.g. from a statistical bulletin; the tracker reads them as
  achievement records of no report year (so always later than any target).

They are declared on `mubiao.store.schema.metadata` so that the store's
schema check (migrations at head == `schema.metadata`) sees them; the
migration `0004_tracking.py` spells them out on its own, as migrations do.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    Float,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from mubiao.store.schema import MEASURES, metadata

indicator_mappings = Table(
    "indicator_mappings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("raw", Text, nullable=False, unique=True),  # as the user typed it; matched after `vocabulary.fold`
    Column("canonical", Text, nullable=False),  # a name of data/indicators.yaml
    Column("entered_at", DateTime(timezone=True), nullable=False),
)

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
    CheckConstraint(f"measure IN ({', '.join(repr(m) for m in MEASURES)})", name="measure"),
    # one figure per region, indicator, year and measure: adding it again replaces it
    UniqueConstraint("region", "indicator", "year", "measure"),
)
