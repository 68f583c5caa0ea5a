"""Store benchmark: ingest throughput and search latency, into SQLite and PostgreSQL.

    python benchmarks/store.py --docs 1000            # SQLite, and PostgreSQL if MUBIAO_TEST_PG is set
    python benchmarks/store.py --docs 10000 --pg postgresql+psycopg://USER:PASSWORD@127.0.0.1/postgres

Documents are made from the seed samples (../shared/seeds, or --samples DIR)
by `mubiao.store.synthetic`: numbers scaled, city and years changed, two
paragraphs swapped, so every text has its own hash. A sample that is one text
repeated (001, eight copies) contributes one copy. The PostgreSQL run uses a
database of its own, dropped at the end (the URL names a database to connect
to for creating it). Targets (issue 3): 10,000 documents into SQLite in under
3 minutes on 2 cores; search p95 under 50 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from mubiao.store import Store
from mubiao.store.synthetic import write_variants

ROOT = Path(__file__).resolve().parents[1]
QUERIES = (
    "污染防治", "脱贫", "扶贫", "教育", "养老", "就业", "乡村振兴", "营商环境",
    "高新技术", "产业链", "城镇登记失业率", "地区生产总值", "一般公共预算收入", "减税降费", "新能源", "5G",
)


def first_copy(text_: str) -> str:
    """The text once, when it is one block repeated (001 holds its report eight times)."""
    head = text_[:60]
    second = text_.find(head, 1) if head else -1
    if second > 0 and len(text_) % second == 0 and text_ == text_[:second] * (len(text_) // second):
        return text_[:second]
    return text_


def samples(folder: Path) -> list[str]:
    files = sorted(folder.glob("*.txt"))
    if not files:
        sys.exit(f"no .txt samples in {folder}: give --samples DIR")
    return [first_copy(f.read_text(encoding="utf-8")) for f in files]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def bench(label: str, url: str, folder: Path, workers: int, repeats: int) -> None:
    size = sum(p.stat().st_size for p in folder.rglob("*.txt"))
    with Store(url) as store:
        started = time.perf_counter()
        summary = store.ingest([folder], workers=workers)
        seconds = time.perf_counter() - started
        docs = len(summary.ingested)
        print(f"\n== {label}: {store.url}")
        print(f"ingest   {docs} documents, {size / 1e6:.1f} MB, {summary.records} records in {seconds:.1f} s "
              f"({workers} workers): {docs / seconds:.1f} documents/s, {size / 1e6 / seconds:.2f} MB/s; "
              f"writing {summary.write_seconds:.1f} s of it")
        if summary.failed:
            print(f"         {len(summary.failed)} failed, e.g. {summary.failed[0].path}: {summary.failed[0].reason}")
        again = time.perf_counter()
        rerun = store.ingest([folder], workers=workers)
        print(f"re-run   {len(rerun.unchanged)} unchanged in {time.perf_counter() - again:.1f} s")
        latencies: list[float] = []
        per_query = []
        for query in QUERIES:
            times = []
            for i in range(repeats + 1):
                t0 = time.perf_counter()
                hits = store.search(query, limit=20)
                if i:  # the first call warms the cache
                    times.append((time.perf_counter() - t0) * 1000)
            latencies += times
            per_query.append(f"{query} {statistics.median(times):.1f}")
        print(f"search   {len(QUERIES)} queries x {repeats}: p50 {percentile(latencies, 0.5):.1f} ms, "
              f"p95 {percentile(latencies, 0.95):.1f} ms, max {max(latencies):.1f} ms (limit 20, snippets included)")
        print("         median ms by query: " + ", ".join(per_query))
        if url.startswith("sqlite"):
            path = make_url(url).database or ""
            print(f"size     {Path(path).stat().st_size / 1e6:.0f} MB on disk ({size / 1e6:.0f} MB of text files)")
        del hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000, help="documents to generate (default 10000)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--repeats", type=int, default=5, help="timed runs of each query")
    parser.add_argument("--samples", type=Path, default=Path(os.environ.get("MUBIAO_SHARED", ROOT.parent / "shared")) / "seeds")
    parser.add_argument("--pg", default=os.environ.get("MUBIAO_TEST_PG"), help="PostgreSQL server URL (default $MUBIAO_TEST_PG)")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="mubiao-bench-") as tmp:
        folder = Path(tmp) / "docs"
        t0 = time.perf_counter()
        write_variants(samples(args.samples), args.docs, folder)
        print(f"made {args.docs} documents from {args.samples} in {time.perf_counter() - t0:.1f} s; "
              f"{os.cpu_count()} cores")
        if not args.no_sqlite:
            bench("SQLite", f"sqlite:///{Path(tmp) / 'bench.db'}", folder, args.workers, args.repeats)
        if args.pg:
            name = f"mubiao_bench_{uuid.uuid4().hex[:8]}"
            admin = create_engine(args.pg, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            try:
                url = make_url(args.pg).set(database=name).render_as_string(hide_password=False)
                bench("PostgreSQL", url, folder, args.workers, args.repeats)
            finally:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                admin.dispose()
        else:
            print("\n(PostgreSQL skipped: set MUBIAO_TEST_PG or give --pg URL)")


if __name__ == "__main__":
    main()
