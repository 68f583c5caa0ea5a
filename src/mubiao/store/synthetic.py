"""Made-up documents for the benchmark and tests: real samples with their numbers, places and years changed.

Each variant keeps the sample's language and structure (so the pipeline works
as hard as on a real report) but has its own text hash, region and years.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

#: Cities of Hunan that stand in for 衡阳 in the variants.
CITIES = ("衡阳", "株洲", "湘潭", "邵阳", "岳阳", "常德", "张家界", "益阳", "郴州", "永州", "怀化", "娄底")
_NUMBER = re.compile(r"(?<![\d.])(\d+)(\.\d+)?(?![\d.])")
_YEAR = re.compile(r"^(19|20)\d\d$")


def variant(text: str, seed: int) -> str:
    """One variant of a text: numbers scaled, 衡阳 renamed, years shifted, two paragraphs swapped."""
    rng = random.Random(seed)
    shift = rng.randint(-3, 3)
    city = CITIES[seed % len(CITIES)]

    def number(match: re.Match[str]) -> str:
        whole, frac = match.group(1), match.group(2) or ""
        if _YEAR.match(whole) and not frac:
            return str(int(whole) + shift)
        value = float(whole + frac) * rng.uniform(0.5, 1.5)
        return f"{value:.{max(len(frac) - 1, 0)}f}" if frac else str(max(1, round(value)))

    out = _NUMBER.sub(number, text).replace("衡阳", city)
    lines = out.split("\n")
    body = [i for i, line in enumerate(lines) if len(line) > 60]
    if len(body) >= 2:
        a, b = rng.sample(body, 2)
        lines[a], lines[b] = lines[b], lines[a]
    return "\n".join(lines)


def variants(samples: Sequence[str], n: int, seed: int = 0) -> Iterator[str]:
    """`n` variants, taking the samples in turn."""
    for i in range(n):
        yield variant(samples[i % len(samples)], seed * 1_000_003 + i)


def write_variants(samples: Sequence[str], n: int, folder: Path, seed: int = 0, per_folder: int = 1000) -> list[Path]:
    """Write `n` variants as .txt files under `folder` (in subfolders of `per_folder`)."""
    paths = []
    for i, text in enumerate(variants(samples, n, seed)):
        path = folder / f"{i // per_folder:03d}" / f"doc_{i:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
