"""The researcher's target table: one indicator across regions (compare) and years (panel).

Pure functions over judged targets, `(Record, Verdict)` pairs as the tracking
service makes them (`service.compare_table`, `service.panel`):

- `select`: the one target of a region and year, its headline target
  (`Record.headline`, the report's targets list) or, where the report has no
  list the extractor found, the first annual target of that year's report;
- `compare`: one row per region for a year, with the previous year's target,
  outcome and verdict and the gap to the national target;
- `summarize`: the figures a newspaper prints (count, mean, median, min, max,
  ranges, floors, how many met last year's target, largest over-/undershoot);
- `panel`: region × year, long; `wide` pivots it.

A range's value is its lower end (`value`); `midpoint` is the middle of the
range (the value itself for a single number). The summary gives both.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache
from typing import Any

from mubiao.lang.datafiles import load_yaml
from mubiao.model import Record
from mubiao.track.verdict import Verdict
from mubiao.lang.vocabulary import canonical as _canonical
from mubiao.lang.vocabulary import family, fold, lookup

LEVEL_RANK = {"national": 0, "province": 1, "city": 2, "county": 3}
#: The measure a comparison shows when none is asked for and the targets tie.
MEASURE_ORDER = ("growth", "level", "increment")

Judged = tuple[Record, Verdict | None]
RegionInfo = Callable[[str], Any]


@dataclass(frozen=True, slots=True)
class Row:
    """One region's target for one indicator and year, with last year's and the national one."""

    region: str | None
    level: str | None
    parent: str | None
    code: str | None
    year: int
    indicator: str
    canonical: str | None
    measure: str
    value: float
    value_max: float | None
    midpoint: float
    unit: str
    comparator: str
    headline: bool  # False: no targets list found, the first annual target of the report
    doc: str
    quote: str
    outcome: float | None = None  # what the year reached, where a later report or the user states it
    verdict: str | None = None
    previous_value: float | None = None
    previous_value_max: float | None = None
    previous_comparator: str | None = None
    previous_outcome: float | None = None
    previous_verdict: str | None = None
    gap: float | None = None  # value − the national value (lower ends), same year

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def previous_shoot(self) -> float | None:
        """Last year's outcome less last year's target (lower end): above 0 overshoot."""
        if self.previous_outcome is None or self.previous_value is None:
            return None
        return round(self.previous_outcome - self.previous_value, 6)


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Row))


@dataclass(frozen=True, slots=True)
class Stats:
    """count, mean, median, min and max of some numbers (None when there are none)."""

    count: int
    mean: float | None
    median: float | None
    min: float | None
    max: float | None

    @classmethod
    def of(cls, numbers: Sequence[float]) -> Stats:
        if not numbers:
            return cls(0, None, None, None, None)
        return cls(
            len(numbers), round(statistics.fmean(numbers), 4), statistics.median(numbers), min(numbers), max(numbers)
        )


@dataclass(frozen=True, slots=True)
class Summary:
    """What a newspaper prints about one indicator's targets across regions (national row left out)."""

    indicator: str | None
    year: int
    measure: str | None
    unit: str | None
    by_lower_end: Stats  # a range counts by its lower end
    by_midpoint: Stats  # a range counts by its midpoint
    comparators: dict[str, int]  # how many set a range, a floor (>=), about (~), exactly (=), a ceiling (<=)
    previous_judged: int  # regions whose previous year's target has a verdict met or missed
    previous_met: int
    largest_overshoot: tuple[str | None, float] | None  # (region, outcome − target) of last year
    largest_undershoot: tuple[str | None, float] | None
    national: float | None  # the national target (lower end), None when not stored
    national_stored: bool
    gaps: dict[str | None, float] = field(default_factory=dict)  # region → gap to the national target

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["gaps"] = dict(self.gaps)
        return data

    def lines(self) -> list[str]:
        """The summary in a few plain lines (English; numbers as figures)."""
        what = f"{self.indicator or '?'} {self.year} ({self.measure or 'any measure'}, {self.unit or ''})"
        lo, mid = self.by_lower_end, self.by_midpoint
        out = [f"{what}: {lo.count} region{'' if lo.count == 1 else 's'}"]
        if lo.count:
            out.append(f"by lower end of ranges: mean {_n(lo.mean)}, median {_n(lo.median)}, min {_n(lo.min)}, max {_n(lo.max)}")
            out.append(f"by midpoint of ranges: mean {_n(mid.mean)}, median {_n(mid.median)}, min {_n(mid.min)}, max {_n(mid.max)}")
            out.append(
                f"{self.comparators.get('range', 0)} set a range, {self.comparators.get('>=', 0)} a floor (以上), "
                f"{self.comparators.get('~', 0)} about (左右), {self.comparators.get('=', 0)} a plain figure, "
                f"{self.comparators.get('<=', 0)} a ceiling"
            )
        if self.previous_judged:
            out.append(f"{self.previous_met} of {self.previous_judged} met their {self.year - 1} target")
        if self.largest_overshoot:
            out.append(f"largest overshoot of {self.year - 1}: {self.largest_overshoot[0]} {_n(self.largest_overshoot[1], True)}")
        if self.largest_undershoot:
            out.append(f"largest undershoot of {self.year - 1}: {self.largest_undershoot[0]} {_n(self.largest_undershoot[1], True)}")
        if self.national_stored:
            out.append(f"national target: {_n(self.national)}; gap of each region in the gap column")
        else:
            out.append(f"the national report of {self.year} is not stored: no gaps to the national target")
        return out


