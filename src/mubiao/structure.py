"""Rebuild a document's structure: title, region, year, parts, sections, paragraphs.

Work reports are written to a fixed outline: parts 一、 二、, sections （一）（二）,
run-in items 一是/二是, goal lists opened by ——. Press interpretations use 关键词
headings and 【举措一】 measures. Each paragraph learns where it stands, whether
its part reviews the past or plans ahead, and which years it speaks about; the
extractor reads those facts instead of guessing them clause by clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from mubiao.lang import back_matter
from mubiao.clean import CleanText
from mubiao.lang.numerals import DIGITS
from mubiao.lang.regions import name_suffixes
from mubiao.lang.years import (
    western_years,
    goal_period,
    heading_years,
    opens_this_year,
    past_opening,
    plan_period,
    past_period,
    review_spans,
    years_data,
)
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
    role: str  # "review" | "plan" | "other" | "aside" (back matter and notes: no records)
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
    """The head line that names the document (政府工作报告, 解读, 公报), else the head's first line;
    None for a document without a head (one that opens with 各位代表)."""
    head = [text[s:e].strip() for s, e in head_lines(text, lines)[0]]
    for line in head:
        if REPORT_TITLE_RE.search(line) or "解读" in line or "公报" in line:
            return line[:80]
    return head[0][:80] if head else None


def _heads() -> dict:
    from mubiao.lang.datafiles import load_yaml

    return load_yaml("heads.yaml")


def head_lines(text: str, lines: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], int | None]:
    """The head of a document (title, subtitle, byline) and the index of its salutation line.

    The head ends at the salutation (各位代表), a part or section heading, an
    interpretation's 关键词/【举措】, or a line long enough to be body text.
    """
    conf = _heads()
    head: list[tuple[int, int]] = []
    for i, (s, e) in enumerate(lines[: int(conf["head_max_lines"])]):
        line = text[s:e].strip()
        if line.startswith(conf["salutation"]):
            return head, i
        if PART_RE.match(line) or SECTION_RE.match(line) or KEYWORD_RE.match(line) or MEASURE_RE.match(line):
            break
        if len(line) > int(conf["head_line_max_chars"]) or _is_sentence(line):
            break
        head.append((s, e))
    return head, None


def _is_sentence(line: str) -> bool:
    """Body text: a clause, then a sentence end (a caption such as …报告。本报记者某某摄 has no clause)."""
    return bool(re.search(r"[，,；;].*[。！？!?]", line))


def _opening(text: str, lines: list[tuple[int, int]], salutation: int | None) -> str:
    """The salutation's line and what follows it, as far as the opening formula is looked for."""
    if salutation is None:
        return ""
    start = lines[salutation][0]
    return text[start : start + int(_heads()["formula_window"])]


def opening_body(text: str, lines: list[tuple[int, int]]) -> str | None:
    """Who presents the report, from its opening formula (我代表国务院 → 国务院; 受…委托)."""
    head, salutation = head_lines(text, lines)
    opening = _opening(text, lines, salutation)
    for pattern in _heads()["formulas"]:
        found = re.search(pattern, opening)
        if found:
            return found.group("body")
    return None


def infer_year(text: str, lines: list[tuple[int, int]]) -> int | None:
    """The report year where its head states it (2017年…政府工作报告; ——2021年1月18日在…), else None."""
    head, _ = head_lines(text, lines)
    for s, e in head:
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
    """The region a document names in its head or its opening formula, else None (never a guess).

    The head (title, subtitle, byline: 湖南省衡阳市 → 衡阳市; 全国人民代表大会 … 国务院总理 →
    全国) is read first, then the presenting body of the opening formula (我代表国务院 → 全国;
    我代表江苏省人民政府 → 江苏省; 我代表市人民政府 names none). Body text is never read:
    a place name inside a word (隆重庆祝, 香港问题) must not become the region.
    """
    from mubiao.lang.regions import region_from_title, region_info

    head, _ = head_lines(text, lines)
    head_text = "\n".join(text[s:e] for s, e in head)
    found = region_from_title(head_text, lines=len(head)) if head else None
    if found:
        return found
    if "国务院" in head_text and REPORT_TITLE_RE.search(head_text):
        return "全国"
    for s, e in head:
        line = text[s:e]
        title = REPORT_TITLE_RE.search(line)
        if not title:
            continue
        before = YEAR_IN_TITLE_RE.sub("", line[: title.start()]).strip(" 　—-")
        names = REGION_RE.findall(before)
        if names:
            return names[-1]
    body = opening_body(text, lines)
    info = region_info(body) if body else None
    return info.name if info is not None else None


