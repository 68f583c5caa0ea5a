"""Turn the mentions of each clause into records: kind, indicator, measure, year.

The genre's habits drive the rules: one verb or comparator shared across a
list (分别增长15%、24%以上), one number for several indicators (均在10%以上),
the indicator carried from the clause before (…突破3500亿元，年均增长7.4%), the
year taken from where the sentence stands (a review, the annual plan, 到2021年).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from mubiao.clean import CleanText
from mubiao.extraction.grammar import Grammar, grammar
from mubiao.extraction.headline import mark_headlines, targets_spans
from mubiao.extraction.mentions import Mention, find_mentions, quoted_spans
from mubiao.model import Record
from mubiao.lang.numerals import NUMERALS
from mubiao.lang.years import (
    goal_period,
    opens_this_year,
    past_opening,
    past_years,
    plan_period,
    sentence_time,
    western_years,
    years_data,
)
from mubiao.structure import Paragraph, Structure

SENTENCE_END = "。！？；;!?"
CLAUSE_END = "，,：:" + SENTENCE_END
FULL_STOPS = "。！？!?"  # a sentence's end; ；;  end a part of it
OPENERS, CLOSERS = "（(《“‘「", "）)》”’」"
CLAUSE_MARKS = re.compile(f"[{re.escape(OPENERS + CLOSERS + CLAUSE_END)}]")
#: A character a number may begin with; 零 alone (零碳, 零距离) is none to look for.
NUMBER_HINT = re.compile(rf"[\d{NUMERALS.replace('零', '')}万亿]")
# 是1997年的1.5倍: a base year, like 比1997年
EXPLICIT_YEAR = re.compile(r"(到|至|较|比|从|截至|截止|自|是(?=(?:19|20)\d{2}年的))?((?:19|20)\d{2})年(前|底|末|起|以来)?")
LIST_JOINERS = "、和及与以及，∶:："
# A clause longer than this is no sentence of the genre (a run of digits, a flattened table):
# it gives no records and names nothing, so a hostile paragraph costs linear time.
RELATIVE_UNITS = ("%", "％", "倍", "成")  # units of a change written as a proportion (GUIDE: growth)
MAX_CLAUSE = 1000
# How far back a number's sentence is read for its time words. The genre's longest sentences
# run to about 500 characters; a bound keeps a sentence of thousands of numbers linear.
MAX_SENTENCE = 1200


@dataclass(slots=True)
class Clause:
    start: int  # offsets within the paragraph
    end: int
    sentence: int  # index of the sentence within the paragraph


@dataclass(slots=True)
class Draft:
    """A mention on its way to becoming a record."""

    mention: Mention
    clause: Clause
    pre: str
    post: str
    comparator: str = "="
    measure: str | None = None
    sign: int = 1
    indicators: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: re.Pattern[str]
    kinds: dict[str, str]
    growth_tail: re.Pattern[str]
    points_tail: re.Pattern[str]
    level_tail: re.Pattern[str]
    negative: tuple[str, ...]
    growth_indicators: tuple[str, ...]
    weak: frozenset[str]
    set_reference: re.Pattern[str]
    noun_heads: tuple[str, ...]
    negative_tail: re.Pattern[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    m = grammar().measures
    kinds = {w: "level" for w in m["level_activity_verbs"] + m["weak_verbs"]}
    kinds.update({w: "increment" for w in m["increment_verbs"]})
    alternation = "|".join(re.escape(w) for w in sorted(kinds, key=len, reverse=True))
    filler = rf"(?:{'|'.join(map(re.escape, m['verb_fillers']))})*"
    growth = "|".join(re.escape(w) for w in sorted(m["growth_verbs"], key=len, reverse=True))
    level = "|".join(re.escape(w) for w in sorted(m["level_verbs"], key=len, reverse=True))
    return Lexicon(
        verbs=re.compile(alternation),
        kinds=kinds,
        growth_tail=re.compile(rf"(?:{growth})(?!到|至|为){filler}$"),
        points_tail=re.compile(rf"(?:{growth}|{'|'.join(map(re.escape, m['point_change_verbs']))}){filler}$"),
        level_tail=re.compile(rf"(?:{level}){filler}$"),
        negative=tuple(m["negative_verbs"]),
        growth_indicators=tuple(m["growth_indicators"]),
        weak=frozenset(m["weak_verbs"]),
        set_reference=re.compile(rf"(?:{'|'.join(map(re.escape, m['set_reference_verbs']))})\s*$|等\s*$"),
        noun_heads=tuple(m["noun_heads"]),
        negative_tail=re.compile(rf"(?:{'|'.join(map(re.escape, m['negative_verbs']))}){filler}$"),
    )


def extract_records(
    cleaned: CleanText, structure: Structure, doc: str, original: str | None = None
) -> list[Record]:
    """Every quantitative record of a cleaned, outlined document, in reading order.

    With the `original` text, quotes are copied from it as written (spaces,
    traditional script); without it, from the cleaned text.
    """
    g, lex = grammar(), lexicon()
    records: list[Record] = []
    spans = targets_spans(cleaned.match_text, structure.paragraphs)
    in_list: list[int] = []  # indexes of the records whose clause stands in the targets list
    for paragraph in structure.paragraphs:
        if paragraph.is_heading or paragraph.role == "aside":
            continue  # back matter and notes (名词解释, ［1］…) explain; they set and report nothing
        text = cleaned.match_text[paragraph.start : paragraph.end]
        if not NUMBER_HINT.search(text):
            continue
        for draft in _paragraph_drafts(text, g, lex):
            if _names_a_set(draft, paragraph, structure, lex):
                continue
            made = _records(draft, text, paragraph, structure, cleaned, doc, original)
            at = paragraph.start + draft.clause.start
            if any(start <= at < end for start, end in spans):
                in_list.extend(range(len(records), len(records) + len(made)))
            records.extend(made)
    return mark_headlines(records, in_list, structure.year)


def _names_a_set(draft: Draft, paragraph: Paragraph, structure: Structure, lex: Lexicon) -> bool:
    """A plan's count that refers to an existing set (推进14条产业链建设, …等50多个产业园).

    The GUIDE counts it only with a quota: a comparator, or a verb that creates.
    """
    if paragraph.role != "plan" and structure.kind != "interpretation":
        return False
    m = draft.mention
    if m.unit in ("%", "％") or "百分点" in m.unit or draft.comparator not in ("=", ">=") or m.after:
        return False
    found = lex.set_reference.search(draft.pre)
    if found is None:
        return False
    if found.group().startswith("等"):
        # …等8条道路 after 提质更新 is a quota; after 发挥 or with no verb, a set
        return not any(lex.kinds[v.group()] == "increment" for v in lex.verbs.finditer(draft.pre))
    return True


def split_clauses(text: str) -> list[Clause]:
    """Clauses between ，；。： and line ends; brackets and quotes are never split."""
    clauses, depth, start, sentence = [], 0, 0, 0
    grouped = {m.start() for m in THOUSANDS_COMMA.finditer(text) if text[m.start() - 1 : m.start()].isdigit()}
    for found in CLAUSE_MARKS.finditer(text):
        at = found.start()
        char = text[at]
        if char in OPENERS:
            depth += 1
        elif char in CLOSERS:
            if depth:
                depth -= 1
        elif depth == 0 or at - start > 120:
            if char in "：:," and _between_digits(text, at):
                continue
            if grouped and at in grouped:
                continue  # 水泥7，800万吨: a full-width comma grouping thousands, in older reports
            if at > start:
                clauses.append(Clause(start, at, sentence))
            start = at + 1
            if char in SENTENCE_END:
                sentence += 1
            depth = 0
    if start < len(text):
        clauses.append(Clause(start, len(text), sentence))
    return clauses


def _between_digits(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


# A full-width comma grouping thousands (水泥7，800万吨 in older reports): no clause end.
THOUSANDS_COMMA = re.compile(r"，(?=\d{3}(?![\d.．]))")  # after a digit, checked per match (rare)


def _paragraph_drafts(text: str, g: Grammar, lex: Lexicon) -> list[Draft]:
    drafts: list[Draft] = []
    carried: list[str] = []  # the last indicators of the sentence, for clauses that omit them
    # Clauses without numbers since the last one with: the latest of them that names something
    # becomes `carried`. Naming is the costly part, so it waits until a number needs it.
    plain: list[str] = []
    sentence = -1
    for clause in split_clauses(text):
        if clause.sentence != sentence:
            sentence, carried, plain = clause.sentence, [], []
        if clause.end - clause.start > MAX_CLAUSE:
            carried, plain = [], []
            continue
        body = text[clause.start : clause.end]
        mentions = find_mentions(body, g) if NUMBER_HINT.search(body) else []
        if not mentions:
            plain.append(body)
            continue
        for earlier in reversed(plain):
            subject = _name(earlier, g)
            if 2 <= len(subject) <= 30:
                carried = [subject]
                break
        plain = []
        clause_drafts = _clause_drafts(body, clause, mentions)
        _shared_units(clause_drafts, g)
        _comparators(clause_drafts, body, g)
        _measures(clause_drafts, body, lex, drafts)
        carried = _indicators(clause_drafts, body, g, carried)
        drafts.extend(_without_start_points(clause_drafts, g))
    return drafts


BRACKETED = re.compile(r"（[^（）]*）|\([^()]*\)")


def _first_item(text: str) -> str:
    """The words up to the first 、 of a list, not one inside brackets (45个县（市、区）开展…)."""
    at = text.find("、")
    if at < 0:
        return text
    if "（" not in text[:at] and "(" not in text[:at]:
        return text[:at]
    masked = BRACKETED.sub(lambda m: "□" * len(m.group()), text)
    at = masked.find("、")
    return text if at < 0 else text[:at]


def _clause_drafts(body: str, clause: Clause, mentions: list[Mention]) -> list[Draft]:
    """Each number with the words before it (back to the previous number) and after it."""
    drafts: list[Draft] = []
    for i, mention in enumerate(mentions):
        previous_end = mentions[i - 1].end if i else 0
        next_start = mentions[i + 1].start if i + 1 < len(mentions) else len(body)
        post = _first_item(body[mention.end : next_start])
        pre = body[previous_end : mention.start]
        if drafts and drafts[-1].post and pre.startswith(drafts[-1].post + "、"):
            pre = pre[len(drafts[-1].post) :]  # 创建2个以上A、30家以上B: A belongs to the number before
        drafts.append(Draft(mention, clause, pre, post))
    # 102662户322375名…脱贫: numbers side by side share the words after the last one.
    for i in range(len(drafts) - 2, -1, -1):
        if not drafts[i].post and drafts[i + 1].mention.start == drafts[i].mention.end:
            drafts[i].post = drafts[i + 1].post
    return drafts


def _without_start_points(drafts: list[Draft], g: Grammar) -> list[Draft]:
    """从X提高到Y, 由X整合为Y, 分别从X1、X2提高到Y1、Y2: each X is a starting point, not a
    record (GUIDE); each Y keeps its X's indicator."""
    kept: list[Draft] = []
    i = 0
    while i < len(drafts):
        run = _start_run(drafts, i, g)
        if not run:
            kept.append(drafts[i])
            i += 1
            continue
        for start, reached in zip(drafts[i : i + run], drafts[i + run : i + 2 * run]):
            if start.indicators and start.indicators != [""]:
                reached.indicators = [START_OPENER.sub("", name) or name for name in start.indicators]
        i += run
    return kept


