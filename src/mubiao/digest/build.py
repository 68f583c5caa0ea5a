"""Build a 目标篇 digest: title, lead, 关键词 with their 【举措】, goals and a table of targets.

For a report the 关键词 are the sections （一）（二）… of the annual-plan part (or,
where it has none, its paragraphs); each paragraph of a section is a 【举措】 headed
by its lead sentence, its body condensed to the sentences that commit to something,
quantified targets in bold. Targets said elsewhere (the 主要预期目标, the 十四五
goals) go to a 主要目标 block, so that every target of the document is shown in
bold next to its sentence. For a press interpretation the digest keeps the
document's own 关键词 and 【举措】.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

from mubiao.lang.datafiles import load_yaml
from mubiao.digest.plan import (
    PlanParagraph,
    annual_plan_part,
    goal_paragraph,
    lead_text,
    plan_paragraphs,
    plan_sections,
)
from mubiao.digest.source import Source, open_source
from mubiao.digest.tasks import extract_tasks, is_commitment, is_run_in_heading
from mubiao.digest.text import (
    Run,
    marker_end,
    plain,
    runs,
    split_sentences,
    strip_marker,
)
from mubiao.digest.themes import keyword_theme, theme
from mubiao.model import Document, Record, Section

CN_NUMBERS = "一二三四五六七八九十"
BOLD_TRIM = "，,。；;、：:“”‘’（）()《》 "


@dataclass(frozen=True, slots=True)
class Measure:
    """A 【举措】: its heading (a lead sentence) and its condensed body."""

    heading: str
    body: tuple[Run, ...] = ()


@dataclass(frozen=True, slots=True)
class Keyword:
    """A 关键词: its theme, the heading it comes from, and its measures."""

    theme: str
    source: str
    measures: tuple[Measure, ...] = ()


@dataclass(frozen=True, slots=True)
class Digest:
    """A 目标篇 digest of one document, ready for any renderer."""

    doc: str
    kind: str
    title: str
    lead: str
    goals: tuple[tuple[Run, ...], ...]
    keywords: tuple[Keyword, ...]
    targets: tuple[Record, ...]
    words: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def measure_title(self, number: int, measure: Measure) -> str:
        """【举措一】heading: the text of a measure's heading line."""
        if re.match(r"^【举措", measure.heading):
            return measure.heading
        return self.words["measure"].format(number=cn_number(number), heading=measure.heading)

    def keyword_title(self, keyword: Keyword) -> str:
        return self.words["keyword"].format(theme=keyword.theme)


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十 (for 【举措N】 numbering)."""
    if n <= 10:
        return CN_NUMBERS[n - 1]
    tens, ones = divmod(n, 10)
    return (CN_NUMBERS[tens - 1] if tens > 1 else "") + "十" + (CN_NUMBERS[ones - 1] if ones else "")


def words() -> dict[str, Any]:
    """The digest's own wording (titles, lead template) from data/tasks.yaml."""
    return dict(load_yaml("tasks.yaml")["digest"])


def build_digest(doc: Source | Document | str | os.PathLike[str] | int, *, db: str | None = None) -> Digest:
    """The digest of a document: a report's plan in 关键词/【举措】 form, or an interpretation's own."""
    source = open_source(doc, db=db)
    if source.document.kind == "interpretation":
        return _interpretation_digest(source)
    return _report_digest(source)


# --------------------------------------------------------------------------- reports


def _report_digest(source: Source) -> Digest:
    w = words()
    items = plan_paragraphs(source)
    sections = plan_sections(source)
    shown: set[int] = set()  # ids of target records already bold in a measure
    if sections:
        keywords = [_section_keyword(source, s, items, shown) for s in sections]
    else:
        keywords = _paragraph_keywords(source, items, shown)
    targets = tuple(r for r in source.document.records if r.kind == "target")
    goals = _goal_blocks(source, shown)
    n_tasks = len(extract_tasks(source))
    lead = _report_lead(source, sections, n_tasks, len(targets), w)
    return Digest(source.document.name, source.document.kind, _title(source, w), lead, tuple(goals),
                  tuple(keywords), targets, w)


def _title(source: Source, w: dict[str, Any]) -> str:
    doc = source.document
    return _fill(w["title"], year=doc.year, region=doc.region)


def _fill(template: str, **values: object) -> str:
    """Fill a template; a missing year or region drops out with its 年."""
    if values.get("year") is None:
        template = template.replace("{year}年", "")
    values = {k: ("" if v is None else v) for k, v in values.items()}
    return template.format(**values)


def _report_lead(source: Source, sections: list[Section], n_tasks: int, n_targets: int, w: dict[str, Any]) -> str:
    doc = source.document
    if not sections:
        return _fill(w["lead_no_sections"], year=doc.year, region=doc.region, tasks=n_tasks, targets=n_targets)
    clauses = [re.split(r"[，,。；;]", strip_marker(s.title))[0] for s in sections]
    return _fill(w["lead"], themes="，".join(clauses), year=doc.year, region=doc.region,
                 sections=len(sections), tasks=n_tasks, targets=n_targets)


def _section_keyword(source: Source, section: Section, items: list[PlanParagraph], shown: set[int]) -> Keyword:
    inside = [it for it in items if section.start <= it.start < section.end]
    measures = [m for it in inside if (m := _measure(source, it, shown)) is not None]
    return Keyword(theme(section.title), section.title, tuple(measures))


