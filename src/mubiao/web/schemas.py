"""The JSON API's response models: what /openapi.json describes and /docs shows."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Error(BaseModel):
    detail: Any = Field(description="What went wrong (a message, or FastAPI's list of invalid parameters).")
    code: str | None = Field(None, description="mubiao's error code (E1xx loading, E2xx store, E4xx tracking).")


class RecordOut(BaseModel):
    """A target (目标) or an achievement (完成情况), with where it stands."""

    record_id: int
    document_id: int
    doc: str = Field(description="Source file name.")
    region: str | None
    report_year: int | None
    doc_kind: str = Field(description="report, interpretation, communique or other.")
    quote: str = Field(description="The clause holding the number.")
    kind: str = Field(description="target (目标) or achievement (完成情况).")
    indicator: str = Field(description="What is measured, as written.")
    canonical: str | None = Field(description="Standard indicator name, once tracked.")
    value: float
    value_max: float | None = Field(description="Upper end of a range.")
    unit: str
    comparator: str = Field(description=">=, <=, ~, = or range.")
    measure: str = Field(description="level, growth or increment.")
    year: int | None = Field(description="Year the number is about.")
    period_start: int | None
    section: list[str] = Field(description="Section headings, outermost first.")
    start_char: int = Field(description="Offset of the quote in the original text.")
    end_char: int
    number_text: str


class RecordPage(BaseModel):
    page: int
    per_page: int
    total: int = Field(description="Matching records (at most the count cap).")
    total_is_lower_bound: bool = Field(description="True when more records match than the count cap.")
    pages: int
    items: list[RecordOut]


class DocumentOut(BaseModel):
    document_id: int
    name: str
    title: str | None
    region: str | None
    report_year: int | None
    kind: str
    format: str
    version: int
    n_records: int
    n_sections: int
    n_chars: int
    ingested_at: str | None
    source: str | None = None  # where the document came from, as the user gave it (--source)


class DocumentPage(BaseModel):
    page: int
    per_page: int
    total: int
    total_is_lower_bound: bool
    pages: int
    items: list[DocumentOut]


class SectionOut(BaseModel):
    level: int = Field(description="1 part (一、), 2 section (（一）), 3 关键词, 4 【举措】.")
    title: str
    path: list[str]
    start: int = Field(description="Offset in the cleaned text.")
    end: int


class DocumentDetail(BaseModel):
    document: DocumentOut
    sections: list[SectionOut]
    records: list[RecordOut]
    links: dict[str, str] = Field(description="Page and downloads of this document.")


class DocumentText(BaseModel):
    document_id: int
    original: bool = Field(description="True: the text as loaded (records' offsets); False: the cleaned text.")
    text: str


class Run(BaseModel):
    text: str
    bold: bool


class MeasureOut(BaseModel):
    title: str
    body: list[Run]


class KeywordOut(BaseModel):
    title: str
    theme: str
    measures: list[MeasureOut]


class DigestOut(BaseModel):
    """The 目标篇 digest of a document."""

    doc: str
    kind: str
    title: str
    lead: str
    goals_title: str
    goals: list[list[Run]]
    keywords: list[KeywordOut]
    targets_title: str
    target_columns: list[str]
    targets: list[list[str]]


class TasksOut(BaseModel):
    """The 任务分解表 of a document."""

    columns: list[str]
    rows: list[list[str]]
    tasks: list[dict[str, Any]]


class RegionOut(BaseModel):
    region: str
    level: str | None
    parent: str | None
    code: str | None
    documents: int
    first_year: int | None
    last_year: int | None
    records: int | None


class VerdictOut(BaseModel):
    """The verdict (判定) on one target; its id is the target record's id."""

    id: int
    record_id: int
    document_id: int
    report_year: int | None
    region: str | None
    indicator: str
    canonical: str | None
    target_doc: str
    target_quote: str
    target_year: int | None
    comparator: str
    value: float
    value_max: float | None
    unit: str
    measure: str
    verdict: str = Field(description="met, missed, on track, off track, pending, awaiting report or no data.")
    outcome_doc: str | None
    outcome_quote: str | None
    outcome_value: float | None
    outcome_unit: str | None
    outcome_year: int | None
    reason: str
    outcome_estimate: bool = Field(default=False, description="The outcome is an estimate (预计数), not the final figure.")
    outcome_record_id: int | None = None
    outcome_document_id: int | None = None


