"""Fixtures of the dashboard tests: a store of the bundled samples (and the seeds, when ../shared has them),
a hostile document, a TestClient, and a live server on 127.0.0.1 for the browser tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from mubiao.samples import SAMPLES, sample_paths
from mubiao.store import Store
from mubiao.web import create_app
from tests.conftest import SHARED

TOKEN = "test-token-5e1f9a"
#: A report whose text tries to run script in the page (and carries a number, so a record is marked around it).
HOSTILE = (
    "2022年株洲市政府工作报告\n"
    "一、2021年工作回顾\n"
    "全年地区生产总值增长8.5%。<script>window.__pwned = 1; alert('xss')</script>\n"
    "二、2022年工作安排\n"
    "地区生产总值增长7%左右<img src=x onerror=\"window.__pwned = 1; alert('img')\">，"
    "城镇登记失业率控制在4.5%以内。\n"
)


def seed_paths() -> list[Path]:
    folder = SHARED / "seeds"
    return sorted(folder.glob("*.txt")) if folder.is_dir() else []


def build_store(folder: Path) -> tuple[str, dict[str, int]]:
    """The test store: samples, seeds if present, and the hostile report; returns its URL and document ids."""
    url = f"sqlite:///{folder / 'web.db'}"
    ids: dict[str, int] = {}
    with Store(url) as store:
        for path in sample_paths():
            region, year = SAMPLES[path.name]
            outcome = store.ingest(path, region=region, year=year).outcomes[0]
            ids[path.name] = int(outcome.document_id or 0)
        for path in seed_paths():  # all of 衡阳市 (gold GUIDE.md); 000's head names no region
            store.ingest(path, region="衡阳市")
        hostile = folder / "hostile.txt"
        hostile.write_text(HOSTILE, encoding="utf-8")
        outcome = store.ingest(hostile, region="株洲市", year=2022).outcomes[0]
        assert outcome.status == "ingested", outcome
        ids["hostile"] = int(outcome.document_id or 0)
    return url, ids


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, int]]:
    return build_store(tmp_path_factory.mktemp("web-store"))


@pytest.fixture(scope="session")
def client(web_store: tuple[str, dict[str, int]]) -> Iterator[TestClient]:
    """A client of the dashboard, uploads off."""
    with TestClient(create_app(web_store[0])) as c:
        yield c


@pytest.fixture()
def fresh_store(tmp_path: Path) -> str:
    """A store of one sample, for tests that write."""
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    with Store(url) as store:
        path = sample_paths()[0]
        region, year = SAMPLES[path.name]
        store.ingest(path, region=region, year=year)
    return url


@pytest.fixture()
def writer(fresh_store: str) -> Iterator[TestClient]:
    """A client of a fresh store with uploads on (token TOKEN) and a 1 MB limit."""
    with TestClient(create_app(fresh_store, token=TOKEN, max_upload=1024 * 1024)) as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(web_store: tuple[str, dict[str, int]]) -> Iterator[str]:
    """The dashboard served by uvicorn in a thread on 127.0.0.1 and a free port; yields its base URL."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(create_app(web_store[0]), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the dashboard server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
