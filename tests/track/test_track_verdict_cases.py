"""The verdict rules as a case table (tests/data/verdict_cases.yaml): target → outcomes → verdict."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from mubiao.model import Record
from mubiao.track.verdict import link

CASES = Path(__file__).resolve().parents[1] / "data" / "verdict_cases.yaml"


def _record(kind: str, fields: dict[str, Any]) -> Record:
    year = fields.get("year")
    report_year = fields.get("report_year", year)
    return Record(
        doc=f"某省-{report_year}.txt",
        quote=fields["quote"],
        kind=kind,  # type: ignore[arg-type]
        indicator=fields["indicator"],
        value=float(fields["value"]),
        value_max=fields.get("value_max"),
        unit=fields.get("unit", "%"),
        comparator=fields.get("comparator", "="),
        measure=fields.get("measure", "level"),
        year=year,
        period_start=fields.get("period_start"),
        start=fields.get("start", -1),
        end=fields.get("end", -1),
        region="某省",
        report_year=report_year,
    )


def _cases() -> list[dict[str, Any]]:
    return yaml.safe_load(CASES.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", _cases(), ids=lambda case: case["name"])
def test_verdict_case(case: dict[str, Any]) -> None:
    target = _record("target", case["target"])
    outcomes = [_record("achievement", o) for o in case["outcomes"]]
    [got] = link([target], outcomes, today=case.get("today", 2030))
    assert got.verdict == case["verdict"], got.reason
    if "outcome_value" in case:
        assert got.outcome_value == pytest.approx(case["outcome_value"])
    for words in case.get("reason", []):
        assert words in got.reason, got.reason
    assert got.outcome_estimate == case.get("estimate", False)


def test_a_target_stated_twice_in_one_report_gets_one_verdict() -> None:
    first = _record("target", {"quote": "经济增长预期目标为5%左右", "indicator": "经济增长预期目标", "value": 5,
                               "comparator": "~", "year": 2020})
    second = _record("target", {"quote": "国内生产总值增长5%左右", "indicator": "国内生产总值", "value": 5,
                                "comparator": "~", "measure": "growth", "year": 2020})
    outcome = _record("achievement", {"quote": "国内生产总值增长4.7%", "indicator": "国内生产总值", "value": 4.7,
                                      "measure": "growth", "year": 2020, "report_year": 2021})
    a, b = link([first, second], [outcome], today=2030)
    assert (a.verdict, a.outcome_value) == (b.verdict, b.outcome_value) == ("met", 4.7)
    assert "同一目标" in b.reason
