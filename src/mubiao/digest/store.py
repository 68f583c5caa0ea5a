"""Tasks and projects in the store: two tables of their own, written through `Store.engine`.

The tables (`digest_tasks`, `digest_projects`) live in a MetaData of this
package, created on first use (`CREATE TABLE IF NOT EXISTS`), so the store's
own schema and migrations are left as they are. Rows point at
`documents.id`; writing a document's tasks replaces the ones stored before.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import (
    Column,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
)

from mubiao.digest.projects import Project
from mubiao.digest.tasks import Task

if TYPE_CHECKING:  # pragma: no cover
    from mubiao.store import Store

metadata = MetaData()

tasks_table = Table(
    "digest_tasks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, nullable=False, index=True),  # documents.id
    Column("seq", Integer, nullable=False),  # 序号
    Column("section", Text, nullable=False),  # JSON array of headings
    Column("measure", Text, nullable=False),
    Column("verb", String(20), nullable=False),
    Column("object", Text, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("deadline", String(50), nullable=True),
    Column("year", Integer, nullable=True),
    Column("targets", Text, nullable=False),  # JSON array of record dicts
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("owner", Text, nullable=True),  # 责任单位, filled by the office
    Column("progress", Text, nullable=True),  # 进展
)

projects_table = Table(
    "digest_projects",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("status", String(20), nullable=True),
    Column("section", Text, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("year", Integer, nullable=True),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
)


def ensure_tables(engine: Engine) -> None:
    """Create the two tables where they are missing."""
    metadata.create_all(engine, checkfirst=True)


def save_tasks(store: Store, document_id: int, tasks: Sequence[Task], projects: Sequence[Project] = ()) -> int:
    """Replace a stored document's tasks (and projects); returns the number of rows written."""
    engine = store.engine
    ensure_tables(engine)
    with engine.begin() as conn:
        conn.execute(delete(tasks_table).where(tasks_table.c.document_id == document_id))
        conn.execute(delete(projects_table).where(projects_table.c.document_id == document_id))
        if tasks:
            conn.execute(insert(tasks_table), [_task_row(document_id, t) for t in tasks])
        if projects:
            conn.execute(insert(projects_table), [_project_row(document_id, p) for p in projects])
    return len(tasks) + len(projects)


def stored_tasks(store: Store, document_id: int) -> list[dict[str, object]]:
    """A stored document's tasks as dicts, in 序号 order (section and targets decoded)."""
    ensure_tables(store.engine)
    query = select(tasks_table).where(tasks_table.c.document_id == document_id).order_by(tasks_table.c.seq)
    with store.engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(query).mappings()]
    for row in rows:
        row["section"] = json.loads(str(row["section"]))
        row["targets"] = json.loads(str(row["targets"]))
    return rows


def stored_projects(store: Store, document_id: int) -> list[dict[str, object]]:
    """A stored document's projects as dicts, in text order."""
    ensure_tables(store.engine)
    query = select(projects_table).where(projects_table.c.document_id == document_id).order_by(projects_table.c.start_char)
    with store.engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(query).mappings()]
    for row in rows:
        row["section"] = json.loads(str(row["section"]))
    return rows


def _task_row(document_id: int, t: Task) -> dict[str, object]:
    return {
        "document_id": document_id, "seq": t.index, "section": json.dumps(list(t.section), ensure_ascii=False),
        "measure": t.measure, "verb": t.verb, "object": t.object, "sentence": t.sentence, "deadline": t.deadline,
        "year": t.year, "targets": json.dumps([r.to_dict() for r in t.records], ensure_ascii=False),
        "start_char": t.start, "end_char": t.end, "owner": None, "progress": None,
    }


def _project_row(document_id: int, p: Project) -> dict[str, object]:
    return {
        "document_id": document_id, "name": p.name, "kind": p.kind, "status": p.status,
        "section": json.dumps(list(p.section), ensure_ascii=False), "sentence": p.sentence,
        "year": p.year, "start_char": p.start, "end_char": p.end,
    }
