"""Indicator names kept whole where the genre uses a verb-like word as a name."""

from __future__ import annotations

import mubiao


def test_economic_growth_keeps_its_name() -> None:
    text = "2001年某省政府工作报告\n一、2000年工作回顾\n去年全省经济增长9.1%。\n"
    records = mubiao.extract(text, year=2001)
    assert [(r.value, r.indicator) for r in records] == [(9.1, "经济增长")]


def test_a_comparison_word_is_no_part_of_the_name() -> None:
    # the case table compares names by containment; this checks the exact name
    text = "2026年某省政府工作报告\n一、“十四五”时期工作回顾\n森林蓄积量较“十三五”时期增长12%。\n"
    records = mubiao.extract(text, year=2026)
    assert [(r.value, r.indicator) for r in records] == [(12.0, "森林蓄积量")]
