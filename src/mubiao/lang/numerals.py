"""Chinese numerals: which characters write a number (data/units.yaml), in one place.

Their value is read by cn2an (`extraction.grammar.chinese_value`); structure uses
the digits to recognise numbered headings (一、, （二）), extraction to find numbers.
"""

from __future__ import annotations

from mubiao.lang.datafiles import load_yaml

_NUMERALS = load_yaml("units.yaml")["numerals"]

#: The digits: 零〇一二两三四五六七八九十.
DIGITS: str = _NUMERALS["digits"]
#: The digits and the multipliers of a quantity (百, 千).
NUMERALS: str = DIGITS + _NUMERALS["multipliers"]
