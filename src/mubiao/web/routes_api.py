"""The JSON API under /api: everything the pages show, as data (see /docs).

Query parameters reach the database only through the store's query builders
and `mubiao.web.data` (SQLAlchemy bound parameters); lists are paged.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import (
    APIRouter,
    Depends,
    File,
    Form,
    Header,
    HTTPException,
    Query,
    Request,
    UploadFile,
)

from mubiao.model import Measure
from mubiao.track import VERDICTS
from mubiao.web import data, documents, tracking
from mubiao.web import schemas as S
from mubiao.web.deps import (
    by_stored_names,
    MAX_ID,
    StoredId,
    hit_dict,
    read_limited,
    records_total,
    region_names,
    resolve_region,
    state,
    target_verdict,
    verdict_dict,
)
from mubiao.web.state import WebState
from mubiao.web.upload import UploadRefused, check_token, ingest_bytes, too_large

router = APIRouter(prefix="/api", responses={400: {"model": S.Error}, 404: {"model": S.Error}})
State = Annotated[WebState, Depends(state)]
PageQ = Annotated[int, Query(ge=1, le=100_000, description="Page number, from 1.")]
PerPageQ = Annotated[int, Query(ge=1, le=data.MAX_PER_PAGE, description="Rows per page.")]
RegionQ = Annotated[str | None, Query(description="Region as stored (衡阳市) or in short (衡阳).")]
YearQ = Annotated[int | None, Query(ge=1900, le=2200, description="Report year.")]


def _region(st: WebState, region: str | None) -> str | None:
    return resolve_region(st, region) if region else None


@router.get("/overview", response_model=S.Overview, tags=["overview"], summary="概览: counts, regions, latest documents")
def overview(st: State) -> dict[str, Any]:
    engine = st.store.engine
    return {
        "counts": st.cache.get(("counts",), lambda: data.counts(engine)),
        "regions": st.cache.get(("regions",), lambda: data.regions_summary(engine)),
        "latest": data.documents_page(engine, per_page=10, newest_first=True).rows,
    }


@router.get("/regions", response_model=list[S.RegionOut], tags=["overview"], summary="Regions with documents")
def regions(st: State) -> list[dict[str, Any]]:
    return st.cache.get(("regions",), lambda: data.regions_summary(st.store.engine))


@router.get("/documents", response_model=S.DocumentPage, tags=["documents"], summary="Stored documents, paged")
def list_documents(
    st: State,
    region: RegionQ = None,
    year: YearQ = None,
    kind: Annotated[Literal["report", "interpretation", "communique", "other"] | None, Query()] = None,
    page: PageQ = 1,
    per_page: PerPageQ = 50,
) -> dict[str, Any]:
    found = data.documents_page(st.store.engine, region=_region(st, region), year=year, kind=kind, page=page,
                                per_page=per_page)
    return found.to_dict()


@router.get("/documents/{doc_id}", response_model=S.DocumentDetail, tags=["documents"],
            summary="One document: description, outline and records")
def document(st: State, doc_id: StoredId) -> dict[str, Any]:
    doc = documents.prepared(st.cache, doc_id)
    sections = [
        {"level": s.level, "title": s.title, "path": list(s.path), "start": s.start, "end": s.end}
        for s in st.store.sections(doc_id)
    ]
    return {
        "document": _document_out(doc.info),
        "sections": sections,
        "records": doc.records,
        "links": _document_links(doc_id),
    }


@router.get("/documents/{doc_id}/text", response_model=S.DocumentText, tags=["documents"],
            summary="A document's cleaned or original text")
def document_text(st: State, doc_id: StoredId, original: bool = False) -> dict[str, Any]:
    return {"document_id": doc_id, "original": original, "text": st.store.text(doc_id, original=original)}


@router.get("/documents/{doc_id}/digest", response_model=S.DigestOut, tags=["documents"],
            summary="目标篇: the document's digest")
def document_digest(st: State, doc_id: StoredId) -> dict[str, Any]:
    return documents.digest_view(documents.digest(st.cache, doc_id))


@router.get("/documents/{doc_id}/tasks", response_model=S.TasksOut, tags=["documents"],
            summary="任务分解表: the document's tasks")
def document_tasks(st: State, doc_id: StoredId) -> dict[str, Any]:
    return documents.tasks_view(documents.tasks(st.cache, doc_id))


@router.get("/records", response_model=S.RecordPage, tags=["records"], summary="Records, filtered, sorted, paged")
def records(
    st: State,
    region: RegionQ = None,
    year: YearQ = None,
    kind: Annotated[str | None, Query(description="target, achievement, or a document kind.")] = None,
    indicator: Annotated[str | None, Query(max_length=100, description="Part of the indicator or canonical name.")] = None,
    measure: Annotated[Measure | None, Query()] = None,
    record_year: Annotated[int | None, Query(ge=1900, le=2200, description="Year the record is about.")] = None,
    document_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    canonical: Annotated[str | None, Query(max_length=100, description="Exact canonical indicator name (fast).")] = None,
    sort: Annotated[Literal[data.SORTABLE], Query()] = "record_id",  # type: ignore[valid-type]
    desc: bool = False,
    page: PageQ = 1,
    per_page: PerPageQ = 50,
) -> dict[str, Any]:
    try:
        f = by_stored_names(st, data.RecordFilter(_region(st, region), year, kind or None, indicator or None, measure,
                                                  record_year, document_id, canonical or None))
    except ValueError as err:
        raise HTTPException(422, str(err)) from None
    return data.records_page(st.store.engine, f, sort=sort, desc=desc, page=page, per_page=per_page,
                              total=records_total(st, f)).to_dict()


@router.get("/records/{record_id}", response_model=S.RecordOut, tags=["records"], summary="One record")
def record(st: State, record_id: StoredId) -> dict[str, Any]:
    found = data.record(st.store.engine, record_id)
    if found is None:
        raise HTTPException(404, f"没有编号为 {record_id} 的记录。")
    return found


@router.get("/verdicts/summary", response_model=S.Summary, tags=["tracking"],
            summary="判定统计: targets per verdict, in all and per region")
def verdict_summary(st: State, region: RegionQ = None) -> dict[str, Any]:
    if region:
        name = resolve_region(st, region)
        counts = tracking.region_track(st.cache, name).summary()
        return {"total": counts, "regions": {name: counts}}
    return tracking.all_summary(st.cache)


@router.get("/verdicts", response_model=S.VerdictPage, tags=["tracking"], summary="One region's verdicts, paged")
def verdicts(
    st: State,
    region: Annotated[str, Query(description="Region (required: verdicts are computed one region at a time).")],
    verdict: Annotated[Literal[VERDICTS] | None, Query()] = None,  # type: ignore[valid-type]
    canonical: Annotated[str | None, Query(description="Canonical indicator name.")] = None,
    page: PageQ = 1,
    per_page: PerPageQ = 50,
) -> dict[str, Any]:
    items = tracking.region_track(st.cache, resolve_region(st, region)).items
    chosen = [t for t in items if (not verdict or t.verdict.verdict == verdict)
              and (not canonical or t.verdict.canonical == canonical)]
    start = (page - 1) * per_page
    return {
        "page": page, "per_page": per_page, "total": len(chosen), "pages": max(1, -(-len(chosen) // per_page)),
        "items": [verdict_dict(st, t) for t in chosen[start:start + per_page]],
    }


@router.get("/verdicts/{record_id}", response_model=S.VerdictOut, tags=["tracking"],
            summary="The verdict on one target (by its record id)")
def verdict(st: State, record_id: StoredId) -> dict[str, Any]:
    return verdict_dict(st, target_verdict(st, record_id)[1])


@router.get("/regions/{region}/indicators", response_model=list[S.IndicatorOut], tags=["tracking"],
            summary="A region's canonical indicators with targets")
def region_indicators(st: State, region: str) -> list[dict[str, Any]]:
    return tracking.region_track(st.cache, resolve_region(st, region)).indicators()


@router.get("/regions/{region}/series", response_model=S.Series, tags=["tracking"],
            summary="One indicator's targets and outcomes by year (the tracker's chart)")
def region_series(
    st: State,
    region: str,
    canonical: Annotated[str, Query(description="Canonical indicator name.")],
    limit: Annotated[int, Query(ge=1, le=5000, description="Latest points of each list at most.")] = tracking.SERIES_LIMIT,
) -> dict[str, Any]:
    return tracking.region_track(st.cache, resolve_region(st, region)).series(canonical, limit)


@router.get("/diff", response_model=list[S.ChangeOut], tags=["tracking"],
            summary="How a region's targets changed between two report years")
def diff(
    st: State,
    region: str,
    a: Annotated[int, Query(ge=1900, le=2200, description="First report year.")],
    b: Annotated[int, Query(ge=1900, le=2200, description="Second report year.")],
) -> list[dict[str, Any]]:
    name = resolve_region(st, region)
    changes = tracking.region_diff(st.cache, name, a, b)
    return [c.to_dict() for c in changes]


@router.get("/search", response_model=S.SearchOut, tags=["search"], summary="Full-text search, ranked, highlighted")
def search(
    st: State,
    q: Annotated[str, Query(min_length=1, max_length=200, description="Words to find (all of them).")],
    region: RegionQ = None,
    year: YearQ = None,
    kind: Annotated[Literal["report", "interpretation", "communique", "other"] | None, Query()] = None,
    page: Annotated[int, Query(ge=1, le=10)] = 1,
    per_page: Annotated[int, Query(ge=1, le=50)] = 20,
) -> dict[str, Any]:
    region_name = region if region in region_names(st) else (_region(st, region) if region else None)
    hits = st.store.search(q, region=region_name, year=year, kind=kind, limit=page * per_page + 1)
    chosen = hits[(page - 1) * per_page: page * per_page]
    return {"query": q, "page": page, "per_page": per_page, "hits": [hit_dict(st, h) for h in chosen],
            "more": len(hits) > page * per_page}


@router.post("/documents", response_model=S.UploadOut, status_code=201, tags=["upload"],
             summary="Add a document (needs the write token)",
             responses={401: {"model": S.Error}, 403: {"model": S.Error}, 413: {"model": S.Error},
                        415: {"model": S.Error}, 422: {"model": S.Error}})
async def upload(
    request: Request,
    file: Annotated[UploadFile, File(description="A .txt, .md, .html, .htm, .docx or .pdf file.")],
    region: Annotated[str | None, Form(description="Region, e.g. 衡阳市 (else read from the title).")] = None,
    year: Annotated[int | None, Form(description="Report year (else read from the title).")] = None,
    kind: Annotated[Literal["report", "interpretation", "communique", "other"] | None, Form()] = None,
    source: Annotated[str | None, Form(max_length=500, description="Where it came from: publisher, URL, publication.")] = None,
    authorization: Annotated[str | None, Header(description="Bearer TOKEN")] = None,
    x_mubiao_token: Annotated[str | None, Header(description="TOKEN (instead of Authorization)")] = None,
) -> Any:
    from starlette.concurrency import run_in_threadpool

    st = state(request)
    given = x_mubiao_token or (authorization[7:].strip() if authorization and authorization.lower().startswith("bearer ") else None)
    try:
        check_token(st.token, given)
        content = await read_limited(file, st.max_upload)
        result = await run_in_threadpool(
            ingest_bytes, st.store, content, file.filename, region=region, year=year, kind=kind, max_bytes=st.max_upload,
            reader=request.app.state.reader, provenance=(source or "").strip() or None,
        )
    except UploadRefused as err:
        headers = {"WWW-Authenticate": "Bearer"} if err.status == 401 else None
        refused = HTTPException(err.status, err.message, headers=headers)
        refused.code = err.code  # type: ignore[attr-defined]  # the upload's own E-code, where it names one
        raise refused from None
    st.cache.invalidate()
    return result.to_dict()


def _writer_token(authorization: str | None, x_mubiao_token: str | None) -> str | None:
    return x_mubiao_token or (authorization[7:].strip() if authorization and authorization.lower().startswith("bearer ") else None)


def _check_writer(st: WebState, authorization: str | None, x_mubiao_token: str | None) -> None:
    try:
        check_token(st.token, _writer_token(authorization, x_mubiao_token))
    except UploadRefused as err:
        headers = {"WWW-Authenticate": "Bearer"} if err.status == 401 else None
        refused = HTTPException(err.status, err.message, headers=headers)
        refused.code = err.code  # type: ignore[attr-defined]
        raise refused from None


@router.delete("/documents/{doc_id}", tags=["documents"], summary="Remove a document (write token)")
def remove_document(
    st: State,
    doc_id: StoredId,
    authorization: Annotated[str | None, Header(description="Bearer TOKEN")] = None,
    x_mubiao_token: Annotated[str | None, Header(description="TOKEN (instead of Authorization)")] = None,
) -> dict[str, Any]:
    """Delete a stored document with its records, passages and search entries (write token)."""
    _check_writer(st, authorization, x_mubiao_token)
    name = st.store.remove_document(doc_id)
    st.cache.invalidate()
    return {"document_id": doc_id, "name": name, "removed": True}


@router.patch("/documents/{doc_id}", tags=["documents"], summary="Correct region, year or kind (write token)")
def set_document(
    st: State,
    doc_id: StoredId,
    region: Annotated[str | None, Form(description="The right region, e.g. 全国 or 衡阳市.")] = None,
    year: Annotated[int | None, Form(ge=1949, le=2200, description="The right report year.")] = None,
    kind: Annotated[Literal["report", "interpretation", "communique", "other"] | None, Form()] = None,
    authorization: Annotated[str | None, Header(description="Bearer TOKEN")] = None,
    x_mubiao_token: Annotated[str | None, Header(description="TOKEN (instead of Authorization)")] = None,
) -> dict[str, Any]:
    """Correct a document's region, report year or kind; its records are derived again (write token)."""
    _check_writer(st, authorization, x_mubiao_token)
    correction = st.store.update_document(doc_id, region=region, year=year, kind=kind)
    st.cache.invalidate()
    return {"document_id": doc_id, "changes": {k: list(v) for k, v in correction.changes.items()},
            "records": correction.records, "document": _document_out(st.store.document(doc_id))}


def _document_out(info: Any) -> dict[str, Any]:
    return {
        "document_id": info.id, "name": info.name, "title": info.title, "region": info.region,
        "report_year": info.year, "kind": info.kind, "format": info.format, "version": info.version,
        "n_records": info.n_records, "n_sections": info.n_sections, "n_chars": info.n_chars,
        "ingested_at": info.ingested_at.isoformat() if info.ingested_at else None,
        "source": info.provenance,
    }


def _document_links(doc_id: int) -> dict[str, str]:
    base = f"/documents/{doc_id}"
    links = {"page": base, "digest_page": f"{base}/digest", "tasks_page": f"{base}/tasks"}
    links.update({f"digest_{fmt}": f"{base}/digest.{fmt}" for fmt in documents.DIGEST_TYPES})
    links.update({f"tasks_{fmt}": f"{base}/tasks.{fmt}" for fmt in documents.TASK_TYPES})
    return links
