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

__all__ = ["Document", "Record", "Section", "extract", "extract_frame", "panel", "read_document", "records_frame"]
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


def panel(
    indicator: str,
    db: str | None = None,
    *,
    first: int | None = None,
    last: int | None = None,
    level: str | None = None,
    measure: str | None = None,
    wide: bool = False,
) -> "pandas.DataFrame":
    """Region × year table of one indicator's headline targets in a store, as a DataFrame.

        >>> mubiao.panel("地区生产总值", "mubiao.db", first=1992, last=2006, level="province")

    Long: one row per region-year (value, value_max, comparator, outcome,
    verdict, gap to the national target…); `wide=True`: one row per region,
    columns value_1992, outcome_1992, … `db` is a file path or URL (default
    $MUBIAO_DB or ~/.local/share/mubiao/mubiao.db).
    """
    from mubiao.store import Store
    from mubiao.track import service
    from mubiao.track.comparison import long_frame, wide_frame

    with Store(db) as store:
        rows = service.panel(store, indicator, first=first, last=last, level=level, measure=measure)
    return wide_frame(rows) if wide else long_frame(rows)


def extract_frame(path_or_text: str | os.PathLike[str], region: str | None = None, year: int | None = None) -> "pandas.DataFrame":
    """`extract` as a pandas DataFrame."""
    return records_frame(extract(path_or_text, region=region, year=year))
