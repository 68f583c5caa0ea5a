"""Indicator names kept whole where the genre uses a verb-like word as a name."""

from __future__ import annotations

import mubiao


def test_economic_growth_keeps_its_name() -> None:
    text = "2001年某省政府工作报告\n一、2000年工作回顾\n去年全省经济增长9.1%。\n"
    records = mubiao.extract(text, year=2001)
    assert [(r.value, r.indicator) for r in records] == [(9.1, "经济增长")]
