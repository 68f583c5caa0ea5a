"""Writing one read document into the store, as one transaction.

`write_document` is called inside a transaction the caller opened: either the
whole document (row, text, sections, passages, search index, records) is
there after commit, or none of it is. A document is identified by its source
(resolved path, or name for text given directly), region and report year; the
same text again changes nothing, a new text becomes a new version whose rows
replace the old ones.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Literal

from sqlalchemy import Connection, delete, insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import DBAPIError

from mubiao.lang.regions import level_suffixes
from mubiao.model import Document
from mubiao.errors import DocumentClash
from mubiao.store import schema as s
from mubiao.store.canonical import read_mappings, resolver, vocabulary_name
from mubiao.store.query import STORE_IDS
from mubiao.store.nearcopy import figures, find_twin
from mubiao.store.text import Passage, bigrams

Status = Literal["ingested", "updated", "unchanged", "failed"]

_DIRECT_MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one source in an ingest."""

    path: str
    status: Status
    document_id: int | None = None
    version: int | None = None
    records: int = 0
    reason: str | None = None
    code: str | None = None
    #: seconds spent writing it to the database
    write_seconds: float = 0.0
    #: something the user should act on, e.g. no region found (pass --region)
    warning: str | None = None


@dataclass(frozen=True, slots=True)
class Prepared:
    """A document read by the pipeline and turned into the rows the store writes.

    Built in a worker process, so that the process that writes (the only one
    for SQLite) spends its time in the database and not in Python: every row
    is a plain tuple, JSON already encoded. Sections are referred to by their
    position in `sections` until the writer knows their ids.

    - `document`: the `documents` columns that do not depend on the database;
    - `sections`: (position, level, title, path, start_char, end_char);
    - `passages`: (section position or None, position, start_char, end_char, text);
    - `passage_index`: what the search index takes for each passage: its bigrams
      (SQLite) or their tsvector literal (PostgreSQL);
    - `records`: the `RECORD_COLUMNS` after document_id, with the section position
      in place of section_id; `canonical` (last) from the vocabulary alone, the
      user's mappings are applied when the rows are written.
    """

    source: str
    region: str | None
    year: int | None
    content_hash: str
    document: dict[str, Any]
    text: str
    original: str
    sections: tuple[tuple[Any, ...], ...]
    passages: tuple[tuple[Any, ...], ...]
    passage_index: tuple[str, ...]
    records: tuple[tuple[Any, ...], ...]


def prepare_rows(doc: Document, source: str, passages: list[Passage], passage_index: tuple[str, ...]) -> Prepared:
    """The rows of a read document (see `Prepared`); `passages` cut from its text, indexed in order."""
    section_of = _section_positions(doc)
    sections = tuple(
        (i, sec.level, sec.title, _json(list(sec.path)), sec.start, sec.end) for i, sec in enumerate(doc.sections)
    )
    starts = _deepest_sections(doc, [p.start for p in passages])
    passage_rows = tuple((sec, i, p.start, p.end, p.text) for i, (p, sec) in enumerate(zip(passages, starts, strict=True)))
    paths: dict[tuple[str, ...], str | None] = {}
    records = tuple(
        (
            section_of.get(r.section), i, r.doc, r.quote, r.kind, r.indicator, float(r.value),
            None if r.value_max is None else float(r.value_max), r.unit, r.comparator, r.measure, r.year,
            r.period_start, paths.setdefault(r.section, _json(list(r.section))), r.start, r.end, r.region,
            r.report_year, r.number_text, _json(_stored_extra(r.extra)), r.headline, vocabulary_name(r.indicator),
        )  # fmt: skip
        for i, r in enumerate(doc.records)
    )
    document = {
        "name": doc.name,
        "source_path": source if doc.path else None,
        "report_year": doc.year,
        "kind": doc.kind,
        "title": doc.title,
        "format": doc.format,
        "content_hash": doc.content_hash,
        "n_chars": len(doc.text),
        "n_sections": len(doc.sections),
        "n_records": len(doc.records),
        "folded": doc.folded,
    }
    return Prepared(
        source=source,
        region=doc.region,
        year=doc.year,
        content_hash=doc.content_hash,
        document=document,
        text=doc.text,
        original=doc.original,
        sections=sections,
        passages=passage_rows,
        passage_index=passage_index,
        records=records,
    )


def _section_positions(doc: Document) -> dict[tuple[str, ...], int]:
    """The position of the first section with each path (records name their section by path)."""
    out: dict[tuple[str, ...], int] = {}
    for i, sec in enumerate(doc.sections):
        out.setdefault(tuple(sec.path), i)
    return out


