"""diff(): how a region's targets changed between two years' documents."""

from __future__ import annotations

from collections.abc import Callable

from mubiao.model import Record
from mubiao.track.verdict import CHANGES, diff

Make = Callable[..., Record]


def by_indicator(changes) -> dict[str, str]:
    return {c.canonical or c.indicator: c.change for c in changes}


def test_diff_raised_lowered_unchanged_new_dropped(rec: Make) -> None:
    a = [
        rec("target", "地区生产总值", 7.5, comparator="~", measure="growth", year=2018),
        rec("target", "城镇登记失业率", 4.5, comparator="<=", year=2018),
        rec("target", "旅游总收入", 24, comparator=">=", measure="growth", year=2018),
        rec("target", "易地扶贫搬迁", 10824, "人", measure="increment", year=2018),
    ]
    b = [
        rec("target", "GDP", 8, comparator="~", measure="growth", year=2019),
        rec("target", "城镇登记失业率", 4.5, comparator="<=", year=2019),
        rec("target", "旅游总收入", 13, comparator=">=", measure="growth", year=2019),
        rec("target", "电商交易额", 200, "亿元", comparator=">=", year=2019),
    ]
    changes = diff(a, b)
    assert by_indicator(changes) == {
        "地区生产总值": "raised",
        "城镇登记失业率": "unchanged",
        "旅游总收入": "lowered",
        "易地扶贫搬迁": "dropped",
        "电商交易额": "new",
    }
    assert all(c.change in CHANGES for c in changes)
    gdp = next(c for c in changes if c.canonical == "地区生产总值")
    assert (gdp.value_a, gdp.value_b, gdp.indicator) == (7.5, 8, "GDP")
    assert gdp.quote_a and gdp.quote_b


def test_diff_folds_units(rec: Make) -> None:
    a = [rec("target", "实际到位内资", 500, "亿元", comparator=">=", year=2019)]
    b = [rec("target", "内联引资", 5_000_000, "万元", comparator=">=", year=2020)]
    assert [c.change for c in diff(a, b)] == ["unchanged"]


def test_diff_incomparable_units_are_dropped_and_new(rec: Make) -> None:
    a = [rec("target", "城区空气优良天数", 300, "天", comparator=">=", year=2018)]
    b = [rec("target", "城区空气质量优良率", 80, "%", comparator=">=", year=2019)]
    assert [c.change for c in diff(a, b)] == ["dropped", "new"]


def test_diff_ranges_compare_lower_then_upper_end(rec: Make) -> None:
    a = [rec("target", "3A级旅游景区", 3, "家", comparator="range", value_max=5, measure="increment", year=2018)]
    b = [rec("target", "3A级旅游景区", 3, "家", comparator="range", value_max=6, measure="increment", year=2019)]
    assert [c.change for c in diff(a, b)] == ["raised"]


def test_diff_keeps_annual_and_multi_year_apart(rec: Make) -> None:
    a = [
        rec("target", "森林覆盖率", 47.6, year=2017),
        rec("target", "森林覆盖率", 50, comparator=">=", year=2021, period_start=2017, report_year=2017),
    ]
    b = [rec("target", "森林覆盖率", 48.2, year=2018)]
    changes = diff(a, b)
    assert sorted((c.horizon, c.change) for c in changes) == [("annual", "raised"), ("multi-year", "dropped")]


def test_diff_to_dict_has_both_sides(rec: Make) -> None:
    a = [rec("target", "城镇登记失业率", 4.5, comparator="<=", year=2018)]
    b = [rec("target", "城镇登记失业率", 4.5, comparator="<=", year=2019)]
    data = diff(a, b)[0].to_dict()
    assert data["change"] == "unchanged"
    assert data["value_a"] == data["value_b"] == 4.5
    assert data["year_a"] == 2018 and data["year_b"] == 2019


def test_diff_compares_multi_year_goals_of_the_same_target_year_only(rec: Make) -> None:
    # a 2017 report's goal for 2021 and a 2021 report's goal for 2025 are two goals, not one lowered
    a = [rec("target", "森林覆盖率", 50, comparator=">=", year=2021, report_year=2017),
         rec("target", "城镇化率", 58, comparator=">=", year=2021, report_year=2017)]
    b = [rec("target", "森林覆盖率", 48, year=2025, report_year=2021, period_start=2021),
         rec("target", "城镇化率", 60, comparator=">=", year=2021, report_year=2019)]
    changes = diff(a, b)
    forest = sorted((c.change, c.year_a, c.year_b) for c in changes if c.canonical == "森林覆盖率" or c.indicator == "森林覆盖率")
    assert forest == [("dropped", 2021, None), ("new", None, 2025)]
    assert any("年份不同（2025年）" in c.reason for c in changes if c.change == "dropped")
    urban = [c for c in changes if c.indicator == "城镇化率"]
    assert [c.change for c in urban] == ["raised"]  # the same deadline: compared
