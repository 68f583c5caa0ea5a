"""Compare and panel on the dashboard: the /compare page, /api/compare, /api/panel and their downloads.

Thin wiring over `mubiao.track.service.compare_table` / `service.panel`; the
table logic is in `mubiao.track.comparison`. Downloads go through the store's
table writer (`mubiao.export.to_bytes`).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from mubiao.track import service
from mubiao.track.comparison import COLUMNS, long_frame, wide_frame
from mubiao.web.deps import state

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["compare"])

Level = Literal["national", "province", "city", "county"]
Measure = Literal["level", "growth", "increment"]
#: Download formats and their media types.
DOWNLOADS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
    "dta": "application/x-stata-dta",
}
DEFAULT_INDICATOR = "地区生产总值"
YEAR = Annotated[int, Query(ge=1900, le=2200, description="Year of the targets.")]
IndicatorQ = Annotated[str, Query(min_length=1, max_length=100, description="Indicator: canonical or raw (地区生产总值, GDP).")]


def _compare(request: Request, indicator: str, year: int, level: str | None, within: str | None, measure: str | None) -> Any:
    st = state(request)
    key = ("compare", indicator, year, level, within, measure)
    return st.cache.get(key, lambda: service.compare_table(st.store, indicator, year, measure=measure, level=level,
                                                          within=within or None))  # fmt: skip


def _panel(request: Request, indicator: str, first: int | None, last: int | None, level: str | None, measure: str | None) -> Any:
    st = state(request)
    key = ("panel", indicator, first, last, level, measure)
    return st.cache.get(key, lambda: service.panel(st.store, indicator, first=first, last=last, level=level, measure=measure))


@api.get("/compare", summary="One indicator's headline targets across regions for a year, with the summary")
def compare_api(
    request: Request, indicator: IndicatorQ, year: YEAR, level: Level | None = None,
    within: Annotated[str | None, Query(max_length=100, description="Regions inside this one (湖南省).")] = None,
    measure: Measure | None = None,
) -> dict[str, Any]:  # fmt: skip
    rows, summary = _compare(request, indicator, year, level, within, measure)
    return {"rows": [r.to_dict() for r in rows], "summary": summary.to_dict(), "lines": summary.lines()}


@api.get("/panel", summary="Region × year table of one indicator's headline targets, outcomes and verdicts")
def panel_api(
    request: Request, indicator: IndicatorQ,
    first: Annotated[int | None, Query(alias="from", ge=1900, le=2200)] = None,
    last: Annotated[int | None, Query(alias="to", ge=1900, le=2200)] = None,
    level: Level | None = None, measure: Measure | None = None,
) -> dict[str, Any]:  # fmt: skip
    rows = _panel(request, indicator, first, last, level, measure)
    return {"rows": [r.to_dict() for r in rows]}


@pages.get("/compare", response_class=HTMLResponse)
def compare_page(
    request: Request, indicator: str = DEFAULT_INDICATOR, year: str | None = None, level: str | None = None,
    within: str | None = None, measure: str | None = None,
) -> HTMLResponse:  # fmt: skip
    from mubiao.web.routes_pages import _int, _link, _page

    st = state(request)
    years = _target_years(st)
    chosen = _int(year) or (years[-1] if years else None)
    level = level if level in ("national", "province", "city", "county") else None
    measure = measure if measure in ("level", "growth", "increment") else None
    indicator = (indicator or DEFAULT_INDICATOR).strip()[:100]
    rows, summary = _compare(request, indicator, chosen, level, within, measure) if chosen else ([], None)
    params = {"indicator": indicator, "year": chosen, "level": level, "within": within, "measure": measure}
    chart = {
        "national": summary.national if summary else None,
        "unit": summary.unit if summary else None,
        "bars": [{"region": r.region, "value": r.value, "value_max": r.value_max, "comparator": r.comparator}
                 for r in rows if r.level != "national"],
    }  # fmt: skip
    return _page(request, "compare.html", {
        "indicator": indicator, "year": chosen, "years": years, "level": level, "within": within or "",
        "measure": measure, "rows": rows, "summary": summary, "chart": chart, "nav": "compare",
        "downloads": {fmt: _link(f"/compare.{fmt}", params) for fmt in DOWNLOADS},
        "panel_downloads": {fmt: _link(f"/panel.{fmt}", {"indicator": indicator, "level": level, "measure": measure})
                            for fmt in DOWNLOADS},
    })  # fmt: skip


@pages.get("/compare.{fmt}")
def compare_download(
    request: Request, fmt: str, indicator: str, year: int, level: Level | None = None, within: str | None = None,
    measure: Measure | None = None,
) -> Response:  # fmt: skip
    import pandas as pd

    rows, _ = _compare(request, indicator, year, level, within, measure)
    frame = pd.DataFrame([r.to_dict() for r in rows], columns=list(COLUMNS))
    return _download(frame, fmt, f"{indicator}_{year}")


@pages.get("/panel.{fmt}")
def panel_download(
    request: Request, fmt: str, indicator: str, first: Annotated[int | None, Query(alias="from")] = None,
    last: Annotated[int | None, Query(alias="to")] = None, level: Level | None = None,
    measure: Measure | None = None, wide: bool = False,
) -> Response:  # fmt: skip
    rows = _panel(request, indicator, first, last, level, measure)
    return _download(wide_frame(rows) if wide else long_frame(rows), fmt, f"{indicator}_panel")


def _download(frame: Any, fmt: str, stem: str) -> Response:
    from mubiao.export import to_bytes
    from mubiao.web.routes_pages import _download as respond

    if fmt not in DOWNLOADS:
        raise HTTPException(404, "可下载为 " + "、".join(DOWNLOADS) + "。")
    body = to_bytes(frame, fmt, bom=True)  # Excel opens UTF-8 CSV right with a byte-order mark
    return respond(body, DOWNLOADS[fmt], f"{stem}.{fmt}")


def _target_years(st: Any) -> list[int]:
    """The report years of the stored documents, oldest first."""
    from mubiao.web import data

    names = [r["region"] for r in st.cache.get(("regions",), lambda: data.regions_summary(st.store.engine))]
    years: set[int] = set()
    for name in names:
        years.update(st.cache.get(("region-years", name), lambda name=name: data.region_years(st.store.engine, name)))
    return sorted(years)
