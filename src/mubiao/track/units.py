"""Fold units with magnitude words so amounts written differently compare.

A report writes 3500亿元 one year and 35000000万元 another, 3.96万人 here and
39600人 there. `base_unit` splits a unit into the unit proper and a factor
(亿元 → 元, 1e8), and `to_base` turns a value into that base, so the tracker
compares like with like and refuses to compare a % with a 个百分点 or 元 with
美元.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

#: Magnitude words a unit may begin with, longest first.
MAGNITUDES: tuple[tuple[str, float], ...] = (
    ("万亿", 1e12),
    ("千万", 1e7),
    ("百万", 1e6),
    ("亿", 1e8),
    ("万", 1e4),
    ("千", 1e3),
    ("百", 1e2),
)

#: Units that begin with a magnitude character but are units of their own.
WHOLE_UNITS: frozenset[str] = frozenset({"千瓦", "千瓦时", "千克", "千米", "千伏", "百分点", "千公顷"})

#: Spellings of one unit, folded to one form (classifiers that count the same thing).
UNIT_SYNONYMS: dict[str, str] = {
    "％": "%",
    "个百分点": "百分点",
    "个工作日": "工作日",
    "名": "人",
    "位": "人",
    "人口": "人",
    "家": "个",
    "千米": "公里",
    "公斤": "千克",
}

#: Units convertible into another base by a fixed factor (斤 → 千克).
CONVERSIONS: dict[str, tuple[str, float]] = {
    "斤": ("千克", 0.5),
    "吨": ("千克", 1000.0),
    "公顷": ("亩", 15.0),
    "千公顷": ("亩", 15000.0),
}


def fold(text: str | None) -> str:
    """NFKC-normalise and drop white space, so ＋％ and % are the same unit."""
    text = unicodedata.normalize("NFKC", text or "")
    return "".join(ch for ch in text if not ch.isspace())


@lru_cache(maxsize=1024)
def base_unit(unit: str | None) -> tuple[str, float]:
    """Split a unit into (base unit, factor): 亿元 → (元, 1e8), 万人 → (人, 1e4)."""
    raw = fold(unit)
    raw = UNIT_SYNONYMS.get(raw, raw)
    if raw in WHOLE_UNITS or raw in CONVERSIONS:
        return _convert(raw, 1.0)
    for word, factor in MAGNITUDES:
        rest = raw[len(word):]
        if raw.startswith(word) and rest:
            inner, inner_factor = base_unit(rest)
            return inner, factor * inner_factor
    return _convert(UNIT_SYNONYMS.get(raw, raw), 1.0)


def _convert(unit: str, factor: float) -> tuple[str, float]:
    """Apply a fixed conversion (斤 → 千克) after the magnitude is taken off."""
    unit = UNIT_SYNONYMS.get(unit, unit)
    if unit in CONVERSIONS:
        base, scale = CONVERSIONS[unit]
        return base, factor * scale
    return unit, factor


def compatible(unit_a: str | None, unit_b: str | None) -> bool:
    """True when two units measure the same thing once magnitudes are folded."""
    return base_unit(unit_a)[0] == base_unit(unit_b)[0]


def to_base(value: float, unit: str | None) -> float:
    """The value in the base unit: (3.96, 万人) → 39600.0."""
    return float(value) * base_unit(unit)[1]


def convert(value: float, unit: str | None, into: str | None) -> float:
    """Express a value written in `unit` in the unit `into` (same base required)."""
    if not compatible(unit, into):
        raise ValueError(f"units not comparable: {unit!r} vs {into!r}")
    return to_base(value, unit) / base_unit(into)[1]


def is_percent(unit: str | None) -> bool:
    """True for rates and shares written in % (where tolerances are in points)."""
    return base_unit(unit)[0] == "%"
