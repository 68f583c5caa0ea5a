"""The national GDP and price series of ../shared/corpus/national, through the store and the tracker.

Each national report is ingested as region 全国 with the year of its file name; every
pair of gdp_series.jsonl and cpi_series.jsonl must get the right verdict from the right
outcome, or no verdict where the series states no outcome figure. Prices are ceilings.
Skipped when ../shared is absent. Pairs that fail only because extraction misreads the
report are strict xfails naming the cause.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mubiao.store import Store
from mubiao.track import service

from .track_helpers import GOLD

NATIONAL = GOLD.parent / "corpus" / "national"
pytestmark = pytest.mark.skipif(not NATIONAL.is_dir(), reason="../shared/corpus/national is not on this machine")

#: (series, year) → why extraction fails it; the test must fail while the cause stands.
EXTRACTION_FAILS = {
    ("gdp", 1997): "extraction: the outcome 8 ．8 ％ (spaces inside the number) is read as 8, dated 1993–1997",
}


def _series(name: str) -> list[dict[str, Any]]:
    path = NATIONAL / f"{name}_series.jsonl"
    if not path.is_file():
        return []
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["target_quote"] and r["target_value"] is not None]


def _expected(row: dict[str, Any], ceiling: bool) -> str:
    """met or missed as a reader judges the pair (a price target is a ceiling)."""
    low, high, comparator, out = row["target_value"], row["target_value_max"], row["target_comparator"], row["outcome_value"]
    slack = 0.5 if comparator == "~" else 0
    if ceiling:
        return "met" if out <= (high if high is not None else low) + slack else "missed"
    if comparator == "<=":
        return "met" if out <= low else "missed"
    return "met" if out >= low - slack else "missed"


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('national')}/s.db")
    for path in sorted(NATIONAL.glob("national_*.txt")):
        store.ingest([path], region="全国", year=int(path.stem.split("_")[1]))
    return [v.to_dict() for v in service.track(store, region="全国")]


def _hit(verdicts: list[dict[str, Any]], row: dict[str, Any]) -> dict[str, Any] | None:
    """The tracked target of the row's document whose quote overlaps the row's and has its value."""
    text = (NATIONAL / row["target_doc"]).read_text(encoding="utf-8")
    at = text.find(row["target_quote"])
    span = range(at, at + len(row["target_quote"]))
    for v in verdicts:
        if v["target_doc"] != row["target_doc"] or abs(v["value"] - row["target_value"]) > 1e-9:
            continue
        if (v["value_max"] is None) != (row["target_value_max"] is None):
            continue
        start = text.find(v["target_quote"])
        if start >= 0 and (start in span or at in range(start, start + len(v["target_quote"]))):
            return v
    return None


def _params() -> list[Any]:
    out = []
    for name in ("gdp", "cpi"):
        for row in _series(name):
            cause = EXTRACTION_FAILS.get((name, row["year"]))
            marks = [pytest.mark.xfail(strict=True, reason=cause)] if cause else []
            out.append(pytest.param(name, row, marks=marks, id=f"{name}-{row['year']}"))
    return out


@pytest.mark.parametrize(("name", "row"), _params())
def test_national_pair_gets_the_right_verdict(verdicts: list[dict[str, Any]], name: str, row: dict[str, Any]) -> None:
    hit = _hit(verdicts, row)
    assert hit is not None, f"target not found: {row['target_quote']}"
    if row["outcome_value"] is None:
        assert hit["verdict"] not in ("met", "missed"), hit["reason"]
        return
    assert hit["verdict"] == _expected(row, ceiling=name == "cpi"), hit["reason"]
    assert hit["outcome_value"] == pytest.approx(row["outcome_value"]), hit["outcome_quote"]


def test_national_series_no_false_verdict(verdicts: list[dict[str, Any]]) -> None:
    """Whatever extraction misses, no pair gets met/missed against what the next report states."""
    false = []
    for name in ("gdp", "cpi"):
        for row in _series(name):
            hit = _hit(verdicts, row)
            if hit is None or hit["verdict"] not in ("met", "missed"):
                continue
            if row["outcome_value"] is None or hit["verdict"] != _expected(row, ceiling=name == "cpi"):
                false.append((name, row["year"], hit["verdict"], hit["reason"]))
    assert false == []
