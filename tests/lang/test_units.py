"""Unit folding: magnitudes, spellings and conversions."""

from __future__ import annotations

import pytest

from mubiao.lang import units as U


@pytest.mark.parametrize(
    ("unit", "base", "factor"),
    [
        ("亿元", "元", 1e8),
        ("万元", "元", 1e4),
        ("万亿元", "元", 1e12),
        ("万人", "人", 1e4),
        ("名", "人", 1.0),
        ("万名", "人", 1e4),
        ("个百分点", "百分点", 1.0),
        ("％", "%", 1.0),
        ("万千瓦", "千瓦", 1e4),
        ("家", "个", 1.0),
        ("万户", "户", 1e4),
        ("亿美元", "美元", 1e8),
        ("万吨", "千克", 1e7),
        ("斤", "千克", 0.5),
        ("个工作日", "工作日", 1.0),
    ],
)
def test_units_base_unit(unit: str, base: str, factor: float) -> None:
    assert U.base_unit(unit) == (base, pytest.approx(factor))


def test_units_compatible_folds_magnitudes() -> None:
    assert U.compatible("亿元", "万元")
    assert U.compatible("万人", "人")
    assert not U.compatible("亿元", "亿美元")
    assert not U.compatible("%", "个百分点")


def test_units_convert_between_magnitudes() -> None:
    assert U.convert(3500, "亿元", "万元") == pytest.approx(35_000_000)
    assert U.convert(3.96, "万人", "人") == pytest.approx(39_600)
    with pytest.raises(ValueError):
        U.convert(1, "亿元", "%")


@pytest.mark.parametrize(
    ("unit", "base", "factor"),
    [("十万人", "人", 1e5), ("千亿元", "元", 1e11), ("百亿元", "元", 1e10)],
)
def test_units_every_magnitude_word_of_units_yaml_folds(unit: str, base: str, factor: float) -> None:
    """Regression: 十万人 kept its own unit, so a target in 十万人 never met an outcome in 万人."""
    assert U.base_unit(unit) == (base, pytest.approx(factor))
    assert U.compatible(unit, "万人" if base == "人" else "亿元")


def test_units_magnitudes_are_the_extraction_grammar_words() -> None:
    from mubiao.extraction.grammar import grammar

    assert {word for word, _ in U.folding().magnitudes} == set(grammar().units_data["magnitudes"])