def _deepest_sections(doc: Document, starts: list[int]) -> list[int | None]:
    """For each offset, the position of the deepest (last-starting) section that holds it."""
    order = sorted(range(len(doc.sections)), key=lambda i: (doc.sections[i].start, doc.sections[i].level))
    out: list[int | None] = []
    for start in starts:
        best: int | None = None
        for i in order:
            sec = doc.sections[i]
            if sec.start > start:
                break
            if sec.start <= start < sec.end or (sec.start == sec.end == start):
                best = i
        out.append(best)
    return out


def identity(source: str, region: str | None, year: int | None) -> str:
    """The key of a source document: same source, region and year = same document."""
    raw = "\x1f".join((source, region or "", "" if year is None else str(year)))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def region_level(name: str) -> str | None:
    """A guess of a region's level from its name, for names the division table lacks."""
    if name in ("全国", "中国", "中华人民共和国", "国务院"):
        return "national"
    if name in _DIRECT_MUNICIPALITIES:
        return "province"
    for level, endings in level_suffixes().items():
        if name.endswith(tuple(endings)):
            return level
    return None


def _division(name: str) -> tuple[str | None, str | None, str | None]:
    """Level, parent name and code from the tracker's division table, when it knows the name."""
    try:
        from mubiao.lang.regions import region_info

        info = region_info(name)
    except Exception:  # the table is optional here: fall back to the name's suffix
        info = None
    if info is None or info.ambiguous:
        return region_level(name), None, None
    return info.level, info.parent, info.code


def region_id(conn: Connection, name: str | None, _depth: int = 0) -> int | None:
    """The id of the region called `name`, added (with its parents) if new."""
    if not name:
        return None
    found = conn.execute(select(s.regions.c.id).where(s.regions.c.name == name)).scalar()
    if found is not None:
        return int(found)
    level, parent, code = _division(name)
    parent_id = region_id(conn, parent, _depth + 1) if parent and parent != name and _depth < 5 else None
    values = {"name": name, "level": level, "parent_id": parent_id, "code": code}
    if conn.dialect.name == "postgresql":
        # another ingest into the shared store may be adding the same region: wait for it, not fail
        conn.execute(pg_insert(s.regions).values(**values).on_conflict_do_nothing(index_elements=["name"]))
        return int(conn.execute(select(s.regions.c.id).where(s.regions.c.name == name)).scalar_one())
    result = conn.execute(insert(s.regions).values(**values))
    return int(result.inserted_primary_key[0])


def write_document(conn: Connection, prepared: Prepared) -> Outcome:
    """Store one document (inside the caller's transaction) and say what changed."""
    if conn.dialect.name == "postgresql":
        # several ingests may write to a shared store at once: the same text reaching two is stored once
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": int(prepared.content_hash[:15], 16)})
    rid = region_id(conn, prepared.region)
    key = identity(prepared.source, prepared.region, prepared.year)
    d = s.documents
    existing = conn.execute(select(d.c.id, d.c.version, d.c.content_hash, d.c.kind).where(d.c.identity == key)).first()
    if existing is not None and existing.content_hash == prepared.content_hash:
        kind = prepared.document["kind"]
        if existing.kind == kind:
            return Outcome(prepared.source, "unchanged", existing.id, existing.version, reason="already stored")
        # the same text ingested again as another kind (--kind): a correction of the row, not a new version
        conn.execute(update(d).where(d.c.id == existing.id).values(kind=kind))
        reason = f"same text; kind changed from {existing.kind} to {kind}"
        return Outcome(prepared.source, "unchanged", existing.id, existing.version, reason=reason)
    if existing is None:
        moved = _restated(conn, prepared)
        if moved is not None:  # the same file and text, given another region or year: a correction
            doc_id, version, was = moved
            replace_contents(conn, doc_id, prepared)
            changes = [f"{field} {old or '—'} → {new or '—'}" for field, old, new in
                       (("region", was[0], prepared.region), ("year", was[1], prepared.year)) if old != new]
            return Outcome(prepared.source, "updated", doc_id, version, records=len(prepared.records),
                           reason="same text; " + ", ".join(changes))
        same_text = conn.execute(
            select(d.c.id, d.c.version, d.c.name).where(
                d.c.content_hash == prepared.content_hash,
                d.c.region_id.is_(None) if rid is None else d.c.region_id == rid,
                d.c.report_year.is_(None) if prepared.year is None else d.c.report_year == prepared.year,
            )
        ).first()
        if same_text is not None:
            reason = f"same text as document {same_text.id} ({same_text.name})"
            return Outcome(prepared.source, "unchanged", same_text.id, same_text.version, reason=reason)
        stated = figures((r[_VALUE], r[_UNIT]) for r in prepared.records)
        twin = find_twin(conn, prepared.text, stated, rid, prepared.year)
        if twin is not None:
            reason = f"same report as document {twin.id} ({twin.name})"
            return Outcome(prepared.source, "unchanged", twin.id, twin.version, reason=reason)
    now = datetime.now(timezone.utc)
    row: dict[str, Any] = {**prepared.document, "region_id": rid, "ingested_at": now}
    n_records = len(prepared.records)
    if existing is None:
        version = 1
        result = conn.execute(insert(d).values(identity=key, version=version, **row))
        doc_id = int(result.inserted_primary_key[0])
    else:
        doc_id, version = existing.id, existing.version + 1
        delete_contents(conn, doc_id)
        conn.execute(update(d).where(d.c.id == doc_id).values(version=version, **row))
    conn.execute(
        insert(s.document_versions).values(
            document_id=doc_id, version=version, content_hash=prepared.content_hash, ingested_at=now, n_records=n_records
        )
    )
    write_contents(conn, doc_id, prepared)
    status: Status = "ingested" if existing is None else "updated"
    return Outcome(prepared.source, status, doc_id, version, records=n_records, warning=missing_region(prepared.region))


