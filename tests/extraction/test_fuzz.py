"""Random and mutated report text: the extractor never raises, and every quote is in the input."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mubiao

PIECES = [
    "地区生产总值增长8.5%左右", "，", "。", "、", "；", "\n", "\n\n", " ", "　", "一、", "（二）", "关键词：", "【举措一】",
    "2021年", "到2025年", "“十四五”", "突破", "以上", "以内", "左右", "万", "亿元", "个百分点", "3—5家", "1-2个",
    "百分之五", "三成", "两", "分别", "均", "新增", "下降", "“3311”", "《条例》", "**", "## ", "12,429", "∶", "（预计数，下同）",
    "贫", "困", "0", "7", "9.1", "%", "％", "年均增长", "力争", "政府工作报告", "衡阳市",
]

report_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=60).map("".join)


def _folded(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _from_input(record: mubiao.Record, text: str) -> bool:
    """The quote is made of the input's characters, in order, within the record's span.

    Cleaning drops page numbers and joins lines, so a quote that spans a page break
    is a subsequence of its source span rather than a substring of it.
    """
    source = iter(text[record.start : record.end])
    return record.start >= 0 and all(ch in source for ch in _folded(record.quote))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_text, st.one_of(st.none(), st.integers(min_value=1990, max_value=2040)))
def test_extract_never_raises_and_quotes_come_from_input(text: str, year: int | None) -> None:
    if not text.strip():
        return
    records = mubiao.extract(text, year=year)
    for record in records:
        assert _from_input(record, text)
        assert record.kind in ("target", "achievement")
        assert record.comparator in (">=", "<=", "~", "=", "range")
        assert record.measure in ("level", "growth", "increment")


SEED_LIKE = (
    "2021年某市政府工作报告\n一、2020年工作回顾\n过去五年，全市GDP总量突破3500亿元（预计数，下同），年均增长7.4%。\n"
    "三、2021年工作安排\n2021年，主要预期目标是：地区生产总值增长8.5%左右，城镇登记失业率控制在4.5%以内。\n"
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(SEED_LIKE)), st.sampled_from(["\n", " ", "，", "5", "万", "以上", "", "“"])), max_size=8))
def test_mutated_report_never_raises(edits: list[tuple[int, str]]) -> None:
    text = SEED_LIKE
    for at, piece in sorted(edits, reverse=True):
        text = text[:at] + piece + text[at:]
    for record in mubiao.extract(text):
        assert _from_input(record, text)