def _start_run(drafts: list[Draft], i: int, g: Grammar) -> int:
    """How many starting points begin at drafts[i] (从X, or 从X1、X2): 0 when none, that is
    when no number reached (到Y) follows the list."""
    if not START_OPENER.search(DATED.sub("", drafts[i].pre.rstrip())):
        return 0
    run = 1
    while i + run < len(drafts) and DATED.sub("", drafts[i + run].pre) in START_JOINERS:
        run += 1
    if i + run >= len(drafts):
        return 0
    closer = DATED.sub("", drafts[i + run].pre)
    if closer.endswith(START_CLOSERS) and len(closer) <= 8 and not re.search(r"[、，,]", closer):
        return run
    return 0


def _shared_units(drafts: list[Draft], g: Grammar) -> None:
    """分别减少2.4万、1.7万、0.9万平方公里: items written with a bare magnitude take the list's unit."""
    magnitudes = g.units_data["magnitudes"]
    for i in range(len(drafts) - 1, 0, -1):
        later, draft = drafts[i], drafts[i - 1]
        if not _adjacent(later) or draft.mention.unit not in magnitudes:
            continue
        base = later.mention.unit
        for word in sorted(magnitudes, key=len, reverse=True):
            if base.startswith(word):
                base = base[len(word) :]
                break
        if base and base not in magnitudes:
            draft.mention.unit = draft.mention.unit + base


