"""The 任务分解表: one row per task, ready for an office to assign and follow up.

Columns: 序号, 章节, 任务 (the measure as written), 量化目标 (the records inside
it), 时限 (the deadline as stated, else the year), 责任单位 and 进展 (left empty,
for the office to fill). Written by `mubiao.export` as CSV, XLSX (frozen header,
widths, wrapped text) or DOCX (a landscape table with a header row repeated on
each page).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from mubiao.digest.tasks import Task
from mubiao.export import Options, rows_frame, to_bytes, write

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


def task_frame(tasks: Sequence[Task]) -> pd.DataFrame:
    """The table as a frame of COLUMNS (序号 a number), for any format of `mubiao.export`."""
    return rows_frame([[int(row[0]), *row[1:]] for row in task_rows(tasks)], COLUMNS)


def to_csv(tasks: Sequence[Task]) -> str:
    """The table as CSV text (UTF-8 with a header row)."""
    return to_bytes(task_frame(tasks), "csv").decode("utf-8")


def write_table(tasks: Sequence[Task], path: str | os.PathLike[str], fmt: str, title: str = "任务分解表") -> Path:
    """The table as csv (with a byte-order mark for Excel), xlsx (frozen header, widths, wrapped text, filters)
    or docx (landscape, header row repeated on each page)."""
    write(task_frame(tasks), fmt, path, options=_options(fmt, title))
    return Path(path)


def table_bytes(tasks: Sequence[Task], fmt: str, title: str = "任务分解表") -> bytes:
    """The table as the bytes of a csv (with its byte-order mark), xlsx or docx file (web downloads)."""
    return to_bytes(task_frame(tasks), fmt, _options(fmt, title), bom=fmt == "csv")


def _options(fmt: str, title: str) -> Options:
    return Options(title=title, widths={"xlsx": XLSX_WIDTHS, "docx": DOCX_WIDTHS}.get(fmt, ()), landscape=True)
