"""`mubiao publish`: the static site of the demo store; every link resolves to a file, and document text stays text."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from typer.testing import CliRunner

from mubiao.cli import app as cli
from mubiao.samples import SAMPLES, sample_paths
from mubiao.store import Store
from mubiao.web.publish import file_for, publishable, relative
from tests.web.conftest import HOSTILE
from tests.web.test_security import ESCAPED, RAW


class Links(HTMLParser):
    """Every href and src of a page, the ids it defines, and its forms."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.forms = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = dict(attrs)
        self.forms += tag == "form"
        if given.get("id"):
            self.ids.add(str(given["id"]))
        for name in ("href", "src"):
            if given.get(name):
                self.links.append(str(given[name]))


def _store(folder: Path, hostile: bool) -> str:
    url = f"sqlite:///{folder / 'demo.db'}"
    with Store(url) as store:
        for path in sample_paths():
            region, year = SAMPLES[path.name]
            store.ingest(path, region=region, year=year)
        if hostile:
            report = folder / "hostile.txt"
            report.write_text(HOSTILE, encoding="utf-8")
            store.ingest(report, region="株洲市", year=2022)
    return url


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store (the two bundled samples) and a hostile report, published with the command."""
    folder = tmp_path_factory.mktemp("publish")
    url = _store(folder, hostile=True)
    out = folder / "site"
    run = CliRunner().invoke(cli, ["publish", str(out), "--db", url, "--report-url", "mailto:corrections@example.org"])
    assert run.exit_code == 0, run.output
    assert "pages" in run.output
    return out


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_site_has_index_regions_verdicts_methodology_and_csv(site: Path) -> None:
    names = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert "index.html" in names and "methodology/index.html" in names and "tracker/index.html" in names
    assert {"tracker/衡阳市/index.html", "tracker/株洲市/index.html"} <= names
    assert "verdicts/index.html" in names and "verdicts/region-衡阳市.html" in names
    assert any(n.startswith("verdicts/verdict-") for n in names), "a page per verdict"
    assert sum(n.startswith("verdicts/") and n.split("/")[1].isdigit() for n in names) > 50, "a page per verdict"
    assert "verdicts.csv" in names and "verdicts--region-衡阳市.csv" in names
    assert "static/vendor/echarts/echarts.min.js" in names and "static/style.css" in names
    csv = (site / "verdicts--region-衡阳市.csv").read_text(encoding="utf-8-sig")
    assert csv.splitlines()[0].startswith("编号,地区") and len(csv.splitlines()) > 50


def test_every_link_resolves_to_a_file(site: Path) -> None:
    pages = _pages(site)
    assert len(pages) > 60
    parsed = {}
    for page in pages:
        links = Links()
        links.feed(page.read_text(encoding="utf-8"))
        parsed[page] = links
    broken, checked = [], 0
    for page, links in parsed.items():
        assert links.forms == 0, f"{page}: a form cannot work on a static site"
        for link in links.links:
            parts = urlsplit(link)
            if parts.scheme in ("mailto", "data"):
                continue
            assert not parts.scheme and not link.startswith("/"), f"{page}: {link} is not relative"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            checked += 1
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} → {link}")
            elif parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else set()
                if parts.fragment not in ids:
                    broken.append(f"{page.relative_to(site)} → {link} (no #{parts.fragment})")
    assert checked > 1000
    assert broken == []


def test_static_pages_escape_document_text(site: Path) -> None:
    shown = 0
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        for raw in RAW:
            assert raw not in text, (page, raw)
        shown += any(e in text for e in ESCAPED)
    assert shown >= 1, "the hostile report is published (as text)"


def test_static_pages_have_no_server_links(site: Path) -> None:
    overview = (site / "index.html").read_text(encoding="utf-8")
    assert "搜索" not in overview.split("<main>")[0] and "/api/" not in overview
    assert 'href="mailto:corrections@example.org"' in overview, "the report-an-error link"
    assert "数据截至" in overview


@pytest.mark.parametrize(("url", "file"), [
    ("/", "index.html"),
    ("/tracker/衡阳市", "tracker/衡阳市/index.html"),
    ("/tracker/%E8%A1%A1%E9%98%B3%E5%B8%82?page=2", "tracker/衡阳市/page-2.html"),
    ("/verdicts?verdict=no+data&region=衡阳市", "verdicts/region-衡阳市--verdict-no_data.html"),
    ("/verdicts.csv?verdict=met", "verdicts--verdict-met.csv"),
    ("/static/vendor/echarts/echarts.min.js", "static/vendor/echarts/echarts.min.js"),
])
def test_file_for(url: str, file: str) -> None:
    assert file_for(url) == file


def test_only_static_pages_are_published() -> None:
    assert publishable("/verdicts?region=衡阳市&verdict=met")
    assert not publishable("/verdicts?canonical=x")
    assert not publishable("/search?q=GDP") and not publishable("/records") and not publishable("/api/overview")
    assert relative("verdicts/7/index.html", "/documents/3#r7") == "../../documents/3/index.html#r7"
    assert posixpath.normpath(relative("index.html", "/tracker/衡阳市")) == "tracker/%E8%A1%A1%E9%98%B3%E5%B8%82/index.html"
