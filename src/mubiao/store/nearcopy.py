"""The same report in another file: a PDF, a DOCX, a web page, GB18030 text or traditional script.

Users download a report as it comes (PDF and DOCX of the same text, a web page
with its menus); each copy stored would put every record in the ledger twice.
Two documents are taken for the same report when

- their texts, in simplified script with everything but letters and digits
  dropped, share at least `THRESHOLD` of their 5-character shingles (Jaccard,
  estimated by datasketch's MinHash), and
- they state the same figures: the same multiset of record (value, unit).

Why both (measured on the seeds, their formats/ copies and the 43 corpus
reports, docs/store.md): a hash of the normalised text matches the PDF, DOCX,
HTML, GB18030 and traditional copies of the seeds, but misses a copy whose part
headings lost their numbers (一、), one with page chrome the cleaner left, or one
missing a paragraph; MinHash finds all of those (Jaccard 0.92–1.0), while two
different reports never score above 0.11 (national 2006 and 2007). MinHash
alone, though, also scores 0.85–0.98 for a text whose figures were changed (a
corrected edition): the figures are what the ledger keeps, so they must agree.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, select

from mubiao.store import schema as s

if TYPE_CHECKING:
    from datasketch import MinHash

#: Shingle length in characters of the normalised text.
SHINGLE = 5
#: Estimated Jaccard similarity from which two texts are the same report.
THRESHOLD = 0.9
#: MinHash permutations: estimates within about ±0.05 at 128.
PERMUTATIONS = 128
#: Stored documents compared at most (the nearest in length).
MAX_CANDIDATES = 20


@dataclass(frozen=True, slots=True)
class Twin:
    """A stored document found to be the same report."""

    id: int
    version: int
    name: str


def normalise(text: str) -> str:
    """Simplified script, full-width folded, only letters and digits: what copies of a report share."""
    from mubiao.clean import to_simplified

    folded = unicodedata.normalize("NFKC", to_simplified(text))
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in "LN")


def signature(text: str) -> MinHash:
    """The MinHash of a text's normalised shingles."""
    from datasketch import MinHash

    norm = normalise(text)
    sig = MinHash(num_perm=PERMUTATIONS)
    shingles = {norm[i : i + SHINGLE] for i in range(max(1, len(norm) - SHINGLE + 1))}
    sig.update_batch([sh.encode("utf-8") for sh in shingles])
    return sig


def similarity(a: str, b: str) -> float:
    """Estimated Jaccard similarity of two texts' shingles."""
    return float(signature(a).jaccard(signature(b)))


def figures(pairs: Iterable[tuple[Any, Any]]) -> Counter[tuple[float, str]]:
    """The multiset of (value, unit) a document's records state."""
    return Counter((float(value), str(unit)) for value, unit in pairs)


def find_twin(
    conn: Connection,
    text: str,
    record_figures: Counter[tuple[float, str]],
    region_id: int | None,
    year: int | None,
) -> Twin | None:
    """A stored document that is the same report as `text`, if any.

    Candidates are documents of the same region and year (either may be
    unknown on one side: formats do not always carry the title), with as many
    records and a length within a quarter; their figures are compared first
    (one query), the texts only when those agree.
    """
    d = s.documents
    n = len(text)
    n_records = sum(record_figures.values())
    query = select(d.c.id, d.c.version, d.c.name).where(
        d.c.n_records == n_records,
        d.c.n_chars.between(int(n * 0.8), int(n * 1.25) + 1),
    )
    if region_id is not None:
        query = query.where((d.c.region_id == region_id) | d.c.region_id.is_(None))
    if year is not None:
        query = query.where((d.c.report_year == year) | d.c.report_year.is_(None))
    query = query.order_by(func.abs(d.c.n_chars - n), d.c.id).limit(MAX_CANDIDATES)
    candidates = conn.execute(query).all()
    if not candidates:
        return None
    mine = None
    for row in candidates:
        stored = conn.execute(select(s.records.c.value, s.records.c.unit).where(s.records.c.document_id == row.id))
        if figures(stored.all()) != record_figures:
            continue
        other = conn.execute(select(s.document_texts.c.text).where(s.document_texts.c.document_id == row.id)).scalar()
        if other is None:
            continue
        mine = mine or signature(text)
        if mine.jaccard(_cached_signature(other)) >= THRESHOLD:
            return Twin(int(row.id), int(row.version), str(row.name))
    return None


@lru_cache(maxsize=64)
def _cached_signature(text: str) -> MinHash:
    """A stored text's signature, kept while one ingest compares several copies with it."""
    return signature(text)
