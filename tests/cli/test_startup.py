"""`mubiao --help`, `--version` and every command's option parsing come before the heavy parts:
the pipeline, the store (SQLAlchemy, Alembic) and pandas are imported when a command runs."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import SRC

HEAVY = ("pandas", "sqlalchemy", "alembic", "mubiao.pipeline", "mubiao.store", "mubiao.extraction", "mubiao.export", "opencc")


def test_loading_the_command_line_imports_none_of_the_heavy_modules() -> None:
    code = (
        "import json, sys; import mubiao.cli; "
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": str(SRC), "PATH": ""})
    assert json.loads(done.stdout) == []


def test_version_answers_without_the_heavy_modules() -> None:
    code = (
        "import json, sys; from typer.testing import CliRunner; from mubiao.cli import app; "
        "out = CliRunner().invoke(app, ['--version']).output; "
        f"print(json.dumps([out, [m for m in {HEAVY!r} if m in sys.modules]]))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": str(SRC), "PATH": ""})
    output, loaded = json.loads(done.stdout)
    assert output.startswith("mubiao ") and loaded == []
