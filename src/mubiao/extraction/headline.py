"""Headline targets: the annual targets a report sets in its targets list (主要预期目标).

A work report states the year's main targets once, in one sentence that opens
with 主要预期目标是 (or 主要目标是, 预期目标为, an older 宏观调控目标…) and runs
through the list; the same indicators come back later in the report as tasks,
reviews and five-year goals. A comparison across regions needs that one figure
per region, so the first annual target of each indicator and measure inside
the list is marked `headline`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

from mubiao.lang.datafiles import load_yaml
from mubiao.model import Record
from mubiao.structure import Paragraph

SENTENCE_END = "。！？"
NUMBER_HINT = re.compile(r"[\d０-９〇一二两三四五六七八九十百]")


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_yaml("headline.yaml")


@lru_cache(maxsize=1)
def _cue_pattern() -> re.Pattern[str]:
    cues = sorted(_data()["list_cues"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, cues)))


def targets_spans(text: str, paragraphs: Sequence[Paragraph]) -> list[tuple[int, int]]:
    """Spans of `text` (cleaned offsets) holding the year's targets list.

    A span runs from the cue to the end of its paragraph, or on into the next
    paragraphs (at most `carry_paragraphs`) while no number has come yet. A cue
    after a plan period's words in the same sentence (“十五五”时期…主要目标是)
    opens that period's goals and is skipped.
    """
    data = _data()
    spans: list[tuple[int, int]] = []
    body = [p for p in paragraphs if not (p.is_heading and p.end - p.start <= len(p.lead))]
    for i, paragraph in enumerate(body):
        line = text[paragraph.start : paragraph.end]
        for found in _cue_pattern().finditer(line):
            if _names_a_period(line, found.start(), data["period_words"]):
                continue
            start, end = paragraph.start + found.start(), paragraph.end
            carried = 0
            while not NUMBER_HINT.search(text[found.end() + paragraph.start : end]) and carried < data["carry_paragraphs"]:
                carried += 1
                if i + carried >= len(body):
                    break
                end = body[i + carried].end
            spans.append((start, end))
            break
    return spans


def _names_a_period(line: str, at: int, words: Iterable[str]) -> bool:
    """Whether the sentence before the cue speaks of a plan period (十五五时期, 今后五年)."""
    begin = at
    while begin > 0 and line[begin - 1] not in SENTENCE_END:
        begin -= 1
    before = line[begin:at]
    return any(word in before for word in words)


def mark_headlines(records: list[Record], in_list: Iterable[int], report_year: int | None) -> list[Record]:
    """`records` with the headline targets marked.

    `in_list` are the indexes of records whose clause stands in a targets
    list. Of those, an annual target of the report's year (no 年均 span) is
    the headline of its indicator and measure, the first one found.
    """
    if report_year is None:
        return records
    from mubiao.lang.vocabulary import canonical, fold  # the indicator vocabulary decides "same indicator"

    out = list(records)
    seen: set[tuple[str, str]] = set()
    for i in sorted(set(in_list)):
        record = out[i]
        if record.kind != "target" or record.year != report_year or record.period_start is not None:
            continue
        name = canonical(record.indicator) or "raw:" + fold(record.indicator)
        if not record.indicator or (name, record.measure) in seen:
            continue
        seen.add((name, record.measure))
        out[i] = replace(record, headline=True)
    return out
