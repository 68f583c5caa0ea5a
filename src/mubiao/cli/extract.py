"""`mubiao extract`: the records of one or more documents, to stdout."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from mubiao.cli import app
from mubiao.errors import MubiaoError
from mubiao.model import Record


class Format(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt .md .html .docx .pdf).")],
    region: Annotated[Optional[str], typer.Option(help="Region of the documents, where the text does not say (衡阳市).")] = None,
    year: Annotated[Optional[int], typer.Option(help="Report year, where the text does not say.")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.jsonl,
) -> None:
    """Extract the quantitative records (targets and achievements) of documents."""
    from mubiao.load import iter_paths  # the pipeline is imported when the command runs: `--help` stays fast
    from mubiao.pipeline import read_document

    if region is not None:
        from mubiao.lang.regions import resolve

        try:
            region = resolve(region)
        except MubiaoError as err:  # 火星省: refused, with the closest names
            _report(err)
            raise typer.Exit(2) from None
    failed = False
    writer = _Writer(format)
    skipped: list[Path] = []
    for item in iter_paths(paths, skipped):
        if isinstance(item, MubiaoError):
            failed = _report(item)
            continue
        try:
            document = read_document(item, region=region, year=year)
        except MubiaoError as err:
            failed = _report(err)
            continue
        except Exception as err:  # one bad file never stops a batch
            failed = _report(f"{item}: unexpected error: {err!r}")
            continue
        if document.region is None:
            print(f"mubiao: warning: {item}: no region in its title or opening formula; pass --region", file=sys.stderr)
        writer(document.records)
    writer.close()
    for note in skipped:
        print(f"mubiao: {note}: skipped, not a report (name the file to read it anyway)", file=sys.stderr)
    if failed:
        raise typer.Exit(1)


def _report(error: object) -> bool:
    print(f"mubiao: {error}", file=sys.stderr)
    return True


#: The columns of `--format table` (the whole record is in jsonl and csv).
TABLE_COLUMNS = ("doc", "kind", "indicator", "value", "unit", "cmp", "measure", "year", "quote")


class _Writer:
    """Records through `mubiao.export`: jsonl and csv as each document is read, a table at the end."""

    def __init__(self, format: Format) -> None:
        self.format = format.value
        self.header = True
        self.kept: list[list[str]] = []

    def __call__(self, records: tuple[Record, ...]) -> None:
        from mubiao.export import Options, rows_frame, write

        if self.format == "table":
            self.kept.extend(_table_row(r) for r in records)
            return
        rows = [record.to_dict() for record in records]
        if not rows:
            return
        if self.format == "csv":
            for row in rows:
                row["section"] = " / ".join(row["section"])
        write(rows_frame(rows, list(rows[0])), self.format, options=Options(header=self.header))
        self.header = False

    def close(self) -> None:
        from mubiao.export import rows_frame, write

        if self.format == "table":
            write(rows_frame(self.kept, TABLE_COLUMNS), "table")


def _table_row(r: Record) -> list[str]:
    value = f"{r.value:g}" + (f"–{r.value_max:g}" if r.value_max is not None else "")
    return [r.doc, r.kind, r.indicator, value, r.unit, r.comparator, r.measure, str(r.year or ""), r.quote]
