"""Search knows the indicator vocabulary: GDP, 生产总值 and 地区生产总值 find each other (SQLite and
PostgreSQL), while a broad word is searched as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from mubiao.lang.vocabulary import spellings
from mubiao.store import Store

TEXT = """2021年某市政府工作报告
一、2020年工作回顾
全市GDP突破三千亿元。

农业稳步发展，粮食总产量保持稳定。

全年地区生产总值增长4%。

二、2021年工作安排
国内生产总值增长6%以上的目标要落到实处。
"""


@pytest.fixture()
def stored(store: Store, tmp_path: Path) -> Store:
    path = tmp_path / "report.txt"
    path.write_text(TEXT, encoding="utf-8")
    store.ingest([path], region="衡阳市", year=2021)
    return store


@pytest.mark.parametrize("query", ["GDP", "gdp", "生产总值", "地区生产总值", "国内生产总值"])
def test_search_finds_every_spelling_of_an_indicator(stored: Store, query: str) -> None:
    found = " ".join(hit.snippet for hit in stored.search(query, limit=20))
    assert "GDP" in found and "地区生产总值" in found and "国内生产总值" in found, found


def test_search_marks_the_spelling_found(stored: Store) -> None:
    hit = next(h for h in stored.search("GDP", limit=20) if "地区生产总值" in h.snippet)
    assert any(hit.snippet[a:b] == "地区生产总值" for a, b in hit.marks)


def test_a_broad_word_is_searched_as_written() -> None:
    assert spellings("经济") == ("经济",)  # the vocabulary's broadest synonym of GDP brings no flood
    assert spellings("污染防治") == ("污染防治",)


def test_exact_search_takes_the_word_as_written(stored: Store) -> None:
    found = " ".join(hit.snippet for hit in stored.search("GDP", limit=20, exact=True))
    assert "GDP" in found and "地区生产总值" not in found
