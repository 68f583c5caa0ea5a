"""`create_app`: the dashboard's FastAPI application over one store.

    >>> from mubiao.web import create_app
    >>> app = create_app("sqlite:////tmp/mubiao.db", token="s3cret")   # uvicorn.run(app)

Pages are server-rendered Jinja2 templates (autoescaped) under `/`, the JSON
API under `/api/…`, its OpenAPI description at `/openapi.json` and Swagger UI
at `/docs`, both served from the package (no CDN). Every response carries a
Content-Security-Policy that allows scripts from the server only.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

import mubiao
from mubiao.errors import HTTP_STATUS_CODES, BadParameter, DocumentNotFound, MubiaoError, ServerError
from mubiao.store import Store
from mubiao.web import labels
from mubiao.web.cache import StoreCache
from mubiao.web.guard import UploadGate
from mubiao.web.reader import UploadReader
from mubiao.web.state import WebState
from mubiao.web.upload import DEFAULT_MAX_UPLOAD

HERE = Path(__file__).parent
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
#: Swagger UI's page starts it with an inline script.
DOCS_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


def create_app(
    store_url: str | None = None,
    token: str | None = None,
    max_upload: int = DEFAULT_MAX_UPLOAD,
    *,
    warm: bool = False,
    store: Store | None = None,
    static: bool = False,
    report_url: str | None = None,
) -> FastAPI:
    """The dashboard over the store at `store_url` (default: the store the CLI uses).

    `token` turns uploads on (None: off); `max_upload` is the upload limit in
    bytes; `warm` computes every region's verdicts in a background thread at
    start so that the first tracker page is quick. `static` renders the
    pages for a static copy (`mubiao.web.publish`: no search, upload or API
    links); `report_url` is where "报告错误" points (a URL or mailto:;
    default $MUBIAO_REPORT_URL).
    """
    from mubiao.web import routes_api, routes_compare, routes_pages

    opened = store or Store(store_url)

    reader = UploadReader()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        reader.close()
        if store is None:
            opened.close()

    app = FastAPI(
        lifespan=lifespan,
        title="mubiao 目标 API",
        version=mubiao.__version__,
        description=(
            "政府工作报告中的量化目标（目标）与完成情况，及其判定。"
            " Quantified targets and achievements of Chinese government work reports, and whether each target was met."
        ),
        docs_url=None,
        redoc_url=None,
        openapi_tags=[
            {"name": "overview", "description": "概览 Counts, regions and latest documents."},
            {"name": "documents", "description": "文件 Stored documents, their text, digest and tasks."},
            {"name": "records", "description": "数据记录 Targets and achievements."},
            {"name": "tracking", "description": "目标追踪 Verdicts, indicator series and year-to-year changes."},
            {"name": "search", "description": "搜索 Full-text search."},
            {"name": "upload", "description": "上传 Adding a document (needs the write token)."},
        ],
    )
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.filters.update(labels.FILTERS)
    templates.env.globals.update(
        VERDICTS=labels.VERDICTS, VERDICT_HELP=labels.VERDICT_HELP, VERDICT_COLORS=labels.VERDICT_COLORS,
        KINDS=labels.KINDS, DOC_KINDS=labels.DOC_KINDS, MEASURES=labels.MEASURES, amount=labels.amount,
        static=static, report_url=report_url or os.environ.get("MUBIAO_REPORT_URL") or None,
    )
    state = WebState(opened, StoreCache(opened), token or None, max_upload, templates, static)
    app.state.web = state
    app.state.reader = reader
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(routes_api.router)
    app.include_router(routes_compare.api)
    app.include_router(routes_compare.pages)
    app.include_router(routes_pages.router)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    _docs(app)
    _handlers(app)

    @app.middleware("http")
    async def _headers(request: Request, call_next: Any) -> Response:
        length = request.headers.get("content-length", "")
        if request.method == "POST" and length.isdigit() and int(length) > state.max_upload + 1024 * 1024:
            response: Response = _error(request, 413, f"文件太大：上限 {state.max_upload / 1024 / 1024:.0f} MB。")
        else:
            started = time.perf_counter()
            response = await call_next(request)
            response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        path = request.url.path
        response.headers.setdefault("Content-Security-Policy", DOCS_CSP if path == "/docs" else CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    app.add_middleware(UploadGate, settings=lambda: state, error=_error)
    if warm:
        threading.Thread(target=_warm, args=(state.cache,), name="mubiao-warm", daemon=True).start()
    return app


def _warm(cache: StoreCache) -> None:
    """Compute every region's verdicts and read the stored indicator names (errors are left for the pages to show)."""
    from mubiao.web.deps import stored_names
    from mubiao.web.tracking import all_summary

    with contextlib.suppress(Exception):  # a failure shows on the pages that need them
        stored_names(cache)
        all_summary(cache)


def _docs(app: FastAPI) -> None:
    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="mubiao API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )
        link = 'style="color:#fff;text-decoration:none"'
        back = (f'<div class="docs-back" style="font:15px sans-serif;padding:.5em 1em;background:#b71c1c">'
                f'<a {link} href="/">← 返回 mubiao 概览</a> · <a {link} href="/methodology">判定方法</a></div>')
        body = bytes(page.body).decode("utf-8").replace("<body>", "<body>\n" + back, 1)
        return HTMLResponse(body)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", "")


def _error(request: Request, status: int, message: str, code: str | None = None) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message, "code": code}, status_code=status)
    state: WebState = request.app.state.web
    return state.templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message, "code": code}, status_code=status
    )


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(DocumentNotFound)
    async def _not_found(request: Request, err: DocumentNotFound) -> Response:
        return _error(request, 404, f"没有这份文件（编号 {err.details.get('id')}）。", err.code)

    @app.exception_handler(MubiaoError)
    async def _mubiao(request: Request, err: MubiaoError) -> Response:
        return _error(request, 400, err.reason, err.code)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, err: StarletteHTTPException) -> Response:
        message = err.detail if isinstance(err.detail, str) else "请求有误。"
        if err.status_code == 404 and message == "Not Found":
            message = "没有这个页面。"
        code = getattr(err, "code", None) or HTTP_STATUS_CODES.get(err.status_code, ServerError.code)
        response = _error(request, err.status_code, message, code)
        for key, value in (err.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, err: RequestValidationError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": jsonable_encoder(err.errors()), "code": BadParameter.code}, status_code=422)
        fields = "、".join(str(e.get("loc", ["?"])[-1]) for e in err.errors())
        return _error(request, 422, f"参数有误：{fields}。", BadParameter.code)
