"""A document's text cut into paragraphs and marked segments, for the document page.

Records carry offsets in the original text; the page shows the cleaned text
(where the sections' offsets are), so each record's span is mapped through
the cleaning's offset map (`digest.source`, the digest stage's own mapping).
The text is cut at every record start and end and at every line break: each
piece knows which records cover it, and the template escapes every piece, so
no text of a document is ever markup.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field
from typing import Any

from mubiao.model import Section


@dataclass(slots=True)
class Segment:
    """A piece of a paragraph and the ids of the records that cover it."""

    text: str
    records: tuple[int, ...] = ()
    kind: str = ""  # "target", "achievement" or "both" when marked
    #: records that start here: the page gives each an anchor (#r{id}), so a link lands on the passage
    starts: tuple[int, ...] = ()


@dataclass(slots=True)
class Paragraph:
    """One line of the text: its segments, and the section it heads (if it is a heading)."""

    segments: list[Segment]
    start: int
    heading: Section | None = None
    anchors: list[str] = field(default_factory=list)


@dataclass(slots=True)
class OutlineItem:
    level: int
    title: str
    anchor: str


def paragraphs(
    text: str,
    spans: list[tuple[int, int, int, str]],
    sections: list[Section] | tuple[Section, ...] = (),
) -> tuple[list[Paragraph], list[OutlineItem]]:
    """Cut `text` into paragraphs of marked segments; `spans` are (start, end, record id, kind).

    Returns the paragraphs and the outline (one anchor per section, on the
    paragraph where the section starts).
    """
    good = [(a, b, rid, kind) for a, b, rid, kind in spans if 0 <= a < b <= len(text)]
    cuts = {0, len(text)}
    for a, b, _, _ in good:
        cuts.update((a, b))
    pos = text.find("\n")
    while pos >= 0:
        cuts.update((pos, pos + 1))
        pos = text.find("\n", pos + 1)
    points = sorted(cuts)
    starts = sorted(good)
    out: list[Paragraph] = []
    current = Paragraph([], 0)
    for a, b in itertools.pairwise(points):
        piece = text[a:b]
        if piece == "\n":
            out.append(current)
            current = Paragraph([], b)
            continue
        covering = [(rid, kind) for s, e, rid, kind in starts[: bisect.bisect_right(starts, (a, 10**12))] if s <= a and e >= b]
        kinds = {k for _, k in covering}
        mark = "" if not covering else (kinds.pop() if len(kinds) == 1 else "both")
        current.segments.append(Segment(piece, tuple(r for r, _ in covering), mark))
    out.append(current)
    seen: set[int] = set()
    for para in out:
        for seg in para.segments:
            new = tuple(r for r in seg.records if r not in seen)
            if new:
                seg.starts = new
                seen.update(new)
    outline = _outline(out, list(sections), text)
    return [p for p in out if p.segments or p.anchors], outline


def _outline(paras: list[Paragraph], sections: list[Section], text: str) -> list[OutlineItem]:
    starts = [p.start for p in paras]
    items = []
    for n, sec in enumerate(sections):
        index = max(0, bisect.bisect_right(starts, sec.start) - 1)
        anchor = f"s{n + 1}"
        para = paras[index]
        para.anchors.append(anchor)
        line = "".join(seg.text for seg in para.segments).strip()
        if para.heading is None and line and (line == sec.title.strip() or line.startswith(sec.title.strip()[:30])):
            para.heading = sec
        items.append(OutlineItem(sec.level, sec.title, anchor))
    return items


def mapped_spans(records: list[dict[str, Any]], cleaned_spans: tuple[tuple[int, int], ...]) -> list[tuple[int, int, int, str]]:
    """(start, end, record id, kind) in the cleaned text, from records in document order and their mapped spans."""
    return [
        (a, b, int(r["record_id"]), str(r["kind"]))
        for r, (a, b) in zip(records, cleaned_spans)
        if a >= 0 and b > a
    ]


def original_spans(records: list[dict[str, Any]]) -> list[tuple[int, int, int, str]]:
    """(start, end, record id, kind) at the records' own offsets, in the original text."""
    return [(int(r["start_char"]), int(r["end_char"]), int(r["record_id"]), str(r["kind"])) for r in records]
