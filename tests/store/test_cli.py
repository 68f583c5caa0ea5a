"""The store's commands: each documented in docs/store.md with every option."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import typer

from mubiao.cli import app

DOCS = Path(__file__).resolve().parents[2] / "docs" / "store.md"


@pytest.mark.parametrize("name", ["ingest", "search", "records", "documents"])
def test_cli_every_store_option_is_documented(name: str) -> None:
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    docs = DOCS.read_text(encoding="utf-8")
    assert f"mubiao {name}" in docs
    usage = next(line for line in docs.splitlines() if line.startswith(f"`mubiao {name}"))
    for param in command.params:
        if param.param_type_name == "option":
            assert any(opt in usage for opt in param.opts), f"{name} {param.opts} is not in docs/store.md"


def test_cli_records_right_after_ingest_show_canonical_names(tmp_path: Path) -> None:
    """Canonical indicators are stored at ingest: no tracking command has to run first."""
    from typer.testing import CliRunner

    report = tmp_path / "2021年衡阳市政府工作报告.txt"
    report.write_text("2021年衡阳市政府工作报告\n一、今年工作安排\n全市地区生产总值增长7%左右。\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'm.db'}"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(report), "--db", db, "--region", "衡阳市", "--year", "2021"]).exit_code == 0
    shown = runner.invoke(app, ["records", "--db", db, "--format", "csv"])
    assert shown.exit_code == 0, shown.output
    rows = list(csv.DictReader(io.StringIO(shown.output)))
    assert [row["canonical"] for row in rows] == ["地区生产总值"]
