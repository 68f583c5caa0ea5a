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

from mubiao.extraction.grammar import ARABIC, CN_NUMERAL, RANGE_SEPARATORS, RATIO_SEPARATORS, Grammar, arabic_value, chinese_value

YEAR_RE = re.compile(r"(?:19|20)\d{2}$")
BRACKET_END = re.compile(rf"^[{RANGE_SEPARATORS}]{ARABIC}[^\d，、]{{0,4}}?(?=的)")  # 50万元至200万元的部分
ROUND_HINT = re.compile("上[百千万亿]")
AGE_BAND = re.compile(r"^\d+(?:周)?岁(?:以上|以下|及以上)?")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
CN_NUMERAL_RE = re.compile(f"[{CN_NUMERAL}]")  # a Chinese-numeral quantity needs one of these
QUOTE_PAIRS = {"“": "”", "《": "》", "‘": "’", "「": "」", "『": "』", '"': '"'}
QUOTE_OPENERS = re.compile("[" + re.escape("".join(QUOTE_PAIRS)) + "]")
RATIO_MARKS = re.compile(f"[{RATIO_SEPARATORS}]")
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
    quotes = quoted_spans(clause) if QUOTE_OPENERS.search(clause) else []
    quoted = _covered(len(clause), quotes)
    mentions: list[Mention] = []
    taken = bytearray(len(clause) + 1)  # positions already read as a number
    has_ratio = RATIO_MARKS.search(clause) is not None  # most clauses hold no ratio: skip both scans
    for found in g.ratio.finditer(clause) if has_ratio else ():
        if quoted[found.start()]:
            continue
        pos = found.start()
        for part in re.split(r"[∶:：]", found.group()):
            mentions.append(Mention(pos, pos + len(part), part, arabic_value(part), None, "%", "", "", ratio=True))
            pos += len(part) + 1
        taken[found.start() : found.end()] = b"\x01" * (found.end() - found.start())
    for found in g.ratio_to_one.finditer(clause) if has_ratio else ():
        if taken[found.start()] or quoted[found.start()]:
            continue
        number = found.group("num")
        after = found.group("after") or ""  # 缩小至2.1∶1左右
        mentions.append(Mention(found.start(), found.end(), found.group(), arabic_value(number), None, found.group("unit"), after, "", ratio=True))
        taken[found.start() : found.end()] = b"\x01" * (found.end() - found.start())
    if "上" in clause and ROUND_HINT.search(clause):
        for found in g.round_figure.finditer(clause):
            if not quoted[found.start()]:
                mentions.append(_round_figure(found))
                taken[found.start() : found.end()] = b"\x01" * (found.end() - found.start())
    for found in g.mention.finditer(clause):
        if taken[found.start()] or quoted[found.start()]:
            continue
        mention = _arabic(found, clause, g)
        if mention is not None:
            mentions.append(mention)
            taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    if CN_NUMERAL_RE.search(clause):
        for found in g.chinese.finditer(clause):
            if found.group("unit") is None and found.group("pct") is None:
                continue  # 进一步, 统一: a numeral with no unit is never a quantity (`_chinese`)
            if any(taken[found.start() : found.end()]) or quoted[found.start()]:
                continue
            mention = _chinese(found, clause, g)
            if mention is not None:
                mentions.append(mention)
    if not mentions:
        return mentions  # most clauses with a numeral character hold no quantity (进一步, 统一)
    mentions.sort(key=lambda m: m.start)
    mentions = _after_share(_ranges(mentions, clause), clause)
    scope = _scope_flags(mentions, clause, g)
    return [m for m, is_scope in zip(mentions, scope) if not is_scope]


