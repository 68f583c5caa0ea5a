"""The compare page, /api/compare, /api/panel and their downloads, over the samples' store."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from fastapi.testclient import TestClient


def test_api_compare_gives_one_headline_row_per_region_and_the_summary(client: TestClient) -> None:
    body = client.get("/api/compare", params={"indicator": "GDP", "year": 2021}).json()
    regions = [row["region"] for row in body["rows"]]
    assert regions == ["衡阳市"]
    row = body["rows"][0]
    assert row["headline"] is True and row["measure"] == "growth" and row["canonical"] == "地区生产总值"
    assert body["summary"]["by_lower_end"]["count"] == 1 and body["summary"]["national_stored"] is False
    assert any("not stored" in line for line in body["lines"])


def test_api_compare_refuses_a_bad_level(client: TestClient) -> None:
    assert client.get("/api/compare", params={"indicator": "GDP", "year": 2021, "level": "planet"}).status_code == 422


def test_api_panel_rows_by_region_and_year(client: TestClient) -> None:
    rows = client.get("/api/panel", params={"indicator": "地区生产总值", "from": 2017, "to": 2022}).json()["rows"]
    pairs = [(r["region"], r["year"]) for r in rows]
    assert ("衡阳市", 2021) in pairs and ("株洲市", 2022) in pairs
    assert len(pairs) == len(set(pairs))
    assert all(2017 <= year <= 2022 for _, year in pairs)


def test_compare_page_lists_the_rows_and_escapes_quotes(client: TestClient) -> None:
    page = client.get("/compare", params={"indicator": "地区生产总值", "year": 2022})
    assert page.status_code == 200 and "株洲市" in page.text
    assert "<img src=x" not in page.text  # the hostile report's quote is text
    assert 'href="/compare.csv?' in page.text and 'href="/panel.dta?' in page.text


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet", "dta"])
def test_panel_downloads_read_back(client: TestClient, fmt: str) -> None:
    response = client.get(f"/panel.{fmt}", params={"indicator": "地区生产总值", "wide": "true"})
    assert response.status_code == 200
    read = {"csv": lambda b: pd.read_csv(io.BytesIO(b), encoding="utf-8-sig"), "xlsx": pd.read_excel,
            "parquet": pd.read_parquet, "dta": pd.read_stata}[fmt]  # fmt: skip
    frame = read(io.BytesIO(response.content)) if fmt != "csv" else read(response.content)
    assert "衡阳市" in list(frame["region"]) and "value_2021" in frame.columns


def test_compare_download_of_an_unknown_format_is_404(client: TestClient) -> None:
    assert client.get("/compare.txt", params={"indicator": "GDP", "year": 2021}).status_code == 404
