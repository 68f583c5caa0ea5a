"""A SQLite store locked by another program: the batch waits a bounded time in all, says so once a
document (E209), stores nothing half, and a later run stores everything."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from mubiao.store import Store


def _reports(folder: Path, n: int) -> list[Path]:
    folder.mkdir()
    paths = []
    for i in range(n):
        path = folder / f"report_{i}.txt"
        path.write_text(f"2021年某市政府工作报告\n一、2020年工作回顾\n全年地区生产总值增长{i + 5}.5%，新建学校{i + 3}所。\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_locked_store_costs_one_bounded_wait_for_the_whole_batch(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = Store(url)
    paths = _reports(tmp_path / "in", 5)
    holder = sqlite3.connect(tmp_path / "store.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        began = time.perf_counter()
        summary = store.ingest(paths, region="衡阳市", lock_wait=1.0)
        took = time.perf_counter() - began
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert [o.code for o in summary.failed] == ["E209"] * 5
    assert "locked by another program" in summary.failed[0].reason
    assert took < 15, f"{took:.1f} s: the wait is one allowance for the batch, not one per document"
    assert store.documents().empty  # nothing half-stored
    again = store.ingest(paths, region="衡阳市")
    assert len(again.ingested) == 5 and not again.failed
    store.close()
