"""Every table mubiao writes out, in one place: a registry of formats.

Records, documents, verdicts, task tables: every command and page hands a
table (a pandas DataFrame) and a format name to `write` or `to_bytes`, and the
format's renderer does the rest; a new format is one `register_format` call
and every command and page gets it (datasette's output renderers work alike).

Formats: table (terminal), jsonl, json, csv, xlsx, parquet, dta, docx.

- Files keep Chinese as UTF-8: CSV files get a byte-order mark so that Excel
  opens them right (CSV on standard output does not).
- Spreadsheet cells are guarded against formula injection as OWASP advises:
  a text cell beginning with = + - @ TAB or CR gets a leading apostrophe in
  CSV and XLSX (numbers stay numbers; a lone "=", the comparator code, is no
  formula), so a quote such as "=1+2" is shown, never run.
- JSON is strict: NaN and infinities are written as null (allow_nan=False).
- Stata files are version 118 (UTF-8 strings, column names of ≤ 32 ASCII
  characters, long strings as strL). Parquet needs pyarrow.
"""

from __future__ import annotations

import inspect
import io
import json
import math
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
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


@dataclass(frozen=True, slots=True)
class Options:
    """What a caller may ask of a renderer besides the table: a title, column widths, a header row."""

    title: str | None = None
    widths: Sequence[float] = ()  # xlsx: characters; docx: cm
    header: bool = True  # csv and table: write the header row (off for a stream's later parts)
    landscape: bool = False  # docx


@dataclass(frozen=True, slots=True)
class Format:
    """One output format: how to render a table into a text or binary file."""

    name: str
    suffix: str
    media_type: str
    binary: bool
    render: Callable[[pd.DataFrame, Any, Options], None] = field(repr=False)


#: The formats every command and page can write, by name.
REGISTRY: dict[str, Format] = {}


def register_format(fmt: Format) -> Format:
    """Add a format (or replace one of the same name)."""
    REGISTRY[fmt.name] = fmt
    return fmt


def get_format(name: str) -> Format:
    """The registered format `name`; raises ExportError naming the known ones."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise ExportError(detail=f"unknown format {name!r}: use one of {', '.join(REGISTRY)}") from None


def write(
    frame: pd.DataFrame,
    fmt: str,
    output: str | Path | None = None,
    stdout: TextIO | None = None,
    options: Options | None = None,
) -> None:
    """Write `frame` in format `fmt` to the file `output`, or to standard output (text formats)."""
    spec = get_format(fmt)
    options = options or Options()
    if spec.binary:
        if output is None:
            raise ExportError(detail=f"{fmt} is a binary format: give a file with -o FILE")
        with open(output, "wb") as handle:
            spec.render(frame, handle, options)
        return
    if output is not None:
        encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
        with open(output, "w", encoding=encoding, newline="") as handle:
            spec.render(frame, handle, options)
    else:
        spec.render(frame, stdout or sys.stdout, options)


def to_bytes(frame: pd.DataFrame, fmt: str, options: Options | None = None, *, bom: bool = False) -> bytes:
    """The table written in `fmt`, as bytes (web downloads); `bom` puts a UTF-8 byte-order mark before text."""
    spec = get_format(fmt)
    options = options or Options()
    if spec.binary:
        buffer = io.BytesIO()
        spec.render(frame, buffer, options)
        return buffer.getvalue()
    text = io.StringIO()
    spec.render(frame, text, options)
    return ("\ufeff" if bom else "").encode("utf-8") + text.getvalue().encode("utf-8")


def rows_frame(rows: Sequence[dict[str, Any]] | Sequence[Sequence[Any]], columns: Sequence[str]) -> pd.DataFrame:
    """A table of Python values kept as they are (15 stays 15, not 15.0), for any format."""
    listed = [[row[c] for c in columns] if isinstance(row, dict) else list(row) for row in rows]
    return pd.DataFrame(
        {name: pd.Series([row[i] for row in listed], dtype=object) for i, name in enumerate(columns)},
        columns=list(columns),
    )


#: What a spreadsheet cell must not begin with, or it is read as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard_cell(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, with a leading apostrophe; other values as they are.

    A cell of one character (the comparator code "=", a "-" for nothing) holds no formula and is left as it is.
    """
    if isinstance(value, str) and len(value) > 1 and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def guarded(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells are guarded (`guard_cell`); numeric columns are left alone."""
    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if column.dtype == object:
            out[name] = pd.Series([guard_cell(v) for v in column], index=column.index, dtype=object)
        elif isinstance(column.dtype, pd.StringDtype):
            out[name] = column.map(guard_cell)
    out.columns = [guard_cell(str(c)) for c in out.columns]
    return out


def jsonable(value: Any) -> Any:
    """A cell as JSON: missing → null, whole floats as integers, times as ISO text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float):
        if not math.isfinite(value):  # NaN and infinities: strict JSON has no word for them
            return None
        return int(value) if value.is_integer() and abs(value) < 1e15 else value
    if hasattr(value, "item"):  # numpy scalars
        return jsonable(value.item())
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def json_line(row: dict[str, Any]) -> str:
    """One JSON object on one line, strict (no NaN), Chinese as is."""
    return json.dumps({key: jsonable(value) for key, value in row.items()}, ensure_ascii=False, allow_nan=False)


