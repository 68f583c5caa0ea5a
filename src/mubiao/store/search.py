"""Ranked Chinese full-text search over the stored passages.

A query is cut into terms at spaces and punctuation; a passage matches when
it holds every term as a substring (any length, 脱贫 as well as 城镇登记失业率).

- SQLite: the FTS5 bigram index (`text.fts_query`), ranked by bm25. Ranking
  costs about 1.5 µs a match, so only the newest `RANK_WINDOW` matches are
  ranked: rare queries are ranked in full, and a query matching tens of
  thousands of passages stays under 20 ms (docs/store.md has the figures).
- PostgreSQL: the same bigrams in the `passages.search_vector` tsvector column
  (GIN index), queried with a phrase tsquery and ranked by `ts_rank`; reading
  each match's tsvector costs ~10 µs, so only the first `PG_RANK_WINDOW`
  matches (in table order: a GIN scan gives no "newest first") are ranked.

Snippets are cut and marked here in Python, the same way for both databases.
Each hit names the records extracted from its passage (`Hit.records`), so that a
reader goes from a hit to the marked number and to the target's verdict.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, replace
from typing import Any

from sqlalchemy import (
    Engine,
    Float,
    and_,
    cast,
    column,
    func,
    literal,
    or_,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.sql.elements import ColumnElement

from mubiao.lang.vocabulary import spellings
from mubiao.store import schema as s
from mubiao.store.query import region_condition
from mubiao.store.text import fts_query, query_terms, tsquery

#: Matches ranked by bm25 at most (the newest ones); see the module docstring.
RANK_WINDOW = 5000
#: Matches ranked by ts_rank at most on PostgreSQL (each costs a tsvector read, ~10 µs).
PG_RANK_WINDOW = 2000
#: Characters of context shown before the first match in a snippet.
SNIPPET_BEFORE = 30
SNIPPET_WIDTH = 110


@dataclass(frozen=True, slots=True)
class HitRecord:
    """A record extracted from a hit's passage: enough to name it and link to it."""

    record_id: int
    kind: str
    indicator: str
    canonical: str | None
    number_text: str


@dataclass(frozen=True, slots=True)
class Hit:
    """One passage that matches a query, with where it stands and a snippet.

    `start`/`end` are the passage's offsets in the document's cleaned text;
    `marks` are (start, end) spans of the terms inside `snippet`.
    """

    document_id: int
    document: str
    title: str | None
    region: str | None
    year: int | None
    kind: str
    source: str | None  # where the document came from, as the user gave it (publisher, URL, publication)
    section_id: int | None
    section: tuple[str, ...]
    passage_id: int
    start: int
    end: int
    snippet: str
    marks: tuple[tuple[int, int], ...]
    score: float
    records: tuple[HitRecord, ...] = ()

    def highlighted(self, before: str = "<mark>", after: str = "</mark>") -> str:
        """The snippet with each match wrapped in `before`/`after`."""
        out, pos = [], 0
        for a, b in self.marks:
            out += [self.snippet[pos:a], before, self.snippet[a:b], after]
            pos = b
        out.append(self.snippet[pos:])
        return "".join(out)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the fields, the section as a list, and the marked snippet."""
        data = asdict(self)
        data["section"] = list(self.section)
        data["marks"] = [list(m) for m in self.marks]
        data["records"] = [asdict(r) for r in self.records]
        data["highlighted"] = self.highlighted()
        return data


def search(
    engine: Engine,
    query: str,
    *,
    region: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    limit: int = 20,
    within: bool = False,
    exact: bool = False,
) -> list[Hit]:
    """The passages matching every term of `query`, best first (`within`: regions inside `region` too).

    A term that is a name of the indicator vocabulary also finds its other spellings (GDP,
    生产总值, 地区生产总值: `vocabulary.spellings`) unless `exact`, a reader's Ctrl-F."""
    terms = query_terms(query)
    if not terms or limit <= 0:
        return []
    # an indicator's name finds its other spellings too (GDP, 生产总值, 地区生产总值)
    groups = [(term,) if exact else tuple(dict.fromkeys(w.lower() for w in spellings(term))) for term in terms]
    filters = _filters(region, year, kind, within)
    if engine.dialect.name == "sqlite":
        statement, sign = _sqlite_query(groups, filters, limit), -1.0  # bm25: lower is better
    else:
        statement, sign = _postgres_query(groups, filters, limit), 1.0
    with engine.connect() as conn:
        rows = conn.execute(statement).all()
        records = _passage_records(conn, rows)
    marked = [w for group in groups for w in group]
    return [replace(_hit(row, marked, sign), records=records.get(row.passage_id, ())) for row in rows]


def _squeezed(text_: str) -> str:
    return re.sub(r"\s+", "", text_)


def _passage_records(conn: Any, rows: list[Any]) -> dict[int, tuple[HitRecord, ...]]:
    """The records of each hit passage, by passage id, in the order they stand.

    Records carry offsets in the original text and passages in the cleaned text,
    and the store keeps no map between the two; a record belongs to the passage
    of its section whose text holds its quote (the sentence), whitespace aside.
    """
    if not rows:
        return {}
    r = s.records
    places = {(row.document_id, row.section_id) for row in rows}
    sections = {sid for _, sid in places if sid is not None}
    no_section = r.c.section_id.is_(None)
    found = conn.execute(
        select(r.c.id, r.c.document_id, r.c.section_id, r.c.kind, r.c.indicator, r.c.canonical, r.c.number_text, r.c.quote)
        .where(r.c.document_id.in_({d for d, _ in places}), or_(r.c.section_id.in_(sections), no_section))
        .order_by(r.c.document_id, r.c.position)
    ).all()
    by_place: dict[tuple[int, int | None], list[Any]] = defaultdict(list)
    for rec in found:
        by_place[(rec.document_id, rec.section_id)].append(rec)
    out: dict[int, tuple[HitRecord, ...]] = {}
    for row in rows:
        passage = _squeezed(row.text)
        out[row.passage_id] = tuple(
            HitRecord(rec.id, rec.kind, rec.indicator, rec.canonical, rec.number_text)
            for rec in by_place.get((row.document_id, row.section_id), ())
            if _squeezed(rec.quote) in passage
        )
    return out


