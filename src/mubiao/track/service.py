"""Verdicts over the store: the queries the CLI and the web dashboard call.

The verdict rules are pure functions over `Record` lists (`mubiao.track.verdict`,
docs/tracking.md); this module feeds them what a `Store` holds:

- the stored records (targets and achievements of every ingested document),
  read back as `Record`s carrying their record ids (so each verdict names the
  target and outcome rows it rests on);
- the user's own indicator mappings (`mubiao.track.mappings`), given to the
  rules as `extra` wherever an indicator is resolved;
- outcomes entered by hand or imported from CSV (`mubiao.track.outcomes`),
  achievement Records without a report year;
- the years each region has reported on: report year − 1 of each of its
  stored documents, and the years of its stored achievements (manual
  outcomes do not make a year "reported").

Reading never writes: canonical names are stored when records are written
(`mubiao.store.canonical`).

    >>> from mubiao.store import Store
    >>> from mubiao.track import service
    >>> store = Store("mubiao.db")
    >>> service.verdict_summary(store, "衡阳市")         # {'met': 0, 'missed': 0, 'on track': 1, …}
    >>> service.indicator_series(store, "衡阳市", "地区生产总值")["targets"][0]["verdict"]
    >>> [v.to_dict() for v in service.track(store, region="衡阳市", year=2021)]
    >>> service.diff(store, "衡阳", 2018, 2019)          # list[Change]
    >>> service.compare(store, "GDP", 2021)              # list[dict], 全国 → 省 → 市 → 县

Writing lives in `mappings` (map_indicator, unmap_indicator) and `outcomes`
(add_outcome, import_outcomes); their names are also reachable from here, as
the CLI and the dashboard call them. Region names are normalised
(衡阳 → 衡阳市) before they are looked up.
"""

from __future__ import annotations

import gc
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, NamedTuple

import pandas as pd

from mubiao.errors import (  # noqa: F401 - the tracker's errors, re-exported for callers
    BadOutcome,
    BadOutcomeFile,
    NoReportYear,
    TrackingError,
    UnknownCanonical,
    UnknownMapping,
)
from mubiao.lang.vocabulary import canonical as _canonical
from mubiao.lang.vocabulary import fold, lookup
from mubiao.model import Record
from mubiao.store.canonical import resolver
from mubiao.track import verdict as V
from mubiao.track.mappings import canonicalize, map_indicator, mappings, unmap_indicator  # noqa: F401
from mubiao.track.outcomes import (  # noqa: F401 - the writing side, reachable from here for callers
    MANUAL_DOC,
    ImportReport,
    ManualOutcome,
    add_outcome,
    import_outcomes,
    manual_outcomes,
    outcomes,
    stored_region,
)
from mubiao.track.verdict import Change, Verdict

if TYPE_CHECKING:  # pragma: no cover
    from mubiao.store import Store


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
    resolve = resolver(ctx.mappings)

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
    year; a target without one takes its report's year).
    """
    return [verdict for _, verdict in _Context.load(store, region=region).judge(indicator, year)]


class Judged(NamedTuple):
    """What one read of the store gives a dashboard: each target with its verdict, and the stored outcomes."""

    #: (target Record, its Verdict) in document order; the Record carries its ids in `extra`
    pairs: list[tuple[Record, Verdict]]
    #: the stored achievements as read (before linking reads them as the genre means them)
    achievements: list[Record]
    #: raw indicator → its stored canonical name
    names: dict[str, str | None]


def judged(store: Store, region: str | None = None) -> Judged:
    """`track` with the target Records beside their verdicts, and the stored achievements, from one read."""
    ctx = _Context.load(store, region=region)
    return Judged(ctx.judge(), [r for r in ctx.stored if r.kind == "achievement"], ctx.names)


def diff(store: Store, region: str, year_a: int, year_b: int) -> list[Change]:
    """How `region`'s targets changed from its documents of report year `year_a` to those of `year_b`.

    Raises `NoReportYear` when the store holds no document of the region for
    either year. See `verdict.diff` for the grouping and the changes
    (raised, lowered, unchanged, new, dropped).
    """
    maps = mappings(store)
    name = stored_region(store, region)
    docs = store.documents(region=name)
    known = sorted({int(y) for y in docs["report_year"] if not pd.isna(y)})
    for year in (year_a, year_b):
        if year not in known:
            years = "its report years: " + ", ".join(map(str, known)) if known else "it has no documents"
            raise NoReportYear(region=name, year=year, known=years)
    side_a = store.record_list(region=name, year=year_a, kind="target")
    side_b = store.record_list(region=name, year=year_b, kind="target")
    return V.diff(side_a, side_b, mappings=maps)


def compare(store: Store, indicator: str, year: int, *, measure: str | None = None) -> list[dict[str, Any]]:
    """One indicator's targets for `year` in every stored region, top down (全国 → 省 → 市 → 县).

    Each row is a dict: region, level, parent, code, indicator, canonical,
    value, value_max, unit, comparator, measure, year, doc, quote. Levels and
    parents come from the store's regions (then the division table).
    `measure` keeps one measure only (level, growth, increment).
    """
    maps = mappings(store)
    targets = store.record_list(kind="target", record_year=year)
    return V.compare(targets, indicator, year, _region_lookup(store), mappings=maps, measure=measure)


def compare_table(
    store: Store,
    indicator: str,
    year: int,
    *,
    measure: str | None = None,
    level: str | None = None,
    within: str | None = None,
) -> tuple[list[Any], Any]:
    """One row per region for `year` (`mubiao.track.comparison.compare`) and its summary.

    Each region's headline target, the previous year's with its outcome and
    verdict, and the gap to the national target. `level` keeps one level
    (the national row stays); `within` keeps the regions inside one (湖南省).
    """
    from mubiao.track import comparison as C

    ctx = _Context.load(store)
    wanted = C.Wanted(indicator, ctx.mappings)
    pairs = ctx.judge(keep=lambda r: r.year in (year, year - 1) and wanted.rank(r) is not None)
    inside = _inside(store, within) if within else None
    return C.compare(pairs, indicator, year, _region_lookup(store), mappings=ctx.mappings, measure=measure,
                     level=level, within=inside)  # fmt: skip


def panel(
    store: Store,
    indicator: str,
    *,
    first: int | None = None,
    last: int | None = None,
    level: str | None = None,
    measure: str | None = None,
) -> list[Any]:
    """Region × year rows of one indicator's headline targets, outcomes and verdicts (`comparison.panel`)."""
    from mubiao.track import comparison as C

    ctx = _Context.load(store)
    wanted = C.Wanted(indicator, ctx.mappings)
    pairs = ctx.judge(keep=lambda r: wanted.rank(r) is not None)
    return C.panel(pairs, indicator, _region_lookup(store), mappings=ctx.mappings, measure=measure,
                   first=first, last=last, level=level)  # fmt: skip


