"""Was each target delivered? Pure functions over `Record` lists, no database.

`link` pairs every target with the outcomes (achievements of later documents
of the same region, or manual outcomes given as Records) that measure the same
canonical indicator, measure and year, and gives it one verdict:

- ``met`` / ``missed``: an outcome of the target's year was found and judged
  by the rules of `rules.py`;
- ``on track`` / ``off track``: a multi-year target (到2021年…, 十四五) whose
  year is not reported yet, judged from the latest outcome and the yearly
  growth still needed against the growth recently observed;
- ``pending``: the target's year has not come to an end yet (not yet due);
- ``awaiting report``: the year has passed, but no later document of the
  region that reports on it is stored;
- ``no data``: the year has been reported on, and nothing comparable was found.

Before linking, records are read as the genre means them (`_prepare`): a % figure
whose indicator speaks of growth (经济增长速度8%) is a growth; a growth figure
with no subject of its own that follows a level in the same sentence
(国内生产总值达到43800亿元，按可比价格计算，比上年增长11.8%) takes the level's
indicator. A target stated twice in one document is judged once.

`diff` tells how a region's targets changed between two years' documents, and
`compare` lines up one indicator's targets across regions, top down. The full
rules are written out in docs/tracking.md.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from mubiao.model import Record
from mubiao.track import rules
from mubiao.lang import units as U
from mubiao.lang.vocabulary import canonical as _canonical
from mubiao.lang.vocabulary import family, fold, lookup

VERDICTS: tuple[str, ...] = ("met", "missed", "on track", "off track", "pending", "awaiting report", "no data")
CHANGES: tuple[str, ...] = ("raised", "lowered", "unchanged", "new", "dropped")
MEASURE_ZH = {"level": "总量/水平", "growth": "增速", "increment": "增量"}

ReportedYears = Collection[int] | Mapping[str | None, Collection[int]]


@dataclass(frozen=True, slots=True)
class Verdict:
    """The verdict on one target, with the outcome it rests on and a one-line reason."""

    region: str | None
    indicator: str
    canonical: str | None
    target_doc: str
    target_quote: str
    target_year: int | None
    comparator: str
    value: float
    value_max: float | None
    unit: str
    measure: str
    verdict: str
    outcome_doc: str | None = None
    outcome_quote: str | None = None
    outcome_value: float | None = None
    outcome_unit: str | None = None
    outcome_year: int | None = None
    reason: str = ""
    outcome_estimate: bool = False  # the outcome is a 预计数 (estimate), not the final figure
    #: the store's ids of the target record and of the outcome record (None: a manual outcome, a record not stored)
    target_record_id: int | None = None
    outcome_record_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with the fields in declaration order."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class Change:
    """How one indicator's target changed between two documents (a → b)."""

    region: str | None
    indicator: str
    canonical: str | None
    measure: str
    horizon: str
    change: str
    doc_a: str | None
    quote_a: str | None
    year_a: int | None
    comparator_a: str | None
    value_a: float | None
    value_max_a: float | None
    unit_a: str | None
    doc_b: str | None
    quote_b: str | None
    year_b: int | None
    comparator_b: str | None
    value_b: float | None
    value_max_b: float | None
    unit_b: str | None
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with the fields in declaration order."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


class _Keys:
    """Canonical indicator of each record, resolved once per call.

    `names` are names already resolved under the same mappings (the store's
    `records.canonical`, written at ingest): they are taken as they are.
    """

    def __init__(self, mappings: Mapping[str, str] | None, names: Mapping[str, str | None] | None = None) -> None:
        self.mappings = mappings
        self.cache: dict[str, str | None] = dict(names or {})
        self.keys: dict[str, str] = {}

    def canonical(self, indicator: str) -> str | None:
        if indicator not in self.cache:
            self.cache[indicator] = _canonical(indicator, self.mappings)
        return self.cache[indicator]

    def key(self, record: Record) -> str:
        """The canonical name, or the folded raw indicator when the vocabulary does not know it."""
        found = self.keys.get(record.indicator)
        if found is None:
            name = self.canonical(record.indicator)
            found = self.keys[record.indicator] = name if name is not None else "raw:" + fold(record.indicator)
        return found


