"""Reading the store back: tables of records and documents, and one document whole.

Tables come as pandas DataFrames, one row per record or document, with the
region and report year joined in, ready for export or analysis. Single
documents come back as the pipeline's own types (`Section`, `Record`) so the
tracking stage and the web server can work with what the pipeline made.
"""

from __future__ import annotations

import json
from functools import lru_cache
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd
from sqlalchemy import Engine, Select, Text, bindparam, func, or_, select, type_coerce, update
from sqlalchemy.sql.elements import ColumnElement

from mubiao.errors import DocumentNotFound
from mubiao.model import Record, Section
from mubiao.store import schema as s
from mubiao.store.schema import DOCUMENT_KINDS, RECORD_KINDS

#: Separator of headings when a section path is written as one string.
PATH_SEPARATOR = " > "
#: The keys of `Record.extra` that carry a stored record's ids (`to_record`).
STORE_IDS = ("record_id", "document_id")

RECORD_COLUMNS = (
    "record_id",
    "document_id",
    "doc",
    "region",
    "report_year",
    "doc_kind",
    "quote",
    "kind",
    "indicator",
    "canonical",
    "value",
    "value_max",
    "unit",
    "comparator",
    "measure",
    "year",
    "period_start",
    "section",
    "start_char",
    "end_char",
    "number_text",
    "headline",
)

DOCUMENT_COLUMNS = (
    "document_id",
    "name",
    "title",
    "region",
    "report_year",
    "kind",
    "format",
    "version",
    "n_records",
    "n_sections",
    "n_chars",
    "folded",
    "content_hash",
    "source_path",
    "ingested_at",
    "provenance",
)

_INTEGERS = ("report_year", "year", "period_start")


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A stored document's description (its text, sections and records are read apart)."""

    id: int
    name: str
    title: str | None
    region: str | None
    year: int | None
    kind: str
    format: str
    source_path: str | None
    content_hash: str
    version: int
    ingested_at: datetime
    n_chars: int
    n_sections: int
    n_records: int
    folded: int
    provenance: str | None = None  # where it came from, as the user gave it


def record_columns(section_as_text: bool = False) -> list[Any]:
    """The columns of a record row (RECORD_COLUMNS), from records joined to documents and regions
    (`section_as_text`: the section path's JSON left unread, for readers that cache it)."""
    rec, d, r = s.records, s.documents, s.regions
    section = type_coerce(rec.c.section_path, Text) if section_as_text else rec.c.section_path
    return [
        rec.c.id.label("record_id"),
        rec.c.document_id,
        rec.c.doc,
        func.coalesce(rec.c.region, r.c.name).label("region"),
        d.c.report_year,
        d.c.kind.label("doc_kind"),
        rec.c.quote,
        rec.c.kind,
        rec.c.indicator,
        rec.c.canonical,
        rec.c.value,
        rec.c.value_max,
        rec.c.unit,
        rec.c.comparator,
        rec.c.measure,
        rec.c.year,
        rec.c.period_start,
        section.label("section"),
        rec.c.start_char,
        rec.c.end_char,
        rec.c.number_text,
        rec.c.headline,
    ]


def records(
    engine: Engine,
    *,
    region: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    indicator: str | None = None,
    measure: str | None = None,
    doc: int | str | None = None,
    record_year: int | None = None,
    within: bool = False,
) -> pd.DataFrame:
    """Records as a table, filtered.

    `within` widens `region` to the regions inside it. `year` is the report year; `record_year` the year a record is about.
    `kind` is a record kind (target, achievement) or a document kind (report,
    interpretation, communique, other). `indicator` matches part of the
    indicator or its canonical name. `doc` is a document id or file name.
    """
    query = _records_query(region=region, year=year, kind=kind, indicator=indicator, measure=measure, doc=doc,
                           record_year=record_year, within=within)
    frame = _frame(engine, query, RECORD_COLUMNS)
    frame["section"] = [PATH_SEPARATOR.join(_path(p)) for p in frame["section"]]
    frame["value"] = frame["value"].astype("float64")
    frame["value_max"] = frame["value_max"].astype("float64")
    return frame