def infer_kind(text: str, lines: list[tuple[int, int]]) -> str:
    head = "\n".join(text[s:e] for s, e in lines[:10])
    if "解读" in head or any(MEASURE_RE.match(text[s:e]) or KEYWORD_RE.match(text[s:e]) for s, e in lines):
        return "interpretation"
    if "统计公报" in head:
        return "communique"
    if REPORT_TITLE_RE.search(head) or opening_body(text, lines):
        return "report"  # a report without a title still opens with 各位代表：我代表国务院…
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


BARE_HEADING_PUNCTUATION = re.compile(r"[。！？；：，,;:!?]")


def _role_of_heading(title: str, year: int | None = None) -> str:
    """Whether a part reviews the past or plans ahead, decided by its time words first.

    回顾/总结 review; otherwise the years the heading names (2026年主要工作 in a 2026
    report plans, 1994年国内工作 in 1995 reviews), then its plan period (十五五 ahead,
    十四五 behind a 2026 report), then its vocabulary.
    """
    data = years_data()
    if any(word in title for word in data["review_headings"]):
        return "review"
    years = heading_years(title)
    if year is not None and years:
        return "plan" if max(years) >= year else "review"
    period = plan_period(title)
    if period and year is not None:
        return "plan" if period[1] >= year else "review"
    if any(word in title for word in data["plan_headings"]):
        return "plan"
    return "other"


def _bare_part(line: str, kind: str) -> bool:
    """A part heading printed without its number: a short line of its own, no punctuation
    of a sentence, with the words of a part heading: a review (“十四五”时期工作回顾), or a
    plan with its time (2026年重点工作, 关于“十五五”规划); a bare 主要目标 is no part.
    """
    if kind == "interpretation":
        return False
    line = line.strip()
    if not 4 <= len(line) <= 40 or BARE_HEADING_PUNCTUATION.search(line) or REPORT_TITLE_RE.search(line):
        return False
    data = years_data()
    if any(word in line for word in data["review_headings"]):
        return True
    timed = bool(heading_years(line)) or plan_period(line) is not None or any(
        phrase in line for phrase in [*data["review_spans"], *data["review_last_year"], *data["goal_spans"]]
    )
    return timed and any(word in line for word in data["plan_headings"])


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
    first_paragraph = False  # the first paragraph of a part may say what the heading did not
    back = _back_matter_line(text, lines, kind)
    for index, (s, e) in enumerate(lines):
        line = text[s:e]
        if back is not None and index >= back:
            _back_matter(text, lines[index:], year, data, sections, open_sections, paragraphs)
            break
        if kind == "report" and back_matter.is_note(line):
            paragraphs.append(Paragraph(s, e, tuple(path), "aside", _lead(line), context))
            continue
        heading = _heading(line) or ((1, line.strip()) if _bare_part(line, kind) else None)
        if heading:
            level, title = heading
            _close(sections, open_sections, level, s)
            path = path[: level - 1] + [title]
            sections.append(Section(level, title, tuple(path), s, len(text)))
            open_sections.append(len(sections) - 1)
            if level == 1 and kind != "interpretation":
                # Reports go from the review to the plan: a part that says neither, after a
                # plan part, plans too (四、全面提升政府治理效能).
                own = _role_of_heading(title, year)
                role = "plan" if own == "other" and role == "plan" else own
                context = part_context = _part_context(title, role, year, data)
                first_paragraph = True
            paragraphs.append(Paragraph(s, e, tuple(path), role, title, context, is_heading=level == 1 or not _has_body(line)))
            if level == 1:
                continue
            # A run-in section heading carries its own text: fall through as a paragraph too.
        if role == "other" and kind == "report" and (first_paragraph or _looks_like_plan(line, year)):
            role = _role_of_opening(line, year, data)
            if role != "other":
                context = part_context = _part_context(line.strip()[:24], role, year, data)
                _learned(paragraphs, role, context)
        first_paragraph = False
        own_role, context = _paragraph_context(line, role, year, context, part_context, data)
        if goals_sentence is None and "主要预期目标" in line:
            goals_sentence = line[line.index("主要预期目标"):][:300]
        if not heading:
            paragraphs.append(Paragraph(s, e, tuple(path), own_role, _lead(line), context))
    _close(sections, open_sections, 0, len(text))
    return sections, paragraphs, goals_sentence


