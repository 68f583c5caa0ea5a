"""When does an outcome meet a target: comparators, tolerances, direction, wording.

Kept apart from the linking in `verdict.py` so the rules read in one place and
match `docs/tracking.md`:

- `>=` met when the outcome is at least the value; `<=` when at most;
- `=` (达, 达到, plain) met when the outcome reaches the value in the
  indicator's better direction (at least it, or at most it for 失业率, CPI…);
- `~` (左右, 约) met within ±0.5 percentage points when the unit is %, within
  ±2% of the value otherwise, or beyond the value in the better direction;
- `range` met inside [value, value_max], or beyond it in the better direction
  (more schools than the upper end of 3—5所 is still delivered).

Every rule comes down to one bound (`condition`): the outcome must be at least
X (a floor) or at most X (a ceiling: prices, unemployment, energy intensity,
deficit ratio, and any 以内). A decline target (下降3%以上, value −3) reads 以上
on the size of the fall: the outcome must be −3 or lower. `rule_text` says the
bound in words for the verdict's reason, so a reason never leaves the reader
to guess (目标为上限，3.5%及以下即完成).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from mubiao.lang import units as U
from mubiao.lang import vocabulary
from mubiao.lang.datafiles import load_yaml
from mubiao.model import Record

Direction = Literal["up", "down"]

#: Tolerance of 左右 for values in %: ± this many percentage points.
TOLERANCE_POINTS = 0.5
#: Tolerance of 左右 for other values: ± this share of the value.
TOLERANCE_RELATIVE = 0.02

_EPS = 1e-9


@lru_cache(maxsize=1)
def words() -> dict[str, tuple[str, ...]]:
    """The word lists of data/tracking.yaml (growth, estimate, partial-period words)."""
    doc = load_yaml("tracking.yaml")
    return {key: tuple(str(w) for w in value) for key, value in doc.items()}


@lru_cache(maxsize=None)
def _any_of(name: str) -> re.Pattern[str] | None:
    """One pattern finding any word of the list `name` (None for an empty list): one scan of a quote, not one per word."""
    listed = words().get(name) or ()
    return re.compile("|".join(map(re.escape, listed))) if listed else None


def _holds(quote: str | None, name: str) -> bool:
    pattern = _any_of(name)
    return bool(quote) and pattern is not None and pattern.search(quote) is not None  # type: ignore[arg-type]


@lru_cache(maxsize=65536)
def is_estimate(quote: str | None) -> bool:
    """An outcome stated as an estimate (预计数) rather than a final figure."""
    return _holds(quote, "estimate_words")


@lru_cache(maxsize=65536)
def is_partial_period(quote: str | None) -> bool:
    """A figure for part of a year (前三季度, 1—11月), which is not the year's outcome."""
    return _holds(quote, "partial_period_words")


@lru_cache(maxsize=65536)
def is_other_years(quote: str | None) -> bool:
    """A figure of the years before the one reported (由前三年分别上升…), not the year's outcome."""
    return _holds(quote, "other_years_words")


@lru_cache(maxsize=65536)
def is_average(quote: str | None) -> bool:
    """A figure stated as a yearly average over several years (年均, 平均每年)."""
    return _holds(quote, "average_words")


@lru_cache(maxsize=65536)
def is_cumulative(quote: str | None) -> bool:
    """A level or amount stated as a total over several years (累计, 五年…完成)."""
    return _holds(quote, "cumulative_words")


@lru_cache(maxsize=65536)
def restates_goal(quote: str | None) -> bool:
    """A quote that sets or repeats a goal (要把…控制在, 力争, 目标为) rather than stating a result."""
    return _holds(quote, "goal_words")


def direction(canonical: str | None) -> Direction:
    """Whether more (up) or less (down) is better; unknown indicators count as up."""
    item = vocabulary.lookup(canonical)
    return item.better if item else "up"


def tolerance(value: float, unit: str | None) -> float:
    """The half-width of 左右 around a value, in the value's own unit."""
    return TOLERANCE_POINTS if U.is_percent(unit) else TOLERANCE_RELATIVE * abs(value)


def tolerance_text(unit: str | None) -> str:
    """How 左右 was read, for a reason line."""
    return f"±{TOLERANCE_POINTS:g}个百分点" if U.is_percent(unit) else f"±{TOLERANCE_RELATIVE * 100:g}%"


