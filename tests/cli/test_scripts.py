"""scripts/venv.sh: demo.sh and test.sh reuse .venv while pyproject.toml and requirements.lock are unchanged."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _project(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """A project folder with the real venv.sh, and python3/pip stand-ins that record their calls."""
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "venv.sh", project / "scripts" / "venv.sh")
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (project / "requirements.lock").write_text("y==1.0\n", encoding="utf-8")
    calls = tmp_path / "calls"
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    fake_python3 = bin_ / "python3"  # `python3 -m venv .venv` makes a .venv whose pip records too
    fake_python3.write_text(
        f"""#!/bin/sh
echo "python3 $*" >> {calls}
mkdir -p .venv/bin
printf '#!/bin/sh\\necho "pip $*" >> {calls}\\n' > .venv/bin/pip
printf '#!/bin/sh\\nexit 0\\n' > .venv/bin/python
chmod +x .venv/bin/pip .venv/bin/python
"""
    )
    fake_python3.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_}:{os.environ['PATH']}"}
    return project, calls, env


def _setup(project: Path, env: dict[str, str], extras: str = "") -> None:
    script = f'set -euo pipefail; source scripts/venv.sh; setup_venv demo "{extras}"'
    subprocess.run(["bash", "-c", script], cwd=project, env=env, check=True, timeout=60)


def test_venv_is_reused_until_pyproject_changes(tmp_path: Path) -> None:
    project, calls, env = _project(tmp_path)
    _setup(project, env)
    first = calls.read_text().splitlines()
    assert first[0] == "python3 -m venv .venv" and any("install --quiet -c requirements.lock -e ." in c for c in first)
    _setup(project, env)
    assert calls.read_text().splitlines() == first  # current: nothing run again
    (project / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["y"]\n', encoding="utf-8")
    _setup(project, env)
    assert len(calls.read_text().splitlines()) == 2 * len(first)
    (project / "requirements.lock").write_text("y==1.1\n", encoding="utf-8")  # new pins: install again
    _setup(project, env)
    assert len(calls.read_text().splitlines()) == 3 * len(first)


def test_scripts_use_the_stamp() -> None:
    for name in ("demo.sh", "test.sh"):
        assert "setup_venv" in (ROOT / "scripts" / name).read_text(encoding="utf-8")
