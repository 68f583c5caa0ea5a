"""The tracking service over a store: mappings, manual outcomes, track, diff, compare, dashboard helpers.

Every test runs against SQLite, and against PostgreSQL when MUBIAO_TEST_PG is
set (the `db_url` fixture of tests/conftest.py; skipped, saying so,
without it). The seed tests ingest the user's five seeds (region 衡阳市, their
report years) and skip when ../shared is absent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import fields, replace
from pathlib import Path

import pandas as pd
import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from mubiao.store import Store
from mubiao.store.engine import (
    alembic_config,
    connect,
    current_revision,
    head_revision,
    migrate,
)
from mubiao.store.ingest import prepare_document
from mubiao.store.write import write_document
from mubiao.track import service
from mubiao.track.verdict import VERDICTS, Verdict
from tests.conftest import SEED_YEARS

from .track_helpers import REGION, fill_hand_store, hand_document, make



# ---------------------------------------------------------------- helpers and fixtures


def verdict_of(verdicts: list[Verdict], quote: str) -> Verdict:
    found = [v for v in verdicts if v.target_quote == quote]
    assert len(found) == 1, [v.target_quote for v in verdicts]
    return found[0]


@pytest.fixture()
def hand_store(store: Store) -> Store:
    fill_hand_store(store)
    return store


@pytest.fixture()
def seeded(seeded_url: str) -> Iterator[Store]:
    with Store(seeded_url) as opened:
        yield opened


# ---------------------------------------------------------------- the seeds: the quality bar


def test_track_service_seeds_gdp_2021_target_off_track_with_growth_needed(seeded: Store) -> None:
    verdicts = [
        v for v in service.track(seeded, region=REGION, indicator="地区生产总值", year=2021)
        if v.value == 4000 and v.unit == "亿元"
    ]
    assert len(verdicts) == 1
    verdict = verdicts[0]
    assert verdict.target_doc.startswith("001_")
    assert verdict.outcome_doc and verdict.outcome_doc.startswith("004_")
    assert "突破3500亿元" in (verdict.outcome_quote or "").replace(" ", "") and verdict.outcome_year == 2020
    assert verdict.verdict == "off track"
    needed = re.search(r"需增长([\d.]+)%", verdict.reason)
    assert needed, verdict.reason
    assert abs(float(needed.group(1)) - 14.3) < 0.05


def test_track_service_seeds_every_target_has_a_verdict(seeded: Store) -> None:
    targets = seeded.records(kind="target")
    verdicts = service.track(seeded)
    assert len(verdicts) == len(targets) > 100
    assert [(v.target_doc, v.target_quote) for v in verdicts] == list(zip(targets["doc"], targets["quote"], strict=True))
    assert all(v.verdict in VERDICTS and v.reason for v in verdicts)
    summary = service.verdict_summary(seeded, "衡阳")
    assert list(summary) == list(VERDICTS)
    assert sum(summary.values()) == len(targets)
    assert summary["awaiting report"] > 0 and summary["no data"] > 0 and summary["off track"] > 0


def test_track_service_seeds_unemployment_unchanged_2018_to_2019(seeded: Store) -> None:
    changes = [c for c in service.diff(seeded, "衡阳", 2018, 2019) if c.canonical == "城镇登记失业率"]
    assert [c.change for c in changes] == ["unchanged"]
    assert (changes[0].value_a, changes[0].value_b, changes[0].comparator_b) == (4.5, 4.5, "<=")
    assert "4.5%以内" in (changes[0].quote_a or "") and "4.5%以内" in (changes[0].quote_b or "")


def test_track_service_seeds_canonical_names_are_stored(seeded: Store) -> None:
    service.canonicalize(seeded)
    frame = seeded.records(indicator="地区生产总值")
    assert (frame["canonical"] == "地区生产总值").sum() >= 4
    assert service.canonicalize(seeded) == 0  # nothing left that the vocabulary knows


# ---------------------------------------------------------------- track over hand-made reports


def test_track_service_links_stored_targets_and_achievements(hand_store: Store) -> None:
    verdicts = service.track(hand_store)
    assert len(verdicts) == len(hand_store.records(kind="target")) == 5
    gdp = verdict_of(verdicts, "地区生产总值增长8%左右")
    assert gdp.verdict == "met" and gdp.outcome_doc == "2021.txt" and gdp.outcome_value == 8.5
    assert verdict_of(verdicts, "城镇登记失业率控制在4.5%以内").verdict == "awaiting report"  # 2021 is past
    assert verdict_of(verdicts, "全社会研发经费50亿元以上").verdict == "no data"
    assert [f.name for f in fields(Verdict)] == list(gdp.to_dict())


def test_track_service_verdicts_name_their_target_and_outcome_records(hand_store: Store) -> None:
    frame = hand_store.records()
    ids = dict(zip(frame["quote"], frame["record_id"], strict=True))
    verdicts = service.track(hand_store)
    assert {v.target_record_id for v in verdicts} == {int(ids[v.target_quote]) for v in verdicts}
    gdp = verdict_of(verdicts, "地区生产总值增长8%左右")
    assert gdp.outcome_record_id == ids["地区生产总值增长8.5%"]
    service.add_outcome(hand_store, REGION, "城镇登记失业率", 2021, 4.2, "%")
    manual = verdict_of(service.track(hand_store), "城镇登记失业率控制在4.5%以内")
    assert manual.verdict == "met" and manual.outcome_record_id is None  # a manual outcome is no stored record


def test_track_service_records_outside_any_section_are_read_back(store: Store) -> None:
    """Regression: a record before the first heading (section "") broke the row → Record converter."""
    target = make("target", "地区生产总值", 7, comparator="~", measure="growth", year=2021, quote="地区生产总值增长7%左右")
    document = hand_document("opening.txt", 2021, [target])
    store.add(replace(document, records=tuple(replace(r, section=()) for r in document.records)))
    [record] = store.record_list()
    assert record.section == () and record.extra["record_id"] == int(store.records()["record_id"][0])
    assert [v.target_record_id for v in service.track(store)] == [record.extra["record_id"]]


def test_track_service_filters_region_indicator_and_year(hand_store: Store) -> None:
    assert len(service.track(hand_store, region="衡阳")) == 5  # normalised to 衡阳市
    assert service.track(hand_store, region="湖南省") == []
    by_gdp = service.track(hand_store, indicator="GDP")  # any name of the canonical indicator
    assert [v.target_quote for v in by_gdp] == ["地区生产总值增长8%左右", "全年地区生产总值增长8%左右"]
    assert [v.target_quote for v in service.track(hand_store, indicator="失业")] == ["城镇登记失业率控制在4.5%以内"]
    assert {v.target_year for v in service.track(hand_store, year=2021)} == {2021}
    assert len(service.track(hand_store, year=2021)) == 3


def test_track_service_outcome_add_makes_target_met_then_missed(hand_store: Store) -> None:
    quote = "城镇登记失业率控制在4.5%以内"
    saved, status = service.add_outcome(hand_store, "衡阳", "城镇登记失业率", 2021, 4.2, "%", source="2021年统计公报")
    assert status == "added" and saved.region == REGION
    met = verdict_of(service.track(hand_store), quote)
    assert met.verdict == "met"
    assert (met.outcome_doc, met.outcome_value, met.outcome_year) == ("2021年统计公报", 4.2, 2021)
    again, status = service.add_outcome(hand_store, REGION, "城镇登记失业率", 2021, 4.8, "%", source="2021年统计公报")
    assert status == "updated" and again.id == saved.id
    missed = verdict_of(service.track(hand_store), quote)
    assert missed.verdict == "missed" and "未完成" in missed.reason
    assert service.add_outcome(hand_store, REGION, "城镇登记失业率", 2021, 4.8, "%", source="2021年统计公报")[1] == "unchanged"
    assert len(service.outcomes(hand_store)) == 1


def test_track_service_outcome_in_another_magnitude_is_folded(hand_store: Store) -> None:
    service.map_indicator(hand_store, "经济体量", "地区生产总值")
    service.add_outcome(hand_store, REGION, "地区生产总值", 2021, 37_000_000, "万元")
    verdict = verdict_of(service.track(hand_store), "经济体量达到3600亿元以上")
    assert verdict.verdict == "met" and verdict.outcome_doc == service.MANUAL_DOC


def test_track_service_outcome_add_rejects_bad_values(hand_store: Store) -> None:
    with pytest.raises(service.BadOutcome, match="measure"):
        service.add_outcome(hand_store, REGION, "地区生产总值", 2021, 1, "亿元", measure="total")
    with pytest.raises(service.BadOutcome, match="unit"):
        service.add_outcome(hand_store, REGION, "地区生产总值", 2021, 1, " ")
    with pytest.raises(service.BadOutcome, match="year"):
        service.add_outcome(hand_store, REGION, "地区生产总值", 21, 1, "亿元")
    assert service.outcomes(hand_store) == []


def test_track_service_import_reports_bad_row_and_keeps_the_others(hand_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "bulletin.csv"
    path.write_text(
        "region,indicator,year,value,unit,measure,source\n"
        "衡阳,城镇登记失业率,2021,4.1,%,level,2021年统计公报\n"
        "衡阳市,地区生产总值,20x1,3840.3,亿元,level,2021年统计公报\n"
        "衡阳市,地区生产总值,2021,\"3,840.3\",亿元,,\n",
        encoding="utf-8-sig",
    )
    report = service.import_outcomes(hand_store, path)
    assert (report.added, report.updated, len(report.errors)) == (2, 0, 1)
    assert not report.ok
    message = str(report.errors[0])
    assert message.startswith(f"{path}:3: ") and "20x1" in message
    stored = {(o.indicator, o.value, o.measure, o.source) for o in service.outcomes(hand_store, "衡阳")}
    assert stored == {("城镇登记失业率", 4.1, "level", "2021年统计公报"), ("地区生产总值", 3840.3, "level", None)}
    assert verdict_of(service.track(hand_store), "城镇登记失业率控制在4.5%以内").verdict == "met"
    again = service.import_outcomes(hand_store, path)
    assert (again.added, again.unchanged, len(again.errors)) == (0, 2, 1)


def test_track_service_import_file_without_required_columns_is_refused(hand_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "wrong.csv"
    path.write_text("region,indicator,value\n衡阳市,GDP,1\n", encoding="utf-8")
    with pytest.raises(service.BadOutcomeFile, match="missing: year, unit"):
        service.import_outcomes(hand_store, path)
    with pytest.raises(service.BadOutcomeFile, match="no such file"):
        service.import_outcomes(hand_store, tmp_path / "absent.csv")
    assert service.outcomes(hand_store) == []


# ---------------------------------------------------------------- indicators: canonical names and mappings


def test_track_service_ingest_stores_canonical_names(hand_store: Store) -> None:
    frame = hand_store.records()
    names = dict(zip(frame["quote"], frame["canonical"], strict=True))
    assert names["GDP达3500亿元"] == "地区生产总值"
    assert pd.isna(names["经济体量达到3600亿元以上"])
    assert service.canonicalize(hand_store) == 0  # nothing left to fill


def test_track_service_canonicalize_fills_null_canonical_names(hand_store: Store) -> None:
    with hand_store.engine.begin() as conn:  # rows written without names, as by a store made before 0007
        conn.execute(text("UPDATE records SET canonical = NULL"))
    assert service.canonicalize(hand_store) == 5  # 经济体量 and 全社会研发经费 are not in the vocabulary
    frame = hand_store.records()
    names = dict(zip(frame["quote"], frame["canonical"], strict=True))
    assert names["GDP达3500亿元"] == "地区生产总值"
    assert names["城镇登记失业率控制在4.5%以内"] == "城镇登记失业率"
    assert pd.isna(names["经济体量达到3600亿元以上"])
    assert service.canonicalize(hand_store) == 0


def test_track_service_map_then_track_shows_the_new_canonical(hand_store: Store) -> None:
    quote = "经济体量达到3600亿元以上"
    before = verdict_of(service.track(hand_store), quote)
    assert before.canonical is None and before.verdict == "awaiting report"
    assert service.map_indicator(hand_store, "经济体量", "gdp") == 1  # an id names the indicator too
    assert service.mappings(hand_store) == {"经济体量": "地区生产总值"}
    after = verdict_of(service.track(hand_store), quote)
    assert after.canonical == "地区生产总值"
    # now linked to GDP 3500亿元 of 2020: 2.9% growth needed against 8.5% observed
    assert after.verdict == "on track" and after.outcome_value == 3500
    frame = hand_store.records(indicator="经济体量")
    assert frame["canonical"].tolist() == ["地区生产总值"]
    assert [v.target_quote for v in service.track(hand_store, indicator="GDP") if v.target_quote == quote] == [quote]


def test_track_service_map_unknown_canonical_is_refused(hand_store: Store) -> None:
    with pytest.raises(service.UnknownCanonical, match="经济规模"):
        service.map_indicator(hand_store, "经济体量", "经济规模")
    assert service.mappings(hand_store) == {}


def test_track_service_map_again_replaces_and_unmap_restores(hand_store: Store) -> None:
    service.map_indicator(hand_store, "全社会研发经费", "地区生产总值")
    service.map_indicator(hand_store, "全社会研发经费 ", "研发经费投入")
    assert service.mappings(hand_store) == {"全社会研发经费": "研发经费投入"}
    assert hand_store.records(indicator="全社会研发经费")["canonical"].tolist() == ["研发经费投入"]
    assert service.unmap_indicator(hand_store, "全社会研发经费") == 1
    assert hand_store.records(indicator="全社会研发经费")["canonical"].isna().all()
    with pytest.raises(service.UnknownMapping):
        service.unmap_indicator(hand_store, "全社会研发经费")


def test_track_service_mappings_survive_reopening_the_store(db_url: str) -> None:
    with Store(db_url) as first:
        fill_hand_store(first)
        service.map_indicator(first, "经济体量", "地区生产总值")
        service.add_outcome(first, REGION, "城镇登记失业率", 2021, 4.0, "%")
    with Store(db_url) as reopened:
        assert service.mappings(reopened) == {"经济体量": "地区生产总值"}
        verdicts = service.track(reopened)
        assert verdict_of(verdicts, "经济体量达到3600亿元以上").canonical == "地区生产总值"
        assert verdict_of(verdicts, "城镇登记失业率控制在4.5%以内").verdict == "met"


# ---------------------------------------------------------------- diff, compare, dashboard helpers


def test_track_service_diff_normalises_region_and_needs_both_years(hand_store: Store) -> None:
    changes = {c.indicator: c.change for c in service.diff(hand_store, "衡阳", 2020, 2021)}
    assert changes["地区生产总值"] == "unchanged"
    assert changes["城镇登记失业率"] == "dropped"
    with pytest.raises(service.NoReportYear, match="2019") as caught:
        service.diff(hand_store, "衡阳", 2019, 2021)
    assert "2020, 2021" in str(caught.value)


def test_track_service_compare_lists_regions_top_down(store: Store) -> None:
    for region, value in (("衡南县", 8.5), ("衡阳市", 8), ("全国", 6), ("湖南省", 7.5)):
        target = make("target", "地区生产总值", value, comparator="~", measure="growth", year=2021,
                      quote=f"地区生产总值增长{value}%左右")
        store.add(hand_document(f"{region}.txt", 2021, [target], region=region))
    rows = service.compare(store, "GDP", 2021)
    assert [(r["region"], r["level"], r["parent"]) for r in rows] == [
        ("全国", "national", None),
        ("湖南省", "province", "全国"),
        ("衡阳市", "city", "湖南省"),
        ("衡南县", "county", "衡阳市"),
    ]
    assert [r["value"] for r in rows] == [6, 7.5, 8, 8.5]
    assert service.compare(store, "GDP", 2020) == []


def test_track_service_verdict_summary_counts_every_verdict(hand_store: Store) -> None:
    summary = service.verdict_summary(hand_store)
    assert summary == {
        "met": 1, "missed": 0, "on track": 0, "off track": 0, "pending": 0, "awaiting report": 3, "no data": 1,
    }
    assert service.verdict_summary(hand_store, "湖南省") == dict.fromkeys(VERDICTS, 0)


def test_track_service_indicator_series_gives_targets_and_outcomes_by_year(hand_store: Store) -> None:
    service.add_outcome(hand_store, REGION, "GDP", 2021, 8.1, "%", measure="growth", source="公报")
    series = service.indicator_series(hand_store, "衡阳", "地区生产总值")
    assert series["region"] == REGION and series["canonical"] == "地区生产总值"
    assert series["indicator"]["id"] == "gdp"
    targets = series["targets"]
    assert [(p["year"], p["value"], p["verdict"]) for p in targets] == [(2020, 8, "met"), (2021, 8, "met")]
    point = targets[0]
    for key in ("year", "value", "unit", "measure", "comparator", "verdict", "quote", "doc"):
        assert key in point
    outcomes = series["outcomes"]
    assert [(p["year"], p["value"], p["measure"], p["manual"]) for p in outcomes] == [
        (2020, 8.5, "growth", False), (2020, 3500, "level", False), (2021, 8.1, "growth", True),
    ]
    assert outcomes[-1]["doc"] == "公报" and outcomes[-1]["verdict"] is None
    by_id = service.indicator_series(hand_store, REGION, "gdp")
    assert by_id["targets"] == targets
    unknown = service.indicator_series(hand_store, REGION, "全社会研发经费")
    assert unknown["canonical"] is None and len(unknown["targets"]) == 1 and unknown["outcomes"] == []


# ---------------------------------------------------------------- migration 0004


def test_track_service_migration_0004_follows_0003() -> None:
    script = ScriptDirectory.from_config(alembic_config()).get_revision("0004")
    assert script is not None and script.down_revision == "0003"


def test_track_service_migration_0004_upgrades_previous_revision_keeping_data(db_url: str) -> None:
    engine = connect(db_url)
    migrate(engine, "0003")
    assert current_revision(engine) == "0003"
    document = hand_document("old.txt", 2021, [make("target", "城镇登记失业率", 4.5, comparator="<=", year=2021,
                                                    quote="城镇登记失业率控制在4.5%以内")])
    with engine.begin() as conn:
        write_document(conn, prepare_document(document, "old.txt", with_bigrams=engine.dialect.name == "sqlite"))
    engine.dispose()
    with Store(db_url) as upgraded:
        assert upgraded.revision == head_revision()
        assert upgraded.records()["quote"].tolist() == ["城镇登记失业率控制在4.5%以内"]
        assert service.mappings(upgraded) == {} and service.outcomes(upgraded) == []
        service.add_outcome(upgraded, REGION, "城镇登记失业率", 2021, 4.6, "%")
        assert [v.verdict for v in service.track(upgraded)] == ["missed"]
