"""Where a sentence stands in time: five-year plan periods and the spans reports review.

The words live in `mubiao/data/years.yaml` (十四五 → 2021–2025, 过去五年 → 5 years,
review and plan headings, target and achievement cues); structure, extraction
and the digest read them here. The functions below the data tell, from a
heading's or a sentence's own words and the report's year, which time it speaks
of: a plan period's goals (十五五 → 2026–2030) unless named as the year that opens
it (今年是“十五五”开局之年), a span behind the report (“十四五”时期, 这五年, 去年),
or the report's own year (今年…).
"""

from __future__ import annotations

import re
from typing import Any

from mubiao.lang.datafiles import load_yaml

YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")


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


FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def heading_years(title: str) -> list[int]:
    """The years a heading names, full-width digits included (１９９４年国内工作的回顾)."""
    return [int(y) for y in YEAR_RE.findall(title.translate(FULL_WIDTH_DIGITS))]


def opens_period(text: str, at: int) -> bool:
    """Whether the plan period named at `at` is spoken of as the year that opens it
    (今年是“十五五”开局之年, 确保“十五五”开好局): then it is about this year, not the period.
    """
    after = text[at : at + 10]
    return any(word in after for word in years_data()["period_opening"]) or text[max(0, at - 4) : at].rstrip("“\"").endswith("是")


def goal_period(text: str, year: int | None) -> tuple[int, int] | None:
    """The plan period whose goals `text` states: named, not behind the report, not its opening year."""
    for name, (first, last) in years_data()["plan_periods"].items():
        at = text.find(name)
        if at < 0 or (year is not None and last < year) or opens_period(text, at):
            continue
        return first, last
    return None


def past_period(text: str, year: int | None) -> tuple[int, int] | None:
    """The span a review names, when it is behind the report: 这五年/过去五年 → the five years to
    last year; “十四五”时期 in a 2026 report → 2021–2025."""
    if year is None:
        return None
    for phrase, span in years_data()["review_spans"].items():
        if phrase in text:
            return year - span, year - 1
    for name, (first, last) in years_data()["plan_periods"].items():
        at = text.find(name)
        if at >= 0 and last < year and re.match(r"[”\"]?(?:时期|期间|以来)", text[at + len(name) :]):
            return first, last
    return None


def past_opening(opening: str, year: int | None) -> tuple[int, int | None] | None:
    """(year, period_start) when a sentence or paragraph opens on time behind the report:
    “十四五”时期/这五年 (the span), 去年/过去一年 (last year), 2025年， (that year)."""
    if year is None:
        return None
    behind = past_period(opening, year)
    if behind:
        return behind[1], behind[0]
    if any(phrase in opening for phrase in years_data()["review_last_year"]):
        return year - 1, None
    found = re.match(r"\s*((?:19|20)\d{2})年(?:[，,]|[^底末前起以]?)", opening.translate(FULL_WIDTH_DIGITS))
    if found and int(found.group(1)) < year:
        return int(found.group(1)), None
    return None


def opens_this_year(opening: str, year: int | None) -> bool:
    """Whether a paragraph or sentence opens on the report's own year (今年…, 2026年是…)."""
    opening = opening.lstrip(" 　")
    return opening.startswith(tuple(years_data()["this_year"])) or (year is not None and opening.startswith(f"{year}年"))
