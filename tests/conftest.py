"""Shared fixtures: where the user's seeds and gold are, and the databases every store test runs on.

Tests that take `db_url` (or `store`) run against SQLite and against
PostgreSQL. PostgreSQL needs a server: set MUBIAO_TEST_PG to a URL whose user
may create databases (postgresql+psycopg://postgres:postgres@127.0.0.1:5432/postgres);
each test gets a database of its own, dropped afterwards. Without the variable
the PostgreSQL half of each test is skipped, saying so.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

import mubiao
from mubiao.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MUBIAO_SHARED", ROOT.parent / "shared"))

#: Seed files and the report year each belongs to (../shared/gold/GUIDE.md).
SEED_YEARS = {
    "000_53f8f221e47aee4f.txt": 2018,
    "001_3eaa4c9bae635409.txt": 2017,
    "002_b395784ce1fb8773.txt": 2019,
    "003_1394a1d998285cb9.txt": 2019,
    "004_6410479e007ff1ce.txt": 2021,
}


#: The region of the seeds (all five are reports of Hengyang).
SEED_REGION = "衡阳市"


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared (seeds, gold, formats); tests that need it skip where it is absent."""
    if not (SHARED / "seeds").is_dir() or not (SHARED / "gold").is_dir():
        pytest.skip(f"the user's seeds and gold are not here ({SHARED}); they stay outside the repository")
    return SHARED


# ---------------------------------------------------------------- databases

PG_ENV = "MUBIAO_TEST_PG"


def pg_server() -> str | None:
    return os.environ.get(PG_ENV) or None


def new_pg_database() -> tuple[str, Engine]:
    """A new, empty database on the MUBIAO_TEST_PG server: (its URL, the server's admin engine); skips without it."""
    server = pg_server()
    if not server:
        pytest.skip(f"PostgreSQL tests need {PG_ENV}=postgresql+psycopg://USER:PASSWORD@HOST:PORT/DB (see docs/store.md)")
    name = f"mubiao_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return make_url(server).set(database=name).render_as_string(hide_password=False), admin


@pytest.fixture()
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database (dropped after the test)."""
    url, admin = new_pg_database()
    try:
        yield url
    finally:
        drop_database(admin, str(make_url(url).database))
        admin.dispose()


def drop_database(admin: Engine, name: str, tries: int = 20) -> None:
    """Drop a test database; an autovacuum worker in it (which a non-superuser may not end) is waited out."""
    for attempt in range(tries):
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except DBAPIError:
            if attempt == tries - 1:
                raise
            time.sleep(0.5)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of an empty database: a SQLite file, or a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture()
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as opened:
        yield opened


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def seeded_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Iterator[str]:
    """A store holding the five seeds (region 衡阳市, their report years), built once per backend and module."""
    admin = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('seeds') / 'seeds.db'}"
    else:
        url, admin = new_pg_database()
    try:
        with Store(url) as opened:
            by_year: dict[int, list[Path]] = {}
            for name, year in SEED_YEARS.items():
                by_year.setdefault(year, []).append(shared / "seeds" / name)
            for year, files in sorted(by_year.items()):
                assert opened.ingest(files, region=SEED_REGION, year=year).ok
        yield url
    finally:
        if admin is not None:
            drop_database(admin, str(make_url(url).database))
            admin.dispose()


# ---------------------------------------------------------------- the command line in a child process

SRC = str(Path(mubiao.__file__).resolve().parents[1])


def cli_env(**extra: str) -> dict[str, str]:
    """The environment of a child `python -m mubiao`, with this checkout importable."""
    path = os.pathsep.join(filter(None, [SRC, os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, **extra}


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m mubiao ARGS` in a child process."""
    command = [sys.executable, "-m", "mubiao", *args]
    return subprocess.run(command, capture_output=True, text=True, env=cli_env(**env), timeout=600)
