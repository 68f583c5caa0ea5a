"""`mubiao documents set ID` and `mubiao documents remove ID` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

REPORT = "政府工作报告\n各位代表：\n一、2002年工作回顾\n去年国内生产总值增长8%。\n二、2003年工作安排\n今年经济增长的预期目标为7%左右。\n"


def test_documents_set_and_remove(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    assert run_cli("ingest", str(tmp_path / "r.txt"), "--db", db, "--region", "重庆市", "--year", "2003").returncode == 0
    assert run_cli("documents", "set", "1", "--db", db).returncode != 0  # nothing to set: refused
    done = run_cli("documents", "set", "1", "--region", "全国", "--db", db)
    assert done.returncode == 0 and "重庆市 → 全国" in done.stdout
    listed = run_cli("documents", "--db", db, "--format", "jsonl")
    assert [json.loads(line)["region"] for line in listed.stdout.splitlines()] == ["全国"]
    assert run_cli("records", "--db", db, "--region", "重庆市", "--format", "jsonl").stdout.strip() == ""
    gone = run_cli("documents", "remove", "1", "--db", db)
    assert gone.returncode == 0 and "removed document 1" in gone.stdout
    again = run_cli("documents", "remove", "1", "--db", db)
    assert again.returncode == 2 and "E205" in again.stderr
