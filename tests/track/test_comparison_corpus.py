"""compare and panel on the development corpus (../shared/corpus): the headline rows equal the hand-read tables.

- provinces2026: `compare 地区生产总值 2026` gives one row per stored region, equal
  to headline.jsonl's GDP target (canonical gdp_growth) region by region;
- national: the national panel of GDP targets 1992–2006 equals gdp_series.jsonl
  where both have a value.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the development corpus is not on this machine ({CORPUS})")


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


HEADLINES = (
    {d["region"]: d for d in _lines(CORPUS / "provinces2026" / "headline.jsonl") if d["canonical"] == "gdp_growth"}
    if CORPUS.is_dir() else {}
)  # fmt: skip
GDP = _lines(CORPUS / "national" / "gdp_series.jsonl") if CORPUS.is_dir() else []


@pytest.fixture(scope="module")
def province_store(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from mubiao.store import Store

    store = Store(str(tmp_path_factory.mktemp("provinces") / "p.db"))
    for region, row in sorted(HEADLINES.items()):
        store.ingest([CORPUS / "provinces2026" / row["doc"]], region=region, year=2026)
    yield store
    store.close()


@pytest.fixture(scope="module")
def national_store(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from mubiao.store import Store

    store = Store(str(tmp_path_factory.mktemp("national") / "n.db"))
    for path in sorted((CORPUS / "national").glob("national_*.txt")):
        store.ingest([path], region="全国", year=int(re.search(r"\d{4}", path.name).group()))
    yield store
    store.close()


@pytest.fixture(scope="module")
def compared(province_store: Any) -> Any:
    from mubiao.track import service

    return service.compare_table(province_store, "地区生产总值", 2026)


def test_compare_gives_at_most_one_row_per_region_and_says_the_national_report_is_missing(compared: Any) -> None:
    rows, summary = compared
    regions = [r.region for r in rows]
    assert len(regions) == len(set(regions))
    assert not summary.national_stored
    assert all(r.level == "province" and r.parent == "全国" for r in rows)


def test_compare_gives_a_row_for_every_stored_region(compared: Any) -> None:
    rows, _ = compared
    assert {r.region for r in rows} == set(HEADLINES)


@pytest.mark.parametrize("region", sorted(HEADLINES))
def test_compare_headline_equals_the_hand_read_target(compared: Any, region: str) -> None:
    rows, _ = compared
    want = HEADLINES[region]
    got = [(r.value, r.value_max, r.comparator, r.measure) for r in rows if r.region == region]
    assert got == [(want["value"], want["value_max"], want["comparator"], "growth")]


@pytest.mark.parametrize(
    "year",
    [d["year"] for d in GDP if 1992 <= d["year"] <= 2006 and d["target_value"] is not None],
)
def test_national_panel_equals_the_gdp_series(national_store: Any, year: int) -> None:
    import mubiao

    frame = mubiao.panel("地区生产总值", national_store.url, first=1992, last=2006)
    want = next(d for d in GDP if d["year"] == year)
    got = frame[frame["year"] == year]
    assert len(got) == 1, f"no national GDP target for {year}"
    row = got.iloc[0]
    top = None if row["value_max"] != row["value_max"] else row["value_max"]  # NaN → None
    assert (row["region"], row["value"], top) == ("全国", want["target_value"], want["target_value_max"])