def _ranges(mentions: list[Mention], clause: str) -> list[Mention]:
    """5万元至10万元: two numbers of one unit joined by a range word are one range."""
    out: list[Mention] = []
    for m in mentions:
        last = out[-1] if out else None
        if (
            last is not None
            and last.value_max is None
            and m.value_max is None
            and last.unit == m.unit
            and not last.after
            and not (last.ratio or m.ratio or last.chinese or m.chinese)
            and m.start - last.end == 1
            and clause[last.end] in RANGE_SEPARATORS
            and m.value > last.value
        ):
            out[-1] = Mention(last.start, m.end, clause[last.start : m.end], last.value, m.value, m.unit, m.after, last.approx)
            continue
        out.append(m)
    return out


def _after_share(mentions: list[Mention], clause: str) -> list[Mention]:
    """95%以上的村收入超过10万元: after a share of a class, the bound that defines the class is no record."""
    for i, m in enumerate(mentions):
        if m.unit in ("%", "％") and clause[m.end : m.end + 1] == "的":
            return mentions[: i + 1] + [n for n in mentions[i + 1 :] if n.unit in ("%", "％")]
    return mentions


def _round_figure(found: re.Match[str]) -> Mention:
    """上千家, 上亿人: at least a round figure (GUIDE: 上千 is >=)."""
    magnitude, unit = found.group("mag"), found.group("unit")
    value = {"百": 100.0, "千": 1000.0}.get(magnitude)
    if value is None:
        value, unit = 1.0, magnitude + unit
    return Mention(found.start(), found.end(), found.group(), value, None, unit, "", "多")


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
    if _threshold(found, unit, clause[end : end + 16], g) or (unit in g.units_data["threshold_units"] and _age_band(found, unit, clause, g)):
        return None
    if not unit:
        unit = magnitude + _implied_unit(clause[:start], clause[end:], g)
    else:
        unit = magnitude + unit
    if _is_population(unit, clause, start, end, g) or _names_a_kind(unit, clause, start, end, g):
        return None
    if _is_background(unit, clause, start, end, g) or (unit in g.units_data["streak_units"] and _is_streak(unit, clause, start, end, g)):
        return None
    if unit in ("个", "项", "大") and _outline(clause, found, g):
        return None
    value_max = arabic_value(found.group("num2")) if found.group("num2") else None
    approx = found.group("approx") or found.group("approx_before") or ""
    return Mention(start, end, found.group(), arabic_value(number), value_max, unit, found.group("after") or "", approx)


def _is_background(unit: str, clause: str, start: int, end: int, g: Grammar) -> bool:
    """A forecast cohort (预计今年毕业生超过900万人) or an outline (主要指标22项, 22项主要指标)."""
    units = g.units_data
    before = clause[:start]
    if unit.endswith("人") and any(w in before for w in units["forecast_words"]) and any(n in before for n in units["cohort_nouns"]):
        return True
    following = re.split(r"[，、。；：]", clause[end : end + 8])[0]
    if any(n in before[-4:] or n in following for n in units["outline_nouns"]):
        return True
    if unit in units["grade_units"] and CJK_RE.match(clause[end : end + 1] or " "):
        return True  # 1000千伏输电线路: a voltage grade names the kind of line
    base = unit.lstrip("".join(units["magnitudes"]))
    return clause.startswith(tuple(units["names_after_unit"].get(base, ())), end)


def _outline(clause: str, found: re.Match[str], g: Grammar) -> bool:
    """九个方面, 以下10个方面的工作, 13个领域: an outline of the text or a set of fields, not a count
    (also where the unit's character begins the noun: 四方面 is no 四方)."""
    aspects = g.unit_words["aspect_nouns"]
    unit_start = found.start("unit") if found.group("unit") else found.end()
    return clause.startswith(aspects, found.end()) or clause.startswith(aspects, unit_start)


def _is_streak(unit: str, clause: str, start: int, end: int, g: Grammar) -> bool:
    """连续24个月保持两位数增长, 连续3次获评: the length of a streak qualifies another figure
    or names an honour; kept when the streak is of something not happening (连续61个月未发生)."""
    units = g.units_data
    if unit not in units["streak_units"] or not clause.endswith(tuple(units["streak_openers"]), 0, start):
        return False
    return not clause.startswith(tuple(units["streak_kept_after"]), end)


