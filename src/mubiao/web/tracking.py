"""Verdicts and indicator series for the dashboard, one region at a time, cached.

`track.service.track(store, region)` gives one verdict per stored target of
the region; each names its target record (`Verdict.target_record_id`), which
is the verdict's id on the dashboard (/verdicts/{record id}). The series of one
canonical indicator (targets with verdicts, outcomes) have the shape of
`service.indicator_series`, built from the same cached verdicts so that a
tracker page with many charts links the region once.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from mubiao.store import Store
from mubiao.track import VERDICTS, Change, Verdict, service
from mubiao.track import canonical as resolve_canonical
from mubiao.track import diff as diff_targets
from mubiao.web.cache import StoreCache
from mubiao.web.data import region_years, regions_summary

#: Points of each list of a series at most (the latest ones).
SERIES_LIMIT = 500


@dataclass(frozen=True, slots=True)
class Tracked:
    """A verdict with the ids of its target record and document."""

    record_id: int
    document_id: int
    report_year: int | None
    verdict: Verdict

    def to_dict(self) -> dict[str, Any]:
        out = {"id": self.record_id, "record_id": self.record_id, "document_id": self.document_id,
               "report_year": self.report_year}
        out.update(_clean(self.verdict.to_dict()))
        return out


@dataclass(slots=True)
class RegionTrack:
    """A region's verdicts (by target record id) and its outcomes, for pages and the API."""

    region: str
    items: list[Tracked]
    outcomes: list[dict[str, Any]]
    by_id: dict[int, Tracked] = field(default_factory=dict)
    #: targets and outcomes by canonical indicator, and the indicator rows, built once
    by_canonical: dict[str, list[Tracked]] = field(default_factory=dict)
    outcomes_by_canonical: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    _indicators: list[dict[str, Any]] = field(default_factory=list)
    _summary: dict[str, int] = field(default_factory=dict)
    _links: tuple[dict[int, dict[str, Any]], dict[int, list[dict[str, Any]]]] | None = None

    def __post_init__(self) -> None:
        self.by_id = {t.record_id: t for t in self.items}
        targets: dict[str, list[Tracked]] = defaultdict(list)
        for t in self.items:
            if t.verdict.canonical:
                targets[t.verdict.canonical].append(t)
        outcomes: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for o in self.outcomes:
            if o["canonical"]:
                outcomes[o["canonical"]].append(o)
        self.by_canonical, self.outcomes_by_canonical = dict(targets), dict(outcomes)
        rows = []
        for name, items in targets.items():
            verdicts = Counter(t.verdict.verdict for t in items)
            rows.append({"canonical": name, "targets": len(items), "outcomes": len(outcomes.get(name, ())),
                         "verdicts": {v: verdicts[v] for v in VERDICTS if verdicts[v]}})
        self._indicators = sorted(rows, key=lambda r: (-r["targets"] - r["outcomes"], r["canonical"]))
        counts = Counter(t.verdict.verdict for t in self.items)
        self._summary = {name: counts.get(name, 0) for name in VERDICTS}

    def summary(self) -> dict[str, int]:
        return dict(self._summary)

    def links(self) -> tuple[dict[int, dict[str, Any]], dict[int, list[dict[str, Any]]]]:
        """Target → the stored outcome its verdict rests on, and outcome → the targets it judged, by record id.

        An outcome is found by its document and quote (the verdict carries no
        record id); built once per region and kept.
        """
        if self._links is None:
            by_quote = {(o["doc"], o["quote"]): o for o in self.outcomes if o["record_id"] is not None}
            forward: dict[int, dict[str, Any]] = {}
            back: dict[int, list[dict[str, Any]]] = defaultdict(list)
            for t in self.items:
                v = t.verdict
                o = by_quote.get((v.outcome_doc, v.outcome_quote)) if v.outcome_quote else None
                forward[t.record_id] = {"verdict": v.verdict, "outcome_record_id": o["record_id"] if o else None,
                                        "outcome_document_id": o["document_id"] if o else None}
                if o:
                    back[o["record_id"]].append({"record_id": t.record_id, "document_id": t.document_id,
                                                 "verdict": v.verdict, "quote": v.target_quote})
            self._links = (forward, dict(back))
        return self._links

    def indicators(self) -> list[dict[str, Any]]:
        """Canonical indicators with targets here: name, target and outcome counts, verdicts; most targets first."""
        return [dict(r) for r in self._indicators]

    def targets_of(self, canonical: str) -> list[Tracked]:
        return self.by_canonical.get(canonical, [])

    def series(self, canonical: str, limit: int = SERIES_LIMIT) -> dict[str, Any]:
        """Targets (with verdicts) and outcomes of one canonical indicator, as `service.indicator_series`.

        Each list keeps its `limit` latest points (by year, then report year);
        `n_targets` and `n_outcomes` count them all.
        """
        targets = sorted((_target_point(t) for t in self.targets_of(canonical)), key=_order)
        outcomes = sorted((dict(o) for o in self.outcomes_by_canonical.get(canonical, ())), key=_order)
        return {
            "region": self.region,
            "canonical": canonical,
            "n_targets": len(targets),
            "n_outcomes": len(outcomes),
            "targets": targets[-limit:] if limit > 0 else [],
            "outcomes": outcomes[-limit:] if limit > 0 else [],
        }


