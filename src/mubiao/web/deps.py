"""Helpers shared by the page and API routes: the app's state, regions, verdicts with their links."""

from __future__ import annotations

import html
from typing import Any

from fastapi import HTTPException, Request

from mubiao.store.search import Hit
from mubiao.web import data, tracking
from mubiao.web.app import WebState


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


def records_total(st: WebState, f: data.RecordFilter) -> tuple[int, bool]:
    """The number of records matching `f`: from the cached counts when only the kind is given, else counted once."""
    given = f.query_items()
    if not given or (set(given) == {"kind"} and f.kind in ("target", "achievement")):
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


def hit_dict(hit: Hit) -> dict[str, Any]:
    """A search hit for the API: `highlighted` is escaped HTML with <mark> around the matches."""
    out = hit.to_dict()
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
