"""Fixtures of the digest tests: the bundled samples (always here) and the user's seeds (maybe not)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from mubiao.digest import Source, build_digest, open_source, to_markdown
from mubiao.samples import sample_paths

SHARED = Path(os.environ.get("MUBIAO_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
SAMPLES = {p.name[:4]: p for p in sample_paths()}  # "2017", "2021"
#: Gold file of each sample report (the same texts as seeds 001 and 004).
GOLD = {"2017": "001_3eaa4c9bae635409.jsonl", "2021": "004_6410479e007ff1ce.jsonl"}
INTERPRETATIONS = ("000_53f8f221e47aee4f.txt", "002_b395784ce1fb8773.txt", "003_1394a1d998285cb9.txt")

_cache: dict[str, Source] = {}


def source_of(path: Path) -> Source:
    """The pipeline's reading of a file, once per test session."""
    key = str(path)
    if key not in _cache:
        _cache[key] = open_source(key)
    return _cache[key]


def shared_dir() -> Path:
    """../shared, or skip the test saying why."""
    if not (SHARED / "seeds").is_dir() or not (SHARED / "gold").is_dir():
        pytest.skip(f"the user's seeds and gold are not here ({SHARED}); set MUBIAO_SHARED to run this test")
    return SHARED


@pytest.fixture(params=sorted(SAMPLES))
def report(request: pytest.FixtureRequest) -> tuple[str, Source, str]:
    """(year, source, markdown digest) of each bundled sample report."""
    source = source_of(SAMPLES[request.param])
    return request.param, source, to_markdown(build_digest(source))


def squeeze(text: str) -> str:
    """Text without white space and Markdown marks, for comparisons."""
    return re.sub(r"[\s\u3000*#]|\\", "", text)
