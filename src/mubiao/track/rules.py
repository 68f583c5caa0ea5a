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
"""

from __future__ import annotations

from typing import Literal

from mubiao.model import Record
from mubiao.lang import units as U
from mubiao.lang import vocabulary

Direction = Literal["up", "down"]

#: Tolerance of 左右 for values in %: ± this many percentage points.
TOLERANCE_POINTS = 0.5
#: Tolerance of 左右 for other values: ± this share of the value.
TOLERANCE_RELATIVE = 0.02

_EPS = 1e-9


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


def meets(
    comparator: str,
    value: float,
    value_max: float | None,
    outcome: float,
    unit: str | None,
    better: Direction = "up",
) -> bool:
    """True when an outcome (in the target's unit) satisfies the target."""
    eps = _EPS * max(1.0, abs(value))
    up = better == "up"
    if comparator == ">=":
        return outcome >= value - eps
    if comparator == "<=":
        return outcome <= value + eps
    if comparator == "~":
        within = abs(outcome - value) <= tolerance(value, unit) + eps
        return within or (outcome > value if up else outcome < value)
    if comparator == "range":
        low, high = sorted((value, value if value_max is None else value_max))
        within = low - eps <= outcome <= high + eps
        return within or (outcome > high if up else outcome < low)
    return outcome >= value - eps if up else outcome <= value + eps


def record_meets(target: Record, outcome_value: float, better: Direction = "up") -> bool:
    """`meets` for a target Record and an outcome value already in the target's unit."""
    return meets(target.comparator, target.value, target.value_max, outcome_value, target.unit, better)


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
