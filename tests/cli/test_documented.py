"""Every command of the command line is in the README's command table (docs that cannot drift)."""

from __future__ import annotations

import typer

from mubiao.cli import app
from tests.conftest import ROOT


def test_every_cli_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    assert len(commands) >= 15
    missing = [name for name in commands if f"`mubiao {name}" not in readme]
    assert missing == [], f"commands missing from the README's table: {missing}"
