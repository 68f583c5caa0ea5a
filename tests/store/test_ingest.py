"""Ingest: same text changes nothing, a changed file becomes a new version, bad files are reported."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from mubiao.load import load
from mubiao.model import Record
from mubiao.pipeline import read_document
from mubiao.store import Store
from mubiao.store import ingest as ingest_module
from mubiao.store import schema as s
from mubiao.store.engine import connect
from mubiao.store.ingest import text_hash
from mubiao.store.synthetic import write_variants
from tests.conftest import cli_env, run_cli
from tests.store.conftest import make_document

REPORT = """2021年衡阳市政府工作报告

一、2020年工作回顾

全市地区生产总值增长4.3%左右，坚决打赢脱贫攻坚战，贫困人口脱贫3.96万人。

二、2021年工作安排

地区生产总值增长8.5%左右，城镇登记失业率控制在4.5%以内，新建义务教育学校63所。
"""


def _write(folder: Path, name: str, content: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return path


STORE_TABLES = (s.regions, s.documents, s.document_versions, s.document_texts, s.sections, s.passages, s.records)


def _counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in STORE_TABLES}


def test_ingest_hand_built_document_reads_back_the_same(store: Store) -> None:
    doc = make_document(paragraphs=("一、回顾", "增长8.5%。", "增长9%。", "增长10%。"))
    outcome = store.add(doc)
    assert (outcome.status, outcome.version, outcome.records) == ("ingested", 1, 3)
    back = store.read(outcome.document_id or 0)
    assert back.records == doc.records
    assert back.sections == doc.sections
    assert (back.text, back.original, back.title, back.region, back.year) == (doc.text, doc.original, doc.title, doc.region, doc.year)
    assert [r.to_dict() for r in store.document_records(outcome.document_id or 0)] == [r.to_dict() for r in doc.records]


def test_ingest_same_text_again_changes_nothing(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    _write(folder, "a.txt", REPORT)
    _write(folder / "sub", "b.txt", REPORT.replace("4.3", "4.4"))
    first = store.ingest([folder], region="衡阳市", year=2021)
    assert len(first.ingested) == 2 and first.ok
    before = _counts(store)
    second = store.ingest([folder], region="衡阳市", year=2021)
    assert [o.status for o in second.outcomes] == ["unchanged", "unchanged"]
    assert _counts(store) == before
    assert store.documents()["version"].tolist() == [1, 1]


def test_ingest_copy_of_a_stored_text_is_not_stored_twice(store: Store, tmp_path: Path) -> None:
    store.ingest([_write(tmp_path / "one", "a.txt", REPORT)], region="衡阳市", year=2021)
    summary = store.ingest([_write(tmp_path / "two", "copy.txt", REPORT)], region="衡阳市", year=2021)
    assert [o.status for o in summary.outcomes] == ["unchanged"]
    assert "same text as document 1" in (summary.outcomes[0].reason or "")
    assert len(store.documents()) == 1


def test_ingest_changed_file_becomes_a_new_version(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, "report.txt", REPORT)
    store.ingest([path], region="衡阳市", year=2021)
    path.write_text(REPORT.replace("新建义务教育学校63所", "新建义务教育学校70所，新增养老床位500张"), encoding="utf-8")
    summary = store.ingest([path], region="衡阳市", year=2021)
    assert [(o.status, o.version) for o in summary.outcomes] == [("updated", 2)]
    frame = store.records()
    assert 70 in frame["value"].tolist() and 63 not in frame["value"].tolist()
    assert len(frame) == store.documents()["n_records"].sum()  # the old version's records are gone
    assert store.documents()["version"].tolist() == [2]
    assert store.search("养老床位") and not store.search("学校63所")
    with store.engine.connect() as conn:
        versions = conn.execute(select(s.document_versions.c.version).order_by(s.document_versions.c.version)).scalars().all()
        passages = conn.execute(select(func.count()).select_from(s.passages)).scalar_one()
    assert versions == [1, 2]
    if store.dialect == "sqlite":  # the contentless index holds exactly the current passages
        with store.engine.connect() as conn:
            indexed = conn.execute(text(f"SELECT count(*) FROM {s.PASSAGES_FTS}")).scalar_one()
        assert indexed == passages


def test_ingest_same_text_with_another_kind_changes_the_kind(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, "report.txt", REPORT)
    store.ingest([path], region="衡阳市", year=2021)
    summary = store.ingest([path], region="衡阳市", year=2021, kind="interpretation")
    assert [o.status for o in summary.outcomes] == ["unchanged"]
    assert summary.outcomes[0].reason == "same text; kind changed from report to interpretation"
    documents = store.documents()
    assert documents["kind"].tolist() == ["interpretation"] and documents["version"].tolist() == [1]
    again = store.ingest([path], region="衡阳市", year=2021, kind="interpretation")
    assert [(o.status, o.reason) for o in again.outcomes] == [("unchanged", "already stored")]


def test_ingest_same_text_under_another_year_corrects_it(store: Store, tmp_path: Path) -> None:
    # issue 10: the same file and text under another --year is a correction, not a second copy
    path = _write(tmp_path, "report.txt", REPORT)
    store.ingest([path], region="衡阳市", year=2021)
    summary = store.ingest([path], region="衡阳市", year=2020)
    assert [o.status for o in summary.outcomes] == ["updated"] and "year 2021 → 2020" in str(summary)
    assert store.documents()["report_year"].tolist() == [2020]


def test_ingest_other_text_for_another_year_is_another_document(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, "report.txt", REPORT)
    store.ingest([path], region="衡阳市", year=2021)
    _write(tmp_path, "report.txt", REPORT + "\n新建学校12所。\n")
    summary = store.ingest([path], region="衡阳市", year=2020)
    assert [o.status for o in summary.outcomes] == ["ingested"]
    assert sorted(store.documents()["report_year"].tolist()) == [2020, 2021]


def test_ingest_bad_files_are_reported_and_the_rest_stored(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    _write(folder, "good.txt", REPORT)
    _write(folder, "empty.txt", "")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    summary = store.ingest([folder, tmp_path / "missing"], region="衡阳市", year=2021)
    assert len(summary.ingested) == 1
    failed = {Path(o.path).name: o.code for o in summary.failed}
    assert failed == {"empty.txt": "E103", "image.txt": "E104", "missing": "E101"}
    assert all(o.reason for o in summary.failed)
    assert len(store.documents()) == 1


def test_ingest_cli_reports_each_bad_file_on_one_line_and_exits_1(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    _write(folder, "good.txt", REPORT)
    _write(folder, "empty.txt", "")
    result = run_cli("ingest", str(folder), "--db", db_url, "--region", "衡阳市", "--year", "2021")
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "empty.txt" in lines[0] and "E103" in lines[0]
    assert "1 ingested, 0 unchanged, 1 failed" in result.stdout


def test_ingest_failed_write_leaves_no_half_document(store: Store) -> None:
    broken = Record(
        doc="bad.txt", quote="q", kind="target", indicator="x", value=1.0,
        value_max=None, unit=None, comparator="=", measure="level", year=None, period_start=None,  # type: ignore[arg-type]
    )
    doc = make_document(name="bad.txt")
    doc = type(doc)(**{**{f: getattr(doc, f) for f in doc.__slots__}, "records": (*doc.records, broken)})
    with pytest.raises(IntegrityError):  # unit NOT NULL: the database refuses the last insert
        store.add(doc)
    assert {k: v for k, v in _counts(store).items() if k != "regions"} == {
        "documents": 0, "document_texts": 0, "document_versions": 0, "sections": 0, "passages": 0, "records": 0,
    }


def test_ingest_workers_store_what_one_process_stores(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_module, "MIN_POOL_TASKS", 2)  # use the pool even for six documents
    samples = [REPORT, REPORT.replace("衡阳", "株洲")]
    write_variants(samples, 6, tmp_path / "docs")
    with Store(db_url) as store:
        summary = store.ingest([tmp_path / "docs"], region="湖南省", year=2021, workers=2)
        assert len(summary.ingested) == 6, summary.failed
        parallel = store.records().drop(columns=["record_id", "document_id"])
    serial_url = f"sqlite:///{tmp_path / 'serial.db'}"
    with Store(serial_url) as serial:
        serial.ingest([tmp_path / "docs"], region="湖南省", year=2021, workers=1)
        expected = serial.records().drop(columns=["record_id", "document_id"])
    key = ["doc", "start_char", "indicator"]
    assert parallel.sort_values(key).reset_index(drop=True).equals(expected.sort_values(key).reset_index(drop=True))


def test_ingest_text_hash_is_the_pipelines(seeds: Path) -> None:
    path = seeds / "004_6410479e007ff1ce.txt"
    assert text_hash(load(path).text) == read_document(path).content_hash


def _check_whole(db_url: str) -> int:
    """Every stored document is complete: text, sections, passages, index and all its records."""
    engine = connect(db_url)
    d = s.documents

    def rows_of(conn: object, table: object, doc_id: int) -> int:
        query = select(func.count()).select_from(table).where(table.c.document_id == doc_id)  # type: ignore[attr-defined]
        return int(conn.execute(query).scalar_one())  # type: ignore[attr-defined]

    with engine.connect() as conn:
        docs = conn.execute(select(d.c.id, d.c.n_records, d.c.n_sections)).all()
        for doc_id, n_records, n_sections in docs:
            assert rows_of(conn, s.document_texts, doc_id) == 1
            assert rows_of(conn, s.records, doc_id) == n_records
            assert rows_of(conn, s.sections, doc_id) == n_sections
            assert rows_of(conn, s.passages, doc_id) > 0
        stray = select(func.count()).select_from(s.records).where(s.records.c.document_id.not_in(select(d.c.id)))
        assert conn.execute(stray).scalar_one() == 0
        if engine.dialect.name == "sqlite":
            indexed = conn.execute(text(f"SELECT count(*) FROM {s.PASSAGES_FTS}")).scalar_one()
            assert indexed == conn.execute(select(func.count()).select_from(s.passages)).scalar_one()
    engine.dispose()
    return len(docs)


def test_ingest_kill_9_leaves_whole_documents_and_rerun_completes(db_url: str, seeds: Path, tmp_path: Path) -> None:
    total = 40
    samples = [(seeds / "004_6410479e007ff1ce.txt").read_text(encoding="utf-8")]
    write_variants(samples, total, tmp_path / "docs", per_folder=15)
    Store(db_url).close()  # created beforehand, so the poll below never races the migration
    command = [sys.executable, "-m", "mubiao", "ingest", str(tmp_path / "docs"), "--db", db_url, "--region", "衡阳市"]
    child = subprocess.Popen(command, env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    engine = connect(db_url)
    stored = 0
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and child.poll() is None:
            with engine.connect() as conn:
                stored = conn.execute(select(func.count()).select_from(s.documents)).scalar_one()
            if stored >= 3:
                break
            time.sleep(0.02)
        assert child.poll() is None, "the batch ended before it could be killed"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=60)
        engine.dispose()
    assert child.returncode == -signal.SIGKILL
    finished = _check_whole(db_url)
    assert 3 <= finished < total
    rerun = run_cli("ingest", str(tmp_path / "docs"), "--db", db_url, "--region", "衡阳市")
    assert rerun.returncode == 0, rerun.stderr
    assert f"{total - finished} ingested, {finished} unchanged, 0 failed" in rerun.stdout
    assert _check_whole(db_url) == total


def test_ingest_unknown_kind_is_refused_before_reading(db_url: str, tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", REPORT)
    with Store(db_url) as store:
        with pytest.raises(ValueError, match="report"):
            store.ingest([path], kind="plan")
        assert store.documents().empty
    result = run_cli("ingest", str(path), "--db", db_url, "--kind", "plan")
    assert result.returncode == 2 and "--kind" in result.stderr


def test_ingest_reading_workers_yield_the_cpu_to_the_writer() -> None:
    # the writing process must get a core whenever a document is ready (module docstring)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(1, context, initializer=ingest_module._start_worker) as pool:
        worker_niceness = pool.submit(os.nice, 0).result()
    assert worker_niceness == min(19, os.nice(0) + ingest_module.WORKER_NICENESS)


def test_ingest_two_writers_adding_the_same_new_region_both_succeed(db_url: str) -> None:
    # A shared PostgreSQL store takes ingests from several people at once: a document whose
    # region another transaction is adding must wait for it, not fail on the unique name.
    import threading

    with Store(db_url) as store:
        first = store.engine.connect()
        tx = first.begin()
        first.execute(s.regions.insert().values(name="株洲市", level="city"))
        outcome: list[object] = []
        second = threading.Thread(target=lambda: outcome.append(store.add(make_document("b.txt", region="株洲市"))))
        second.start()
        time.sleep(0.5)
        assert second.is_alive(), "the second writer should wait for the first"
        tx.commit()
        first.close()
        second.join(30)
        assert [getattr(o, "status", o) for o in outcome] == ["ingested"]
        with store.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(s.regions).where(s.regions.c.name == "株洲市")).scalar() == 1