def _n(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "-"
    text = f"{value:+.4g}" if signed else f"{value:.4g}"
    return text


# ---------------------------------------------------------------- selecting


class Wanted:
    """Which records are the indicator asked for: its canonical name first, then its family (GNP for GDP)."""

    def __init__(self, indicator: str, mappings: Mapping[str, str] | None = None) -> None:
        self.maps = dict(mappings or {})
        item = lookup(indicator.strip())
        self.name = item.name if item else _canonical(indicator, self.maps)
        self.raw = fold(indicator)
        self.names = family(self.name) if self.name else ()
        self._cache: dict[str, int | None] = {}

    def rank(self, record: Record) -> int | None:
        """0 the indicator itself, 1 a series that stands for it, None not this indicator."""
        if record.indicator not in self._cache:
            name = _canonical(record.indicator, self.maps)
            if self.name is None:
                rank = 0 if fold(record.indicator) == self.raw else None
            elif name in self.names:
                rank = self.names.index(name) and 1
            else:
                rank = None
            self._cache[record.indicator] = rank
        return self._cache[record.indicator]


def measure_of(record: Record) -> str:
    """The record's measure, a percentage stated as a level of a rate (经济增长速度8%) counted as growth."""
    if record.measure == "level" and record.unit in ("%", "％") and any(w in record.indicator for w in _rate_words()):
        return "growth"
    return record.measure


@lru_cache(maxsize=1)
def _rate_words() -> tuple[str, ...]:
    return tuple(load_yaml("headline.yaml")["rate_words"])


def candidates(pairs: Iterable[Judged], wanted: Wanted, measure: str | None = None) -> list[tuple[int, Record, Verdict | None]]:
    """Annual targets of the indicator set by a report of their own year: (rank, record, verdict)."""
    out = []
    for record, verdict in pairs:
        if record.kind != "target" or record.year is None or record.period_start is not None:
            continue
        if record.report_year is not None and record.report_year != record.year:
            continue
        if measure is not None and measure_of(record) != measure:
            continue
        rank = wanted.rank(record)
        if rank is not None:
            out.append((rank, record, verdict))
    return out


def main_measure(found: Sequence[tuple[int, Record, Verdict | None]]) -> str | None:
    """The measure most headline targets use (else most targets); ties go growth, level, increment."""
    heads = Counter(measure_of(r) for _, r, _ in found if r.headline)
    counts = heads or Counter(measure_of(r) for _, r, _ in found)
    if not counts:
        return None
    return max(counts, key=lambda m: (counts[m], -MEASURE_ORDER.index(m) if m in MEASURE_ORDER else -9))


def select(found: Sequence[tuple[int, Record, Verdict | None]]) -> dict[tuple[str | None, int], tuple[Record, Verdict | None]]:
    """The one target per (region, year): a headline first, the indicator before its stand-in, then document order."""
    best: dict[tuple[str | None, int], tuple[tuple[int, int, int], Record, Verdict | None]] = {}
    for order, (rank, record, verdict) in enumerate(found):
        key = (record.region, record.year)
        score = (0 if record.headline else 1, rank, order)
        if key not in best or score < best[key][0]:
            best[key] = (score, record, verdict)  # type: ignore[index]
    return {key: (record, verdict) for key, (_, record, verdict) in best.items()}


# ---------------------------------------------------------------- tables


def _midpoint(record: Record) -> float:
    return record.value if record.value_max is None else round((record.value + record.value_max) / 2, 6)


def _row(record: Record, verdict: Verdict | None, year: int, wanted: Wanted, info: RegionInfo) -> Row:
    place = info(record.region) if record.region else None
    return Row(
        region=record.region,
        level=getattr(place, "level", None),
        parent=getattr(place, "parent", None),
        code=getattr(place, "code", None),
        year=year,
        indicator=record.indicator,
        canonical=wanted.name,
        measure=measure_of(record),
        value=record.value,
        value_max=record.value_max,
        midpoint=_midpoint(record),
        unit=record.unit,
        comparator=record.comparator,
        headline=record.headline,
        doc=record.doc,
        quote=record.quote,
        outcome=verdict.outcome_value if verdict else None,
        verdict=verdict.verdict if verdict else None,
    )


def _order(row: Row) -> tuple[Any, ...]:
    return (LEVEL_RANK.get(row.level or "", 9), row.code or "", row.region or "", row.year)


def compare(
    pairs: Iterable[Judged],
    indicator: str,
    year: int,
    region_info: RegionInfo,
    *,
    mappings: Mapping[str, str] | None = None,
    measure: str | None = None,
    level: str | None = None,
    within: Callable[[str | None], bool] | None = None,
) -> tuple[list[Row], Summary]:
    """One row per region for `year`, top down (全国 → 省 → 市 → 县), and the summary.

    `pairs` are judged targets of `year` and `year − 1` (and any others,
    ignored). The national row stays in the rows whatever `level` asks,
    since every gap is measured against it; `within` keeps the regions
    inside one (the national row too).
    """
    wanted = Wanted(indicator, mappings)
    found = candidates(pairs, wanted)
    this_year = [c for c in found if c[1].year == year]
    measure = measure or main_measure(this_year)
    found = [c for c in found if measure is None or measure_of(c[1]) == measure]
    chosen = select(found)
    rows = []
    for (region, when), (record, verdict) in chosen.items():
        if when != year:
            continue
        row = _row(record, verdict, year, wanted, region_info)
        before = chosen.get((region, year - 1))
        if before is not None:
            prev, prev_verdict = before
            row = _replace(
                row,
                previous_value=prev.value,
                previous_value_max=prev.value_max,
                previous_comparator=prev.comparator,
                previous_outcome=prev_verdict.outcome_value if prev_verdict else None,
                previous_verdict=prev_verdict.verdict if prev_verdict else None,
            )
        rows.append(row)
    national = next((r for r in rows if r.level == "national"), None)
    if national is not None:
        rows = [_replace(r, gap=round(r.value - national.value, 6)) for r in rows]
    keep = [r for r in rows if (level is None or r.level in (level, "national")) and (within is None or r.level == "national" or within(r.region))]
    keep.sort(key=_order)
    return keep, summarize(keep, year, wanted.name, measure)


def summarize(rows: Sequence[Row], year: int, indicator: str | None = None, measure: str | None = None) -> Summary:
    """The newspaper's figures over the rows, the national row left out."""
    regional = [r for r in rows if r.level != "national"]
    national = next((r for r in rows if r.level == "national"), None)
    shoots = [(r.region, r.previous_shoot) for r in regional if r.previous_shoot is not None]
    judged = [r for r in regional if r.previous_verdict in ("met", "missed")]
    over = max(shoots, key=lambda s: s[1]) if shoots else None
    under = min(shoots, key=lambda s: s[1]) if shoots else None
    units = Counter(r.unit for r in regional)
    return Summary(
        indicator=indicator,
        year=year,
        measure=measure,
        unit=units.most_common(1)[0][0] if units else None,
        by_lower_end=Stats.of([r.value for r in regional]),
        by_midpoint=Stats.of([r.midpoint for r in regional]),
        comparators=dict(Counter(r.comparator for r in regional)),
        previous_judged=len(judged),
        previous_met=sum(1 for r in judged if r.previous_verdict == "met"),
        largest_overshoot=over if over and over[1] > 0 else None,
        largest_undershoot=under if under and under[1] < 0 else None,
        national=national.value if national else None,
        national_stored=national is not None,
        gaps={r.region: r.gap for r in regional if r.gap is not None},
    )


def panel(
    pairs: Iterable[Judged],
    indicator: str,
    region_info: RegionInfo,
    *,
    mappings: Mapping[str, str] | None = None,
    measure: str | None = None,
    first: int | None = None,
    last: int | None = None,
    level: str | None = None,
) -> list[Row]:
    """Region × year, long: one row per region-year with a target, gap to that year's national target."""
    wanted = Wanted(indicator, mappings)
    found = [c for c in candidates(pairs, wanted) if (first is None or c[1].year >= first) and (last is None or c[1].year <= last)]
    measure = measure or main_measure(found)
    found = [c for c in found if measure is None or measure_of(c[1]) == measure]
    rows = [_row(record, verdict, int(year), wanted, region_info) for (_, year), (record, verdict) in select(found).items()]
    national = {r.year: r.value for r in rows if r.level == "national"}
    rows = [_replace(r, gap=round(r.value - national[r.year], 6)) if r.year in national else r for r in rows]
    rows = [r for r in rows if level is None or r.level == level]
    rows.sort(key=lambda r: (LEVEL_RANK.get(r.level or "", 9), r.code or "", r.region or "", r.year))
    return rows


#: The columns of a panel (long form), in order.
PANEL_COLUMNS: tuple[str, ...] = (
    "region", "level", "parent", "code", "year", "indicator", "canonical", "measure", "value", "value_max",
    "midpoint", "unit", "comparator", "headline", "outcome", "verdict", "gap", "doc", "quote",
)  # fmt: skip
#: What the wide form spreads over the years: target_1992, outcome_1992, …
WIDE_VALUES: tuple[str, ...] = ("value", "value_max", "comparator", "outcome", "verdict", "gap")


def _replace(row: Row, **changes: Any) -> Row:
    from dataclasses import replace

    return replace(row, **changes)


def long_frame(rows: Sequence[Row]) -> Any:
    """The panel as a pandas DataFrame, one row per region-year."""
    import pandas as pd

    return pd.DataFrame([r.to_dict() for r in rows], columns=list(PANEL_COLUMNS))


def wide_frame(rows: Sequence[Row]) -> Any:
    """The panel with one row per region and columns value_1992, outcome_1992, … (years ascending)."""
    import pandas as pd

    long = long_frame(rows)
    ids = ["region", "level", "parent", "code"]
    if long.empty:
        return pd.DataFrame(columns=ids)
    long[ids] = long[ids].astype(object).where(long[ids].notna(), "")
    wide = long.pivot(index=ids, columns="year", values=list(WIDE_VALUES))
    years = sorted({int(y) for y in long["year"]})
    columns = [(name, y) for y in years for name in WIDE_VALUES]
    wide = wide.reindex(columns=columns)
    wide.columns = [f"{name}_{y}" for name, y in columns]
    wide = wide.reset_index()
    rank = wide["level"].map(lambda lv: LEVEL_RANK.get(lv, 9))
    return wide.assign(_rank=rank).sort_values(["_rank", "code", "region"]).drop(columns="_rank").reset_index(drop=True)
