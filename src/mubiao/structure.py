"""Rebuild a document's structure: title, region, year, parts, sections, paragraphs.

Work reports are written to a fixed outline: parts 一、 二、, sections （一）（二）,
run-in items 一是/二是, goal lists opened by ——. Press interpretations use 关键词
headings and 【举措一】 measures. Each paragraph learns where it stands, whether
its part reviews the past or plans ahead, and which years it speaks about; the
extractor reads those facts instead of guessing them clause by clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mubiao.clean import CleanText
from mubiao.lang.numerals import DIGITS
from mubiao.lang.regions import name_suffixes
from mubiao.lang.years import plan_period, review_spans, years_data
from mubiao.model import Section

CN_DIGITS = DIGITS

PART_RE = re.compile(rf"^[{CN_DIGITS}]{{1,3}}[、．.]\s*")
SECTION_RE = re.compile(rf"^[（(][{CN_DIGITS}]{{1,3}}[)）]\s*")
KEYWORD_RE = re.compile(r"^关键词[：:\s]*")
MEASURE_RE = re.compile(rf"^【举措[{CN_DIGITS}\d]+】")
YEAR_IN_TITLE_RE = re.compile(r"((?:19|20)\d{2})\s*年")
REGION_RE = re.compile(rf"[\u4e00-\u9fff]{{1,10}}?(?:{'|'.join(name_suffixes())})")
REPORT_TITLE_RE = re.compile(r"(?:人民)?政府工作报告")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of cleaned text with what the extractor needs to know about it."""

    start: int
    end: int
    section: tuple[str, ...]
    role: str  # "review" | "plan" | "other"
    lead: str  # the lead sentence (up to the first 。), heading of a measure
    years: tuple[int | None, int | None] = (None, None)  # (year, period_start) the paragraph speaks of
    is_heading: bool = False


@dataclass(frozen=True, slots=True)
class Structure:
    title: str | None
    region: str | None
    year: int | None
    kind: str
    sections: tuple[Section, ...]
    paragraphs: tuple[Paragraph, ...] = field(default_factory=tuple)
    goals_sentence: str | None = None  # the 主要预期目标 sentence, where there is one


def parse_structure(
    cleaned: CleanText,
    region: str | None = None,
    year: int | None = None,
    kind: str | None = None,
) -> Structure:
    """Outline a cleaned document; stated `region`/`year`/`kind` win over inference."""
    text = cleaned.match_text
    lines = _lines(text)
    title = _title(text, lines)
    year = year if year is not None else infer_year(text, lines)
    region = normalize_region(region) if region else infer_region(text, lines)
    kind = kind or infer_kind(text, lines)
    sections, paragraphs, goals = _outline(text, lines, year, kind)
    return Structure(title, region, year, kind, tuple(sections), tuple(paragraphs), goals)


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            spans.append((pos, end))
        pos = end + 1
    return spans


def _title(text: str, lines: list[tuple[int, int]]) -> str | None:
    """The first line that names the document (政府工作报告, 解读, 公报), else the first line."""
    head = [text[s:e].strip() for s, e in lines[:8]]
    for line in head:
        if REPORT_TITLE_RE.search(line) or "解读" in line or "公报" in line:
            return line[:80]
    return head[0][:80] if head else None


