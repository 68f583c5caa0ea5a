"""Named projects: genre names (…产业园, …大桥, …中心) with the status words of their clause."""

from __future__ import annotations

import pytest

from mubiao.digest import extract_projects
from mubiao.digest.projects import status_of

from .conftest import SAMPLES, shared_dir, source_of

PLAN = (
    "2022年某市政府工作报告\n"
    "三、2022年工作安排\n"
    "（一）着力扩大有效投资。\n"
    "抓好重点项目。加快建设青山湖智能制造产业园、江北物流园等重大产业项目，"
    "确保长河大桥建成通车，启动东湖人民医院前期工作，建成市影剧艺术中心。"
    "全面完成保障性安居工程，推进一批重点项目和民生工程建设。\n"
)


def _by_name() -> dict[str, str | None]:
    return {p.name: p.status for p in extract_projects(PLAN)}


def test_projects_names_and_statuses_follow_the_genre() -> None:
    found = _by_name()
    assert found["青山湖智能制造产业园"] == "加快建设"
    assert found["江北物流园"] == "加快建设"
    assert found["长河大桥"] == "建成通车"
    assert found["东湖人民医院"] == "前期工作"
    assert found["市影剧艺术中心"] == "建成"
    assert found["保障性安居工程"] == "完成"


def test_projects_generic_phrases_are_not_projects() -> None:
    found = _by_name()
    assert "重点项目" not in found and "民生工程" not in found
    assert not any(name.startswith(("加快", "确保", "启动", "建成")) for name in found)


def test_projects_status_words_most_specific_first() -> None:
    assert status_of("确保某某产业园建成投产") == "建成投产"
    assert status_of("加快某某机场建设") == "加快建设"
    assert status_of("做好某某铁路前期工作") == "前期工作"
    assert status_of("研究某某问题") is None


def test_projects_of_the_sample_reports() -> None:
    for year, path in SAMPLES.items():
        projects = extract_projects(source_of(path))
        assert len(projects) >= 15, year
        assert len({p.name for p in projects}) == len(projects)
        assert all(p.to_dict()["name"] == p.name for p in projects)


def test_projects_of_an_interpretation() -> None:
    path = shared_dir() / "seeds" / "003_1394a1d998285cb9.txt"
    found = {p.name: p.status for p in extract_projects(source_of(path))}
    assert found.get("比亚迪智能制造产业园") == "加快建设"
    assert found.get("大浦通用机场") == "建成"


@pytest.mark.parametrize("name", ["影剧艺术中心"])
def test_projects_example_of_the_issue(name: str) -> None:
    path = shared_dir() / "seeds" / "002_b395784ce1fb8773.txt"
    found = {p.name: p.status for p in extract_projects(source_of(path))}
    assert found.get(name) == "建成"
