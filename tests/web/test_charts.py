"""Tracker chart specs: every figure kept, annual and multi-year figures told apart, the target's band per comparator."""

from __future__ import annotations

from mubiao.track import rules
from mubiao.web.charts import indicator_charts


def _point(year: int, value: float, **extra: object) -> dict:
    base = {"year": year, "value": value, "value_max": None, "unit": "%", "measure": "growth", "comparator": "=",
            "verdict": None, "quote": "q", "doc": "d", "report_year": year, "period_start": None, "record_id": 1,
            "document_id": 1, "manual": False}
    return {**base, **extra}


def test_every_outcome_of_a_year_is_kept_with_its_period() -> None:
    series = {"canonical": "居民人均可支配收入", "targets": [], "outcomes": [
        _point(2020, 6.0), _point(2020, 8.2, period_start=2016), _point(2020, 6.1)]}
    chart = indicator_charts(series)[0]
    assert [(p["value"], p["period_start"]) for p in chart["outcomes"]] == [(6.0, None), (8.2, 2016), (6.1, None)]


def test_target_band_follows_the_comparator() -> None:
    targets = [
        _point(2021, 7.0, comparator="~", verdict="met"),
        _point(2021, 3.0, comparator="range", value_max=5.0, verdict="pending"),
        _point(2022, 8.0, comparator=">=", verdict="missed"),
        _point(2022, 4.5, comparator="<=", verdict="no data"),
    ]
    chart = indicator_charts({"canonical": "x", "targets": targets, "outcomes": []})[0]
    bands = [(p["low"], p["high"]) for p in chart["targets"]]
    width = rules.tolerance(7.0, "%")
    assert bands == [(7.0 - width, 7.0 + width), (3.0, 5.0), (8.0, None), (None, 4.5)]
