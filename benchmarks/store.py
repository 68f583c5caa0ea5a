"""Store benchmark: ingest throughput and search latency, into SQLite and PostgreSQL.

    python benchmarks/store.py --docs 1000            # SQLite, and PostgreSQL if MUBIAO_TEST_PG is set
    python benchmarks/store.py --docs 10000 --pg postgresql+psycopg://USER:PASSWORD@127.0.0.1/postgres
    python benchmarks/store.py --compare-fts [--fts-scale 2000]   # the search-index choice (docs/store.md)

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
from sqlalchemy.exc import DBAPIError

from mubiao.store import Store
from mubiao.store.synthetic import write_variants

ROOT = Path(__file__).resolve().parents[1]
QUERIES = (
    "污染防治", "脱贫", "扶贫", "教育", "养老", "就业", "乡村振兴", "营商环境",
    "高新技术", "产业链", "城镇登记失业率", "地区生产总值", "一般公共预算收入", "减税降费", "新能源", "5G",
)
#: More queries for the index comparison: short words, parts of words, places.
MORE_QUERIES = (
    "失业率", "生产总值", "城镇化", "脱贫攻坚", "污染", "振兴", "预算收入", "技术改造", "公共服务",
    "高质量发展", "衡南", "石鼓", "雁峰", "医疗", "旅游",
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


def compare_fts(folder: Path, scale: int) -> None:
    """Trigram vs jieba words vs character bigrams (ours), on the seeds' passages: hits and speed."""
    import sqlite3

    import jieba

    from mubiao.store.synthetic import variant
    from mubiao.store.text import bigrams, fts_query, query_terms, split_passages

    jieba.setLogLevel(60)
    seen: set[str] = set()
    passages: list[str] = []
    for sample in samples(folder):
        for p in split_passages(sample):
            if p.text not in seen:
                seen.add(p.text)
                passages.append(p.text)
    indexes = {
        "trigram": ("tokenize='trigram', content='p', content_rowid='id'", lambda t: t, lambda q: '"' + q + '"'),
        "jieba": ("content=''", lambda t: " ".join(w for w in jieba.cut_for_search(t) if w.strip()),
                  lambda q: " AND ".join(f'"{w}"' for w in jieba.cut(q) if w.strip())),
        "bigram": ("content=''", bigrams, lambda q: fts_query(query_terms(q))),
    }

    def build(rows: list[str]) -> tuple[sqlite3.Connection, dict[str, float]]:
        conn = sqlite3.connect(":memory:")
        conn.execute("CREATE TABLE p (id INTEGER PRIMARY KEY, text TEXT)")
        conn.executemany("INSERT INTO p (id, text) VALUES (?, ?)", enumerate(rows, 1))
        seconds = {}
        for name, (options, tokens, _) in indexes.items():
            t0 = time.perf_counter()
            conn.execute(f"CREATE VIRTUAL TABLE {name} USING fts5(x, {options})")
            conn.executemany(f"INSERT INTO {name} (rowid, x) VALUES (?, ?)", ((i, tokens(t)) for i, t in enumerate(rows, 1)))
            conn.commit()
            seconds[name] = time.perf_counter() - t0
        return conn, seconds

    jieba.lcut("预热")  # load the dictionary outside the timings
    conn, _ = build(passages)
    queries = QUERIES + MORE_QUERIES
    print(f"{len(passages)} distinct passages of the seeds, {len(queries)} queries; "
          "hits found (of them right) against the passages that hold the query:")
    print("query            truth  " + "  ".join(f"{n:>12}" for n in indexes))
    totals = {n: [0, 0, 0] for n in indexes}  # exact queries, missed passages, wrong passages
    for q in queries:
        truth = {i for i, t in enumerate(passages, 1) if q.lower() in t.lower()}
        cells = []
        for name, (_, _, query) in indexes.items():
            got = {r[0] for r in conn.execute(f"SELECT rowid FROM {name} WHERE {name} MATCH ?", (query(q),))}
            totals[name][0] += got == truth
            totals[name][1] += len(truth - got)
            totals[name][2] += len(got - truth)
            cells.append(f"{len(got):>5} ({len(got & truth):>3})")
        print(f"{q:<{16 - len(q)}} {len(truth):>5}  " + "  ".join(cells))
    for name, (exact, missed, wrong) in totals.items():
        print(f"  {name:<8} exact on {exact}/{len(queries)} queries; {missed} passages missed, {wrong} wrong")

    rows = [variant(t, i) if i >= len(passages) else t for i, t in enumerate(passages * scale)]
    t0 = time.perf_counter()
    conn, seconds = build(rows)
    chars = sum(map(len, rows))
    print(f"\nscaled x{scale}: {len(rows)} passages, {chars / 1e6:.1f} M characters (built in {time.perf_counter() - t0:.0f} s)")
    for name, (_, _, query) in indexes.items():
        size = conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE ?", (name + "%",)).fetchone()[0]
        sql = f"SELECT rowid FROM {name} WHERE {name} MATCH ? ORDER BY rank LIMIT 20"
        lat = []
        for q in queries:
            for _ in range(3):
                t1 = time.perf_counter()
                conn.execute(sql, (query(q),)).fetchall()
                lat.append((time.perf_counter() - t1) * 1000)
        print(f"  {name:<8} index {seconds[name]:5.1f} s ({chars / seconds[name] / 1e6:.2f} M chars/s), "
              f"{size / 1e6:5.0f} MB; ranked search p50 {percentile(lat, 0.5):5.1f} ms, p95 {percentile(lat, 0.95):5.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000, help="documents to generate (default 10000)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--repeats", type=int, default=5, help="timed runs of each query")
    parser.add_argument("--samples", type=Path, default=Path(os.environ.get("MUBIAO_SHARED", ROOT.parent / "shared")) / "seeds")
    parser.add_argument("--pg", default=os.environ.get("MUBIAO_TEST_PG"), help="PostgreSQL server URL (default $MUBIAO_TEST_PG)")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--compare-fts", action="store_true", help="compare search indexes instead")
    parser.add_argument("--fts-scale", type=int, default=300, help="copies of the passages for --compare-fts speed")
    args = parser.parse_args()
    if args.compare_fts:
        compare_fts(args.samples, args.fts_scale)
        return

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
                for _ in range(60):  # an autovacuum worker may hold it for a while
                    try:
                        with admin.connect() as conn:
                            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                        break
                    except DBAPIError:
                        time.sleep(1)
                else:
                    print(f"could not drop the database {name}: drop it by hand")
                admin.dispose()
        else:
            print("\n(PostgreSQL skipped: set MUBIAO_TEST_PG or give --pg URL)")


if __name__ == "__main__":
    main()
