"""Where a document states its plans: the annual-plan part, its sections, its measure paragraphs.

Reports put the year's work in one part (三、2021年工作安排) split into sections
（一）（二）…, each a run of paragraphs that open with a lead sentence (提升企业创新
能力。). Press interpretations put it under 关键词 headings and 【举措一】 measures.
Both the task list and the digest read the plan through these functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mubiao.digest.rules import rules
from mubiao.digest.source import Source
from mubiao.digest.text import marker_end, split_sentences
from mubiao.model import Section
from mubiao.structure import Paragraph


@dataclass(frozen=True, slots=True)
class PlanParagraph:
    """A paragraph that states plans: its body (marks removed) and its lead sentence."""

    paragraph: Paragraph
    body_start: int  # after 【举措一】/（一） marks
    lead_end: int  # end of the lead sentence (== body_start when there is none)
    section: tuple[str, ...]

    @property
    def start(self) -> int:
        return self.paragraph.start

    @property
    def end(self) -> int:
        return self.paragraph.end


def plan_paragraphs(source: Source) -> list[PlanParagraph]:
    """Paragraphs that may hold tasks: plan parts of a report, measures of an interpretation."""
    out = []
    interpretation = source.document.kind == "interpretation"
    for p in source.paragraphs:
        if not p.section or p.role != "plan":
            continue
        if p.is_heading and not _has_body_after_lead(source, p):
            continue
        if interpretation and not any(s.level == 2 and s.start <= p.start < s.end for s in source.structure.sections):
            continue
        out.append(_plan_paragraph(source, p))
    return out


def _has_body_after_lead(source: Source, p: Paragraph) -> bool:
    body = marker_end(source.text, p.start, p.end)
    sentences = split_sentences(source.text, body, p.end)
    return len(sentences) > 1


def _plan_paragraph(source: Source, p: Paragraph) -> PlanParagraph:
    body = marker_end(source.text, p.start, p.end)
    sentences = split_sentences(source.text, body, p.end)
    lead_end = sentences[0][1] if sentences else body
    return PlanParagraph(p, body, lead_end, p.section)


def lead_text(source: Source, item: PlanParagraph) -> str:
    """The lead sentence of a plan paragraph, as written."""
    return source.text[item.body_start:item.lead_end].strip()


def is_heading_sentence(text: str) -> bool:
    """A short sentence without inner punctuation (发展特色产业。): a run-in heading."""
    core = text.rstrip("。！？；”’")
    return len(core) <= rules().heading_sentence_max and not re.search(r"[，,；;：:]", core)


# --------------------------------------------------------------------------- the annual plan


def annual_plan_part(source: Source) -> Section | None:
    """The report's annual-plan part (三、2021年工作安排): the best-scoring level-1 plan part."""
    r = rules()
    year = source.document.year
    best: tuple[int, Section] | None = None
    for section in (s for s in source.structure.sections if s.level == 1):
        if _role_at(source, section.start) != "plan":
            continue
        title = section.title
        score = sum(2 for w in r.plan_plus if w in title) - sum(2 for w in r.plan_minus if w in title)
        if year is not None and f"{year}年" in title:
            score += r.year_bonus
        if _subsections(source, section):
            score += 1
        if best is None or score > best[0]:
            best = (score, section)
    return best[1] if best else None


def _role_at(source: Source, offset: int) -> str:
    for p in source.paragraphs:
        if p.start == offset:
            return p.role
    return "other"


def _subsections(source: Source, part: Section) -> list[Section]:
    return [s for s in source.structure.sections if s.level == 2 and part.start <= s.start < part.end]


def plan_sections(source: Source) -> list[Section]:
    """The （一）（二）… sections of the annual-plan part, in order (empty when it has none)."""
    part = annual_plan_part(source)
    return _subsections(source, part) if part else []


def goal_paragraph(source: Source, item: PlanParagraph) -> bool:
    """Does the paragraph state the period's main goals (主要预期目标是：…)?"""
    head = source.match_text[item.body_start:min(item.end, item.body_start + 40)]
    return any(word in head for word in rules().goal_leads)
