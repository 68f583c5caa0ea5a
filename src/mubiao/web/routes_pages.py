"""The dashboard's HTML pages (Chinese first), server-rendered from templates/.

Form fields come as strings (an empty select is ""), so pages parse their
query parameters themselves (`_int`) and hand the store typed values only.
"""

from __future__ import annotations

import io
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mubiao.export import get_format, to_bytes
from mubiao.store.query import RECORD_COLUMNS
from mubiao.store.schema import RECORD_KINDS
from mubiao.track import VERDICTS
from mubiao.web import charts, data, documents, tracking, verdicts
from mubiao.web.state import WebState
from mubiao.web.deps import (
    by_stored_names,
    read_limited,
    records_total,
    region_names,
    resolve_region,
    StoredId,
    hit_records,
    snippet_pieces,
    state,
    target_verdict,
    verdict_dict,
)
from mubiao.web.labels import RECORD_HEADINGS
from mubiao.web.state import WebState
from mubiao.web.upload import UploadRefused, check_token, ingest_bytes

router = APIRouter(include_in_schema=False)
#: Indicators (charts) per tracker page, and targets listed under each.
CHARTS_PER_PAGE = 12
TARGETS_PER_CHART = 12
SEARCH_PER_PAGE = 20
#: Rows of a document's record table and of its task table per page.
TABLE_ROWS = 50
#: Latest targets and outcomes drawn in each chart at most.
POINTS_PER_CHART = 200
DOWNLOAD_COLUMNS = ("record_id", "region", "report_year", "doc", "kind", "indicator", "canonical", "value",
                    "value_max", "unit", "comparator", "measure", "year", "quote")


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    st = state(request)
    context.setdefault("nav", name.split(".")[0])
    context.setdefault("uploads_on", bool(st.token))
    context.setdefault("as_of", st.cache.get(("as-of",), lambda: data.as_of(st.store.engine)))
    return st.templates.TemplateResponse(request, name, context, status_code=status)


def _int(value: str | None, name: str = "year") -> int | None:
    if value is None or not value.strip():
        return None
    try:
        return int(value)
    except ValueError:
        raise HTTPException(422, f"参数 {name} 须为整数。") from None


def _link(path: str, params: dict[str, Any]) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "", False)}
    return path + ("?" + urlencode(kept) if kept else "")


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    st = state(request)
    engine = st.store.engine
    counts = st.cache.get(("counts",), lambda: data.counts(engine))
    regions = st.cache.get(("regions",), lambda: data.regions_summary(engine))
    latest = data.documents_page(engine, per_page=8, newest_first=True).rows
    summary = st.cache.peek(("summary",))
    return _page(request, "overview.html", {
        "counts": counts, "regions": regions, "latest": latest, "summary": summary, "verdict_names": VERDICTS,
    })