def _paired(draft: Draft, before: Draft) -> bool:
    """建成3个A和15个B: the second count follows the first's noun and a joiner, and shares its verb."""
    return bool(draft.pre) and draft.pre == before.post and draft.pre.endswith(tuple(grammar().phrases["pair_joiners"]))


def _adjacent(draft: Draft) -> bool:
    """A list continuation: nothing but a joiner between this number and the one before."""
    return draft.pre.strip(LIST_JOINERS + " ") == ""


def _comparators(drafts: list[Draft], body: str, g: Grammar) -> None:
    for draft in drafts:
        m = draft.mention
        if m.value_max is not None:
            draft.comparator = "range"
        elif m.after:
            draft.comparator = g.comparator_after[m.after]
        elif m.approx:
            draft.comparator = ">="
        else:
            draft.comparator = _before_word(draft.pre, g)
    # One closing 以上/左右 covers every number of a list (分别增长15%、24%以上).
    run: list[Draft] = []
    for draft in drafts + [None]:  # type: ignore[list-item]
        if draft is not None and (not run or _adjacent(draft)):
            run.append(draft)
            continue
        if len(run) > 1 and run[-1].mention.after and all(d.comparator == "=" for d in run[:-1]):
            for d in run[:-1]:
                d.comparator = run[-1].comparator
        if len(run) > 1 and run[0].comparator not in ("=", "range") and not run[0].mention.after:
            for d in run[1:]:
                if d.comparator == "=":
                    d.comparator = run[0].comparator
        run = [draft] if draft is not None else []


