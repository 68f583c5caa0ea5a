"""One stored document for the dashboard: its marked text, its digest (目标篇) and its tasks (任务分解表).

Everything here is built from `Store.read(id)` through the digest stage's
`Source` (cleaned text, outline, record spans in the cleaned text), computed
once per document and kept in the `StoreCache`. Downloads are written by the
digest stage's own writers (`write_digest`, the task table's `table_bytes`).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mubiao.digest import (
    Digest,
    Task,
    build_digest,
    extract_tasks,
    to_markdown,
    write_digest,
)
from mubiao.digest.render import target_rows
from mubiao.digest.source import Source, from_document
from mubiao.digest.table import COLUMNS, table_bytes, task_rows
from mubiao.export import get_format
from mubiao.store import StoredDocument
from mubiao.web import data, render
from mubiao.web.cache import StoreCache

DIGEST_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
TASK_TYPES = {fmt: get_format(fmt).media_type for fmt in ("csv", "xlsx", "docx")}


@dataclass(slots=True)
class Prepared:
    """A stored document read back and outlined, with its records as table rows."""

    info: StoredDocument
    source: Source
    records: list[dict[str, Any]]


def prepared(cache: StoreCache, doc_id: int) -> Prepared:
    """The document `doc_id` read back and outlined (raises DocumentNotFound)."""

    def compute() -> Prepared:
        store = cache.store
        info = store.document(doc_id)
        source = from_document(store.read(doc_id))
        return Prepared(info, source, data.document_record_rows(store.engine, doc_id))

    return cache.get(("doc", doc_id), compute)


def marked_text(cache: StoreCache, doc_id: int, original: bool = False) -> tuple[list[render.Paragraph], list[render.OutlineItem]]:
    """The paragraphs (records marked) and outline of the cleaned text, or of the original text."""
    doc = prepared(cache, doc_id)
    if original:
        return render.paragraphs(doc.source.document.original, render.original_spans(doc.records))
    spans = render.mapped_spans(doc.records, doc.source.record_spans)
    return render.paragraphs(doc.source.text, spans, cache.store.sections(doc_id))


def digest(cache: StoreCache, doc_id: int) -> Digest:
    return cache.get(("digest", doc_id), lambda: build_digest(prepared(cache, doc_id).source))


def tasks(cache: StoreCache, doc_id: int) -> list[Task]:
    return cache.get(("tasks", doc_id), lambda: extract_tasks(prepared(cache, doc_id).source))


def digest_view(d: Digest) -> dict[str, Any]:
    """The digest as plain data for a template or the API (runs: text and bold)."""
    words = d.words
    return {
        "doc": d.doc,
        "kind": d.kind,
        "title": d.title,
        "lead": d.lead,
        "goals_title": words.get("goals", "主要目标"),
        "goals": [[{"text": r.text, "bold": r.bold} for r in block] for block in d.goals],
        "keywords": [
            {
                "title": d.keyword_title(kw),
                "theme": kw.theme,
                "measures": [
                    {"title": d.measure_title(n, m), "body": [{"text": r.text, "bold": r.bold} for r in m.body]}
                    for n, m in enumerate(kw.measures, 1)
                ],
            }
            for kw in d.keywords
        ],
        "targets_title": words.get("targets", "主要目标一览"),
        "target_columns": list(words.get("target_columns", ["序号", "指标", "目标", "年份", "原文"])),
        "targets": target_rows(d),
    }


def tasks_view(items: list[Task]) -> dict[str, Any]:
    """The task table as columns and string rows, and each task as a dict."""
    return {"columns": list(COLUMNS), "rows": task_rows(items), "tasks": [t.to_dict() for t in items]}


def digest_file(d: Digest, fmt: str) -> bytes:
    """The digest as md, html or docx bytes."""
    if fmt == "md":
        return to_markdown(d).encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="mubiao-web-") as tmp:
        path = write_digest(d, Path(tmp) / f"digest.{fmt}", fmt)
        return path.read_bytes()


def tasks_file(items: list[Task], fmt: str, title: str = "任务分解表") -> bytes:
    """The task table as csv, xlsx or docx bytes."""
    return table_bytes(items, fmt, title)


def download_name(info: StoredDocument, what: str, fmt: str) -> str:
    """A file name for a download: 2021_衡阳市_目标篇.docx."""
    parts = [str(info.year) if info.year else "", info.region or "", what]
    return "_".join(p for p in parts if p) + f".{fmt}"