def region_track(cache: StoreCache, region: str) -> RegionTrack:
    """The cached verdicts and outcomes of `region` (a stored region name)."""
    return cache.get(("track", region), lambda: _compute(cache.store, region))


def all_summary(cache: StoreCache) -> dict[str, Any]:
    """Verdict counts over every region with documents, and per region."""

    def compute() -> dict[str, Any]:
        total: Counter[str] = Counter()
        per_region = {}
        for row in regions_summary(cache.store.engine):
            counts = region_track(cache, row["region"]).summary()
            per_region[row["region"]] = counts
            total.update(counts)
        return {"total": {v: total.get(v, 0) for v in VERDICTS}, "regions": per_region}

    return cache.get(("summary",), compute)


def region_diff(cache: StoreCache, region: str, year_a: int, year_b: int) -> list[Change]:
    """`service.diff` of a stored region, cached; skips its canonicalising pass once the region is tracked.

    `service.diff` resolves every record without a canonical name again on
    each call; the region's cached verdicts have done that already, so the
    two years' targets go straight to `verdict.diff` with the stored mappings.
    """

    def compute() -> list[Change]:
        store = cache.store
        known = region_years(store.engine, region)
        if year_a not in known or year_b not in known:
            return service.diff(store, region, year_a, year_b)  # raises NoReportYear with the known years
        region_track(cache, region)
        maps = service.mappings(store)
        sides = [
            cache.get(("targets", region, y), lambda y=y: store.record_list(region=region, year=y, kind="target"))
            for y in (year_a, year_b)
        ]
        return diff_targets(sides[0], sides[1], mappings=maps)

    return cache.get(("diff", region, year_a, year_b), compute)


def find_verdict(cache: StoreCache, record_id: int, region: str | None) -> Tracked | None:
    """The verdict on target record `record_id` of `region`; None when it has none."""
    if not region:
        return None
    return region_track(cache, region).by_id.get(record_id)


def _compute(store: Store, region: str) -> RegionTrack:
    """The region's verdicts, each with its target record's ids (the verdict names its target record),
    and its outcomes, from one read of the region's records (`service.judged`)."""
    found = service.judged(store, region=region)
    items = [Tracked(r.extra["record_id"], r.extra["document_id"], r.report_year, v) for r, v in found.pairs]
    return RegionTrack(region, items, _outcomes(store, region, found))


def _outcomes(store: Store, region: str, found: service.Judged) -> list[dict[str, Any]]:
    """The region's stored achievements and manual outcomes as chart points."""
    out = []
    for r in found.achievements:
        out.append({
            "year": r.year if r.year is not None else r.report_year,
            "value": float(r.value), "value_max": r.value_max, "unit": r.unit, "measure": r.measure,
            "comparator": r.comparator, "verdict": None, "quote": r.quote, "doc": r.doc,
            "report_year": r.report_year, "period_start": r.period_start, "indicator": r.indicator,
            "reason": "", "manual": False, "canonical": found.names.get(r.indicator),
            "record_id": r.extra["record_id"], "document_id": r.extra["document_id"],
        })
    maps = service.mappings(store)
    for o in service.outcomes(store, region):
        out.append({
            "year": o.year, "value": o.value, "value_max": None, "unit": o.unit, "measure": o.measure,
            "comparator": "=", "verdict": None, "quote": o.to_record().quote, "doc": o.source or service.MANUAL_DOC,
            "report_year": None, "period_start": None, "indicator": o.indicator, "reason": "", "manual": True,
            "canonical": resolve_canonical(o.indicator, maps), "record_id": None, "document_id": None,
        })
    return out


def _target_point(t: Tracked) -> dict[str, Any]:
    v = t.verdict
    return {
        "year": v.target_year if v.target_year is not None else t.report_year,
        "value": v.value, "value_max": v.value_max, "unit": v.unit, "measure": v.measure,
        "comparator": v.comparator, "verdict": v.verdict, "quote": v.target_quote, "doc": v.target_doc,
        "report_year": t.report_year, "period_start": None, "indicator": v.indicator, "reason": v.reason,
        "manual": False, "canonical": v.canonical, "record_id": t.record_id, "document_id": t.document_id,
    }


_order = service.point_order


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in data.items()}
