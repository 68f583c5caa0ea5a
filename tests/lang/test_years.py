"""Where a phrase stands in time: plan names old and new, years in Chinese numerals, a sentence's own time words."""

from __future__ import annotations

import pytest

from mubiao.clean import clean
from mubiao.lang.years import past_years, plan_period, sentence_time, western_years
from mubiao.structure import parse_structure


@pytest.mark.parametrize(
    "text, period",
    [
        ("“九五”期间的主要任务", (1996, 2000)),
        ("实施第六个五年计划", (1981, 1985)),
        ("“十五”计划纲要", (2001, 2005)),
        ("八五计划", (1991, 1995)),
        ("“十五五”规划建议", (2026, 2030)),
        ("党的十五届三中全会", None),
        ("一九七五年全国工业总产值", None),
        ("控制在百分之十五左右", None),
        ("二十五年来", None),
        ("党的十五大以来", None),
    ],
)
def test_plan_names_are_found_only_as_names(text: str, period: tuple[int, int] | None) -> None:
    assert plan_period(text) == period


def test_western_years_keep_offsets() -> None:
    text = "从一九六六年到１９７６年，增长百分之十"
    assert western_years(text) == "从1966年到1976年，增长百分之十"
    assert len(western_years(text)) == len(text)


@pytest.mark.parametrize(
    "before, after, time",
    [
        ("去年粮食产量增长百分之四", "", "past"),
        ("粮食产量比去年增长百分之四", "", None),  # a base of comparison says nothing of time
        ("今年粮食产量要比去年增长百分之四", "", "plan"),
        ("钢产量在十年间平均每年增长百分之九", "，某厂去年产钢一百万吨", "past"),
        ("钢产量平均每年增长百分之九", "，争取到一九八五年翻一番", "plan"),
        ("到一九八五年，钢产量达到六千万吨", "", "plan"),
        ("我们的主要任务是产量增长百分之五", "", None),  # 主要 holds no plan word
    ],
)
def test_sentence_time_by_its_own_words(before: str, after: str, time: str | None) -> None:
    assert sentence_time(before, after, 1980) == time


def test_past_years_of_a_span_and_of_a_count_of_years() -> None:
    assert past_years("从1966年到1976年的十一年中", 1978) == (1976, 1966)
    assert past_years("在十七年间平均每年增长", 1978) == (1977, 1961)
    assert past_years("已经达到", 1978) == (1977, None)


def test_a_report_without_a_title_is_a_report() -> None:
    """A national report copied without its title still opens 各位代表：我代表国务院…."""
    text = "各位代表：\n现在，我代表国务院，向大会作政府工作报告。\n一、过去一年的工作\n粮食增产。\n"
    assert parse_structure(clean(text), year=1999).kind == "report"
