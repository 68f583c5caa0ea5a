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
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import cn2an

from mubiao.lang.datafiles import load_yaml

YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")


def years_data() -> dict[str, Any]:
    """The whole of `years.yaml` (read once per process; do not change it)."""
    return load_yaml("years.yaml")


def plan_periods() -> dict[str, tuple[int, int]]:
    """Each five-year plan's name and its first and last year: 十四五 → (2021, 2025)."""
    return {name: (int(first), int(last)) for name, (first, last) in years_data()["plan_periods"].items()}


@lru_cache(maxsize=1)
def _period_names() -> tuple[tuple[str, re.Pattern[str], int, int], ...]:
    """Each plan name as a pattern that finds it only as a name (十五 not in 二十五, 十五五, 十五届)."""
    data = years_data()
    before, after = re.escape(data["plan_name_not_before"]), re.escape(data["plan_name_not_after"])
    context = data["plan_name_context"]
    return tuple(
        (
            name,
            re.compile(
                rf"(?<![{before}]){re.escape(name)}(?![{after}])"
                + (rf"(?=(?:{context}))" if name in data["plan_names_in_context"] else "")
            ),
            int(first),
            int(last),
        )
        for name, (first, last) in data["plan_periods"].items()
    )


def find_periods(text: str) -> Iterator[tuple[int, int, int, int]]:
    """(at, end, first, last) for each plan period `text` names, in the order of years.yaml."""
    for name, pattern, first, last in _period_names():
        found = pattern.search(text) if name in text else None  # a substring test first: most text names none
        if found:
            yield found.start(), found.end(), first, last


def plan_period(line: str) -> tuple[int, int] | None:
    """The (first, last) year of the first plan period `line` names, else None."""
    for _at, _end, first, last in find_periods(line):
        return first, last
    return None


def review_spans() -> dict[str, int]:
    """Opening words of a review and how many years ending last year they cover: 过去五年 → 5."""
    return dict(years_data()["review_spans"])


FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
CHINESE_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")
FULL_WIDTH_DIGIT = re.compile("[０-９]")
CHINESE_YEAR = re.compile(r"[一二][〇○零一二三四五六七八九]{3}(?=年)")


def western_years(text: str) -> str:
    """`text` with its years in ASCII digits, each character in its place (offsets hold):
    １９９４年 → 1994年, 一九七七年 → 1977年 (older reports write years in Chinese numerals)."""
    if FULL_WIDTH_DIGIT.search(text):  # a search in C is cheaper than translate on every call
        text = text.translate(FULL_WIDTH_DIGITS)
    if "年" not in text or not CHINESE_YEAR.search(text):
        return text
    return CHINESE_YEAR.sub(lambda m: m.group().translate(CHINESE_DIGITS), text)


def heading_years(title: str) -> list[int]:
    """The years a heading names, full-width digits and Chinese numerals included (１９９４年国内工作的回顾)."""
    return [int(y) for y in YEAR_RE.findall(western_years(title))]


def opens_period(text: str, at: int) -> bool:
    """Whether the plan period named at `at` is spoken of as the year that opens it
    (今年是“十五五”开局之年, 确保“十五五”开好局): then it is about this year, not the period.
    """
    after = text[at : at + 10]
    return any(word in after for word in years_data()["period_opening"]) or text[max(0, at - 4) : at].rstrip("“\"").endswith("是")


def goal_period(text: str, year: int | None) -> tuple[int, int] | None:
    """The plan period whose goals `text` states: named, not behind the report, not its opening year."""
    for at, _end, first, last in find_periods(text):
        if (year is not None and last < year) or opens_period(text, at):
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
    for _at, end, first, last in find_periods(text):
        if last < year and re.match(r"[”\"]?(?:时期|期间|以来)", text[end:]):
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
    if any(_own_phrase(opening, phrase) for phrase in years_data()["review_last_year"]):
        return year - 1, None
    found = re.match(r"\s*((?:19|20)\d{2})年(?:[，,]|[^底末前起以]?)", western_years(opening))
    if found and int(found.group(1)) < year:
        return int(found.group(1)), None
    return None


def _own_phrase(text: str, phrase: str) -> bool:
    """Whether `phrase` stands in `text` as its own time, not as a base (要比去年增长)."""
    bases = tuple(years_data()["sentence_past_bases"])
    at = text.find(phrase)
    while at >= 0:
        if not text[:at].endswith(bases):
            return True
        at = text.find(phrase, at + 1)
    return False


def opens_this_year(opening: str, year: int | None) -> bool:
    """Whether a paragraph or sentence opens on the report's own year (今年…, 2026年是…)."""
    opening = opening.lstrip(" 　")
    return opening.startswith(tuple(years_data()["this_year"])) or (year is not None and opening.startswith(f"{year}年"))