# ---------------------------------------------------------------- link


def reports_on(record: Record) -> bool:
    """An achievement that can make its year a reported one: a year before its document's (or no document year).

    A report of year Y cannot close year Y: a figure it dates Y is a misreading
    or a part of the year, so it never turns a pending year into `no data`.
    """
    if record.kind != "achievement" or record.year is None:
        return False
    return record.report_year is None or record.year < record.report_year


def reported_years_of(records: Iterable[Record]) -> dict[str | None, set[int]]:
    """Per region, the years its documents have reported on: achievement years (see `reports_on`) and report_year − 1."""
    years: dict[str | None, set[int]] = defaultdict(set)
    for record in records:
        if reports_on(record):
            years[record.region].add(record.year)  # type: ignore[arg-type]
        if record.report_year is not None:
            years[record.region].add(record.report_year - 1)
    return dict(years)


def _is_growth_word(record: Record, keys: _Keys) -> bool:
    """A level in % whose indicator speaks of growth (经济增长速度8%) and whose series has growth figures."""
    if record.measure != "level" or not U.is_percent(record.unit):
        return False
    item = lookup(keys.canonical(record.indicator))
    if item is None or "growth" not in item.measures:
        return False
    folded = fold(record.indicator)
    return any(word in folded for word in rules.words()["growth_words"])


#: Most characters between a level and the subject-less growth figure that follows it in one sentence.
SAME_SENTENCE_GAP = 16


def _prepare(records: list[Record], keys: _Keys) -> list[Record]:
    """The records as the genre means them: implied growth, and the subject of a growth that has none."""
    out: list[Record] = []
    previous: Record | None = None
    for record in records:
        if record.measure == "level" and _is_growth_word(record, keys):
            record = replace(record, measure="growth")
        if (
            previous is not None
            and record.measure == "growth"
            and keys.canonical(record.indicator) is None
            and previous.doc == record.doc
            and previous.kind == record.kind
            and previous.measure == "level"
            and previous.year == record.year
            and keys.canonical(previous.indicator) is not None
            and 0 <= record.start - previous.end <= SAME_SENTENCE_GAP
        ):
            record = replace(record, indicator=previous.indicator)
        out.append(record)
        previous = record
    return out


def link(
    targets: Iterable[Record],
    outcomes: Iterable[Record],
    *,
    mappings: Mapping[str, str] | None = None,
    reported_years: ReportedYears | None = None,
    today: int | None = None,
    names: Mapping[str, str | None] | None = None,
) -> list[Verdict]:
    """One Verdict per target record (kind == "target"), in the order given.

    `outcomes` are achievement records (others are ignored, so all records may
    be passed twice); `mappings` are the user's own raw → canonical indicator
    mappings; `reported_years` is one set of years for every region or a
    mapping region → years (default: `reported_years_of` over all records);
    `today` is the current year (default: the clock's), which tells a year
    still running (pending) from one past and not yet reported on (awaiting
    report). A target repeated in its document gets the first statement's verdict.
    `names` maps raw indicators to canonical names already resolved under
    `mappings` (the store's `records.canonical`), which are not resolved again.
    """
    keys = _Keys(mappings, names)
    target_list = _prepare([r for r in targets if r.kind == "target"], keys)
    outcome_list = _prepare([r for r in outcomes if r.kind == "achievement"], keys)
    years_of = _years_lookup(reported_years, target_list, outcome_list)
    this_year = today if today is not None else datetime.date.today().year
    index = _Outcomes(outcome_list, keys)
    by_year = index.by_year
    judged: dict[tuple[Any, ...], Verdict] = {}
    out: list[Verdict] = []
    for target in target_list:
        key = keys.key(target)
        same = _repeat_key(target, key)
        first = judged.get(same)
        if first is not None:
            out.append(_repeat(target, first, keys))
            continue
        year = target.year if target.year is not None else target.report_year
        others = family(keys.canonical(target.indicator))[1:]
        stand_ins = [o for name in others for o in by_year.get((target.region, name, year), [])] if others else []
        verdict = _judge_target(target, key, index, stand_ins, years_of(target.region), keys, this_year)
        judged[same] = verdict
        out.append(verdict)
    return out


