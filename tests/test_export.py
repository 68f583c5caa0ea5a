"""The one export path: formats as a registry, cells guarded against formula injection, strict JSON."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pytest
from openpyxl import load_workbook

from mubiao.export import REGISTRY, Format, Options, guard_cell, register_format, rows_frame, to_bytes, write

ROWS = [
    {"quote": "=1+2 是公式", "indicator": "+GDP", "unit": "@单位", "value": 3, "value_max": math.nan, "comparator": "="},
    {"quote": "-3%", "indicator": "\tTAB", "unit": "亿元", "value": -2.5, "value_max": math.inf, "comparator": ">="},
]
COLUMNS = list(ROWS[0])


@pytest.mark.parametrize(
    ("cell", "shown"),
    [("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+1", "'+1"), ("-1+1", "'-1+1"), ("@SUM(A1)", "'@SUM(A1)"),
     ("\tx", "'\tx"), ("\rx", "'\rx"), ("地区生产总值", "地区生产总值"), ("=", "="), (-3, -3), (2.5, 2.5), (None, None)],
)
def test_export_guard_cell(cell: object, shown: object) -> None:
    assert guard_cell(cell) == shown


def test_export_csv_cells_starting_with_formula_characters_are_guarded() -> None:
    text = to_bytes(rows_frame(ROWS, COLUMNS), "csv").decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["quote"] == "'=1+2 是公式" and rows[0]["indicator"] == "'+GDP" and rows[0]["unit"] == "'@单位"
    assert rows[1]["quote"] == "'-3%" and rows[1]["indicator"] == "'\tTAB"
    assert rows[0]["value"] == "3" and rows[1]["value"] == "-2.5"  # numbers stay numbers
    assert rows[0]["comparator"] == "="  # a lone = is the comparator code, no formula


def test_export_xlsx_cells_starting_with_formula_characters_are_guarded(tmp_path: Path) -> None:
    path = tmp_path / "records.xlsx"
    write(rows_frame(ROWS, COLUMNS), "xlsx", path)
    sheet = load_workbook(path).active
    first = [c.value for c in sheet[2]]
    assert first[0] == "'=1+2 是公式" and first[1] == "'+GDP"
    assert sheet.cell(2, 1).data_type == "s"  # text, not a formula
    assert sheet.cell(2, 4).value == 3 and sheet.cell(3, 4).value == -2.5


def test_export_json_is_strict_nan_and_infinity_are_null() -> None:
    for fmt in ("jsonl", "json"):
        text = to_bytes(rows_frame(ROWS, COLUMNS), fmt).decode("utf-8")
        assert "NaN" not in text and "Infinity" not in text
        parsed = [json.loads(line) for line in text.splitlines()] if fmt == "jsonl" else json.loads(text)
        assert [row["value_max"] for row in parsed] == [None, None]
        assert parsed[0]["quote"] == "=1+2 是公式"  # JSON is data, not a spreadsheet: left as it is


def test_export_registry_a_new_format_is_one_function() -> None:
    def render(frame, handle, options: Options) -> None:  # type: ignore[no-untyped-def]
        handle.write("|".join(frame.columns))

    register_format(Format("pipes", "txt", "text/plain", False, render))
    try:
        assert to_bytes(rows_frame(ROWS, COLUMNS), "pipes") == "|".join(COLUMNS).encode()
    finally:
        REGISTRY.pop("pipes")


def test_export_docx_writes_a_table(tmp_path: Path) -> None:
    from docx import Document

    path = tmp_path / "t.docx"
    write(rows_frame(ROWS, COLUMNS), "docx", path, options=Options(title="表"))
    table = Document(str(path)).tables[0]
    assert [c.text for c in table.rows[0].cells] == COLUMNS
