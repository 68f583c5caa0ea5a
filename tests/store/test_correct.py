"""Documents you can correct: remove one, set its region, year or kind, or ingest it again with
other --region/--year; everything derived from it follows, nothing else is touched (SQLite and
PostgreSQL alike)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mubiao.errors import DocumentNotFound
from mubiao.store import Store
from mubiao.track import service

REPORT = """政府工作报告
各位代表：
一、2002年工作回顾
去年国内生产总值增长8%，粮食产量达到4.5亿吨。
二、2003年工作安排
今年经济增长的预期目标为7%左右。城镇新增就业800万人。
"""

OTHER = """2003年某市政府工作报告
一、2002年工作回顾
全市地区生产总值增长9%。
二、2003年工作安排
地区生产总值增长8.5%左右。
"""


def _files(tmp_path: Path) -> tuple[Path, Path]:
    report, other = tmp_path / "national_2003.txt", tmp_path / "city_2003.txt"
    report.write_text(REPORT, encoding="utf-8")
    other.write_text(OTHER, encoding="utf-8")
    return report, other


def _doc_id(store: Store, name: str) -> int:
    frame = store.documents()
    return int(frame.loc[frame["name"] == name, "document_id"].iloc[0])


def test_set_region_derives_every_record_again(store: Store, tmp_path: Path) -> None:
    report, other = _files(tmp_path)
    store.ingest([report], region="重庆市", year=2003)
    store.ingest([other], region="衡阳市", year=2003)
    doc = _doc_id(store, "national_2003.txt")
    before = len(store.records(region="重庆市"))
    assert before >= 3
    correction = store.update_document(doc, region="全国")
    assert correction.changes == {"region": ("重庆市", "全国")} and correction.records == before
    assert store.records(region="重庆市").empty
    moved = store.records(region="全国")
    assert len(moved) == before and set(moved["report_year"]) == {2003}
    assert set(store.records(region="衡阳市")["doc"]) == {"city_2003.txt"}  # the other document untouched
    assert store.search("经济增长", region="全国")  # its passages follow it
    assert not store.search("经济增长", region="重庆市")
    targets = [v for v in service.track(store, region="全国") if v.target_year == 2003]
    assert targets, "the corrected document's targets are tracked under its new region"


def test_set_year_moves_the_years_derived_from_it(store: Store, tmp_path: Path) -> None:
    report, _ = _files(tmp_path)
    store.ingest([report], region="全国", year=2004)
    doc = _doc_id(store, "national_2003.txt")
    store.update_document(doc, year=2003)
    frame = store.records(region="全国")
    assert set(frame.loc[frame["kind"] == "target", "year"]) == {2003}
    assert set(frame.loc[frame["kind"] == "achievement", "year"]) == {2002}


def test_remove_document_leaves_nothing_of_it(store: Store, tmp_path: Path) -> None:
    report, other = _files(tmp_path)
    store.ingest([report, other], region="衡阳市", year=2003)
    doc = _doc_id(store, "national_2003.txt")
    assert store.remove_document(doc) == "national_2003.txt"
    assert set(store.records()["doc"]) == {"city_2003.txt"}
    assert not store.search("粮食产量")
    assert store.search("地区生产总值")
    with pytest.raises(DocumentNotFound):
        store.remove_document(doc)
    with pytest.raises(DocumentNotFound):
        store.update_document(doc, region="全国")
    again = store.ingest([report], region="衡阳市", year=2003)
    assert len(again.ingested) == 1  # gone for good: the same file is new again


def test_ingest_again_with_another_region_updates_the_document(store: Store, tmp_path: Path) -> None:
    report, _ = _files(tmp_path)
    store.ingest([report], region="重庆市", year=2003)
    summary = store.ingest([report], region="全国", year=2003)
    assert [o.status for o in summary.outcomes] == ["updated"]
    assert "region 重庆市 → 全国" in str(summary)
    frame = store.documents()
    assert len(frame) == 1 and frame["region"].iloc[0] == "全国" and frame["version"].iloc[0] == 1
    assert store.records(region="重庆市").empty and not store.records(region="全国").empty


def test_a_correction_that_would_copy_another_document_is_refused(store: Store, tmp_path: Path) -> None:
    from mubiao.errors import DocumentClash

    report, _ = _files(tmp_path)
    store.ingest([report], region="重庆市", year=2003)
    report.write_text(REPORT + "三、其他\n新建学校12所。\n", encoding="utf-8")  # the file changed since
    store.ingest([report], region="全国", year=2003)
    frame = store.documents()
    assert len(frame) == 2
    first = int(frame.loc[frame["region"] == "重庆市", "document_id"].iloc[0])
    with pytest.raises(DocumentClash) as raised:
        store.update_document(first, region="全国")
    assert raised.value.code == "E210"
    assert len(store.records(region="重庆市")) > 0  # nothing lost
