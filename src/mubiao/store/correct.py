"""Correcting what the store holds: remove a document, or set its region, year or kind.

A document stored with a wrong region (a title that named none, a guess the user
disagrees with) must be fixable without losing anything else. Setting a field
re-reads the document's stored text through the pipeline with the new facts, so
every record's region, report year and the years derived from it, its canonical
indicator, its sections and the search index are all derived again, exactly as an
ingest with `--region/--year/--kind` would have made them. The document keeps its id
and version: it is the same text, corrected.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, delete, select

from mubiao.errors import DocumentNotFound
from mubiao.load import LoadedText
from mubiao.store import schema as s
from mubiao.store.engine import WRITE
from mubiao.store.ingest import prepare_document
from mubiao.store.write import delete_contents, replace_contents


@dataclass(frozen=True, slots=True)
class Correction:
    """What a correction changed: the document, and each field as it was and as it is."""

    document_id: int
    name: str
    changes: dict[str, tuple[object, object]]
    records: int

    def __str__(self) -> str:
        if not self.changes:
            return f"document {self.document_id} ({self.name}): nothing to change"
        said = ", ".join(f"{field} {old or '—'} → {new or '—'}" for field, (old, new) in self.changes.items())
        return f"document {self.document_id} ({self.name}): {said}; {self.records} records derived again"


def remove_document(engine: Engine, doc_id: int) -> str:
    """Delete a document with everything derived from it (records, passages and their index
    entries, sections, text, versions); its name. DocumentNotFound when there is none."""
    with engine.connect().execution_options(**WRITE) as conn, conn.begin():
        name = conn.execute(select(s.documents.c.name).where(s.documents.c.id == doc_id)).scalar()
        if name is None:
            raise DocumentNotFound(id=doc_id)
        delete_contents(conn, doc_id)
        conn.execute(delete(s.document_versions).where(s.document_versions.c.document_id == doc_id))
        conn.execute(delete(s.documents).where(s.documents.c.id == doc_id))
    return str(name)


def update_document(
    engine: Engine, doc_id: int, *, region: str | None = None, year: int | None = None, kind: str | None = None
) -> Correction:
    """Set a stored document's region, report year or kind (None: keep it) and derive its
    records again from its stored text. DocumentNotFound when there is none."""
    from mubiao.pipeline import read_document

    d, r = s.documents, s.regions
    with engine.connect().execution_options(**WRITE) as conn, conn.begin():
        row = conn.execute(
            select(d.c.name, d.c.source_path, d.c.format, d.c.report_year, d.c.kind, r.c.name.label("region"),
                   s.document_texts.c.original)
            .select_from(d.outerjoin(r, d.c.region_id == r.c.id).join(s.document_texts, s.document_texts.c.document_id == d.c.id))
            .where(d.c.id == doc_id)
        ).first()  # fmt: skip
        if row is None:
            raise DocumentNotFound(id=doc_id)
        wanted = {"region": region or row.region, "year": year or row.report_year, "kind": kind or row.kind}
        was = {"region": row.region, "year": row.report_year, "kind": row.kind}
        changes = {f: (was[f], wanted[f]) for f in wanted if wanted[f] != was[f]}
        if not changes:
            return Correction(doc_id, row.name, {}, 0)
        loaded = LoadedText(row.source_path, row.name, row.original, row.format, None)
        doc = read_document(loaded, region=wanted["region"], year=wanted["year"], kind=wanted["kind"])
        prepared = prepare_document(doc, row.source_path or row.name, conn.dialect.name)
        replace_contents(conn, doc_id, prepared)
    return Correction(doc_id, row.name, changes, len(prepared.records))

