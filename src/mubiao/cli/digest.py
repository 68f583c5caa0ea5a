"""`mubiao digest | tasks | projects`: the digest stage's commands, each over one function of `mubiao.digest`.

DOC is a file path or the id of a stored document (see `mubiao documents`).
Exit status: 0 done; 1 the document could not be read or written; 2 the store could not be used.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from mubiao.cli import app
from mubiao.errors import MubiaoError, StoreError

DocArgument = Annotated[str, typer.Argument(help="A document file (.txt .md .html .docx .pdf) or a stored document's id.")]
DbOption = Annotated[str | None, typer.Option("--db", help="Database for a stored DOC (file path or URL). Default: $MUBIAO_DB or ~/.local/share/mubiao/mubiao.db.")]
OutOption = Annotated[Path | None, typer.Option("--output", "-o", help="File to write (needed for docx and xlsx).")]
DigestOutOption = Annotated[Path | None, typer.Option("--output", "-o", help="File to write (needed for docx; md and html go to stdout without it).")]
SaveOption = Annotated[bool, typer.Option("--save", help="Store the tasks and projects of a stored DOC in the database.")]


class DigestFormat(str, Enum):
    md = "md"
    docx = "docx"
    html = "html"


class TaskFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"
    docx = "docx"


class ProjectFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


def _fail(err: Exception) -> typer.Exit:
    print(f"mubiao: {err}", file=sys.stderr)
    return typer.Exit(2 if isinstance(err, StoreError) else 1)


def _needs_output(fmt: str, output: Path | None) -> None:
    if output is None:
        raise typer.BadParameter(f"--format {fmt} writes a file: give it with -o FILE", param_hint="--output")


@app.command()
def digest(doc: DocArgument, format: Annotated[DigestFormat, typer.Option("--format", "-f")] = DigestFormat.md,
           output: DigestOutOption = None, db: DbOption = None) -> None:
    """A 目标篇 digest of a report: 关键词, 【举措】 and the targets in bold, as md, html or docx."""
    from mubiao.digest import build_digest, to_html, to_markdown, write_digest

    try:
        result = build_digest(doc, db=db)
        if output is not None:
            write_digest(result, output, format.value)
            return
        _needs_output(format.value, None) if format is DigestFormat.docx else None
        sys.stdout.write(to_markdown(result) if format is DigestFormat.md else to_html(result))
    except MubiaoError as err:
        raise _fail(err) from None


@app.command()
def tasks(doc: DocArgument, format: Annotated[TaskFormat, typer.Option("--format", "-f")] = TaskFormat.table,
          output: OutOption = None, db: DbOption = None, save: SaveOption = False) -> None:
    """The tasks of a document's plan (verb, object, deadline, targets): the 任务分解表."""
    from mubiao.digest import extract_tasks, open_source, task_rows, write_task_table
    from mubiao.digest.table import COLUMNS
    from mubiao.export import rows_frame, write

    try:
        source = open_source(doc, db=db)
        found = extract_tasks(source)
        if save:
            _save(doc, db, source, found)
        if format in (TaskFormat.xlsx, TaskFormat.docx) or (format is TaskFormat.csv and output is not None):
            _needs_output(format.value, output)
            write_task_table(found, output, format.value, title=f"{source.document.title or source.document.name} 任务分解表")  # type: ignore[arg-type]
            return
    except MubiaoError as err:
        raise _fail(err) from None
    if format is TaskFormat.jsonl:
        _write_dicts([task.to_dict() for task in found], "jsonl")
    elif format is TaskFormat.csv:
        write(rows_frame(task_rows(found), COLUMNS), "csv")
    else:
        _print_table(COLUMNS[:5], [row[:5] for row in task_rows(found)])


@app.command()
def projects(doc: DocArgument, format: Annotated[ProjectFormat, typer.Option("--format", "-f")] = ProjectFormat.table,
             db: DbOption = None, save: SaveOption = False) -> None:
    """The named projects of a document's plan (…产业园, …机场, …工程) with their status words."""
    from mubiao.digest import extract_projects, extract_tasks, open_source
    from mubiao.export import rows_frame, write

    try:
        source = open_source(doc, db=db)
        found = extract_projects(source)
        if save:
            _save(doc, db, source, extract_tasks(source), found)
    except MubiaoError as err:
        raise _fail(err) from None
    rows = [[p.name, p.kind, p.status or "", " › ".join(p.section[1:] or p.section), p.sentence] for p in found]
    header = ("name", "kind", "status", "section", "sentence")
    if format is ProjectFormat.jsonl:
        _write_dicts([project.to_dict() for project in found], "jsonl")
    elif format is ProjectFormat.csv:
        write(rows_frame(rows, header), "csv")
    else:
        _print_table(header, rows)


def _save(doc: str, db: str | None, source: object, tasks: list, projects: list | None = None) -> None:
    """Write tasks and projects of a stored document (DOC must be its id)."""
    from mubiao.digest import extract_projects
    from mubiao.digest.store import save_tasks
    from mubiao.store import Store

    if not doc.strip().isdigit():
        raise typer.BadParameter("--save needs DOC to be a stored document's id (ingest the file first)", param_hint="DOC")
    if projects is None:
        projects = extract_projects(source)  # type: ignore[arg-type]
    with Store(db, create=False) as store:
        written = save_tasks(store, int(doc), tasks, projects)
    print(f"mubiao: stored {len(tasks)} tasks and {written - len(tasks)} projects of document {doc}", file=sys.stderr)


def _print_table(header: tuple[str, ...] | list[str], rows: list[list[str]]) -> None:
    from mubiao.export import rows_frame, write

    write(rows_frame(rows, header), "table")


def _write_dicts(rows: list[dict[str, Any]], fmt: str) -> None:
    """Dicts of one shape through `mubiao.export` (nothing when there are none)."""
    from mubiao.export import rows_frame, write

    if rows:
        write(rows_frame(rows, list(rows[0])), fmt)
