"""`mubiao extract`: the records of one or more documents, to stdout."""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from mubiao.cli import app
from mubiao.errors import MubiaoError
from mubiao.load import iter_paths
from mubiao.model import Record
from mubiao.pipeline import read_document


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
    if region is not None:
        from mubiao.lang.regions import resolve

        try:
            region = resolve(region)
        except MubiaoError as err:  # 火星省: refused, with the closest names
            _report(err)
            raise typer.Exit(2) from None
    failed = False
    writer = _writer(format)
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
    writer.close() if hasattr(writer, "close") else None
    for note in skipped:
        print(f"mubiao: {note}: skipped, not a report (name the file to read it anyway)", file=sys.stderr)
    if failed:
        raise typer.Exit(1)


def _report(error: object) -> bool:
    print(f"mubiao: {error}", file=sys.stderr)
    return True


def _writer(format: Format):
    if format is Format.jsonl:
        def write_jsonl(records: tuple[Record, ...]) -> None:
            for record in records:
                sys.stdout.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
        return write_jsonl
    if format is Format.csv:
        out = csv.writer(sys.stdout)
        header: list[str] = []

        def write_csv(records: tuple[Record, ...]) -> None:
            for record in records:
                row = record.to_dict()
                row["section"] = " / ".join(row["section"])
                if not header:
                    header.extend(row)
                    out.writerow(header)
                out.writerow([row[k] for k in header])
        return write_csv
    return _TableWriter()


class _TableWriter:
    """Collects records and prints one rich table at the end."""

    def __init__(self) -> None:
        self.table = Table(show_lines=False)
        for name in ("doc", "kind", "indicator", "value", "unit", "cmp", "measure", "year", "quote"):
            self.table.add_column(name, overflow="fold")

    def __call__(self, records: tuple[Record, ...]) -> None:
        for r in records:
            value = f"{r.value:g}" + (f"–{r.value_max:g}" if r.value_max is not None else "")
            self.table.add_row(r.doc, r.kind, r.indicator, value, r.unit, r.comparator, r.measure, str(r.year or ""), r.quote)

    def close(self) -> None:
        # Piped output gets a wide table rather than one cut at 80 columns.
        console = Console() if sys.stdout.isatty() else Console(width=200)
        console.print(self.table)
