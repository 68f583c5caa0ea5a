"""The digest stage on stored documents: DOC as an id, tasks and projects written to the store."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from mubiao.cli import app
from mubiao.digest import build_digest, extract_projects, extract_tasks, open_source
from mubiao.digest.store import save_tasks, stored_projects, stored_tasks
from mubiao.errors import DocumentNotFound
from mubiao.store import Store

from .conftest import SAMPLES


@pytest.fixture()
def stored(db_url: str) -> tuple[str, int]:
    url = db_url
    with Store(url) as store:
        assert store.ingest(SAMPLES["2017"]).ok
        doc_id = int(store.documents()["document_id"].iloc[0])
    return url, doc_id


def test_store_digest_of_a_stored_document(stored) -> None:
    url, doc_id = stored
    from_store = build_digest(doc_id, db=url)
    from_file = build_digest(str(SAMPLES["2017"]))
    assert [k.theme for k in from_store.keywords] == [k.theme for k in from_file.keywords]
    assert len(from_store.targets) == len(from_file.targets)


def test_store_tasks_written_and_read_back(stored) -> None:
    url, doc_id = stored
    source = open_source(str(doc_id), db=url)
    tasks, projects = extract_tasks(source), extract_projects(source)
    with Store(url) as store:
        assert save_tasks(store, doc_id, tasks, projects) == len(tasks) + len(projects)
        assert save_tasks(store, doc_id, tasks, projects) == len(tasks) + len(projects)  # replaced, not doubled
        rows = stored_tasks(store, doc_id)
        assert [r["seq"] for r in rows] == [t.index for t in tasks]
        assert rows[0]["sentence"] == tasks[0].sentence and isinstance(rows[0]["section"], list)
        assert len(stored_projects(store, doc_id)) == len(projects)


def test_store_unknown_id_is_an_error(stored) -> None:
    url, _doc_id = stored
    with pytest.raises(DocumentNotFound):
        open_source(999, db=url)


def test_store_cli_by_id_and_save(stored) -> None:
    url, doc_id = stored
    runner = CliRunner()
    result = runner.invoke(app, ["digest", str(doc_id), "--db", url])
    assert result.exit_code == 0 and "## 关键词：" in result.stdout
    result = runner.invoke(app, ["tasks", str(doc_id), "--db", url, "--save", "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    with Store(url) as store:
        assert stored_tasks(store, doc_id)
    result = runner.invoke(app, ["projects", "999", "--db", url])
    assert result.exit_code == 2
