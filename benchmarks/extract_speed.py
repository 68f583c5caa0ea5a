"""Extraction speed against jieba tokenisation, and memory, on a corpus of 20 MB or more.

    python benchmarks/extract_speed.py [--mb 20] [--seeds ../shared/seeds]

The corpus is made from the seeds (or the bundled samples) by varying them:
numbers shifted, years moved, paragraphs rotated, so that duplicate folding
does not shrink it. Documents are written to a temporary folder and extracted
one at a time, as a batch would be; jieba.lcut then runs over the same text
in the same process. It prints MB/s for both, their ratio, and peak memory
after a quarter and after all of the corpus (memory must not grow with it).
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def sources(seeds: Path) -> list[str]:
    files = sorted(seeds.glob("*.txt")) if seeds.is_dir() else []
    if not files:
        files = sorted((ROOT / "src" / "mubiao" / "sample_reports").glob("*.txt"))
    return [f.read_text(encoding="utf-8") for f in files]


def vary(text: str, rng: random.Random) -> str:
    """A new document: numbers changed, report year moved, paragraphs rotated."""
    shift = rng.randint(1, 9)
    text = re.sub(r"(\d+)\.(\d)", lambda m: f"{m.group(1)}.{(int(m.group(2)) + shift) % 10}", text)
    text = re.sub(r"(?<!\d)([1-9]\d{0,2})(?=[个家所条座项件名户套])", lambda m: str(int(m.group(1)) + shift), text)
    paragraphs = text.split("\n")
    cut = rng.randint(0, max(1, len(paragraphs) - 1))
    return "\n".join(paragraphs[cut:] + paragraphs[:cut])


def build_corpus(folder: Path, megabytes: float, seeds: Path) -> list[Path]:
    rng = random.Random(7)
    texts = sources(seeds)
    paths, size, n = [], 0, 0
    while size < megabytes * 1e6:
        text = vary(texts[n % len(texts)], rng)
        path = folder / f"doc_{n:05d}.txt"
        path.write_text(text, encoding="utf-8")
        size += path.stat().st_size
        paths.append(path)
        n += 1
    return paths


def run_extraction(paths: list[Path], sources: int) -> tuple[float, int, list[float]]:
    from mubiao.pipeline import read_document

    # Load data files, compiled patterns and the region table once, as a batch does: one document
    # of each source, since a table is read on first use and not every document uses every one.
    for path in paths[:sources]:
        read_document(path)
    peaks, records, started = [], 0, time.perf_counter()
    for i, path in enumerate(paths, 1):
        records += len(read_document(path).records)
        if i in (len(paths) // 4, len(paths)):
            peaks.append(_peak_rss_mb())  # cheap, unlike tracemalloc, so timing stays honest
    elapsed = time.perf_counter() - started
    return elapsed, records, peaks


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_jieba(paths: list[Path]) -> float:
    import jieba

    jieba.initialize()  # the dictionary load is not tokenisation
    started = time.perf_counter()
    for path in paths:
        jieba.lcut(path.read_text(encoding="utf-8"))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = build_corpus(Path(tmp), args.mb, args.seeds)
        megabytes = sum(p.stat().st_size for p in paths) / 1e6
        chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
        print(f"corpus: {len(paths)} documents, {megabytes:.1f} MB, {chars / 1e6:.2f} M characters")
        extract_s, records, peaks = run_extraction(paths, len(sources(args.seeds)))
        jieba_s = run_jieba(paths)
    extract_rate, jieba_rate = megabytes / extract_s, megabytes / jieba_s
    print(f"extraction : {extract_s:7.1f} s  {extract_rate:6.2f} MB/s  ({records} records)")
    print(f"jieba.lcut : {jieba_s:7.1f} s  {jieba_rate:6.2f} MB/s")
    print(f"ratio extraction/jieba: {extract_rate / jieba_rate:.2f}  (target >= 7: extraction at least 7 times as fast as jieba.lcut)")
    print(f"peak RSS during extraction: {peaks[0]:.0f} MB after 1/4 of the corpus, {peaks[-1]:.0f} MB after all of it")
    print(f"peak RSS of the process, jieba included: {_peak_rss_mb():.0f} MB")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
