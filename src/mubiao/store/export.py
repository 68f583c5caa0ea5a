"""Writing tables out: table (terminal), jsonl, csv, xlsx, parquet, dta.

Files keep Chinese as UTF-8 everywhere: CSV files get a byte-order mark so
that Excel opens them right (CSV on standard output does not); Stata files
are version 118 (UTF-8 strings, column names of ≤ 32 ASCII characters, long
strings as strL). Parquet needs pyarrow.
"""

from __future__ import annotations

import inspect
import io
import json
import math
import re
import sys
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from mubiao.errors import ExportError

#: Names Stata (and pandas' writer) will not take as variable names.
_STATA_RESERVED = frozenset(
    "aggregate array boolean break byte case catch class colvector complex const continue default delegate delete do"
    " double else eltypedef end enum explicit export external float for friend function global goto if inline int"
    " local long NULL pragma protected quad rowvector short typedef typename virtual _all _N _skip _b _pi str# in"
    " _pred strL _coef _rc using _cons _se with _n".split()
)

FORMATS = ("table", "jsonl", "csv", "xlsx", "parquet", "dta")
BINARY = ("xlsx", "parquet", "dta")

#: Labels Stata shows for the record and document columns (≤ 80 characters).
STATA_LABELS = {
    "record_id": "record id in the mubiao store",
    "document_id": "document id in the mubiao store",
    "doc": "source file name",
    "region": "region of the report",
    "report_year": "year of the report",
    "doc_kind": "document kind: report, interpretation, communique, other",
    "quote": "clause holding the number",
    "kind": "target or achievement",
    "indicator": "what is measured, as written",
    "canonical": "standard indicator name",
    "value": "number as written",
    "value_max": "upper end of a range",
    "unit": "unit with its magnitude",
    "comparator": ">=, <=, ~, = or range",
    "measure": "level, growth or increment",
    "year": "year the number is about",
    "period_start": "first year of the span covered",
    "section": "section headings, outermost first",
    "start_char": "offset of the quote in the original text",
    "end_char": "end offset of the quote in the original text",
    "number_text": "the number as written in the text",
}


def write(frame: pd.DataFrame, fmt: str, output: str | Path | None = None, stdout: TextIO | None = None) -> None:
    """Write `frame` in format `fmt` to the file `output`, or to standard output."""
    if fmt not in FORMATS:
        raise ExportError(detail=f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt in BINARY and output is None:
        raise ExportError(detail=f"{fmt} is a binary format: give a file with -o FILE")
    stdout = stdout or sys.stdout
    if fmt in BINARY:
        assert output is not None
        {"xlsx": _xlsx, "parquet": _parquet, "dta": _dta}[fmt](frame, Path(output))
        return
    if output is not None:
        encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
        with open(output, "w", encoding=encoding, newline="") as handle:
            _text(frame, fmt, handle)
    else:
        _text(frame, fmt, stdout)


def jsonable(value: Any) -> Any:
    """A cell as JSON: missing → null, whole floats as integers, times as ISO text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return int(value) if value.is_integer() and abs(value) < 1e15 else value
    if hasattr(value, "item"):  # numpy scalars
        return jsonable(value.item())
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _text(frame: pd.DataFrame, fmt: str, handle: TextIO) -> None:
    if fmt == "jsonl":
        columns = list(frame.columns)
        for row in frame.itertuples(index=False, name=None):
            record = {c: jsonable(v) for c, v in zip(columns, row, strict=True)}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        frame.to_csv(handle, index=False, lineterminator="\n")
    else:
        _table(frame, handle)


def _table(frame: pd.DataFrame, handle: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for name in frame.columns:
        table.add_column(str(name), overflow="fold")
    for row in frame.itertuples(index=False, name=None):
        table.add_row(*("" if jsonable(v) is None else str(jsonable(v)) for v in row))
    width = None if handle.isatty() else 200  # piped: wide rather than cut at 80 columns
    Console(file=handle, width=width, soft_wrap=False).print(table)


def _xlsx(frame: pd.DataFrame, path: Path) -> None:
    out = frame.copy()
    for name in out.columns:
        if isinstance(out[name].dtype, pd.DatetimeTZDtype):
            out[name] = out[name].dt.tz_localize(None)  # Excel has no time zones
    out.to_excel(path, index=False, sheet_name="mubiao", engine="openpyxl")


def _parquet(frame: pd.DataFrame, path: Path) -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError as err:
        raise ExportError(detail="parquet needs pyarrow: pip install pyarrow") from err
    frame.to_parquet(path, index=False)


def _dta(frame: pd.DataFrame, path: Path) -> None:
    out = stata_frame(frame)
    long = [c for c in out.columns if out[c].dtype == object and out[c].map(lambda v: len(v.encode())).max() > 2000]
    labels = {c: STATA_LABELS[c] for c in out.columns if c in STATA_LABELS}
    strl = "convert_strl" if "convert_strl" in inspect.signature(out.to_stata).parameters else "convert_strL"
    out.to_stata(path, write_index=False, version=118, variable_labels=labels, **{strl: long})  # pandas 3 / 2


def stata_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy Stata accepts: ASCII names ≤ 32 characters, strings without gaps, floats for nullable ints."""
    out = pd.DataFrame(index=frame.index)
    seen: set[str] = set()
    for name in frame.columns:
        column = frame[name]
        if isinstance(column.dtype, pd.DatetimeTZDtype):
            column = column.dt.tz_localize(None)
        elif str(column.dtype) in ("Int64", "Int32", "boolean"):
            column = column.astype("float64")
        elif column.dtype == object or isinstance(column.dtype, pd.StringDtype):
            column = column.map(lambda v: "" if v is None or v is pd.NA or v != v else str(v)).astype(object)
        out[_stata_name(str(name), seen)] = column
    return out


def _stata_name(name: str, seen: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9_]", "_", name.encode("ascii", "ignore").decode()) or "var"
    if base[0].isdigit():
        base = "v" + base
    if base in _STATA_RESERVED:
        base += "_"
    base = base[:32]
    candidate, n = base, 1
    while candidate in seen:
        n += 1
        candidate = f"{base[: 32 - len(str(n)) - 1]}_{n}"
    seen.add(candidate)
    return candidate


def to_bytes(frame: pd.DataFrame, fmt: str) -> bytes:
    """The table written in `fmt`, as bytes (for the web server's downloads)."""
    if fmt in BINARY:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"out.{fmt}"
            write(frame, fmt, path)
            return path.read_bytes()
    buffer = io.StringIO()
    _text(frame, fmt, buffer)
    return buffer.getvalue().encode("utf-8")
