"""`mubiao digest | tasks | projects` on files and on stored documents."""

from __future__ import annotations

import json
from pathlib import Path

from docx import Document as open_docx
from openpyxl import load_workbook
from typer.testing import CliRunner

from mubiao.cli import app

from .conftest import SAMPLES

runner = CliRunner()
REPORT = str(SAMPLES["2021"])


def test_cli_digest_markdown_to_stdout() -> None:
    result = runner.invoke(app, ["digest", REPORT])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# 2021年衡阳市政府工作报告解读·目标篇")
    assert result.stdout.count("## 关键词：") == 9


def test_cli_digest_docx_and_html_files(tmp_path: Path) -> None:
    result = runner.invoke(app, ["digest", REPORT, "--format", "docx", "-o", str(tmp_path / "d.docx")])
    assert result.exit_code == 0, result.output
    assert open_docx(str(tmp_path / "d.docx")).paragraphs[0].style.name == "Title"
    result = runner.invoke(app, ["digest", REPORT, "-f", "html", "-o", str(tmp_path / "d.html")])
    assert result.exit_code == 0 and "<h2 class=\"keyword\">" in (tmp_path / "d.html").read_text(encoding="utf-8")


def test_cli_digest_docx_needs_output() -> None:
    result = runner.invoke(app, ["digest", REPORT, "--format", "docx"])
    assert result.exit_code == 2


def test_cli_digest_missing_file_fails_cleanly(tmp_path: Path) -> None:
    result = runner.invoke(app, ["tasks", str(tmp_path / "nothing.txt")])
    assert result.exit_code == 1
    assert "E101" in result.output


def test_cli_tasks_formats(tmp_path: Path) -> None:
    result = runner.invoke(app, ["tasks", REPORT, "--format", "jsonl"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and rows[0]["index"] == 1
    result = runner.invoke(app, ["tasks", REPORT, "--format", "csv"])
    assert result.stdout.splitlines()[0] == "序号,章节,任务,量化目标,时限,责任单位,进展"
    result = runner.invoke(app, ["tasks", REPORT, "--format", "xlsx", "-o", str(tmp_path / "t.xlsx")])
    assert result.exit_code == 0
    assert load_workbook(tmp_path / "t.xlsx").active.freeze_panes == "A2"
    result = runner.invoke(app, ["tasks", REPORT, "--format", "table"])
    assert result.exit_code == 0 and "序号" in result.stdout


def test_cli_projects_formats() -> None:
    result = runner.invoke(app, ["projects", REPORT, "--format", "jsonl"])
    assert result.exit_code == 0
    names = [json.loads(line)["name"] for line in result.stdout.splitlines()]
    assert len(names) >= 15
    result = runner.invoke(app, ["projects", REPORT, "--format", "csv"])
    assert result.stdout.splitlines()[0] == "name,kind,status,section,sentence"
