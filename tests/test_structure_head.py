"""Region, year and title from a document's head and opening formula only, never a guess from its body."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from mubiao.clean import clean
from mubiao.pipeline import read_document
from mubiao.store import Store
from mubiao.structure import parse_structure

CASES = yaml.safe_load((Path(__file__).parent / "data" / "head_cases.yaml").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_head_cases(case: dict) -> None:
    structure = parse_structure(clean(case["text"]))
    assert (structure.region, structure.year, structure.title) == (case["region"], case["year"], case["title"])


def test_national_reports_are_national_or_none_never_a_place_in_a_word(shared: Path) -> None:
    """../shared/corpus/national: reports without a title get 全国 from 我代表国务院, else none."""
    found = {}
    for path in sorted((shared / "corpus" / "national").glob("national_*.txt")):
        found[path.name] = read_document(path).region
    assert set(found.values()) <= {"全国", None}, found
    assert found["national_1985.txt"] is None  # no formula in its opening paragraph: no guess (was 香港特别行政区)
    assert found["national_1998.txt"] == "全国"  # the formula stands mid-paragraph (was 香港特别行政区)
    assert sum(v == "全国" for v in found.values()) >= 25


def test_ingest_warns_naming_the_file_stored_without_region(tmp_path: Path) -> None:
    report = tmp_path / "untitled.txt"
    report.write_text(CASES[1]["text"], encoding="utf-8")
    titled = tmp_path / "titled.txt"
    titled.write_text(CASES[6]["text"], encoding="utf-8")
    with Store(str(tmp_path / "s.db")) as store:
        summary = store.ingest([report, titled])
        regions = dict(zip(store.documents()["name"], store.documents()["region"], strict=True))
    assert pd.isna(regions["untitled.txt"]) and regions["titled.txt"] == "湖南省"
    warnings = [line for line in str(summary).splitlines() if line.startswith("warning:")]
    assert warnings == [f"warning: {report}: no region in its title or opening formula: stored without one (pass --region to set it)"]
    with Store(str(tmp_path / "s2.db")) as store:
        given = store.ingest(report, region="全国")
    assert "warning" not in str(given)
