"""Where a document came from (--source, the upload form's 来源): stored, shown on every page that
quotes the document, in the API, and escaped like any user text."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from mubiao.samples import sample_paths
from mubiao.store import Store
from mubiao.web import create_app
from tests.web.conftest import TOKEN

SOURCE = "衡阳市人民政府门户网站 https://example.gov.cn/<b>2021</b>"


def test_source_is_stored_and_shown_where_the_document_is_quoted(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    with Store(url) as store:
        store.ingest(sample_paths(), region="衡阳市", provenance=SOURCE)
        frame = store.documents()
        assert set(frame["provenance"]) == {SOURCE}
        doc = int(frame["document_id"].iloc[-1])
        target = int(store.records(kind="target", doc=doc)["record_id"].iloc[0])
    with TestClient(create_app(url)) as client:
        assert client.get(f"/api/documents/{doc}").json()["document"]["source"] == SOURCE
        assert {d["source"] for d in client.get("/api/documents").json()["items"]} == {SOURCE}
        escaped = "衡阳市人民政府门户网站 https://example.gov.cn/&lt;b&gt;2021&lt;/b&gt;"
        for page in (f"/documents/{doc}", f"/documents/{doc}/digest", f"/documents/{doc}/tasks", f"/verdicts/{target}",
                     "/tracker/衡阳市", "/search?q=地区生产总值", "/documents"):
            html = client.get(page).text
            assert escaped in html and "<b>2021</b>" not in html, page
        assert {h["source"] for h in client.get("/api/search", params={"q": "地区生产总值"}).json()["hits"]} == {SOURCE}
    with Store(url) as store:  # the CLI's hits and document exports carry it too
        assert {h.source for h in store.search("地区生产总值")} == {SOURCE}


def test_upload_form_takes_a_source(fresh_store: str) -> None:
    report = sample_paths()[-1]
    with TestClient(create_app(fresh_store, token=TOKEN, max_upload=1024 * 1024)) as client:
        answer = client.post("/upload", data={"token": TOKEN, "region": "衡阳市", "source": "衡阳日报"},
                             files={"file": ("report_copy.txt", report.read_bytes().replace("。".encode(), "。\n".encode(), 1))})
        assert answer.status_code in (200, 201), answer.text[:300]
        sources = {d["source"] for d in client.get("/api/documents").json()["items"]}
        assert "衡阳日报" in sources