def _repeat_key(target: Record, key: str) -> tuple[Any, ...]:
    """What makes two statements in one document the same target: indicator (`key`), measure, year and value."""
    low, high = _bounds(target)
    year = target.year if target.year is not None else target.report_year
    return (target.doc, target.region, key, target.measure, year, target.period_start, low, high)


def _repeat(target: Record, first: Verdict, keys: _Keys) -> Verdict:
    """The verdict of a target already stated earlier in the same document: the same verdict, said so."""
    base = _verdict(target, keys, first.verdict, f"{first.reason}（与同一报告中“{first.target_quote}”为同一目标）")
    return replace(
        base,
        outcome_doc=first.outcome_doc,
        outcome_quote=first.outcome_quote,
        outcome_value=first.outcome_value,
        outcome_unit=first.outcome_unit,
        outcome_year=first.outcome_year,
        outcome_estimate=first.outcome_estimate,
        outcome_record_id=first.outcome_record_id,
    )


def _years_lookup(given: ReportedYears | None, *records: list[Record]) -> Callable[[str | None], set[int]]:
    """region → reported years, from the caller's set or mapping, or derived from the records."""
    if given is None:
        derived = reported_years_of(r for group in records for r in group)
        return lambda region: derived.get(region, set())
    if isinstance(given, Mapping):
        folded: dict[str | None, set[int]] = {}  # one set per region, made once (callers only read it)
        return lambda region: folded[region] if region in folded else folded.setdefault(region, set(given.get(region, ()) or ()))
    same = set(given)
    return lambda region: same


def _later(outcome: Record, target: Record) -> bool:
    """An outcome from a later document than the target (manual outcomes without report_year count)."""
    if outcome.doc == target.doc and outcome.doc:
        return False
    if outcome.report_year is None or target.report_year is None:
        return True
    return outcome.report_year > target.report_year


def _is_span(record: Record) -> bool:
    return record.period_start is not None and record.year is not None and record.period_start < record.year


def _same_kind_of_number(target: Record, outcome: Record) -> bool:
    """Same measure, and the same span: for growth and increments one year's, a yearly average
    (年均) or a total over the span (六五期间增长21.7%) alike; a level totalled over several years
    (五年…累计完成) judges only a target over a span."""
    if outcome.measure != target.measure:
        return False
    if target.measure in ("growth", "increment"):
        return _is_average(target) == _is_average(outcome)
    return not _totals_years(outcome) or _is_span(target)


def _is_average(record: Record) -> str:
    """How a growth or increment covers time: "year" (one year's), "average" (worded as a yearly
    average, 年均), or "total" (a span of years read for it with no average word: the whole span's)."""
    if rules.is_average(record.quote):
        return "average"
    return "total" if _is_span(record) else "year"


def _names_an_allotment(key: str) -> bool:
    """A raw name of money allotted (中央财政安排): no series, since its purpose follows the number."""
    return key.startswith("raw:") and key.endswith(rules.words().get("allotment_endings", ()))


def _totals_years(record: Record) -> bool:
    """A level stated as a total over several years (五年全社会固定资产投资完成26000亿元)."""
    return rules.is_cumulative(record.quote) and not rules.is_average(record.quote)


def _document_rank(record: Record) -> float:
    """Later documents rank higher; a manual outcome (no report year) ranks highest."""
    return math.inf if record.report_year is None else record.report_year


def _best(records: list[Record]) -> Record:
    """The outcome to rely on: a manual one, else the latest document; a final figure before a 预计数; = before 以上/约."""
    return max(records, key=lambda r: (_document_rank(r), not rules.is_estimate(r.quote), r.comparator == "="))


