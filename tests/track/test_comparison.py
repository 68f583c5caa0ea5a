"""mubiao.track.comparison: one headline row per region, the summary checked against a hand computation."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from mubiao.model import Record
from mubiao.track.comparison import compare, long_frame, panel, wide_frame
from mubiao.track.verdict import link

CASES = yaml.safe_load((Path(__file__).parents[1] / "data" / "compare_cases.yaml").read_text(encoding="utf-8"))


def info(name: str) -> Any:
    place = CASES["regions"].get(name)
    return SimpleNamespace(**place) if place else None


def _record(region: str, year: int, value: float, kind: str, report_year: int, **more: Any) -> Record:
    words = "地区生产总值增长" if kind == "target" else "地区生产总值比上年增长"
    return Record(doc=f"{region}{report_year}.txt", quote=f"{words}{value}%", kind=kind, indicator="地区生产总值",
                  value=value, value_max=more.pop("value_max", None), unit="%", comparator=more.pop("comparator", "="),
                  measure="growth", year=year, period_start=None, region=region, report_year=report_year, **more)  # fmt: skip


def judged() -> list[tuple[Record, Any]]:
    targets = [
        _record(region, year, value, "target", year, value_max=top, comparator=comp, headline=head)
        for region, year, value, top, comp, head in CASES["targets"]
    ]
    outcomes = [_record(region, year, value, "achievement", year + 1) for region, year, value in CASES["outcomes"]]
    reported = {region: {2023} for region in CASES["regions"]}
    return list(zip(targets, link(targets, outcomes, reported_years=reported), strict=True))


def test_compare_gives_one_headline_row_per_region_top_down() -> None:
    rows, _ = compare(judged(), "GDP", 2024, info)
    assert [r.region for r in rows] == ["全国", "甲省", "乙省", "丙省", "丁省", "甲一市"]
    assert [r.value for r in rows if r.region == "丙省"] == [6]  # the headline, not the other mention (9)
    first = rows[1]
    assert (first.previous_value, first.previous_outcome, first.previous_verdict) == (6, 6.5, "met")


def test_compare_summary_equals_the_hand_computation() -> None:
    rows, summary = compare(judged(), "地区生产总值", 2024, info, level="province")
    want = CASES["summary"]
    assert [r.level for r in rows] == ["national"] + ["province"] * 4
    assert summary.by_lower_end.count == want["count"]
    for name in ("by_lower_end", "by_midpoint"):
        got = getattr(summary, name)
        for stat, value in want[name].items():
            assert getattr(got, stat) == pytest.approx(value), (name, stat)
    assert summary.comparators == want["comparators"]
    assert (summary.previous_judged, summary.previous_met) == (want["previous_judged"], want["previous_met"])
    for name in ("largest_overshoot", "largest_undershoot"):
        region, amount = getattr(summary, name)
        assert region == want[name][0] and amount == pytest.approx(want[name][1])
    assert summary.national == want["national"] and summary.national_stored
    assert summary.gaps == pytest.approx(want["gaps"])
    assert any("by midpoint" in line for line in summary.lines())


def test_compare_within_a_province_and_without_the_national_report() -> None:
    pairs = [(r, v) for r, v in judged() if r.region != "全国"]
    rows, summary = compare(pairs, "GDP", 2024, info, within=lambda name: name in ("甲省", "甲一市"))
    assert [r.region for r in rows] == ["甲省", "甲一市"]
    assert not summary.national_stored and all(r.gap is None for r in rows)
    assert any("not stored" in line for line in summary.lines())


def test_compare_falls_back_to_the_first_annual_target_without_a_targets_list() -> None:
    plain = [(r, v) for r, v in judged() if r.region == "丙省" and r.year == 2024]
    unmarked = [(Record(**{**r.to_dict(), "section": (), "headline": False}), v) for r, v in plain]
    rows, _ = compare(unmarked, "GDP", 2024, info)
    assert [(r.value, r.headline) for r in rows] == [(6, False)]


def test_panel_long_and_wide() -> None:
    rows = panel(judged(), "GDP", info, first=2023, last=2024, level="province")
    assert [(r.region, r.year) for r in rows][:2] == [("甲省", 2023), ("甲省", 2024)]
    assert rows[1].gap == 0 and rows[0].gap is None  # no national target of 2023
    long = long_frame(rows)
    assert len(long) == 7 and long["verdict"].iloc[0] == "met"
    wide = wide_frame(rows)
    assert list(wide["region"]) == ["甲省", "乙省", "丙省", "丁省"]
    assert wide.loc[0, "value_2023"] == 6 and wide.loc[0, "outcome_2023"] == 6.5 and wide.loc[1, "value_max_2024"] == 5
