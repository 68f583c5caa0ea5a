"""Fold units with magnitude words so amounts written differently compare.

A report writes 3500亿元 one year and 35000000万元 another, 3.96万人 here and
39600人 there. `base_unit` splits a unit into the unit proper and a factor
(亿元 → 元, 1e8), and `to_base` turns a value into that base, so the tracker
compares like with like and refuses to compare a % with a 个百分点 or 元 with
美元.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from mubiao.lang.datafiles import load_yaml


@dataclass(frozen=True, slots=True)
class Folding:
    """The unit facts of `data/units.yaml` the tracker folds with."""

    magnitudes: tuple[tuple[str, float], ...]  # longest first
    whole_units: frozenset[str]
    synonyms: dict[str, str]
    conversions: dict[str, tuple[str, float]]


@lru_cache(maxsize=1)
def folding() -> Folding:
    """Read magnitudes and unit spellings from `units.yaml`, the one list extraction reads too."""
    data = load_yaml("units.yaml")
    spec = data["folding"]
    magnitudes = sorted(((word, float(factor)) for word, factor in data["magnitudes"].items()), key=lambda item: -len(item[0]))
    return Folding(
        magnitudes=tuple(magnitudes),
        whole_units=frozenset(spec["whole_units"]),
        synonyms=dict(spec["synonyms"]),
        conversions={unit: (base, float(factor)) for unit, (base, factor) in spec["conversions"].items()},
    )


def fold(text: str | None) -> str:
    """NFKC-normalise and drop white space, so ＋％ and % are the same unit."""
    text = unicodedata.normalize("NFKC", text or "")
    return "".join(ch for ch in text if not ch.isspace())


@lru_cache(maxsize=1024)
def base_unit(unit: str | None) -> tuple[str, float]:
    """Split a unit into (base unit, factor): 亿元 → (元, 1e8), 万人 → (人, 1e4)."""
    spec = folding()
    raw = fold(unit)
    raw = spec.synonyms.get(raw, raw)
    if raw in spec.whole_units or raw in spec.conversions:
        return _convert(raw, 1.0)
    for word, factor in spec.magnitudes:
        rest = raw[len(word):]
        if raw.startswith(word) and rest:
            inner, inner_factor = base_unit(rest)
            return inner, factor * inner_factor
    return _convert(raw, 1.0)


def _convert(unit: str, factor: float) -> tuple[str, float]:
    """Apply a fixed conversion (斤 → 千克) after the magnitude is taken off."""
    spec = folding()
    unit = spec.synonyms.get(unit, unit)
    if unit in spec.conversions:
        base, scale = spec.conversions[unit]
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