def _verdict(target: Record, keys: _Keys, verdict: str, reason: str, outcome: Record | None = None) -> Verdict:
    return Verdict(
        region=target.region,
        indicator=target.indicator,
        canonical=keys.canonical(target.indicator),
        target_doc=target.doc,
        target_quote=target.quote,
        target_year=target.year,
        comparator=target.comparator,
        value=target.value,
        value_max=target.value_max,
        unit=target.unit,
        measure=target.measure,
        verdict=verdict,
        outcome_doc=outcome.doc if outcome else None,
        outcome_quote=outcome.quote if outcome else None,
        outcome_value=outcome.value if outcome else None,
        outcome_unit=outcome.unit if outcome else None,
        outcome_year=outcome.year if outcome else None,
        reason=reason,
        outcome_estimate=rules.is_estimate(outcome.quote) if outcome else False,
        target_record_id=target.extra.get("record_id"),
        outcome_record_id=outcome.extra.get("record_id") if outcome else None,
    )


class _Outcomes:
    """The outcomes, grouped by series (region, canonical key) and by series and year, each group in order.

    Many targets ask a group the same question (which outcomes come from a later
    document and give the same kind of number, and which of them is best), and
    on a store of thousands of documents of one region a group holds thousands
    of outcomes: the answers are remembered per question (group, measure,
    average or not, report year, unit), so linking stays close to linear. The
    target's own document is set apart per target (`_later`).
    """

    def __init__(self, outcomes: list[Record], keys: _Keys) -> None:
        self._whole = [
            (o, key) for o in outcomes
            if not rules.is_partial_period(o.quote) and not rules.restates_goal(o.quote)
            and not rules.is_other_years(o.quote)
            and not _names_an_allotment(key := keys.key(o))
        ]
        self.by_year: dict[tuple[str | None, str, int | None], list[Record]] = defaultdict(list)
        for outcome, key in self._whole:
            self.by_year[(outcome.region, key, outcome.year)].append(outcome)
        self._by_series: dict[tuple[str | None, str], list[Record]] | None = None
        self._fitting: dict[tuple[Any, ...], tuple[list[Record], set[str]]] = {}
        self._answers: dict[tuple[Any, ...], Any] = {}

    @property
    def by_series(self) -> dict[tuple[str | None, str], list[Record]]:
        """The outcomes by series (region, key), all years, in order: grouped when a multi-year target first asks."""
        if self._by_series is None:
            self._by_series = defaultdict(list)
            for outcome, key in self._whole:
                self._by_series[(outcome.region, key)].append(outcome)
        return self._by_series

    def fitting(self, group: tuple[Any, ...], target: Record) -> tuple[list[Record], tuple[Any, ...] | None]:
        """The outcomes of `group` (a by_year key, else a by_series key) that `fits` the target: from a
        later document and the same kind of number, in order; and the question's key when the answer
        is shared with other targets (None when the target's own document had to be set apart)."""
        average = _is_average(target) if target.measure in ("growth", "increment") else None
        question = (group, target.measure, average, target.report_year, average is None and _is_span(target))
        if question not in self._fitting:
            members = (self.by_year if len(group) == 3 else self.by_series).get(group, ())  # type: ignore[call-overload]
            kept = [
                o for o in members
                if o.measure == target.measure
                and (average is None or _is_average(o) == average)
                and (average is not None or not _totals_years(o) or _is_span(target))
                and (o.report_year is None or target.report_year is None or o.report_year > target.report_year)
            ]
            self._fitting[question] = (kept, {o.doc for o in kept if o.doc})
        kept, docs = self._fitting[question]
        if target.doc in docs:
            return [o for o in kept if o.doc != target.doc], None
        return kept, question

    def of_year(self, target: Record, key: str, year: int | None) -> tuple[list[Record], Record | None]:
        """The outcomes of the target's series and year that fit it, and the best of them in a unit
        that compares with the target's (`_best`; None when there is none)."""
        fitting, question = self.fitting((target.region, key, year), target)
        asked = (question, target.unit)
        if question is not None and asked in self._answers:
            return fitting, self._answers[asked]
        exact = [o for o in fitting if U.compatible(o.unit, target.unit)]
        best = _best(exact) if exact else None
        if question is not None:
            self._answers[asked] = best
        return fitting, best

    def remembered(self, question: tuple[Any, ...] | None, compute: Callable[[], Any]) -> Any:
        """`compute()`, once per question (always, when there is no shared question)."""
        if question is None:
            return compute()
        if question not in self._answers:
            self._answers[question] = compute()
        return self._answers[question]


