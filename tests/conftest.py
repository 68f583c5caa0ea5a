"""Shared fixtures: where the user's seeds and gold are, when they are present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__import__("os").environ.get("MUBIAO_SHARED", ROOT.parent / "shared"))

#: Seed files and the report year each belongs to (../shared/gold/GUIDE.md).
SEED_YEARS = {
    "000_53f8f221e47aee4f.txt": 2018,
    "001_3eaa4c9bae635409.txt": 2017,
    "002_b395784ce1fb8773.txt": 2019,
    "003_1394a1d998285cb9.txt": 2019,
    "004_6410479e007ff1ce.txt": 2021,
}


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared (seeds, gold, formats); tests that need it skip where it is absent."""
    if not (SHARED / "seeds").is_dir() or not (SHARED / "gold").is_dir():
        pytest.skip(f"the user's seeds and gold are not here ({SHARED}); they stay outside the repository")
    return SHARED
