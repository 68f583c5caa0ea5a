"""Document text is always escaped; query parameters never reach SQL as text; the server binds to loopback."""

from __future__ import annotations

import inspect

import pytest
from fastapi.testclient import TestClient

from mubiao.store import Store

HTML = {"accept": "text/html"}
RAW = ("<script>window", "<img src=x", "onerror=\"window")
ESCAPED = ("&lt;script&gt;window", "&lt;img src=x onerror=")


def test_hostile_document_page_shows_tags_as_text(client: TestClient, web_store: tuple[str, dict[str, int]]) -> None:
    doc_id = web_store[1]["hostile"]
    for view in ("clean", "original"):
        page = client.get(f"/documents/{doc_id}", params={"view": view}, headers=HTML).text
        for raw in RAW:
            assert raw not in page, (view, raw)
        for escaped in ESCAPED:
            assert escaped in page, (view, escaped)
        assert page.count("<script") == 3, "only the page's own scripts (records JSON, links.js, document.js)"


def test_hostile_record_data_is_json_escaped(client: TestClient, web_store: tuple[str, dict[str, int]]) -> None:
    page = client.get(f"/documents/{web_store[1]['hostile']}", headers=HTML).text
    data = page.split('id="records-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and "\\u003c" in data, "the records' JSON cannot close its script element"


@pytest.mark.parametrize("path", ["/records?region=株洲市", "/search?q=alert", "/tracker/株洲市", "/diff?region=株洲市"])
def test_hostile_text_escaped_on_other_pages(client: TestClient, path: str) -> None:
    page = client.get(path, headers=HTML).text
    for raw in RAW:
        assert raw not in page, (path, raw)


def test_hostile_digest_and_tasks_escaped(client: TestClient, web_store: tuple[str, dict[str, int]]) -> None:
    doc_id = web_store[1]["hostile"]
    for path in (f"/documents/{doc_id}/digest", f"/documents/{doc_id}/tasks", f"/documents/{doc_id}/digest.html"):
        page = client.get(path, headers=HTML).text
        for raw in RAW:
            assert raw not in page, (path, raw)


def test_hostile_verdict_page_escaped(client: TestClient) -> None:
    for verdict in client.get("/api/verdicts", params={"region": "株洲市"}).json()["items"]:
        page = client.get(f"/verdicts/{verdict['id']}", headers=HTML).text
        for raw in RAW:
            assert raw not in page


def test_query_strings_are_not_sql(client: TestClient, web_store: tuple[str, dict[str, int]]) -> None:
    before = client.get("/api/overview").json()["counts"]
    attacks = ["x' OR '1'='1", "1; DROP TABLE records; --", "\" OR 1=1 --", "%' --", "衡阳市' UNION SELECT * FROM documents --"]
    for attack in attacks:
        assert client.get("/api/records", params={"indicator": attack}).json()["total"] == 0
        assert client.get("/records", params={"indicator": attack}, headers=HTML).status_code == 200
        assert client.get("/api/records", params={"region": attack}).status_code == 404
        assert client.get("/api/search", params={"q": attack}).status_code == 200
        assert client.get("/search", params={"q": attack}, headers=HTML).status_code == 200
        assert client.get(f"/tracker/{attack}", headers=HTML).status_code == 404
    assert client.get("/api/overview").json()["counts"] == before
    with Store(web_store[0]) as store:
        assert len(store.documents()) == before["documents"]


def test_web_modules_format_no_sql() -> None:
    import mubiao.web.routes_api as api
    import mubiao.web.routes_pages as pages
    from mubiao.web import data

    for module in (data, api, pages):
        source = inspect.getsource(module)
        assert "text(" not in source.replace("textContent(", "").replace("store.text(", "").replace("_text(", ""), module
        assert "exec_driver_sql" not in source and "f\"SELECT" not in source and "f'SELECT" not in source


def test_serve_binds_to_loopback_by_default() -> None:
    from mubiao.cli import web

    assert web.DEFAULT_HOST == "127.0.0.1"
    assert inspect.signature(web.serve).parameters["host"].default == "127.0.0.1"