def _judge_target(
    target: Record,
    key: str,
    index: _Outcomes,
    stand_ins: list[Record],
    reported: set[int],
    keys: _Keys,
    this_year: int,
) -> Verdict:
    """One verdict: `index` holds the outcomes of the target's series (its year's, and all years' for
    multi-year pace), `stand_ins` those of its year from series standing for it."""
    year = target.year if target.year is not None else target.report_year

    # the outcomes of the target's own year first (most targets stop here)
    of_year, best = index.of_year(target, key, year)
    if best is None and stand_ins:  # a series that stands for this one (国内生产总值 for 国民生产总值), same measure and year
        exact = [
            o for o in stand_ins
            if o.year == year and _later(o, target) and _same_kind_of_number(target, o) and U.compatible(o.unit, target.unit)
        ]
        best = _best(exact) if exact else None
    if best is not None:
        return _judged(target, best, rules.direction(keys.canonical(target.indicator)), keys)
    if year is None:
        return _verdict(target, keys, "pending", "目标未写明年份，无法对照实际数")
    latest_reported = max(reported) if reported else None
    if latest_reported is None or year > latest_reported:
        tracked = None
        if _is_multi_year(target, year):
            tracked = _track(target, key, index, rules.direction(keys.canonical(target.indicator)), keys)
        if tracked is not None:
            return tracked
        after = f"（已报告至{latest_reported}年）" if latest_reported is not None else ""
        if year < this_year:
            return _verdict(target, keys, "awaiting report", f"{year}年已过，尚无报告{year}年实际数的后续文件{after}")
        return _verdict(target, keys, "pending", f"{year}年尚未结束，实际数尚未报告{after}")
    if of_year:  # found, but in a unit that does not compare
        o = of_year[0]
        reason = f"找到{year}年实际数{rules.num(o.value)}{o.unit}，但与目标单位{target.unit}不可比"
        return _verdict(target, keys, "no data", reason, o)
    what = MEASURE_ZH.get(target.measure, target.measure)
    return _verdict(target, keys, "no data", f"{year}年已有报告，未找到{target.indicator}同口径（{what}）的实际数")


def _judged(target: Record, outcome: Record, better: rules.Direction, keys: _Keys) -> Verdict:
    """met or missed from one outcome, with the rule said in the reason (上限, 左右, 降幅)."""
    value = U.convert(outcome.value, outcome.unit, target.unit)
    ok = rules.record_meets(target, value, better)
    own, theirs = keys.canonical(target.indicator), keys.canonical(outcome.indicator)
    stand_in = f"（以{theirs}代{own}）" if theirs and own and theirs != own else ""
    estimate = "（实际数为预计数）" if rules.is_estimate(outcome.quote) else ""
    reason = (
        f"{rules.outcome_text(outcome)}{estimate}{stand_in}，目标{rules.target_text(target)}"
        f"（{rules.rule_text(target, better)}），{'已完成' if ok else '未完成'}"
    )
    return _verdict(target, keys, "met" if ok else "missed", reason, outcome)


def _is_multi_year(target: Record, year: int) -> bool:
    """A target set for a later year than its report's own (到2021年, 十四五)."""
    if target.report_year is not None:
        return year > target.report_year
    return _is_span(target)


