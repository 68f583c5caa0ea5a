"""The reviewer's bar on the five real seeds: stable re-ingest, search across seeds, SQLite = PostgreSQL."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

from mubiao.pipeline import read_document
from mubiao.store import Store
from tests.conftest import SEED_YEARS, run_cli

#: Ingests the five seeds end to end: deselect with -m 'not slow'.
pytestmark = pytest.mark.slow

REGION = "衡阳市"


def _by_year(seeds: Path) -> dict[int, list[str]]:
    groups: dict[int, list[str]] = defaultdict(list)
    for name, year in SEED_YEARS.items():
        groups[year].append(str(seeds / name))
    return groups


def _ingest_cli(seeds: Path, db: str) -> None:
    for year, files in sorted(_by_year(seeds).items()):
        result = run_cli("ingest", *files, "--db", db, "--region", REGION, "--year", str(year))
        assert result.returncode == 0, result.stderr


def _ingest(store: Store, seeds: Path) -> None:
    for year, files in sorted(_by_year(seeds).items()):
        assert store.ingest(files, region=REGION, year=year).ok


def test_seeds_ingested_twice_hold_the_same_records(seeds: Path, db_url: str) -> None:
    db = db_url
    _ingest_cli(seeds, db)
    with Store(db) as store:
        first = store.records()
    _ingest_cli(seeds, db)
    with Store(db) as store:
        second = store.records()
        documents = store.documents()
    assert len(first) == len(second) > 0
    assert first.equals(second)
    assert sorted(documents["name"]) == sorted(SEED_YEARS)
    assert documents["version"].tolist() == [1] * 5
    assert dict(zip(documents["name"], documents["report_year"], strict=True)) == SEED_YEARS
    key = ["document_id", "quote", "indicator", "value", "start_char"]
    assert not second.duplicated(key).any(), "a record stored twice in one document"


def test_seeds_store_holds_what_the_pipeline_read(seeds: Path, store: Store) -> None:
    name = "001_3eaa4c9bae635409.txt"  # the same report eight times over, folded by the pipeline
    outcome = store.ingest([seeds / name], region=REGION, year=SEED_YEARS[name]).outcomes[0]
    stored = store.document_records(outcome.document_id or 0)
    assert stored == list(read_document(seeds / name, region=REGION, year=SEED_YEARS[name]).records)
    keys = [(r.quote, r.indicator, r.value, r.start) for r in stored]
    assert len(keys) == len(set(keys))


def test_seeds_search_finds_pollution_control_in_three_seeds(seeds: Path, db_url: str) -> None:
    db = db_url
    _ingest_cli(seeds, db)
    result = run_cli("search", "污染防治", "--db", db, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert len({h["document"] for h in hits}) >= 3
    assert all("<mark>污染防治</mark>" in h["highlighted"] for h in hits)


def test_seeds_sqlite_and_postgres_hold_the_same_records(seeds: Path, tmp_path: Path, pg_url: str) -> None:
    frames = {}
    for label, url in (("sqlite", f"sqlite:///{tmp_path / 'seeds.db'}"), ("postgresql", pg_url)):
        with Store(url) as store:
            _ingest(store, seeds)
            records = store.records().drop(columns=["record_id", "document_id"])
            docs = store.documents().drop(columns=["document_id", "ingested_at"])
            hits = {(h.document, h.snippet) for h in store.search("污染防治", limit=200)}
        frames[label] = (records.sort_values(["doc", "start_char", "indicator"]).reset_index(drop=True), docs, hits)
    (rec_a, docs_a, hits_a), (rec_b, docs_b, hits_b) = frames["sqlite"], frames["postgresql"]
    pd.testing.assert_frame_equal(rec_a, rec_b)
    by_name = [docs.sort_values("name").reset_index(drop=True) for docs in (docs_a, docs_b)]
    pd.testing.assert_frame_equal(*by_name)
    assert hits_a == hits_b
