"""link(): verdicts from hand-made targets and outcomes (no data files needed)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mubiao.model import Record
from mubiao.track.verdict import VERDICTS, Verdict, link

Make = Callable[..., Record]


def one(targets: list[Record], outcomes: list[Record], **kwargs) -> Verdict:
    verdicts = link(targets, outcomes, **kwargs)
    assert len(verdicts) == 1
    return verdicts[0]


# ---------------------------------------------------------------- comparators


@pytest.mark.parametrize(("outcome", "comparator", "expected"), [
    (3000, "=", "met"), (2900, "=", "missed"), (3000, ">=", "met"), (3100, "~", "met"),
])
def test_verdict_at_least(rec: Make, outcome: float, comparator: str, expected: str) -> None:
    target = rec("target", "地区生产总值", 3000, "亿元", comparator=">=", year=2020)
    got = one([target], [rec("achievement", "GDP总量", outcome, "亿元", comparator=comparator, year=2020)])
    assert got.verdict == expected


def test_verdict_at_least_counts_outcome_stated_at_least(rec: Make) -> None:
    target = rec("target", "地区生产总值", 3500, "亿元", comparator=">=", year=2020)
    outcome = rec("achievement", "GDP总量", 3500, "亿元", comparator=">=", year=2020)
    got = one([target], [outcome])
    assert got.verdict == "met"
    assert got.outcome_value == 3500 and got.outcome_year == 2020


@pytest.mark.parametrize(("outcome", "expected"), [(4.2, "met"), (4.5, "met"), (4.6, "missed")])
def test_verdict_at_most(rec: Make, outcome: float, expected: str) -> None:
    target = rec("target", "城镇登记失业率", 4.5, comparator="<=", year=2019)
    assert one([target], [rec("achievement", "城镇登记失业率", outcome, year=2019)]).verdict == expected


@pytest.mark.parametrize(("outcome", "expected"), [(0.3, "met"), (0.36, "met"), (0.5, "missed")])
def test_verdict_plain_target_reached_in_better_direction(rec: Make, outcome: float, expected: str) -> None:
    # 贫困发生率下降到0.36%: lower is better, so reaching it means at most 0.36.
    target = rec("target", "贫困人口发生率", 0.36, year=2019)
    assert one([target], [rec("achievement", "贫困发生率", outcome, year=2019)]).verdict == expected


@pytest.mark.parametrize(("outcome", "expected"), [
    (8.5, "met"), (8.0, "met"), (9.0, "met"), (7.99, "missed"), (9.6, "met"),
])
def test_verdict_about_growth_tolerance_points(rec: Make, outcome: float, expected: str) -> None:
    # 增长8.5%左右: ±0.5 percentage points, and beyond it upwards is over-delivery.
    target = rec("target", "地区生产总值", 8.5, comparator="~", measure="growth", year=2021)
    got = one([target], [rec("achievement", "地区生产总值", outcome, measure="growth", year=2021)])
    assert got.verdict == expected
    assert "±0.5个百分点" in got.reason


@pytest.mark.parametrize(("outcome", "expected"), [(5400, "met"), (5391, "met"), (5380, "missed"), (6000, "met")])
def test_verdict_about_level_tolerance_relative(rec: Make, outcome: float, expected: str) -> None:
    # 5500亿元左右: ±2% (110亿元).
    target = rec("target", "地区生产总值", 5500, "亿元", comparator="~", year=2025, period_start=2021, report_year=2021)
    got = one([target], [rec("achievement", "地区生产总值", outcome, "亿元", year=2025, report_year=2026)])
    assert got.verdict == expected


@pytest.mark.parametrize(("outcome", "expected"), [(3.4, "met"), (2.0, "met"), (3.6, "missed")])
def test_verdict_about_lower_is_better(rec: Make, outcome: float, expected: str) -> None:
    # 居民消费价格涨幅3%左右: within ±0.5 points, or lower.
    target = rec("target", "居民消费价格指数", 3, comparator="~", measure="growth", year=2021)
    got = one([target], [rec("achievement", "CPI", outcome, measure="growth", year=2021)])
    assert got.verdict == expected


@pytest.mark.parametrize(("outcome", "expected"), [(3, "met"), (4, "met"), (5, "met"), (6, "met"), (2, "missed")])
def test_verdict_range(rec: Make, outcome: float, expected: str) -> None:
    # 3—5家: inside the range, or above it for an increment.
    target = rec("target", "3A级旅游景区", 3, "家", comparator="range", value_max=5, measure="increment", year=2019)
    got = one([target], [rec("achievement", "新创3A级景区", outcome, "个", measure="increment", year=2019)])
    assert got.verdict == expected


# ---------------------------------------------------------------- what is comparable


def test_verdict_growth_not_judged_by_level(rec: Make) -> None:
    target = rec("target", "地区生产总值", 8.5, comparator="~", measure="growth", year=2020)
    level = rec("achievement", "地区生产总值", 3500, "亿元", year=2020)
    got = one([target], [level])
    assert got.verdict == "no data"
    assert got.outcome_value is None


def test_verdict_level_not_judged_by_growth(rec: Make) -> None:
    target = rec("target", "森林覆盖率", 48, year=2020)
    growth = rec("achievement", "森林覆盖率", 50, measure="growth", year=2020)
    assert one([target], [growth]).verdict == "no data"


def test_verdict_yearly_growth_not_judged_by_average(rec: Make) -> None:
    target = rec("target", "固定资产投资", 10, comparator="~", measure="growth", year=2020)
    average = rec("achievement", "固定资产投资", 12, measure="growth", year=2020, period_start=2016)
    assert one([target], [average]).verdict == "no data"


@pytest.mark.parametrize(("value", "unit", "expected"), [
    (40_000_000, "万元", "met"), (39_000_000, "万元", "missed"), (0.4, "万亿元", "met"),
])
def test_verdict_units_fold_magnitudes(rec: Make, value: float, unit: str, expected: str) -> None:
    target = rec("target", "地区生产总值", 4000, "亿元", comparator=">=", year=2021)
    assert one([target], [rec("achievement", "地区生产总值", value, unit, year=2021)]).verdict == expected


def test_verdict_units_fold_people(rec: Make) -> None:
    target = rec("target", "贫困人口脱贫", 3.96, "万人", measure="increment", year=2019)
    outcome = rec("achievement", "脱贫", 40000, "人", measure="increment", year=2019)
    assert one([target], [outcome]).verdict == "met"


def test_verdict_units_not_comparable(rec: Make) -> None:
    target = rec("target", "实际利用外资", 15, "亿美元", year=2019)
    outcome = rec("achievement", "实际利用外资", 100, "亿元", year=2019)
    got = one([target], [outcome])
    assert got.verdict == "no data"
    assert "不可比" in got.reason


def test_verdict_unknown_indicator_matched_on_raw(rec: Make) -> None:
    target = rec("target", "拳头品牌", 1, "个", comparator="range", value_max=2, measure="increment", year=2018)
    same = rec("achievement", "拳头品牌", 2, "个", measure="increment", year=2018)
    other = rec("achievement", "拳头产品", 2, "个", measure="increment", year=2018)
    got = one([target], [same])
    assert got.canonical is None and got.verdict == "met"
    got = one([target], [other])
    assert got.canonical is None and got.verdict == "no data"


def test_verdict_user_mappings_link_unknown_indicators(rec: Make) -> None:
    target = rec("target", "“两房两棚”改造", 1.21, "万套", measure="increment", year=2019)
    outcome = rec("achievement", "棚户区改造", 12429, "套", measure="increment", year=2019)
    assert one([target], [outcome]).verdict == "no data"
    got = one([target], [outcome], mappings={"两房两棚改造": "棚户区改造"})
    assert (got.canonical, got.verdict) == ("棚户区改造", "met")


def test_verdict_other_region_not_used(rec: Make) -> None:
    target = rec("target", "森林覆盖率", 48, year=2020)
    elsewhere = rec("achievement", "森林覆盖率", 60, year=2020, region="长沙市")
    got = one([target], [elsewhere], reported_years={2020})
    assert (got.verdict, got.outcome_value) == ("no data", None)


def test_verdict_outcome_of_same_document_not_used(rec: Make) -> None:
    target = rec("target", "森林覆盖率", 48, year=2020, doc="a.txt")
    same_doc = rec("achievement", "森林覆盖率", 49, year=2020, doc="a.txt", report_year=2020)
    # the report of 2020 cannot close 2020: no later document reports on it
    assert one([target], [same_doc], today=2026).verdict == "awaiting report"


def test_verdict_best_outcome_latest_document_then_manual(rec: Make) -> None:
    target = rec("target", "森林覆盖率", 48, year=2020)
    early = rec("achievement", "森林覆盖率", 47, year=2020, report_year=2021, doc="2021.txt")
    revised = rec("achievement", "森林覆盖率", 48.2, year=2020, report_year=2022, doc="2022.txt")
    got = one([target], [early, revised])
    assert (got.verdict, got.outcome_doc) == ("met", "2022.txt")
    manual = rec("achievement", "森林覆盖率", 47.5, year=2020, report_year=None, doc="manual")
    manual = Record(**{**manual.to_dict(), "report_year": None, "section": ()})
    got = one([target], [early, revised, manual])
    assert (got.verdict, got.outcome_doc) == ("missed", "manual")


# ---------------------------------------------------------------- pending, no data


def test_verdict_pending_when_year_not_reported(rec: Make) -> None:
    target = rec("target", "地区生产总值", 8.5, comparator="~", measure="growth", year=2021)
    outcome = rec("achievement", "GDP", 4.3, measure="growth", year=2020, report_year=2021)
    got = one([target], [outcome], today=2021)
    assert got.verdict == "pending"
    assert "2021" in got.reason


def test_verdict_awaiting_report_when_year_past_and_not_reported(rec: Make) -> None:
    """A year long past with no later report is not "not yet due": it awaits its report."""
    target = rec("target", "地区生产总值", 8.5, comparator="~", measure="growth", year=2021)
    outcome = rec("achievement", "GDP", 4.3, measure="growth", year=2020, report_year=2021)
    got = one([target], [outcome], today=2026)
    assert got.verdict == "awaiting report"
    assert "2021年已过" in got.reason and "尚未" not in got.reason


def test_verdict_no_data_when_year_reported(rec: Make) -> None:
    target = rec("target", "旅游总收入", 24, comparator=">=", measure="growth", year=2018)
    later = rec("achievement", "地区生产总值", 8, measure="growth", year=2018)  # 2019 report reports on 2018
    got = one([target], [later])
    assert got.verdict == "no data"


def test_verdict_reported_years_given(rec: Make) -> None:
    target = rec("target", "旅游总收入", 24, comparator=">=", measure="growth", year=2018)
    assert one([target], [], reported_years={2016, 2017}, today=2018).verdict == "pending"
    assert one([target], [], reported_years={2016, 2017}, today=2019).verdict == "awaiting report"
    assert one([target], [], reported_years={2018}).verdict == "no data"
    assert one([target], [], reported_years={"衡阳市": {2019}}).verdict == "no data"
    assert one([target], [], reported_years={"长沙市": {2019}}, today=2018).verdict == "pending"


def test_verdict_every_target_gets_one_verdict(rec: Make) -> None:
    records = [
        rec("target", "地区生产总值", 8.5, comparator="~", measure="growth", year=2021),
        rec("target", "没有的指标", 3, "个", year=2021),
        rec("target", "森林覆盖率", 48, year=2019),
        rec("achievement", "森林覆盖率", 48, year=2019),
    ]
    verdicts = link(records, records)
    assert len(verdicts) == 3
    assert all(v.verdict in VERDICTS for v in verdicts)


# ---------------------------------------------------------------- multi-year targets


def _gdp_case(rec: Make, latest: float, growth: float | None) -> list[Record]:
    target = rec("target", "地区生产总值", 4000, "亿元", comparator=">=",
                 year=2021, period_start=2017, report_year=2017)
    records = [target, rec("achievement", "GDP总量", latest, "亿元", comparator=">=", year=2020, period_start=2016)]
    if growth is not None:
        records.append(rec("achievement", "GDP", growth, measure="growth", year=2020, period_start=2016))
    return records


def test_verdict_multi_year_off_track(rec: Make) -> None:
    records = _gdp_case(rec, 3500, 7.4)
    got = one(records, records)
    assert got.verdict == "off track"
    assert got.reason == "2020年实际3500亿元，到2021年达4000亿元以上需增长14.3%，高于近年年均增长7.4%"


def test_verdict_multi_year_on_track(rec: Make) -> None:
    records = _gdp_case(rec, 3800, 7.4)
    got = one(records, records)
    assert got.verdict == "on track"
    assert "5.3%" in got.reason and "不高于" in got.reason


def test_verdict_multi_year_already_reached(rec: Make) -> None:
    records = _gdp_case(rec, 4100, None)
    assert one(records, records).verdict == "on track"


def test_verdict_multi_year_without_growth_is_pending(rec: Make) -> None:
    records = _gdp_case(rec, 3500, None)
    got = one(records, records)
    assert got.verdict == "pending"
    assert "14.3%" in got.reason


def test_verdict_multi_year_growth_from_two_levels(rec: Make) -> None:
    records = _gdp_case(rec, 3500, None)
    records.append(rec("achievement", "地区生产总值", 2820, "亿元", year=2016, report_year=2017))
    got = one(records, records)
    # 2820 → 3500 over four years is 5.5% a year, below the 14.3% needed.
    assert got.verdict == "off track"
    assert "2016—2020年年均增长5.5%" in got.reason


def test_verdict_multi_year_average_growth_target(rec: Make) -> None:
    target = rec("target", "全体居民人均可支配收入", 9, comparator=">=", measure="growth",
                 year=2021, period_start=2017, report_year=2017)
    slow = rec("achievement", "全体居民人均可支配收入", 8.2, measure="growth", year=2020, period_start=2016)
    fast = rec("achievement", "全体居民人均可支配收入", 9.3, measure="growth", year=2020, period_start=2016)
    assert one([target], [slow]).verdict == "off track"
    assert one([target], [fast]).verdict == "on track"


def test_verdict_multi_year_rate_in_points(rec: Make) -> None:
    target = rec("target", "森林覆盖率", 50, comparator=">=", year=2021, period_start=2017, report_year=2017)
    before = rec("achievement", "森林覆盖率", 47, year=2016, report_year=2017)
    latest = rec("achievement", "森林覆盖率", 49.4, year=2020, report_year=2021)
    got = one([target], [before, latest])
    # +0.6 points a year observed, +0.6 needed.
    assert got.verdict == "on track"
    slow = rec("achievement", "森林覆盖率", 48, year=2020, report_year=2021)
    assert one([target], [before, slow]).verdict == "off track"


def test_verdict_to_dict_keys_in_order(rec: Make) -> None:
    records = _gdp_case(rec, 3500, 7.4)
    data = one(records, records).to_dict()
    assert list(data) == [
        "region", "indicator", "canonical", "target_doc", "target_quote", "target_year", "comparator",
        "value", "value_max", "unit", "measure", "verdict", "outcome_doc", "outcome_quote",
        "outcome_value", "outcome_unit", "outcome_year", "reason", "outcome_estimate", "target_record_id",
        "outcome_record_id",
    ]
    assert data["outcome_value"] == 3500 and data["outcome_year"] == 2020