def _before_word(pre: str, g: Grammar) -> str:
    """A comparator word standing just before the number (突破, 超过, 至少…办好, 约, 近)."""
    tail = pre[-8:]
    for word, op in g.comparator_before:
        if word in g.weak_before:
            continue
        at = tail.rfind(word)
        if at >= 0:
            gap = tail[at + len(word) :]
            if len(gap) <= 3 and not re.search(r"[，、。；：]", gap):
                if word in ("近", "约", "超") and gap:
                    continue  # single-character words only when they touch the number
                return op
    return "="


def _measures(drafts: list[Draft], body: str, lex: Lexicon, earlier: list[Draft]) -> None:
    for i, draft in enumerate(drafts):
        m = draft.mention
        pre = DATED.sub("", _strip_quoted(draft.pre))  # 提高到2025年的79.1岁 reaches a level
        if m.unit in ("%", "％", "倍", "成") or m.ratio:
            if not m.ratio and (lex.growth_tail.search(pre) or any(w in pre for w in lex.growth_indicators)):
                draft.measure = "growth"
            elif i and _adjacent(draft) and drafts[i - 1].measure == "growth":
                draft.measure = "growth"
            else:
                draft.measure = "level"
        elif "百分点" in m.unit:
            draft.measure = "increment" if lex.points_tail.search(pre) or (i and _adjacent(draft) and drafts[i - 1].measure == "increment") else "level"
        elif lex.level_tail.search(pre):
            draft.measure = "level"
        else:
            draft.measure = _verb_measure(pre, _strip_quoted(draft.post), lex)
            if draft.measure is None and i and draft.pre.startswith("、"):
                draft.measure = _inherited(drafts[i - 1].measure, draft.mention.unit)  # 新增A 50个以上、B 2个以上: one verb for the list
        relative = m.unit in ("%", "％", "倍", "成") or "百分点" in m.unit
        changed = draft.measure in ("growth", "increment")
        if changed and relative and any(w in pre[-10:] for w in lex.negative):
            draft.sign = -1
        elif changed and not relative and lex.negative_tail.search(pre):
            draft.sign = -1  # 面积减少2.4万平方公里; but 减少贫困人口25.6万 counts people lifted out
        elif i and _adjacent(draft) and drafts[i - 1].sign < 0:
            draft.sign = -1
    # A list shares one verb: before the first number, or after the last (37个…、340个…创建任务).
    # later[i]: the first measure after draft i; listed[i]: all drafts after i continue a list
    # (both as the first pass left them, computed backwards once instead of a scan per draft).
    later: list[str | None] = [None] * len(drafts)
    listed = [True] * len(drafts)
    for i in range(len(drafts) - 2, -1, -1):
        after = drafts[i + 1]
        later[i] = after.measure or later[i + 1]
        listed[i] = _adjacent(after) and listed[i + 1]
    for i, draft in enumerate(drafts):
        if draft.measure is None:
            if i and (_adjacent(draft) or _paired(draft, drafts[i - 1])):
                draft.measure = _inherited(drafts[i - 1].measure, draft.mention.unit) or "level"
            else:
                shared = later[i] if later[i] and listed[i] else None
                if shared is None and earlier and not _verb_in(draft.pre) and earlier[-1].clause.sentence == draft.clause.sentence:
                    shared = earlier[-1].measure if earlier[-1].mention.unit[-1:] == draft.mention.unit[-1:] else None
                draft.measure = _inherited(shared, draft.mention.unit) or "level"


def _inherited(measure: str | None, unit: str) -> str | None:
    """A measure taken from a neighbouring number, as this number's unit allows it.

    Growth is a change in %, 倍 or 成 (GUIDE): an amount after one (年均增长5%左右、迈上3万亿元台阶,
    年均增长5%、人均8万元以上) is a level, not a growth.
    """
    return "level" if measure == "growth" and unit not in RELATIVE_UNITS else measure


def _verb_in(text: str) -> bool:
    return bool(lexicon().verbs.search(text))


def _verb_measure(pre: str, post: str, lex: Lexicon) -> str | None:
    """The measure named by the verb nearest the number, before or after it.

    Weak verbs (完成, 实现) only decide when no other verb does.
    """
    before = None
    for found in lex.verbs.finditer(pre):
        if found.group() not in lex.weak and not pre.startswith(lex.noun_heads, found.end()):
            before = found
    after = next((f for f in lex.verbs.finditer(post) if f.group() not in lex.weak and not post.startswith(lex.noun_heads, f.end())), None)
    if before is None and after is None:
        return None
    if after is None or (before is not None and len(pre) - before.end() <= after.start()):
        return lex.kinds[before.group()]  # type: ignore[union-attr]
    return lex.kinds[after.group()]


