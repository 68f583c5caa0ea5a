"""Tracking benchmark: verdicts for every target of a big store, cold (issue 10, item 6).

    python benchmarks/track.py                       # 10,000 synthetic documents into a temporary SQLite store
    python benchmarks/track.py --docs 1000
    python benchmarks/track.py --db sqlite:////tmp/big.db --keep   # build once, time again later with --db
    python benchmarks/track.py --db sqlite:////tmp/big.db --against /path/to/other/checkout/src --rounds 2

Documents are made from the seed samples (../shared/seeds, or --samples DIR) by
`mubiao.store.synthetic`, as in benchmarks/store.py. The store is built (or
reused with --db when it already holds documents), then `service.track` over the
whole store is timed in a fresh Python process, so nothing is cached: the first
call pays for importing the vocabulary, reading every record (with the canonical
names stored at ingest) and linking. A second call in the same process is timed
too (warm), and the CPU time of each beside the wall time (the machine may be
shared). `--against SRC` times another checkout's code (its `src` folder) on the
same store in turn with this one, `--rounds` times over, for before/after figures
side by side; that code must know the store's schema (a newer one upgrades it).
Goal: under 10 s cold for 10,000 documents.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from store import samples  # noqa: E402  (the seed samples, read as benchmarks/store.py reads them)

from mubiao.store import Store  # noqa: E402
from mubiao.store.synthetic import write_variants  # noqa: E402

#: Run in a fresh process: time the first (cold) and second (warm) tracking of the whole store.
TIMED = """
import sys, time
t0 = time.perf_counter()
from mubiao.store import Store
from mubiao.track import service
store = Store(sys.argv[1])
t1, c1 = time.perf_counter(), time.process_time()
first = service.track(store)
t2, c2 = time.perf_counter(), time.process_time()
second = service.track(store)
t3, c3 = time.perf_counter(), time.process_time()
counts = {}
for v in first:
    counts[v.verdict] = counts.get(v.verdict, 0) + 1
print(f"{len(first)} targets; {counts}")
print(f"import + open {t1 - t0:.2f} s; track cold {t2 - t1:.2f} s (CPU {c2 - c1:.2f} s); "
      f"track warm {t3 - t2:.2f} s (CPU {c3 - c2:.2f} s)")
"""


def build(url: str, docs: int, sample_dir: Path, workers: int) -> None:
    """Fill the store with `docs` synthetic documents (skipped when it already holds documents)."""
    store = Store(url)
    held = len(store.documents())
    if held:
        print(f"store holds {held} documents already; not ingesting")
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_variants(samples(sample_dir), docs, folder)
        start = time.perf_counter()
        summary = store.ingest([folder], workers=workers)
        print(f"ingested {docs} documents in {time.perf_counter() - start:.1f} s: {summary}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--db", help="store URL (default: a temporary SQLite file)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary store and print its URL")
    parser.add_argument("--samples", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--workers", type=int, default=2, help="ingest processes (default 2)")
    parser.add_argument("--against", type=Path, help="another checkout's src folder, timed in turn with this one")
    parser.add_argument("--rounds", type=int, default=1, help="how many times each code is timed (default 1)")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="mubiao-track-bench-")
    url = args.db or f"sqlite:///{tmp}/track.db"
    build(url, args.docs, args.samples, args.workers)
    codes = [("this checkout", ROOT / "src")] + ([(f"against {args.against}", args.against)] if args.against else [])
    for _ in range(args.rounds):
        for label, src in codes:
            env = {**os.environ, "PYTHONPATH": str(src)}
            result = subprocess.run([sys.executable, "-c", TIMED, url], capture_output=True, text=True, env=env)
            lines = (result.stdout.strip() or result.stderr.strip()).splitlines()
            print(f"{label}: " + " | ".join(lines[-2:]))
    if args.keep or args.db:
        print(f"store: {url}")
    else:
        Path(tmp, "track.db").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
