"""The tracker on the gold records of Hengyang (reports of 2017, 2018, 2019 and 2021)."""

from __future__ import annotations

import re

from mubiao.model import Record
from mubiao.track.verdict import VERDICTS, diff, link


def test_gold_gdp_2021_target_off_track(gold_records: list[Record]) -> None:
    verdicts = link(gold_records, gold_records)
    gdp = [
        v for v in verdicts
        if v.canonical == "地区生产总值" and v.target_year == 2021 and v.value == 4000
    ]
    assert len(gdp) == 1
    verdict = gdp[0]
    assert verdict.target_doc.startswith("001_")
    assert verdict.outcome_doc and verdict.outcome_doc.startswith("004_")
    assert "3500" in (verdict.outcome_quote or "") and verdict.outcome_year == 2020
    assert verdict.verdict == "off track"
    needed = float(re.search(r"需增长([\d.]+)%", verdict.reason).group(1))  # type: ignore[union-attr]
    assert abs(needed - 14.3) < 0.05
    assert "7.4%" in verdict.reason


def test_gold_unemployment_unchanged_2018_to_2019(gold_records: list[Record]) -> None:
    a = [r for r in gold_records if r.report_year == 2018]
    b = [r for r in gold_records if r.report_year == 2019]
    changes = [c for c in diff(a, b) if c.canonical == "城镇登记失业率"]
    assert len(changes) == 1
    change = changes[0]
    assert change.change == "unchanged"
    assert (change.value_a, change.value_b, change.unit_a, change.comparator_b) == (4.5, 4.5, "%", "<=")
    assert "4.5%以内" in (change.quote_a or "") and "4.5%以内" in (change.quote_b or "")


def test_gold_every_target_has_a_verdict(gold_records: list[Record]) -> None:
    targets = [r for r in gold_records if r.kind == "target"]
    verdicts = link(gold_records, gold_records)
    assert len(verdicts) == len(targets)
    assert [(v.target_doc, v.target_quote, v.value) for v in verdicts] == [
        (t.doc, t.quote, t.value) for t in targets
    ]
    assert all(v.verdict in VERDICTS and v.reason for v in verdicts)


def test_gold_multi_year_targets_are_tracked(gold_records: list[Record]) -> None:
    verdicts = {(v.indicator, v.target_year, v.value): v for v in link(gold_records, gold_records)}
    # 2017 report: 年均增长 targets to 2021 against the 2016–2020 averages of the 2021 report.
    assert verdicts[("全体居民人均可支配收入", 2021, 9)].verdict == "off track"
    assert verdicts[("固定资产投资", 2021, 16)].verdict == "off track"
    # The 十四五 goals (2025) and the 2021 plan are not reported yet.
    # (their years have passed by now: they await a later report, never "not yet due")
    assert verdicts[("地区生产总值", 2025, 5500)].verdict in ("pending", "awaiting report")
    assert verdicts[("城镇登记失业率", 2021, 4.5)].verdict == "awaiting report"
    # 2019 has passed (the 2021 report covers 2016–2020) and nothing was reported for it.
    assert verdicts[("城镇登记失业率", 2019, 4.5)].verdict == "no data"
