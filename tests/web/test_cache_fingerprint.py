"""The dashboard's cache sees changes made by another process: a correction keeps a document's id
and version, and SQLite may give a removed document's id to the next one."""

from __future__ import annotations

from pathlib import Path

from mubiao.store import Store
from mubiao.web.data import fingerprint


def _report(folder: Path, name: str, number: int) -> Path:
    path = folder / name
    path.write_text(f"2021年某市政府工作报告\n一、2020年工作回顾\n地区生产总值增长{number}.5%。\n", encoding="utf-8")
    return path


def test_fingerprint_changes_on_correction_and_on_a_reused_id(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 's.db'}") as store:
        store.ingest([_report(tmp_path, "a.txt", 5)], region="衡阳市", year=2021)
        first = store.ingest([_report(tmp_path, "b.txt", 6)], region="衡阳市", year=2021).outcomes[0].document_id
        before = fingerprint(store.engine)
        store.update_document(first, region="湘潭市")
        corrected = fingerprint(store.engine)
        assert corrected != before
        store.remove_document(first)
        again = store.ingest([_report(tmp_path, "c.txt", 7)], region="衡阳市", year=2021).outcomes[0].document_id
        assert again == first  # SQLite reused the id: count, max id and versions are as before
        assert fingerprint(store.engine) != corrected