def _restated(conn: Connection, prepared: Prepared) -> tuple[int, int, tuple[str | None, int | None]] | None:
    """A stored document of the same file and text under another region or year: (id, version,
    (its region, its year)). Only an ingest whose --region/--year differ gets here (one that
    leaves them to detection finds the file unchanged first, in `ingest.prepare`)."""
    if prepared.region is None or prepared.year is None or not prepared.document.get("source_path"):
        return None
    d, r = s.documents, s.regions
    row = conn.execute(
        select(d.c.id, d.c.version, r.c.name, d.c.report_year)
        .select_from(d.outerjoin(r, d.c.region_id == r.c.id))
        .where(d.c.source_path == prepared.source, d.c.content_hash == prepared.content_hash)
    ).first()
    if row is None or (row.name, row.report_year) == (prepared.region, prepared.year):
        return None
    return int(row.id), int(row.version), (row.name, row.report_year)


def write_contents(conn: Connection, doc_id: int, prepared: Prepared) -> None:
    """Write a document's text, sections, passages (with their index entries) and records."""
    conn.execute(insert(s.document_texts).values(document_id=doc_id, text=prepared.text, original=prepared.original))
    section_ids = _write_sections(conn, doc_id, prepared)
    _write_passages(conn, doc_id, prepared, section_ids)
    _write_records(conn, doc_id, prepared, section_ids)


def replace_contents(conn: Connection, doc_id: int, prepared: Prepared) -> None:
    """Put a document's newly derived rows in place of its old ones (a correction of region,
    year or kind): its id, version and source stay."""
    key = identity(prepared.source, prepared.region, prepared.year)
    other = conn.execute(select(s.documents.c.id).where(s.documents.c.identity == key, s.documents.c.id != doc_id)).scalar()
    if other is not None:
        what = " ".join(str(v) for v in (prepared.region, prepared.year) if v)
        raise DocumentClash(prepared.source, id=doc_id, what=what, other=other)
    delete_contents(conn, doc_id)
    values = {**prepared.document, "region_id": region_id(conn, prepared.region), "ingested_at": datetime.now(timezone.utc)}
    values.pop("source_path", None)
    values["identity"] = key
    conn.execute(update(s.documents).where(s.documents.c.id == doc_id).values(**values))
    write_contents(conn, doc_id, prepared)


def missing_region(region: str | None) -> str | None:
    """The warning for a document stored without a region: its head did not say, and none was guessed."""
    if region:
        return None
    return "no region in its title or opening formula: stored without one (pass --region to set it)"


def delete_contents(conn: Connection, doc_id: int) -> None:
    """Remove a document's text, sections, passages (and their index entries) and records."""
    if conn.dialect.name == "sqlite":
        old = conn.execute(select(s.passages.c.id, s.passages.c.text).where(s.passages.c.document_id == doc_id)).all()
        if old:
            conn.execute(
                text(f"INSERT INTO {s.PASSAGES_FTS} ({s.PASSAGES_FTS}, rowid, bigrams) VALUES ('delete', :id, :bigrams)"),
                [{"id": r.id, "bigrams": bigrams(r.text)} for r in old],
            )
    for table in (s.records, s.passages, s.sections, s.document_texts):
        conn.execute(delete(table).where(table.c.document_id == doc_id))


