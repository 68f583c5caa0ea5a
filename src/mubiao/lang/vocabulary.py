"""Map an indicator as a report writes it to one canonical indicator.

Reports name the same series many ways (全市GDP总量, 地区生产总值, 经济总量), and
the tracker can only follow a pledge across years when they are folded into one
name. The vocabulary lives in `mubiao/data/indicators.yaml`; this module loads
it once and resolves raw strings with `canonical()`:

1. the caller's own mappings (`extra`, e.g. corrections kept in the database);
2. an exact name or synonym, tried again after stripping region words
   (全市, 我省…), action words in front (新增, 累计…) and measure words behind
   (增长, 总量, 达…);
3. the longest name or synonym contained in the stripped string, unless the
   words around it make a compound indicator of it (the `compound` lists of
   the YAML: 占/比重 for a share, 人均, 率, 能耗 anywhere; 单位, 海洋, X经济,
   X产业 glued in front): 制造业增加值占GDP比例, 单位国内生产总值能耗 and
   海洋生产总值 are not GDP. Whole names are tried before contained ones, and
   longer (more specific) names before shorter ones.

`family()` gives the series that may answer for one another (`stands_for`:
国民生产总值 ↔ 地区生产总值, 商品零售价格涨幅 ↔ 居民消费价格涨幅).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, get_args

from mubiao.lang.datafiles import data_path as datafile_path
from mubiao.lang.datafiles import load_yaml, read_yaml_file
from mubiao.model import Measure

MEASURES: frozenset[str] = frozenset(get_args(Measure))

#: Region words that open an indicator (全市GDP → GDP).
REGION_PREFIXES: tuple[str, ...] = (
    "全市域", "全市", "全省", "全国", "全县", "全区", "全州", "全盟", "全旗", "全域",
    "我市", "我省", "我县", "我区", "我州", "本市", "本省", "本县",
)

#: Action words in front that do not change the series (新增高新技术企业 → 高新技术企业).
ACTION_PREFIXES: tuple[str, ...] = (
    "新增", "净增", "累计", "年均", "创建", "新创", "完成", "实现", "力争", "确保", "全年",
)

#: Measure words behind that do not change the series (GDP增长 → GDP).
MEASURE_SUFFIXES: tuple[str, ...] = (
    "年均增长率", "年均增长", "年均增速", "增长率", "增长", "增速", "增幅",
    "总量", "达到", "达", "突破", "超过", "提高", "提升", "下降", "降低", "降到",
    "控制在", "稳定在", "保持在", "实现", "完成", "规模", "水平", "数量", "总数", "个数",
    "人数", "目标", "同比", "比上年",
)

#: Shortest spelling that may be found inside a longer string (棚改 is too short to trust).
MIN_CONTAINED = 3

_DROP = re.compile(r"[\s“”\"'‘’「」『』《》()\[\]【】、·．.的]")


@dataclass(frozen=True, slots=True)
class Indicator:
    """One canonical indicator of the vocabulary."""

    name: str
    id: str
    en: str
    synonyms: tuple[str, ...]
    units: tuple[str, ...]
    measures: tuple[str, ...]
    better: Literal["up", "down"] = "up"
    note: str | None = None
    stands_for: str | None = None


@dataclass(frozen=True, slots=True)
class Compound:
    """Words around a contained name that make another series of it (the YAML's `compound`)."""

    anywhere: tuple[str, ...] = ()
    before: tuple[str, ...] = ()
    before_endings: tuple[str, ...] = ()

    def changes_series(self, before: str, after: str) -> bool:
        """True when the words before and after a contained name make a different indicator."""
        rest = before + after
        if any(word in rest for word in self.anywhere):
            return True
        return before.endswith(self.before) or before.endswith(self.before_endings)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The loaded YAML: indicators plus the index from folded spellings to names."""

    indicators: tuple[Indicator, ...]
    units: tuple[str, ...]
    measures: tuple[str, ...]
    index: Mapping[str, str]
    by_name: Mapping[str, Indicator]
    longest_first: tuple[str, ...]
    compound: Compound = Compound()


def fold(text: str | None) -> str:
    """The form spellings are compared in: NFKC, no spaces, quotes, brackets, 的; upper-case Latin."""
    text = unicodedata.normalize("NFKC", text or "")
    return _DROP.sub("", text).upper()


def data_path() -> Path:
    """Where the packaged vocabulary lives."""
    return datafile_path("indicators.yaml")


def read_yaml(path: str | Path | None = None) -> dict[str, Any]:
    """The raw YAML document (used by the loader and the integrity test)."""
    return read_yaml_file(path) if path else load_yaml("indicators.yaml")


@lru_cache(maxsize=4)
def load(path: str | None = None) -> Vocabulary:
    """Load and index the vocabulary once; a later synonym never overrides an earlier one."""
    doc = read_yaml(path)
    items: list[Indicator] = []
    index: dict[str, str] = {}
    for entry in doc["indicators"]:
        item = Indicator(
            name=entry["name"],
            id=entry["id"],
            en=entry.get("en", ""),
            synonyms=tuple(entry.get("synonyms") or ()),
            units=tuple(entry.get("units") or ()),
            measures=tuple(entry.get("measures") or ()),
            better=entry.get("better", "up"),
            note=entry.get("note"),
            stands_for=entry.get("stands_for"),
        )
        items.append(item)
        for spelling in (item.name, *item.synonyms):
            index.setdefault(fold(spelling), item.name)
    return Vocabulary(
        indicators=tuple(items),
        units=tuple(doc.get("units") or ()),
        measures=tuple(doc.get("measures") or sorted(MEASURES)),
        index=index,
        by_name={item.name: item for item in items},
        longest_first=tuple(sorted(index, key=lambda key: (-len(key), key))),
        compound=Compound(**{k: tuple(fold(w) for w in v) for k, v in (doc.get("compound") or {}).items()}),
    )


def indicators() -> list[Indicator]:
    """All canonical indicators, in the order of the YAML file."""
    return list(load().indicators)


def lookup(name: str | None) -> Indicator | None:
    """The Indicator for a canonical name (or its id); None when not in the vocabulary."""
    if not name:
        return None
    vocab = load()
    if name in vocab.by_name:
        return vocab.by_name[name]
    return next((item for item in vocab.indicators if item.id == name), None)


@lru_cache(maxsize=1024)
def family(name: str | None) -> tuple[str, ...]:
    """The canonical name, then the series that may answer for it (`stands_for`, both ways)."""
    if not name:
        return ()
    vocab = load()
    item = vocab.by_name.get(name)
    out = [name]
    if item is not None and item.stands_for:
        out.append(item.stands_for)
    out += [other.name for other in vocab.indicators if other.stands_for == name]
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=1024)
def spellings(term: str) -> tuple[str, ...]:
    """Other spellings a search for `term` should also find, when `term` is a whole name of the
    vocabulary: GDP, 生产总值 and 地区生产总值 find each other. Only spellings that share the
    canonical name's core (a run of 4 characters, or all of a shorter name) or are Latin
    abbreviations are offered: a broad synonym such as 经济 or 经济总量 would flood the results."""
    vocab = load()
    name = vocab.index.get(fold(term))
    if name is None:
        return (term,)
    if not (_latin(term) or _shares_core(term, name)):
        return (term,)  # 经济 names GDP in the vocabulary, but a search for 经济 wants 经济
    item = vocab.by_name[name]
    close = [name, *(syn for syn in item.synonyms if _latin(syn) or _shares_core(syn, name))]
    return tuple(dict.fromkeys([term, *close]))


def _latin(spelling: str) -> bool:
    return any("A" <= ch.upper() <= "Z" for ch in spelling)


def _shares_core(spelling: str, name: str) -> bool:
    size = min(4, len(name), len(spelling))
    return any(name[i : i + size] in spelling for i in range(len(name) - size + 1))


def strip_forms(raw: str) -> list[str]:
    """The folded raw string, then each form left after stripping one more region, action or measure word."""
    forms = [fold(raw)]
    current = forms[0]
    while True:
        nxt = _strip_once(current)
        if nxt == current or not nxt:
            return forms
        forms.append(nxt)
        current = nxt


def _strip_once(text: str) -> str:
    for word in REGION_PREFIXES + ACTION_PREFIXES:
        if text.startswith(word) and len(text) > len(word) + 1:
            return text[len(word):]
    for word in MEASURE_SUFFIXES:
        if text.endswith(word) and len(text) > len(word) + 1:
            return text[: -len(word)]
    return text


def canonical(indicator: str | None, extra: Mapping[str, str] | None = None) -> str | None:
    """The canonical name of a raw indicator, or None when the vocabulary does not know it."""
    if not indicator or not indicator.strip():
        return None
    forms = strip_forms(indicator)
    if extra:
        folded_extra = {fold(key): value for key, value in extra.items()}
        for form in forms:
            if form in folded_extra:
                return folded_extra[form]
    vocab = load()
    for form in forms:
        if form in vocab.index:
            return vocab.index[form]
    return _contained(forms[-1], vocab)


def _contained(text: str, vocab: Vocabulary) -> str | None:
    """The longest spelling inside `text` whose surrounding words keep the same series.

    Only the longest spelling found is judged: when its surroundings make a
    compound of it, a shorter spelling inside it (生产总值 inside
    国内生产总值) is no better, so the answer is None.
    """
    for spelling in vocab.longest_first:
        if len(spelling) < MIN_CONTAINED or spelling not in text:
            continue
        at = text.index(spelling)
        if vocab.compound.changes_series(text[:at], text[at + len(spelling):]):
            return None
        return vocab.index[spelling]
    return None