def _names_a_kind(unit: str, clause: str, start: int, end: int, g: Grammar) -> bool:
    """Numbers that name a kind or a band: 4.5米水深航道, 沿线1公里地块, 排名前1%, 2个1类新药."""
    units = g.units_data
    before, following = clause[max(0, start - 3) : start], clause[end : end + 3]
    if unit.endswith(tuple(units["base"]["length"])):
        if following.startswith(g.unit_words["dimension_words"]) or before.endswith(g.unit_words["band_prefixes"]):
            return True
    if unit in ("%", "％", "‰", "‱") and before.endswith(g.unit_words["rank_prefixes"]):
        return True
    # a class right after a count of it: 2个1类创新药 (the 2个 is the record)
    return unit in ("类", "级", "档") and start > 0 and clause[start - 1] in "个项家种款"


def _threshold(found: re.Match[str], unit: str, following: str, g: Grammar) -> bool:
    """A bound that defines a class rather than a quantity.

    5万元以下的薄弱村, 10蒸吨以下燃煤锅炉, 65岁以上老人, 所得额50万元至200万元的部分.
    A share is no class: 95%以上的村 counts the villages (GUIDE: a share is a level).
    """
    after = found.group("after")
    following = following[:6] if following[:1] not in RANGE_SEPARATORS else following
    if unit in ("%", "％", "‰") and after == "以上":
        return False
    if after in ("以下", "以上") and following[:1] == "的":
        return True
    if after == "以下" and CJK_RE.match(following[:1] or " "):
        return True
    if after == "以上" and unit in g.units_data["threshold_units"] and CJK_RE.match(following[:1] or " "):
        return True  # 65岁以上老年人: an age band
    rest = BRACKET_END.sub("", following) if following[:1] in RANGE_SEPARATORS else following
    return rest.startswith(g.unit_words["bracket_words"])


def _age_band(found: re.Match[str], unit: str, clause: str, g: Grammar) -> bool:
    """An age that bands a class: 满3岁即入园, 0—6岁儿童 (a range before a noun)."""
    units = g.units_data
    if unit not in units["threshold_units"]:
        return False
    if clause.endswith(tuple(units["threshold_openers"]), 0, found.start()):
        return True
    return bool(found.group("num2")) and not found.group("after") and CJK_RE.match(clause[found.end() : found.end() + 1] or " ") is not None


def _chinese(found: re.Match[str], clause: str, g: Grammar) -> Mention | None:
    """Chinese numerals count only where the genre uses them for quantities (百分之五, 三成, 至少一所)."""
    numeral, unit = found.group("num"), found.group("unit") or ""
    start, end = found.start(), found.end()
    if found.group("pct"):
        unit = "%"
    if not unit or _named_before(clause[max(0, start - 2) : start], g):
        return None
    following = clause[end : end + 4]
    if following and following[0] in "大“\"‘《不" and not (following[0] in "“《" and numeral != "一" and unit in g.units_data["event_units"]):
        return None  # 三大工程, 两“…”: labels; but 两届“…”大会 counts events
    units = g.units_data
    if numeral + unit in units["indefinite"] or _outline(clause, found, g):
        return None  # 一批, 一系列: no quantity; 九个方面: an outline, not a count
    if numeral == "一" and following.startswith(g.unit_words["article_followers"]):
        return None  # 提高到一个新的水平, 一项重要任务: an article, not a count
    if clause[max(0, start - 2) : start] in units["list_openers"]:
        return None
    if unit not in ("%", "倍", "成", "个百分点", "百分点") and not _counted(numeral, clause[max(0, start - 6) : start], following, g):
        return None
    magnitude = found.group("mag") or ""
    value = chinese_value(numeral, g.units_data["magnitudes"].get(magnitude, 1))
    if value is None or not _sane(value):
        return None
    if _is_streak(magnitude + unit, clause, start, end, g):
        return None
    value_max = chinese_value(found.group("num2")) if found.group("num2") else None
    return Mention(start, end, found.group(), value, value_max, magnitude + unit, found.group("after") or "", found.group("approx") or "", chinese=True)


