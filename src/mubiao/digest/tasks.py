"""Qualitative tasks: each clause of a plan that commits to something, with its verb and deadline.

A work report's plan is a list of commitments (加快…建设, 确保…, 年内建成…). Each
clause of a plan paragraph (cut at 。！？；) that holds a commitment verb becomes a
`Task`: its verb, its object, its deadline where stated, the section it stands in,
the measure (paragraph lead) it belongs to, and the quantitative records inside it.
This is what a government office splits into a 任务分解表.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from mubiao.lang.years import find_periods
from mubiao.digest.plan import (
    PlanParagraph,
    is_heading_sentence,
    lead_text,
    plan_paragraphs,
)
from mubiao.digest.rules import rules
from mubiao.digest.source import Source, open_source
from mubiao.digest.text import CLAUSE_END, SENTENCE_END, split_sentences
from mubiao.model import Document, Record

OBJECT_MAX = 40
LEAD_MAX = 30  # a lead sentence this short is the heading of its measure


@dataclass(frozen=True, slots=True)
class Task:
    """One commitment of a plan: a clause with its verb, object, deadline and records."""

    doc: str
    index: int  # 1-based, in text order: the 序号 of the task table
    section: tuple[str, ...]
    measure: str  # lead sentence of the paragraph (the 举措 the task belongs to)
    verb: str
    object: str
    sentence: str
    deadline: str | None  # as stated (到2025年, 年内, 上半年); None when not stated
    year: int | None  # the deadline's year, else the year the paragraph speaks of
    records: tuple[Record, ...] = ()
    start: int = -1  # offsets in the cleaned text
    end: int = -1

    @property
    def targets(self) -> str:
        """The quantified targets inside the task, one per line (量化目标)."""
        return "\n".join(record_label(r) for r in self.records)

    @property
    def time_limit(self) -> str:
        """The 时限 column: the deadline as stated, else the year."""
        if self.deadline:
            return self.deadline
        return f"{self.year}年" if self.year else ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; records as their own dicts."""
        return {
            "doc": self.doc,
            "index": self.index,
            "section": list(self.section),
            "measure": self.measure,
            "verb": self.verb,
            "object": self.object,
            "sentence": self.sentence,
            "deadline": self.deadline,
            "year": self.year,
            "targets": [r.to_dict() for r in self.records],
            "start": self.start,
            "end": self.end,
        }


def record_label(record: Record) -> str:
    """A record as a short phrase: 地区生产总值 增长8.5%左右."""
    return f"{record.indicator} {target_text(record)}".strip()


def target_text(record: Record) -> str:
    """The target of a record in words: 增长8.5%左右, 1200家以上, 2—3个."""
    value = _num(record.value)
    if record.value_max is not None:
        value = f"{value}—{_num(record.value_max)}"
    verb = "增长" if record.measure == "growth" else ""
    if record.measure == "growth" and record.value < 0:
        verb, value = "下降", value.lstrip("-")
    suffix = {">=": "以上", "<=": "以内", "~": "左右"}.get(record.comparator, "")
    return f"{verb}{value}{record.unit}{suffix}"


def _num(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else str(value)


def extract_tasks(
    doc: Source | Document | str | os.PathLike[str] | int, *, db: str | None = None
) -> list[Task]:
    """The tasks of a document (path, text, `Document`, `Source` or stored id), in text order."""
    source = open_source(doc, db=db)
    tasks: list[Task] = []
    for item in plan_paragraphs(source):
        tasks.extend(_paragraph_tasks(source, item, len(tasks)))
    return tasks


def _paragraph_tasks(source: Source, item: PlanParagraph, before: int) -> list[Task]:
    text, match = source.text, source.match_text
    measure = lead_text(source, item)
    sentences = split_sentences(text, item.body_start, item.end, SENTENCE_END)
    if len(sentences) > 1 and len(measure) <= LEAD_MAX and not source.records_in(*sentences[0]):
        sentences = sentences[1:]  # the lead heads the measure; its tasks are the sentences after it
    out: list[Task] = []
    for s_start, s_end in sentences:
        for start, end in split_sentences(text, s_start, s_end, CLAUSE_END):
            clause = match[start:end]
            records = tuple(r for r, _ in source.records_in(start, end))
            found = commitment(clause, quantified=any(r.kind == "target" for r in records))
            if found is None:
                continue
            verb, obj = found
            deadline, year = _deadline(match[start:end], match[s_start:s_end], source, item)
            if is_heading_sentence(clause) and not (records or deadline or verb in rules().strong_verbs):
                continue  # a run-in heading (发展特色产业。), not a task of its own
            out.append(Task(
                doc=source.document.name, index=before + len(out) + 1, section=item.section, measure=measure,
                verb=verb, object=text[start:end][obj[0]:obj[1]], sentence=text[start:end], deadline=deadline,
                year=year, records=records, start=start, end=end,
            ))
    return out


def commitment(clause: str, quantified: bool = False) -> tuple[str, tuple[int, int]] | None:
    """(verb, object span within the clause) when the clause commits to something, else None.

    A clause holding a quantified target always commits (主要预期目标是：…增长8.5%左右);
    its verb may then be empty and its object is what follows a colon.
    """
    r = rules()
    if not quantified and r.not_commitment_re.search(clause):
        return None
    colon = max(clause.find("："), clause.find(":")) + 1 if quantified else 0
    opener = r.opener_re.match(clause, colon)
    found = r.verb_re.search(clause, opener.end() if opener else colon)
    if found is None:
        if not quantified:
            return None
        start = colon
        for pattern in r.deadline_res:  # 到2025年，… : the object starts after the deadline
            lead = pattern.match(clause, start)
            if lead:
                start = lead.end()
                break
        start += len(clause[start:]) - len(clause[start:].lstrip("，,、 "))
        end = len(clause.rstrip("。！？；;，, "))
        return "", (start, min(end, start + OBJECT_MAX))
    start = found.end()
    stop = re.search(r"[，,；;。！？：:]", clause[start:])
    end = start + (stop.start() if stop else len(clause) - start)
    end = min(end, start + OBJECT_MAX)
    return found.group(0), (start, end)


def is_run_in_heading(sentence: str) -> bool:
    """A short sentence that heads what follows (发展特色产业。), not a task of its own.

    Short sentences with a strong verb or a deadline (上半年启动南门大桥前期工作。) are tasks.
    """
    if not is_heading_sentence(sentence):
        return False
    found = commitment(sentence)
    strong = found is not None and found[0] in rules().strong_verbs
    return not strong and not any(p.search(sentence) for p in rules().deadline_res)


def is_commitment(sentence: str) -> bool:
    """Does the sentence commit to something (in any clause), being no framing as a whole?"""
    if rules().not_commitment_re.search(sentence):
        return False
    return any(commitment(sentence[s:e]) for s, e in split_sentences(sentence, 0, len(sentence), CLAUSE_END + "，,"))


def _deadline(clause: str, sentence: str, source: Source, item: PlanParagraph) -> tuple[str | None, int | None]:
    """The deadline stated in the clause (else its sentence), and the year it names."""
    year = source.document.year
    for where in (clause, sentence):
        for pattern in rules().deadline_res:
            found = pattern.search(where)
            if found:
                return found.group(0), _deadline_year(found, year)
    return None, item.paragraph.years[0]


def _deadline_year(found: re.Match[str], report_year: int | None) -> int | None:
    if "year" in found.re.groupindex and found.group("year"):
        return int(found.group("year"))
    text = found.group(0)
    for _at, _end, _first, last in find_periods(text):
        return int(last)
    if "五年" in text and report_year:
        return report_year + 4
    return report_year
