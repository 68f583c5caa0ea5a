"""Typed values passed between the pipeline stages.

`Record` is the unit of everything mubiao does: one number of a document that
states a target or an achievement, with the fields defined by the annotation
guide (kind, indicator, value, value_max, unit, comparator, measure, year,
period_start) plus where it stands (section path and character offsets).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal["target", "achievement"]
Comparator = Literal[">=", "<=", "~", "=", "range"]
Measure = Literal["level", "growth", "increment"]

#: The GUIDE's eleven fields, in the order they are written out.
GUIDE_FIELDS: tuple[str, ...] = (
    "doc",
    "quote",
    "kind",
    "indicator",
    "value",
    "value_max",
    "unit",
    "comparator",
    "measure",
    "year",
    "period_start",
)


@dataclass(frozen=True, slots=True)
class Record:
    """One quantitative record: a target or an achievement.

    `start`/`end` are offsets of the quote in the original (uncleaned) text of
    the document, so a reader can always find the words the record came from.
    """

    doc: str
    quote: str
    kind: Kind
    indicator: str
    value: float
    value_max: float | None
    unit: str
    comparator: Comparator
    measure: Measure
    year: int | None
    period_start: int | None
    section: tuple[str, ...] = ()
    start: int = -1
    end: int = -1
    region: str | None = None
    report_year: int | None = None
    number_text: str = ""
    #: The annual target the report sets in its targets list (主要预期目标): one per
    #: document, indicator and measure, the figure a comparison across regions uses.
    headline: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: the GUIDE's fields first, then the provenance."""
        data = asdict(self)
        data["section"] = list(self.section)
        data.pop("extra", None)
        data["value"] = _plain_number(self.value)
        data["value_max"] = None if self.value_max is None else _plain_number(self.value_max)
        ordered = {name: data.pop(name) for name in GUIDE_FIELDS}
        ordered.update(data)
        return ordered


def _plain_number(value: float) -> float | int:
    """Write 63.0 as 63 so output reads as the document wrote it."""
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else value


@dataclass(frozen=True, slots=True)
class Section:
    """A heading of the document and the span of cleaned text it governs."""

    level: int  # 1 = part (一、), 2 = section (（一）), 3 = 关键词, 4 = 【举措】
    title: str
    path: tuple[str, ...]
    start: int  # offsets in the cleaned text
    end: int


@dataclass(frozen=True, slots=True)
class Document:
    """A document after the whole pipeline: its text, structure and records."""

    name: str
    path: str | None
    format: str
    title: str | None
    region: str | None
    year: int | None
    kind: str  # "report" | "interpretation" | "communique" | "other"
    original: str
    text: str
    content_hash: str
    sections: tuple[Section, ...] = ()
    records: tuple[Record, ...] = ()
    folded: int = 0
