"""The 任务分解表 as XLSX, CSV and DOCX: columns, frozen header, widths, wrapped text."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from docx import Document as open_docx
from openpyxl import load_workbook

from mubiao.digest import COLUMNS, extract_tasks, write_task_table

from .conftest import SAMPLES, source_of

EXPECTED = ["序号", "章节", "任务", "量化目标", "时限", "责任单位", "进展"]


@pytest.fixture(scope="module")
def tasks():
    return extract_tasks(source_of(SAMPLES["2021"]))


def test_table_columns() -> None:
    assert list(COLUMNS) == EXPECTED


def test_table_xlsx_header_freeze_widths_wrap(tasks, tmp_path: Path) -> None:
    path = write_task_table(tasks, tmp_path / "t.xlsx")
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]] == EXPECTED
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    widths = {k: sheet.column_dimensions[k].width for k in "ABCDEFG"}
    assert widths["C"] >= 50 and widths["A"] <= 8 and all(w >= 6 for w in widths.values())
    assert sheet.max_row == len(tasks) + 1
    assert all(cell.alignment.wrap_text for row in sheet.iter_rows(min_row=2, max_row=20) for cell in row)
    targets = [row[3].value for row in sheet.iter_rows(min_row=2) if row[3].value]
    assert any("8.5%" in t for t in targets)
    assert all(row[5].value in (None, "") and row[6].value in (None, "") for row in sheet.iter_rows(min_row=2))


def test_table_csv_rows(tasks, tmp_path: Path) -> None:
    path = write_task_table(tasks, tmp_path / "t.csv")
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == EXPECTED and len(rows) == len(tasks) + 1
    assert rows[1][0] == "1" and rows[1][2] == tasks[0].sentence


def test_table_docx_header_row(tasks, tmp_path: Path) -> None:
    doc = open_docx(str(write_task_table(tasks, tmp_path / "t.docx")))
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == EXPECTED
    assert len(table.rows) == len(tasks) + 1
    assert table.rows[0]._tr.trPr is not None  # header repeated on each page


def test_table_time_limit_and_section(tasks) -> None:
    with_deadline = [t for t in tasks if t.deadline]
    assert with_deadline and all(t.time_limit == t.deadline for t in with_deadline)
    assert all(t.time_limit for t in tasks if t.year)