def _back_matter_line(text: str, lines: list[tuple[int, int]], kind: str) -> int | None:
    """The index of the line where a report's back matter begins (after its closing call), else None.

    Looked for from the last part heading before the first line that could open back matter
    (an appendix's own 一、 headings come after it); interpretations and other kinds have none."""
    if kind != "report":
        return None
    opener = next((i for i, (s, e) in enumerate(lines) if back_matter.starts_back_matter(text[s:e])), None)
    if opener is None:
        return None  # most reports: nothing to look for
    last_part = next((i for i in range(opener - 1, -1, -1) if _is_part(text[lines[i][0] : lines[i][1]], kind)), 0)
    return back_matter.back_matter_start(text, lines, last_part)


def _is_part(line: str, kind: str) -> bool:
    """A part heading, numbered (三、2026年重点工作) or bare (“十四五”时期工作回顾)."""
    return bool(PART_RE.match(line) and _heading(line)) or _bare_part(line, kind)


def _back_matter(
    text: str,
    lines: list[tuple[int, int]],
    year: int | None,
    data: dict,
    sections: list[Section],
    open_sections: list[int],
    paragraphs: list[Paragraph],
) -> None:
    """Outline the back matter: each appendix or glossary a part of its own.

    An appendix whose title plans the report's year (2026年十件民生实事, or 民生实事 with no
    year) lists that year's tasks with their quotas, which the GUIDE counts as targets: it is
    read as a plan part. Glossaries, notes, chrome and footers are "aside": background
    explanations of terms, never targets or results.
    """
    role, context, path = "aside", (None, None), ["附录"]
    awaiting_title = False
    for s, e in lines:
        line = text[s:e]
        stripped = line.strip()
        title = back_matter.appendix_title(line)
        if awaiting_title and not BARE_HEADING_PUNCTUATION.search(stripped) and len(stripped) <= 40:
            title, awaiting_title = stripped, False
        elif title is not None or back_matter.starts_back_matter(line) or back_matter.is_glossary(stripped[:8]) and len(stripped) <= 12:
            awaiting_title = title == ""
            title = title or stripped
        else:
            awaiting_title = False
            title = None
        if title is not None:
            role, context = _appendix_role(title, year, data)
            _close(sections, open_sections, 1, s)
            path = [title]
            sections.append(Section(1, title, tuple(path), s, len(text)))
            open_sections.append(len(sections) - 1)
            paragraphs.append(Paragraph(s, e, tuple(path), role, title, context, is_heading=True))
            continue
        heading = _heading(line)
        if heading and role != "aside":
            _close(sections, open_sections, 2, s)
            path = path[:1] + [heading[1]]
            sections.append(Section(2, heading[1], tuple(path), s, len(text)))
            open_sections.append(len(sections) - 1)
        if heading and not _has_body(line):
            paragraphs.append(Paragraph(s, e, tuple(path), role, heading[1], context, is_heading=True))
            continue
        own = "aside" if back_matter.is_note(line) else role
        paragraphs.append(Paragraph(s, e, tuple(path), own, _lead(line), context))


def _appendix_role(title: str, year: int | None, data: dict) -> tuple[str, tuple[int | None, int | None]]:
    """What an appendix is, from its title: a plan of its year (民生实事), a review, else aside."""
    if back_matter.is_glossary(title):
        return "aside", (None, None)
    role = _role_of_heading(title, year)
    if role == "other" and back_matter.plans_the_year(title):
        role = "plan"
    if role in ("plan", "review"):  # a review appendix (2025年民生实事完成情况) lists results
        return role, _part_context(title, role, year, data)
    return "aside", (None, None)


