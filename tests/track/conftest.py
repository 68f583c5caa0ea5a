"""Fixtures of the tracking tests: gold records of Hengyang and a Record factory."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mubiao.model import Record

from .track_helpers import GOLD, gold_available, load_gold, make


@pytest.fixture(scope="session")
def gold_records() -> list[Record]:
    """Every gold record as a Record of 衡阳市 with its report year (skips without /work/shared)."""
    if not gold_available():
        pytest.skip(f"gold records not available: {GOLD} is absent on this machine")
    return load_gold()


@pytest.fixture()
def rec() -> Callable[..., Record]:
    """The Record factory `track_helpers.make`, as a fixture."""
    return make
