"""A search hit names the records extracted from its own passage (not its neighbours'), on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from mubiao.store import Store

# two paragraphs in one section, each with its own figures, and one paragraph with none
TEXT = """2023年某市政府工作报告
一、2022年工作回顾
全市GDP达到2100亿元，增长5.2%。

粮食总产量稳定在三百万吨，城镇新增就业4万人。

我们坚持生态优先，持续推进污染防治。

二、2023年主要预期目标
地区生产总值增长6%左右，居民人均可支配收入增长6.5%。
"""


@pytest.fixture()
def stored(store: Store, tmp_path: Path) -> Store:
    path = tmp_path / "report.txt"
    path.write_text(TEXT, encoding="utf-8")
    store.ingest([path], region="衡阳市", year=2023)
    return store


def test_hit_names_the_records_of_its_passage(stored: Store) -> None:
    hits = {h.snippet.split("，")[0]: h for h in stored.search("生产总值", limit=10)}
    review = hits["全市GDP达到2100亿元"]
    assert [(r.kind, r.number_text) for r in review.records] == [("achievement", "2100亿元"), ("achievement", "5.2%")]
    plan = hits["地区生产总值增长6%左右"]
    assert [(r.kind, r.number_text) for r in plan.records] == [("target", "6%左右"), ("target", "6.5%")]
    assert plan.records[0].canonical == "地区生产总值"
    ids = set(stored.records(kind="target")["record_id"])
    assert {r.record_id for r in plan.records} <= ids


def test_hit_without_figures_names_no_record(stored: Store) -> None:
    (hit,) = stored.search("污染防治", limit=10)
    assert hit.records == ()
    assert hit.to_dict()["records"] == []
