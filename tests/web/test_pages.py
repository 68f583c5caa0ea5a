"""The HTML pages: each renders, in Chinese, with the data the issue asks for."""

from __future__ import annotations

import csv
import io
import re

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

HTML = {"accept": "text/html"}


def _doc(web_store: tuple[str, dict[str, int]]) -> int:
    return web_store[1]["2021_衡阳市政府工作报告.txt"]


def test_page_overview(client: TestClient) -> None:
    page = client.get("/", headers=HTML).text
    for label in ("概览", "地区", "文件", "目标", "完成情况", "判定统计", "最新文件", "衡阳市"):
        assert label in page
    assert 'data-src="/api/verdicts/summary"' in page
    assert '<script src="/static/vendor/echarts/echarts.min.js">' in page


def test_page_document_marks_every_record(client: TestClient, web_store: tuple[str, dict[str, int]]) -> None:
    doc_id = _doc(web_store)
    records = client.get(f"/api/documents/{doc_id}").json()["records"]
    page = client.get(f"/documents/{doc_id}", headers=HTML).text
    marked = set()
    for ids in re.findall(r'data-records="([\d ]+)"', page):
        marked.update(int(i) for i in ids.split())
    assert marked == {r["record_id"] for r in records}
    assert 'class="rec k-target"' in page and 'class="rec k-achievement"' in page
    assert page.count('<li class="lv') >= 5, "the outline lists parts and sections"
    assert 'id="s1"' in page
    for r in records:  # every record has an anchor in the text, where a link to #r{id} lands
        assert f'id="r{r["record_id"]}"' in page
    assert len(records) > 50, "the record table below is paged"
    table = "".join(client.get(f"/documents/{doc_id}", params={"page": n}, headers=HTML).text.split('id="records"')[1]
                    for n in (1, 2, 3))
    for r in records:
        if r["kind"] == "target":
            assert f'href="/verdicts/{r["record_id"]}"' in table
        assert f'id="row-{r["record_id"]}"' in table


def test_page_document_anchor_is_on_the_passage_not_the_table(client: TestClient, web_store: tuple[str, dict[str, int]]) -> None:
    doc_id = _doc(web_store)
    page = client.get(f"/documents/{doc_id}", headers=HTML).text
    text = page.split('id="doctext"')[1].split('id="details"')[0]
    anchors = re.findall(r'<span class="anchor" id="r(\d+)"></span><mark class="rec[^"]*"[^>]*data-records="([\d ]+)"', text)
    assert len(anchors) > 50
    assert all(rid in ids.split() for rid, ids in anchors), "each anchor stands right before a mark of its record"


def test_page_tasks_are_paged(client: TestClient, web_store: tuple[str, dict[str, int]]) -> None:
    doc_id = _doc(web_store)
    tasks = client.get(f"/api/documents/{doc_id}/tasks").json()
    page = client.get(f"/documents/{doc_id}/tasks", headers=HTML).text
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    assert body.count("<tr>") == min(50, len(tasks["rows"]))
    if len(tasks["rows"]) > 50:
        assert 'rel="next"' in page and "?page=2" in page


def test_page_document_original_view(client: TestClient, web_store: tuple[str, dict[str, int]]) -> None:
    doc_id = _doc(web_store)
    page = client.get(f"/documents/{doc_id}", params={"view": "original"}, headers=HTML).text
    assert page.count("<mark class=\"rec") > 50


def test_page_document_missing(client: TestClient) -> None:
    response = client.get("/documents/999999", headers=HTML)
    assert response.status_code == 404 and "没有这份文件" in response.text


def test_page_digest_and_tasks_with_downloads(client: TestClient, web_store: tuple[str, dict[str, int]]) -> None:
    doc_id = _doc(web_store)
    digest = client.get(f"/documents/{doc_id}/digest", headers=HTML).text
    assert "目标篇" in digest and "关键词" in digest and "<strong>" in digest
    tasks = client.get(f"/documents/{doc_id}/tasks", headers=HTML).text
    assert "任务分解表" in tasks and "责任单位" in tasks
    for fmt, magic in (("docx", b"PK"), ("html", b"<!DOCTYPE html>"), ("md", b"# ")):
        response = client.get(f"/documents/{doc_id}/digest.{fmt}")
        assert response.status_code == 200 and response.content.startswith(magic), fmt
        assert "attachment" in response.headers["content-disposition"]
    for fmt, magic in (("xlsx", b"PK"), ("docx", b"PK"), ("csv", "序号".encode())):
        response = client.get(f"/documents/{doc_id}/tasks.{fmt}")
        assert response.status_code == 200 and magic in response.content[:20], fmt
    assert client.get(f"/documents/{doc_id}/tasks.exe").status_code == 404


def test_page_records_filters_and_sorting(client: TestClient) -> None:
    page = client.get("/records", params={"region": "衡阳市", "kind": "target", "sort": "value", "desc": "true"}, headers=HTML)
    assert page.status_code == 200
    assert "数值 ▼" in page.text
    assert page.text.count("<tr>") >= 50
    assert 'href="/records.csv?region=' in page.text
    empty = client.get("/records", params={"year": "", "region": "", "indicator": "不存在的指标名"}, headers=HTML).text
    assert "没有符合条件的记录" in empty


def test_page_records_downloads(client: TestClient) -> None:
    response = client.get("/records.csv", params={"kind": "target", "region": "衡阳市"})
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    total = client.get("/api/records", params={"kind": "target", "region": "衡阳市"}).json()["total"]
    assert len(rows) == total and rows[0]["类型"] == "target"
    workbook = load_workbook(io.BytesIO(client.get("/records.xlsx", params={"kind": "target"}).content))
    sheet = workbook.active
    assert sheet.cell(1, 1).value == "编号"


def test_page_tracker(client: TestClient) -> None:
    page = client.get("/tracker/衡阳市", headers=HTML).text
    assert "目标追踪" in page and "地区生产总值" in page
    assert 'id="chart-data"' in page and "data-chart=" in page
    assert 'class="badge v-' in page
    assert client.get("/tracker/火星市", headers=HTML).status_code == 404
    index = client.get("/tracker", headers=HTML).text
    assert "/tracker/%E8%A1%A1%E9%98%B3%E5%B8%82" in index


def test_page_verdict_side_by_side(client: TestClient) -> None:
    verdicts = client.get("/api/verdicts", params={"region": "衡阳市", "per_page": 200}).json()["items"]
    judged = next(v for v in verdicts if v["outcome_quote"])
    page = client.get(f"/verdicts/{judged['id']}", headers=HTML).text
    assert "目标" in page and "完成情况" in page
    assert page.count("<blockquote>") == 2
    assert f'href="/documents/{judged["document_id"]}#r{judged["record_id"]}"' in page


def test_page_diff_and_search(client: TestClient) -> None:
    diff = client.get("/diff", params={"region": "衡阳市", "a": "2017", "b": "2021"}, headers=HTML).text
    assert "年度对比" in diff and "不再提出" in diff
    search = client.get("/search", params={"q": "脱贫"}, headers=HTML).text
    assert "<mark>脱贫</mark>" in search
    assert "没有找到" in client.get("/search", params={"q": "无此词语组合"}, headers=HTML).text


@pytest.mark.parametrize("path", ["/", "/documents", "/records", "/tracker", "/diff", "/search", "/upload"])
def test_page_navigation_and_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path, headers=HTML)
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert 'lang="zh-CN"' in response.text
    assert "http://" not in response.text.replace("http://127.0.0.1", "") and "https://" not in response.text
