"""Every headline target of the development provinces gets its right canonical indicator.

Reads ../shared/corpus/provinces2026/headline.jsonl (skipped when ../shared is
absent): each line is a target of a report's 主要预期目标 paragraph, with the
indicator as written and a coarse tag of what it measures.
"""

from __future__ import annotations

import json

import pytest

from mubiao.lang import vocabulary as V

from .track_helpers import GOLD

HEADLINE = GOLD.parent / "corpus" / "provinces2026" / "headline.jsonl"

#: Coarse tag of headline.jsonl → canonical names that are right for it (`other` is not graded).
RIGHT = {
    "gdp_growth": {"地区生产总值"},
    "cpi": {"居民消费价格涨幅"},
    "surveyed_unemployment": {"城镇调查失业率"},
    "urban_unemployment": {"城镇调查失业率", "城镇登记失业率"},
    "new_urban_jobs": {"城镇新增就业"},
    "income_growth": {"全体居民人均可支配收入", "城镇居民人均可支配收入", "农村居民人均可支配收入"},
    "fixed_investment_growth": {"固定资产投资"},
    "retail_sales_growth": {"社会消费品零售总额"},
    "general_budget_revenue_growth": {"一般公共预算收入"},
    "grain_output": {"粮食产量"},
    "energy_intensity": {"单位GDP能耗"},
    "foreign_trade": {"进出口总额", "出口总额"},
    "industry_growth": {"规模以上工业增加值", "工业增加值"},
}


def _headline() -> list[dict]:
    if not HEADLINE.is_file():
        return []
    return [json.loads(line) for line in HEADLINE.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.skipif(not HEADLINE.is_file(), reason="../shared/corpus is not on this machine")
def test_every_headline_indicator_has_its_canonical() -> None:
    graded = [row for row in _headline() if row["canonical"] in RIGHT]
    wrong = [
        (row["region"], row["indicator"], V.canonical(row["indicator"]))
        for row in graded
        if V.canonical(row["indicator"]) not in RIGHT[row["canonical"]]
    ]
    assert len(graded) > 80
    assert wrong == []


@pytest.mark.skipif(not HEADLINE.is_file(), reason="../shared/corpus is not on this machine")
def test_headline_quotes_never_map_a_compound_to_gdp() -> None:
    """A headline indicator that is not GDP growth never resolves to GDP (e.g. energy intensity)."""
    bad = [
        (row["region"], row["indicator"])
        for row in _headline()
        if row["canonical"] != "gdp_growth" and V.canonical(row["indicator"]) == "地区生产总值"
    ]
    assert bad == []


def test_family_links_a_series_to_the_one_that_stands_for_it() -> None:
    assert V.family("国民生产总值") == ("国民生产总值", "地区生产总值")
    assert V.family("地区生产总值") == ("地区生产总值", "国民生产总值")
    assert V.family("商品零售价格涨幅") == ("商品零售价格涨幅", "居民消费价格涨幅")
    assert V.family("固定资产投资") == ("固定资产投资",)
    assert V.family(None) == ()
