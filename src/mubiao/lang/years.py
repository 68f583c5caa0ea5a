"""Where a sentence stands in time: five-year plan periods and the spans reports review.

The words live in `mubiao/data/years.yaml` (十四五 → 2021–2025, 过去五年 → 5 years,
review and plan headings, target and achievement cues); structure, extraction
and the digest read them here.
"""

from __future__ import annotations

from typing import Any

from mubiao.lang.datafiles import load_yaml


def years_data() -> dict[str, Any]:
    """The whole of `years.yaml` (read once per process; do not change it)."""
    return load_yaml("years.yaml")


def plan_periods() -> dict[str, tuple[int, int]]:
    """Each five-year plan's name and its first and last year: 十四五 → (2021, 2025)."""
    return {name: (int(first), int(last)) for name, (first, last) in years_data()["plan_periods"].items()}


def plan_period(line: str) -> tuple[int, int] | None:
    """The (first, last) year of the first plan period `line` names, else None."""
    for name, (first, last) in years_data()["plan_periods"].items():
        if name in line:
            return first, last
    return None


def review_spans() -> dict[str, int]:
    """Opening words of a review and how many years ending last year they cover: 过去五年 → 5."""
    return dict(years_data()["review_spans"])