def _paragraph_keywords(source: Source, items: list[PlanParagraph], shown: set[int]) -> list[Keyword]:
    """A plan part without （一） sections: each paragraph is a 关键词 of its own."""
    part = annual_plan_part(source)
    chosen = [it for it in items if part is None or part.start <= it.start < part.end]
    keywords = []
    for it in chosen:
        if goal_paragraph(source, it):
            continue
        measure = _measure(source, it, shown)
        if measure is not None:
            keywords.append(Keyword(theme(lead_text(source, it)), lead_text(source, it), (measure,)))
    return keywords


def _measure(source: Source, item: PlanParagraph, shown: set[int]) -> Measure | None:
    """A paragraph as a 【举措】: lead as heading, commitments as body, targets bold."""
    text = source.text
    lead = lead_text(source, item)
    lead_targets = source.records_in(item.body_start, item.lead_end, "target")
    short = len(lead) <= words()["heading_max_chars"] and not lead_targets
    heading = lead if short else _first_clause(lead)
    body_start = item.lead_end if short else item.body_start
    pieces: list[Run] = []
    for start, end in split_sentences(text, body_start, item.end):
        targets = source.records_in(start, end, "target")
        sentence = source.match_text[start:end]
        if not targets and (is_run_in_heading(sentence) or not is_commitment(sentence)):
            continue
        shown.update(id(r) for r, _ in targets)
        pieces.extend(runs(text, start, end, [_trim(text, s) for _, s in targets]))
    if not pieces and not is_commitment(source.match_text[item.body_start:item.lead_end]):
        return None
    return Measure(heading, tuple(_join(pieces)))


def _first_clause(lead: str) -> str:
    found = re.search(r"[，,；;：:]", lead)
    return (lead[: found.start()] + "。") if found else lead


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A bold span without punctuation at its ends (Markdown needs ** next to a letter)."""
    s, e = span
    while s < e and text[s] in BOLD_TRIM:
        s += 1
    while e > s and text[e - 1] in BOLD_TRIM:
        e -= 1
    return s, e


def _join(pieces: list[Run]) -> list[Run]:
    """Adjacent runs of the same weight merged."""
    out: list[Run] = []
    for piece in pieces:
        if out and out[-1].bold == piece.bold:
            out[-1] = Run(out[-1].text + piece.text, piece.bold)
        else:
            out.append(piece)
    return out


def _goal_blocks(source: Source, shown: set[int]) -> list[tuple[Run, ...]]:
    """Targets not shown in a measure, sentence by sentence, grouped by paragraph in text order."""
    blocks: list[tuple[Run, ...]] = []
    text = source.text
    for p in source.paragraphs:
        targets = [(r, s) for r, s in source.records_in(p.start, p.end, "target") if id(r) not in shown]
        if not targets:
            continue
        body = marker_end(text, p.start, p.end)
        pieces: list[Run] = []
        sentences = split_sentences(text, body, p.end)
        lead = sentences[0] if sentences else None
        if lead and len(text[lead[0]:lead[1]]) <= words()["heading_max_chars"] and not source.records_in(*lead, "target"):
            pieces.append(Run(text[lead[0]:lead[1]]))
        for start, end in sentences:
            inside = [s for r, s in targets if start <= s[0] < end]
            if inside:
                pieces.extend(runs(text, start, end, [_trim(text, s) for s in inside]))
        shown.update(id(r) for r, _ in targets)
        blocks.append(tuple(_join(pieces)))
    return blocks


# --------------------------------------------------------------------------- interpretations


def _interpretation_digest(source: Source) -> Digest:
    w = words()
    doc = source.document
    text = source.text
    keywords = []
    for kw in (s for s in source.structure.sections if s.level == 1):
        measures = []
        for sec in (s for s in source.structure.sections if s.level == 2 and kw.start <= s.start < kw.end):
            measures.append(_interpretation_measure(source, sec))
        keywords.append(Keyword(keyword_theme(kw.title), kw.title, tuple(measures)))
    first = min((s.start for s in source.structure.sections), default=len(text))
    targets = tuple(r for r in doc.records if r.kind == "target")
    title = doc.title or _title(source, w)
    return Digest(doc.name, doc.kind, title, _interpretation_lead(source, first), (), tuple(keywords), targets, w)


def _interpretation_measure(source: Source, section: Section) -> Measure:
    """An interpretation's own 【举措N】: its full lead as heading, the rest of its text as body."""
    text = source.text
    marker = re.match(r"【举措[^】]*】", text[section.start:section.end])
    head_start = section.start + (marker.end() if marker else 0)
    sentences = split_sentences(text, head_start, section.end)
    lead_end = sentences[0][1] if sentences else head_start
    heading = (marker.group(0) if marker else "") + text[head_start:lead_end].strip()
    pieces: list[Run] = []
    for start, end in split_sentences(text, lead_end, section.end):
        targets = source.records_in(start, end, "target")
        pieces.extend(runs(text, start, end, [_trim(text, s) for _, s in targets]))
    return Measure(heading.split("\n")[0], tuple(_join([Run(p.text.replace("\n", ""), p.bold) for p in pieces])))


def _interpretation_lead(source: Source, first: int) -> str:
    """The interpretation's own lead: its longest paragraph before the first 关键词."""
    best = ""
    for p in source.paragraphs:
        if p.start >= first:
            break
        line = source.text[p.start:p.end].strip()
        if len(line) > len(best) and len(line) >= 40:
            best = line
    return best


def digest_text(digest: Digest) -> str:
    """All the text of a digest, without emphasis (for search and tests)."""
    parts = [digest.title, digest.lead]
    parts += [plain(block) for block in digest.goals]
    for kw in digest.keywords:
        parts.append(digest.keyword_title(kw))
        for n, m in enumerate(kw.measures, 1):
            parts += [digest.measure_title(n, m), plain(m.body)]
    return "\n".join(parts)
