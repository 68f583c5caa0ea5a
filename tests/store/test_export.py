"""Records and documents out: DataFrames, and jsonl, csv, xlsx, parquet and Stata files that read back."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from mubiao.errors import ExportError
from mubiao.store import Store
from mubiao.export import stata_frame, write
from mubiao.store.query import DOCUMENT_COLUMNS, RECORD_COLUMNS
from tests.conftest import run_cli
from tests.store.conftest import make_document

PARAGRAPHS = ("一、2021年工作安排", "地区生产总值增长8.5%左右。", "新建学校63所。", "城镇登记失业率控制在4.5%以内。")


@pytest.fixture()
def filled(store: Store) -> Store:
    store.add(make_document("a.txt", PARAGRAPHS, region="衡阳市", year=2021))
    store.add(make_document("b.txt", PARAGRAPHS[:2], region="株洲市", year=2020, kind="interpretation"))
    return store


def test_export_records_frame_columns_and_types(filled: Store) -> None:
    frame = filled.records()
    assert tuple(frame.columns) == RECORD_COLUMNS
    assert len(frame) == 4
    assert frame["value"].dtype == "float64"
    assert str(frame["year"].dtype) == "Int64"
    assert frame["section"].tolist()[0] == "一、2021年工作安排"
    assert set(frame["region"]) == {"衡阳市", "株洲市"}


def test_export_records_filters(filled: Store) -> None:
    assert set(filled.records(region="株洲市")["doc"]) == {"b.txt"}
    assert set(filled.records(year=2021)["doc"]) == {"a.txt"}
    assert set(filled.records(kind="interpretation")["doc"]) == {"b.txt"}
    assert len(filled.records(kind="achievement")) == 4 and filled.records(kind="target").empty
    assert filled.records(indicator="指标2")["indicator"].tolist() == ["指标2"]
    assert len(filled.records(measure="growth")) == 4
    assert len(filled.records(doc="a.txt")) == 3 and len(filled.records(doc=2)) == 1
    assert len(filled.records(record_year=2020)) == 4
    with pytest.raises(ValueError):
        filled.records(kind="plan")


def test_export_documents_frame(filled: Store) -> None:
    frame = filled.documents()
    assert tuple(frame.columns) == DOCUMENT_COLUMNS
    assert frame["name"].tolist() == ["a.txt", "b.txt"]
    assert frame["n_records"].tolist() == [3, 1]
    assert set(filled.documents(kind="interpretation")["name"]) == {"b.txt"}


def test_export_files_read_back(filled: Store, tmp_path: Path) -> None:
    frame = filled.records()
    for fmt in ("jsonl", "csv", "xlsx", "parquet", "dta"):
        write(frame, fmt, tmp_path / f"r.{fmt}")
    rows = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows[0]["indicator"] == "指标1" and rows[0]["value"] == 9.5 and rows[0]["value_max"] is None
    assert (tmp_path / "r.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    assert pd.read_csv(tmp_path / "r.csv", encoding="utf-8-sig")["quote"].tolist() == frame["quote"].tolist()
    assert pd.read_excel(tmp_path / "r.xlsx")["region"].tolist() == frame["region"].tolist()
    assert pd.read_parquet(tmp_path / "r.parquet")["value"].tolist() == frame["value"].tolist()
    stata = pd.read_stata(tmp_path / "r.dta")
    assert stata["quote"].tolist() == frame["quote"].tolist()
    assert stata["value"].tolist() == frame["value"].tolist()
    assert all(len(c) <= 32 and c.isascii() for c in stata.columns)


def test_export_stata_names_are_short_ascii_and_unique() -> None:
    frame = pd.DataFrame({"地区": ["衡阳市"], "a" * 40: [1], "a" * 41: [2], "年份": [pd.NA], "end": [3]})
    out = stata_frame(frame.astype({"年份": "Int64"}))
    assert all(len(c) <= 32 and c.isascii() for c in out.columns)
    assert len(set(out.columns)) == 5 and "end" not in out.columns  # a word Stata reserves
    assert out.iloc[0, 3] != out.iloc[0, 3]  # missing stays missing (a float NaN)


def test_export_stata_long_strings(tmp_path: Path) -> None:
    frame = pd.DataFrame({"quote": ["长" * 3000, None], "n": [1, 2]})
    write(frame, "dta", tmp_path / "long.dta")
    assert pd.read_stata(tmp_path / "long.dta")["quote"].tolist() == ["长" * 3000, ""]


def test_export_binary_format_needs_a_file(filled: Store) -> None:
    with pytest.raises(ExportError, match="-o FILE"):
        write(filled.records(), "xlsx")


def test_export_cli_records_and_documents(db_url: str, tmp_path: Path) -> None:
    with Store(db_url) as store:
        store.add(make_document("a.txt", PARAGRAPHS, region="衡阳市", year=2021))
    out = tmp_path / "records.dta"
    result = run_cli("records", "--db", db_url, "--region", "衡阳市", "--format", "dta", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert len(pd.read_stata(out)) == 3
    result = run_cli("records", "--db", db_url, "--format", "csv", "--indicator", "指标3")
    assert result.returncode == 0 and result.stdout.splitlines()[0].startswith("record_id,")
    assert len(result.stdout.splitlines()) == 2
    result = run_cli("documents", "--db", db_url, "--format", "jsonl")
    assert json.loads(result.stdout)["name"] == "a.txt"
    result = run_cli("records", "--db", db_url, "--format", "parquet")
    assert result.returncode == 2 and "-o FILE" in result.stderr
    result = run_cli("records", "--db", db_url, "--kind", "plan")
    assert result.returncode == 2


def test_export_to_bytes_for_downloads(filled: Store) -> None:
    from mubiao.export import to_bytes

    frame = filled.documents()
    assert to_bytes(frame, "csv").decode("utf-8").startswith("document_id,name")
    assert to_bytes(frame, "xlsx")[:2] == b"PK"  # a zip: the xlsx container
    assert to_bytes(frame, "jsonl").count(b"\n") == 2
