"""Canonical indicator names stored with each record, and kept current.

`records.canonical` is resolved when a record is written (the vocabulary of
`data/indicators.yaml` and the user's mappings of `indicator_mappings`), so no
read path has to resolve or write it. It is resolved again:

- for the records a mapping can affect, when the user maps or unmaps an indicator
  (`refresh(engine, only=...)`);
- for every record, when the vocabulary changed since the names were stored: the
  store keeps a stamp of the vocabulary it used (`store_facts`), and opening a
  store with another vocabulary resolves everything once (`ensure_current`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from functools import lru_cache

from sqlalchemy import Connection, Engine, bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from mubiao.lang.vocabulary import canonical, data_path, fold, strip_forms
from mubiao.store import schema as s
from mubiao.store.engine import WRITE

#: The store fact naming the vocabulary the stored canonical names come from.
VOCABULARY_FACT = "vocabulary"


@lru_cache(maxsize=1)
def vocabulary_stamp() -> str:
    """A short hash of the packaged indicator vocabulary: changes whenever the YAML does."""
    return hashlib.sha256(data_path().read_bytes()).hexdigest()[:16]


@lru_cache(maxsize=65536)
def vocabulary_name(indicator: str) -> str | None:
    """The canonical name of a raw indicator from the vocabulary alone (cached: ingest resolves many)."""
    return canonical(indicator)


def read_mappings(conn: Connection) -> dict[str, str]:
    """The user's stored raw → canonical mappings, oldest first."""
    m = s.indicator_mappings
    return {row.raw: row.canonical for row in conn.execute(select(m.c.raw, m.c.canonical).order_by(m.c.id))}


def resolver(maps: Mapping[str, str]) -> Callable[[str], str | None]:
    """indicator → canonical name under the given mappings, remembering answers for the caller's lifetime."""
    folded = {fold(raw) for raw in maps}
    cache: dict[str, str | None] = {}

    def resolve(indicator: str) -> str | None:
        if indicator not in cache:
            if folded and any(form in folded for form in strip_forms(indicator)):
                cache[indicator] = canonical(indicator, maps)
            else:
                cache[indicator] = vocabulary_name(indicator)
        return cache[indicator]

    return resolve


def refresh(
    engine: Engine, *, only: Callable[[str], bool] | None = None, null_only: bool = False
) -> int:
    """Resolve stored records' canonical names again and write those that changed; returns rows changed.

    `only` limits it to the records whose raw indicator it accepts (those a
    mapping can affect); `null_only` to records without a name.
    """
    rec = s.records
    query = select(rec.c.id, rec.c.indicator, rec.c.canonical)
    if null_only:
        query = query.where(rec.c.canonical.is_(None))
    with engine.connect().execution_options(**WRITE) as conn, conn.begin():
        resolve = resolver(read_mappings(conn))
        changes = [
            {"rid": row.id, "name": name}
            for row in conn.execute(query).all()
            if (only is None or only(row.indicator)) and (name := resolve(row.indicator)) != row.canonical
        ]
        if changes:
            statement = update(rec).where(rec.c.id == bindparam("rid")).values(canonical=bindparam("name"))
            conn.execute(statement, changes)
    return len(changes)


def ensure_current(engine: Engine) -> int:
    """Resolve every record again when the vocabulary is not the one the names were stored with.

    Cheap when it is (one query). Stores made before names were stored at ingest
    have no stamp and are filled here once. Returns how many records changed.
    """
    facts = s.store_facts
    stamp = vocabulary_stamp()
    with engine.connect() as conn:
        stored = conn.execute(select(facts.c.value).where(facts.c.name == VOCABULARY_FACT)).scalar()
    if stored == stamp:
        return 0
    changed = refresh(engine)
    try:
        with engine.connect().execution_options(**WRITE) as conn, conn.begin():
            conn.execute(delete(facts).where(facts.c.name == VOCABULARY_FACT))
            conn.execute(insert(facts).values(name=VOCABULARY_FACT, value=stamp))
    except IntegrityError:  # another process opening the store wrote the same stamp first
        pass
    return changed
