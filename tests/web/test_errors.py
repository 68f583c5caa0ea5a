"""Every error answer is a 4xx with its E-code: ids out of range, malformed or too long parameters, unknown pages."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

HUGE = "9" * 20  # past any 64-bit id: the database would overflow on it

#: (url, status) — a request no route can serve, and the answer it gets.
BAD_REQUESTS = [
    (f"/api/records/{HUGE}", 422),
    (f"/api/documents/{HUGE}", 422),
    (f"/api/documents/{HUGE}/text", 422),
    (f"/api/verdicts/{HUGE}", 422),
    (f"/api/records?document_id={HUGE}", 422),
    (f"/documents/{HUGE}", 422),
    (f"/documents/{HUGE}/digest", 422),
    (f"/documents/{HUGE}/tasks", 422),
    (f"/verdicts/{HUGE}", 422),
    ("/api/records/0", 422),
    ("/api/records/987654321", 404),
    ("/api/documents/987654321", 404),
    ("/documents/987654321", 404),
    ("/api/search?q=" + "经" * 201, 422),
    ("/no/such/page", 404),
]


@pytest.mark.parametrize("url, status", BAD_REQUESTS, ids=[u[:40] for u, _ in BAD_REQUESTS])
def test_bad_request_gets_its_status_and_an_error_code(client: TestClient, url: str, status: int) -> None:
    answer = client.get(url, headers={"accept": "application/json"})
    assert answer.status_code == status, answer.text[:200]
    body = answer.json()
    assert re.fullmatch(r"E\d{3}", body["code"] or ""), body
    if status == 422:
        assert body["code"] == "E302", body


def test_error_page_shows_the_code(client: TestClient) -> None:
    answer = client.get(f"/documents/{HUGE}", headers={"accept": "text/html"})
    assert answer.status_code == 422 and "E302" in answer.text
