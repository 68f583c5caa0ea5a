"""Sentences, heading marks and bold runs over the cleaned text (all offsets absolute).

A digest is made of pieces of the document's own text: these helpers cut them
(sentence by sentence) and mark the spans of quantified targets as bold, so
that every renderer (Markdown, HTML, DOCX) writes the same emphasis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SENTENCE_END = "。！？!?"
CLAUSE_END = "。！？!?；;"
CLOSERS = "”’」』）)》】"
#: Marks that open a paragraph and are not part of its text: 【举措一】, （一）, 一、, 1.
MARKER_RE = re.compile(r"\s*(?:【举措[零〇一二两三四五六七八九十\d]+】|[（(][零〇一二两三四五六七八九十\d]{1,3}[)）]|"
                       r"[零〇一二两三四五六七八九十]{1,3}[、．.]|\d{1,2}[、．.](?!\d)|[—―－-]{1,2})\s*")


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of text, bold or not."""

    text: str
    bold: bool = False


def split_sentences(text: str, start: int, end: int, marks: str = SENTENCE_END) -> list[tuple[int, int]]:
    """Spans of the sentences of text[start:end], ending after their mark and any closing quotes."""
    spans: list[tuple[int, int]] = []
    i = begin = start
    while i < end:
        if text[i] in marks:
            j = i + 1
            while j < end and text[j] in CLOSERS:
                j += 1
            _push(text, spans, begin, j)
            begin = i = j
            continue
        i += 1
    _push(text, spans, begin, end)
    return spans


def _push(text: str, spans: list[tuple[int, int]], begin: int, end: int) -> None:
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    if end > begin:
        spans.append((begin, end))


def strip_marker(text: str) -> str:
    """A heading or paragraph without its opening mark."""
    found = MARKER_RE.match(text)
    return text[found.end():].strip() if found else text.strip()


def marker_end(text: str, start: int, end: int) -> int:
    """The offset just after a paragraph's opening mark (【举措一】, （一）…), else `start`."""
    found = MARKER_RE.match(text, start, end)
    return found.end() if found else start


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans merged, in order."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def runs(text: str, start: int, end: int, bold: list[tuple[int, int]]) -> list[Run]:
    """text[start:end] as runs, the parts inside `bold` spans marked bold."""
    out: list[Run] = []
    pos = start
    for s, e in merge_spans([(max(s, start), min(e, end)) for s, e in bold if s < end and e > start]):
        if s > pos:
            out.append(Run(text[pos:s]))
        out.append(Run(text[s:e], True))
        pos = e
    if pos < end:
        out.append(Run(text[pos:end]))
    return out


def plain(items: list[Run] | tuple[Run, ...]) -> str:
    """The text of runs without emphasis."""
    return "".join(r.text for r in items)
