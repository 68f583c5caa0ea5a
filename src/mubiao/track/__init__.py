"""Tracking: was each target delivered?

- `rules`: when an outcome meets a target (comparators, 左右 tolerance);
- `verdict`: `link` (targets → verdicts), `diff` (targets of two years), `compare` (across regions).

The rules are written out in docs/tracking.md. The facts they compare with
(indicator vocabulary, units, regions) live in `mubiao.lang`.
"""

from mubiao.lang.vocabulary import Indicator, canonical, indicators
from mubiao.track.verdict import CHANGES, VERDICTS, Change, Verdict, compare, diff, link

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
