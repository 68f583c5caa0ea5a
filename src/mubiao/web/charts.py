"""Chart specifications for the tracker: one chart per canonical indicator and measure.

Targets and outcomes of one indicator may be written in different units
(亿元, 万元): each chart takes its most frequent unit and converts the rest
(`lang.units.convert`); a point whose unit does not convert is left out of
the chart (it stays in the list below it). `static/charts.js` draws them with
ECharts.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from mubiao.lang import units
from mubiao.web.labels import MEASURES, VERDICT_COLORS, VERDICTS


def indicator_charts(series: dict[str, Any]) -> list[dict[str, Any]]:
    """The charts of one indicator's series (`RegionTrack.series`), one per measure, most points first."""
    by_measure: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for key in ("targets", "outcomes"):
        for point in series[key]:
            by_measure.setdefault(point["measure"], {"targets": [], "outcomes": []})[key].append(point)
    charts = []
    for measure, points in by_measure.items():
        all_points = points["targets"] + points["outcomes"]
        unit = Counter(p["unit"] for p in all_points).most_common(1)[0][0]
        charts.append({
            "id": f"{series['canonical']}|{measure}",
            "title": f"{series['canonical']}（{MEASURES.get(measure, measure)}）",
            "measure": measure,
            "unit": unit,
            "targets": [_point(p, unit, True) for p in points["targets"] if _fits(p, unit)],
            "outcomes": [_point(p, unit, False) for p in points["outcomes"] if _fits(p, unit)],
            "n": len(all_points),
        })
    return sorted(charts, key=lambda c: -c["n"])


def legend() -> dict[str, Any]:
    """The verdicts' names and colours, for the script."""
    return {"verdicts": VERDICTS, "colors": VERDICT_COLORS, "target": "目标", "outcome": "完成情况"}


def _fits(point: dict[str, Any], unit: str) -> bool:
    return point["year"] is not None and units.compatible(point["unit"], unit)


def _point(p: dict[str, Any], unit: str, target: bool) -> dict[str, Any]:
    value = _convert(p["value"], p["unit"], unit)
    top = _convert(p["value_max"], p["unit"], unit) if p.get("value_max") is not None else None
    out = {
        "year": p["year"],
        "value": value,
        "value_max": top,
        "quote": p["quote"],
        "doc": p["doc"],
        "report_year": p["report_year"],
        "record_id": p.get("record_id"),
        "document_id": p.get("document_id"),
    }
    if target:
        out["verdict"] = p["verdict"]
        out["comparator"] = p["comparator"]
    else:
        out["manual"] = p.get("manual", False)
    return out


def _convert(value: float, unit: str, into: str) -> float:
    try:
        return round(units.convert(value, unit, into), 6)
    except ValueError:
        return value