def infer_year(text: str, lines: list[tuple[int, int]]) -> int | None:
    """The report year where the opening lines state it (2017年…政府工作报告; ——2021年1月18日在…)."""
    for s, e in lines[:6]:
        line = text[s:e]
        if REPORT_TITLE_RE.search(line) or re.search(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日", line):
            found = YEAR_IN_TITLE_RE.search(line)
            if found:
                return int(found.group(1))
    return None


def normalize_region(name: str) -> str:
    """衡阳 → 衡阳市, 国务院 → 全国, from the administrative-division data of `mubiao.lang.regions`."""
    from mubiao.lang.regions import normalize  # loads the division table on first use

    return normalize(name)


def infer_region(text: str, lines: list[tuple[int, int]]) -> str | None:
    """The most specific region the title names (湖南省衡阳市 → 衡阳市); the State Council → 全国."""
    head = "\n".join(text[s:e] for s, e in lines[:6])
    from mubiao.lang.regions import region_from_title

    found = region_from_title(head, lines=6)
    if found:
        return found
    if "国务院" in head and REPORT_TITLE_RE.search(head):
        return "全国"
    for s, e in lines[:6]:
        line = text[s:e]
        found = REPORT_TITLE_RE.search(line)
        if not found:
            continue
        before = YEAR_IN_TITLE_RE.sub("", line[: found.start()]).strip(" 　—-")
        names = REGION_RE.findall(before)
        if names:
            return names[-1]
    return None


def infer_kind(text: str, lines: list[tuple[int, int]]) -> str:
    head = "\n".join(text[s:e] for s, e in lines[:10])
    if "解读" in head or any(MEASURE_RE.match(text[s:e]) or KEYWORD_RE.match(text[s:e]) for s, e in lines):
        return "interpretation"
    if "统计公报" in head:
        return "communique"
    if REPORT_TITLE_RE.search(head):
        return "report"
    return "other"


def _heading(line: str) -> tuple[int, str] | None:
    """(level, title) when the line is a heading; run-in section titles stop at the first 。."""
    if KEYWORD_RE.match(line):
        return 1, line.strip()
    if MEASURE_RE.match(line):
        return 2, _lead(line)
    if PART_RE.match(line) and len(line) <= 60 and not line.rstrip().endswith("。"):
        return 1, line.strip()
    if SECTION_RE.match(line):
        return 2, _lead(line)
    return None


def _lead(line: str) -> str:
    """The lead sentence of a paragraph: up to the first 。！？ (at most 60 characters)."""
    found = re.search(r"[。！？]", line)
    lead = line[: found.end()] if found else line
    return lead.strip()[:60]


def _role_of_heading(title: str) -> str:
    data = years_data()
    if any(word in title for word in data["review_headings"]):
        # "工作回顾" wins over "主要工作" in a review heading.
        return "review"
    if any(word in title for word in data["plan_headings"]):
        return "plan"
    return "other"


def _outline(
    text: str, lines: list[tuple[int, int]], year: int | None, kind: str
) -> tuple[list[Section], list[Paragraph], str | None]:
    """Walk the lines once, keeping the current part, section and temporal context."""
    data = years_data()
    sections: list[Section] = []
    paragraphs: list[Paragraph] = []
    path: list[str] = []
    role = "plan" if kind == "interpretation" else "other"
    context: tuple[int | None, int | None] = (year, None) if kind == "interpretation" else (None, None)
    part_context = context
    goals_sentence = None
    open_sections: list[int] = []  # indexes into `sections` awaiting their end
    for s, e in lines:
        line = text[s:e]
        heading = _heading(line)
        if heading:
            level, title = heading
            _close(sections, open_sections, level, s)
            path = path[: level - 1] + [title]
            sections.append(Section(level, title, tuple(path), s, len(text)))
            open_sections.append(len(sections) - 1)
            if level == 1 and kind != "interpretation":
                role = _role_of_heading(title)
                context = part_context = _part_context(title, role, year, data)
            paragraphs.append(Paragraph(s, e, tuple(path), role, title, context, is_heading=level == 1 or not _has_body(line)))
            if level == 1:
                continue
            # A run-in section heading carries its own text: fall through as a paragraph too.
        if role == "other" and kind == "report" and _looks_like_plan(line, year):
            role = "plan"
        context = _paragraph_context(line, role, year, context, part_context, data)
        if goals_sentence is None and "主要预期目标" in line:
            goals_sentence = line[line.index("主要预期目标"):][:300]
        if not heading:
            paragraphs.append(Paragraph(s, e, tuple(path), role, _lead(line), context))
    _close(sections, open_sections, 0, len(text))
    return sections, paragraphs, goals_sentence


def _has_body(line: str) -> bool:
    lead = _lead(line)
    return len(line.strip()) > len(lead) + 2


def _close(sections: list[Section], open_sections: list[int], level: int, at: int) -> None:
    """End every open section of `level` or deeper at offset `at`."""
    while open_sections and sections[open_sections[-1]].level >= level:
        index = open_sections.pop()
        old = sections[index]
        sections[index] = Section(old.level, old.title, old.path, old.start, at)


def _part_context(
    title: str, role: str, year: int | None, data: dict
) -> tuple[int | None, int | None]:
    """Years a part speaks of, from its heading: 十四五 goals, 2021年工作安排, a review."""
    if role == "plan":
        period = plan_period(title)
        if period and ("目标" in title or "任务" in title or "规划" in title):
            return period[1], period[0]
        for phrase, span in data["goal_spans"].items():
            if phrase in title and year is not None:
                return year + span - 1, year
        found = YEAR_IN_TITLE_RE.search(title)
        if found:
            return int(found.group(1)), None
        return year, None
    if role == "review":
        if year is None:
            return None, None
        period = plan_period(title)
        for phrase, span in review_spans().items():
            if phrase in title:
                return year - 1, year - span
        if period and YEAR_IN_TITLE_RE.search(title) is None:
            return period[1], period[0]
        return year - 1, None
    return (year, None) if year is not None else (None, None)


def _paragraph_context(
    line: str,
    role: str,
    year: int | None,
    current: tuple[int | None, int | None],
    part: tuple[int | None, int | None],
    data: dict,
) -> tuple[int | None, int | None]:
    """The years a paragraph speaks of, from its opening words.

    In a review they hold until changed (过去五年… then 刚刚过去的2020年… with its
    sections); in a plan each paragraph starts again from its part's years.
    """
    if year is None:
        return current
    opening = line[:24]
    if role == "review":
        for phrase, span in review_spans().items():
            if phrase in opening:
                return year - 1, year - span
        if any(phrase in opening for phrase in data["review_last_year"]) or f"{year - 1}年" in opening:
            return year - 1, None
        return current
    if role == "plan":
        if opening.startswith(f"{year}年"):
            return year, None
        for phrase, span in data["goal_spans"].items():
            if phrase in opening:
                return year + span - 1, year
        period = plan_period(opening[:8])
        if period and period[1] >= year:
            return period[1], period[0]
        return part
    return current


def _looks_like_plan(line: str, year: int | None) -> bool:
    return "主要预期目标" in line or (year is not None and line.startswith(f"{year}年") and "工作" in line[:20])
