"""Numbers read correctly or not at all, and text no store can take (tests/data/hostile_inputs.yaml)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import yaml

import mubiao

CASES = yaml.safe_load((Path(__file__).parents[1] / "data" / "hostile_inputs.yaml").read_text(encoding="utf-8"))["numbers"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_number_is_read_correctly_or_not_at_all(case: dict) -> None:
    records = mubiao.extract(case["text"])
    assert [r.value for r in records] == case["values"]
    for record in records:
        assert math.isfinite(record.value)
        json.dumps(record.to_dict(), allow_nan=False, ensure_ascii=False).encode("utf-8")