def _columns(score: Any) -> list[Any]:
    p, d, r, sec = s.passages, s.documents, s.regions, s.sections
    return [
        p.c.id.label("passage_id"), p.c.document_id, p.c.section_id, p.c.start_char, p.c.end_char, p.c.text,
        d.c.name, d.c.title, d.c.report_year, d.c.kind, d.c.provenance, r.c.name.label("region"), sec.c.path.label("section_path"),
        score,
    ]  # fmt: skip


def _joined(base: Any) -> Any:
    """`base` (holding passages) joined to its document and region."""
    d, r, p = s.documents, s.regions, s.passages
    return base.join(d, d.c.id == p.c.document_id).outerjoin(r, r.c.id == d.c.region_id)


def _sqlite_query(terms: list[tuple[str, ...]], filters: list[ColumnElement[bool]], limit: int) -> Any:
    """bm25 over the newest `RANK_WINDOW` matches; texts fetched for the best `limit` only."""
    p, sec = s.passages, s.sections
    fts = table(s.PASSAGES_FTS, column("rowid"))
    source: Any = _joined(fts.join(p, p.c.id == fts.c.rowid)) if filters else fts
    match = text(f"{s.PASSAGES_FTS} MATCH :match").bindparams(match=fts_query(terms))
    candidates = (
        select(fts.c.rowid.label("id"), literal_column(f"bm25({s.PASSAGES_FTS})", Float).label("score"))
        .select_from(source)
        .where(match, *filters)
        .order_by(fts.c.rowid.desc())
        .limit(RANK_WINDOW)
        .subquery("candidates")
    )
    best = (
        select(candidates.c.id, candidates.c.score)
        .order_by(candidates.c.score, candidates.c.id.desc())
        .limit(limit)
        .subquery("best")
    )
    return (
        select(*_columns(best.c.score))
        .select_from(_joined(best.join(p, p.c.id == best.c.id)).outerjoin(sec, sec.c.id == p.c.section_id))
        .order_by(best.c.score, p.c.id.desc())
    )


def _postgres_query(terms: list[tuple[str, ...]], filters: list[ColumnElement[bool]], limit: int) -> Any:
    """ts_rank over the first `PG_RANK_WINDOW` matches in table order; texts for the best `limit` only."""
    p, sec = s.passages, s.sections
    vector = literal_column("passages.search_vector")
    match = cast(literal(tsquery(terms)), TSQUERY)
    candidates = (
        select(p.c.id, vector.label("vector"))
        .select_from(_joined(p) if filters else p)
        .where(vector.op("@@")(match), *filters)
        .limit(PG_RANK_WINDOW)
        .subquery("candidates")
    )
    score = func.ts_rank(candidates.c.vector, match).label("score")
    best = select(candidates.c.id, score).order_by(score.desc(), candidates.c.id.desc()).limit(limit).subquery("best")
    return (
        select(*_columns(best.c.score))
        .select_from(_joined(best.join(p, p.c.id == best.c.id)).outerjoin(sec, sec.c.id == p.c.section_id))
        .order_by(best.c.score.desc(), p.c.id.desc())
    )


def snippet(passage: str, terms: list[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of the passage around the first match, and the matches inside it."""
    lower = passage.lower()
    spans: list[tuple[int, int]] = []
    for term in terms:
        pos = lower.find(term)
        while pos >= 0:
            spans.append((pos, pos + len(term)))
            pos = lower.find(term, pos + 1)
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    first = merged[0][0] if merged else 0
    begin = max(0, min(first - SNIPPET_BEFORE, len(passage) - SNIPPET_WIDTH))
    end = min(len(passage), begin + SNIPPET_WIDTH)
    prefix = "…" if begin > 0 else ""
    suffix = "…" if end < len(passage) else ""
    shift = len(prefix) - begin
    marks = tuple((max(a, begin) + shift, min(b, end) + shift) for a, b in merged if a < end and b > begin)
    return prefix + passage[begin:end] + suffix, marks


def _filters(region: str | None, year: int | None, kind: str | None, within: bool = False) -> list[ColumnElement[bool]]:
    d = s.documents
    out: list[ColumnElement[bool]] = []
    if region:
        out.append(region_condition(region, within))
    if year is not None:
        out.append(d.c.report_year == year)
    if kind:
        out.append(d.c.kind == kind)
    return [and_(*out)] if out else []


def _hit(row: Any, terms: list[str], sign: float) -> Hit:
    path = row.section_path
    if isinstance(path, str):
        path = json.loads(path)
    cut, marks = snippet(row.text, terms)
    return Hit(
        document_id=row.document_id,
        document=row.name,
        title=row.title,
        region=row.region,
        year=row.report_year,
        kind=row.kind,
        source=row.provenance,
        section_id=row.section_id,
        section=tuple(path or ()),
        passage_id=row.passage_id,
        start=row.start_char,
        end=row.end_char,
        snippet=cut,
        marks=marks,
        score=round(sign * float(row.score), 4),
    )