def record_list(engine: Engine, **filters: Any) -> list[Record]:
    """`records(**filters)` as `Record`s, read straight from the rows (no table between: a
    tracker reading every record of a 10,000-document store pays per row only once)."""
    with engine.connect() as conn:
        rows = conn.execute(_records_query(section_as_text=True, **filters)).all()
    return [to_record(row._mapping, plain=True) for row in rows]


def tracking_records(engine: Engine, region: str | None = None) -> tuple[list[Record], dict[str, str | None]]:
    """Every record (of `region`) as the tracker needs it, and the stored canonical name of each raw indicator.

    The tracker reads the whole store on its first call, so this reads only what
    a verdict rests on: no section path (Records come with `section=()`) and no
    number text; rows become Records directly, with the ids in `extra` as
    `to_record` puts them. The names are `records.canonical`, resolved when the
    records were written (`mubiao.store.canonical`), so linking need not resolve
    them again.
    """
    rec, d, r = s.records, s.documents, s.regions
    query = (
        select(
            rec.c.id, rec.c.document_id, rec.c.doc, func.coalesce(rec.c.region, r.c.name), d.c.report_year,
            rec.c.quote, rec.c.kind, rec.c.indicator, rec.c.canonical, rec.c.value, rec.c.value_max, rec.c.unit,
            rec.c.comparator, rec.c.measure, rec.c.year, rec.c.period_start, rec.c.start_char, rec.c.end_char,
            rec.c.headline,
        )
        .select_from(rec.join(d, d.c.id == rec.c.document_id).outerjoin(r, r.c.id == d.c.region_id))
        .order_by(rec.c.document_id, rec.c.position)
    )
    query = _document_filters(query, region=region)
    out: list[Record] = []
    names: dict[str, str | None] = {}
    with engine.connect() as conn:
        # The driver's own rows: every column here is a plain number or string to SQLite and PostgreSQL
        # alike (headline is 0/1 in SQLite, hence bool() below), so SQLAlchemy's per-value processing,
        # a third of the read on a 10,000-document store, is left out.
        rows = conn.execute(query).cursor.fetchall()
    no_section: tuple[str, ...] = ()
    for (rid, did, doc, place, report_year, quote, kind, indicator, name, value, value_max, unit, comparator,
         measure, year, period_start, start, end, headline) in rows:  # fmt: skip
        names[indicator] = name
        # Record's fields in their declared order: positional, as keywords cost a second more on 678,000
        # rows (tests/track/test_track_fast_read.py holds these Records equal to record_list's)
        out.append(Record(
            doc, quote, kind, indicator, value, value_max, unit, comparator, measure, year, period_start,
            no_section, start, end, place, report_year, "", bool(headline), {"record_id": rid, "document_id": did},
        ))  # fmt: skip
    return out, names


def _records_query(
    *,
    region: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    indicator: str | None = None,
    measure: str | None = None,
    doc: int | str | None = None,
    record_year: int | None = None,
    within: bool = False,
    section_as_text: bool = False,
) -> Select[Any]:
    rec, d, r = s.records, s.documents, s.regions
    query = (
        select(*record_columns(section_as_text))
        .select_from(rec.join(d, d.c.id == rec.c.document_id).outerjoin(r, r.c.id == d.c.region_id))
        .order_by(rec.c.document_id, rec.c.position)
    )
    document_kind = kind if kind in DOCUMENT_KINDS else None
    query = _document_filters(query, region=region, within=within, year=year, kind=document_kind)
    if kind in RECORD_KINDS:
        query = query.where(rec.c.kind == kind)
    elif kind and kind not in DOCUMENT_KINDS:
        raise ValueError(f"kind must be one of {RECORD_KINDS + DOCUMENT_KINDS}, not {kind!r}")
    if indicator:
        pattern = f"%{indicator}%"
        query = query.where(or_(rec.c.indicator.like(pattern), rec.c.canonical.like(pattern)))
    if measure:
        query = query.where(rec.c.measure == measure)
    if record_year is not None:
        query = query.where(rec.c.year == record_year)
    if doc is not None:
        query = query.where(_doc_condition(doc))
    return query


