"""The store's commands: each documented in docs/store.md with every option."""

from __future__ import annotations

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
