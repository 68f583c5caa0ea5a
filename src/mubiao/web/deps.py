"""Helpers shared by the page and API routes: the app's state, regions, verdicts with their links."""

from __future__ import annotations

import html
from typing import Annotated, Any

from fastapi import HTTPException, Path, Request, UploadFile

from mubiao.store.schema import RECORD_KINDS
from mubiao.store.search import Hit
from mubiao.web import data, tracking
from mubiao.web.cache import StoreCache
from mubiao.web.state import WebState
from mubiao.web.upload import UploadRefused, too_large

#: The largest id a store can hold (a signed 64-bit integer in SQLite and PostgreSQL alike).
MAX_ID = 2**63 - 1
#: A document's or record's id in a route: out of range is a clear 422, never a database error.
StoredId = Annotated[int, Path(ge=1, le=MAX_ID, description="The stored id (1 or more).")]


def state(request: Request) -> WebState:
    return request.app.state.web  # type: ignore[no-any-return]


def region_names(st: WebState) -> list[str]:
    return [r["region"] for r in st.cache.get(("regions",), lambda: data.regions_summary(st.store.engine))]


def resolve_region(st: WebState, region: str) -> str:
    """The stored name of a region, through the resolver every command uses (湖南 → 湖南省);
    404 for a name that is no region (with suggestions) or a region without documents."""
    from mubiao.errors import UnknownRegion
    from mubiao.lang.regions import resolve

    names = region_names(st)
    try:
        name = resolve(region, known=names)
    except UnknownRegion as err:
        close = f"（是否指：{'、'.join(err.suggestions)}）" if err.suggestions else ""
        raise HTTPException(404, f"没有地区“{region.strip()}”{close}。") from None
    if name in names:
        return name
    raise HTTPException(404, f"没有地区“{region.strip()}”的文件。")


def by_stored_names(st: WebState, f: data.RecordFilter) -> data.RecordFilter:
    """`f` with its indicator filter matched against the stored names, kept in the cache (`data.matching_names`)."""
    if not f.indicator:
        return f
    return data.matching_names(f, stored_names(st.cache))


def stored_names(cache: StoreCache) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The distinct indicator and canonical names of the store, read once per change of the store."""
    return cache.get(("stored-names",), lambda: data.stored_names(cache.store.engine))


def records_total(st: WebState, f: data.RecordFilter) -> tuple[int, bool]:
    """The number of records matching `f`: from the cached counts when only the kind is given, else counted once."""
    given = f.query_items()
    if not given or (set(given) == {"kind"} and f.kind in RECORD_KINDS):
        counts = st.cache.get(("counts",), lambda: data.counts(st.store.engine))
        n = counts["targets"] + counts["achievements"] if not given else counts[f"{f.kind}s"]
        return n, False
    return st.cache.get(("count", f), lambda: data.records_count(st.store.engine, f))


def verdict_dict(st: WebState, tracked: tracking.Tracked) -> dict[str, Any]:
    """A verdict as the API gives it, with the outcome's record and document when it is a stored one."""
    out = tracked.to_dict()
    link = tracking.region_track(st.cache, tracked.verdict.region).links()[0].get(tracked.record_id, {}) \
        if tracked.verdict.region else {}
    out["outcome_record_id"] = link.get("outcome_record_id")
    out["outcome_document_id"] = link.get("outcome_document_id")
    return out


def hit_records(st: WebState, hit: Hit) -> list[dict[str, Any]]:
    """The records of a hit's passage with their links: the marked number in its document
    (`url`), a target's verdict (`verdict_url`, and `verdict` when its region's verdicts are
    computed already: a search never waits for them) and the targets an outcome judged."""
    track = st.cache.peek(("track", hit.region)) if hit.region else None
    forward, back = track.links() if track else ({}, {})
    out = []
    for r in hit.records:
        item: dict[str, Any] = {
            "record_id": r.record_id, "kind": r.kind, "indicator": r.indicator, "canonical": r.canonical,
            "number_text": r.number_text, "url": f"/documents/{hit.document_id}#r{r.record_id}",
            "verdict": None, "verdict_url": None, "judged": [],
        }
        if r.kind == "target" and hit.region:
            item["verdict_url"] = f"/verdicts/{r.record_id}"
            item["verdict"] = forward.get(r.record_id, {}).get("verdict")
        elif r.kind == "achievement":
            item["judged"] = [{"record_id": t["record_id"], "verdict": t["verdict"], "verdict_url": f"/verdicts/{t['record_id']}"}
                              for t in back.get(r.record_id, [])]
        out.append(item)
    return out


def hit_dict(st: WebState, hit: Hit) -> dict[str, Any]:
    """A search hit for the API: `highlighted` is escaped HTML with <mark> around the matches;
    `records` are the records of the passage with their links (`hit_records`)."""
    out = hit.to_dict()
    out["records"] = hit_records(st, hit)
    out["highlighted"] = "".join(
        f"<mark>{html.escape(text)}</mark>" if marked else html.escape(text) for text, marked in snippet_pieces(hit)
    )
    return out


def snippet_pieces(hit: Hit) -> list[tuple[str, bool]]:
    """The snippet as (text, is a match) pieces, for templates to escape."""
    pieces, pos = [], 0
    for a, b in hit.marks:
        if a > pos:
            pieces.append((hit.snippet[pos:a], False))
        pieces.append((hit.snippet[a:b], True))
        pos = b
    if pos < len(hit.snippet):
        pieces.append((hit.snippet[pos:], False))
    return pieces


def target_verdict(st: WebState, record_id: int) -> tuple[dict[str, Any], Any]:
    """The target record `record_id` and its verdict, or a 404 that says why there is none."""
    found = data.record(st.store.engine, record_id)
    if found is None:
        raise HTTPException(404, f"没有编号为 {record_id} 的记录。")
    if found["kind"] != "target":
        raise HTTPException(404, f"记录 {record_id} 是完成情况，不是目标：只有目标有判定。")
    tracked = tracking.find_verdict(st.cache, record_id, found["region"])
    if tracked is None:
        raise HTTPException(404, f"目标 {record_id} 没有判定（它的文件没有地区）。")
    return found, tracked


async def read_limited(file: UploadFile, limit: int) -> bytes:
    """The upload's bytes; UploadRefused(413) as soon as it passes `limit`."""
    chunks, size = [], 0
    while chunk := await file.read(1024 * 1024):
        size += len(chunk)
        if size > limit:
            raise too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)
