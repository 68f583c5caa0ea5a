"""`mubiao demo`: the bundled sample reports in a fresh store, served as the dashboard.

The samples (衡阳市 2017 and 2021) are ingested into a new SQLite file,
`mubiao-demo.db` in a fresh temporary folder (or `--dir DIR`), the targets are
tracked, and the dashboard is served at http://127.0.0.1:8000/; the temporary
folder is removed when the server stops. With `--no-serve` the command only
ingests and prints where the store is and how to serve it (the folder stays).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from mubiao.cli import app
from mubiao.errors import MubiaoError


def build_demo_store(folder: Path) -> tuple[str, dict[str, int], list[str]]:
    """Ingest the bundled samples into `folder`/mubiao-demo.db (replaced if there); returns URL, counts, lines."""
    from mubiao.samples import SAMPLES, sample_paths
    from mubiao.store import Store
    from mubiao.track import service
    from mubiao.web.data import counts

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "mubiao-demo.db"
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    url = f"sqlite:///{path.resolve()}"
    lines = []
    with Store(url) as store:
        for sample in sample_paths():
            region, year = SAMPLES[sample.name]
            summary = store.ingest(sample, region=region, year=year)
            if not summary.ok:
                raise RuntimeError(f"{sample.name}: {summary.failed[0].reason}")
            lines.append(f"  {year} {region}  {sample.name}: {summary.records} records")
        verdicts = service.verdict_summary(store)
        stats = counts(store.engine)
    stats.update({f"verdict {k}": v for k, v in verdicts.items()})
    return url, stats, lines


@app.command()
def demo(
    serve: Annotated[bool, typer.Option("--serve/--no-serve", help="Serve the dashboard after ingesting (default).")] = True,
    folder: Annotated[
        Path | None, typer.Option("--dir", help="Folder for mubiao-demo.db (default: a new temporary folder).")
    ] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port.")] = 8000,
) -> None:
    """Ingest the bundled sample reports (衡阳市 2017, 2021) into a fresh store and open the dashboard on it."""
    temporary = folder is None
    target = folder if folder is not None else Path(tempfile.mkdtemp(prefix="mubiao-demo-"))
    kept = False
    try:
        _demo(target, serve, host, port)
        kept = not serve  # --no-serve: the user was told to serve this store
    except (MubiaoError, RuntimeError, OSError) as err:
        print(f"mubiao: {err}", file=sys.stderr)
        raise typer.Exit(2) from None
    finally:  # the server stopped (Ctrl-C), or the demo failed: no temporary folder is left behind
        if temporary and not kept:
            shutil.rmtree(target, ignore_errors=True)


def _demo(target: Path, serve: bool, host: str, port: int) -> None:
    """Build the demo store in `target` and serve it (or say how to)."""
    url, stats, lines = build_demo_store(target)
    shown = f"[{host}]" if ":" in host else host
    print(f"mubiao demo: store {url}")
    print("\n".join(lines))
    print(
        f"  {stats['documents']} documents, {stats['targets']} targets (目标), {stats['achievements']} achievements (完成情况); "
        + "verdicts: " + ", ".join(f"{k[8:]} {v}" for k, v in stats.items() if k.startswith("verdict ") and v)
    )
    db_path = url.removeprefix("sqlite:///")
    if not serve:
        print(f"serve it with: mubiao serve --db {db_path}   → http://{shown}:{port}/")
        return
    from mubiao.cli.web import run_server

    run_server(url, host, port, token=None, max_upload_mb=20.0)
