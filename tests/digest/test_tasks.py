"""Tasks: commitment clauses of a plan with verb, object, deadline and the records inside them."""

from __future__ import annotations

import json

from mubiao.digest import extract_tasks
from mubiao.digest.tasks import commitment, target_text

from .conftest import SAMPLES, source_of

PLAN = (
    "2022年某市政府工作报告\n"
    "一、2021年工作回顾\n"
    "过去一年，全市地区生产总值增长7%。\n"
    "三、2022年工作安排\n"
    "（一）着力推进产业发展，壮大实体经济。\n"
    "抓好重点项目。年内建成青山湖物流园，确保新增规模工业企业50家以上；到2025年，建成东湖科技城。"
    "上半年启动南门大桥前期工作。\n"
)


def test_tasks_plan_clauses_become_tasks() -> None:
    tasks = extract_tasks(PLAN)
    sentences = [t.sentence for t in tasks]
    assert "年内建成青山湖物流园，确保新增规模工业企业50家以上；" in sentences
    assert all("过去一年" not in s for s in sentences), "a review is not a task"
    assert all(t.sentence != "抓好重点项目。" for t in tasks), "the lead heads the measure"
    first = tasks[0]
    assert first.verb == "建成" and first.object == "青山湖物流园"
    assert first.deadline == "年内" and first.year == 2022
    assert first.measure == "抓好重点项目。"
    assert first.section[-1].startswith("（一）")
    assert [r.value for r in first.records] == [50]


def test_tasks_deadlines_name_their_year() -> None:
    tasks = {t.sentence: t for t in extract_tasks(PLAN)}
    later = tasks["到2025年，建成东湖科技城。"]
    assert later.deadline == "到2025年" and later.year == 2025
    half = tasks["上半年启动南门大桥前期工作。"]
    assert half.deadline == "上半年" and half.year == 2022


def test_tasks_commitment_needs_a_verb_or_a_target() -> None:
    assert commitment("2022年是实施十四五规划的关键之年。") is None
    assert commitment("加快建设智慧城市。") == ("加快", (2, 8))
    assert commitment("主要预期目标是：地区生产总值增长8%左右。", quantified=True)[0] == ""


def test_tasks_hold_every_target_of_the_plan(report) -> None:
    _year, source, _md = report
    tasks = extract_tasks(source)
    inside = {id(r) for t in tasks for r in t.records}
    missing = [r.quote for r in source.document.records if r.kind == "target" and id(r) not in inside]
    assert not missing
    assert len(tasks) > 100
    assert [t.index for t in tasks] == list(range(1, len(tasks) + 1))


def test_tasks_to_dict_is_json() -> None:
    tasks = extract_tasks(source_of(SAMPLES["2021"]))
    data = json.loads(json.dumps([t.to_dict() for t in tasks], ensure_ascii=False))
    with_targets = [d for d in data if d["targets"]]
    assert with_targets and {"verb", "object", "deadline", "year", "section", "sentence"} <= set(data[0])


def test_tasks_target_text_reads_like_the_report() -> None:
    records = {r.quote: r for r in source_of(SAMPLES["2021"]).document.records}
    assert target_text(records["地区生产总值增长8.5%左右"]) == "增长8.5%左右"
    assert target_text(records["居民消费价格指数控制在3%以内"]) == "增长3%以内"