def _strip_quoted(text: str) -> str:
    """Blank out quoted names so the verbs inside them (《…违法建设…条例》) are not read."""
    if not any(q in text for q in "“《‘「\""):
        return text
    out = list(text)
    for s, e in quoted_spans(text):
        for k in range(s, e):
            out[k] = "□"
    return "".join(out)


def _trim(text: str, g: Grammar) -> str:
    """The shortest natural phrase: time words, leading adverbs and trailing verbs removed."""
    text = g.time_re.sub("", text).strip(" 　、，")
    text = re.sub(r"[（(][^）)]*[）)]$", "", text) if text.endswith(("）", ")")) and len(text) > 12 else text
    previous = None
    while previous != text:
        previous = text
        text = g.leading_re.sub("", text)
        if text.endswith(WHOLE_NAMES):
            break  # 经济增长 names GDP growth: its 增长 is no trailing verb
        text = g.trailing_re.sub("", text)
        text = text.strip(" 　、，的")
    return text


def _indicators(drafts: list[Draft], body: str, g: Grammar, carried: list[str]) -> list[str]:
    """Name what each number measures; returns the indicators later clauses may carry.

    `carried` holds the last clause's indicators: one name, or the names of a
    分别 list, which a following 年均分别增长16.5%、19.5% takes up in order.
    """
    for i, draft in enumerate(drafts):
        if i and _adjacent(draft):
            continue  # filled from the list below
        pre = draft.pre
        names = _distributed(pre, g)
        run = [draft] + _run_after(drafts, i)
        if not names and "分别" in pre and len(carried) == len(run) > 1 and len(_trim(pre, g)) < 2:
            names = carried
        if not names and "分别" in pre and len(run) > 1:
            names = _paired_parts(_name(pre, g), len(run), g)
        if names and "分别" in pre and len(run) > 1:
            for k, d in enumerate(run):
                d.indicators = [names[min(k, len(names) - 1)]]
            carried = names
            continue
        if names and _distributive_jun(pre) and len(run) == 1:
            draft.indicators = names
            carried = names[:1]
            continue
        if i and _paired(draft, drafts[i - 1]):
            pre = ""  # 29轮强降雨和10轮高温过程: the words before belong to the number before
        subject = _name(_after_concession(pre, body, g), g)
        post = _name(draft.post, g) if draft.post else ""
        if len(subject) < 2:
            if len(post) >= 2:
                subject = subject + post if subject else post
            elif carried:
                subject = carried[-1] + subject
        elif post and _ends_with_verb(subject):
            subject = subject + post  # 开辟8条航线 → 开辟航线; 正式明确14条产业链
        elif subject.startswith(("占", "比", "较")) and carried:
            subject = carried[-1] + subject
        subject = subject[-30:]
        draft.indicators = [subject]
        for d in run[1:]:
            own = _name(d.pre, g)
            d.indicators = [own or _name(d.post, g) or subject]
        carried = [subject] if subject else carried
    return carried


def _paired_parts(name: str, count: int, g: Grammar) -> list[str]:
    """城乡居民人均可支配收入 before 分别 and two numbers: 城镇… and 农村…, one name per number
    (`paired_words` in data/phrases.yaml); [] when the name holds no such compound."""
    for word, parts in g.phrases["paired_words"].items():
        if len(parts) == count and word in name:
            return [name.replace(word, part, 1) for part in parts]
    return []


def _after_concession(pre: str, body: str, g: Grammar) -> str:
    """X在对某市场出口下降的情况下增长9%: the number after the concession belongs to X."""
    closer = next((c for c in g.phrases["concession_closers"] if pre.startswith(c)), None)
    if closer is None:
        return pre
    at = body.find(g.phrases["concession_opener"])
    return body[:at] + pre[len(closer) :] if at > 0 else pre[len(closer) :]


def _name(text: str, g: Grammar) -> str:
    """An indicator phrase from words around a number: no titles, asides or enumerations."""
    text = BOOK_TITLE.sub("", text)
    bare = ASIDE.sub("", text)
    text = text if len(bare.strip()) == 1 else bare  # 省（区、市）: the aside completes a one-character noun
    text = _trim(text, g)
    if "等" in text and "、" in text.split("等")[0]:
        head, tail = text.split("、")[0], text.rsplit("等", 1)[1]
        verb = next((v for v in _verbs_by_length() if head.startswith(v)), "")
        text = _trim(verb + tail, g) if (verb + tail) else ""
    return text


# 从2020年的41.6%提升至2025年的52%: the years of the two ends stand between the words.
# 由五十年代的50%上升到80%: a decade stands there as well.
DATED = re.compile(r"(?:(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})年(?:底|末)?|(?:[一二三四五六七八九]十|[1-9]0)年代(?:初|末)?)的?$")
WHOLE_NAMES = tuple(grammar().phrases["whole_names"])
START_OPENER = re.compile(
    "(?:{})[^、，,；;。：:]{{0,{}}}$".format(
        "|".join(map(re.escape, grammar().phrases["start_point_openers"])), grammar().phrases["start_point_gap"]
    )
)
START_CLOSERS = tuple(grammar().phrases["start_point_closers"])
START_JOINERS = frozenset(grammar().phrases["start_point_joiners"])
JOINED_PAIR = re.compile(r"和|及|与")  # 运输箱量和货值均增长3倍: two indicators, one number
BOOK_TITLE = re.compile(r"《[^》]{0,40}》")
ASIDE = re.compile(r"[（(][^）)]{0,20}[）)]\s*$")