def _counted(numeral: str, window: str, following: str, g: Grammar) -> bool:
    """A Chinese numeral is a count after a quota or creating verb (至少一所, 新建两个);
    other than 一, also after an activity verb or before a change verb (举办三届, 两次下调)."""
    cue_words = g.count_cues
    if window.endswith(cue_words) or any(len(w) > 1 and w in window for w in cue_words):
        return True
    if numeral == "一":
        return False  # 开展一次, 办好一件: a manner of speaking more often than a count
    if window.endswith(g.measure_words["level_activity_verbs"]):
        return True
    return following.startswith(g.measure_words["growth_verbs"] + g.measure_words["adjust_verbs"])


def _named_before(before: str, g: Grammar) -> bool:
    """An ordinal, a code or a per-capita base: 第7次, G107, 每万人, 5G."""
    if not before:
        return False
    last = before[-1]
    if last.isascii() and last.isalpha():
        return True
    return before.endswith(g.unit_words["name_prefixes"])


def _named_after(unit: str, following: str, from_unit: str, g: Grammar) -> bool:
    words = g.unit_words
    if following.startswith(words["name_suffixes"]):
        return True
    if not unit and following.startswith(words["name_suffixes_bare"]):
        return True
    if following[:1].isascii() and following[:1].isalpha():
        return True  # 4G, 3A and other codes
    if unit in ("小时", "分钟", "天") and following.startswith(words["name_suffixes_after_time"]):
        return True
    return from_unit.startswith("周年")


def _implied_unit(before: str, after: str, g: Grammar) -> str:
    """The counting unit a magnitude word leaves implicit: 3.96万贫困人口 → 人."""
    units = g.units_data
    head = AGE_BAND.sub("", after[:12])[:6]  # 390万65岁以上老年人: the band sits between
    if any(head.startswith(n) or head[2:].startswith(n) or n in head[:4] or (len(n) > 1 and n in head) for n in units["implied_people_nouns"]):
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
    at = clause.find("人口", end - 1, end + 2)
    if at >= 0 and clause[at + 2 : at + 3] == "的":
        return True  # 一个有9亿多人口的大国: a description, not a record
    if following.startswith("人口") or clause[end : end + 2] == "人口":
        window = clause[max(0, start - 6) : start]
        return any(v in window for v in g.units_data["population_verbs"])
    return False


def _scope_flags(mentions: list[Mention], clause: str, g: Grammar) -> list[bool]:
    """For each mention: a count that names the set a later rate covers (13个…水源地水质达标率为100%).

    Such a count is followed, before the next rate, by a rate word (率, 比例, 比重) and no 、.
    Found by bisection (the next rate, the rate words and 、 between) so that a clause of
    thousands of numbers costs no more than thousands of clauses.
    """
    rate_starts = [m.start for m in mentions if m.unit in ("%", "％")]
    rate_marks = [(len(word), _positions(clause, word)) for word in g.units_data["rate_words"]]
    list_marks = _positions(clause, "、")
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
        rated = any(_occurs(marks, a, b - size + 1) for size, marks in rate_marks)
        flags.append(rated and not _occurs(list_marks, a, b))
    return flags


def _positions(text: str, word: str) -> list[int]:
    """Where `word` starts in `text`, in order."""
    found, at = [], text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def _occurs(positions: list[int], start: int, end: int) -> bool:
    """Whether one of the sorted `positions` lies in [start, end)."""
    k = bisect.bisect_left(positions, start)
    return k < len(positions) and positions[k] < end