def _track(target: Record, key: str, index: _Outcomes, better: rules.Direction, keys: _Keys) -> Verdict | None:
    """On or off track for a multi-year target, from the latest comparable outcome before its year."""
    assert target.year is not None
    series = (target.region, key)
    candidates = index.by_series.get(series, [])
    fitting, question = index.fitting(series, target)

    def latest_before() -> Record | None:
        prior = [
            o for o in fitting
            if U.compatible(o.unit, target.unit) and o.year is not None and o.year < target.year  # type: ignore[operator]
        ]
        return max(prior, key=lambda r: (r.year, _document_rank(r), r.comparator == "=")) if prior else None

    latest = index.remembered(question and ("latest", question, target.unit, target.year), latest_before)
    if latest is None:
        return None
    value = U.convert(latest.value, latest.unit, target.unit)
    if target.measure == "growth":
        ok = rules.record_meets(target, value, better)
        verdict = "on track" if ok else "off track"
        tail = "保持此速度可以完成" if ok else "按此速度难以完成"
        reason = f"{rules.outcome_text(latest)}，目标{rules.target_text(target)}，{tail}"
        return _verdict(target, keys, verdict, reason, latest)
    if target.measure != "level":
        return None

    def trend() -> tuple[float, str] | None:  # the series' recent pace: the same for every target asking
        return index.remembered(
            ("trend", series, target.unit, latest.year),
            lambda: _points_trend(target, candidates, keys)
            if U.is_percent(target.unit) else _growth_trend(target, latest.year, candidates, keys),  # type: ignore[arg-type]
        )

    return _track_level(target, latest, value, trend, better, keys)


def _track_level(
    target: Record,
    latest: Record,
    value: float,
    recent: Callable[[], tuple[float, str] | None],
    better: rules.Direction,
    keys: _Keys,
) -> Verdict:
    """A level target: the yearly change still needed against the change recently observed (`recent()`)."""
    assert target.year is not None and latest.year is not None
    years_left = target.year - latest.year
    head = f"{latest.year}年实际{rules.num(latest.value)}{latest.unit}"
    goal = f"到{target.year}年{'控制在' if target.comparator == '<=' else '达'}{rules.target_text(target)}"
    if rules.record_meets(target, value, better):
        reached = f"{head}，已达到{target.year}年目标{rules.target_text(target)}"
        return _verdict(target, keys, "on track", reached, latest)
    threshold = _threshold(target)
    per_year = "" if years_left == 1 else "年均"
    if U.is_percent(target.unit):
        needed = (threshold - value) / years_left
        need_text = f"需{per_year}{'提高' if needed >= 0 else '下降'}{rules.num(abs(needed), 1)}个百分点"
    else:
        if value <= 0 or threshold <= 0:
            return _verdict(target, keys, "pending", f"{head}，无法推算{goal}所需增速", latest)
        needed = ((threshold / value) ** (1 / years_left) - 1) * 100
        need_text = f"需{per_year}{'增长' if needed >= 0 else '下降'}{rules.num(abs(needed), 1)}%"
    trend = recent()
    if trend is None:
        return _verdict(target, keys, "pending", f"{head}，{goal}{need_text}，无近年增速可比", latest)
    rate, label = trend
    limit = target.comparator == "<=" or (better == "down" and target.comparator in ("=", "~"))
    eps = 1e-9 * max(1.0, abs(rate))
    ok = needed >= rate - eps if limit else needed <= rate + eps
    relation = "不高于" if needed <= rate + eps else "高于"
    unit = "个百分点" if U.is_percent(target.unit) else "%"
    reason = f"{head}，{goal}{need_text}，{relation}{label}{rules.num(rate, 1)}{unit}"
    return _verdict(target, keys, "on track" if ok else "off track", reason, latest)


def _threshold(target: Record) -> float:
    """The value a level target must reach: its lower edge for 左右 and ranges."""
    if target.comparator == "~":
        return target.value - rules.tolerance(target.value, target.unit)
    if target.comparator == "range":
        return min(target.value, target.value if target.value_max is None else target.value_max)
    return target.value