@router.get("/documents", response_class=HTMLResponse)
def document_list(
    request: Request, region: str | None = None, year: str | None = None, kind: str | None = None, page: int = 1
) -> HTMLResponse:
    st = state(request)
    name = resolve_region(st, region) if region else None
    found = data.documents_page(st.store.engine, region=name, year=_int(year), kind=kind or None, page=page, per_page=50)
    params = {"region": name, "year": year, "kind": kind}
    return _page(request, "documents.html", {
        "found": found, "params": params, "regions": region_names(st),
        "prev": _link("/documents", {**params, "page": page - 1}) if page > 1 else None,
        "next": _link("/documents", {**params, "page": page + 1}) if page < found.pages else None,
    })


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: StoredId, view: str = "clean",
                  page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> HTMLResponse:
    st = state(request)
    doc = documents.prepared(st.cache, doc_id)
    original = view == "original"
    paragraphs, outline = documents.marked_text(st.cache, doc_id, original=original)
    by_id = {r["record_id"]: r for r in doc.records}
    n_kind = {k: sum(1 for r in doc.records if r["kind"] == k) for k in RECORD_KINDS}
    anchored = {rid for p in paragraphs for seg in p.segments for rid in seg.starts}
    links: dict[str, Any] = {}
    if doc.info.region:
        forward, back = tracking.region_track(st.cache, doc.info.region).links()
        for r in doc.records:
            rid = r["record_id"]
            if rid in forward:
                links[str(rid)] = forward[rid]
            elif rid in back:
                links[str(rid)] = {"judged": back[rid]}
    pages = max(1, -(-len(doc.records) // TABLE_ROWS))
    params = {"view": "original" if original else None}
    return _page(request, "document.html", {
        "info": doc.info, "paragraphs": paragraphs, "outline": outline, "records": doc.records, "by_id": by_id,
        "n_kind": n_kind, "original": original, "tab": "text", "links": links,
        "unanchored": [r["record_id"] for r in doc.records if r["record_id"] not in anchored],
        "rows": doc.records[(page - 1) * TABLE_ROWS: page * TABLE_ROWS], "page": page, "pages": pages,
        "page_link": lambda n: _link(f"/documents/{doc_id}", {**params, "page": n if n > 1 else None}) + "#records",
    })


@router.get("/documents/{doc_id}/digest", response_class=HTMLResponse)
def digest_page(request: Request, doc_id: StoredId) -> HTMLResponse:
    st = state(request)
    info = documents.prepared(st.cache, doc_id).info
    view = documents.digest_view(documents.digest(st.cache, doc_id))
    return _page(request, "digest.html", {"info": info, "digest": view, "tab": "digest", "nav": "documents"})


@router.get("/documents/{doc_id}/tasks", response_class=HTMLResponse)
def tasks_page(request: Request, doc_id: StoredId, page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> HTMLResponse:
    st = state(request)
    info = documents.prepared(st.cache, doc_id).info
    view = documents.tasks_view(documents.tasks(st.cache, doc_id))
    pages = max(1, -(-len(view["rows"]) // TABLE_ROWS))
    return _page(request, "tasks.html", {
        "info": info, "table": view, "tab": "tasks", "nav": "documents", "page": page, "pages": pages,
        "rows": view["rows"][(page - 1) * TABLE_ROWS: page * TABLE_ROWS], "first": (page - 1) * TABLE_ROWS,
        "page_link": lambda n: _link(f"/documents/{doc_id}/tasks", {"page": n if n > 1 else None}),
    })


@router.get("/documents/{doc_id}/digest.{fmt}")
def digest_download(request: Request, doc_id: StoredId, fmt: str) -> Response:
    if fmt not in documents.DIGEST_TYPES:
        raise HTTPException(404, f"目标篇可下载为 {', '.join(documents.DIGEST_TYPES)}。")
    st = state(request)
    info = documents.prepared(st.cache, doc_id).info
    body = documents.digest_file(documents.digest(st.cache, doc_id), fmt)
    return _download(body, documents.DIGEST_TYPES[fmt], documents.download_name(info, "目标篇", fmt))


@router.get("/documents/{doc_id}/tasks.{fmt}")
def tasks_download(request: Request, doc_id: StoredId, fmt: str) -> Response:
    if fmt not in documents.TASK_TYPES:
        raise HTTPException(404, f"任务分解表可下载为 {', '.join(documents.TASK_TYPES)}。")
    st = state(request)
    info = documents.prepared(st.cache, doc_id).info
    body = documents.tasks_file(documents.tasks(st.cache, doc_id), fmt)
    return _download(body, documents.TASK_TYPES[fmt], documents.download_name(info, "任务分解表", fmt))


def _records_filter(st: WebState, region: str | None, year: str | None, kind: str | None, indicator: str | None,
                    measure: str | None, record_year: str | None, canonical: str | None = None) -> data.RecordFilter:
    try:
        return by_stored_names(st, data.RecordFilter(
            resolve_region(st, region) if region else None, _int(year), kind or None,
            (indicator or "").strip()[:100] or None, measure or None, _int(record_year, "record_year"),
            canonical=(canonical or "").strip()[:100] or None,
        ))
    except ValueError as err:
        raise HTTPException(422, str(err)) from None


@router.get("/records", response_class=HTMLResponse)
def records_page(
    request: Request,
    region: str | None = None,
    year: str | None = None,
    kind: str | None = None,
    indicator: str | None = None,
    measure: str | None = None,
    record_year: str | None = None,
    canonical: str | None = None,
    verdict: str | None = None,
    sort: str = "record_id",
    desc: bool = False,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=data.MAX_PER_PAGE)] = 50,
) -> HTMLResponse:
    st = state(request)
    f = _records_filter(st, region, year, kind, indicator, measure, record_year, canonical)
    if verdict:
        f = _with_verdict(st, f, verdict)
    sort = sort if sort in data.SORTABLE else "record_id"
    found = data.records_page(st.store.engine, f, sort=sort, desc=desc, page=page, per_page=per_page,
                              total=records_total(st, f))
    params = {**f.query_items(), "verdict": verdict or None, "sort": sort if sort != "record_id" else None,
              "desc": desc or None, "per_page": per_page if per_page != 50 else None}

    def sort_link(column: str) -> str:
        return _link("/records", {**params, "sort": column, "desc": (column == sort and not desc) or None})

    return _page(request, "records.html", {
        "found": found, "f": f, "verdict": verdict or "", "verdict_of": _cached_verdicts(st, found.rows),
        "page_link": lambda n: _link("/records", {**params, "page": n if n > 1 else None}), "sort": sort, "desc": desc, "regions": region_names(st), "sort_link": sort_link,
        "sortable": data.SORTABLE,
        "canonicals": st.cache.get(("canonicals",), lambda: data.canonical_names(st.store.engine)),
        "prev": _link("/records", {**params, "page": page - 1}) if page > 1 else None,
        "next": _link("/records", {**params, "page": page + 1}) if page < found.pages else None,
        "csv": _link("/records.csv", params), "xlsx": _link("/records.xlsx", params),
        "max_download": data.MAX_DOWNLOAD,
    })


#: Targets of one verdict the records table filters by at most (an IN list of ids).
MAX_VERDICT_IDS = 30_000


def _with_verdict(st: WebState, f: data.RecordFilter, verdict: str) -> data.RecordFilter:
    """`f` narrowed to the targets whose verdict is `verdict` (in `f.region`, or everywhere)."""
    from dataclasses import replace

    if verdict not in VERDICTS:
        raise HTTPException(422, f"判定须为 {', '.join(VERDICTS)} 之一。")
    rows = st.cache.get(("verdict-rows", f.region), lambda: verdicts.all_rows(st.cache, f.region))
    ids = st.cache.get(("verdict-ids", f.region, verdict), lambda: tuple(
        sorted(r.tracked.record_id for r in rows if r.tracked.verdict.verdict == verdict)))
    if len(ids) > MAX_VERDICT_IDS:
        raise HTTPException(422, f"判定为“{VERDICTS[verdict]}”的目标太多，请先选地区，或用判定列表 /verdicts。")
    return replace(f, record_ids=ids)


def _cached_verdicts(st: WebState, rows: list[dict[str, Any]]) -> dict[int, str]:
    """The verdicts of the targets among `rows` whose region's verdicts are computed already (a page never waits)."""
    out = {}
    for r in rows:
        if r["kind"] == "target" and r.get("region"):
            track = st.cache.peek(("track", r["region"]))
            tracked = track.by_id.get(r["record_id"]) if track else None
            if tracked:
                out[r["record_id"]] = tracked.verdict.verdict
    return out


@router.get("/records.{fmt}")
def records_download(
    request: Request, fmt: str, region: str | None = None, year: str | None = None, kind: str | None = None,
    indicator: str | None = None, measure: str | None = None, record_year: str | None = None,
    canonical: str | None = None, verdict: str | None = None, sort: str = "record_id", desc: bool = False,
) -> Response:
    if fmt not in ("csv", "xlsx"):
        raise HTTPException(404, "数据记录可下载为 csv 或 xlsx。")
    import pandas as pd

    st = state(request)
    f = _records_filter(st, region, year, kind, indicator, measure, record_year, canonical)
    if verdict:
        f = _with_verdict(st, f, verdict)
    rows = data.records_rows(st.store.engine, f, sort=sort if sort in data.SORTABLE else "record_id", desc=desc)
    frame = pd.DataFrame.from_records(rows, columns=list(RECORD_COLUMNS))
    frame["section"] = [" > ".join(s or []) for s in frame["section"]]
    frame = frame[list(DOWNLOAD_COLUMNS)].rename(columns=RECORD_HEADINGS)
    body = to_bytes(frame, fmt, bom=fmt == "csv")  # the mark makes Excel read the CSV as UTF-8
    return _download(body, get_format(fmt).media_type, f"数据记录.{fmt}")


@router.get("/tracker", response_class=HTMLResponse)
def tracker_index(request: Request) -> HTMLResponse:
    st = state(request)
    regions = st.cache.get(("regions",), lambda: data.regions_summary(st.store.engine))
    summaries = {r["region"]: (st.cache.peek(("track", r["region"])) or None) for r in regions}
    return _page(request, "tracker_index.html", {
        "regions": regions, "summaries": {k: v.summary() if v else None for k, v in summaries.items()},
        "nav": "tracker",
    })


@router.get("/tracker/{region}", response_class=HTMLResponse)
def tracker(request: Request, region: str, page: Annotated[int, Query(ge=1, le=10_000)] = 1,
            indicator: str | None = None) -> HTMLResponse:
    st = state(request)
    name = resolve_region(st, region)
    track = tracking.region_track(st.cache, name)
    indicators = track.indicators()
    if indicator:
        indicators = [i for i in indicators if indicator in i["canonical"]]
    pages = max(1, -(-len(indicators) // CHARTS_PER_PAGE))
    shown = indicators[(page - 1) * CHARTS_PER_PAGE: page * CHARTS_PER_PAGE]
    blocks = [st.cache.get(("tracker-block", name, item["canonical"]), lambda item=item: _tracker_block(track, item))
              for item in shown]
    unlinked = len(track.items) - sum(len(v) for v in track.by_canonical.values())
    params = {"indicator": indicator}
    return _page(request, "tracker.html", {
        "region": name, "summary": track.summary(), "blocks": blocks, "page": page, "pages": pages,
        "n_indicators": len(indicators), "unlinked": unlinked, "indicator": indicator or "",
        "sources": st.cache.get(("sources", name), lambda: data.document_sources(st.store.engine, name)),
        "chart_data": {"charts": [c for b in blocks for c in b["charts"]], "legend": charts.legend()},
        "prev": _link(f"/tracker/{name}", {**params, "page": page - 1}) if page > 1 else None,
        "next": _link(f"/tracker/{name}", {**params, "page": page + 1}) if page < pages else None,
        "nav": "tracker",
    })


def _tracker_block(track: tracking.RegionTrack, item: dict[str, Any]) -> dict[str, Any]:
    """One indicator's charts and latest targets on the tracker page."""
    series = track.series(item["canonical"], POINTS_PER_CHART)
    targets = sorted(track.targets_of(item["canonical"]), key=lambda t: (-(t.verdict.target_year or 0), t.record_id))
    return {"indicator": item, "charts": charts.indicator_charts(series),
            "targets": targets[:TARGETS_PER_CHART], "more": max(0, len(targets) - TARGETS_PER_CHART)}


VERDICTS_PER_PAGE = 50
DOWNLOAD_TYPES = {"csv": "text/csv; charset=utf-8",
                  "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _verdict_filter(st: WebState, region: str | None, verdict: str | None, canonical: str | None,
                    year: str | None, level: str | None) -> verdicts.VerdictFilter:
    if verdict and verdict not in VERDICTS:
        raise HTTPException(422, f"判定须为 {', '.join(VERDICTS)} 之一。")
    return verdicts.VerdictFilter(resolve_region(st, region) if region else None, verdict or None,
                                  (canonical or "").strip()[:100] or None, _int(year), level or None)


@router.get("/verdicts", response_class=HTMLResponse)
def verdict_list(
    request: Request, region: str | None = None, verdict: str | None = None, canonical: str | None = None,
    year: str | None = None, level: str | None = None, page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    """Every verdict (of a region), filtered by verdict, indicator, target year and level; counts are links."""
    st = state(request)
    f = _verdict_filter(st, region, verdict, canonical, year, level)
    rows = st.cache.get(("verdict-rows", f.region), lambda: verdicts.all_rows(st.cache, f.region))
    chosen, facets = st.cache.get(("verdict-list", f), lambda: (verdicts.select(rows, f), verdicts.facet_counts(rows, f)))
    pages = max(1, -(-len(chosen) // VERDICTS_PER_PAGE))
    params = f.query_items()

    def facet_link(facet: str, value: Any) -> str:
        return _link("/verdicts", {**params, facet: value})

    return _page(request, "verdicts.html", {
        "f": f, "rows": chosen[(page - 1) * VERDICTS_PER_PAGE: page * VERDICTS_PER_PAGE], "total": len(chosen),
        "facets": facets, "facet_link": facet_link,
        "clear_link": lambda facet: _link("/verdicts", {**params, facet: None}),
        "page": page, "pages": pages, "page_link": lambda n: _link("/verdicts", {**params, "page": n if n > 1 else None}),
        "downloads": {fmt: _link(f"/verdicts.{fmt}", params) for fmt in DOWNLOAD_TYPES}, "nav": "verdicts",
    })


@router.get("/verdicts.{fmt}")
def verdict_download(request: Request, fmt: str, region: str | None = None, verdict: str | None = None,
                     canonical: str | None = None, year: str | None = None, level: str | None = None) -> Response:
    """The verdict list as shown (same filters), every row, as CSV or XLSX."""
    if fmt not in DOWNLOAD_TYPES:
        raise HTTPException(404, "判定列表可下载为 csv 或 xlsx。")
    import pandas as pd

    st = state(request)
    f = _verdict_filter(st, region, verdict, canonical, year, level)
    rows = st.cache.get(("verdict-rows", f.region), lambda: verdicts.all_rows(st.cache, f.region))
    frame = pd.DataFrame([verdicts.table_row(r) for r in verdicts.select(rows, f)], columns=list(verdicts.COLUMNS))
    body = to_bytes(frame.rename(columns=verdicts.COLUMNS), fmt, bom=True)
    return _download(body, DOWNLOAD_TYPES[fmt], f"判定{'_' + f.region if f.region else ''}.{fmt}")


@router.get("/verdicts/{record_id}", response_class=HTMLResponse)
def verdict_page(request: Request, record_id: StoredId) -> HTMLResponse:
    st = state(request)
    found, tracked = target_verdict(st, record_id)
    v = verdict_dict(st, tracked)
    outcome = data.record(st.store.engine, v["outcome_record_id"]) if v["outcome_record_id"] else None
    return _page(request, "verdict.html", {"v": v, "target": found, "outcome": outcome, "nav": "tracker"})


@router.get("/diff", response_class=HTMLResponse)
def diff_page(request: Request, region: str | None = None, a: str | None = None, b: str | None = None) -> HTMLResponse:
    st = state(request)
    names = region_names(st)
    name = resolve_region(st, region) if region else (names[0] if names else None)
    years = data.region_years(st.store.engine, name) if name else []
    year_a, year_b = _int(a, "a"), _int(b, "b")
    if year_a is None and year_b is None and len(years) >= 2:
        year_a, year_b = years[-2], years[-1]
    changes = None
    if name and year_a is not None and year_b is not None:
        changes = tracking.region_diff(st.cache, name, year_a, year_b)
    counts = {c: sum(1 for x in changes or [] if x.change == c) for c in ("raised", "lowered", "unchanged", "new", "dropped")}
    return _page(request, "diff.html", {
        "regions": names, "region": name, "years": years, "a": year_a, "b": year_b, "changes": changes, "counts": counts,
    })


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "", region: str | None = None, year: str | None = None,
                kind: str | None = None, page: Annotated[int, Query(ge=1, le=10)] = 1) -> HTMLResponse:
    st = state(request)
    q = q.strip()[:200]
    name = resolve_region(st, region) if region else None
    hits, more = [], False
    if q:
        found = st.store.search(q, region=name, year=_int(year), kind=kind or None, limit=page * SEARCH_PER_PAGE + 1)
        hits = found[(page - 1) * SEARCH_PER_PAGE: page * SEARCH_PER_PAGE]
        more = len(found) > page * SEARCH_PER_PAGE
    params = {"q": q, "region": name, "year": year, "kind": kind}
    return _page(request, "search.html", {
        "q": q, "params": params, "regions": region_names(st), "pieces": snippet_pieces,
        "hit_records": lambda hit: hit_records(st, hit),
        "hits": hits, "page": page, "offset": (page - 1) * SEARCH_PER_PAGE,
        "prev": _link("/search", {**params, "page": page - 1}) if page > 1 else None,
        "next": _link("/search", {**params, "page": page + 1}) if more and page < 10 else None,
    })


@router.get("/methodology", response_class=HTMLResponse)
def methodology_page(request: Request) -> HTMLResponse:
    """How verdicts are reached, from the rules' own data (`web.methodology`)."""
    from mubiao.web.methodology import content

    return _page(request, "methodology.html", {"m": content()})


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request) -> HTMLResponse:
    st = state(request)
    return _page(request, "upload.html", {"limit_mb": st.max_upload / 1024 / 1024, "result": None, "error": None})


@router.post("/upload", response_class=HTMLResponse)
async def upload_post(
    request: Request,
    file: Annotated[UploadFile, File()],
    token: Annotated[str, Form()] = "",
    region: Annotated[str, Form()] = "",
    year: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "",
    source: Annotated[str, Form(max_length=500)] = "",
) -> HTMLResponse:
    from starlette.concurrency import run_in_threadpool

    st = state(request)
    context: dict[str, Any] = {"limit_mb": st.max_upload / 1024 / 1024, "result": None, "error": None,
                               "form": {"region": region, "year": year, "kind": kind, "source": source}}
    try:
        check_token(st.token, token.strip() or None)
        year_value = _int(year) if year.strip().isdigit() or not year.strip() else None
        if year.strip() and year_value is None:
            raise UploadRefused(422, "年份须为整数，例如 2021。")
        content = await read_limited(file, st.max_upload)
        result = await run_in_threadpool(ingest_bytes, st.store, content, file.filename, region=region.strip() or None,
                                         year=year_value, kind=kind or None, max_bytes=st.max_upload,
                                         reader=request.app.state.reader, provenance=source.strip() or None)
    except UploadRefused as err:
        context["error"] = {"message": err.message, "code": err.code}
        return _page(request, "upload.html", context, status=err.status)
    st.cache.invalidate()
    context["result"] = result.to_dict()
    return _page(request, "upload.html", context, status=201 if result.outcome.status != "unchanged" else 200)


@router.post("/documents/{doc_id}/correct", response_class=HTMLResponse)
def correct_post(
    request: Request,
    doc_id: StoredId,
    token: Annotated[str, Form()] = "",
    action: Annotated[str, Form()] = "set",
    region: Annotated[str, Form()] = "",
    year: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "",
) -> Response:
    """The document page's correction form: set region, year or kind, or remove the document."""
    st = state(request)
    try:
        check_token(st.token, token.strip() or None)
    except UploadRefused as err:
        raise _refused(err) from None
    if action == "remove":
        st.store.remove_document(doc_id)
        st.cache.invalidate()
        return RedirectResponse("/documents", status_code=303)
    year_value = _int(year.strip()) if year.strip() else None
    if year.strip() and year_value is None:
        raise HTTPException(422, "年份须为整数，例如 2021。")
    try:
        st.store.update_document(doc_id, region=region.strip() or None, year=year_value, kind=kind or None)
    except ValueError as err:
        raise HTTPException(422, str(err)) from None
    st.cache.invalidate()
    return RedirectResponse(f"/documents/{doc_id}", status_code=303)


def _refused(err: UploadRefused) -> HTTPException:
    """A refused write as the HTTP error every route raises (its E-code kept)."""
    refused = HTTPException(err.status, err.message, headers={"WWW-Authenticate": "Bearer"} if err.status == 401 else None)
    refused.code = err.code  # type: ignore[attr-defined]
    return refused


def _download(body: bytes, media_type: str, filename: str) -> Response:
    from urllib.parse import quote

    ascii_name = filename.encode("ascii", "ignore").decode() or "download"
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return Response(body, media_type=media_type, headers={"Content-Disposition": disposition})