def _ids_by_position(conn: Connection, table: Any, doc_id: int) -> list[int]:
    rows = conn.execute(select(table.c.position, table.c.id).where(table.c.document_id == doc_id)).all()
    return [r.id for r in sorted(rows)]


def _insert_many(conn: Connection, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Insert rows with plain DB-API calls: several times cheaper per row than Core inserts of dicts.

    SQLite takes an executemany; PostgreSQL a COPY (an INSERT per row would cost a server
    round each). JSON and tsvector values come as their text forms.
    """
    names = ", ".join(columns)
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"INSERT INTO {table} ({names}) VALUES ({', '.join(['?'] * len(columns))})", rows)  # type: ignore[arg-type]
        return
    statement = f"COPY {table} ({names}) FROM STDIN"
    dbapi = conn.dialect.loaded_dbapi
    try:
        with conn.connection.dbapi_connection.cursor().copy(statement) as copy:  # type: ignore[union-attr]
            for row in rows:
                copy.write_row(row)
    except dbapi.Error as err:  # as SQLAlchemy would raise it (IntegrityError, …)
        raise DBAPIError.instance(statement, None, err, dbapi.Error) from err


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _write_sections(conn: Connection, doc_id: int, prepared: Prepared) -> list[int]:
    if not prepared.sections:
        return []
    columns = ("document_id", "position", "level", "title", "path", "start_char", "end_char")
    _insert_many(conn, "sections", columns, [(doc_id, *row) for row in prepared.sections])
    return _ids_by_position(conn, s.sections, doc_id)


def _write_passages(conn: Connection, doc_id: int, prepared: Prepared, section_ids: list[int]) -> None:
    if not prepared.passages:
        return
    columns = ("document_id", "section_id", "position", "start_char", "end_char", "text")
    rows = [(doc_id, None if sec is None else section_ids[sec], *rest) for sec, *rest in prepared.passages]
    if conn.dialect.name == "sqlite":
        _insert_many(conn, "passages", columns, rows)
        ids = _ids_by_position(conn, s.passages, doc_id)
        _insert_many(conn, s.PASSAGES_FTS, ("rowid", "bigrams"), list(zip(ids, prepared.passage_index, strict=True)))
    else:
        vectors = zip(rows, prepared.passage_index, strict=True)
        _insert_many(conn, "passages", (*columns, "search_vector"), [(*row, v) for row, v in vectors])


RECORD_COLUMNS = (
    "document_id", "section_id", "position", "doc", "quote", "kind", "indicator", "value", "value_max", "unit",
    "comparator", "measure", "year", "period_start", "section_path", "start_char", "end_char", "region",
    "report_year", "number_text", "extra", "headline", "canonical",
)  # fmt: skip
_INDICATOR = RECORD_COLUMNS.index("indicator")
_HEADLINE = RECORD_COLUMNS.index("headline")


def _write_records(conn: Connection, doc_id: int, prepared: Prepared, section_ids: list[int]) -> None:
    if prepared.records:
        rows = [(doc_id, None if sec is None else section_ids[sec], *rest) for sec, *rest in prepared.records]
        # (a store at a revision before the mappings table, as tests build them, has none)
        maps = read_mappings(conn) if conn.dialect.has_table(conn, s.indicator_mappings.name) else {}
        if maps:  # the user's mappings win over the vocabulary's name computed when the rows were prepared
            resolve = resolver(maps)
            rows = [(*row[:-1], resolve(row[_INDICATOR])) for row in rows]
        if not any(row[_HEADLINE] for row in rows):
            # No headline: leave the column to its default (false), so that a document without
            # one can still be written into a store of a revision before 0008 (upgrade tests).
            columns = tuple(c for c in RECORD_COLUMNS if c != "headline")
            _insert_many(conn, "records", columns, [(*row[:_HEADLINE], *row[_HEADLINE + 1:]) for row in rows])
            return
        _insert_many(conn, "records", RECORD_COLUMNS, rows)


def _stored_extra(extra: dict[str, Any]) -> dict[str, Any] | None:
    """A record's extra fields as stored: without the ids a record read back from a store carries."""
    kept = {key: value for key, value in extra.items() if key not in STORE_IDS}
    return kept or None


# where value and unit sit in a prepared record row (RECORD_COLUMNS without document_id)
_VALUE, _UNIT = RECORD_COLUMNS.index("value") - 1, RECORD_COLUMNS.index("unit") - 1
