"""The digest stage: qualitative tasks, named projects, a 目标篇 digest and a 任务分解表.

    >>> from mubiao.digest import build_digest, extract_tasks, extract_projects, write_digest
    >>> tasks = extract_tasks("2021_衡阳市政府工作报告.txt")        # list[Task]
    >>> write_digest("2021_衡阳市政府工作报告.txt", "目标篇.docx")   # md, html or docx by suffix
    >>> write_task_table(tasks, "任务分解表.xlsx")                    # xlsx, csv or docx by suffix

Every function takes a file path, a text, a pipeline `Document`, a `Source` or a
stored document's id (with `db=`). See docs/digest.md.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from mubiao.digest.build import Digest, Keyword, Measure, build_digest
from mubiao.digest.projects import Project, extract_projects
from mubiao.digest.render import to_html, to_markdown
from mubiao.digest.source import Source, open_source
from mubiao.digest.table import COLUMNS, task_rows
from mubiao.digest.tasks import Task, extract_tasks
from mubiao.model import Document

__all__ = [
    "COLUMNS", "Digest", "Keyword", "Measure", "Project", "Source", "Task", "build_digest", "extract_projects",
    "extract_tasks", "open_source", "task_rows", "to_html", "to_markdown", "write_digest", "write_task_table",
]

DIGEST_FORMATS = ("md", "html", "docx")
TABLE_FORMATS = ("csv", "xlsx", "docx")


def write_digest(
    doc: Digest | Source | Document | str | os.PathLike[str] | int,
    path: str | os.PathLike[str],
    format: str | None = None,
    *,
    db: str | None = None,
) -> Path:
    """Write a document's digest to `path` as md, html or docx (by `format`, else the suffix)."""
    digest = doc if isinstance(doc, Digest) else build_digest(doc, db=db)
    fmt = _format(path, format, DIGEST_FORMATS)
    target = Path(path)
    if fmt == "docx":
        from mubiao.digest.word import write_digest_docx

        return write_digest_docx(digest, target)
    target.write_text(to_markdown(digest) if fmt == "md" else to_html(digest), encoding="utf-8")
    return target


def write_task_table(tasks: Sequence[Task], path: str | os.PathLike[str], format: str | None = None, title: str = "任务分解表") -> Path:
    """Write the 任务分解表 of `tasks` to `path` as csv, xlsx or docx (by `format`, else the suffix)."""
    from mubiao.digest import table

    return table.write_table(tasks, path, _format(path, format, TABLE_FORMATS), title)


def _format(path: str | os.PathLike[str], format: str | None, allowed: tuple[str, ...]) -> str:
    fmt = (format or Path(path).suffix.lstrip(".")).lower()
    fmt = {"markdown": "md", "htm": "html"}.get(fmt, fmt)
    if fmt not in allowed:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(allowed)}")
    return fmt
