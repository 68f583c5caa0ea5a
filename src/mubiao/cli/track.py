"""`mubiao indicators | outcome | track | diff | compare | panel`: tracking commands over `mubiao.track.service`.

Exit status: 0 done; 1 some rows of an imported file were refused (the valid
ones were stored); 2 a bad argument or input (unknown canonical indicator, no
document of that year, unreadable file) or a database that cannot be used.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mubiao.cli import app
from mubiao.cli.store import TableFormat
from mubiao.errors import MubiaoError

if TYPE_CHECKING:  # the store and pandas are imported when a command runs
    import pandas as pd

    from mubiao.store import Store

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database: a file path or URL (postgresql+psycopg://…). Default: $MUBIAO_DB or ~/.local/share/mubiao/mubiao.db.",
    ),
]

#: Columns of `mubiao track` shown as a table (every Verdict field goes to jsonl, csv and xlsx).
TRACK_TABLE = ("region", "target_year", "indicator", "canonical", "target_quote", "verdict", "reason")
DIFF_TABLE = ("indicator", "canonical", "measure", "horizon", "change", "quote_a", "quote_b", "reason")
COMPARE_TABLE = ("region", "level", "parent", "comparator", "value", "value_max", "unit", "previous_value",
                 "previous_outcome", "previous_verdict", "gap", "quote")
PANEL_TABLE = ("region", "year", "comparator", "value", "value_max", "unit", "outcome", "verdict", "gap", "quote")
INDICATOR_COLUMNS = ("name", "id", "en", "synonyms", "units", "measures")
OUTCOME_COLUMNS = ("id", "region", "indicator", "year", "value", "unit", "measure", "source", "entered_at")


class ListFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class TrackFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"


class Level(str, Enum):
    national = "national"
    province = "province"
    city = "city"
    county = "county"


class Measure(str, Enum):
    level = "level"
    growth = "growth"
    increment = "increment"


def _err(message: object) -> None:
    print(f"mubiao: {message}", file=sys.stderr)


def _fail(err: MubiaoError) -> typer.Exit:
    _err(err)
    return typer.Exit(2)


def _open(db: str | None, create: bool = False) -> Store:
    """The store at `db`; commands that write (map, outcome) may make a new one, the others refuse a missing one."""
    from mubiao.store import Store

    try:
        return Store(db, create=create)
    except MubiaoError as err:
        raise _fail(err) from None


def _region(store: Store, name: str | None) -> str | None:
    """A --region through the one resolver (湖南 → 湖南省); an unknown name exits 2 with suggestions."""
    try:
        return store.resolve_region(name)
    except MubiaoError as err:
        raise _fail(err) from None


def _frame(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(rows, columns=list(columns))


def _write(frame: pd.DataFrame, fmt: str, output: Path | None = None) -> None:
    from mubiao.export import write

    try:
        write(frame, fmt, output)
    except MubiaoError as err:
        raise _fail(err) from None


# ---------------------------------------------------------------- indicators

indicators_app = typer.Typer(
    help="The indicator vocabulary (canonical names), and your own mappings of raw indicators onto it.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(indicators_app, name="indicators")


@indicators_app.callback(invoke_without_command=True)
def indicators(
    ctx: typer.Context,
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
) -> None:
    """List the canonical indicators: name, id, English, synonyms, units, measures."""
    if ctx.invoked_subcommand is not None:
        return
    from mubiao.lang.vocabulary import indicators as vocabulary

    joined = format is not ListFormat.jsonl  # lists stay lists in jsonl
    rows = [
        {
            "name": item.name,
            "id": item.id,
            "en": item.en,
            "synonyms": "、".join(item.synonyms) if joined else list(item.synonyms),
            "units": "、".join(item.units) if joined else list(item.units),
            "measures": "、".join(item.measures) if joined else list(item.measures),
        }
        for item in vocabulary()
    ]
    _write(_frame(rows, INDICATOR_COLUMNS), format.value)


@indicators_app.command("map")
def indicators_map(
    raw: Annotated[str, typer.Argument(help="The indicator as reports write it (经济总量).")],
    canonical: Annotated[str, typer.Argument(help="A canonical name or id of `mubiao indicators` (地区生产总值, gdp).")],
    db: DbOption = None,
) -> None:
    """Map a raw indicator onto a canonical one, in the database, from now on (stored records included)."""
    from mubiao.track import service

    store = _open(db, create=True)
    try:
        changed = service.map_indicator(store, raw, canonical)
        name = service.mappings(store).get(raw.strip(), canonical)
    except MubiaoError as err:
        raise _fail(err) from None
    print(f"{store.url}: {raw.strip()} → {name}; {changed} stored record{'s' if changed != 1 else ''} re-mapped")


@indicators_app.command("unmap")
def indicators_unmap(
    raw: Annotated[str, typer.Argument(help="A raw indicator mapped before.")],
    db: DbOption = None,
) -> None:
    """Remove a mapping: the raw indicator is resolved by the vocabulary again."""
    from mubiao.track import service

    store = _open(db)
    try:
        changed = service.unmap_indicator(store, raw)
    except MubiaoError as err:
        raise _fail(err) from None
    print(f"{store.url}: mapping of {raw.strip()} removed; {changed} stored record{'s' if changed != 1 else ''} re-mapped")


@indicators_app.command("mappings")
def indicators_mappings(
    db: DbOption = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
) -> None:
    """The mappings stored in the database (raw → canonical)."""
    from mubiao.track import service

    rows = [{"raw": raw, "canonical": name} for raw, name in service.mappings(_open(db)).items()]
    _write(_frame(rows, ("raw", "canonical")), format.value)


# ---------------------------------------------------------------- outcomes

outcome_app = typer.Typer(
    help="Outcomes you enter yourself (from a statistical bulletin…): they judge the targets like reported figures.",
    no_args_is_help=True,
)
app.add_typer(outcome_app, name="outcome")


@outcome_app.command("add")
def outcome_add(
    region: Annotated[str, typer.Option(help="Region (衡阳市; 衡阳 is normalised).")],
    indicator: Annotated[str, typer.Option(help="Indicator, raw or canonical (地区生产总值).")],
    year: Annotated[int, typer.Option(help="Year the figure is about.")],
    value: Annotated[float, typer.Option(help="The figure (3840.3; -3 for a fall of 3%).")],
    unit: Annotated[str, typer.Option(help="Unit with its magnitude (亿元, %, 万人).")],
    measure: Annotated[Measure, typer.Option(help="level, growth (a change in %) or increment.")] = Measure.level,
    source: Annotated[str | None, typer.Option(help="Where the figure comes from (shown as the outcome's document).")] = None,
    db: DbOption = None,
) -> None:
    """Store one outcome; the same region, indicator, year and measure again replaces it."""
    from mubiao.track import service

    store = _open(db, create=True)
    try:
        saved, status = service.add_outcome(store, _region(store, region) or region, indicator, year, value, unit, measure.value, source)
    except MubiaoError as err:
        raise _fail(err) from None
    print(f"{store.url}: outcome {saved.id} {status}: {saved.region} {saved.year}年 {saved.indicator} "
          f"{saved.value:g}{saved.unit} ({saved.measure})")


@outcome_app.command("import")
def outcome_import(
    file: Annotated[Path, typer.Argument(help="CSV with the columns region, indicator, year, value, unit, measure, source.")],
    db: DbOption = None,
) -> None:
    """Store the outcomes of a CSV file; bad rows are reported by line and the others kept (exit 1)."""
    from mubiao.track import service

    store = _open(db, create=True)
    try:
        report = service.import_outcomes(store, file)
    except MubiaoError as err:
        raise _fail(err) from None
    for error in report.errors:
        _err(error)
    print(report)
    if not report.ok:
        raise typer.Exit(1)


@outcome_app.command("list")
def outcome_list(
    db: DbOption = None,
    region: Annotated[str | None, typer.Option(help="Region (衡阳市).")] = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
) -> None:
    """The outcomes stored by hand or import."""
    from mubiao.track import service

    store = _open(db)
    rows = [o.to_dict() for o in service.outcomes(store, region=_region(store, region))]
    _write(_frame(rows, OUTCOME_COLUMNS), format.value)


# ---------------------------------------------------------------- track, diff, compare


@app.command()
def track(
    db: DbOption = None,
    region: Annotated[str | None, typer.Option(help="Region (衡阳市; 衡阳 is normalised).")] = None,
    indicator: Annotated[str | None, typer.Option(help="Part of the raw or canonical indicator, or any name of it (GDP).")] = None,
    year: Annotated[int | None, typer.Option(help="Year of the targets (2021).")] = None,
    format: Annotated[TrackFormat, typer.Option("--format", "-f")] = TrackFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (needed for xlsx).")] = None,
) -> None:
    """Was each stored target delivered? met, missed, on track, off track, pending, awaiting report or no data, with the reason."""
    from dataclasses import fields

    from mubiao.track import service
    from mubiao.track.verdict import VERDICTS, Verdict

    store = _open(db)
    try:
        verdicts = service.track(store, region=_region(store, region), indicator=indicator, year=year)
    except MubiaoError as err:
        raise _fail(err) from None
    frame = _frame([v.to_dict() for v in verdicts], tuple(f.name for f in fields(Verdict)))
    if format is TrackFormat.table and output is None:
        frame = frame[list(TRACK_TABLE)]
    _write(frame, format.value, output)
    if format is TrackFormat.table:
        counts = {name: sum(1 for v in verdicts if v.verdict == name) for name in VERDICTS}
        shown = ", ".join(f"{n} {name}" for name, n in counts.items() if n)
        _err(f"{len(verdicts)} targets: {shown}" if verdicts else "no stored target matches")


@app.command()
def diff(
    region: Annotated[str, typer.Argument(help="Region (衡阳市; 衡阳 is normalised).")],
    year_a: Annotated[int, typer.Argument(help="Report year of the earlier documents.")],
    year_b: Annotated[int, typer.Argument(help="Report year of the later documents.")],
    db: DbOption = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
) -> None:
    """How a region's targets changed between two report years: raised, lowered, unchanged, new, dropped."""
    from dataclasses import fields

    from mubiao.track import service
    from mubiao.track.verdict import Change

    store = _open(db)
    try:
        changes = service.diff(store, _region(store, region) or region, year_a, year_b)
    except MubiaoError as err:
        raise _fail(err) from None
    frame = _frame([c.to_dict() for c in changes], tuple(f.name for f in fields(Change)))
    if format is ListFormat.table:
        frame = frame[list(DIFF_TABLE)]
    _write(frame, format.value)