@lru_cache(maxsize=1)
def _verbs_by_length() -> tuple[str, ...]:
    return tuple(sorted(lexicon().kinds, key=len, reverse=True))


OBJECT_VERBS = tuple(grammar().phrases["object_verbs"])


def _ends_with_verb(subject: str) -> bool:
    """Whether the words before a count end on a verb whose object follows the count
    (开辟8条航线, 探索形成33项成果): the name is then the verb with its object."""
    return subject.endswith(_verbs_by_length()) or subject.endswith(OBJECT_VERBS)


def _distributive_jun(pre: str) -> bool:
    compounds = _jun_compounds()
    return any(pre[i] == "均" and (i == 0 or pre[i - 1] not in compounds) for i in range(len(pre)))


def _jun_compounds() -> frozenset[str]:
    """The characters that make 均 part of a word (人均, 年均…), from data/measures.yaml."""
    return frozenset(grammar().measures["jun_compounds"])


def _run_after(drafts: list[Draft], i: int) -> list[Draft]:
    run = []
    for k in range(i + 1, len(drafts)):
        if not _adjacent(drafts[k]):
            break
        run.append(drafts[k])
    return run


def _borrow_tail(item: str, last: str) -> str:
    """A shortened list item with the last item's tail (存、贷款余额 → 存款余额); an aside closing
    the last item (水泥和化肥（折纯）) qualifies that item alone and is not borrowed."""
    if len(item) > 2 or len(last) <= len(item) + 2:
        return item
    tail = ASIDE.sub("", last[len(item) :])
    return item + tail if tail else item


def _distributed(pre: str, g: Grammar) -> list[str]:
    """The indicators of a 分别/均 list: 固定资产投资、规模工业增加值年均分别增长 → both.

    Shortened items borrow the last item's tail, as the genre elides them:
    存、贷款余额 → 存款余额, 贷款余额; 企业、政府投资项目审批时间 → 企业投资项目审批时间.
    """
    for word in ("分别", "均"):
        at = pre.find(word)
        while word == "均" and at > 0 and pre[at - 1] in _jun_compounds():
            at = pre.find(word, at + 1)  # 人均, 年均: not the distributive 均
        # 城镇和农村居民人均可支配收入分别增长…, 进出口和实际利用外资均增长…: a pair joined by 和
        joined = at > 0 and "、" not in pre[:at] and JOINED_PAIR.search(pre[:at])
        if at > 0 and ("、" in pre[:at] or joined):
            head = g.time_re.sub("", pre[:at])
            verb = _trim(pre[at + len(word) :], g)
            parts = JOINED_PAIR.split(head, maxsplit=1) if joined else head.split("、")
            items = [g.leading_re.sub("", _trim(part, g)) for part in parts]
            items = [item for item in items if item]
            if len(items) < 2:
                return []
            last = items[-1]
            items = [_borrow_tail(item, last) for item in items]
            first = items[0]  # 发明专利申请量和授权量: a short later item borrows the first's head
            items = [first] + [
                first[: -len(item)] + item if len(item) <= 3 and len(first) > len(item) + 1 and item[-1] == first[-1] else item
                for item in items[1:]
            ]
            return [item + verb if verb and verb not in item else item for item in items]
    return []


def _records(
    draft: Draft,
    text: str,
    paragraph: Paragraph,
    structure: Structure,
    cleaned: CleanText,
    doc: str,
    original: str | None,
) -> list[Record]:
    m = draft.mention
    clause_text = text[draft.clause.start : draft.clause.end]
    kind = _kind(draft, text, paragraph, structure)
    year, period_start = _years(draft, text, kind, paragraph, structure)
    start = paragraph.start + draft.clause.start
    end = paragraph.start + draft.clause.end
    quote, o_start, o_end = _quote(cleaned, original, start, end, clause_text)
    value = m.value * (draft.sign if draft.measure in ("growth", "increment") else 1)
    records = []
    for indicator in draft.indicators or [""]:
        records.append(
            Record(
                doc=doc,
                quote=quote,
                kind=kind,  # type: ignore[arg-type]
                indicator=indicator,
                value=value,
                value_max=m.value_max,
                unit=m.unit.replace("％", "%"),
                comparator=draft.comparator,  # type: ignore[arg-type]
                measure=draft.measure or "level",  # type: ignore[arg-type]
                year=year,
                period_start=period_start,
                section=paragraph.section,
                start=o_start,
                end=o_end,
                region=structure.region,
                report_year=structure.year,
                number_text=m.text,
            )
        )
    return records


