"""mubiao 目标: the quantified promises of Chinese government work reports.

    >>> import mubiao
    >>> records = mubiao.extract("2021年湖南省衡阳市人民政府工作报告.txt")
    >>> frame = mubiao.extract_frame("report.pdf", region="衡阳市", year=2021)

The pipeline runs load → clean → structure → extract; each stage is a module
of its own (`mubiao.load`, `mubiao.clean`, `mubiao.structure`, `mubiao.extract`).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from mubiao.model import Document, Record, Section

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["Document", "Record", "Section", "extract", "extract_frame", "read_document", "records_frame"]
__version__ = "0.1.0"


def read_document(source: str | os.PathLike[str], region: str | None = None, year: int | None = None, kind: str | None = None) -> Document:
    """The whole pipeline on one document: its cleaned text, outline and records."""
    from mubiao.pipeline import read_document as _read

    return _read(source, region=region, year=year, kind=kind)


def extract(path_or_text: str | os.PathLike[str], region: str | None = None, year: int | None = None) -> list[Record]:
    """The quantitative records of a file, or of a text given as a string."""
    return list(read_document(path_or_text, region=region, year=year).records)


def records_frame(records: list[Record]) -> "pandas.DataFrame":
    """Records as a pandas DataFrame, one row per record, the GUIDE's columns first."""
    import pandas

    from mubiao.model import GUIDE_FIELDS

    rows = [r.to_dict() for r in records]
    columns = list(GUIDE_FIELDS) + ["section", "start", "end", "region", "report_year", "number_text", "headline"]
    return pandas.DataFrame(rows, columns=columns)


def extract_frame(path_or_text: str | os.PathLike[str], region: str | None = None, year: int | None = None) -> "pandas.DataFrame":
    """`extract` as a pandas DataFrame."""
    return records_frame(extract(path_or_text, region=region, year=year))