def _growth_trend(target: Record, year: int, candidates: list[Record], keys: _Keys) -> tuple[float, str] | None:
    """Recent yearly growth in %: an average over years (年均), else the last year's growth, else from two levels."""
    growth = [
        o for o in candidates
        if o.measure == "growth" and U.is_percent(o.unit) and o.year is not None and o.year <= year
    ]
    if growth:
        top = max(o.year for o in growth)  # type: ignore[type-var]
        recent = [o for o in growth if o.year == top]
        spans = [o for o in recent if _is_span(o)]
        if spans:
            return _best(spans).value, "近年年均增长"
        return _best(recent).value, f"{top}年增长"
    levels = sorted(
        (o for o in candidates if o.measure == "level" and o.year is not None and U.compatible(o.unit, target.unit)),
        key=lambda o: o.year,  # type: ignore[arg-type,return-value]
    )
    if len(levels) >= 2 and levels[0].year != levels[-1].year:
        first, last = levels[0], levels[-1]
        a, b = U.to_base(first.value, first.unit), U.to_base(last.value, last.unit)
        if a > 0 and b > 0:
            rate = ((b / a) ** (1 / (last.year - first.year)) - 1) * 100  # type: ignore[operator]
            return rate, f"{first.year}—{last.year}年年均增长"
    return None


def _points_trend(target: Record, candidates: list[Record], keys: _Keys) -> tuple[float, str] | None:
    """Recent yearly change of a rate in points: from two level outcomes of different years."""
    levels = sorted(
        (o for o in candidates if o.measure == "level" and o.year is not None and U.compatible(o.unit, target.unit)),
        key=lambda o: o.year,  # type: ignore[arg-type,return-value]
    )
    if len(levels) >= 2 and levels[0].year != levels[-1].year:
        first, last = levels[0], levels[-1]
        rate = (last.value - first.value) / (last.year - first.year)  # type: ignore[operator]
        return rate, f"{first.year}—{last.year}年年均变化"
    return None


# ---------------------------------------------------------------- diff


def _horizon(record: Record) -> str:
    """annual (the report's own year) or multi-year (到2021年, 十四五)."""
    if record.year is not None and record.report_year is not None and record.year > record.report_year:
        return "multi-year"
    return "multi-year" if _is_span(record) else "annual"


def diff(
    targets_a: Iterable[Record],
    targets_b: Iterable[Record],
    *,
    mappings: Mapping[str, str] | None = None,
) -> list[Change]:
    """How each indicator's target changed from documents a to documents b (same region).

    Targets are grouped by region, canonical indicator, measure and horizon
    (annual / multi-year); within a side the first target of a group stands
    for it. Values are compared after folding units (lower end first, then
    upper end); a unit that cannot be compared counts as dropped + new.
    """
    keys = _Keys(mappings)
    side_a = _group(targets_a, keys)
    side_b = _group(targets_b, keys)
    out: list[Change] = []
    for group, a in side_a.items():
        b = side_b.get(group)
        if b is None:
            other = _other_years(group, side_b)
            why = f"后一文件中此目标的年份不同（{other}），不作比较" if other else "后一文件中不再有此目标"
            out.append(_change(group, "dropped", a, None, keys, why))
        elif not U.compatible(a.unit, b.unit):
            out.append(_change(group, "dropped", a, None, keys, f"单位由{a.unit}改为{b.unit}，不可比"))
            out.append(_change(group, "new", None, b, keys, f"单位由{a.unit}改为{b.unit}，不可比"))
        else:
            out.append(_compare_pair(group, a, b, keys))
    for group, b in side_b.items():
        if group not in side_a:
            other = _other_years(group, side_a)
            why = f"前一文件中此目标的年份不同（{other}），不作比较" if other else "前一文件中没有此目标"
            out.append(_change(group, "new", None, b, keys, why))
    return out


def _group(records: Iterable[Record], keys: _Keys) -> dict[tuple[Any, ...], Record]:
    """Targets by region, indicator, measure and horizon; a multi-year goal by its target year
    too: a goal for 2021 and one for 2025 are two goals, not one raised or lowered."""
    groups: dict[tuple[Any, ...], Record] = {}
    for record in records:
        if record.kind != "target":
            continue
        horizon = _horizon(record)
        deadline = record.year if horizon == "multi-year" else None
        groups.setdefault((record.region, keys.key(record), record.measure, horizon, deadline), record)
    return groups


