"""Dashboard benchmark: server time of every page and API call over a store of N documents.

    python benchmarks/web.py --docs 1000             # build a store of 1,000 made-up documents, then measure
    python benchmarks/web.py --docs 10000            # the issue's size (default)
    python benchmarks/web.py --db /tmp/bench.db      # measure an existing store
    python benchmarks/web.py --docs 1000 --keep /tmp/bench1k.db   # keep the store for later runs

Documents are made from the seeds (../shared/seeds, else the bundled samples)
by `mubiao.store.synthetic`, as in benchmarks/store.py. Requests go through
FastAPI's TestClient in this process; the time reported is the server's own
(the Server-Timing header the app sets: routing, database, rendering), per
route, over `--repeats` requests with varied documents, regions, queries and
pages. Verdicts are computed once per region and cached until the store
changes: that first computation is timed apart ("verdicts, cold"), as a
server started with `mubiao serve` does it in the background at start.
Target (issue 5): p95 under 200 ms for every page.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("store_bench", Path(__file__).with_name("store.py"))
assert _spec and _spec.loader
store_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(store_bench)
QUERIES = store_bench.QUERIES
INDICATORS = ("生产总值", "财政", "投资", "失业率", "收入", "粮食")


def build(url: str, docs: int, samples_dir: Path, workers: int) -> None:
    from mubiao.samples import sample_paths
    from mubiao.store import Store
    from mubiao.store.synthetic import write_variants

    if samples_dir.is_dir() and list(samples_dir.glob("*.txt")):
        texts = store_bench.samples(samples_dir)
    else:
        texts = [p.read_text(encoding="utf-8") for p in sample_paths()]
    with tempfile.TemporaryDirectory(prefix="mubiao-web-bench-") as tmp:
        t0 = time.perf_counter()
        write_variants(texts, docs, Path(tmp))
        with Store(url) as store:
            summary = store.ingest([tmp], workers=workers)
        print(f"store    {summary} ({time.perf_counter() - t0:.0f} s with writing the files; {workers} workers)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000, help="documents to generate (default 10000)")
    parser.add_argument("--db", help="measure this existing store instead of building one")
    parser.add_argument("--keep", type=Path, help="build the store at this path and keep it")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--repeats", type=int, default=20, help="requests per route (default 20)")
    parser.add_argument("--samples", type=Path, default=Path(os.environ.get("MUBIAO_SHARED", ROOT.parent / "shared")) / "seeds")
    args = parser.parse_args()
    warnings.simplefilter("ignore")

    tmp = None
    if args.db:
        url = args.db if "://" in args.db else f"sqlite:///{Path(args.db).resolve()}"
    else:
        if args.keep:
            path = args.keep.resolve()
            path.unlink(missing_ok=True)
        else:
            tmp = tempfile.mkdtemp(prefix="mubiao-web-bench-")
            path = Path(tmp) / "web.db"
        url = f"sqlite:///{path}"
        build(url, args.docs, args.samples, args.workers)
    try:
        measure(url, args.repeats)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def measure(url: str, repeats: int) -> None:
    from fastapi.testclient import TestClient

    from mubiao.web import create_app
    from mubiao.web.data import region_years
    from mubiao.web.tracking import all_summary

    app = create_app(url)
    state = app.state.web
    rng = random.Random(5)
    with TestClient(app) as client:
        counts = client.get("/api/overview").json()["counts"]
        print(f"store    {counts['documents']} documents, {counts['regions']} regions, "
              f"{counts['targets']} targets, {counts['achievements']} achievements ({state.store.url})")
        t0 = time.perf_counter()
        summary = all_summary(state.cache)
        print(f"verdicts, cold: {sum(summary['total'].values())} targets of {len(summary['regions'])} regions "
              f"linked in {time.perf_counter() - t0:.1f} s (once per change of the store; cached)")
        regions = [r["region"] for r in client.get("/api/regions").json()]
        doc_ids = [d["document_id"] for d in client.get("/api/documents", params={"per_page": 200}).json()["items"]]
        pages = client.get("/api/documents").json()["pages"]
        doc_ids += [d["document_id"] for d in client.get("/api/documents", params={"per_page": 200, "page": max(1, pages // 2)}).json()["items"]]
        years = {r: region_years(state.store.engine, r) for r in regions}
        diff_regions = [r for r in regions if len(years[r]) >= 2] or regions[:1]
        targets = {r: [v["id"] for v in client.get("/api/verdicts", params={"region": r, "per_page": 200}).json()["items"]]
                   for r in regions}
        indicators = {r: [i["canonical"] for i in client.get(f"/api/regions/{r}/indicators").json()[:20]] for r in regions}

        def region() -> str:
            return rng.choice(regions)

        def doc() -> int:
            return rng.choice(doc_ids)

        def target() -> int:
            r = region()
            return rng.choice(targets[r]) if targets[r] else 0

        def diff_params() -> dict[str, object]:
            r = rng.choice(diff_regions)
            ys = years[r]
            a, b = rng.sample(ys, 2) if len(ys) >= 2 else (ys[0], ys[0])
            return {"region": r, "a": min(a, b), "b": max(a, b)}

        routes: list[tuple[str, Callable[[], tuple[str, dict[str, object]]]]] = [
            ("page /", lambda: ("/", {})),
            ("page /documents", lambda: ("/documents", {"page": rng.randint(1, max(1, pages))})),
            ("page /documents/{id}", lambda: (f"/documents/{doc()}", {})),
            ("page /documents/{id}/digest", lambda: (f"/documents/{doc()}/digest", {})),
            ("page /documents/{id}/tasks", lambda: (f"/documents/{doc()}/tasks", {})),
            ("page /records", lambda: ("/records", {"page": rng.randint(1, 50)})),
            ("page /records filtered", lambda: ("/records", {"region": region(), "kind": "target", "indicator": rng.choice(INDICATORS)})),
            ("page /records sorted", lambda: ("/records", {"sort": rng.choice(["value", "indicator", "year"]), "desc": rng.random() < .5})),
            ("page /tracker", lambda: ("/tracker", {})),
            ("page /tracker/{region}", lambda: (f"/tracker/{region()}", {"page": rng.randint(1, 2)})),
            ("page /verdicts/{id}", lambda: (f"/verdicts/{target()}", {})),
            ("page /verdicts", lambda: ("/verdicts", {"page": rng.randint(1, 5)})),
            ("page /verdicts filtered", lambda: ("/verdicts", {"region": region(), "verdict": rng.choice(["pending", "no data"])})),
            ("page /records by verdict", lambda: ("/records", {"region": region(), "verdict": rng.choice(["pending", "no data"])})),
            ("page /methodology", lambda: ("/methodology", {})),
            ("page /diff", lambda: ("/diff", diff_params())),
            ("page /search", lambda: ("/search", {"q": rng.choice(QUERIES)})),
            ("page /upload", lambda: ("/upload", {})),
            ("api /api/overview", lambda: ("/api/overview", {})),
            ("api /api/documents", lambda: ("/api/documents", {"page": rng.randint(1, max(1, pages))})),
            ("api /api/documents/{id}", lambda: (f"/api/documents/{doc()}", {})),
            ("api /api/documents/{id}/digest", lambda: (f"/api/documents/{doc()}/digest", {})),
            ("api /api/documents/{id}/tasks", lambda: (f"/api/documents/{doc()}/tasks", {})),
            ("api /api/records", lambda: ("/api/records", {"region": region(), "kind": rng.choice(["target", "achievement"]), "page": rng.randint(1, 5)})),
            ("api /api/records sorted", lambda: ("/api/records", {"sort": "value", "desc": True, "indicator": rng.choice(INDICATORS)})),
            ("api /api/verdicts/summary", lambda: ("/api/verdicts/summary", {})),
            ("api /api/verdicts", lambda: ("/api/verdicts", {"region": region(), "page": 1})),
            ("api /api/verdicts/{id}", lambda: (f"/api/verdicts/{target()}", {})),
            ("api /api/regions/{r}/series", lambda: _series(region(), indicators, rng)),
            ("api /api/diff", lambda: ("/api/diff", diff_params())),
            ("api /api/search", lambda: ("/api/search", {"q": rng.choice(QUERIES)})),
        ]
        print(f"\n{'route':<34}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}   (server time, {repeats} requests each)")
        worst = ("", 0.0)
        for name, make in routes:
            times = []
            for _ in range(repeats):
                path, params = make()
                response = client.get(path, params=params, headers={"accept": "text/html"} if name.startswith("page") else {})
                if response.status_code >= 400:
                    print(f"  {name}: {path} {params} → {response.status_code} {response.text[:120]}")
                times.append(float(response.headers["server-timing"].split("dur=")[1]))
            p95 = store_bench.percentile(times, 0.95)
            print(f"{name:<34}{statistics.median(times):>9.1f}{p95:>9.1f}{max(times):>9.1f}")
            if name.startswith("page") and p95 > worst[1]:
                worst = (name, p95)
        print(f"\nslowest page at p95: {worst[0]} {worst[1]:.1f} ms (target: under 200 ms)")


def _series(region: str, indicators: dict[str, list[str]], rng: random.Random) -> tuple[str, dict[str, object]]:
    names = indicators[region] or ["地区生产总值"]
    return f"/api/regions/{region}/series", {"canonical": rng.choice(names)}


if __name__ == "__main__":
    sys.exit(main())
