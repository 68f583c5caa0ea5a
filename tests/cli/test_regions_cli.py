"""One region resolver for every command and the API: 湖南 and 湖南省 give the same rows; 火星省 is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from mubiao.errors import UnknownRegion
from mubiao.lang.regions import resolve
from mubiao.samples import sample_paths
from mubiao.store import Store
from mubiao.web import create_app
from tests.conftest import run_cli

PROVINCE_REPORT = """2030年湖南省政府工作报告

一、2029年工作回顾

全省地区生产总值增长5.1%，新质生产力加快培育，新增城镇就业45万人。

二、2030年工作安排

全省地区生产总值增长5.5%左右，居民消费价格涨幅2%左右，新质生产力发展取得新突破。
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("regions")
    report = folder / "hunan_2030.txt"
    report.write_text(PROVINCE_REPORT, encoding="utf-8")
    path = folder / "store.db"
    with Store(str(path)) as store:
        assert store.ingest([report, *sample_paths()]).ok
    return str(path)


@pytest.mark.parametrize(
    ("given", "expected"),
    [("湖南", "湖南省"), ("湖南省", "湖南省"), ("衡阳", "衡阳市"), ("国务院", "全国"), ("中国", "全国"), ("全国", "全国"),
     ("湖南省衡阳市", "衡阳市"), ("横县", "横州市")],
)
def test_resolve_short_historic_and_national_names(given: str, expected: str) -> None:
    assert resolve(given) == expected


def test_resolve_unknown_name_refused_with_suggestions() -> None:
    with pytest.raises(UnknownRegion) as err:
        resolve("火星省")
    assert "火星省" in str(err.value) and "[E501]" in str(err.value)
    with pytest.raises(UnknownRegion) as close:
        resolve("湖南生")
    assert "湖南省" in close.value.suggestions
    assert resolve("某某开发区", known=["某某开发区"]) == "某某开发区"  # a stored name is taken as stored


def _out(*args: str) -> str:
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(
    "command",
    [("records", "-f", "jsonl"), ("documents", "-f", "jsonl"), ("search", "新质生产力", "-f", "jsonl"), ("track", "-f", "jsonl")],
    ids=lambda c: c[0],
)
def test_short_and_full_name_give_the_same_rows(db: str, command: tuple[str, ...]) -> None:
    short = _out(*command, "--db", db, "--region", "湖南")
    full = _out(*command, "--db", db, "--region", "湖南省")
    assert short == full and short.strip(), command
    rows = [json.loads(line) for line in short.splitlines()]
    assert all(row.get("region", "湖南省") == "湖南省" for row in rows)


def test_within_with_short_name(db: str) -> None:
    short = _out("records", "--db", db, "--region", "湖南", "--within", "-f", "csv")
    assert short == _out("records", "--db", db, "--region", "湖南省", "--within", "-f", "csv")
    assert "衡阳市" in short


@pytest.mark.parametrize("command", [("records",), ("documents",), ("search", "增长"), ("track",), ("diff", "火星省", "2020", "2021")])
def test_unknown_region_refused(db: str, command: tuple[str, ...]) -> None:
    args = [*command, "--db", db] + ([] if command[0] == "diff" else ["--region", "火星省"])
    result = run_cli(*args)
    assert result.returncode == 2 and "unknown region '火星省'" in result.stderr


def test_ingest_and_extract_refuse_unknown_region(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(PROVINCE_REPORT, encoding="utf-8")
    for args in (("ingest", str(report), "--db", str(tmp_path / "s.db")), ("extract", str(report))):
        result = run_cli(*args, "--region", "火星省")
        assert result.returncode == 2 and "[E501]" in result.stderr
    assert not (tmp_path / "s.db").exists() or Store(str(tmp_path / "s.db")).documents().empty


def test_api_same_rows_for_short_and_full_name(db: str) -> None:
    with TestClient(create_app(f"sqlite:///{db}")) as client:
        for path in ("/api/records", "/api/documents"):
            short = client.get(path, params={"region": "湖南"})
            full = client.get(path, params={"region": "湖南省"})
            assert short.status_code == full.status_code == 200
            assert short.json() == full.json() and short.json()["total"] > 0
        unknown = client.get("/api/records", params={"region": "湖南生"})
        assert unknown.status_code == 404 and "湖南省" in unknown.json()["detail"]