def condition(
    comparator: str,
    value: float,
    value_max: float | None,
    unit: str | None,
    better: Direction = "up",
    decline: bool = False,
) -> tuple[str, float]:
    """The one bound an outcome must satisfy: (">=", X) a floor or ("<=", X) a ceiling.

    `decline` is a target stated as a fall (下降3%以上, value −3): 以上 and 以内
    then speak of the size of the fall, so they turn round.
    """
    if decline and comparator in (">=", "<="):
        comparator = "<=" if comparator == ">=" else ">="
    up = better == "up"
    if comparator in (">=", "<="):
        return comparator, value
    if comparator == "~":
        return (">=", value - tolerance(value, unit)) if up else ("<=", value + tolerance(value, unit))
    if comparator == "range":
        low, high = sorted((value, value if value_max is None else value_max))
        return (">=", low) if up else ("<=", high)
    return (">=", value) if up else ("<=", value)


def meets(
    comparator: str,
    value: float,
    value_max: float | None,
    outcome: float,
    unit: str | None,
    better: Direction = "up",
    decline: bool = False,
) -> bool:
    """True when an outcome (in the target's unit) satisfies the target."""
    op, bound = condition(comparator, value, value_max, unit, better, decline)
    eps = _EPS * max(1.0, abs(value))
    return outcome >= bound - eps if op == ">=" else outcome <= bound + eps


def is_decline(target: Record) -> bool:
    """A target stated as a fall: a negative growth or increment (下降3%, 减少2万吨)."""
    return target.measure in ("growth", "increment") and target.value < 0


def record_meets(target: Record, outcome_value: float, better: Direction = "up") -> bool:
    """`meets` for a target Record and an outcome value already in the target's unit."""
    return meets(
        target.comparator, target.value, target.value_max, outcome_value, target.unit, better, is_decline(target)
    )


def rule_text(target: Record, better: Direction = "up") -> str:
    """The rule the target was judged by, in words: 左右按±0.5个百分点计，目标为上限，3.5%及以下即完成."""
    op, bound = condition(target.comparator, target.value, target.value_max, target.unit, better, is_decline(target))
    parts = [f"左右按{tolerance_text(target.unit)}计"] if target.comparator == "~" else []
    if op == "<=" and bound < 0 and target.measure in ("growth", "increment"):
        parts.append(f"目标为降幅，下降{num(-bound)}{target.unit}及以上即完成")
    elif op == "<=":
        parts.append(f"目标为上限，{num(bound)}{target.unit}及以下即完成")
    else:
        parts.append(f"{num(bound)}{target.unit}及以上即完成")
    return "，".join(parts)


def num(value: float | None, digits: int = 2) -> str:
    """A number as a report writes it: 3500, 7.4, 14.3."""
    if value is None:
        return "?"
    rounded = round(float(value), digits)
    return f"{int(rounded)}" if rounded.is_integer() else f"{rounded:.{digits}f}".rstrip("0").rstrip(".")


def amount_text(measure: str, value: float, unit: str) -> str:
    """增长8.5%, 下降3%, 新增63所, 提高1个百分点, 4000亿元."""
    if measure == "growth":
        return f"{'下降' if value < 0 else '增长'}{num(abs(value))}{unit}"
    if measure == "increment":
        if U.base_unit(unit)[0] == "百分点":
            return f"{'下降' if value < 0 else '提高'}{num(abs(value))}{unit}"
        return f"新增{num(value)}{unit}"
    return f"{num(value)}{unit}"


def target_text(record: Record) -> str:
    """The target as a phrase: 4000亿元以上, 增长8.5%左右, 3—5家, 4.5%以内."""
    if record.comparator == "range" and record.value_max is not None:
        low = amount_text(record.measure, record.value, "")
        return f"{low}—{num(record.value_max)}{record.unit}"
    base = amount_text(record.measure, record.value, record.unit)
    if record.measure == "growth" and _is_span(record):
        base = "年均" + base
    suffix = {">=": "以上", "<=": "以内", "~": "左右"}.get(record.comparator, "")
    return base + suffix


def outcome_text(record: Record) -> str:
    """An outcome as a phrase, with its year: 2020年3500亿元以上, 2020年增长7.4%."""
    year = f"{record.year}年" if record.year is not None else ""
    span = f"{record.period_start}—{record.year}年年均" if _is_span(record) and record.measure == "growth" else ""
    text = amount_text(record.measure, record.value, record.unit)
    if span:
        return f"{span}{text}"
    suffix = {">=": "以上", "<=": "以内", "~": "左右"}.get(record.comparator, "")
    return f"{year}{text}{suffix}"


def _is_span(record: Record) -> bool:
    return record.period_start is not None and record.year is not None and record.period_start < record.year