def _dicts(frame: pd.DataFrame) -> list[dict[str, Any]]:
    columns = [str(c) for c in frame.columns]
    return [dict(zip(columns, row, strict=True)) for row in frame.itertuples(index=False, name=None)]


def _jsonl(frame: pd.DataFrame, handle: TextIO, options: Options) -> None:
    for row in _dicts(frame):
        handle.write(json_line(row) + "\n")


def _json(frame: pd.DataFrame, handle: TextIO, options: Options) -> None:
    rows = [{key: jsonable(value) for key, value in row.items()} for row in _dicts(frame)]
    json.dump(rows, handle, ensure_ascii=False, allow_nan=False, indent=1)
    handle.write("\n")


def _csv(frame: pd.DataFrame, handle: TextIO, options: Options) -> None:
    guarded(frame).to_csv(handle, index=False, header=options.header, lineterminator="\n")


def _table(frame: pd.DataFrame, handle: TextIO, options: Options) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold", title=options.title)
    for name in frame.columns:
        table.add_column(str(name), overflow="fold")
    for row in frame.itertuples(index=False, name=None):
        table.add_row(*("" if jsonable(v) is None else str(jsonable(v)) for v in row))
    width = None if handle.isatty() else 200  # piped: wide rather than cut at 80 columns
    Console(file=handle, width=width, soft_wrap=False).print(table)


