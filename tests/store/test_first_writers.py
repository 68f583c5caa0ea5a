"""Several first writers into one empty database at once: each opens the store, none fails on the
schema being created by another (issue 15, item 7)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy.engine import make_url

from tests.conftest import cli_env, drop_database, new_pg_database

OPEN_AND_INGEST = """
import sys, pathlib, tempfile
from mubiao.store import Store
folder = pathlib.Path(tempfile.mkdtemp())
path = folder / f"report_{sys.argv[2]}.txt"
path.write_text("2021年某市政府工作报告\\n一、2020年工作回顾\\n地区生产总值增长%s.5%%。\\n" % sys.argv[2], encoding="utf-8")
with Store(sys.argv[1]) as store:
    summary = store.ingest([path], region="衡阳市", year=2021)
    sys.exit(0 if summary.ok else 3)
"""


@pytest.mark.parametrize("trial", range(3))
def test_three_first_writers_into_an_empty_postgresql_database(trial: int) -> None:
    url, admin = new_pg_database()
    try:
        runs = [subprocess.Popen([sys.executable, "-c", OPEN_AND_INGEST, url, str(i)], env=cli_env(),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(3)]
        results = [(run.wait(timeout=120), run.stderr.read()) for run in runs]
        assert [code for code, _ in results] == [0, 0, 0], [err[-400:] for _, err in results]
    finally:
        drop_database(admin, str(make_url(url).database))
        admin.dispose()
