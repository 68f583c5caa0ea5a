"""Chinese labels of the dashboard: record kinds, verdicts, measures, comparators, and number formatting.

Every page shows a code (target, met, growth…) through these tables, so that
a newcomer reads 目标 / 完成情况 / 判定 and the API keeps the English codes.
"""

from __future__ import annotations

import math
from typing import Any

KINDS = {"target": "目标", "achievement": "完成情况"}
DOC_KINDS = {"report": "政府工作报告", "interpretation": "报告解读", "communique": "统计公报", "other": "其他"}
MEASURES = {"level": "总量/水平", "growth": "增速", "increment": "增量"}
COMPARATORS = {">=": "不低于", "<=": "不高于", "~": "左右", "=": "等于", "range": "区间"}
VERDICTS = {
    "met": "已完成",
    "missed": "未完成",
    "on track": "进展顺利",
    "off track": "进度滞后",
    "pending": "尚未到期",
    "awaiting report": "待报告",
    "no data": "暂无数据",
}
#: What each verdict means, shown as a tooltip and on the overview.
VERDICT_HELP = {
    "met": "目标年份的实际数据已公布，达到了目标",
    "missed": "目标年份的实际数据已公布，没有达到目标",
    "on track": "多年目标尚未到期，按近年进度可以完成",
    "off track": "多年目标尚未到期，按近年进度难以完成",
    "pending": "目标年份尚未结束",
    "awaiting report": "目标年份已过，但尚未收录报告该年实际数的后续文件",
    "no data": "目标年份已有报告，但没有找到可比的实际数据",
}
#: Chart colours of the verdicts (green, red, blue, orange, grey, brown, light grey).
VERDICT_COLORS = {
    "met": "#2e7d32",
    "missed": "#c62828",
    "on track": "#1565c0",
    "off track": "#ef6c00",
    "pending": "#757575",
    "awaiting report": "#8d6e63",
    "no data": "#bdbdbd",
}
CHANGES = {"raised": "提高", "lowered": "降低", "unchanged": "不变", "new": "新增", "dropped": "不再提出"}
HORIZONS = {"annual": "年度目标", "multi-year": "多年目标"}
REGION_LEVELS = {"national": "全国", "province": "省级", "city": "市级", "county": "县级"}
#: Column headings of the records table and its downloads.
RECORD_HEADINGS = {
    "record_id": "编号",
    "region": "地区",
    "report_year": "报告年份",
    "kind": "类型",
    "indicator": "指标",
    "canonical": "标准指标",
    "value": "数值",
    "value_max": "上限",
    "unit": "单位",
    "comparator": "比较",
    "measure": "口径",
    "year": "所指年份",
    "quote": "原文",
    "doc": "文件",
}


def label(table: dict[str, str], code: Any) -> str:
    """The Chinese label of a code, or the code itself when unknown."""
    if code is None:
        return ""
    return table.get(str(code), str(code))


def number(value: Any) -> str:
    """A number as a report writes it: 8.5, 2000, 1.2e+12 → 1200000000000."""
    if value is None:
        return ""
    try:
        x = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(x):
        return ""
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.6g}" if abs(x) < 1e6 else f"{x:.10g}"


def amount(comparator: str | None, value: Any, value_max: Any, unit: str | None) -> str:
    """A record's amount in words: 不低于 8%, 7–8%, 2000亿元左右."""
    unit = unit or ""
    if comparator == "range" or (value_max is not None and not _nan(value_max)):
        return f"{number(value)}–{number(value_max)}{unit}"
    text = f"{number(value)}{unit}"
    if comparator == "~":
        return text + "左右"
    if comparator in (">=", "<="):
        return f"{COMPARATORS[comparator]} {text}"
    return text


def _nan(value: Any) -> bool:
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return False


FILTERS = {
    "kind_zh": lambda c: label(KINDS, c),
    "doc_kind_zh": lambda c: label(DOC_KINDS, c),
    "measure_zh": lambda c: label(MEASURES, c),
    "comparator_zh": lambda c: label(COMPARATORS, c),
    "verdict_zh": lambda c: label(VERDICTS, c),
    "change_zh": lambda c: label(CHANGES, c),
    "level_zh": lambda c: label(REGION_LEVELS, c),
    "horizon_zh": lambda c: label(HORIZONS, c),
    "num": number,
}