def documents(
    engine: Engine,
    *,
    region: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    within: bool = False,
) -> pd.DataFrame:
    """Stored documents as a table, one row each (the current version); `within` as for `records`."""
    d, r = s.documents, s.regions
    query = (
        select(
            d.c.id.label("document_id"),
            d.c.name,
            d.c.title,
            r.c.name.label("region"),
            d.c.report_year,
            d.c.kind,
            d.c.format,
            d.c.version,
            d.c.n_records,
            d.c.n_sections,
            d.c.n_chars,
            d.c.folded,
            d.c.content_hash,
            d.c.source_path,
            d.c.ingested_at,
            d.c.provenance,
        )
        .select_from(d.outerjoin(r, r.c.id == d.c.region_id))
        .order_by(d.c.id)
    )
    query = _document_filters(query, region=region, within=within, year=year, kind=kind)
    return _frame(engine, query, DOCUMENT_COLUMNS)


def regions(engine: Engine) -> pd.DataFrame:
    """Regions known to the store, with their level, parent and division code."""
    r, parent = s.regions, s.regions.alias("parent")
    query = (
        select(r.c.id.label("region_id"), r.c.name, r.c.level, parent.c.name.label("parent"), r.c.code)
        .select_from(r.outerjoin(parent, parent.c.id == r.c.parent_id))
        .order_by(r.c.id)
    )
    return _frame(engine, query, ("region_id", "name", "level", "parent", "code"))


def document(engine: Engine, doc_id: int) -> StoredDocument:
    """One document's description; raises DocumentNotFound."""
    d, r = s.documents, s.regions
    query = (
        select(d, r.c.name.label("region"))
        .select_from(d.outerjoin(r, r.c.id == d.c.region_id))
        .where(d.c.id == doc_id)
    )
    with engine.connect() as conn:
        row = conn.execute(query).mappings().first()
    if row is None:
        raise DocumentNotFound(id=doc_id)
    return StoredDocument(
        id=row["id"],
        name=row["name"],
        title=row["title"],
        region=row["region"],
        year=row["report_year"],
        kind=row["kind"],
        format=row["format"],
        source_path=row["source_path"],
        content_hash=row["content_hash"],
        version=row["version"],
        ingested_at=row["ingested_at"],
        n_chars=row["n_chars"],
        n_sections=row["n_sections"],
        n_records=row["n_records"],
        folded=row["folded"],
        provenance=row.get("provenance"),
    )


def document_text(engine: Engine, doc_id: int, original: bool = False) -> str:
    """The cleaned text (sections' offsets), or the original (records' offsets)."""
    t = s.document_texts
    with engine.connect() as conn:
        found = conn.execute(select(t.c.original if original else t.c.text).where(t.c.document_id == doc_id)).first()
    if found is None:
        raise DocumentNotFound(id=doc_id)
    return str(found[0])


def document_sections(engine: Engine, doc_id: int) -> list[Section]:
    """A document's sections in document order."""
    sec = s.sections
    query = select(sec).where(sec.c.document_id == doc_id).order_by(sec.c.position)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [Section(r.level, r.title, tuple(_path(r.path)), r.start_char, r.end_char) for r in rows]


def document_records(engine: Engine, doc_id: int) -> list[Record]:
    """A document's records in document order, as the pipeline's `Record`s (region and year as extracted)."""
    rec = s.records
    columns = [rec.c.region if c.name == "region" else rec.c.report_year if c.name == "report_year" else c
               for c in record_columns()]
    query = (
        select(*columns, rec.c.extra)
        .select_from(rec.join(s.documents, s.documents.c.id == rec.c.document_id))
        .where(rec.c.document_id == doc_id)
        .order_by(rec.c.position)
    )
    with engine.connect() as conn:
        rows = [row._asdict() for row in conn.execute(query).all()]
    for row in rows:
        row["section"] = _path(row["section"])  # stored as a JSON array
    return [to_record(row) for row in rows]


def frame_records(frame: pd.DataFrame) -> list[Record]:
    """The rows of a `records` table as the pipeline's `Record`s, in order (each with its ids in `extra`)."""
    return [to_record(row) for row in frame.itertuples(index=False)]