def _quote(
    cleaned: CleanText, original: str | None, start: int, end: int, fallback: str
) -> tuple[str, int, int]:
    """The clause as written in the original; the cleaned clause where a line break splits it."""
    o_start, o_end = cleaned.original_span(start, end)
    if original is not None:
        piece = original[o_start:o_end].strip()
        if piece and "\n" not in piece:
            return piece, o_start, o_end
    return cleaned.text[start:end].strip() or fallback, o_start, o_end


@lru_cache(maxsize=1024)
def _words_of(name: str) -> re.Pattern[str]:
    """A word list of years.yaml as one pattern: a sentence is searched once, not once per word."""
    return re.compile("|".join(map(re.escape, years_data()[name])))


def _sentence_text(text: str, draft: Draft) -> str:
    """The sentence up to the end of this clause: where 到2021年 or 力争 may stand (years in
    Chinese numerals written as digits, in place: 到一九八五年 → 到1985年)."""
    return _sentence_before(text, draft.clause.start, draft.clause.end)


@lru_cache(maxsize=64)
def _sentence_before(text: str, start: int, end: int) -> str:
    """`_sentence_text` by offsets, cached: every number of a clause asks for the same sentence,
    once to place it in time and once to date it (the paragraph's hash is computed once)."""
    limit = max(0, start - MAX_SENTENCE)
    start = max([limit] + [text.rfind(mark, limit, start) + 1 for mark in SENTENCE_END])
    return western_years(text[start:end])


def _time_sentence(text: str, draft: Draft, sentence: str) -> str:
    """The words that place the clause in time: its sentence, or, when that part after a ；says
    nothing of time itself (no year, 今年, goal word), the whole sentence back to its 。, whose
    opening then holds for it (1986年同1978年相比，…；国民收入由3010亿元增加到7790亿元)."""
    start = draft.clause.start
    limit = max(0, start - MAX_SENTENCE)
    full_start = max([limit] + [text.rfind(mark, limit, start) + 1 for mark in FULL_STOPS])
    if len(sentence) >= draft.clause.end - full_start or EXPLICIT_YEAR.search(sentence):
        return sentence
    if _words_of("this_year").search(sentence) or _words_of("goal_words").search(sentence):
        return sentence
    return western_years(text[full_start : draft.clause.end])


def _sentence_rest(text: str, draft: Draft) -> str:
    """The rest of the sentence after this clause (bounded like `_sentence_text`)."""
    end = draft.clause.end
    limit = min(len(text), end + MAX_SENTENCE)
    found = [at for at in (text.find(mark, end, limit) for mark in SENTENCE_END) if at >= 0]
    return text[end : min(found) if found else limit]


def _past_in_plan(draft: Draft, text: str, sentence: str, report_year: int | None) -> bool:
    """A sentence of a plan part that speaks of the past in its own words (去年, 一九七七年,
    过去…年, 已经…) and of no plan: older reports mix what was reached into their plans."""
    return _own_time(draft, text, sentence, report_year) == "past"


def _own_time(draft: Draft, text: str, sentence: str, report_year: int | None) -> str | None:
    """Where the number's clause and sentence stand in time by their own words (`sentence_time`)."""
    clause = western_years(text[draft.clause.start : draft.clause.end])
    return sentence_time(sentence, _sentence_rest(text, draft), report_year, clause)


def _kind(draft: Draft, text: str, paragraph: Paragraph, structure: Structure) -> str:
    if structure.kind == "interpretation":
        return "target"
    sentence = _sentence_text(text, draft)
    report_year = structure.year
    explicit = [int(y) for prep, y, _ in EXPLICIT_YEAR.findall(sentence) if prep in ("到", "至") or _]
    if paragraph.role == "review":
        if report_year and any(y >= report_year for y in explicit) and ("到" in sentence or "力争" in sentence):
            return "target"
        if opens_this_year(sentence[:8], report_year):
            return "target"  # 去年全省经济增长4.6%。今年…增长5%左右。: the second sentence plans
        return "achievement"
    if paragraph.role == "plan":
        own = [int(y) for prep, y, suffix in EXPLICIT_YEAR.findall(western_years(draft.pre)) if not prep and not suffix]
        if report_year and own and all(y < report_year for y in own):
            return "achievement"
        if report_year and own and all(y <= report_year for y in own) and "预计" in draft.pre:
            return "achievement"  # 一九八二年预计比上年增长百分之五 in a year-end report: an estimate, not a goal
        if _looks_back(_time_sentence(text, draft, sentence), report_year):
            return "achievement"  # “十四五”时期，生产总值从3.1万亿元增加到4.2万亿元 inside the plan part
        if _past_in_plan(draft, text, sentence, report_year):
            return "achievement"  # 从一九六六年到一九七六年…都在百分之十二以上, inside a plan part
        return "target"
    own_time = _own_time(draft, text, sentence, report_year)
    if own_time is not None:
        return "target" if own_time == "plan" else "achievement"
    if _words_of("target_cues").search(sentence):
        return "target"
    if _words_of("achievement_cues").search(sentence):
        return "achievement"
    return "target" if structure.kind == "interpretation" else "achievement"


