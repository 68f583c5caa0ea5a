"""The language data files load, have the expected shape, and do not contradict themselves."""

from __future__ import annotations

import re

import pytest

from mubiao.lang.datafiles import load_yaml
from mubiao.extraction.grammar import grammar


def test_data_comparators_use_guide_operators() -> None:
    data = load_yaml("comparators.yaml")
    ops = {k for k, v in data.items() if isinstance(v, dict)}
    assert ops == {">=", "<=", "~"}
    words = [w for v in data.values() if isinstance(v, dict) for side in ("before", "after") for w in v[side]]
    clashes = {w for w in words if words.count(w) > 1}
    assert not clashes, f"a comparator word with two meanings: {clashes}"


def test_data_measure_verbs_do_not_clash() -> None:
    data = load_yaml("measures.yaml")
    both = set(data["increment_verbs"]) & set(data["level_activity_verbs"])
    assert not both, f"verbs listed as both increment and level: {both}"
    assert set(data["negative_verbs"]) <= set(data["growth_verbs"]) | {"缩小"}


def test_data_units_are_unique_and_compile() -> None:
    units = load_yaml("units.yaml")
    base = [u for group in units["base"].values() for u in group]
    assert len(base) == len(set(base)), "a unit listed twice"
    assert "日" not in base and "年" not in base, "dates and years are not units"
    assert grammar().mention.fullmatch("3.96万人")


def test_data_years_periods_are_five_years() -> None:
    for name, (first, last) in load_yaml("years.yaml")["plan_periods"].items():
        assert last - first == 4, name


@pytest.mark.parametrize("pattern", load_yaml("phrases.yaml")["time_patterns"])
def test_data_time_patterns_compile(pattern: str) -> None:
    re.compile(pattern)
