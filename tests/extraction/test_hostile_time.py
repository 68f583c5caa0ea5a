"""Extraction time is linear in the input on hostile shapes (tests/data/hostile_inputs.yaml)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from mubiao.pipeline import read_document

SHAPES = yaml.safe_load((Path(__file__).parents[1] / "data" / "hostile_inputs.yaml").read_text(encoding="utf-8"))["time_shapes"]


def _text(unit: str, kb: int) -> str:
    return "某市政府工作报告\n" + unit * (kb * 1024 // len(unit.encode("utf-8"))) + "达标率为95%。\n"


@pytest.mark.parametrize("shape", SHAPES, ids=[s["name"] for s in SHAPES])
def test_hostile_shape_extracts_in_bounded_time(shape: dict) -> None:
    read_document("热身：增长5%。", name="<warm>")
    began = time.perf_counter()
    read_document(_text(shape["unit"], shape["kb"]), name="<hostile>")
    assert time.perf_counter() - began < shape["max_seconds"]


def test_clause_too_long_for_a_sentence_gives_no_records() -> None:
    """A clause of thousands of numbers is no sentence of the genre; the one after it still counts."""
    doc = read_document("报告\n" + "新建公园2个、" * 400 + "新建学校3所。粮食产量增长2%。\n", name="<long>")
    assert [r.number_text for r in doc.records] == ["2%"]
