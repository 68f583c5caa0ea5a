"""What a new user meets on the first day: --version, help texts, the README's promises."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import mubiao
from mubiao.model import Document
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parents[2]


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"mubiao {mubiao.__version__}"


def test_digest_output_help_names_digest_formats() -> None:
    result = run_cli("digest", "--help", COLUMNS="200")
    assert result.returncode == 0
    line = next(x for x in result.stdout.splitlines() if "--output" in x)
    assert "docx" in line and "xlsx" not in line


def test_readme_read_document_names_real_attributes() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = next(x for x in readme.splitlines() if "mubiao.read_document(" in x)
    named = re.findall(r"\.(\w+)", line.split("#", 1)[1])
    assert named, line
    assert set(named) <= {f.name for f in fields(Document)}


def test_test_script_sets_up_the_browser_tests() -> None:
    """scripts/test.sh installs the browser tests' node packages when node and npm are there."""
    script = (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8")
    assert "npm ci" in script and "node_modules" in script


def test_version_matches_pyproject() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == mubiao.__version__
