"""The methodology page's content, read from the rules themselves (not a copy of docs/tracking.md).

The verdicts and their meanings come from `labels`, the words that set each
comparator from `data/comparators.yaml`, the tolerance of 左右 from the
constants of `track.rules`, and the indicators where lower is better from the
indicator vocabulary: changing a rule changes the page.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from mubiao.lang import vocabulary
from mubiao.lang.datafiles import load_yaml
from mubiao.track import rules
from mubiao.web.labels import COMPARATORS, VERDICT_HELP, VERDICTS

#: When a comparator is met, in words; {points} and {share} are the tolerance of 左右 from `track.rules`.
COMPARATOR_RULES = {
    ">=": "实际值不低于目标值即为完成。",
    "<=": "实际值不高于目标值即为完成。",
    "=": "实际值达到目标值即为完成：数值越大越好的指标不低于目标值，越小越好的指标不高于目标值。",
    "~": "实际值在目标值上下容差之内即为完成：单位为 % 时容差为 {points}，其他单位为目标值的 {share}；"
         "朝好的方向超出目标（超额完成）也算完成。",
    "range": "实际值落在区间之内即为完成；朝好的方向超出区间也算完成。",
}


@lru_cache(maxsize=1)
def content() -> dict[str, Any]:
    """Everything the page shows: verdicts, comparators with their words and rules, lower-is-better indicators."""
    words = load_yaml("comparators.yaml")
    tolerance = {"points": rules.tolerance_text("%"), "share": rules.tolerance_text("亿元").lstrip("±")}
    comparators = []
    for code, rule in COMPARATOR_RULES.items():
        spelled = words.get(code) or {}
        comparators.append({
            "code": code, "name": COMPARATORS.get(code, code),
            "words": [*spelled.get("before", []), *spelled.get("after", [])],
            "rule": rule.format(**tolerance),
        })
    lower = [item.name for item in vocabulary.indicators() if item.better == "down"]
    return {
        "verdicts": [{"code": code, "name": name, "help": VERDICT_HELP.get(code, "")} for code, name in VERDICTS.items()],
        "comparators": comparators,
        "tolerance": tolerance,
        "lower_is_better": lower,
    }
