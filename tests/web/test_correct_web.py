"""Correcting a document from the dashboard and the API: guarded by the write token like uploads."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _only_document(client: TestClient) -> dict:
    items = client.get("/api/documents").json()["items"]
    assert len(items) == 1
    return items[0]


def test_api_set_region_needs_the_token_and_derives_records_again(writer: TestClient) -> None:
    doc = _only_document(writer)
    assert writer.patch(f"/api/documents/{doc['document_id']}", data={"region": "全国"}).status_code == 401
    answer = writer.patch(f"/api/documents/{doc['document_id']}", data={"region": "全国"}, headers=AUTH)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["changes"] == {"region": [doc["region"], "全国"]} and body["document"]["region"] == "全国"
    records = writer.get("/api/records", params={"document_id": doc["document_id"]}).json()["items"]
    assert records and {r["region"] for r in records} == {"全国"}


def test_api_remove_needs_the_token(writer: TestClient) -> None:
    doc = _only_document(writer)
    refused = writer.delete(f"/api/documents/{doc['document_id']}", headers={"Authorization": "Bearer wrong"})
    assert refused.status_code == 401 and refused.json()["code"] == "E303"
    assert writer.delete(f"/api/documents/{doc['document_id']}", headers=AUTH).json()["removed"] is True
    assert writer.get("/api/documents").json()["items"] == []
    assert writer.get(f"/api/documents/{doc['document_id']}").status_code == 404


def test_api_writes_are_refused_when_uploads_are_off(client: TestClient) -> None:
    answer = client.delete("/api/documents/1", headers=AUTH)
    assert answer.status_code == 403 and answer.json()["code"] == "E303"


def test_document_page_form_corrects_and_removes(writer: TestClient) -> None:
    doc = _only_document(writer)
    page = writer.get(f"/documents/{doc['document_id']}")
    assert 'id="correct"' in page.text and "写入令牌" in page.text
    wrong = writer.post(f"/documents/{doc['document_id']}/correct", data={"token": "nope", "region": "全国"})
    assert wrong.status_code == 401
    moved = writer.post(f"/documents/{doc['document_id']}/correct",
                        data={"token": TOKEN, "action": "set", "region": "全国", "year": str(doc["report_year"])},
                        follow_redirects=False)
    assert moved.status_code == 303
    assert _only_document(writer)["region"] == "全国"
    gone = writer.post(f"/documents/{doc['document_id']}/correct", data={"token": TOKEN, "action": "remove"},
                       follow_redirects=False)
    assert gone.status_code == 303 and gone.headers["location"] == "/documents"
    assert writer.get("/api/documents").json()["items"] == []


def test_document_page_has_no_form_without_a_token(client: TestClient) -> None:
    first = client.get("/api/documents").json()["items"][0]
    assert 'id="correct"' not in client.get(f"/documents/{first['document_id']}").text
