"""`pipeline.read` hands back what it built, so later stages do not clean and outline a text again."""

from __future__ import annotations

from mubiao.digest.source import from_reading
from mubiao.pipeline import read, read_document

TEXT = "2021年衡阳市政府工作报告\n一、2021年工作安排\n全市地区生产总值增长7%左右，新建学校 12 所。\n"


def test_pipeline_read_keeps_cleaned_text_and_structure() -> None:
    reading = read(TEXT, region="衡阳市")
    assert reading.document == read_document(TEXT, region="衡阳市")
    assert reading.cleaned.text == reading.document.text
    assert reading.structure.sections == reading.document.sections
    assert reading.structure.paragraphs  # what Document does not keep


def test_pipeline_digest_source_uses_what_the_pipeline_built() -> None:
    reading = read(TEXT, region="衡阳市")
    source = from_reading(reading)
    assert source.cleaned is reading.cleaned and source.structure is reading.structure
    for record, (start, end) in zip(reading.document.records, source.record_spans, strict=True):
        assert source.text[start:end].replace(" ", "") == record.quote.replace(" ", "")
