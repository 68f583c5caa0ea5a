"""The JSON API over a store of the bundled samples (and the seeds where ../shared has them)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from mubiao.track import VERDICTS


def test_api_overview_counts(client: TestClient) -> None:
    data = client.get("/api/overview").json()
    counts = data["counts"]
    assert counts["documents"] >= 3
    assert counts["targets"] > 50 and counts["achievements"] > 50
    assert "衡阳市" in [r["region"] for r in data["regions"]]
    assert 1 <= len(data["latest"]) <= 10


def test_api_documents_paged_and_filtered(client: TestClient) -> None:
    page = client.get("/api/documents", params={"region": "衡阳", "year": 2021, "per_page": 1}).json()
    assert page["total"] >= 1 and len(page["items"]) == 1
    assert page["items"][0]["region"] == "衡阳市" and page["items"][0]["report_year"] == 2021


def test_api_document_detail(client: TestClient, web_store: tuple[str, dict[str, int]]) -> None:
    doc_id = web_store[1]["2021_衡阳市政府工作报告.txt"]
    data = client.get(f"/api/documents/{doc_id}").json()
    assert data["document"]["report_year"] == 2021
    assert data["sections"] and data["sections"][0]["level"] == 1
    assert len(data["records"]) == data["document"]["n_records"]
    assert data["links"]["digest_docx"] == f"/documents/{doc_id}/digest.docx"
    original = client.get(f"/api/documents/{doc_id}/text", params={"original": True}).json()["text"]
    for record in data["records"][:20]:
        assert original[record["start_char"]:record["end_char"]] == record["quote"]


def test_api_document_missing_is_404(client: TestClient) -> None:
    response = client.get("/api/documents/999999")
    assert response.status_code == 404
    assert response.json()["code"] == "E205"


def test_api_digest_and_tasks(client: TestClient, web_store: tuple[str, dict[str, int]]) -> None:
    doc_id = web_store[1]["2021_衡阳市政府工作报告.txt"]
    digest = client.get(f"/api/documents/{doc_id}/digest").json()
    assert "目标篇" in digest["title"] and digest["keywords"]
    tasks = client.get(f"/api/documents/{doc_id}/tasks").json()
    assert tasks["columns"][:3] == ["序号", "章节", "任务"]
    assert len(tasks["rows"]) == len(tasks["tasks"]) > 20


def test_api_records_filters_sort_pages(client: TestClient) -> None:
    params = {"region": "衡阳市", "kind": "target", "measure": "growth", "sort": "value", "desc": True, "per_page": 5}
    page = client.get("/api/records", params=params).json()
    values = [r["value"] for r in page["items"]]
    assert values == sorted(values, reverse=True) and len(values) == 5
    assert all(r["kind"] == "target" and r["measure"] == "growth" for r in page["items"])
    second = client.get("/api/records", params={**params, "page": 2}).json()
    assert {r["record_id"] for r in second["items"]}.isdisjoint(r["record_id"] for r in page["items"])
    found = client.get("/api/records", params={"indicator": "生产总值"}).json()
    assert found["total"] > 0 and all("生产总值" in (r["indicator"] + (r["canonical"] or "")) for r in found["items"])


def test_api_records_refuse_bad_parameters(client: TestClient) -> None:
    assert client.get("/api/records", params={"sort": "quote; DROP TABLE records"}).status_code == 422
    assert client.get("/api/records", params={"per_page": 100000}).status_code == 422
    assert client.get("/api/records", params={"kind": "nonsense"}).status_code == 422


def test_api_records_like_wildcards_are_literal(client: TestClient) -> None:
    assert client.get("/api/records", params={"indicator": "%"}).json()["total"] == 0
    assert client.get("/api/records", params={"indicator": "_"}).json()["total"] == 0


def test_api_record_one(client: TestClient) -> None:
    first = client.get("/api/records", params={"per_page": 1}).json()["items"][0]
    assert client.get(f"/api/records/{first['record_id']}").json() == first
    assert client.get("/api/records/99999999").status_code == 404


def test_api_verdict_summary_adds_up(client: TestClient) -> None:
    summary = client.get("/api/verdicts/summary").json()
    assert list(summary["total"]) == list(VERDICTS)
    targets = client.get("/api/overview").json()["counts"]["targets"]
    assert sum(summary["total"].values()) == targets
    one = client.get("/api/verdicts/summary", params={"region": "衡阳"}).json()
    assert one["total"] == summary["regions"]["衡阳市"]


def test_api_verdicts_list_and_one(client: TestClient) -> None:
    page = client.get("/api/verdicts", params={"region": "衡阳市", "per_page": 200}).json()
    assert page["total"] == sum(client.get("/api/verdicts/summary", params={"region": "衡阳市"}).json()["total"].values())
    verdict = page["items"][0]
    one = client.get(f"/api/verdicts/{verdict['id']}").json()
    assert one == verdict
    record = client.get(f"/api/records/{verdict['record_id']}").json()
    assert record["kind"] == "target" and record["quote"] == verdict["target_quote"]
    judged = [v for v in page["items"] if v["outcome_quote"]]
    assert judged, "some target of the samples has an outcome"
    for v in judged:
        if v["outcome_record_id"] is not None:
            outcome = client.get(f"/api/records/{v['outcome_record_id']}").json()
            assert outcome["quote"] == v["outcome_quote"] and outcome["kind"] == "achievement"


def test_api_verdict_of_achievement_is_404(client: TestClient) -> None:
    achievement = client.get("/api/records", params={"kind": "achievement", "per_page": 1}).json()["items"][0]
    assert client.get(f"/api/verdicts/{achievement['record_id']}").status_code == 404


def test_api_indicators_and_series(client: TestClient) -> None:
    indicators = client.get("/api/regions/衡阳市/indicators").json()
    names = [i["canonical"] for i in indicators]
    assert "地区生产总值" in names
    series = client.get("/api/regions/衡阳市/series", params={"canonical": "地区生产总值"}).json()
    assert series["targets"] and series["outcomes"]
    assert all(p["verdict"] in VERDICTS for p in series["targets"])
    years = [p["year"] for p in series["targets"]]
    assert years == sorted(years)
    assert client.get("/api/regions/火星市/indicators").status_code == 404


def test_api_diff(client: TestClient) -> None:
    changes = client.get("/api/diff", params={"region": "衡阳市", "a": 2017, "b": 2021}).json()
    assert changes and {c["change"] for c in changes} <= {"raised", "lowered", "unchanged", "new", "dropped"}
    missing = client.get("/api/diff", params={"region": "衡阳市", "a": 1990, "b": 2021})
    assert missing.status_code == 400 and missing.json()["code"] == "E402"


def test_api_search_escaped_highlights(client: TestClient) -> None:
    data = client.get("/api/search", params={"q": "污染防治"}).json()
    assert data["hits"]
    assert all("<mark>污染防治</mark>" in h["highlighted"] for h in data["hits"])
    hostile = client.get("/api/search", params={"q": "alert"}).json()
    assert hostile["hits"], "the hostile report is searchable"
    for hit in hostile["hits"]:
        assert "<script" not in hit["highlighted"] and "<img" not in hit["highlighted"]


def test_api_search_pages(client: TestClient) -> None:
    first = client.get("/api/search", params={"q": "发展", "per_page": 5}).json()
    second = client.get("/api/search", params={"q": "发展", "per_page": 5, "page": 2}).json()
    assert first["more"] and len(first["hits"]) == 5
    assert {h["passage_id"] for h in first["hits"]}.isdisjoint(h["passage_id"] for h in second["hits"])


def test_openapi_describes_every_api_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    for route in ("/api/overview", "/api/regions", "/api/documents", "/api/documents/{doc_id}",
                  "/api/documents/{doc_id}/text", "/api/documents/{doc_id}/digest", "/api/documents/{doc_id}/tasks",
                  "/api/records", "/api/records/{record_id}", "/api/verdicts", "/api/verdicts/summary",
                  "/api/verdicts/{record_id}", "/api/regions/{region}/indicators", "/api/regions/{region}/series",
                  "/api/diff", "/api/search"):
        assert route in paths, route
        assert "200" in spec["paths"][route]["get"]["responses"]
    assert "post" in spec["paths"]["/api/documents"]
    assert not any(p.startswith(("/documents", "/records", "/tracker")) for p in paths), "pages stay out of the API spec"
    assert "RecordOut" in spec["components"]["schemas"]


def test_docs_are_served_locally(client: TestClient) -> None:
    page = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    assert client.get("/static/vendor/echarts/echarts.min.js").status_code == 200


def test_api_diff_same_as_service(client: TestClient, web_store: tuple[str, dict[str, int]]) -> None:
    from mubiao.store import Store
    from mubiao.track import service

    with Store(web_store[0]) as store:
        expected = [c.to_dict() for c in service.diff(store, "衡阳市", 2017, 2021)]
    assert client.get("/api/diff", params={"region": "衡阳市", "a": 2017, "b": 2021}).json() == expected


def test_api_records_by_canonical(client: TestClient) -> None:
    page = client.get("/api/records", params={"canonical": "地区生产总值", "per_page": 200}).json()
    assert page["total"] > 0 and all(r["canonical"] == "地区生产总值" for r in page["items"])


def test_api_on_postgresql(pg_url: str) -> None:
    """The same API over a PostgreSQL store (skips without MUBIAO_TEST_PG)."""
    from mubiao.samples import SAMPLES, sample_paths
    from mubiao.store import Store
    from mubiao.web import create_app

    with Store(pg_url) as store:
        for path in sample_paths():
            store.ingest(path, region=SAMPLES[path.name][0], year=SAMPLES[path.name][1])
    with TestClient(create_app(pg_url)) as c:
        counts = c.get("/api/overview").json()["counts"]
        assert counts["documents"] == 2
        page = c.get("/api/records", params={"indicator": "生产总值", "sort": "value", "desc": True}).json()
        assert page["total"] > 0
        assert c.get("/api/records", params={"indicator": "%"}).json()["total"] == 0
        assert sum(c.get("/api/verdicts/summary").json()["total"].values()) == counts["targets"]
        assert c.get("/api/diff", params={"region": "衡阳市", "a": 2017, "b": 2021}).json()
        assert c.get("/api/search", params={"q": "脱贫"}).json()["hits"]
        doc = c.get("/api/documents").json()["items"][0]["document_id"]
        assert "<mark" in c.get(f"/documents/{doc}", headers={"accept": "text/html"}).text
        assert c.get("/tracker/衡阳市", headers={"accept": "text/html"}).status_code == 200
        for verdict in ("pending", "no data"):  # records by verdict: region and year written for no index
            page = c.get("/records", params={"region": "衡阳市", "year": 2021, "verdict": verdict}, headers={"accept": "text/html"})
            assert page.status_code == 200
