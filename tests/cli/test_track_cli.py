"""`mubiao indicators | outcome | track | diff | compare` on the command line.

The seed tests run `python -m mubiao` in a child process; the others call the
same Typer app in this process (`cli`), which is several times faster.
Database tests run against SQLite, and PostgreSQL when MUBIAO_TEST_PG is set;
the seed tests skip when ../shared is absent.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, fields
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from mubiao.cli import app
from mubiao.store import Store
from mubiao.lang.vocabulary import indicators
from mubiao.track.verdict import VERDICTS, Change, Verdict
from tests.track.track_helpers import REGION, fill_hand_store

VERDICT_KEYS = [
    "region", "indicator", "canonical", "target_doc", "target_quote", "target_year", "comparator", "value",
    "value_max", "unit", "measure", "verdict", "outcome_doc", "outcome_quote", "outcome_value", "outcome_unit",
    "outcome_year", "reason", "outcome_estimate", "target_record_id", "outcome_record_id",
]  # fmt: skip


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def cli(*args: str) -> Ran:
    """`mubiao ARGS` in this process: exit status, standard output and standard error."""
    result = CliRunner().invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Ran(result.exit_code, result.stdout, result.stderr)


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture()
def hand_db(db_url: str) -> str:
    """A store with the hand-made reports of 衡阳市 (2020 and 2021) of the service tests."""
    with Store(db_url) as store:
        fill_hand_store(store)
    return db_url


# ---------------------------------------------------------------- the seeds


def test_track_cli_seeds_diff_shows_unemployment_unchanged(seeded_url: str) -> None:
    result = cli("diff", "衡阳市", "2018", "2019", "--db", seeded_url, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    changes = jsonl(result.stdout)
    assert changes and all(set(c) == {f.name for f in fields(Change)} for c in changes)
    unemployment = [c for c in changes if c["canonical"] == "城镇登记失业率"]
    assert [c["change"] for c in unemployment] == ["unchanged"]
    assert "4.5%以内" in unemployment[0]["quote_a"] and "4.5%以内" in unemployment[0]["quote_b"]
    table = cli("diff", "衡阳", "2018", "2019", "--db", seeded_url)  # short name, table format
    assert table.returncode == 0 and "城镇登记失业率" in table.stdout and "unchanged" in table.stdout


def test_track_cli_seeds_track_gives_every_target_one_verdict(seeded_url: str) -> None:
    result = cli("track", "--db", seeded_url, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    rows = jsonl(result.stdout)
    with Store(seeded_url) as store:
        assert len(rows) == len(store.records(kind="target"))
    assert all(list(row) == VERDICT_KEYS for row in rows)
    assert {row["verdict"] for row in rows} <= set(VERDICTS)
    gdp = [r for r in rows if r["target_year"] == 2021 and r["value"] == 4000 and r["canonical"] == "地区生产总值"]
    assert len(gdp) == 1 and gdp[0]["verdict"] == "off track"
    assert gdp[0]["outcome_value"] == 3500 and "需增长14.3%" in gdp[0]["reason"]


# ---------------------------------------------------------------- indicators


def test_track_cli_indicators_lists_the_vocabulary() -> None:
    result = cli("indicators", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    rows = jsonl(result.stdout)
    assert len(rows) == len(indicators())
    gdp = next(r for r in rows if r["id"] == "gdp")
    assert gdp["name"] == "地区生产总值" and "GDP" in gdp["synonyms"] and "亿元" in gdp["units"]
    assert set(gdp) == {"name", "id", "en", "synonyms", "units", "measures"}
    as_csv = cli("indicators", "-f", "csv")
    assert as_csv.returncode == 0
    table = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(table) == len(rows) and table[0]["name"] == rows[0]["name"]


def test_track_cli_indicators_map_then_track_shows_new_canonical(hand_db: str) -> None:
    before = jsonl(cli("track", "--db", hand_db, "-f", "jsonl", "--indicator", "经济体量").stdout)
    assert [r["canonical"] for r in before] == [None]
    mapped = cli("indicators", "map", "经济体量", "地区生产总值", "--db", hand_db)
    assert mapped.returncode == 0, mapped.stderr
    assert "1 stored record re-mapped" in mapped.stdout
    after = jsonl(cli("track", "--db", hand_db, "-f", "jsonl", "--indicator", "经济体量").stdout)
    mine = [(r["canonical"], r["verdict"]) for r in after if r["indicator"] == "经济体量"]
    assert mine == [("地区生产总值", "on track")]
    assert len(after) == 3  # 经济体量 now names GDP: the GDP targets match too
    listed = cli("indicators", "mappings", "--db", hand_db, "-f", "jsonl")
    assert jsonl(listed.stdout) == [{"raw": "经济体量", "canonical": "地区生产总值"}]


def test_track_cli_indicators_map_unknown_canonical_exits_2(hand_db: str) -> None:
    result = cli("indicators", "map", "经济体量", "经济规模", "--db", hand_db)
    assert result.returncode == 2
    assert "经济规模" in result.stderr and "not a canonical indicator" in result.stderr
    assert result.stdout == ""


# ---------------------------------------------------------------- outcomes


def test_track_cli_outcome_add_makes_the_target_met(hand_db: str) -> None:
    added = cli(
        "outcome", "add", "--region", "衡阳", "--indicator", "城镇登记失业率", "--year", "2021", "--value", "4.2",
        "--unit", "%", "--source", "2021年统计公报", "--db", hand_db,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "added" in added.stdout and "衡阳市" in added.stdout
    rows = jsonl(cli("track", "--db", hand_db, "-f", "jsonl", "--indicator", "失业率").stdout)
    assert [(r["verdict"], r["outcome_doc"], r["outcome_value"]) for r in rows] == [("met", "2021年统计公报", 4.2)]
    bad = cli("outcome", "add", "--region", REGION, "--indicator", "GDP", "--year", "2021", "--value", "1",
                  "--unit", "亿元", "--measure", "total", "--db", hand_db)
    assert bad.returncode == 2


def test_track_cli_outcome_import_reports_the_bad_row_and_keeps_the_others(hand_db: str, tmp_path: Path) -> None:
    path = tmp_path / "bulletin.csv"
    path.write_text(
        "region,indicator,year,value,unit,measure,source\n"
        "衡阳市,城镇登记失业率,2021,4.9,%,level,公报\n"
        "衡阳市,地区生产总值,2021,lots,亿元,level,公报\n"
        "衡阳市,地区生产总值,2021,8.1,%,growth,公报\n",
        encoding="utf-8",
    )
    result = cli("outcome", "import", str(path), "--db", hand_db)
    assert result.returncode == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and f"{path}:3:" in errors[0] and "lots" in errors[0]
    assert "2 added" in result.stdout and "1 row refused" in result.stdout
    listed = jsonl(cli("outcome", "list", "--db", hand_db, "-f", "jsonl").stdout)
    assert sorted((o["indicator"], o["value"]) for o in listed) == [("地区生产总值", 8.1), ("城镇登记失业率", 4.9)]
    rows = jsonl(cli("track", "--db", hand_db, "-f", "jsonl", "--year", "2021").stdout)
    verdicts = {r["target_quote"]: r["verdict"] for r in rows}
    assert verdicts["城镇登记失业率控制在4.5%以内"] == "missed"
    assert verdicts["全年地区生产总值增长8%左右"] == "met"
    missing = cli("outcome", "import", str(tmp_path / "absent.csv"), "--db", hand_db)
    assert missing.returncode == 2 and "no such file" in missing.stderr


# ---------------------------------------------------------------- track, diff, compare


def test_track_cli_track_formats_and_filters(hand_db: str, tmp_path: Path) -> None:
    table = cli("track", "--db", hand_db, "--region", "衡阳")
    assert table.returncode == 0, table.stderr
    assert "经济体量" in table.stdout and "5 targets: 1 met, 3 awaiting report, 1 no data" in table.stderr
    as_csv = cli("track", "--db", hand_db, "-f", "csv", "--year", "2020")
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert list(rows[0]) == [f.name for f in fields(Verdict)] and len(rows) == 2
    no_file = cli("track", "--db", hand_db, "-f", "xlsx")
    assert no_file.returncode == 2 and "-o FILE" in no_file.stderr
    out = tmp_path / "track.xlsx"
    assert cli("track", "--db", hand_db, "-f", "xlsx", "-o", str(out)).returncode == 0
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[1]] == VERDICT_KEYS and sheet.max_row == 6


def test_track_cli_diff_missing_year_exits_2(hand_db: str) -> None:
    result = cli("diff", "衡阳市", "2019", "2021", "--db", hand_db)
    assert result.returncode == 2
    assert "report year 2019" in result.stderr and "2020, 2021" in result.stderr


def test_track_cli_compare_lists_the_regions_targets(hand_db: str) -> None:
    result = cli("compare", "GDP", "2021", "--db", hand_db, "-f", "jsonl")
    assert result.returncode == 0, result.stderr
    rows = jsonl(result.stdout)
    assert [(r["region"], r["level"], r["parent"], r["value"], r["measure"]) for r in rows] == [
        ("衡阳市", "city", "湖南省", 8, "growth")
    ]
    empty = cli("compare", "GDP", "2030", "--db", hand_db)
    assert empty.returncode == 0 and "no stored target" in empty.stderr


def test_track_cli_bad_database_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database", encoding="utf-8")
    result = cli("track", "--db", str(path))
    assert result.returncode == 2 and "not a mubiao database" in result.stderr


def test_track_cli_compare_prints_the_summary_and_filters(hand_db: str) -> None:
    result = cli("compare", "GDP", "2021", "--db", hand_db, "--within", "湖南省", "--measure", "growth")
    assert result.returncode == 0, result.stderr
    assert "by lower end of ranges" in result.stderr and "is not stored" in result.stderr
    none = cli("compare", "GDP", "2021", "--db", hand_db, "--level", "county", "-f", "jsonl")
    assert none.returncode == 0 and jsonl(none.stdout) == []


def test_track_cli_panel_long_and_wide_for_stata(hand_db: str, tmp_path: Path) -> None:
    import pandas as pd

    long = cli("panel", "GDP", "--db", hand_db, "--from", "2020", "--to", "2021", "-f", "jsonl")
    assert long.returncode == 0, long.stderr
    rows = jsonl(long.stdout)
    assert [(r["region"], r["year"]) for r in rows] == sorted({(r["region"], r["year"]) for r in rows})
    out = tmp_path / "panel.dta"
    wide = cli("panel", "GDP", "--db", hand_db, "--wide", "-f", "dta", "-o", str(out))
    assert wide.returncode == 0, wide.stderr
    frame = pd.read_stata(out)
    assert list(frame["region"]) == ["衡阳市"] and "value_2021" in frame.columns