def _learned(paragraphs: list[Paragraph], role: str, years: tuple[int | None, int | None]) -> None:
    """Give the part's heading the role and years its first paragraph told."""
    for i in range(len(paragraphs) - 1, -1, -1):
        if paragraphs[i].is_heading and len(paragraphs[i].section) == 1:
            paragraphs[i] = replace(paragraphs[i], role=role, years=years)
            return


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
        years = heading_years(title)
        if year is not None and year in years and not any(y > year for y in years):
            return year, None  # “十五五”时期主要目标和2026年重点工作: mostly this year's work
        period = goal_period(title, year)
        if period:
            return period[1], period[0]
        for phrase, span in data["goal_spans"].items():
            if phrase in title and year is not None:
                return year + span - 1, year
        if years:
            return years[0], None
        return year, None
    if role == "review":
        if year is None:
            return None, None
        for phrase, span in review_spans().items():
            if phrase in title:
                return year - 1, year - span
        period = plan_period(title)
        if period and not heading_years(title):
            return period[1], period[0]
        return year - 1, None
    return (year, None) if year is not None else (None, None)


def annual_goals(line: str, year: int | None, data: dict) -> bool:
    """The annual targets paragraph (今年…主要预期目标是：, 2026年主要目标是): it sets this
    year's targets whatever the paragraph before said of the five-year plan."""
    head = line[:60]
    if not any(word in head for word in data["annual_goals"]):
        return False
    if any(word in head for word in data["this_year"]) or (year is not None and f"{year}年" in head):
        return True
    return goal_period(head, year) is None and "今后" not in head and "五年" not in head


def _paragraph_context(
    line: str,
    role: str,
    year: int | None,
    current: tuple[int | None, int | None],
    part: tuple[int | None, int | None],
    data: dict,
) -> tuple[str, tuple[int | None, int | None]]:
    """The role and years of a paragraph, from its opening words.

    In a review they hold until changed (过去五年… then 刚刚过去的2020年… with its
    sections); in a plan each paragraph starts again from its part's years, and a
    paragraph opening on a span behind the report (“十四五”时期…, 这五年…) reviews it.
    """
    if year is None:
        return role, current
    opening = line[:24]
    if role == "review":
        for phrase, span in review_spans().items():
            if phrase in opening:
                return role, (year - 1, year - span)
        behind = past_period(opening, year) if "五" in opening else None  # “十四五”时期… in 2026
        if behind:
            return role, (behind[1], behind[0])
        if any(phrase in opening for phrase in data["review_last_year"]) or f"{year - 1}年" in opening:
            return role, (year - 1, None)
        return role, current
    if role == "plan":
        if annual_goals(line, year, data):
            return role, (year, None)
        if opens_this_year(opening, year):
            return role, (year, None)
        if _opens_next_year(opening, year):
            return role, (year + 1, None)
        for phrase, span in data["goal_spans"].items():
            if phrase in opening:
                return role, (year + span - 1, year)
        period = goal_period(opening[:8], year)
        if period:
            return role, (period[1], period[0])
        behind = past_opening(opening[:12], year)
        if behind:
            return "review", behind
        return role, part
    return role, current


def _opens_next_year(opening: str, year: int) -> bool:
    """A plan paragraph of a report given at the end of its year (1981) that opens on the
    next one (１９８２年是…, 明年…) sets that year's plan."""
    return western_years(opening).lstrip(" 　").startswith((f"{year + 1}年", "明年"))


def _looks_like_plan(line: str, year: int | None) -> bool:
    if REPORT_TITLE_RE.search(line[:40]):
        return False  # the title (2026年某省政府工作报告) is no plan paragraph
    return "主要预期目标" in line or (year is not None and line.startswith(f"{year}年") and "工作" in line[:20])


def _role_of_opening(line: str, year: int | None, data: dict) -> str:
    """A part whose heading says neither review nor plan learns it from its first paragraph:
    过去一年/五年来/2025年是… open a review, 今年/主要预期目标 a plan."""
    opening = line.strip()[:24]
    if _looks_like_plan(line, year) or goal_period(opening[:12], year) or opens_this_year(opening, year):
        return "plan"
    if year is not None and (
        opening.startswith(f"{year - 1}年")
        or any(phrase in opening for phrase in data["review_last_year"])
        or any(phrase in opening for phrase in data["review_spans"])
    ):
        return "review"
    return "other"