def _xlsx(frame: pd.DataFrame, handle: Any, options: Options) -> None:
    """One sheet: bold shaded header frozen above the rows, filters, wrapped text where widths are given."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    out = guarded(frame)
    book = Workbook()
    sheet = book.active
    sheet.title = (options.title or "mubiao")[:31]
    sheet.append(list(out.columns))
    for row in out.itertuples(index=False, name=None):
        sheet.append([_xlsx_cell(value) for value in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    if options.widths:  # a table meant to be printed and filled in (任务分解表)
        thin = Side(style="thin", color="999999")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        for cell in sheet[1]:
            cell.fill = PatternFill("solid", fgColor="DDDDDD")
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
            cell.border = border
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                cell.border = border
        for index, width in enumerate(options.widths, 1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.print_title_rows = "1:1"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    book.save(handle)


def _xlsx_cell(value: Any) -> Any:
    """A cell as openpyxl takes it: missing → empty, numpy scalars as Python, times without a zone (Excel has none)."""
    if value is pd.NaT:
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return jsonable(value)


def _parquet(frame: pd.DataFrame, handle: Any, options: Options) -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError as err:
        raise ExportError(detail="parquet needs pyarrow: pip install pyarrow") from err
    frame.to_parquet(handle, index=False)


def _dta(frame: pd.DataFrame, handle: Any, options: Options) -> None:
    out = stata_frame(frame)
    long = [c for c in out.columns if out[c].dtype == object and out[c].map(lambda v: len(v.encode())).max() > 2000]
    labels = {c: STATA_LABELS[c] for c in out.columns if c in STATA_LABELS}
    strl = "convert_strl" if "convert_strl" in inspect.signature(out.to_stata).parameters else "convert_strL"
    out.to_stata(handle, write_index=False, version=118, variable_labels=labels, **{strl: long})  # pandas 3 / 2


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


# ---------------------------------------------------------------- Word

#: East Asian fonts, first found wins in LibreOffice (fonts-noto-cjk) and Word (SimSun/SimHei).
SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"
#: Dark red of headings and bold runs, as in the press pieces.
RED = (0xB2, 0x22, 0x22)


def new_doc(landscape: bool = False) -> Any:
    """An A4 document (python-docx) whose styles name Chinese fonts and black headings."""
    from docx import Document as new_document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    doc = new_document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin = section.bottom_margin = Cm(2.2)
    _font(doc.styles["Normal"], SERIF, Pt(11))
    for name, size in (("Title", Pt(20)), ("Heading 1", Pt(15)), ("Heading 2", Pt(12))):
        style = doc.styles[name]
        _font(style, SANS, size)
        style.font.color.rgb = RGBColor(0, 0, 0) if name != "Heading 1" else RGBColor(*RED)
        style.font.bold = True
    doc.styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return doc


def _font(style: object, name: str, size: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    font = style.font  # type: ignore[attr-defined]
    font.name = name
    font.size = size
    rpr = style.element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def add_table(doc: Any, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> None:
    """A grid table with a bold header row repeated on every page; widths in cm."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Cm, Pt

    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, name in zip(table.rows[0].cells, header):
        cell.text = ""
        run = cell.paragraphs[0].add_run(name)
        run.bold = True
        _shade(cell, "E8E8E8")
    _repeat_header(table.rows[0])
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = value
    table.autofit = False  # LibreOffice follows the grid widths only when autofit is off
    for column, width in zip(table.columns, widths):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)


def _shade(cell: object, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _repeat_header(row: object) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    properties.append(mark)


def _docx(frame: pd.DataFrame, handle: Any, options: Options) -> None:
    """A Word document: the title, then the table with its header row repeated on every page."""
    doc = new_doc(landscape=options.landscape)
    if options.title:
        doc.add_heading(options.title, level=0)
    rows = [["" if jsonable(v) is None else str(jsonable(v)) for v in row] for row in frame.itertuples(index=False, name=None)]
    widths = options.widths or [25.0 / max(len(frame.columns), 1)] * len(frame.columns)
    add_table(doc, [str(c) for c in frame.columns], rows, widths)
    doc.save(handle)


# ---------------------------------------------------------------- the registry

for _spec in (
    Format("table", "txt", "text/plain; charset=utf-8", False, _table),
    Format("jsonl", "jsonl", "application/x-ndjson", False, _jsonl),
    Format("json", "json", "application/json", False, _json),
    Format("csv", "csv", "text/csv; charset=utf-8", False, _csv),
    Format("xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", True, _xlsx),
    Format("parquet", "parquet", "application/vnd.apache.parquet", True, _parquet),
    Format("dta", "dta", "application/x-stata-dta", True, _dta),
    Format("docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", True, _docx),
):
    register_format(_spec)

#: The names of the registered formats, and of those written as bytes (they need -o FILE).
FORMATS: tuple[str, ...] = tuple(REGISTRY)
BINARY: tuple[str, ...] = tuple(name for name, spec in REGISTRY.items() if spec.binary)
