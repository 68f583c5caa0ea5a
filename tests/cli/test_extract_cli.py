"""`mubiao extract` on good and bad input: one bad file never stops a batch."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfWriter

GOOD = "2021年某市政府工作报告\n三、2021年工作安排\n地区生产总值增长8.5%左右，城镇登记失业率控制在4.5%以内。\n"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mubiao", *args], capture_output=True, text=True)


@pytest.fixture()
def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    empty_folder = tmp_path / "nothing"
    empty_folder.mkdir()
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "garbled.txt").write_bytes(bytes([0x81, 0x30, 0xFF, 0xFE, 0x80, 0xFF] * 50))
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with (tmp_path / "scan.pdf").open("wb") as out:
        writer.write(out)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    return {
        "missing": tmp_path / "missing.txt",
        "empty folder": empty_folder,
        "empty file": tmp_path / "empty.txt",
        "binary": tmp_path / "image.txt",
        "unknown encoding": tmp_path / "garbled.txt",
        "no text layer": tmp_path / "scan.pdf",
        "good": tmp_path / "good.txt",
    }


def test_cli_extract_reports_each_bad_input_and_goes_on(bad_inputs: dict[str, Path]) -> None:
    result = run("extract", *map(str, bad_inputs.values()), "--format", "jsonl")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    for label, path in bad_inputs.items():
        if label == "good":
            continue
        assert any(str(path) in line or path.name in line for line in lines), (label, lines)
    assert len(lines) == len(bad_inputs) - 1, lines
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["value"] for r in records} == {8.5, 4.5}
    assert all(r["doc"] == "good.txt" for r in records)


def test_cli_extract_region_and_year_options(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("三、今年工作安排\n地区生产总值增长6%左右。\n", encoding="utf-8")
    result = run("extract", str(path), "--region", "衡阳市", "--year", "2024")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout.splitlines()[0])
    assert (record["region"], record["year"], record["report_year"]) == ("衡阳市", 2024, 2024)


def test_cli_extract_year_unknown_is_null(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("三、今年工作安排\n地区生产总值增长6%左右。\n", encoding="utf-8")
    record = json.loads(run("extract", str(path)).stdout.splitlines()[0])
    assert record["year"] is None


@pytest.mark.parametrize("fmt, marker", [("csv", "indicator,value"), ("table", "地区生产总值")])
def test_cli_extract_formats(tmp_path: Path, fmt: str, marker: str) -> None:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    result = run("extract", str(path), "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert marker in result.stdout.replace(" ", "") or marker in result.stdout
