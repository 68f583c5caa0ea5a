"""Helpers of the tracking tests: gold records of Hengyang, a Record factory, the indicator table."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import replace
from pathlib import Path

from mubiao.model import Document, Record, Section
from mubiao.store import Store

ROOT = Path(__file__).resolve().parents[2]
#: The gold records (../shared/gold beside the repository, or $MUBIAO_SHARED/gold).
GOLD = Path(os.environ.get("MUBIAO_SHARED", ROOT.parent / "shared")) / "gold"

#: Report year of each gold document (GUIDE.md, "Document years of the seeds").
REPORT_YEARS = {"000": 2018, "001": 2017, "002": 2019, "003": 2019, "004": 2021}

CASES = Path(__file__).with_name("indicator_cases.tsv")
#: The region of the hand-made reports and of the seeds.
REGION = "衡阳市"


def gold_available() -> bool:
    """True when the gold records are on this machine."""
    return GOLD.is_dir() and bool(_seed_gold_files())


def _seed_gold_files() -> list[Path]:
    """The seeds' gold files only: the folder also holds gold of other regions' reports."""
    return [path for path in sorted(GOLD.glob("*.jsonl")) if path.name[:3] in REPORT_YEARS]


def load_gold() -> list[Record]:
    """Every gold record of the Hengyang seeds as a Record of 衡阳市 with its report year.

    Other gold files (chongqing_2026.jsonl) are of other regions and are left out.
    """
    records = []
    for path in _seed_gold_files():
        report_year = REPORT_YEARS[path.name[:3]]
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                records.append(Record(**json.loads(line), region="衡阳市", report_year=report_year))
    return records


def make(
    kind: str,
    indicator: str,
    value: float,
    unit: str = "%",
    *,
    comparator: str = "=",
    measure: str = "level",
    year: int | None = 2020,
    value_max: float | None = None,
    period_start: int | None = None,
    region: str | None = "衡阳市",
    report_year: int | None = None,
    doc: str | None = None,
    quote: str | None = None,
) -> Record:
    """A hand-made Record; targets default to the report of their year, outcomes to the next one."""
    if report_year is None and year is not None:
        report_year = year if kind == "target" else year + 1
    return Record(
        doc=doc if doc is not None else f"{region}-{report_year}.txt",
        quote=quote or f"{indicator}{value}{unit}",
        kind=kind,  # type: ignore[arg-type]
        indicator=indicator,
        value=value,
        value_max=value_max,
        unit=unit,
        comparator=comparator,  # type: ignore[arg-type]
        measure=measure,  # type: ignore[arg-type]
        year=year,
        period_start=period_start,
        region=region,
        report_year=report_year,
    )


def read_cases() -> list[tuple[str, str | None]]:
    """The raw → canonical table (`-` for an indicator the vocabulary should not know)."""
    rows: list[tuple[str, str | None]] = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        raw, expected = line.split("\t")
        rows.append((raw, None if expected == "-" else expected))
    return rows


def hand_document(name: str, report_year: int, records: list[Record], region: str = REGION) -> Document:
    """A document of one section whose text is the records' quotes, one a line."""
    heading = "一、工作"
    quotes = [r.quote for r in records]
    text_ = "\n".join([heading, *quotes])
    placed, pos = [], len(heading)
    for record in records:
        start = text_.index(record.quote, pos)
        pos = start + len(record.quote)
        placed.append(
            replace(record, doc=name, section=(heading,), start=start, end=pos, region=region, report_year=report_year)
        )
    return Document(
        name=name,
        path=None,
        format="txt",
        title=f"{report_year}年{region}政府工作报告",
        region=region,
        year=report_year,
        kind="report",
        original=text_,
        text=text_,
        content_hash=hashlib.sha256(text_.encode()).hexdigest(),
        sections=(Section(1, heading, (heading,), 0, len(text_)),),
        records=tuple(placed),
    )


def fill_hand_store(target: Store) -> None:
    """Two reports of 衡阳市: targets for 2020 and 2021 in the 2020 report, 2020 results in the 2021 report."""
    target.add(
        hand_document(
            "2020.txt",
            2020,
            [
                make("target", "地区生产总值", 8, comparator="~", measure="growth", year=2020, quote="地区生产总值增长8%左右"),
                make("target", "城镇登记失业率", 4.5, comparator="<=", year=2021, quote="城镇登记失业率控制在4.5%以内"),
                make("target", "经济体量", 3600, "亿元", comparator=">=", year=2021, quote="经济体量达到3600亿元以上"),
                make("target", "全社会研发经费", 50, "亿元", comparator=">=", year=2020, quote="全社会研发经费50亿元以上"),
            ],
        )
    )
    target.add(
        hand_document(
            "2021.txt",
            2021,
            [
                make("achievement", "地区生产总值", 8.5, measure="growth", year=2020, quote="地区生产总值增长8.5%"),
                make("achievement", "GDP", 3500, "亿元", year=2020, quote="GDP达3500亿元"),
                make("target", "地区生产总值", 8, comparator="~", measure="growth", year=2021, quote="全年地区生产总值增长8%左右"),
            ],
        )
    )
