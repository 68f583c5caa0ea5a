"""The verdict list (/verdicts): filters whose counts are links to lists of that length, downloads as shown."""

from __future__ import annotations

import csv
import io
import re

from fastapi.testclient import TestClient

HTML = {"accept": "text/html"}


def _total(page: str) -> int:
    return int(re.search(r'id="verdict-total">(\d+)<', page).group(1))  # type: ignore[union-attr]


def test_verdict_list_counts_are_links_to_lists_of_that_length(client: TestClient) -> None:
    page = client.get("/verdicts", params={"region": "衡阳市"}, headers=HTML).text
    counts = re.findall(r'<a class="count" href="(/verdicts\?[^"]*verdict=[^"&]*)">(\d+)</a>', page)
    assert counts, "verdict counts are links"
    for href, n in counts:
        listed = client.get(href.replace("&amp;", "&"), headers=HTML).text
        assert _total(listed) == int(n)
    assert _total(page) == sum(int(n) for _, n in counts) > 0, "the verdict counts add up to the list"


def test_verdict_list_filters_by_year_and_indicator(client: TestClient) -> None:
    page = client.get("/verdicts", params={"region": "衡阳市"}, headers=HTML).text
    year_href, n = re.findall(r'<a class="count" href="(/verdicts\?[^"]*year=\d+[^"]*)">(\d+)</a>', page)[0]
    assert _total(client.get(year_href.replace("&amp;", "&"), headers=HTML).text) == int(n)
    assert client.get("/verdicts", params={"verdict": "nonsense"}, headers=HTML).status_code == 422
    assert client.get("/verdicts", params={"region": "没有这个地区"}, headers=HTML).status_code == 404


def test_verdict_list_download_is_the_list_shown(client: TestClient) -> None:
    page = client.get("/verdicts", params={"region": "衡阳市", "verdict": "pending"}, headers=HTML).text
    body = client.get("/verdicts.csv", params={"region": "衡阳市", "verdict": "pending"})
    assert body.status_code == 200 and "attachment" in body.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(body.content.decode("utf-8-sig"))))
    assert len(rows) == _total(page) > 0
    assert {r["判定"] for r in rows} == {"尚未到期"}
    xlsx = client.get("/verdicts.xlsx", params={"region": "衡阳市"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_overview_pie_links_each_verdict_to_its_list(client: TestClient) -> None:
    client.get("/tracker/衡阳市", headers=HTML)
    page = client.get("/", headers=HTML).text
    assert 'data-verdict="missed" href="/verdicts?verdict=missed"' in page


def test_methodology_page_shows_the_rules_tolerances(client: TestClient) -> None:
    from mubiao.track import rules

    page = client.get("/methodology", headers=HTML).text
    assert f"±{rules.TOLERANCE_POINTS:g}个百分点" in page
    assert f"{rules.TOLERANCE_RELATIVE * 100:g}%" in page
    assert "失业率" in page, "lower-is-better indicators come from the vocabulary"
    from tests.conftest import ROOT

    doc = (ROOT / "docs" / "tracking.md").read_text(encoding="utf-8")
    assert f"±{rules.TOLERANCE_POINTS:g} percentage points" in doc, "docs/tracking.md states the same tolerance"


def test_records_table_has_a_verdict_column_and_filter(client: TestClient) -> None:
    client.get("/tracker/衡阳市", headers=HTML)  # the region's verdicts computed
    page = client.get("/records", params={"region": "衡阳市", "kind": "target"}, headers=HTML).text
    assert "<th>判定</th>" in page
    assert re.search(r'<td><a class="badge v-[a-z-]+" href="/verdicts/\d+"', page), "a verdict badge in the row"
    pending = client.get("/records", params={"region": "衡阳市", "verdict": "pending"}, headers=HTML).text
    listed = client.get("/verdicts", params={"region": "衡阳市", "verdict": "pending"}, headers=HTML).text
    assert f"共 {_total(listed)} 条" in pending
    assert "v-no-data" not in pending.split("<tbody>")[1]
    body = client.get("/records.csv", params={"region": "衡阳市", "verdict": "pending"}).content.decode("utf-8-sig")
    assert len(body.strip().splitlines()) == _total(listed) + 1
