"""Find the numbers of a clause that can be records, with value, unit and comparator words.

A mention is a number as written with what sticks to it: a range's upper end,
a magnitude word, 多/余, a unit, and a closing 以上/以内/左右. Numbers that
belong to names, grades, codes, ordinals, dates and per-capita bases are
dropped here, so the later stages only see quantities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mubiao.extraction.grammar import Grammar, arabic_value, chinese_value

YEAR_RE = re.compile(r"(?:19|20)\d{2}$")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
QUOTE_PAIRS = {"“": "”", "《": "》", "‘": "’", "「": "」", "『": "』", '"': '"'}
MAX_QUOTE = 40  # a longer "quoted" span is an unbalanced quote, not a name


@dataclass(slots=True)
class Mention:
    start: int  # offsets within the clause
    end: int
    text: str
    value: float
    value_max: float | None
    unit: str
    after: str  # comparator word after the number (以上, 左右 …) or ""
    approx: str  # 多/余 between number and unit
    chinese: bool = False
    ratio: bool = False


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of names in quotes and book titles (“3311”工程, 《…条例》), short ones only."""
    spans = []
    i = 0
    while i < len(text):
        closer = QUOTE_PAIRS.get(text[i])
        if closer:
            j = text.find(closer, i + 1)
            if 0 < j - i <= MAX_QUOTE:
                spans.append((i, j + 1))
                i = j + 1
                continue
        i += 1
    return spans


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= position < e for s, e in spans)


def find_mentions(clause: str, g: Grammar) -> list[Mention]:
    """Every quantity of a clause, in order of position."""
    quotes = quoted_spans(clause) if any(q in clause for q in QUOTE_PAIRS) else []
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for found in g.ratio.finditer(clause):
        if _inside(found.start(), quotes):
            continue
        pos = found.start()
        for part in re.split(r"[∶:：]", found.group()):
            mentions.append(Mention(pos, pos + len(part), part, arabic_value(part), None, "%", "", "", ratio=True))
            pos += len(part) + 1
        taken.append(found.span())
    for found in g.mention.finditer(clause):
        if any(s <= found.start() < e for s, e in taken) or _inside(found.start(), quotes):
            continue
        mention = _arabic(found, clause, g)
        if mention is not None:
            mentions.append(mention)
            taken.append((mention.start, mention.end))
    if CJK_RE.search(clause):
        for found in g.chinese.finditer(clause):
            if any(s < found.end() and found.start() < e for s, e in taken) or _inside(found.start(), quotes):
                continue
            mention = _chinese(found, clause, g)
            if mention is not None:
                mentions.append(mention)
    mentions.sort(key=lambda m: m.start)
    return [m for m in mentions if not _is_scope(m, mentions, clause)]


def _arabic(found: re.Match[str], clause: str, g: Grammar) -> Mention | None:
    number, unit, magnitude = found.group("num"), found.group("unit") or "", found.group("mag") or ""
    start, end = found.start(), found.end()
    before = clause[max(0, start - 2) : start]
    if _named_before(before, g):
        return None
    if not unit and not magnitude:
        return None  # a bare number: a year, a code, a count without a unit
    if unit == "" and YEAR_RE.match(number):
        return None
    following = clause[end : end + 6]
    if _named_after(unit, following, clause[found.start("unit") if unit else end :], g):
        return None
    if found.group("after") in ("以下", "以上") and (following[:1] == "的" or (found.group("after") == "以下" and CJK_RE.match(following[:1] or " "))):
        return None  # a class threshold: 5万元以下的薄弱村, 10蒸吨以下燃煤锅炉
    if not unit:
        unit = magnitude + _implied_unit(clause[:start], clause[end:], g)
    else:
        unit = magnitude + unit
    if _is_population(unit, clause, start, end, g):
        return None
    value_max = arabic_value(found.group("num2")) if found.group("num2") else None
    return Mention(start, end, found.group(), arabic_value(number), value_max, unit, found.group("after") or "", found.group("approx") or "")


def _chinese(found: re.Match[str], clause: str, g: Grammar) -> Mention | None:
    """Chinese numerals count only where the genre uses them for quantities (百分之五, 三成, 至少一所)."""
    numeral, unit = found.group("num"), found.group("unit") or ""
    start, end = found.start(), found.end()
    if found.group("pct"):
        unit = "%"
    if not unit or _named_before(clause[max(0, start - 2) : start], g):
        return None
    following = clause[end : end + 4]
    if following and following[0] in "大“\"‘《不":
        return None
    units = g.units_data
    if numeral + unit in units["indefinite"] or any(following.startswith(w) for w in units["aspect_nouns"]):
        return None  # 一批, 一系列: no quantity; 九个方面: an outline, not a count
    if clause[max(0, start - 2) : start] in units["list_openers"]:
        return None
    if unit not in ("%", "倍", "成"):
        window = clause[max(0, start - 6) : start]
        cue_words = [w for w, _ in g.comparator_before] + g.measures["increment_verbs"]
        if not any(window.endswith(w) or (w in window and len(w) > 1) for w in cue_words):
            return None
    value = chinese_value(numeral)
    if value is None:
        return None
    magnitude = found.group("mag") or ""
    value_max = chinese_value(found.group("num2")) if found.group("num2") else None
    return Mention(start, end, found.group(), value, value_max, magnitude + unit, found.group("after") or "", found.group("approx") or "", chinese=True)


def _named_before(before: str, g: Grammar) -> bool:
    """An ordinal, a code or a per-capita base: 第7次, G107, 每万人, 5G."""
    if not before:
        return False
    last = before[-1]
    if last.isascii() and last.isalpha():
        return True
    return any(before.endswith(p) for p in g.units_data["name_prefixes"])


def _named_after(unit: str, following: str, from_unit: str, g: Grammar) -> bool:
    units = g.units_data
    if any(following.startswith(s) for s in units["name_suffixes"]):
        return True
    if following[:1].isascii() and following[:1].isalpha():
        return True  # 4G, 3A and other codes
    if unit in ("小时", "分钟", "天") and any(following.startswith(s) for s in units["name_suffixes_after_time"]):
        return True
    return from_unit.startswith("周年")


def _implied_unit(before: str, after: str, g: Grammar) -> str:
    """The counting unit a magnitude word leaves implicit: 3.96万贫困人口 → 人."""
    units = g.units_data
    head = after[:6]
    if any(head.startswith(n) or head[2:].startswith(n) or n in head[:4] for n in units["implied_people_nouns"]):
        return "人"
    tail = before[-8:]
    if any(w in tail for w in units["implied_people_verbs"] + units["implied_people_nouns"]):
        return "人"
    return ""


def _is_population(unit: str, clause: str, start: int, end: int, g: Grammar) -> bool:
    """全市807万人民, 辐射周边3000万人口: background population figures, not records."""
    if not unit.endswith("人"):
        return False
    following = clause[end - 1 : end + 2] if clause[end - 1 : end] == "人" else "人" + clause[end : end + 2]
    if following.startswith("人民"):
        return True
    if following.startswith("人口") or clause[end : end + 2] == "人口":
        window = clause[max(0, start - 6) : start]
        return any(v in window for v in g.units_data["population_verbs"])
    return False


def _is_scope(mention: Mention, mentions: list[Mention], clause: str) -> bool:
    """A count that names the set a later rate covers (13个…水源地水质达标率为100%)."""
    if mention.unit in ("%", "％") or "百分点" in mention.unit or mention.ratio:
        return False
    for other in mentions:
        if other.start > mention.end and other.unit in ("%", "％"):
            between = clause[mention.end : other.start]
            return "率" in between and "、" not in between
    return False
