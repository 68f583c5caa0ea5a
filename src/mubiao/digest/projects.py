"""Named projects of a plan (比亚迪智能制造产业园, 大浦通用机场) and the status words around them.

A report names its projects by genre: a proper name followed by a kind of work
(…产业园, …工程, …机场, …铁路, …中心, …项目). A candidate runs back from such a
suffix to the nearest break (，、等…) and starts after the last verb inside it
(加快建设…, cut at jieba word boundaries so 保障性 stays whole). Generic phrases
(重点项目, 一批工程技术研究中心) are dropped; what is left counts when it holds a
proper noun (jieba: place, person, brand) or letters and digits (S337), or when its
clause gives it a concrete status (建成影剧艺术中心). The status is read in the
clause that names it (建成投产, 开工建设, 前期工作, 加快建设…). Word lists: data/tasks.yaml.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from mubiao.digest.plan import plan_paragraphs
from mubiao.digest.rules import Rules, rules
from mubiao.digest.source import Source, open_source
from mubiao.digest.text import CLAUSE_END, split_sentences
from mubiao.model import Document

NUMERAL_HEAD = re.compile(r"^(?:[零〇一二两三四五六七八九十百千万\d]+[期批个座条所家项大]?$|\d|[一二两三四五六七八九十百千]+[个家座条所项批])")


@dataclass(frozen=True, slots=True)
class Project:
    """A named project: its name, kind (suffix), status words, and where it is named."""

    doc: str
    name: str
    kind: str  # the suffix that makes it a project: 产业园, 机场, 工程…
    status: str | None  # 建成投产, 开工建设, 前期工作, 加快建设…; None when no status word is near
    section: tuple[str, ...]
    sentence: str  # the clause that names it
    year: int | None
    start: int = -1  # offsets of the name in the cleaned text
    end: int = -1

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "name": self.name,
            "kind": self.kind,
            "status": self.status,
            "section": list(self.section),
            "sentence": self.sentence,
            "year": self.year,
            "start": self.start,
            "end": self.end,
        }


def extract_projects(
    doc: Source | Document | str | os.PathLike[str] | int, *, db: str | None = None
) -> list[Project]:
    """The named projects of a document's plan, first mention each, in text order."""
    source = open_source(doc, db=db)
    seen: set[str] = set()
    out: list[Project] = []
    for item in plan_paragraphs(source):
        for start, end in split_sentences(source.text, item.body_start, item.end, CLAUSE_END + "，,"):
            status = status_of(source.match_text[start:end])
            for name_start, name_end, kind in find_names(source.match_text, start, end, status):
                name = source.text[name_start:name_end]
                if name in seen:
                    continue
                seen.add(name)
                out.append(Project(
                    doc=source.document.name, name=name, kind=kind, status=status, section=item.section,
                    sentence=source.text[start:end], year=item.paragraph.years[0],
                    start=name_start, end=name_end,
                ))
    return out


def find_names(text: str, start: int, end: int, status: str | None = None) -> list[tuple[int, int, str]]:
    """(start, end, suffix) of every project name in text[start:end] (a clause with `status`)."""
    r = rules()
    found: list[tuple[int, int, str]] = []
    for m in r.project_suffix_re.finditer(text, start, end):
        if not _ends_name(text, m.end(), end, r):
            continue
        left = _left_edge(text, start, m.start(), r)
        name_start, tags = _after_cutters(text, left, m.end(), r)
        name = text[name_start:m.end()]
        concrete = status in r.concrete_statuses
        if _is_named(name, m.group(0), r) and (concrete or tags & r.proper_tags or re.search(r"[A-Za-z\d]", name)):
            if found and found[-1][1] > name_start:  # 机场 inside …机场站坪扩建工程: keep the longer
                found.pop()
            found.append((name_start, m.end(), m.group(0)))
    return found


def _ends_name(text: str, at: int, end: int, r: Rules) -> bool:
    if at >= end or text[at] in r.project_breaks or text[at] in "。；;，,":
        return True
    return r.project_follow_re.match(text, at) is not None


def _left_edge(text: str, start: int, suffix_start: int, r: Rules) -> int:
    i = suffix_start
    while i > start and suffix_start - i < r.project_name_max and text[i - 1] not in r.project_breaks:
        i -= 1
    return i


def _after_cutters(text: str, left: int, end: int, r: Rules) -> tuple[int, set[str]]:
    """Where the name starts (after the last verb or connector) and the tags of its words.

    A cutter word counts where it starts or ends on a word boundary, unless it
    only begins a noun (保障 in 保障性): jieba's words keep names whole.
    """
    words = _words(text[left:end])
    spans, pos = [], left
    for word, tag in words:
        spans.append((pos, pos + len(word), tag))
        pos += len(word)
    bounds = {s for s, _e, _t in spans} | {e for _s, e, _t in spans}
    begin = left
    for m in r.project_cutter_re.finditer(text, left, end):
        if m.end() >= end or not (m.start() in bounds or m.end() in bounds):
            continue
        inside = next((t for s, e, t in spans if s < m.end() < e), None)
        if inside is not None and inside.startswith("n"):
            continue
        begin = max(begin, m.end())
    return begin, {t for s, e, t in spans if e > begin}


@lru_cache(maxsize=4096)
def _words(text: str) -> list[tuple[str, str]]:
    """jieba's words and part-of-speech tags (its dictionary loads once, quietly)."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return [(w.word, w.flag) for w in jieba.posseg.cut(text)]


def _is_named(name: str, suffix: str, r: Rules) -> bool:
    """A proper name, not a genre word: long enough, not generic, not a numeral head."""
    head = name[: len(name) - len(suffix)]
    if len(name) < r.project_name_min or len(head) < 2 or name in r.generic_names:
        return False
    if NUMERAL_HEAD.match(head) or any(head.startswith(g) for g in r.generic_heads):
        return False
    return bool(re.search(r"[\u4e00-\u9fffA-Za-z]", head))


def status_of(clause: str) -> str | None:
    """The first status of data/tasks.yaml whose words all occur, in order, in the clause."""
    for status in rules().statuses:
        pos = 0
        for word in status.words:
            pos = clause.find(word, pos)
            if pos < 0:
                break
            pos += len(word)
        else:
            return status.status
    return None