def _inside(store: Store, region: str) -> Callable[[str | None], bool]:
    """Whether a region lies inside `region` (itself included), by the parents the store and division table know."""
    top = stored_region(store, region)
    info = _region_lookup(store)

    def check(name: str | None) -> bool:
        for _ in range(6):
            if name is None:
                return False
            if name == top:
                return True
            name = getattr(info(name), "parent", None)
        return False

    return check


# ---------------------------------------------------------------- internals

@dataclass(slots=True)
class _Context:
    """What one tracking call needs from the store, read once (nothing is kept between calls).

    `names` are the stored canonical names of the raw indicators
    (`records.canonical`, resolved at ingest), which linking takes as they are.
    """

    region: str | None
    mappings: dict[str, str]
    stored: list[Record]
    manual: list[Record]
    reported: dict[str | None, set[int]]
    names: dict[str, str | None]

    @classmethod
    def load(cls, store: Store, region: str | None = None) -> _Context:
        name = stored_region(store, region) if region else None
        with _collector_paused():
            stored, names = store.tracking_records(region=name)
        manual = [o.to_record() for o in manual_outcomes(store, name)]
        return cls(name, mappings(store), stored, manual, _reported_years(store, stored, name), names)

    @property
    def outcomes(self) -> list[Record]:
        return [r for r in self.stored if r.kind == "achievement"] + self.manual

    def judge(
        self, indicator: str | None = None, year: int | None = None, keep: Callable[[Record], bool] | None = None
    ) -> list[tuple[Record, Verdict]]:
        wanted = _IndicatorFilter(indicator, self.mappings) if indicator else None
        targets = [
            r for r in self.stored
            if r.kind == "target"
            and (year is None or _target_year(r) == year)
            and (wanted is None or wanted(r.indicator))
            and (keep is None or keep(r))
        ]
        with _collector_paused():
            verdicts = V.link(
                targets, self.outcomes, mappings=self.mappings, reported_years=self.reported, names=self.names
            )
            return list(zip(targets, verdicts, strict=True))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a whole store's Records or verdicts are made.

    They are hundreds of thousands of objects and none of them garbage: the
    collector's passes over them cost a third of a cold call on a
    10,000-document store. Reference counting frees memory as usual meanwhile.
    At the end the objects made are moved to the oldest generation without
    a pass (freeze, then unfreeze), where the next full collection sees them
    as it sees any long-lived object.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()


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


def _reported_years(store: Store, records: Iterable[Record], region: str | None) -> dict[str | None, set[int]]:
    """Per region: report year − 1 of each stored document, and the years its achievements report on (`V.reports_on`)."""
    years: dict[str | None, set[int]] = defaultdict(set)
    docs = store.documents(region=region)
    for name, year in zip(docs["region"], docs["report_year"], strict=True):
        if cell(year) is not None:
            years[cell(name)].add(int(year) - 1)
    for record in records:
        if V.reports_on(record):
            years[record.region].add(record.year)  # type: ignore[arg-type]
    return dict(years)


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
