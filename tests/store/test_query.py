"""Reading the store back: a region filter, exact or widened to the regions inside it."""

from __future__ import annotations

import json

from mubiao.store import Store
from tests.conftest import run_cli
from tests.store.conftest import make_document

PARAGRAPHS = ("一、2020年工作回顾", "打好污染防治攻坚战，全年地区生产总值增长8.5%。")


def _fill(store: Store) -> None:
    # The division table gives each stored region its parent: 衡南县 → 衡阳市 → 湖南省.
    for name, region in (("province.txt", "湖南省"), ("city.txt", "衡阳市"), ("county.txt", "衡南县"), ("other.txt", "广东省")):
        store.add(make_document(name, PARAGRAPHS, region=region, year=2021))


def test_query_region_is_exact_by_default(store: Store) -> None:
    _fill(store)
    assert store.documents(region="湖南省")["name"].tolist() == ["province.txt"]
    assert set(store.records(region="湖南省")["doc"]) == {"province.txt"}
    assert {h.document for h in store.search("污染防治", region="湖南省")} == {"province.txt"}


def test_query_within_takes_the_regions_inside(store: Store) -> None:
    _fill(store)
    inside = {"province.txt", "city.txt", "county.txt"}
    assert set(store.documents(region="湖南省", within=True)["name"]) == inside
    assert set(store.records(region="湖南省", within=True)["doc"]) == inside
    assert {h.document for h in store.search("污染防治", region="湖南省", within=True)} == inside
    assert set(store.documents(region="衡阳市", within=True)["name"]) == {"city.txt", "county.txt"}
    assert store.documents(region="衡南县", within=True)["name"].tolist() == ["county.txt"]
    assert store.documents(region="江苏省", within=True).empty


def test_query_within_on_the_command_line(store: Store, db_url: str) -> None:
    _fill(store)
    result = run_cli("documents", "--db", db_url, "--region", "衡阳市", "--within", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    assert {json.loads(line)["name"] for line in result.stdout.splitlines()} == {"city.txt", "county.txt"}


def test_query_record_list_reads_a_record_before_any_heading(store: Store) -> None:
    """A record outside every section is stored with an empty path; reading it back gave a JSON error."""
    import mubiao

    store.add(mubiao.read_document("某县2030年政府工作报告\n全县生产总值增长6%左右。\n", region="某县", year=2030))
    records = store.record_list(region="某县")
    assert records and records[0].section == ()


def test_record_list_reads_the_same_records_as_the_table(store, tmp_path) -> None:
    """The tracker's fast read (rows straight to Records) gives exactly the Records of the table's rows."""
    from mubiao.samples import sample_paths
    from mubiao.store import query

    store.ingest(sample_paths(), region="衡阳市")
    listed = store.record_list()
    assert listed and listed == query.frame_records(store.records())
    assert store.record_list(kind="target", region="衡阳") == query.frame_records(store.records(kind="target", region="衡阳市"))
