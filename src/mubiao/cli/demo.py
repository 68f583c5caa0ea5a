"""`mubiao demo`: the main job on the bundled sample reports."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table

from mubiao.cli import app
from mubiao.pipeline import read_document
from mubiao.samples import SAMPLES, sample_paths


@app.command()
def demo() -> None:
    """Extract the bundled sample reports (衡阳市 2017 and 2021) and show what they promised."""
    console = Console()
    for path in sample_paths():
        region, year = SAMPLES[path.name]
        document = read_document(path, region=region, year=year)
        counts = Counter(r.kind for r in document.records)
        console.print(
            f"[bold]{document.title}[/bold]  {region} {year}: "
            f"{counts['target']} targets, {counts['achievement']} achievements"
        )
        table = Table("indicator", "target", "year", "quote", show_lines=False)
        for record in document.records:
            if record.kind != "target":
                continue
            amount = f"{record.comparator if record.comparator not in ('=', 'range') else ''}{record.value:g}"
            if record.value_max is not None:
                amount += f"–{record.value_max:g}"
            table.add_row(record.indicator, f"{amount}{record.unit} ({record.measure})", str(record.year or ""), record.quote)
        console.print(table)