def _other_years(group: tuple[Any, ...], side: Mapping[tuple[Any, ...], Record]) -> str:
    """The target years the other side sets for the same indicator, measure and horizon (e.g. 2025年)."""
    years = sorted({key[4] for key in side if key[:4] == group[:4] and key[4] != group[4] and key[4] is not None})
    return "、".join(f"{y}年" for y in years)


def _bounds(record: Record) -> tuple[float, float]:
    low = U.to_base(record.value, record.unit)
    high = U.to_base(record.value_max, record.unit) if record.value_max is not None else low
    return low, high


def _compare_pair(group: tuple[Any, ...], a: Record, b: Record, keys: _Keys) -> Change:
    (low_a, high_a), (low_b, high_b) = _bounds(a), _bounds(b)
    eps = 1e-9 * max(1.0, abs(low_a), abs(high_a))
    if abs(low_a - low_b) > eps:
        change = "raised" if low_b > low_a else "lowered"
    elif abs(high_a - high_b) > eps:
        change = "raised" if high_b > high_a else "lowered"
    else:
        change = "unchanged"
    reason = f"{rules.target_text(a)} → {rules.target_text(b)}"
    if change == "unchanged" and a.comparator != b.comparator:
        reason += "（数值不变，措辞改变）"
    return _change(group, change, a, b, keys, reason)


def _change(
    group: tuple[Any, ...], change: str, a: Record | None, b: Record | None, keys: _Keys, reason: str
) -> Change:
    region, _key, measure, horizon, _deadline = group
    shown = b or a
    assert shown is not None
    return Change(
        region=region,
        indicator=shown.indicator,
        canonical=keys.canonical(shown.indicator),
        measure=measure,
        horizon=horizon,
        change=change,
        doc_a=a.doc if a else None,
        quote_a=a.quote if a else None,
        year_a=a.year if a else None,
        comparator_a=a.comparator if a else None,
        value_a=a.value if a else None,
        value_max_a=a.value_max if a else None,
        unit_a=a.unit if a else None,
        doc_b=b.doc if b else None,
        quote_b=b.quote if b else None,
        year_b=b.year if b else None,
        comparator_b=b.comparator if b else None,
        value_b=b.value if b else None,
        value_max_b=b.value_max if b else None,
        unit_b=b.unit if b else None,
        reason=reason,
    )


# ---------------------------------------------------------------- compare


def compare(
    records: Iterable[Record],
    indicator: str,
    year: int,
    region_info: Callable[[str], Any] | None = None,
    *,
    mappings: Mapping[str, str] | None = None,
    measure: str | None = None,
) -> list[dict[str, Any]]:
    """The targets for one indicator and year across regions, top down (全国 → 省 → 市 → 县).

    `region_info` gives a region's level, parent and code (default:
    `mubiao.lang.regions.region_info`); regions it does not know come last.
    """
    if region_info is None:
        from mubiao.lang.regions import region_info as default_info

        region_info = default_info
    keys = _Keys(mappings)
    wanted = keys.canonical(indicator)
    wanted_key = wanted if wanted is not None else "raw:" + fold(indicator)
    rows: list[dict[str, Any]] = []
    for record in records:
        if record.kind != "target" or record.year != year or keys.key(record) != wanted_key:
            continue
        if measure is not None and record.measure != measure:
            continue
        info = region_info(record.region) if record.region else None
        rows.append({
            "region": record.region,
            "level": getattr(info, "level", None),
            "parent": getattr(info, "parent", None),
            "code": getattr(info, "code", None),
            "indicator": record.indicator,
            "canonical": wanted,
            "value": record.value,
            "value_max": record.value_max,
            "unit": record.unit,
            "comparator": record.comparator,
            "measure": record.measure,
            "year": record.year,
            "doc": record.doc,
            "quote": record.quote,
        })
    rank = {"national": 0, "province": 1, "city": 2, "county": 3}
    rows.sort(key=lambda row: (rank.get(row["level"], 9), row["code"] or "", row["region"] or ""))
    return rows
