"""Headline targets: the annual targets of a report's targets list (主要预期目标), one per indicator and measure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import mubiao

CASES = yaml.safe_load((Path(__file__).parents[1] / "data" / "headline_cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_headline_targets(case: dict[str, Any]) -> None:
    records = mubiao.extract(case["text"], year=case["year"])
    marked = [[r.indicator, r.value] for r in records if r.headline]
    assert marked == [[name, pytest.approx(value)] for name, value in case["headline"]]
    assert all(r.kind == "target" and r.year == case["year"] for r in records if r.headline)


def test_headline_is_written_out() -> None:
    record = mubiao.extract(CASES[0]["text"], year=2030)[1]
    assert record.to_dict()["headline"] is True
