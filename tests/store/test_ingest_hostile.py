"""Ingest under hostile conditions: a worker killed, a document that kills its worker,
the parent killed, a document over its time budget (issue 15, items 1 and 4)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from mubiao.store import schema as s
from mubiao.store.ingest import Task, _read, prepare
from tests.conftest import SRC

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find the workers")


def _write_docs(folder: Path, n: int, body: str = "全年粮食产量增长{i}%，新建学校{i}所。") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"doc{i:03d}.txt"
        path.write_text(f"某市{2000 + i}年政府工作报告\n" + body.format(i=i + 1) * 60 + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        for child in _children(todo.pop()):
            found.append(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _workers(ingest_pid: int, timeout: float = 60.0) -> list[int]:
    """The pool's worker processes: grandchildren of the ingest, under the forkserver."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        grandchildren = [g for c in _children(ingest_pid) for g in _children(c)]
        if len(grandchildren) >= 2:
            return grandchildren
        time.sleep(0.05)
    raise AssertionError("no worker processes appeared")


def _ingest(folder: Path, db: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": SRC}
    command = [sys.executable, "-m", "mubiao", "ingest", str(folder), "--db", str(db), "--workers", "2"]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _stored(db: Path) -> int:
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(s.documents)).scalar_one()


def test_a_killed_worker_does_not_stop_the_batch(tmp_path: Path) -> None:
    _write_docs(tmp_path / "docs", 40)
    run = _ingest(tmp_path / "docs", tmp_path / "store.db")
    os.kill(_workers(run.pid)[0], signal.SIGKILL)
    out, err = run.communicate(timeout=300)
    assert "Traceback" not in err and "BrokenProcessPool" not in err, err
    assert run.returncode == 0, out + err
    assert _stored(tmp_path / "store.db") == 40


def _kill_self_on_poison(task: Task):  # noqa: ANN202  runs in a worker
    if "poison" in task.path:
        os.kill(os.getpid(), signal.SIGKILL)
    return prepare(task)


def test_a_document_that_kills_its_worker_fails_alone(tmp_path: Path) -> None:
    paths = _write_docs(tmp_path / "docs", 20)
    poison = paths[5].with_name("poison.txt")
    paths[5].rename(poison)
    paths[5] = poison
    tasks = [Task(str(p), str(p), p.stat().st_size, None, None, None) for p in paths]
    results = {task.path: result for task, result in _read(tasks, 2, reader=_kill_self_on_poison)}
    assert len(results) == 20
    failed = {path: r for path, r in results.items() if getattr(r, "status", "") == "failed"}
    assert list(failed) == [str(poison)]
    assert failed[str(poison)].code == "E111" and "died" in failed[str(poison)].reason


def test_workers_die_with_the_ingest(tmp_path: Path) -> None:
    _write_docs(tmp_path / "docs", 40)
    run = _ingest(tmp_path / "docs", tmp_path / "store.db")
    _workers(run.pid)
    family = _descendants(run.pid)
    run.send_signal(signal.SIGKILL)
    run.communicate(timeout=60)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in family):
        time.sleep(0.1)
    assert not [p for p in family if _alive(p)]


def test_a_document_over_its_time_budget_fails_and_the_batch_goes_on(tmp_path: Path) -> None:
    from mubiao.pipeline import read_document
    from mubiao.store import Store

    read_document("热身：增长5%。", name="<warm>")  # word lists and dictionaries load once, outside the budget
    _write_docs(tmp_path / "docs", 3)
    slow = tmp_path / "docs" / "slow.txt"
    slow.write_text("报告\n" + "增长5%，" * 1_000_000 + "\n", encoding="utf-8")  # several seconds of reading
    with Store(str(tmp_path / "store.db")) as store:
        summary = store.ingest(tmp_path / "docs", budget=0.5)
    assert [(o.path, o.code) for o in summary.failed] == [(str(slow.resolve()), "E110")]
    assert len(summary.ingested) == 3


def test_a_file_with_a_non_utf8_name_is_stored_under_a_readable_name(tmp_path: Path) -> None:
    from mubiao.store import Store

    folder = tmp_path / "docs"
    folder.mkdir()
    gbk_name = os.fsdecode("衡阳市报告.txt".encode("gbk"))  # as Python sees a GBK name from a Windows zip
    (folder / gbk_name).write_text("某市政府工作报告\n全年粮食产量增长3%。\n", encoding="utf-8")
    with Store(str(tmp_path / "store.db")) as store:
        summary = store.ingest(folder)
        assert summary.ok, [o.reason for o in summary.failed]
        assert list(store.documents()["name"]) == ["衡阳市报告.txt"]
