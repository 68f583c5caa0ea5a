"""The 任务分解表: one row per task, ready for an office to assign and follow up.

Columns: 序号, 章节, 任务 (the measure as written), 量化目标 (the records inside
it), 时限 (the deadline as stated, else the year), 责任单位 and 进展 (left empty,
for the office to fill). Written as CSV, XLSX (frozen header, widths, wrapped
text) or DOCX (a landscape table with a header row repeated on each page).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from pathlib import Path

from mubiao.digest.tasks import Task

COLUMNS = ("序号", "章节", "任务", "量化目标", "时限", "责任单位", "进展")
#: XLSX column widths (characters; a Chinese character counts about 2).
XLSX_WIDTHS = (6, 28, 70, 34, 12, 16, 16)
#: DOCX column widths (cm, landscape A4).
DOCX_WIDTHS = (1.2, 4.0, 10.5, 5.0, 2.0, 1.8, 1.8)


def section_label(task: Task) -> str:
    """The 章节 column: the section path below the part (（一）… › lead), or the part."""
    path = [p for p in task.section if p]
    parts = path[1:] if len(path) > 1 else path
    label = " › ".join(parts)
    if task.measure and task.measure not in label:
        label = f"{label} › {task.measure}" if label else task.measure
    return label


def task_rows(tasks: Sequence[Task]) -> list[list[str]]:
    """The table's rows, strings only, in the order of COLUMNS."""
    return [[str(t.index), section_label(t), t.sentence, t.targets, t.time_limit, "", ""] for t in tasks]


def to_csv(tasks: Sequence[Task]) -> str:
    """The table as CSV text (UTF-8 with a header row)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(task_rows(tasks))
    return out.getvalue()


def write_csv(tasks: Sequence[Task], path: str | os.PathLike[str]) -> Path:
    """CSV with a byte-order mark, so that Excel opens the Chinese text correctly."""
    target = Path(path)
    target.write_text(to_csv(tasks), encoding="utf-8-sig")
    return target


def write_xlsx(tasks: Sequence[Task], path: str | os.PathLike[str], title: str = "任务分解表") -> Path:
    """An XLSX sheet: bold shaded header, frozen below it, set widths, wrapped text, filters."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(list(COLUMNS))
    for row in task_rows(tasks):
        sheet.append([int(row[0]), *row[1:]])
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = border
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
            cell.border = border
    for index, width in enumerate(XLSX_WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    target = Path(path)
    book.save(str(target))
    return target


def write_docx(tasks: Sequence[Task], path: str | os.PathLike[str], title: str = "任务分解表") -> Path:
    """A landscape Word document: a title and the table with a repeated header row."""
    from mubiao.digest.word import add_table, new_doc

    doc = new_doc(landscape=True)
    doc.add_heading(title, level=0)
    add_table(doc, COLUMNS, task_rows(tasks), DOCX_WIDTHS)
    target = Path(path)
    doc.save(str(target))
    return target
