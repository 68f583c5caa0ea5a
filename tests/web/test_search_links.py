"""Search hits lead to their records (the marked number in its document) and to the targets' verdicts:
on the API and on the search page."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

HTML = {"accept": "text/html"}


def _hit_with_targets(client: TestClient) -> dict:
    client.get("/api/verdicts/summary")  # the verdicts computed, as a running server does at start
    hits = client.get("/api/search", params={"q": "GDP", "per_page": 50}).json()["hits"]
    return next(h for h in hits if any(r["kind"] == "target" for r in h["records"]))


def test_api_hit_records_link_to_the_text_and_the_verdict(client: TestClient) -> None:
    hit = _hit_with_targets(client)
    target = next(r for r in hit["records"] if r["kind"] == "target")
    assert target["url"] == f"/documents/{hit['document_id']}#r{target['record_id']}"
    assert target["verdict_url"] == f"/verdicts/{target['record_id']}" and target["verdict"]
    document = client.get(target["url"].split("#")[0], headers=HTML).text
    assert f'id="r{target["record_id"]}"' in document, "the anchor the link names is on the page"
    assert client.get(target["verdict_url"], headers=HTML).status_code == 200
    assert target["number_text"] in hit["snippet"] or target["number_text"] in client.get(
        f"/api/records/{target['record_id']}").json()["quote"]


def test_api_outcome_hit_names_the_targets_it_judged(client: TestClient) -> None:
    client.get("/api/verdicts/summary")
    hits = client.get("/api/search", params={"q": "地区生产总值", "per_page": 50}).json()["hits"]
    judged = [t for h in hits for r in h["records"] if r["kind"] == "achievement" for t in r["judged"]]
    assert judged, "an outcome in the hits judged some target"
    assert all(t["verdict_url"] == f"/verdicts/{t['record_id']}" for t in judged)


def test_search_page_links_hits_to_records_and_verdicts(client: TestClient) -> None:
    hit = _hit_with_targets(client)
    page = client.get("/search", params={"q": "GDP"}, headers=HTML).text
    assert re.search(rf'class="record-link" href="/documents/{hit["document_id"]}#r\d+"', page)
    assert re.search(r'href="/verdicts/\d+"', page)
