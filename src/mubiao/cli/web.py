"""`mubiao serve`: the web dashboard over the store the other commands use."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from mubiao.cli import app
from mubiao.errors import MubiaoError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def run_server(store_url: str | None, host: str, port: int, token: str | None, max_upload_mb: float,
               warm: bool = True, report_url: str | None = None) -> None:
    """Open the store, build the app and serve it with uvicorn until interrupted."""
    import uvicorn

    from mubiao.web import create_app

    try:
        if not token:  # nothing could ever fill a new store without uploads: a mistyped --db is refused
            from mubiao.store import Store

            Store(store_url, create=False).close()
        application = create_app(store_url, token=token, max_upload=int(max_upload_mb * 1024 * 1024), warm=warm,
                                 report_url=report_url)
    except MubiaoError as err:
        print(f"mubiao: {err}", file=sys.stderr)
        raise typer.Exit(2) from None
    store = application.state.web.store
    shown = f"[{host}]" if ":" in host else host
    print(f"mubiao: serving {store.url} at http://{shown}:{port}/  (API docs: /docs; Ctrl+C to stop)", flush=True)
    if token:
        print("mubiao: uploads are on (write token set)", flush=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"mubiao: warning: listening on {host}: other machines can read this store", file=sys.stderr)
    uvicorn.run(application, host=host, port=port, log_level="warning", access_log=False)


@app.command()
def serve(
    db: Annotated[
        str | None,
        typer.Option("--db", help="Database: a file path or URL. Default: $MUBIAO_DB or ~/.local/share/mubiao/mubiao.db."),
    ] = None,
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = DEFAULT_HOST,
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port.")] = DEFAULT_PORT,
    token: Annotated[
        str | None,
        typer.Option(help="Write token that turns uploads on. Default: $MUBIAO_TOKEN (unset: uploads off).", show_default=False),
    ] = None,
    max_upload_mb: Annotated[float, typer.Option(min=0.001, help="Upload size limit in MB.")] = 20.0,
    report_url: Annotated[
        str | None,
        typer.Option("--report-url", help="Where 报告错误 links to (a URL or mailto:). Default: $MUBIAO_REPORT_URL."),
    ] = None,
) -> None:
    """Serve the web dashboard (概览, 文件, 数据记录, 目标追踪, 搜索) and its JSON API (/api, /docs)."""
    run_server(db, host, port, token or os.environ.get("MUBIAO_TOKEN") or None, max_upload_mb, report_url=report_url)


@app.command()
def publish(
    out: Annotated[str, typer.Argument(help="Folder to write the site into (created; files there are replaced).")],
    db: Annotated[
        str | None,
        typer.Option("--db", help="Database: a file path or URL. Default: $MUBIAO_DB or ~/.local/share/mubiao/mubiao.db."),
    ] = None,
    report_url: Annotated[
        str | None,
        typer.Option("--report-url", help="Where 报告错误 links to (a URL or mailto:). Default: $MUBIAO_REPORT_URL."),
    ] = None,
) -> None:
    """Write the tracker as a static site (概览, 目标追踪, 判定, 方法, CSV) that any web host can serve."""
    from mubiao.web.publish import publish as write_site

    try:
        result = write_site(db, out, report_url=report_url or os.environ.get("MUBIAO_REPORT_URL") or None)
    except MubiaoError as err:
        print(f"mubiao: {err}", file=sys.stderr)
        raise typer.Exit(2) from None
    print(f"mubiao: wrote {len(result.pages)} pages and {len(result.downloads)} downloads to {result.folder}/"
          f"  (open {result.folder / 'index.html'})")