class VerdictPage(BaseModel):
    page: int
    per_page: int
    total: int
    pages: int
    items: list[VerdictOut]


class Summary(BaseModel):
    total: dict[str, int] = Field(description="Targets per verdict.")
    regions: dict[str, dict[str, int]] = Field(description="The same, per region.")


class Overview(BaseModel):
    counts: dict[str, int]
    regions: list[RegionOut]
    latest: list[DocumentOut]


class IndicatorOut(BaseModel):
    canonical: str
    targets: int
    outcomes: int
    verdicts: dict[str, int]


class Point(BaseModel):
    year: int | None
    value: float
    value_max: float | None
    unit: str
    measure: str
    comparator: str
    verdict: str | None
    quote: str
    doc: str
    report_year: int | None
    period_start: int | None
    indicator: str
    reason: str
    manual: bool
    canonical: str | None
    record_id: int | None
    document_id: int | None


class Series(BaseModel):
    """One region's targets (with verdicts) and outcomes of one canonical indicator."""

    region: str
    canonical: str
    n_targets: int = Field(description="Targets of this indicator in all (the list keeps the latest `limit`).")
    n_outcomes: int = Field(description="Outcomes in all (the list keeps the latest `limit`).")
    targets: list[Point]
    outcomes: list[Point]


class ChangeOut(BaseModel):
    region: str | None
    indicator: str
    canonical: str | None
    measure: str
    horizon: str
    change: str = Field(description="raised, lowered, unchanged, new or dropped.")
    doc_a: str | None
    quote_a: str | None
    year_a: int | None
    comparator_a: str | None
    value_a: float | None
    value_max_a: float | None
    unit_a: str | None
    doc_b: str | None
    quote_b: str | None
    year_b: int | None
    comparator_b: str | None
    value_b: float | None
    value_max_b: float | None
    unit_b: str | None
    reason: str


class JudgedOut(BaseModel):
    record_id: int
    verdict: str
    verdict_url: str


class HitRecordOut(BaseModel):
    record_id: int
    kind: str
    indicator: str
    canonical: str | None
    number_text: str
    url: str = Field(description="The record marked in its document's text (/documents/ID#rRECORD).")
    verdict: str | None = Field(description="A target's verdict, when its region's verdicts are computed already.")
    verdict_url: str | None = Field(description="A target's verdict page (/verdicts/RECORD); none for an outcome.")
    judged: list[JudgedOut] = Field(description="For an outcome: the targets whose verdicts rest on it.")


class HitOut(BaseModel):
    document_id: int
    document: str
    title: str | None
    region: str | None
    year: int | None
    kind: str
    source: str | None = Field(description="Where the document came from, as the user gave it.")
    section_id: int | None
    section: list[str]
    passage_id: int
    start: int
    end: int
    snippet: str
    marks: list[list[int]] = Field(description="(start, end) of the matched terms in the snippet.")
    highlighted: str = Field(description="The snippet with <mark> around matches; the snippet itself is NOT escaped.")
    score: float
    records: list[HitRecordOut] = Field(description="The records extracted from this passage, with their links.")


class SearchOut(BaseModel):
    query: str
    page: int
    per_page: int
    hits: list[HitOut]
    more: bool


class UploadOut(BaseModel):
    name: str
    status: str = Field(description="ingested, updated (a new version) or unchanged.")
    document_id: int | None
    version: int | None
    records: int