@app.command()
def compare(
    indicator: Annotated[str, typer.Argument(help="Indicator, canonical or raw (地区生产总值, GDP).")],
    year: Annotated[int, typer.Argument(help="Year of the targets.")],
    db: DbOption = None,
    level: Annotated[Level | None, typer.Option(help="Keep one level of regions (the national row stays).")] = None,
    within: Annotated[str | None, typer.Option(help="Keep the regions inside one (湖南省).")] = None,
    measure: Annotated[Measure | None, typer.Option(help="Measure compared (default: the one most headline targets use).")] = None,
    format: Annotated[TrackFormat, typer.Option("--format", "-f")] = TrackFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (needed for xlsx).")] = None,
) -> None:
    """One row per region: its headline target for a year, last year's target, outcome and verdict, the gap to
    the national target, top down (全国 → 省 → 市 → 县); then the summary (count, mean, median, min, max …)."""
    from mubiao.track import service
    from mubiao.track.comparison import COLUMNS

    store = _open(db)
    try:
        rows, summary = service.compare_table(
            store, indicator, year, measure=measure.value if measure else None,
            level=level.value if level else None, within=within,
        )  # fmt: skip
    except MubiaoError as err:
        raise _fail(err) from None
    frame = _frame([r.to_dict() for r in rows], COLUMNS)
    if format is TrackFormat.table and output is None:
        frame = frame[list(COMPARE_TABLE)]
    _write(frame, format.value, output)
    if not rows:
        _err(f"no stored target of {indicator} for {year}")
        return
    for line in summary.lines():
        _err(line)


