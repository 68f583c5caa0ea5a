"""The extraction cases of tests/data/extract_cases.yaml, one parametrized test."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import mubiao

CASES = yaml.safe_load((Path(__file__).parents[1] / "data" / "extract_cases.yaml").read_text(encoding="utf-8"))

CONTEXTS = {
    "plan": "{year}年某市政府工作报告\n三、{year}年工作安排\n{text}\n",
    "goals": "{year}年某市政府工作报告\n二、“十四五”时期主要目标任务\n{text}\n",
    "review": "{year}年某市政府工作报告\n一、{previous}年工作回顾\n{text}\n",
    "interpretation": "政府工作报告解读·目标篇\n关键词：发展\n【举措一】推进发展。{text}\n",
    "none": "{text}\n",
    # after the closing call of a report: an appendix or a glossary (back matter)
    "closing": "{year}年某省人民政府工作报告\n三、{year}年工作安排\n新建学校10所。\n"
    "各位代表！让我们团结一心，为建设美好家园而努力奋斗！\n{text}\n",
}


def _params():
    for case in CASES:
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
        yield pytest.param(case, id=case["id"], marks=marks)


@pytest.mark.parametrize("case", list(_params()))
def test_extract_case(case: dict) -> None:
    year = case.get("year", 2021)
    text = CONTEXTS[case["context"]].format(year=year, previous=(year or 2021) - 1, text=case["text"])
    records = mubiao.extract(text, year=year)
    got = [r.to_dict() for r in records]
    if case["context"] == "closing":  # the body's own record is not the case's
        got = [r for r in got if r["quote"] != "新建学校10所"]
    expected = case["expect"]
    assert len(got) == len(expected), f"expected {len(expected)} records, got {[(r['value'], r['unit'], r['quote']) for r in got]}"
    for want, record in zip(expected, got):
        for field, value in want.items():
            if field == "indicator":
                assert value in record["indicator"] or record["indicator"] in value, (field, value, record)
            elif field == "indicator_exact":  # where a word too many is the error the case is about
                assert record["indicator"] == value, (field, value, record)
            else:
                assert record[field] == value, (field, value, record)
    for record in got:
        assert record["quote"] and record["quote"] in text
