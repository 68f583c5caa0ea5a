"""`mubiao ingest | search | records | documents`: the store's commands, each over one `Store` method.

Exit status: 0 done; 1 some documents failed (the rest were ingested);
2 the database could not be used (unreachable, not a mubiao database, …).
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from mubiao.budget import DEFAULT_BUDGET, DEFAULT_LOCK_WAIT
from mubiao.cli import app
from mubiao.errors import MubiaoError

if TYPE_CHECKING:  # the store (pandas, SQLAlchemy, Alembic) is imported when a command runs
    from mubiao.store import Store
    from mubiao.store.write import Outcome

DbOption = Annotated[
    Optional[str],
    typer.Option("--db", help="Database: a file path or URL (postgresql+psycopg://…). Default: $MUBIAO_DB or ~/.local/share/mubiao/mubiao.db."),
]
RegionOption = Annotated[Optional[str], typer.Option(help="Region (衡阳市).")]
YearOption = Annotated[Optional[int], typer.Option(help="Report year.")]
WithinOption = Annotated[bool, typer.Option("--within", help="With --region: the regions inside it too (a province's cities and counties).")]

RECORD_TABLE = ("record_id", "doc", "report_year", "kind", "indicator", "value", "value_max", "unit", "comparator", "measure", "year", "quote")
DOCUMENT_TABLE = ("document_id", "name", "region", "report_year", "kind", "version", "n_records", "title")


class TableFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"
    parquet = "parquet"
    dta = "dta"


class ListFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class HitFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"


def _err(message: object) -> None:
    print(f"mubiao: {message}", file=sys.stderr)


def _open(db: str | None, create: bool = False) -> Store:
    """The store at `db`; only `ingest` (create=True) may make a new one: a mistyped --db is refused."""
    from mubiao.store import Store

    try:
        return Store(db, create=create)
    except MubiaoError as err:
        _err(err)
        raise typer.Exit(2) from None


class _Bar:
    """The ingest progress bar, drawn on stderr while it is a terminal."""

    def __init__(self) -> None:
        console = Console(stderr=True)
        self.progress = Progress(
            TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            TextColumn("{task.description}"), console=console, disable=not console.is_terminal, transient=True,
        )
        self.task = self.progress.add_task("", total=None)

    def start(self, total: int) -> None:
        self.progress.update(self.task, total=total)

    def advance(self, outcome: Outcome) -> None:
        if outcome.status == "failed":
            line = f"mubiao: {outcome.path}: {outcome.reason} [{outcome.code}]"
            self.progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        self.progress.update(self.task, advance=1, description=Path(outcome.path).name)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (recursed).")],
    db: DbOption = None,
    region: RegionOption = None,
    year: YearOption = None,
    kind: Annotated[Optional[str], typer.Option(help="Document kind: report, interpretation, communique, other.")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Processes reading documents in parallel.")] = 1,
    budget: Annotated[float, typer.Option(min=0, help="Seconds one document may take to read (0: no limit).")] = DEFAULT_BUDGET,
    lock_wait: Annotated[float, typer.Option(min=0, help="Seconds the batch waits in all for another program's lock on a SQLite store.")] = DEFAULT_LOCK_WAIT,
    source: Annotated[Optional[str], typer.Option("--source", help="Where the documents came from (publisher, URL, publication), shown wherever they are quoted.")] = None,
) -> None:
    """Read documents into the store: new ones added, changed ones as a new version, the same ones left."""
    store = _open(db, create=True)
    bar = _Bar()
    try:
        with bar.progress:
            summary = store.ingest(paths, region=region, year=year, kind=kind, workers=workers, progress=bar, budget=budget or None,
                                   lock_wait=lock_wait, provenance=source)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--kind") from None
    except MubiaoError as err:  # an unknown --region
        _err(err)
        raise typer.Exit(2) from None
    print(f"{store.url}: {summary}")
    if not summary.ok:
        raise typer.Exit(1)


@app.command("search")
def search_(
    query: Annotated[str, typer.Argument(help="Words to find (all of them), e.g. 污染防治 or 脱贫.")],
    db: DbOption = None,
    region: RegionOption = None,
    year: YearOption = None,
    kind: Annotated[Optional[str], typer.Option(help="Document kind.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Hits at most.")] = 20,
    format: Annotated[HitFormat, typer.Option("--format", "-f")] = HitFormat.table,
    within: WithinOption = False,
    exact: Annotated[bool, typer.Option("--exact", help="Each word as written: an indicator's name without its other spellings (GDP ↔ 地区生产总值).")] = False,
) -> None:
    """Full-text search of the stored documents: ranked passages with their section."""
    try:
        hits = _open(db).search(query, region=region, year=year, kind=kind, limit=limit, within=within, exact=exact)
    except MubiaoError as err:  # an unknown --region
        _err(err)
        raise typer.Exit(2) from None
    if format is HitFormat.jsonl:
        for hit in hits:
            sys.stdout.write(json.dumps(hit.to_dict(), ensure_ascii=False) + "\n")
        return
    console = Console() if sys.stdout.isatty() else Console(width=200)
    for hit in hits:
        where = " > ".join(hit.section) or "(no section)"
        source = f"  source: {escape(hit.source)}" if hit.source else ""  # the user's text, not markup
        console.print(f"[bold]{hit.document}[/] #{hit.document_id}  {hit.region or ''} {hit.year or ''}  [dim]{where}{source}[/]",
                      highlight=False)
        console.print("  " + hit.highlighted("[reverse]", "[/reverse]").replace("\n", " "), highlight=False)
        if hit.records:  # the ids `mubiao records` and the dashboard (/documents/ID#rRECORD, /verdicts/RECORD) know
            named = ", ".join(f"#{r.record_id} {r.kind} {r.canonical or r.indicator} {r.number_text}" for r in hit.records)
            console.print(f"  [dim]records: {named}[/]", highlight=False)
    if not hits:
        _err(f"no passage holds {query!r}")


@app.command()
def records(
    db: DbOption = None,
    region: RegionOption = None,
    year: YearOption = None,
    kind: Annotated[Optional[str], typer.Option(help="target / achievement, or a document kind (report, …).")] = None,
    indicator: Annotated[Optional[str], typer.Option(help="Part of the indicator (or canonical) name.")] = None,
    measure: Annotated[Optional[str], typer.Option(help="level, growth or increment.")] = None,
    doc: Annotated[Optional[str], typer.Option(help="Document id or file name.")] = None,
    record_year: Annotated[Optional[int], typer.Option(help="Year the record is about.")] = None,
    format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (needed for xlsx, parquet, dta).")] = None,
    within: WithinOption = False,
) -> None:
    """The stored records, filtered, as a table or a file (jsonl, csv, xlsx, parquet, Stata dta)."""
    store = _open(db)
    try:
        frame = store.records(
            region=region, year=year, kind=kind, indicator=indicator, measure=measure, doc=doc, record_year=record_year,
            within=within,
        )
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--kind") from None
    except MubiaoError as err:  # an unknown --region
        _err(err)
        raise typer.Exit(2) from None
    if format is TableFormat.table and output is None:
        frame = frame[list(RECORD_TABLE)]
    _write(frame, format.value, output)


documents_app = typer.Typer(
    help="The stored documents, one line each; `documents remove ID` and `documents set ID` correct them.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(documents_app, name="documents")


@documents_app.callback(invoke_without_command=True)
def documents(
    ctx: typer.Context,
    db: DbOption = None,
    region: RegionOption = None,
    year: YearOption = None,
    kind: Annotated[Optional[str], typer.Option(help="Document kind.")] = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    within: WithinOption = False,
) -> None:
    """The stored documents, one line each."""
    if ctx.invoked_subcommand is not None:
        return
    try:
        frame = _open(db).documents(region=region, year=year, kind=kind, within=within)
    except MubiaoError as err:  # an unknown --region
        _err(err)
        raise typer.Exit(2) from None
    if format is ListFormat.table:
        frame = frame[list(DOCUMENT_TABLE)]
    _write(frame, format.value, None)


@documents_app.command("remove")
def documents_remove(
    doc_id: Annotated[int, typer.Argument(metavar="ID", help="The document's id (mubiao documents).")],
    db: DbOption = None,
) -> None:
    """Delete a stored document with its records, passages and search entries."""
    try:
        name = _open(db).remove_document(doc_id)
    except MubiaoError as err:
        _err(err)
        raise typer.Exit(2) from None
    print(f"removed document {doc_id} ({name})")


@documents_app.command("set")
def documents_set(
    doc_id: Annotated[int, typer.Argument(metavar="ID", help="The document's id (mubiao documents).")],
    db: DbOption = None,
    region: RegionOption = None,
    year: YearOption = None,
    kind: Annotated[Optional[str], typer.Option(help="Document kind: report, interpretation, communique, other.")] = None,
    source: Annotated[Optional[str], typer.Option("--source", help="Where it came from (publisher, URL, publication).")] = None,
) -> None:
    """Correct a stored document's region, report year or kind (its records are derived again), or its source."""
    if region is None and year is None and kind is None and source is None:
        raise typer.BadParameter("say what to set: --region, --year, --kind or --source")
    try:
        store = _open(db)
        if source is not None:
            store.set_provenance(doc_id, source.strip() or None)
        if region is None and year is None and kind is None:
            print(f"document {doc_id}: source set")
            return
        correction = store.update_document(doc_id, region=region, year=year, kind=kind)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--kind") from None
    except MubiaoError as err:
        _err(err)
        raise typer.Exit(2) from None
    print(correction)


def _write(frame: object, fmt: str, output: Path | None) -> None:
    from mubiao.export import write

    try:
        write(frame, fmt, output)  # type: ignore[arg-type]
    except MubiaoError as err:
        _err(err)
        raise typer.Exit(2) from None