def _looks_back(sentence: str, report_year: int | None) -> tuple[int, int | None] | None:
    """The past span a plan's sentence opens on (“十四五”时期，…; 去年…), unless it sets a
    deadline ahead (到2030年) or says it is a goal; else None."""
    behind = past_opening(sentence.lstrip(" 　")[:12], report_year)
    if behind is None:
        return None
    ahead = [int(y) for prep, y, suffix in EXPLICIT_YEAR.findall(sentence) if prep in ("到", "至") or suffix == "前"]
    if any(report_year is not None and y >= report_year for y in ahead) or _words_of("goal_words").search(sentence):
        return None
    return behind


def _years(
    draft: Draft, text: str, kind: str, paragraph: Paragraph, structure: Structure
) -> tuple[int | None, int | None]:
    """The year the number is about and the first year of the span it covers."""
    year, period_start = paragraph.years
    report_year = structure.year
    sentence = _sentence_text(text, draft)
    data = years_data()
    if kind == "target":
        if paragraph.role != "plan" and structure.kind != "interpretation":
            year, period_start = report_year, None
        deadlines = [int(y) for prep, y, suffix in EXPLICIT_YEAR.findall(sentence) if prep in ("到", "至") or suffix == "前"]
        deadlines = deadlines or _future_years_before(draft, report_year)
        if deadlines:
            deadline = deadlines[-1]
            if report_year is None or deadline > report_year:
                start = period_start if period_start and period_start <= deadline else report_year
                return deadline, start
            return deadline, None
        period = goal_period(sentence, report_year)
        if period:
            return period[1], period[0]
        if year is None:
            year = report_year
        return year, period_start
    if paragraph.role == "plan":
        behind = _looks_back(_time_sentence(text, draft, sentence), report_year)
        if behind is None and (year is None or report_year is None or year >= report_year):
            behind = past_years(sentence, report_year)  # a past sentence of the plan: its own years
    elif paragraph.role == "other" and report_year is not None and (year is None or year >= report_year):
        behind = past_years(sentence, report_year)
    elif period_start is not None and report_year is not None and _span_words(sentence) is None:
        # a review sentence that opens on last year is about that year, not its part's span
        # (关于过去五年的工作… 去年经济增长8.8%)
        opening = sentence.lstrip(" 　")[:6]
        last_year = any(opening.startswith(w) for w in years_data()["review_last_year"])
        behind = (report_year - 1, None) if last_year else None
    else:
        behind = None
    if behind:
        year, period_start = behind
    # achievements: an explicit year before the number wins (2016年达2820亿元)
    own = [(prep, int(y), suffix) for prep, y, suffix in EXPLICIT_YEAR.findall(western_years(draft.pre))]
    for k in range(len(own) - 1, -1, -1):
        prep, y, suffix = own[k]
        if not prep and suffix not in ("起", "以来"):
            return y, None
        if prep in ("到", "至") and report_year is not None and y < report_year and k:
            return y, own[k - 1][1]  # 1953年到1978年…平均每年增长3.2%: the span that ended in 1978
        if prep in ("较", "比", "是"):
            if k and not own[k - 1][0] and own[k - 1][2] not in ("起", "以来"):
                return own[k - 1][1], None  # 1977年比1976年增长14.3%: a figure of 1977
            end = year if year is not None else (report_year - 1 if report_year else None)
            return end, (y + 1 if end is None or y + 1 < end else None)
    if year is None and report_year is not None:
        year = report_year - 1
    if period_start is None and report_year is not None and year == report_year - 1:
        span = _span_words(sentence)
        if span:
            period_start = report_year - span  # 五年平均每年增长百分之七点九: the five years to last year
    return year, period_start


def _future_years_before(draft: Draft, report_year: int | None) -> list[int]:
    """争取1997年粮食产量达到4.75亿吨: a later year standing bare before a target's number is its year."""
    if report_year is None:
        return []
    found = EXPLICIT_YEAR.findall(western_years(draft.pre))
    return [int(y) for prep, y, suffix in found if not prep and not suffix and int(y) > report_year]


def _span_words(sentence: str) -> int | None:
    """The number of years a review sentence says its figure covers (过去五年, 五年平均每年)."""
    data = years_data()
    for phrase, span in {**data["review_spans"], **data["sentence_spans"]}.items():
        if phrase in sentence:
            return int(span)
    return None
