"""Uploads: off without a token, 401/403 without the right one, size limit, bad files leave the store as it was."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from mubiao.samples import sample_paths
from mubiao.store import Store
from mubiao.web import create_app
from tests.web.conftest import TOKEN

REPORT = "2022年衡阳市政府工作报告\n一、2021年工作回顾\n全年地区生产总值增长8.2%。\n二、2022年工作安排\n地区生产总值增长7%左右。\n"


def _counts(client: TestClient) -> tuple[int, int]:
    counts = client.get("/api/overview").json()["counts"]
    return counts["documents"], counts["targets"] + counts["achievements"]


def _post(client: TestClient, name: str, content: bytes, token: str | None = TOKEN, **form: str) -> object:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post("/api/documents", files={"file": (name, content)}, data=form, headers=headers)


def test_upload_off_without_configured_token(fresh_store: str) -> None:
    with TestClient(create_app(fresh_store)) as c:
        before = _counts(c)
        response = _post(c, "r.txt", REPORT.encode(), region="衡阳市", year="2022")
        assert response.status_code == 403
        assert "未开启" in response.json()["detail"]
        assert "上传功能未开启" in c.get("/upload", headers={"accept": "text/html"}).text
        assert _counts(c) == before


def test_upload_refused_without_or_with_wrong_token(writer: TestClient) -> None:
    before = _counts(writer)
    missing = _post(writer, "r.txt", REPORT.encode(), token=None, region="衡阳市", year="2022")
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    wrong = _post(writer, "r.txt", REPORT.encode(), token="guess", region="衡阳市", year="2022")
    assert wrong.status_code == 401
    form = writer.post("/upload", files={"file": ("r.txt", REPORT.encode())}, data={"token": "guess"},
                       headers={"accept": "text/html"})
    assert form.status_code == 401 and "令牌" in form.text
    assert _counts(writer) == before


def test_upload_with_token_stores_the_document(writer: TestClient) -> None:
    before = _counts(writer)
    response = _post(writer, "2022报告.txt", REPORT.encode(), region="衡阳市", year="2022", kind="report")
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "ingested" and body["records"] >= 2
    assert _counts(writer)[0] == before[0] + 1
    doc = writer.get(f"/api/documents/{body['document_id']}").json()["document"]
    assert doc["region"] == "衡阳市" and doc["report_year"] == 2022 and doc["name"] == "2022报告.txt"
    again = _post(writer, "2022报告.txt", REPORT.encode(), region="衡阳市", year="2022", kind="report")
    assert again.json()["status"] == "unchanged" and _counts(writer)[0] == before[0] + 1
    summary = writer.get("/api/verdicts/summary", params={"region": "衡阳市"}).json()
    assert sum(summary["total"].values()) == writer.get("/api/overview").json()["counts"]["targets"]


def test_upload_form_with_token(writer: TestClient) -> None:
    with open(sample_paths()[1], "rb") as handle:
        content = handle.read()
    response = writer.post(
        "/upload", files={"file": ("2021_衡阳市政府工作报告.txt", content)},
        data={"token": TOKEN, "region": "衡阳市", "year": "2021", "kind": "report"}, headers={"accept": "text/html"},
    )
    assert response.status_code == 201, response.text
    assert "已添加" in response.text and "打开文件" in response.text


@pytest.mark.parametrize(
    ("name", "content", "status", "message"),
    [
        ("virus.exe", b"MZ\x90\x00binary", 415, "不支持的文件类型"),
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf", 422, "无法读取该文件"),
        ("broken.docx", b"PK\x03\x04 not a zip at all", 422, "无法读取该文件"),
        ("binary.txt", bytes(range(256)) * 40, 422, "无法读取该文件"),
        ("empty.txt", b"", 422, "空"),
    ],
)
def test_upload_bad_file_leaves_store_untouched(writer: TestClient, fresh_store: str, name: str, content: bytes,
                                                status: int, message: str) -> None:
    before = _counts(writer)
    with Store(fresh_store) as store:
        docs_before = store.documents()["content_hash"].tolist()
        records_before = len(store.records())
    response = _post(writer, name, content, region="衡阳市", year="2022")
    assert response.status_code == status, response.text
    assert message in response.json()["detail"]
    assert _counts(writer) == before
    with Store(fresh_store) as store:
        assert store.documents()["content_hash"].tolist() == docs_before
        assert len(store.records()) == records_before


def test_upload_too_large(writer: TestClient) -> None:
    before = _counts(writer)
    big = ("地区生产总值增长7%左右。\n" * 200_000).encode()  # > 1 MB (the writer's limit)
    response = _post(writer, "big.txt", big, region="衡阳市", year="2022")
    assert response.status_code == 413 and "太大" in response.json()["detail"]
    assert _counts(writer) == before


def test_upload_bad_fields(writer: TestClient) -> None:
    assert _post(writer, "r.txt", REPORT.encode(), year="3000").status_code == 422
    assert _post(writer, "r.txt", REPORT.encode(), kind="novel").status_code == 422


def test_upload_file_name_is_sanitised(writer: TestClient) -> None:
    response = _post(writer, "../../etc/2022<b>报告.txt", REPORT.encode(), region="衡阳市", year="2022")
    assert response.status_code == 201
    assert response.json()["name"] == "2022_b_报告.txt"
