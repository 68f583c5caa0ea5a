"""`mubiao publish OUT/`: the tracker as a static site, rendered by the dashboard's own routes and templates.

The dashboard is built with `static=True` (no search, upload, API or forms)
and its pages are requested in-process, starting from the overview and
following every link that a static site can hold (`PUBLISHED`): the overview,
the tracker of each region, the verdict lists (per region and per verdict)
and each verdict, the documents they quote, the methodology, and the verdict
lists as CSV. Each page is written as `path/index.html` (`path/k-v.html` with
a query) and its links made relative, so the folder works from any web host or
straight from the disk. A link to a page a static site cannot hold (a search,
a filter form) keeps its text and loses its link.

The links are rewritten with regular expressions over our own templates'
markup: every attribute is written `name="…"` and every text of a document is
escaped by Jinja2, so `href="` only ever starts a real attribute.
"""

from __future__ import annotations

import asyncio
import html
import posixpath
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from mubiao.web.app import HERE, create_app

#: Pages a static site holds: a path pattern and the query parameters it may carry.
PUBLISHED: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = (
    (re.compile(r"/"), frozenset()),
    (re.compile(r"/tracker"), frozenset()),
    (re.compile(r"/tracker/[^/]+"), frozenset({"page"})),
    (re.compile(r"/verdicts"), frozenset({"region", "verdict", "page"})),
    (re.compile(r"/verdicts/\d+"), frozenset()),
    (re.compile(r"/verdicts\.csv"), frozenset({"region", "verdict"})),
    (re.compile(r"/documents/\d+"), frozenset({"page"})),
    (re.compile(r"/methodology"), frozenset()),
)
#: The static files the pages use (Swagger UI is left out: there is no API).
ASSETS = ("style.css", "links.js", "charts.js", "document.js", "favicon.svg", "vendor/echarts")

_ANCHOR = re.compile(r'<a\b([^>]*?)\shref="(/[^"]*)"([^>]*)>(.*?)</a>', re.DOTALL)
_ATTRIBUTE = re.compile(r'\b(href|src)="(/[^"]*)"')


@dataclass(slots=True)
class Published:
    """What `publish` wrote: pages and downloads (paths relative to the folder), and links it dropped."""

    folder: Path
    pages: list[str] = field(default_factory=list)
    downloads: list[str] = field(default_factory=list)
    unlinked: set[str] = field(default_factory=set)

    def to_dict(self) -> dict[str, Any]:
        return {"folder": str(self.folder), "pages": len(self.pages), "downloads": len(self.downloads)}


def publishable(url: str) -> bool:
    """Whether a site-absolute URL (path and query) is a page or download of the static site."""
    parts = urlsplit(url)
    keys = {k for k, _ in parse_qsl(parts.query, keep_blank_values=True)}
    path = unquote(parts.path)
    return any(pattern.fullmatch(path) and keys <= allowed for pattern, allowed in PUBLISHED)


def file_for(url: str) -> str:
    """The file (relative to the site folder) of a site-absolute URL: /tracker/衡阳市 → tracker/衡阳市/index.html."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if path.startswith("/static/"):
        return path[1:]
    query = sorted(parse_qsl(parts.query, keep_blank_values=True))
    name = "--".join(f"{k}-{_safe(v)}" for k, v in query)
    stem, dot, suffix = path.rpartition(".")
    if dot and "/" not in suffix:  # a download: /verdicts.csv?region=X → verdicts--region-X.csv
        return f"{stem.strip('/')}{'--' + name if name else ''}.{suffix}"
    folder = path.strip("/")
    return posixpath.join(folder, f"{name}.html" if name else "index.html") if folder else (
        f"index--{name}.html" if name else "index.html")


def _safe(value: str) -> str:
    """A query value as part of a file name (no separators, nothing a web host would read as a path)."""
    return re.sub(r'[/\\?#%*:|"<>\s.]', "_", value)[:80]


def relative(source_file: str, url: str) -> str:
    """The link from the page `source_file` to `url`, percent-encoded, keeping its #fragment."""
    base, _, fragment = url.partition("#")
    target = file_for(base) if base else source_file
    link = posixpath.relpath(target, posixpath.dirname(source_file) or ".")
    return quote(link, safe="/-_.~") + (f"#{fragment}" if fragment else "")


def rewrite(page: str, source_file: str, found: set[str], unlinked: set[str]) -> str:
    """`page` with its links relative to `source_file`; site links it may hold are added to `found`."""

    def anchor(m: re.Match[str]) -> str:
        url = html.unescape(m.group(2))
        base = url.partition("#")[0]
        if not base or base.startswith("/static/") or publishable(base):
            return m.group(0)  # rewritten below
        unlinked.add(base)
        return f'<span class="unlinked"{m.group(1)}{m.group(3)}>{m.group(4)}</span>'

    def attribute(m: re.Match[str]) -> str:
        url = html.unescape(m.group(2))
        if url.startswith("//"):
            return m.group(0)
        base = url.partition("#")[0]
        if base and not base.startswith("/static/"):
            found.add(base)
        return f'{m.group(1)}="{html.escape(relative(source_file, url))}"'

    return _ATTRIBUTE.sub(attribute, _ANCHOR.sub(anchor, page))


def publish(store_url: str | None, folder: str | Path, *, report_url: str | None = None,
            max_pages: int = 200_000) -> Published:
    """Write the static site of the store at `store_url` into `folder` (created; files there are replaced)."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    app = create_app(store_url, static=True, report_url=report_url)
    state = app.state.web
    try:
        from mubiao.web.tracking import all_summary

        all_summary(state.cache)  # every region's verdicts, so the overview shows its chart
        result = asyncio.run(_crawl(app, out, max_pages))
    finally:
        state.store.close()
    for asset in ASSETS:
        source, target = HERE / "static" / asset, out / "static" / asset
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            shutil.copyfile(source, target)
    return result


async def _crawl(app: Any, out: Path, max_pages: int) -> Published:
    result = Published(out)
    queue, seen = ["/"], {"/"}
    while queue and len(seen) <= max_pages:
        url = queue.pop(0)
        status, media, body = await _get(app, url)
        if status != 200:
            raise RuntimeError(f"publish: {url} answered {status}")
        name = file_for(url)
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if not media.startswith("text/html"):
            target.write_bytes(body)
            result.downloads.append(name)
            continue
        found: set[str] = set()
        page = rewrite(body.decode("utf-8"), name, found, result.unlinked)
        target.write_text(page, encoding="utf-8")
        result.pages.append(name)
        for link in sorted(found):
            if link not in seen and publishable(link):
                seen.add(link)
                queue.append(link)
    return result


async def _get(app: Any, url: str) -> tuple[int, str, bytes]:
    """One GET of `url` through the application in this process (no server, no socket)."""
    parts = urlsplit(url)
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
        "path": unquote(parts.path), "raw_path": parts.path.encode(), "query_string": parts.query.encode(),
        "root_path": "", "headers": [(b"host", b"localhost"), (b"accept", b"text/html")],
        "client": ("127.0.0.1", 0), "server": ("localhost", 80), "state": {},
    }
    sent: dict[str, Any] = {"status": 500, "headers": [], "body": b""}

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            sent["status"] = message["status"]
            sent["headers"] = message.get("headers", [])
        elif message["type"] == "http.response.body":
            sent["body"] += message.get("body", b"")

    await app(scope, receive, send)
    media = next((v.decode() for k, v in sent["headers"] if k.lower() == b"content-type"), "")
    return int(sent["status"]), media, bytes(sent["body"])

