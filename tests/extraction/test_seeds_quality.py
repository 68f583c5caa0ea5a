"""The quality bar of the extraction core, graded by ../shared/gold/score.py on the seeds.

Runs exactly what the reviewer runs: `mubiao extract SEED --region 衡阳市 --year Y
--format jsonl` for the five seeds, concatenated, then the scorer.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED_YEARS


@pytest.fixture(scope="module")
def grade(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    pred = tmp_path_factory.mktemp("seeds") / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        for name, year in SEED_YEARS.items():
            run = subprocess.run(
                [sys.executable, "-m", "mubiao", "extract", str(shared / "seeds" / name), "--region", "衡阳市", "--year", str(year), "--format", "jsonl"],
                capture_output=True, text=True, check=True,
            )
            out.write(run.stdout)
    # ../shared/gold holds more than the seeds' gold (other reports too): grade against the seeds' files only.
    gold = tmp_path_factory.mktemp("gold") / "seeds.jsonl"
    gold.write_text("".join((shared / "gold" / f"{Path(name).stem}.jsonl").read_text(encoding="utf-8") for name in SEED_YEARS), encoding="utf-8")
    scored = subprocess.run(
        [sys.executable, str(shared / "gold" / "score.py"), str(gold), str(pred), "--json"],
        capture_output=True, text=True, check=True,
    )
    return json.loads(scored.stdout)


def test_seeds_overall_f1(grade: dict) -> None:
    assert grade["f1"] >= 0.92, grade


@pytest.mark.parametrize("kind", ["target", "achievement"])
def test_seeds_f1_per_kind(grade: dict, kind: str) -> None:
    assert grade[kind]["f1"] >= 0.88, grade[kind]


@pytest.mark.parametrize("field, bar", [("comparator", 0.95), ("measure", 0.90), ("year", 0.90), ("indicator", 0.85)])
def test_seeds_field_agreement(grade: dict, field: str, bar: float) -> None:
    assert grade["agreement"][field] >= bar, grade["agreement"]


def test_seeds_records_carry_jsonl_fields(shared: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "mubiao", "extract", str(shared / "seeds" / "004_6410479e007ff1ce.txt"), "--region", "衡阳市", "--year", "2021"],
        capture_output=True, text=True, check=True,
    )
    first = json.loads(run.stdout.splitlines()[0])
    for field in ("doc", "quote", "kind", "indicator", "value", "value_max", "unit", "comparator", "measure", "year", "period_start", "section", "start", "end"):
        assert field in first
    assert first["doc"] == "004_6410479e007ff1ce.txt"
    original = (shared / "seeds" / "004_6410479e007ff1ce.txt").read_text(encoding="utf-8")
    assert original[first["start"] : first["end"]].strip() == first["quote"]
