"""Fixtures of the store tests: every test runs against SQLite and PostgreSQL.

PostgreSQL tests need a server: set MUBIAO_TEST_PG to a URL whose user may
create databases (postgresql+psycopg://postgres:postgres@127.0.0.1:5432/postgres);
each test gets a database of its own, dropped afterwards. Without the variable
the PostgreSQL half of each test is skipped, saying so.
"""

from __future__ import annotations

import hashlib
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
from mubiao.model import Document, Record, Section
from mubiao.store import Store

PG_ENV = "MUBIAO_TEST_PG"
SRC = str(Path(mubiao.__file__).resolve().parents[1])


def pg_server() -> str | None:
    return os.environ.get(PG_ENV) or None


@pytest.fixture()
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database (dropped after the test)."""
    server = pg_server()
    if not server:
        pytest.skip(f"PostgreSQL tests need {PG_ENV}=postgresql+psycopg://USER:PASSWORD@HOST:PORT/DB (see docs/store.md)")
    name = f"mubiao_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        drop_database(admin, name)
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


@pytest.fixture()
def seeds(shared: Path) -> Path:
    return shared / "seeds"


def make_document(
    name: str = "hand.txt",
    paragraphs: tuple[str, ...] = ("一、2020年工作回顾", "全年地区生产总值增长8.5%，坚决打赢脱贫攻坚战，脱贫3.5万人。"),
    region: str | None = "衡阳市",
    year: int | None = 2021,
    kind: str = "report",
    path: str | None = None,
) -> Document:
    """A small document built by hand: one section per heading-like first paragraph, a record per number."""
    text_ = "\n".join(paragraphs)
    first = paragraphs[0]
    section = Section(1, first, (first,), 0, len(text_))
    records = []
    for i, para in enumerate(paragraphs[1:], start=1):
        start = text_.index(para)
        records.append(
            Record(
                doc=name,
                quote=para[:20],
                kind="achievement",
                indicator=f"指标{i}",
                value=8.5 + i,
                value_max=None if i % 2 else 10.0 + i,
                unit="%",
                comparator="=",
                measure="growth",
                year=2020,
                period_start=None if i % 2 else 2016,
                section=(first,),
                start=start,
                end=start + 20,
                region=region,
                report_year=year,
                number_text=f"{8.5 + i}%",
            )
        )
    return Document(
        name=name,
        path=path,
        format="txt",
        title=f"{year}年{region}政府工作报告",
        region=region,
        year=year,
        kind=kind,
        original=text_,
        text=text_,
        content_hash=hashlib.sha256(text_.encode()).hexdigest(),
        sections=(section,),
        records=tuple(records),
    )


def cli_env(**extra: str) -> dict[str, str]:
    """The environment of a child `python -m mubiao`, with this checkout importable."""
    path = os.pathsep.join(filter(None, [SRC, os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, **extra}


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m mubiao ARGS` in a child process."""
    command = [sys.executable, "-m", "mubiao", *args]
    return subprocess.run(command, capture_output=True, text=True, env=cli_env(**env), timeout=600)
