"""Commands that only read refuse a store that does not exist, and create nothing (a mistyped --db)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mubiao.errors import NoStore
from mubiao.store import Store
from tests.conftest import run_cli

READ_ONLY = (
    ("track",),
    ("records",),
    ("documents",),
    ("search", "增长"),
    ("diff", "衡阳市", "2020", "2021"),
    ("compare", "地区生产总值", "2021"),
    ("outcome", "list"),
    ("indicators", "mappings"),
    ("digest", "1"),
    ("serve", "--port", "8765"),
)


@pytest.mark.parametrize("args", READ_ONLY, ids=lambda a: a[0] if len(a) == 1 else " ".join(a[:2]))
def test_read_only_command_refuses_missing_store(tmp_path: Path, args: tuple[str, ...]) -> None:
    missing = tmp_path / "empyt.db"
    result = run_cli(*args, "--db", str(missing))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "no mubiao store here" in result.stderr and "[E208]" in result.stderr
    assert f"mubiao ingest FILES… --db {missing}" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_not_made(tmp_path: Path) -> None:
    result = run_cli("records", "--db", str(tmp_path / "typo" / "store.db"))
    assert result.returncode == 2 and not (tmp_path / "typo").exists()


def test_ingest_still_makes_a_new_store(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("2021年某某市政府工作报告\n\n二、2021年工作安排\n\n地区生产总值增长8%左右。\n", encoding="utf-8")
    assert run_cli("ingest", str(report), "--db", str(tmp_path / "new.db")).returncode == 0
    listed = run_cli("documents", "--db", str(tmp_path / "new.db"), "--format", "csv")
    assert listed.returncode == 0 and "r.txt" in listed.stdout


def test_empty_file_and_python_api(tmp_path: Path) -> None:
    (tmp_path / "empty.db").touch()
    with pytest.raises(NoStore):
        Store(str(tmp_path / "empty.db"), create=False)
    with pytest.raises(NoStore):
        Store(str(tmp_path / "none.db"), create=False)
    assert not (tmp_path / "none.db").exists()
    Store(str(tmp_path / "made.db")).close()  # the default still makes one
    Store(str(tmp_path / "made.db"), create=False).close()
