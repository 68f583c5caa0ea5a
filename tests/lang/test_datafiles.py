"""The language facts of the floor: each spelled once in a data file, and consistent."""

from __future__ import annotations

import math

from mubiao.lang.datafiles import load_yaml
from mubiao.lang.numerals import DIGITS, NUMERALS
from mubiao.lang.regions import level_suffixes, name_suffixes


def test_datafiles_numerals_are_single_distinct_characters() -> None:
    assert len(set(NUMERALS)) == len(NUMERALS) and NUMERALS.startswith(DIGITS)
    assert {"一", "十", "两", "百"} <= set(NUMERALS)


def test_datafiles_magnitudes_are_powers_of_ten_longest_first() -> None:
    magnitudes = load_yaml("units.yaml")["magnitudes"]
    assert all(math.log10(factor).is_integer() for factor in magnitudes.values())
    lengths = [len(word) for word in magnitudes]
    assert lengths == sorted(lengths, reverse=True)


def test_datafiles_region_suffixes_belong_to_one_level() -> None:
    every = [s for group in level_suffixes().values() for s in group]
    assert len(every) == len(set(every)) and set(level_suffixes()) == {"province", "city", "county"}
    assert name_suffixes()[0] == "特别行政区" and name_suffixes().index("自治区") < name_suffixes().index("区")


def test_datafiles_measure_word_lists_are_present_and_distinct() -> None:
    measures = load_yaml("measures.yaml")
    for key in ("verb_fillers", "point_change_verbs", "jun_compounds", "measure_names"):
        assert measures[key], key
    assert set(measures["measure_names"].values()) <= {"level", "growth", "increment"}
    assert all(len(ch) == 1 for ch in measures["jun_compounds"])
