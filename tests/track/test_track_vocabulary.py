"""The indicator vocabulary: integrity of the YAML and the raw → canonical table."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from mubiao.lang import units as U
from mubiao.lang import vocabulary as V

from .track_helpers import GOLD, gold_available, read_cases


def test_vocabulary_has_enough_indicators() -> None:
    assert len(V.indicators()) >= 110


def test_vocabulary_names_and_ids_are_unique() -> None:
    items = V.indicators()
    names = Counter(item.name for item in items)
    ids = Counter(item.id for item in items)
    assert [n for n, c in names.items() if c > 1] == []
    assert [i for i, c in ids.items() if c > 1] == []
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", item.id) for item in items)


def test_vocabulary_no_spelling_maps_to_two_indicators() -> None:
    owner: dict[str, str] = {}
    clashes = []
    for item in V.indicators():
        for spelling in dict.fromkeys(V.fold(s) for s in (item.name, *item.synonyms)):
            if spelling in owner and owner[spelling] != item.name:
                clashes.append((spelling, owner[spelling], item.name))
            owner.setdefault(spelling, item.name)
    assert clashes == []


def test_vocabulary_units_and_measures_from_allowed_sets() -> None:
    doc = V.read_yaml()
    allowed_units = set(doc["units"])
    allowed_measures = set(doc["measures"])
    assert allowed_measures == set(V.MEASURES)
    for entry in doc["indicators"]:
        assert entry.get("en"), entry["name"]
        assert entry.get("units") and set(entry["units"]) <= allowed_units, entry["name"]
        assert entry.get("measures") and set(entry["measures"]) <= allowed_measures, entry["name"]
        assert entry.get("better", "up") in ("up", "down"), entry["name"]
        assert isinstance(entry.get("synonyms", []), list), entry["name"]


def test_vocabulary_allowed_units_fold() -> None:
    for unit in V.read_yaml()["units"]:
        base, factor = U.base_unit(unit)
        assert base and factor > 0, unit


def test_vocabulary_required_indicators_present() -> None:
    names = {item.name for item in V.indicators()}
    required = {
        "地区生产总值", "一般公共预算收入", "地方税收收入", "规模以上工业增加值", "制造业增加值",
        "固定资产投资", "产业投资", "民间投资", "社会消费品零售总额", "城镇居民人均可支配收入",
        "农村居民人均可支配收入", "全体居民人均可支配收入", "进出口总额", "实际利用外资", "实际到位内资",
        "城镇登记失业率", "城镇调查失业率", "城镇新增就业", "居民消费价格涨幅", "单位GDP能耗",
        "森林覆盖率", "空气质量优良天数比率", "粮食产量", "研发经费投入强度", "常住人口城镇化率",
        "高新技术企业", "高新技术产业增加值", "数字经济增加值", "旅游总收入", "接待游客",
        "贫困人口脱贫", "贫困村出列", "新建改扩建学校", "基本养老保险参保率", "基本医疗保险参保率",
        "每千人医疗床位数", "污水处理率", "生活垃圾无害化处理率", "农村卫生厕所普及率", "高标准农田",
        "农产品加工业总产值", "市场主体", "上市企业", "每万人有效发明专利", "电商交易额",
    }
    assert required - names == set()


@pytest.mark.parametrize(("raw", "expected"), read_cases())
def test_vocabulary_canonical_table(raw: str, expected: str | None) -> None:
    assert V.canonical(raw) == expected


def test_vocabulary_canonical_user_mapping_first() -> None:
    assert V.canonical("“两房两棚”改造") is None
    assert V.canonical("“两房两棚”改造", {"两房两棚改造": "棚户区改造"}) == "棚户区改造"
    assert V.canonical("GDP", {"GDP": "我的GDP"}) == "我的GDP"


def test_vocabulary_canonical_empty_is_none() -> None:
    assert V.canonical("") is None
    assert V.canonical("   ") is None


def test_vocabulary_lookup_by_name_and_id() -> None:
    assert V.lookup("地区生产总值").id == "gdp"  # type: ignore[union-attr]
    assert V.lookup("gdp").name == "地区生产总值"  # type: ignore[union-attr]
    assert V.lookup("城镇登记失业率").better == "down"  # type: ignore[union-attr]
    assert V.lookup("nothing") is None


@pytest.mark.skipif(not gold_available(), reason=f"gold records not available: {GOLD} is absent")
def test_vocabulary_table_covers_every_gold_indicator(gold_records) -> None:
    table = {raw for raw, _ in read_cases()}
    missing = sorted({r.indicator for r in gold_records} - table)
    assert missing == []
