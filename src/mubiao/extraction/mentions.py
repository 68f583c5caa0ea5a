"""Find the numbers of a clause that can be records, with value, unit and comparator words.

A mention is a number as written with what sticks to it: a range's upper end,
a magnitude word, 多/余, a unit, and a closing 以上/以内/左右. Numbers that
belong to names, grades, codes, ordinals, dates and per-capita bases are
dropped here, so the later stages only see quantities.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

from mubiao.extraction.grammar import Grammar, arabic_value, chinese_value

YEAR_RE = re.compile(r"(?:19|20)\d{2}$")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
QUOTE_PAIRS = {"“": "”", "《": "》", "‘": "’", "「": "」", "『": "』", '"': '"'}
MAX_QUOTE = 40  # a longer "quoted" span is an unbalanced quote, not a name
# A number as written this large (or past float's range: infinity) is a run of digits, not a
# quantity: no report states 10^15 of any unit. Refused, so no record carries Infinity.
MAX_VALUE = 1e15
GROUP_SPACES = " \u00a0\u2009\u202f"


def _sane(value: float) -> bool:
    return math.isfinite(value) and abs(value) < MAX_VALUE


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
            j = text.find(closer, i + 1, i + MAX_QUOTE + 1)  # bounded: no rescan per stray quote
            if 0 < j - i <= MAX_QUOTE:
                spans.append((i, j + 1))
                i = j + 1
                continue
        i += 1
    return spans


def _covered(length: int, spans: list[tuple[int, int]]) -> bytearray:
    """A flag per position of the clause: 1 inside one of `spans` (one lookup per number, not a scan)."""
    flags = bytearray(length + 1)
    for s, e in spans:
        flags[s:e] = b"\x01" * (e - s)
    return flags


def find_mentions(clause: str, g: Grammar) -> list[Mention]:
    """Every quantity of a clause, in order of position."""
    quotes = quoted_spans(clause) if any(q in clause for q in QUOTE_PAIRS) else []
    quoted = _covered(len(clause), quotes)
    mentions: list[Mention] = []
    taken = bytearray(len(clause) + 1)  # positions already read as a number
    for found in g.ratio.finditer(clause):
        if quoted[found.start()]:
            continue
        pos = found.start()
        for part in re.split(r"[∶:：]", found.group()):
            mentions.append(Mention(pos, pos + len(part), part, arabic_value(part), None, "%", "", "", ratio=True))
            pos += len(part) + 1
        taken[found.start() : found.end()] = b"\x01" * (found.end() - found.start())
    for found in g.mention.finditer(clause):
        if taken[found.start()] or quoted[found.start()]:
            continue
        mention = _arabic(found, clause, g)
        if mention is not None:
            mentions.append(mention)
            taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    if CJK_RE.search(clause):
        for found in g.chinese.finditer(clause):
            if any(taken[found.start() : found.end()]) or quoted[found.start()]:
                continue
            mention = _chinese(found, clause, g)
            if mention is not None:
                mentions.append(mention)
    mentions.sort(key=lambda m: m.start)
    scope = _scope_flags(mentions, clause)
    return [m for m, is_scope in zip(mentions, scope) if not is_scope]


def _arabic(found: re.Match[str], clause: str, g: Grammar) -> Mention | None:
    number, unit, magnitude = found.group("num"), found.group("unit") or "", found.group("mag") or ""
    start, end = found.start(), found.end()
    before = clause[max(0, start - 2) : start]
    if _named_before(before, g):
        return None
    if len(before) == 2 and before[0].isdigit() and before[1] in GROUP_SPACES:
        return None  # the tail of a space-grouped number (5 000 000亿元): not read rather than misread
    if not _sane(arabic_value(number)) or (found.group("num2") and not _sane(arabic_value(found.group("num2")))):
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
    if value is None or not _sane(value):
        return None
    magnitude = found.group("mag") or ""
    return Mention(start, end, found.group(), value, None, magnitude + unit, found.group("after") or "", found.group("approx") or "", chinese=True)


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


def _scope_flags(mentions: list[Mention], clause: str) -> list[bool]:
    """For each mention: a count that names the set a later rate covers (13个…水源地水质达标率为100%).

    Such a count is followed, before the next rate, by 率 and no 、. Found by bisection
    (the next rate, the 率 and 、 between) so that a clause of thousands of numbers
    costs no more than thousands of clauses.
    """
    rate_starts = [m.start for m in mentions if m.unit in ("%", "％")]
    rate_marks, list_marks = _positions(clause, "率"), _positions(clause, "、")
    flags = []
    for mention in mentions:
        if mention.unit in ("%", "％") or "百分点" in mention.unit or mention.ratio:
            flags.append(False)
            continue
        k = bisect.bisect_right(rate_starts, mention.end)
        if k == len(rate_starts):
            flags.append(False)
            continue
        a, b = mention.end, rate_starts[k]
        flags.append(_occurs(rate_marks, a, b) and not _occurs(list_marks, a, b))
    return flags


def _positions(text: str, char: str) -> list[int]:
    return [i for i, c in enumerate(text) if c == char] if char in text else []


def _occurs(positions: list[int], start: int, end: int) -> bool:
    """Whether one of the sorted `positions` lies in [start, end)."""
    k = bisect.bisect_left(positions, start)
    return k < len(positions) and positions[k] < end