def to_record(row: Any, *, plain: bool = False) -> Record:
    """One row named like `RECORD_COLUMNS` (a table row, or a mapping) as a `Record`.

    The one converter from stored rows to Records: the record's and its
    document's ids go into `extra` (`STORE_IDS`), so that what is computed
    from the Record (a verdict) can name the rows it rests on. `section` is
    the headings as a list, or joined by PATH_SEPARATOR as in a table ("" for none).
    """
    data = row if isinstance(row, Mapping) else row._asdict()
    cell = _same if plain else _cell  # `plain`: values straight from the database, no pandas markers
    section = cell(data["section"])
    if isinstance(section, str) and not plain:  # a table's joined path ("" for a record before any heading)
        path = tuple(section.split(PATH_SEPARATOR)) if section else ()
    else:  # the stored JSON array (text, or already read by the database driver)
        path = _section_path(section) if isinstance(section, str) else tuple(_path(section))
    extra = dict(_json(data.get("extra")) or {})
    extra.update(record_id=int(data["record_id"]), document_id=int(data["document_id"]))
    value_max = cell(data["value_max"])
    year, period_start, report_year = (cell(data[k]) for k in ("year", "period_start", "report_year"))
    return Record(
        doc=str(data["doc"]),
        quote=str(data["quote"]),
        kind=data["kind"],
        indicator=str(data["indicator"]),
        value=float(data["value"]),
        value_max=None if value_max is None else float(value_max),
        unit=str(data["unit"]),
        comparator=data["comparator"],
        measure=data["measure"],
        year=None if year is None else int(year),
        period_start=None if period_start is None else int(period_start),
        section=path,
        start=int(data["start_char"]),
        end=int(data["end_char"]),
        region=cell(data["region"]),
        report_year=None if report_year is None else int(report_year),
        number_text=cell(data["number_text"]) or "",
        extra=extra,
        headline=bool(cell(data.get("headline")) or False),
    )


def _same(value: Any) -> Any:
    return value


@lru_cache(maxsize=4096)
def _section_path(stored: str) -> tuple[str, ...]:
    """A stored section path (a JSON array), read once however many records share it."""
    return tuple(_path(stored))


def _cell(value: Any) -> Any:
    """A cell with pandas' missing markers (NaN, NA) as None."""
    if value is None or isinstance(value, (list, dict, tuple)):
        return value
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


def _int(value: Any) -> int | None:
    value = _cell(value)
    return None if value is None else int(value)


def set_canonical(engine: Engine, names: Mapping[int, str | None]) -> int:
    """Set records' canonical indicator names by record id; returns rows changed."""
    if not names:
        return 0
    rec = s.records
    statement = update(rec).where(rec.c.id == bindparam("rid")).values(canonical=bindparam("name"))
    with engine.begin() as conn:
        result = conn.execute(statement, [{"rid": k, "name": v} for k, v in names.items()])
    return int(result.rowcount or 0)


def region_names(engine: Engine) -> list[str]:
    """The names of the stored regions."""
    with engine.connect() as conn:
        return list(conn.execute(select(s.regions.c.name)).scalars())


def region_condition(name: str, within: bool = False) -> ColumnElement[bool]:
    """Documents of region `name`; with `within`, also of the regions inside it (its cities, their counties).

    The parent links come from the division table when a region is first stored.
    """
    r = s.regions
    if not within:
        return r.c.name == name
    inside = select(r.c.id).where(r.c.name == name).cte("inside", recursive=True)
    child = s.regions.alias("child")
    inside = inside.union(select(child.c.id).where(child.c.parent_id == inside.c.id))
    return r.c.id.in_(select(inside.c.id))


def _document_filters(query: Select[Any], **given: Any) -> Select[Any]:
    d = s.documents
    if given.get("region"):
        query = query.where(region_condition(given["region"], bool(given.get("within"))))
    if given.get("year") is not None:
        query = query.where(d.c.report_year == given["year"])
    if given.get("kind"):
        query = query.where(d.c.kind == given["kind"])
    return query


def _doc_condition(doc: int | str) -> Any:
    d = s.documents
    if isinstance(doc, int) or (isinstance(doc, str) and doc.isdigit()):
        return d.c.id == int(doc)
    return or_(d.c.name == doc, d.c.source_path == doc)


def _frame(engine: Engine, query: Select[Any], columns: tuple[str, ...]) -> pd.DataFrame:
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame.from_records([tuple(r) for r in rows], columns=list(columns))
    for name in _INTEGERS:
        if name in frame:
            frame[name] = frame[name].astype("Int64")
    return frame


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) and value else value  # "" is a record with no section


def _path(value: Any) -> list[str]:
    return list(_json(value) or [])
