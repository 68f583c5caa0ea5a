"""The user's own mappings of raw indicators onto the vocabulary (`mubiao indicators map`).

A mapping is stored in `indicator_mappings` and applied at once to the stored
records it can affect (`records.canonical`, `mubiao.store.canonical`); records
ingested later get it when they are written.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select

from mubiao.errors import TrackingError, UnknownCanonical, UnknownMapping
from mubiao.lang.vocabulary import fold, lookup, strip_forms
from mubiao.store.canonical import read_mappings
from mubiao.store.schema import indicator_mappings as _mappings_table

if TYPE_CHECKING:  # pragma: no cover
    from mubiao.store import Store


def mappings(store: Store) -> dict[str, str]:
    """The user's stored raw → canonical indicator mappings, oldest first."""
    with store.engine.connect() as conn:
        return read_mappings(conn)


def map_indicator(store: Store, raw: str, canonical: str) -> int:
    """Store the mapping raw → canonical (name or id of the vocabulary) and apply it.

    A mapping for the same raw indicator (after folding) is replaced. The
    stored records the mapping can affect (those whose indicator, stripped of
    region, action and measure words, is `raw`) get their canonical name
    again. Returns how many records changed. Raises `UnknownCanonical`.
    """
    raw = (raw or "").strip()
    if not raw:
        raise TrackingError(reason="the raw indicator is empty")
    item = lookup((canonical or "").strip())
    if item is None:
        raise UnknownCanonical(name=canonical)
    m = _mappings_table
    key = fold(raw)
    with store.writing() as conn:
        stored = conn.execute(select(m.c.id, m.c.raw)).all()
        same = [row.id for row in stored if fold(row.raw) == key]
        if same:
            conn.execute(delete(m).where(m.c.id.in_(same)))
        conn.execute(insert(m).values(raw=raw, canonical=item.name, entered_at=datetime.now(UTC)))
    return store.refresh_canonical(only=lambda indicator: key in strip_forms(indicator))


def unmap_indicator(store: Store, raw: str) -> int:
    """Remove the stored mapping of `raw`; the records it affected are resolved again. Returns records changed."""
    m = _mappings_table
    key = fold(raw)
    with store.writing() as conn:
        same = [row.id for row in conn.execute(select(m.c.id, m.c.raw)).all() if fold(row.raw) == key]
        if not same:
            raise UnknownMapping(raw=raw)
        conn.execute(delete(m).where(m.c.id.in_(same)))
    return store.refresh_canonical(only=lambda indicator: key in strip_forms(indicator))


def canonicalize(store: Store, *, refresh: bool = False) -> int:
    """Fill `records.canonical` where it is null, from the stored mappings and the vocabulary.

    Records get their names when they are written, so this only finds work in
    rows written by other means. Records the vocabulary does not know stay
    null. `refresh=True` resolves every record again and also clears names
    that no longer resolve. Returns how many records changed.
    """
    return store.refresh_canonical(null_only=not refresh)

