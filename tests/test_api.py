"""The Python API: records are immutable and typed; the DataFrame form holds the same."""

from __future__ import annotations

import dataclasses

import pytest

import mubiao

TEXT = "2021年某市政府工作报告\n三、2021年工作安排\n地区生产总值增长8.5%左右，新建义务教育学校63所。\n"


def test_api_extract_returns_immutable_records() -> None:
    records = mubiao.extract(TEXT)
    assert [type(r) for r in records] == [mubiao.Record, mubiao.Record]
    with pytest.raises(dataclasses.FrozenInstanceError):
        records[0].value = 9  # type: ignore[misc]


def test_api_extract_frame_matches_records() -> None:
    frame = mubiao.extract_frame(TEXT)
    records = mubiao.extract(TEXT)
    assert list(frame.columns[:11]) == ["doc", "quote", "kind", "indicator", "value", "value_max", "unit", "comparator", "measure", "year", "period_start"]
    assert frame["value"].tolist() == [r.value for r in records] == [8.5, 63]
    assert frame["measure"].tolist() == ["growth", "increment"]


def test_api_read_document_has_outline_and_hash() -> None:
    document = mubiao.read_document(TEXT)
    assert document.year == 2021 and document.kind == "report"
    assert [s.title[:2] for s in document.sections] == ["三、"]
    assert len(document.content_hash) == 64


def test_api_reads_a_one_line_text_too_long_to_be_a_file_name() -> None:
    # One line with a dot (8.5%) looks like a file name to the path check; past the
    # system's limit on name length, asking the file system about it raised OSError.
    line = "地区生产总值增长8.5%左右" * 20
    records = mubiao.extract(line)
    assert records and {r.value for r in records} == {8.5}