@lru_cache(maxsize=1)
def _sentence_words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
    data = years_data()
    plan = re.compile("|".join(map(re.escape, sorted(data["sentence_plan"], key=len, reverse=True))))
    past = re.compile("|".join(map(re.escape, sorted(data["sentence_past"], key=len, reverse=True))))
    compounds = re.compile("|".join(map(re.escape, data["sentence_plan_compounds"])))
    return plan, past, compounds, tuple(data["sentence_past_bases"])


SENTENCE_YEAR = re.compile(r"(到|至|从|自|比|较|同|与|在|于)?((?:19|20)\d{2})年")


def _plan_at(text: str, year: int | None) -> int:
    """Where the first plan word (今年, 要, 计划, 到一九八五年…) of `text` stands, else -1."""
    plan, _past, compounds, _bases = _sentence_words()
    masked = compounds.sub(lambda m: "□" * len(m.group()), text) if compounds.search(text) else text
    found = plan.search(masked)
    at = found.start() if found else -1
    if year is not None:
        for m in SENTENCE_YEAR.finditer(western_years(text)):
            if int(m.group(2)) >= year and m.group(1) not in ("比", "较", "同", "与", "从", "自"):
                at = m.start() if at < 0 else min(at, m.start())
                break
    return at


def _speaks_of_past(text: str, year: int | None) -> bool:
    """Whether `text` has a past word of its own (去年, 已经, 一九七七年…), not a base of comparison."""
    _plan, past, _compounds, bases = _sentence_words()
    for found in past.finditer(text):
        if not text[: found.start()].endswith(bases):
            return True
    if year is not None:
        for m in SENTENCE_YEAR.finditer(western_years(text)):
            if int(m.group(2)) < year and m.group(1) not in ("比", "较", "同", "与", "到", "至", "在", "于"):
                return True
    return False


@lru_cache(maxsize=1)
def _estimate() -> re.Pattern[str]:
    return re.compile("|".join(years_data()["estimate_patterns"]))


def is_estimate(text: str) -> bool:
    """Whether `text` gives an estimated outcome (预计比去年增长12%): a result, not a plan."""
    return "预计" in text and _estimate().search(text) is not None


def sentence_time(before: str, after: str, year: int | None, clause: str = "") -> str | None:
    """Where a sentence of a plan stands in time by its own words: "plan", "past", or None.

    `before` is the sentence up to the end of the number's clause, `after` the rest of it.
    A plan word before the number keeps it a plan (今年…要增长); else a past word of its own
    makes it past (去年, 一九七七年, 过去…年, 已经, 完成了); a sentence with neither before
    the number takes the first that follows (…平均每年增长百分之二十八，大寨去年… is past;
    …，争取… is a plan). The number's own `clause`, when given, speaks first (…要…，由于已经
    连续三年增长百分之十一以上 is past).
    """
    if clause and ((_plan_at(clause, year) < 0 and _speaks_of_past(clause, year)) or is_estimate(clause)):
        return "past"
    if _plan_at(before, year) >= 0:
        return "plan"
    if _speaks_of_past(before, year):
        return "past"
    cut = _plan_at(after, year)
    rest = after if cut < 0 else after[:cut]
    if _speaks_of_past(rest, year):
        return "past"
    return "plan" if cut >= 0 else None


SPAN_OF_YEARS = re.compile(r"([一二三四五六七八九十两]{1,3}|\d{1,2})年(?:间|来|中|里)")


def past_years(sentence: str, year: int | None) -> tuple[int | None, int | None]:
    """(year, period_start) of a past sentence in a plan: its latest past year (从一九六六年到
    一九七六年 → 1976 from 1966), else last year, over the N years it names (十七年间)."""
    if year is None:
        return None, None
    if is_estimate(sentence) and any(word in sentence for word in years_data()["this_year"]):
        return year, None  # 今年的产值预计比去年增长12%: this year's estimated outcome
    years = [int(m.group(2)) for m in SENTENCE_YEAR.finditer(western_years(sentence)) if int(m.group(2)) < year]
    if years:
        latest = max(years)
        start = min(years)
        return latest, (start if start < latest and ("从" in sentence or "自" in sentence) else None)
    span = SPAN_OF_YEARS.search(sentence)
    if span:
        count = _count(span.group(1))
        if count and 1 < count <= 50:
            return year - 1, year - count
    return year - 1, None


def _count(numeral: str) -> int | None:
    """十七 → 17, 5 → 5 (cn2an reads the Chinese numeral)."""
    if numeral.isdigit():
        return int(numeral)
    try:
        return int(cn2an.cn2an(numeral, "smart"))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