@app.command()
def panel(
    indicator: Annotated[str, typer.Argument(help="Indicator, canonical or raw (地区生产总值, GDP).")],
    db: DbOption = None,
    first: Annotated[int | None, typer.Option("--from", help="First year.")] = None,
    last: Annotated[int | None, typer.Option("--to", help="Last year.")] = None,
    level: Annotated[Level | None, typer.Option(help="Keep one level of regions.")] = None,
    measure: Annotated[Measure | None, typer.Option(help="Measure (default: the one most headline targets use).")] = None,
    wide: Annotated[bool, typer.Option("--wide", help="One row per region, columns per year (value_1992 …).")] = False,
    format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (needed for xlsx, parquet, dta).")] = None,
) -> None:
    """Region × year table of one indicator: headline target, comparator, range, outcome, verdict, gap to the
    national target; long (one row per region-year) or --wide. For pandas or Stata."""
    from mubiao.track import service
    from mubiao.track.comparison import long_frame, wide_frame

    store = _open(db)
    try:
        rows = service.panel(
            store, indicator, first=first, last=last, level=level.value if level else None,
            measure=measure.value if measure else None,
        )  # fmt: skip
    except MubiaoError as err:
        raise _fail(err) from None
    frame = wide_frame(rows) if wide else long_frame(rows)
    if format is TableFormat.table and output is None and not wide:
        frame = frame[list(PANEL_TABLE)]
    _write(frame, format.value, output)
    if not rows:
        _err(f"no stored target of {indicator}")
