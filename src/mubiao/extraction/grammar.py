"""The number grammar of work reports: numbers, ranges, magnitudes, units, comparators.

No library reads a number together with its unit and comparator (cn2an converts
numerals, but raises on 百分之五 or 1.21万套 and invents numbers in running
text), so the grammar is written here, as regular expressions compiled from
the word lists in `mubiao/data/*.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import cn2an

from mubiao.lang.datafiles import load_yaml
from mubiao.lang.numerals import NUMERALS

# Digits with a decimal point, full-width ones included (８．８); older reports set in
# type put spaces inside numbers (1 5 ．3 ％), which still make one number.
# 12,429 and, in older reports, 7，800; a middle dot as the decimal point of a percentage (14·1％),
# as older typesetting has it (elsewhere it separates a date: 5·12).
ARABIC = r"\d+(?: \d+)*(?:[,，]\d{3}(?!\d))*(?: ?(?:[.．]|·(?=\d+ ?[%％])) ?\d+)?"
CN_NUMERAL = NUMERALS
RANGE_SEPARATORS = "—–\\-－~～至到"
RATIO_SEPARATORS = "∶:："
# The higher places of a compound numeral in older reports (四亿八千三百万吨, 十四万六千吨):
# 亿 or 万 followed by more digits is part of the number, not its magnitude.
COMPOUND_TAIL = rf"(?:[亿万](?=[{CN_NUMERAL}])[{CN_NUMERAL}]+)*"


@dataclass(frozen=True, slots=True)
class Grammar:
    """Compiled patterns and word lists, built once from the data files."""

    mention: re.Pattern[str]
    chinese: re.Pattern[str]
    ratio: re.Pattern[str]
    ratio_to_one: re.Pattern[str]
    round_figure: re.Pattern[str]
    comparator_after: dict[str, str]
    comparator_before: list[tuple[str, str]]
    weak_before: frozenset[str]
    units_data: dict
    measures: dict
    #: Every word list of units.yaml and measures.yaml as a tuple, for str.startswith/endswith,
    #: which test a whole list in one C call (a generator over the list was a tenth of extraction).
    unit_words: dict[str, tuple[str, ...]]
    measure_words: dict[str, tuple[str, ...]]
    #: Words after which a Chinese numeral is a count (comparator words and creating verbs).
    count_cues: tuple[str, ...]
    phrases: dict
    time_re: re.Pattern[str]
    leading_re: re.Pattern[str]
    trailing_re: re.Pattern[str]


def _alternation(words: Iterable[str], breakers: dict[str, list[str]] | None = None) -> str:
    """Words longest first; a word listed in `breakers` must not run on into them (台 of 台阶)."""
    breakers = breakers or {}

    def one(word: str) -> str:
        after = breakers.get(word)
        return re.escape(word) + (f"(?!{'|'.join(map(re.escape, after))})" if after else "")

    return "|".join(one(w) for w in sorted(set(words), key=len, reverse=True))


def _word_tuples(data: dict) -> dict[str, tuple[str, ...]]:
    """The lists of strings of a data file, as tuples."""
    return {k: tuple(v) for k, v in data.items() if isinstance(v, list) and all(isinstance(w, str) for w in v)}


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    units = load_yaml("units.yaml")
    comparators = load_yaml("comparators.yaml")
    measures = load_yaml("measures.yaml")
    phrases = load_yaml("phrases.yaml")
    base = [u for group in units["base"].values() for u in group]
    unit_words = units["percent"] + units["standalone"] + base
    magnitudes = _alternation(units["magnitudes"])
    whole = _alternation(units["folding"]["whole_units"])
    after = {w: op for op, spec in comparators.items() if isinstance(spec, dict) for w in spec["after"]}
    before = sorted(
        ((w, op) for op, spec in comparators.items() if isinstance(spec, dict) for w in spec["before"]),
        key=lambda item: -len(item[0]),
    )
    after_words = _alternation(list(after))
    breakers = units.get("unit_breakers", {})
    mention = re.compile(
        rf"(?P<num>{ARABIC})"
        rf"(?:(?P<pct1>[%％‰])?\s?(?P<sep>[{RANGE_SEPARATORS}])\s?(?P<num2>{ARABIC})(?=[%％‰]|(?(pct1)(?!)|)))?"
        rf"(?:(?P<approx_before>多|余)(?={magnitudes}))?"  # 3200多亿元: 多 before the magnitude
        rf"(?P<mag>(?!{whole})(?:{magnitudes}))?"  # 1000千伏: 千 begins a unit of its own here
        rf"(?P<approx>多|余)?"
        rf"(?P<unit>{_alternation(unit_words, breakers)})?"
        rf"(?P<after>{after_words})?"
    )
    chinese_units = _alternation(units["percent"] + units["percentage_point"] + ["倍", "成"] + base, breakers)  # 提高两个百分点
    chinese = re.compile(
        rf"(?P<pct>百分之)?(?P<num>[{CN_NUMERAL}]+{COMPOUND_TAIL}(?:点[{CN_NUMERAL}]+)?)"
        rf"(?:(?(pct)(?:[至到—－~～](?:百分之)?(?P<num2>[{CN_NUMERAL}]+(?:点[{CN_NUMERAL}]+)?))|(?!)))?"  # 百分之八至九
        rf"(?P<mag>{magnitudes})?(?P<approx>多|余)?(?P<unit>{chinese_units})?(?P<after>{after_words})?"
    )
    # A ratio starts at a number's first digit: retried inside a run of digits it would cost
    # time quadratic in the run's length.
    ratio = re.compile(rf"(?<![\d,.]){ARABIC}(?:[{RATIO_SEPARATORS}]{ARABIC}){{2,}}")
    # A two-term ratio against one (城乡居民收入比2.5∶1): one record, unit "∶1" as written.
    ratio_to_one = re.compile(rf"(?P<num>{ARABIC})(?P<unit>[{RATIO_SEPARATORS}]1)(?![\d.])(?P<after>{after_words})?")
    round_figure = re.compile(rf"(?<![以向])上(?P<mag>{magnitudes}|百)(?P<unit>{_alternation(unit_words, breakers)})(?!级)")
    time_re = re.compile("|".join(phrases["time_patterns"]))
    protected = _alternation(phrases["leading_protected"])
    leading_re = re.compile(rf"^(?:(?!{protected})(?:{_alternation(phrases['leading'])}))+")
    # A comparator word or a verb reaching a level (不高于23微克, 缩小至2.1∶1) is never the end
    # of what the number measures.
    trailing = phrases["trailing"] + [w for w, _op in before] + measures["level_verbs"]
    trailing_re = re.compile(rf"(?:{_alternation(trailing)})+$")
    return Grammar(
        mention=mention,
        chinese=chinese,
        ratio=ratio,
        ratio_to_one=ratio_to_one,
        round_figure=round_figure,
        comparator_after=after,
        comparator_before=before,
        weak_before=frozenset(comparators.get("weak_before", [])),
        units_data=units,
        measures=measures,
        unit_words=_word_tuples(units),
        measure_words=_word_tuples(measures),
        count_cues=tuple(w for w, _ in before) + tuple(measures["increment_verbs"]),
        phrases=phrases,
        time_re=time_re,
        leading_re=leading_re,
        trailing_re=trailing_re,
    )


def arabic_value(text: str) -> float:
    return float(text.replace(",", "").replace("，", "").replace(" ", "").replace("．", ".").replace("·", "."))


def chinese_value(text: str, magnitude: int = 1) -> float | None:
    """A Chinese numeral as a number (两 → 2, 三十 → 30, 三点五 → 3.5), via cn2an.

    A compound numeral is counted in its magnitude (四亿八千三百 before 万 → 48300)."""
    try:
        if magnitude > 1 and ("亿" in text or "万" in text):
            return float(cn2an.cn2an(text + _MAGNITUDE_WORDS[magnitude], "smart")) / magnitude
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


_MAGNITUDE_WORDS = {v: k for k, v in load_yaml("units.yaml")["magnitudes"].items()}
