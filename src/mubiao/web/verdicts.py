"""Verdict lists a reader can share: every region's verdicts, filtered, with counts per filter value.

The list is built from the cached verdicts of each region
(`tracking.region_track`), so a filter is a pass over a list in memory, not a
query. Each filter's counts are taken with the other filters applied, so that
a count is the length of the list its link opens.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from mubiao.track import VERDICTS
from mubiao.web import tracking
from mubiao.web.cache import StoreCache
from mubiao.web.data import regions_summary
from mubiao.web.labels import COMPARATORS, MEASURES, REGION_LEVELS, amount, number
from mubiao.web.labels import VERDICTS as VERDICT_NAMES

#: The filters of the list, in the order the page shows them.
FACETS = ("verdict", "canonical", "year", "level")


@dataclass(frozen=True, slots=True)
class VerdictFilter:
    """Filters of the verdict list; None is "any"."""

    region: str | None = None
    verdict: str | None = None
    canonical: str | None = None
    year: int | None = None
    level: str | None = None

    def query_items(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, "")}

    def without(self, facet: str) -> VerdictFilter:
        return VerdictFilter(**{**asdict(self), facet: None})


@dataclass(frozen=True, slots=True)
class Row:
    """One verdict of the list with what its filters look at."""

    tracked: tracking.Tracked
    region: str
    level: str | None

    def value(self, facet: str) -> Any:
        v = self.tracked.verdict
        if facet == "verdict":
            return v.verdict
        if facet == "canonical":
            return v.canonical
        if facet == "year":
            return v.target_year
        if facet == "level":
            return self.level
        return self.region


def all_rows(cache: StoreCache, region: str | None = None) -> list[Row]:
    """Every verdict (of `region`, or of every region), regions in name order, then by target record id."""
    regions = cache.get(("regions",), lambda: regions_summary(cache.store.engine))
    out = []
    for r in regions:
        if region and r["region"] != region:
            continue
        track = tracking.region_track(cache, r["region"])
        out.extend(Row(t, r["region"], r["level"]) for t in sorted(track.items, key=lambda t: t.record_id))
    return out


def _misses(row: Row, wanted: list[tuple[str, Any]]) -> list[str]:
    return [facet for facet, value in wanted if row.value(facet) != value]


def _wanted(f: VerdictFilter) -> list[tuple[str, Any]]:
    return [(facet, getattr(f, facet)) for facet in ("region", *FACETS) if getattr(f, facet) not in (None, "")]


def select(rows: list[Row], f: VerdictFilter) -> list[Row]:
    wanted = _wanted(f)
    return [r for r in rows if not _misses(r, wanted)]


def facet_counts(rows: list[Row], f: VerdictFilter) -> dict[str, list[tuple[Any, int]]]:
    """For each filter, (value, number of verdicts) with the other filters applied; verdicts in legend order.

    One pass: a row that passes every filter counts in every facet; a row that
    fails exactly one filter counts in that filter's facet only.
    """
    wanted = _wanted(f)
    counts: dict[str, Counter[Any]] = {facet: Counter() for facet in FACETS}
    for row in rows:
        missed = _misses(row, wanted)
        if not missed:
            for facet in FACETS:
                counts[facet][row.value(facet)] += 1
        elif len(missed) == 1 and missed[0] in counts:
            counts[missed[0]][row.value(missed[0])] += 1
    out: dict[str, list[tuple[Any, int]]] = {}
    for facet in FACETS:
        found = {k: n for k, n in counts[facet].items() if k not in (None, "")}
        if facet == "verdict":
            out[facet] = [(code, found[code]) for code in VERDICTS if found.get(code)]
        elif facet == "year":
            out[facet] = sorted(found.items(), key=lambda kv: -kv[0])
        else:
            out[facet] = sorted(found.items(), key=lambda kv: (-kv[1], str(kv[0])))
    return out


#: Columns of a verdict list's download, with their Chinese headings.
COLUMNS = {
    "id": "编号", "region": "地区", "level": "级别", "report_year": "报告年份", "indicator": "指标",
    "canonical": "标准指标", "target": "目标", "comparator": "比较", "measure": "口径", "target_year": "目标年份",
    "verdict": "判定", "outcome": "实际值", "outcome_year": "实际值年份", "reason": "依据", "target_quote": "目标原文",
    "target_doc": "目标出处", "outcome_quote": "实际值原文", "outcome_doc": "实际值出处",
}


def table_row(row: Row) -> dict[str, Any]:
    """A verdict as one row of a download (Chinese labels, amounts as a report writes them)."""
    t, v = row.tracked, row.tracked.verdict
    outcome = f"{number(v.outcome_value)}{v.outcome_unit or ''}" if v.outcome_value is not None else ""
    return {
        "id": t.record_id, "region": row.region, "level": REGION_LEVELS.get(row.level or "", row.level or ""),
        "report_year": t.report_year, "indicator": v.indicator, "canonical": v.canonical or "",
        "target": amount(v.comparator, v.value, v.value_max, v.unit), "comparator": COMPARATORS.get(v.comparator, v.comparator),
        "measure": MEASURES.get(v.measure, v.measure), "target_year": v.target_year,
        "verdict": VERDICT_NAMES.get(v.verdict, v.verdict), "outcome": outcome, "outcome_year": v.outcome_year,
        "reason": v.reason, "target_quote": v.target_quote, "target_doc": v.target_doc,
        "outcome_quote": v.outcome_quote or "", "outcome_doc": v.outcome_doc or "",
    }
