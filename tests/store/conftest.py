"""Fixtures of the store tests (the database fixtures `db_url`, `pg_url` and `store` are in tests/conftest.py)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from mubiao.model import Document, Record, Section


@pytest.fixture()
def seeds(shared: Path) -> Path:
    return shared / "seeds"


def make_document(
    name: str = "hand.txt",
    paragraphs: tuple[str, ...] = ("一、2020年工作回顾", "全年地区生产总值增长8.5%，坚决打赢脱贫攻坚战，脱贫3.5万人。"),
    region: str | None = "衡阳市",
    year: int | None = 2021,
    kind: str = "report",
    path: str | None = None,
) -> Document:
    """A small document built by hand: one section per heading-like first paragraph, a record per number."""
    text_ = "\n".join(paragraphs)
    first = paragraphs[0]
    section = Section(1, first, (first,), 0, len(text_))
    records = []
    for i, para in enumerate(paragraphs[1:], start=1):
        start = text_.index(para)
        records.append(
            Record(
                doc=name,
                quote=para[:20],
                kind="achievement",
                indicator=f"指标{i}",
                value=8.5 + i,
                value_max=None if i % 2 else 10.0 + i,
                unit="%",
                comparator="=",
                measure="growth",
                year=2020,
                period_start=None if i % 2 else 2016,
                section=(first,),
                start=start,
                end=start + 20,
                region=region,
                report_year=year,
                number_text=f"{8.5 + i}%",
            )
        )
    return Document(
        name=name,
        path=path,
        format="txt",
        title=f"{year}年{region}政府工作报告",
        region=region,
        year=year,
        kind=kind,
        original=text_,
        text=text_,
        content_hash=hashlib.sha256(text_.encode()).hexdigest(),
        sections=(section,),
        records=tuple(records),
    )
